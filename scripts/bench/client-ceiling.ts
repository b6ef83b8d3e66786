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
import { BROWSER_ACCEPT, numberOption, root } from "./bench-setup";
import { runLoad, startStaticBodyServer } from "./load";

const WARMUP_SECONDS = 2;

/** The same number of bytes, each character outside ASCII replaced by as many "e" as its UTF-8 encoding takes. */
function asciiCopy(page: Buffer): Buffer {
  const text = [...page.toString("utf8")].map((char) =>
    char.charCodeAt(0) > 127 ? "e".repeat(Buffer.byteLength(char)) : char,
  );
  return Buffer.from(text.join(""));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const duration = numberOption(argv, "--duration", 8);
  const connections = numberOption(argv, "--connections", 32);
  const requestsPerSecond = async (url: string, headers: Record<string, string> = {}) => {
    await runLoad({ url, headers, connections, duration: WARMUP_SECONDS });
    return (await runLoad({ url, headers, connections, duration })).requestsPerSecond;
  };
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
          figures[label] = await requestsPerSecond(server.url);
        } finally {
          await server.stop();
        }
      }
      figures["the app"] = await requestsPerSecond(url, BROWSER_ACCEPT);
      const same = figures["bare Node, same bytes"]!;
      for (const [label, figure] of Object.entries(figures)) {
        const ratio = `${((100 * figure) / same).toFixed(0)} % of bare Node with the same bytes`;
        console.log(`  ${label.padEnd(24)} ${figure.toFixed(0).padStart(7)} req/s  ${ratio}`);
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
