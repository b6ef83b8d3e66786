import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LoginFailurePage } from "~/components/login-failure";
import { LOGIN_FAILURES, LoginFailure } from "~/domain/identity/login-errors";
import { safeReturnTo, startLogin } from "~/domain/identity/proconnect.server";
import { authCookies, proConnectSettings } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { logger } from "~/infra/logger.server";
import { hitRateLimit, RATE_LIMITS, tooManyRequests } from "~/infra/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Connexion — CICCLO Interop" }];

// Starts a ProConnect sign-in: the attempt is stored server-side, the browser keeps its id in a signed cookie.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const wait = hitRateLimit(`${context.clientIp}:login-start`, RATE_LIMITS.loginStart);
  if (wait) throw tooManyRequests(wait);
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get("returnTo"));
  const settings = proConnectSettings();
  try {
    if (!settings) throw new LoginFailure("not_configured");
    const { loginRequestId, url } = await startLogin(await getDb(), settings, returnTo);
    return redirect(url, { headers: { "Set-Cookie": await authCookies().loginRequest.serialize(loginRequestId) } });
  } catch (error) {
    if (!(error instanceof LoginFailure)) throw error;
    logger.warn(
      { requestId: context.requestId, kind: error.kind, providerCode: error.providerCode },
      "login start failed",
    );
    return data({ kind: error.kind, returnTo }, { status: LOGIN_FAILURES[error.kind].status });
  }
}

export default function LoginStartFailed() {
  const { kind, returnTo } = useLoaderData<typeof loader>();
  return <LoginFailurePage kind={kind} returnTo={returnTo} />;
}
