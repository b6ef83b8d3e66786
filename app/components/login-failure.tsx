import ProConnectButton from "@codegouvfr/react-dsfr/ProConnectButton";
import { LOGIN_FAILURES, type LoginFailureKind } from "~/domain/identity/login-errors";
import { ContentPage } from "./content-page";

/** What a person sees when signing in failed: what happened, and the button to try again. */
export function LoginFailurePage({ kind, returnTo }: { kind: LoginFailureKind; returnTo: string }) {
  const failure = LOGIN_FAILURES[kind];
  return (
    <ContentPage title={failure.title}>
      <div className="fr-alert fr-alert--error fr-mb-4w">
        <h2 className="fr-alert__title">La connexion n&apos;a pas abouti</h2>
        <p>{failure.message}</p>
      </div>
      <p>{failure.retry}</p>
      {kind !== "not_configured" ? (
        <ProConnectButton url={`/auth/login?returnTo=${encodeURIComponent(returnTo)}`} />
      ) : null}
    </ContentPage>
  );
}
