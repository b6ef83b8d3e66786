import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { ContentPage } from "~/components/content-page";
import { organisationKindLabel } from "~/domain/identity/organisation-kinds";
import { getUserProfile } from "~/domain/identity/users.server";
import { formatAbsolute } from "~/domain/shared/dates";
import { getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.profile.displayName ?? "Profil"} — CICCLO Interop` },
];

const ROLE_LABELS = { member: "Membre", moderator: "Modérateur", admin: "Administrateur" } as const;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const profile = await orHttpError(async () => getUserProfile(await getDb(), params.username ?? ""));
  const viewer = await getViewer(request, context);
  return { profile, isSelf: viewer.kind === "session" && viewer.user.username === profile.username };
}

export default function UserProfile() {
  const { profile, isSelf } = useLoaderData<typeof loader>();
  return (
    <ContentPage title={profile.displayName}>
      <dl>
        <dt className="fr-text--bold">Identifiant</dt>
        <dd className="fr-mb-2w">@{profile.username}</dd>
        <dt className="fr-text--bold">Organisation</dt>
        <dd className="fr-mb-2w">
          {profile.organisation
            ? [profile.organisation.label, organisationKindLabel(profile.organisation.kind)].filter(Boolean).join(" — ")
            : "Non renseignée"}
        </dd>
        <dt className="fr-text--bold">Rôle</dt>
        <dd className="fr-mb-2w">{ROLE_LABELS[profile.role]}</dd>
        <dt className="fr-text--bold">Groupes</dt>
        <dd className="fr-mb-2w">
          {profile.groups.length ? profile.groups.map((group) => group.label).join(", ") : "Aucun"}
        </dd>
        <dt className="fr-text--bold">Membre depuis le</dt>
        <dd className="fr-mb-2w">{formatAbsolute(profile.createdAt)}</dd>
      </dl>
      {isSelf ? (
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Link className="fr-btn fr-btn--secondary" to="preferences/security">
              Mes sessions
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" to="preferences/api-keys">
              Mes clés d&apos;API
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" to="preferences/filters">
              Mes filtres enregistrés
            </Link>
          </li>
        </ul>
      ) : null}
    </ContentPage>
  );
}
