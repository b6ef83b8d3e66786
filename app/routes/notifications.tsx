import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { ContentPage } from "~/components/content-page";
import { CsrfInput } from "~/components/forms";
import { RelativeTime } from "~/components/relative-time";
import {
  listNotifications,
  markNotificationsRead,
  type NotificationKind,
  type NotificationView,
} from "~/domain/forum/notifications.server";
import { requireSignedIn } from "~/domain/identity/viewer";
import { requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Notifications — CICCLO Interop" }];

const WHAT: Record<NotificationKind, string> = {
  mention: "vous a mentionné dans",
  group_mention: "a mentionné l'un de vos groupes dans",
  reply: "vous a répondu dans",
  quote: "vous a cité dans",
  reaction: "a réagi à votre message dans",
  posted: "a écrit dans",
  assigned: "vous a assigné le sujet",
  reminder: "",
  answer_accepted: "a choisi votre réponse comme solution dans",
  status_changed: "a changé le statut de",
  test_flipped: "a envoyé un passage de tests qui change le résultat d'un test lié à",
};

/** The sentence before the topic's link. */
function describe(notification: NotificationView): string {
  switch (notification.kind) {
    case "assigned":
      return notification.team
        ? `${notification.actor} a assigné à votre équipe ${notification.team} le sujet `
        : `${notification.actor} ${WHAT.assigned} `;
    case "reminder":
      return `Rappel : aucune activité depuis ${notification.days ?? "plusieurs"} jours sur le sujet qui vous est assigné `;
    default:
      return `${notification.actor} ${WHAT[notification.kind]} `;
  }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  const before = Number(new URL(request.url).searchParams.get("before"));
  return listNotifications(await getDb(), user.id, { beforeId: before > 0 ? before : undefined });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  const form = await request.formData();
  requireCsrf(viewer, form);
  await markNotificationsRead(await getDb(), user.id, "all");
  return { ok: true };
}

export default function Notifications() {
  const { notifications, nextBeforeId } = useLoaderData<typeof loader>();
  return (
    <ContentPage title="Notifications">
      {notifications.some((notification) => !notification.read) ? (
        <Form method="post" className="fr-mb-3w">
          <CsrfInput />
          <button className="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
            Tout marquer comme lu
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? <p>Aucune notification.</p> : null}
      <ul className="fr-raw-list">
        {notifications.map((notification) => (
          <li key={notification.id} className={`fr-py-2w${notification.read ? "" : " fr-text--bold"}`}>
            {notification.read ? null : <span className="fr-badge fr-badge--sm fr-badge--new fr-mr-1w">Non lue</span>}
            {describe(notification)}
            <Link
              to={`/t/${notification.topicSlug}/${notification.topicId}/${notification.postNumber}#post-${notification.postNumber}`}
            >
              {notification.topicTitle}
            </Link>
            {notification.detail ? ` : ${notification.detail}` : null}{" "}
            <span className="fr-text--sm fr-text--regular">
              (<RelativeTime date={notification.createdAt} />)
            </span>
          </li>
        ))}
      </ul>
      {nextBeforeId ? <Link to={`?before=${nextBeforeId}`}>Notifications plus anciennes</Link> : null}
      <p className="fr-text--sm fr-mt-4w">
        Réglez le suivi de chaque sujet, catégorie ou étiquette depuis sa page : « Surveiller » vous notifie à chaque
        message.
      </p>
    </ContentPage>
  );
}
