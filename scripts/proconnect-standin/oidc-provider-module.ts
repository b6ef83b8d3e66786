// oidc-provider, loaded without its import-time "Unsupported runtime" warning: it wants Node 22 and the project runs
// on Node 20 knowingly (docs/stack.md). Every other warning passes through.
import type * as OidcProvider from "oidc-provider";

type OidcProviderModule = typeof OidcProvider;

async function importWithoutRuntimeWarning(): Promise<OidcProviderModule> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes("Unsupported runtime")) warn(...args);
  };
  try {
    return await import("oidc-provider");
  } finally {
    console.warn = warn;
  }
}

let loading: Promise<OidcProviderModule> | undefined;

export function loadOidcProvider(): Promise<OidcProviderModule> {
  loading ??= importWithoutRuntimeWarning();
  return loading;
}
