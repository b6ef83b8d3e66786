// What it costs to encode a page's text to UTF-8, the last step of every HTML answer (docs/decisions/028): the same
// 75,000 characters of post HTML, flat or built from pieces, with or without one character beyond Latin-1.
//   npx tsx scripts/bench/string-encoding.ts
import os from "node:os";

const encoder = new TextEncoder();
const sample = `<p class="fr-text--sm">Nous avons le même souci depuis la dernière mise à jour : l'export échoue.</p>\n`;
const flatten = (text: string) => Buffer.from(text, "latin1").toString("latin1");
let latin1 = "";
while (latin1.length < 75_000) latin1 += sample;
latin1 = flatten(latin1);
// The same text with one emoji in the middle, as one reaction button would put there.
const middle = latin1.length / 2;
const wide = latin1.slice(0, middle) + "👍" + latin1.slice(middle + 2);
const withReference = latin1.slice(0, middle) + "&#x1f44d;" + latin1.slice(middle + 9);
// What comes before a fragment in React's pending text: the page's header, here with one "…" in it.
const headerWide = `<header>Rechercher…</header>${"x".repeat(3_000)}`;
const headerLatin1 = `<header>Rechercher...</header>${"x".repeat(3_000)}`;

function measure(label: string, run: () => unknown): number {
  for (let i = 0; i < 300; i++) run();
  const rounds = 3_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) run();
  const micros = Number(process.hrtime.bigint() - started) / rounds / 1_000;
  console.log(`${label.padEnd(64)} ${micros.toFixed(1).padStart(7)} µs`);
  return micros;
}

console.log(`${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, Node ${process.version}`);
console.log("75,000 characters of HTML encoded to UTF-8 (TextEncoder, as React's server renderer does):");
const flatLatin1 = measure("one flat string, Latin-1 only", () => encoder.encode(latin1));
measure("one flat string with one emoji", () => encoder.encode(wide));
const afterWideHeader = measure("after a header with one '…' (one pending text)", () =>
  encoder.encode(headerWide + withReference),
);
const wideAfterHeader = measure("with one emoji, after a Latin-1 header", () => encoder.encode(headerLatin1 + wide));
const referenceAfterHeader = measure("emoji as a character reference, after a Latin-1 header", () =>
  encoder.encode(headerLatin1 + withReference),
);
const apart = measure("header and fragment encoded apart (header with '…')", () => {
  encoder.encode(headerWide);
  return encoder.encode(withReference);
});
console.log(
  `ratios: emoji in the text ×${(wideAfterHeader / referenceAfterHeader).toFixed(2)}, '…' before it ×${(afterWideHeader / referenceAfterHeader).toFixed(2)}, ` +
    `encoded apart ×${(apart / flatLatin1).toFixed(2)} of one flat Latin-1 string`,
);
