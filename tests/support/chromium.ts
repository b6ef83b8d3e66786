import { existsSync } from "node:fs";

/** Debian's Chromium (or CHROMIUM_PATH); undefined when absent, so the browser tests can say they were skipped. */
export function chromiumPath(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return existsSync(candidate) ? candidate : undefined;
}

// Flags for a closed network: without the background-networking ones Chromium keeps calling Google's hosts.
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
