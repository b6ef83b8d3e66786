import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { OlderTopicsLink } from "~/components/older-topics-link";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormResult } from "~/components/forms";
import { WatchLevelForm } from "~/components/watch-level-form";
import { readerOf } from "~/domain/forum/permissions";
import { parseLevel, setTagLevel, watchLevelOf } from "~/domain/forum/read-state.server";
import { getTag } from "~/domain/forum/tags.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { TopicList, withTopicsAsJsonText } from "~/components/topic-list";
import { data } from "@remix-run/node";
import { TopicFilterBar } from "~/components/tracker/topic-filter-bar";
import { readerOfUser } from "~/domain/forum/permissions";
import { requireSignedIn } from "~/domain/identity/viewer";
import { filteredTopicPage, listSavedFilters, saveFilter, scopedQuery } from "~/domain/tracker/list-filter.server";
import { getReader, requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction, orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Étiquette ${data?.tag ?? ""} — CICCLO Interop` },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const tag = String(params.tag ?? "").toLowerCase();
  const db = await getDb();
  const found = await orHttpError(() => getTag(db, tag));
  const reader = await getReader(request, context);
  const level = await watchLevelOf(db, reader.userId, { tagId: found.id });
  const page = await filteredTopicPage(db, reader, new URL(request.url), { tag, readCache: context.readCache });
  const body = {
    tag,
    level,
    signedIn: reader.role !== "anonymous",
    savedFilters: await listSavedFilters(db, reader.userId),
    ...withTopicsAsJsonText(page, context),
  };
  return page.error ? data(body, { status: 422 }) : body;
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const form = await request.formData();
  requireCsrf(viewer, form);
  if (form.get("intent") === "save-filter") {
    const user = authorize(() => requireSignedIn(viewer));
    return formAction(async () => {
      const saved = await saveFilter(await getDb(), user.id, readerOfUser(user), {
        name: String(form.get("name") ?? ""),
        query: scopedQuery(String(form.get("q") ?? ""), { tag: String(params.tag ?? "").toLowerCase() }),
      });
      return { message: `Le filtre « ${saved.name} » est enregistré.` };
    });
  }
  return formAction(async () => {
    await setTagLevel(
      await getDb(),
      readerOf(viewer),
      String(params.tag ?? "").toLowerCase(),
      parseLevel(form.get("level")),
    );
    return { message: "Votre niveau de suivi a été enregistré." };
  });
}

export default function TagPage() {
  const { tag, topics, nextCursor, level, q, error, signedIn, savedFilters } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={[
          { label: "Discussions", to: "/latest" },
          { label: "Étiquettes", to: "/tags" },
        ]}
        current={tag}
      />
      <h1>Sujets étiquetés « {tag} »</h1>
      <FormResult result={result} />
      {level !== null ? <WatchLevelForm level={level} label="Suivi de cette étiquette" /> : null}
      <TopicFilterBar
        path={`/tag/${tag}`}
        q={q}
        error={error}
        signedIn={signedIn}
        savedFilters={savedFilters}
        saveError={result && !result.ok ? (result.fieldErrors.name ?? result.fieldErrors.q) : undefined}
      />
      <TopicList topics={topics} caption={`Sujets étiquetés ${tag}, par dernière activité`} />
      <OlderTopicsLink cursor={nextCursor} params={{ q }} />
    </div>
  );
}
