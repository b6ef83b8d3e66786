import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LoginFailurePage } from "~/components/login-failure";
import { LOGIN_FAILURES, LoginFailure } from "~/domain/identity/login-errors";
import { completeLogin } from "~/domain/identity/proconnect.server";
import { signIn } from "~/domain/identity/sign-in.server";
import { authCookies, proConnectSettings, sessionPolicy } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { logger } from "~/infra/logger.server";
import { hitRateLimit, RATE_LIMITS, tooManyRequests } from "~/infra/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Connexion — CICCLO Interop" }];

// ProConnect sends the browser back here with a code (or an error). Nothing is created unless every check passes.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const wait = hitRateLimit(`${context.clientIp}:login-callback`, RATE_LIMITS.loginCallback);
  if (wait) throw tooManyRequests(wait);
  const cookies = authCookies();
  const cookieHeader = request.headers.get("cookie");
  const loginRequestId = await cookies.loginRequest.parse(cookieHeader);
  const clearLoginCookie = await cookies.loginRequest.serialize("", { maxAge: 0 });
  const db = await getDb();
  try {
    const settings = proConnectSettings();
    if (!settings) throw new LoginFailure("not_configured");
    const login = await completeLogin(
      db,
      settings,
      new URL(request.url),
      typeof loginRequestId === "string" ? loginRequestId : null,
    );
    const previous = await cookies.session.parse(cookieHeader);
    const { userId, sessionToken } = await signIn(
      db,
      login,
      {
        previousSessionToken: typeof previous === "string" ? previous : null,
        userAgent: request.headers.get("user-agent") ?? "",
        ipAddress: context.clientIp,
      },
      sessionPolicy(),
    );
    logger.info({ requestId: context.requestId, userId, acr: login.acr }, "signed in with ProConnect");
    const headers = new Headers();
    headers.append("Set-Cookie", clearLoginCookie);
    headers.append("Set-Cookie", await cookies.session.serialize(sessionToken));
    return redirect(login.returnTo, { headers });
  } catch (error) {
    if (!(error instanceof LoginFailure)) throw error;
    logger.warn(
      {
        requestId: context.requestId,
        kind: error.kind,
        providerCode: error.providerCode,
        cause: String(error.cause ?? ""),
      },
      "ProConnect sign-in failed",
    );
    return data(
      { kind: error.kind, returnTo: "/" },
      { status: LOGIN_FAILURES[error.kind].status, headers: { "Set-Cookie": clearLoginCookie } },
    );
  }
}

export default function LoginCallbackFailed() {
  const { kind, returnTo } = useLoaderData<typeof loader>();
  return <LoginFailurePage kind={kind} returnTo={returnTo} />;
}
