import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { ContentPage } from "~/components/content-page";
import { unsubscribe } from "~/domain/forum/email-notifications.server";
import { signingSecret } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [{ title: "Se désabonner des courriels — CICCLO Interop" }];

// The link in every e-mail. Opening it changes nothing (mail scanners open links); the button, or a mail client's
// one-click unsubscribe (RFC 8058, a POST), does.
export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return { userId: url.searchParams.get("u") ?? "", token: url.searchParams.get("t") ?? "" };
}

export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  // A mail client posts "List-Unsubscribe=One-Click"; anything unreadable counts as an empty form.
  const form = await request.formData().catch(() => new FormData());
  const userId = Number(form.get("u") ?? url.searchParams.get("u"));
  const token = String(form.get("t") ?? url.searchParams.get("t") ?? "");
  const done = await unsubscribe(await getDb(), signingSecret(), userId, token);
  return Response.json({ done }, { status: done ? 200 : 400 });
}

export default function Unsubscribe() {
  const { userId, token } = useLoaderData<typeof loader>();
  const result = useActionData<{ done: boolean }>();
  return (
    <ContentPage title="Se désabonner des courriels">
      {result?.done ? (
        <div className="fr-alert fr-alert--success">
          <p>
            C&apos;est fait : vous ne recevrez plus de courriels de CICCLO Interop. Les notifications restent visibles
            sur le site.
          </p>
        </div>
      ) : result ? (
        <div className="fr-alert fr-alert--error">
          <p>Ce lien de désabonnement n&apos;est pas valide. Utilisez le lien du dernier courriel reçu.</p>
        </div>
      ) : (
        <Form method="post">
          <input type="hidden" name="u" value={userId} />
          <input type="hidden" name="t" value={token} />
          <p>Vous ne recevrez plus de courriels (notifications et résumé quotidien) de CICCLO Interop.</p>
          <button className="fr-btn" type="submit">
            Confirmer le désabonnement
          </button>
        </Form>
      )}
    </ContentPage>
  );
}
