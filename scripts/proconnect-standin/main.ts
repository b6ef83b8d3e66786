// `npx tsx scripts/proconnect-standin/main.ts`: the local ProConnect on its own, for `npm run dev` (`npm start`
// runs it in-process). DEBUG=oidc-provider:* shows oidc-provider's own trace.
import { existsSync } from "node:fs";
import { startLocalProConnect } from "./local";

if (existsSync(".env")) process.loadEnvFile(".env");

const standin = await startLocalProConnect();
console.log(`ProConnect (local stand-in): ${standin.issuer}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void standin.close().then(() => process.exit(0));
  });
}
