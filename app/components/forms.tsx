import { useRouteLoaderData } from "@remix-run/react";
import type { RootData } from "~/root";

/** The session-bound anti-forgery token every state-changing form carries. */
export function CsrfInput() {
  const root = useRouteLoaderData<RootData>("root");
  return <input type="hidden" name="csrf" value={root?.csrfToken ?? ""} />;
}

/** The outcome of the last form submission, announced to screen readers. */
export function FormResult({ result }: { result: { ok: boolean; message?: string } | undefined }) {
  if (!result?.message) return null;
  return (
    <div className={`fr-alert fr-alert--${result.ok ? "success" : "error"} fr-alert--sm fr-mb-3w`} role="alert">
      <p>{result.message}</p>
    </div>
  );
}
