import ProConnectButton from "@codegouvfr/react-dsfr/ProConnectButton";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ContentPage } from "~/components/content-page";
import { LoginFailurePage } from "~/components/login-failure";
import { safeReturnTo } from "~/domain/identity/proconnect.server";
import { getViewer, proConnectSettings } from "~/infra/auth.server";

export const meta: MetaFunction = () => [{ title: "Se connecter — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get("returnTo"));
  const viewer = await getViewer(request, context);
  if (viewer.kind === "session") throw redirect(returnTo);
  return { returnTo, configured: proConnectSettings() !== null };
}

export default function Login() {
  const { returnTo, configured } = useLoaderData<typeof loader>();
  if (!configured) return <LoginFailurePage kind="not_configured" returnTo={returnTo} />;
  return (
    <ContentPage title="Se connecter">
      <p>
        CICCLO Interop utilise ProConnect, la solution de l&apos;État pour les professionnels : agents publics et
        salariés d&apos;entreprises se connectent avec leur compte professionnel, sans mot de passe propre à ce site.
      </p>
      <p>
        La connexion est nécessaire pour écrire, voter, suivre des sujets et enregistrer une sélection de clauses. La
        lecture reste ouverte à tous.
      </p>
      <ProConnectButton url={`/auth/login?returnTo=${encodeURIComponent(returnTo)}`} />
    </ContentPage>
  );
}
