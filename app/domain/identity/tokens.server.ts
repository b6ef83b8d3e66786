import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** 256 bits of randomness, URL-safe: session cookies, OIDC state and nonce, API keys. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** What we store instead of a bearer secret: a database leak then yields nothing usable. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function hmac(secret: string, value: string): string {
  return createHmac("sha256", secret).update(value).digest("base64url");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** "value.signature": a value the browser keeps but cannot forge. */
export function sign(secret: string, value: string): string {
  return `${value}.${hmac(secret, value)}`;
}

export function unsign(secret: string, signed: string | undefined | null): string | null {
  if (!signed) return null;
  const cut = signed.lastIndexOf(".");
  if (cut <= 0) return null;
  const value = signed.slice(0, cut);
  return safeEqual(hmac(secret, value), signed.slice(cut + 1)) ? value : null;
}
