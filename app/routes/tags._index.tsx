import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { ContentPage } from "~/components/content-page";
import { CsrfInput, FormResult } from "~/components/forms";
import { createTag, listTags } from "~/domain/forum/tags.server";
import { requireSignedIn } from "~/domain/identity/viewer";
import { getReader, getViewer, requireCsrf } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Étiquettes — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const reader = await getReader(request, context);
  return {
    tags: await listTags(await getDb(), reader),
    canCreate: reader.role === "moderator" || reader.role === "admin",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  const form = await request.formData();
  requireCsrf(viewer, form);
  return formAction(async () => {
    const tag = await createTag(await getDb(), user, {
      name: String(form.get("name") ?? ""),
      description: String(form.get("description") ?? ""),
    });
    return { message: `L'étiquette « ${tag.name} » a été créée.` };
  });
}

export default function Tags() {
  const { tags, canCreate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  return (
    <ContentPage title="Étiquettes">
      <FormResult result={result} />
      {tags.length === 0 ? <p>Aucune étiquette pour le moment.</p> : null}
      <ul className="fr-tags-group fr-mb-4w">
        {tags.map((tag) => (
          <li key={tag.name}>
            <Link className="fr-tag" to={`/tag/${tag.name}`} title={tag.description || undefined}>
              {`${tag.name} (${tag.topicCount})`}
            </Link>
          </li>
        ))}
      </ul>
      {canCreate ? (
        <Form method="post">
          <CsrfInput />
          <h2 className="fr-h5">Nouvelle étiquette</h2>
          <div className={`fr-input-group${fieldErrors.name ? " fr-input-group--error" : ""}`}>
            <label className="fr-label" htmlFor="tag-name">
              Nom
              <span className="fr-hint-text">Par exemple « ogcapi-features » ou « proconnect ».</span>
            </label>
            <input className="fr-input" id="tag-name" name="name" required />
            {fieldErrors.name ? <p className="fr-error-text">{fieldErrors.name}</p> : null}
          </div>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="tag-description">
              Description (facultative)
            </label>
            <input className="fr-input" id="tag-description" name="description" maxLength={300} />
          </div>
          <button className="fr-btn" type="submit">
            Créer l&apos;étiquette
          </button>
        </Form>
      ) : null}
    </ContentPage>
  );
}
