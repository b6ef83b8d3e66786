// Operator commands, run on the server: `npm run cli -- <command>`.
//   api-key create --user <username> --scope <scope> [--scope <scope>…] [--label <text>] [--expires YYYY-MM-DD]
//   api-key create --group <name> --scope <scope> …
//   user promote <username> <member|moderator|admin>
// Changes are audited with no actor ("Opérateur (ligne de commande)").
import { parseArgs } from "node:util";
import { createApiKey, parseExpiry, parseScopes } from "../app/domain/identity/api-keys.server";
import { changeUserRole, parseRole } from "../app/domain/identity/users.server";
import { DomainError } from "../app/domain/shared/errors";
import { disconnectDb, getDb } from "../app/infra/db.server";

const USAGE = `Usage:
  npm run cli -- api-key create --user <username> --scope <scope> [--scope …] [--label <text>] [--expires AAAA-MM-JJ]
  npm run cli -- api-key create --group <name> --scope <scope> [--scope …] [--label <text>] [--expires AAAA-MM-JJ]
  npm run cli -- user promote <username> <member|moderator|admin>`;

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      user: { type: "string" },
      group: { type: "string" },
      scope: { type: "string", multiple: true },
      label: { type: "string" },
      expires: { type: "string" },
    },
  });
  const [area, command, ...rest] = positionals;
  const db = await getDb();
  try {
    if (area === "api-key" && command === "create" && (values.user || values.group) && !(values.user && values.group)) {
      const { secret } = await createApiKey(db, null, {
        label: values.label ?? `Clé créée en ligne de commande le ${new Date().toISOString().slice(0, 10)}`,
        scopes: parseScopes(values.scope ?? []),
        expiresAt: parseExpiry(values.expires),
        owner: values.user ? { username: values.user } : { groupName: values.group! },
      });
      out(secret);
      return 0;
    }
    if (area === "user" && command === "promote" && rest.length === 2) {
      const [username, role] = rest as [string, string];
      const { changed } = await changeUserRole(db, null, username, parseRole(role));
      out(changed ? `@${username} is now ${role}.` : `@${username} already had the role ${role}.`);
      return 0;
    }
    out(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof DomainError) {
      out(`Erreur : ${error.userMessage}`);
      return 1;
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const code = await runCli(process.argv.slice(2));
  await disconnectDb();
  process.exit(code);
}
