import type { Db } from "~/infra/db.server";
import type { CompletedLogin } from "./proconnect.server";
import { createSession, type SessionPolicy } from "./sessions.server";
import { sha256 } from "./tokens.server";
import { upsertUserFromProConnect } from "./users.server";

export interface SignInContext {
  /** The session cookie the browser still had, if any: it is revoked, so a session id never survives a login. */
  previousSessionToken: string | null;
  userAgent: string;
  ipAddress: string;
}

/** After a verified ProConnect login: the user (created or refreshed) and a new session, in one transaction. */
export async function signIn(db: Db, login: CompletedLogin, context: SignInContext, policy: SessionPolicy) {
  return db.$transaction(async (tx) => {
    const user = await upsertUserFromProConnect(tx, login.identity);
    if (context.previousSessionToken) {
      await tx.session.updateMany({
        where: { id: sha256(context.previousSessionToken), revokedAt: null },
        data: { revokedAt: new Date() },
      });
    }
    const session = await createSession(
      tx,
      { userId: user.id, idToken: login.idToken, userAgent: context.userAgent, ipAddress: context.ipAddress },
      policy,
    );
    return { userId: user.id, sessionToken: session.token };
  });
}
