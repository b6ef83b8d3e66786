import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { OlderTopicsLink } from "~/components/older-topics-link";
import { Breadcrumb } from "~/components/breadcrumb";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { FormResult } from "~/components/forms";
import { TopicList, withTopicsAsJsonText } from "~/components/topic-list";
import { TopicFilterBar } from "~/components/tracker/topic-filter-bar";
import { readerOfUser } from "~/domain/forum/permissions";
import { requireSignedIn } from "~/domain/identity/viewer";
import { filteredTopicPage, listSavedFilters, saveFilter } from "~/domain/tracker/list-filter.server";
import { getReader, requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction } from "~/infra/responses.server";

export const meta: MetaFunction = () => [
  { title: "Discussions récentes — CICCLO Interop" },
  { name: "description", content: "Les derniers sujets du canal de discussion CICCLO Interop." },
  {
    tagName: "link",
    rel: "alternate",
    type: "application/rss+xml",
    href: "/latest.rss",
    title: "Derniers sujets (RSS)",
  },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const reader = await getReader(request, context);
  const db = await getDb();
  const page = await filteredTopicPage(db, reader, new URL(request.url), { readCache: context.readCache });
  const body = {
    ...withTopicsAsJsonText(page, context),
    signedIn: reader.role !== "anonymous",
    savedFilters: await listSavedFilters(db, reader.userId),
  };
  // A refused filter still shows the page, with its message above the list, under a 422.
  return page.error ? data(body, { status: 422 }) : body;
}

/** "Enregistrer ce filtre". */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  const form = await request.formData();
  requireCsrf(viewer, form);
  return formAction(async () => {
    const saved = await saveFilter(await getDb(), user.id, readerOfUser(user), {
      name: String(form.get("name") ?? ""),
      query: String(form.get("q") ?? ""),
    });
    return { message: `Le filtre « ${saved.name} » est enregistré.` };
  });
}

export default function LatestTopics() {
  const { topics, nextCursor, signedIn, q, error, savedFilters } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb current="Discussions" />
      <h1>Discussions récentes</h1>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-2w">
        {signedIn ? (
          <>
            <li>
              <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to="/new-topic">
                Nouveau sujet
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" to="/unread">
                Non lus
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" to="/new">
                Nouveaux
              </Link>
            </li>
          </>
        ) : null}
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/top">
            Les plus actifs
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/categories">
            Catégories
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/tags">
            Étiquettes
          </Link>
        </li>
      </ul>
      <FormResult result={result} />
      <TopicFilterBar
        path="/latest"
        q={q}
        error={error}
        signedIn={signedIn}
        savedFilters={savedFilters}
        saveError={result && !result.ok ? (result.fieldErrors.name ?? result.fieldErrors.q) : undefined}
      />
      <TopicList topics={topics} caption="Sujets classés par dernière activité" />
      <OlderTopicsLink cursor={nextCursor} params={{ q }} />
    </div>
  );
}
