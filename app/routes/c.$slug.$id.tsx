import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { OlderTopicsLink } from "~/components/older-topics-link";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { TopicList, withTopicsAsJsonText } from "~/components/topic-list";
import { canCreateTopic } from "~/domain/forum/permissions";
import { loadCategoryRules } from "~/domain/forum/posting.server";
import { getCategory, parseTopicListOrder } from "~/domain/forum/topics.server";
import { data } from "@remix-run/node";
import { TopicFilterBar } from "~/components/tracker/topic-filter-bar";
import { readerOfUser } from "~/domain/forum/permissions";
import { requireSignedIn } from "~/domain/identity/viewer";
import { filteredTopicPage, listSavedFilters, saveFilter, scopedQuery } from "~/domain/tracker/list-filter.server";
import { getReader, requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { WatchLevelForm } from "~/components/watch-level-form";
import { FormResult } from "~/components/forms";
import { readerOf } from "~/domain/forum/permissions";
import { parseLevel, setCategoryLevel, watchLevelOf } from "~/domain/forum/read-state.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction, orHttpError, requireIdParam } from "~/infra/responses.server";
import { useActionData } from "@remix-run/react";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.category.name ?? "Catégorie"} — CICCLO Interop` },
  { name: "description", content: data?.category.description ?? "" },
  ...(data
    ? [
        {
          tagName: "link",
          rel: "alternate",
          type: "application/rss+xml",
          href: `/c/${data.category.slug}/${data.category.id}.rss`,
          title: `${data.category.name} (RSS)`,
        },
      ]
    : []),
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const reader = await getReader(request, context);
  const db = await getDb();
  const category = await orHttpError(() => getCategory(db, reader, id));
  if (params.slug !== category.slug) throw redirect(`/c/${category.slug}/${category.id}`, 301);
  const rules = (await loadCategoryRules(db, id))!.rules;
  const order = parseTopicListOrder(new URL(request.url).searchParams.get("order"), category.votingEnabled);
  const level = await watchLevelOf(db, reader.userId, { categoryId: id });
  const page = await filteredTopicPage(db, reader, new URL(request.url), {
    categoryId: id,
    order,
    readCache: context.readCache,
  });
  const body = {
    category,
    level,
    order,
    canCreate: canCreateTopic(reader, rules),
    signedIn: reader.role !== "anonymous",
    savedFilters: await listSavedFilters(db, reader.userId),
    ...withTopicsAsJsonText(page, context),
  };
  return page.error ? data(body, { status: 422 }) : body;
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const id = requireIdParam(params.id);
  const viewer = await requireSessionUser(request, context);
  const form = await request.formData();
  requireCsrf(viewer, form);
  if (form.get("intent") === "save-filter") {
    const user = authorize(() => requireSignedIn(viewer));
    return formAction(async () => {
      const db = await getDb();
      const category = await getCategory(db, readerOfUser(user), id);
      const saved = await saveFilter(db, user.id, readerOfUser(user), {
        name: String(form.get("name") ?? ""),
        query: scopedQuery(String(form.get("q") ?? ""), { category: category.slug }),
      });
      return { message: `Le filtre « ${saved.name} » est enregistré.` };
    });
  }
  return formAction(async () => {
    await setCategoryLevel(await getDb(), readerOf(viewer), id, parseLevel(form.get("level")));
    return { message: "Votre niveau de suivi a été enregistré." };
  });
}

export default function CategoryPage() {
  const { category, canCreate, signedIn, topics, nextCursor, level, order, q, error, savedFilters } =
    useLoaderData<typeof loader>();
  const path = `/c/${category.slug}/${category.id}`;
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={[
          { label: "Discussions", to: "/latest" },
          { label: "Catégories", to: "/categories" },
        ]}
        current={category.name}
      />
      <h1>{category.name}</h1>
      <p className="fr-text--lead">{category.description}</p>
      <FormResult result={result} />
      {level !== null ? <WatchLevelForm level={level} label="Suivi de cette catégorie" /> : null}
      {canCreate ? (
        <p>
          <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to={`/new-topic?category=${category.id}`}>
            Nouveau sujet
          </Link>
        </p>
      ) : !signedIn ? (
        <p>
          <Link to={`/login?returnTo=${encodeURIComponent(`/c/${category.slug}/${category.id}`)}`}>Connectez-vous</Link>{" "}
          pour ouvrir un sujet.
        </p>
      ) : null}
      {category.votingEnabled ? (
        <nav aria-label="Ordre des sujets">
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mb-2w">
            <li>
              <Link
                className={`fr-btn fr-btn--sm${order === "votes" ? " fr-btn--secondary" : ""}`}
                to={path}
                aria-current={order === "votes" ? undefined : "page"}
              >
                Par activité
              </Link>
            </li>
            <li>
              <Link
                className={`fr-btn fr-btn--sm${order === "votes" ? "" : " fr-btn--secondary"}`}
                to={`${path}?order=votes`}
                aria-current={order === "votes" ? "page" : undefined}
              >
                Par votes
              </Link>
            </li>
          </ul>
        </nav>
      ) : null}
      <TopicFilterBar
        path={path}
        q={q}
        error={error}
        signedIn={signedIn}
        savedFilters={savedFilters}
        saveError={result && !result.ok ? (result.fieldErrors.name ?? result.fieldErrors.q) : undefined}
      />
      <TopicList
        topics={topics}
        caption={`Sujets de la catégorie ${category.name}, ${order === "votes" ? "par nombre de votes" : "par dernière activité"}`}
      />
      <OlderTopicsLink
        cursor={nextCursor}
        params={{ q, ...(order === "votes" ? { order } : {}) }}
        label={order === "votes" ? "Sujets suivants" : undefined}
      />
    </div>
  );
}
