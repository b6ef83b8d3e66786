// The issuer that owns the demo identities: the configured ProConnect issuer, or the local stand-in started by
// `npm start` (issue #3). Users are keyed by (issuer, sub), so the demo users must carry the issuer that signs
// their logins.
export const STANDIN_PORT = Number(process.env.PROCONNECT_STANDIN_PORT ?? 3100);

export function demoIssuer(): string {
  return process.env.PROCONNECT_ISSUER ?? `http://localhost:${STANDIN_PORT}/api/v2`;
}
