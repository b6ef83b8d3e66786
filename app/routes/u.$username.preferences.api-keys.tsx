import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ApiKeyCreateForm, ApiKeyTable, NewApiKeySecret } from "~/components/api-key-forms";
import { ContentPage } from "~/components/content-page";
import { FormResult } from "~/components/forms";
import { parseApiKeyForm } from "~/domain/identity/api-key-form.server";
import { createApiKey, listApiKeys, revokeApiKey } from "~/domain/identity/api-keys.server";
import { requireSelf } from "~/domain/identity/viewer";
import { requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Mes clés d'API — CICCLO Interop" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSelf(viewer, params.username ?? ""));
  return { keys: await listApiKeys(await getDb(), { userId: user.id }) };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSelf(viewer, params.username ?? ""));
  const form = await request.formData();
  requireCsrf(viewer, form);
  const db = await getDb();
  return formAction(async () => {
    if (form.get("intent") === "revoke") {
      await revokeApiKey(db, user, Number(form.get("keyId")));
      return { message: "La clé a été révoquée.", secret: null };
    }
    const { secret } = await createApiKey(db, user, parseApiKeyForm(form, { username: user.username }));
    return { message: undefined, secret };
  });
}

export default function ApiKeys() {
  const { keys } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <ContentPage title="Mes clés d'API">
      <p>
        Une clé permet à un script ou à une chaîne d&apos;intégration continue d&apos;agir en votre nom, limité aux
        portées choisies. Envoyez-la dans l&apos;en-tête <code>Authorization: Bearer &lt;clé&gt;</code>.
      </p>
      {result?.ok && result.secret ? <NewApiKeySecret secret={result.secret} /> : <FormResult result={result} />}
      <ApiKeyTable keys={keys} />
      <h2 className="fr-mt-6w">Nouvelle clé</h2>
      <ApiKeyCreateForm
        // A new, empty form once a key is created.
        key={result?.ok && result.secret ? result.secret : "new-key"}
        fieldErrors={result && !result.ok ? result.fieldErrors : undefined}
      />
    </ContentPage>
  );
}
