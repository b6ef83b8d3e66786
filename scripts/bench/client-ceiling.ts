// What the load generator can take of a page, to read the anonymous figures of scripts/bench/forum.ts against:
// a bare Node server answers the page's exact bytes, then the same bytes with every non-ASCII character replaced
// by ASCII letters of the same length, then the page from the app itself, each measured like forum.ts does.
// autocannon decodes each body into a JavaScript string, so French text costs it more than ASCII
// (docs/decisions/025).
//
//   npx tsx scripts/bench/client-ceiling.ts <page URL>… [--duration 8] [--connections 32]
//
// The page URLs are fetched as an anonymous browser would; start the app first (forum.ts --serve prints URLs).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./bench-setup";
import { runLoad, startStaticBodyServer } from "./load";

const BROWSER_ACCEPT = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

function option(argv: string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  return at === -1 ? fallback : Number(argv[at + 1]);
}

/** The same number of bytes, each character outside ASCII replaced by as many "e" as its UTF-8 encoding takes. */
function asciiCopy(page: Buffer): Buffer {
  const text = [...page.toString("utf8")].map((char) =>
    char.charCodeAt(0) > 127 ? "e".repeat(Buffer.byteLength(char)) : char,
  );
  return Buffer.from(text.join(""));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const duration = option(argv, "--duration", 8);
  const connections = option(argv, "--connections", 32);
  const urls = argv.filter((arg, index) => arg.startsWith("http") && !argv[index - 1]?.startsWith("--"));
  if (urls.length === 0) throw new Error("Give at least one page URL.");
  const dir = mkdtempSync(path.join(os.tmpdir(), "cicclo-client-ceiling-"));
  try {
    for (const url of urls) {
      const page = Buffer.from(await (await fetch(url, { headers: BROWSER_ACCEPT })).arrayBuffer());
      const nonAscii = [...page.toString("utf8")].filter((char) => char.charCodeAt(0) > 127).length;
      console.log(`${url}: ${(page.length / 1000).toFixed(1)} kB, ${nonAscii} non-ASCII characters`);
      const bodies = { "bare Node, same bytes": page, "bare Node, ASCII copy": asciiCopy(page) };
      const figures: Record<string, number> = {};
      for (const [label, body] of Object.entries(bodies)) {
        const file = path.join(dir, "body.html");
        writeFileSync(file, body);
        const server = await startStaticBodyServer(root, file);
        try {
          await runLoad({ url: server.url, connections, duration: 2 });
          figures[label] = (await runLoad({ url: server.url, connections, duration })).requestsPerSecond;
        } finally {
          await server.stop();
        }
      }
      await runLoad({ url, headers: BROWSER_ACCEPT, connections, duration: 2 });
      figures["the app"] = (await runLoad({ url, headers: BROWSER_ACCEPT, connections, duration })).requestsPerSecond;
      const same = figures["bare Node, same bytes"]!;
      for (const [label, requestsPerSecond] of Object.entries(figures)) {
        const ratio = `${((100 * requestsPerSecond) / same).toFixed(0)} % of bare Node with the same bytes`;
        console.log(`  ${label.padEnd(24)} ${requestsPerSecond.toFixed(0).padStart(7)} req/s  ${ratio}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
