import { createContext, useContext } from "react";

const CsrfTokenContext = createContext("");

/** Gives every form of the page the session's anti-forgery token (the root layout reads it once from the root
 * loader). */
export const CsrfTokenProvider = CsrfTokenContext.Provider;

export const useCsrfToken = () => useContext(CsrfTokenContext);

/** The session-bound anti-forgery token every state-changing form carries. */
export function CsrfInput() {
  return <input type="hidden" name="csrf" value={useCsrfToken()} />;
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
