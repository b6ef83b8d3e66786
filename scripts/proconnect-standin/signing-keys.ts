// The stand-in's signing keys: one RS256 and one ES256 pair, kept in a file when asked so that a restart does not
// invalidate the ID tokens the app holds for logout.
import { generateKeyPairSync, type JsonWebKey } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface SigningJwk extends JsonWebKey {
  alg: "RS256" | "ES256";
  use: "sig";
}

function generateSigningKeys(): SigningJwk[] {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" });
  return [
    { ...rsa, alg: "RS256", use: "sig" },
    { ...ec, alg: "ES256", use: "sig" },
  ];
}

export function loadOrCreateSigningKeys(keysFile?: string): SigningJwk[] {
  if (!keysFile) return generateSigningKeys();
  if (existsSync(keysFile)) return (JSON.parse(readFileSync(keysFile, "utf8")) as { keys: SigningJwk[] }).keys;
  const keys = generateSigningKeys();
  mkdirSync(path.dirname(keysFile), { recursive: true });
  writeFileSync(keysFile, JSON.stringify({ keys }, null, 2), { mode: 0o600 });
  return keys;
}
