// Export benchmark (issue #7): a 100-clause CCTP built from the real clause library, exported to ODT and DOCX.
// Prints the median time of each export and the file size; target ≤ 1 s each.
//
//   npx tsx scripts/bench/clause-export.ts [--runs 10]
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildClauseDocument, type SectionInput } from "../../app/domain/clauses/document";
import { exportDocx } from "../../app/domain/clauses/export-docx";
import { exportOdt } from "../../app/domain/clauses/export-odt";
import { loadClauseLibrary } from "../../app/domain/clauses/load-library.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const runsIndex = process.argv.indexOf("--runs");
const runs = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 10;
const CLAUSES = 100;

const library = await loadClauseLibrary(path.join(root, "clauses"));
const versions = library.clauses.flatMap((clause) => clause.versions.slice(-1));
// Every clause with its defaults; required parameters without one get a plausible value of their type.
const sections: SectionInput[] = Array.from({ length: 10 }, (_, sectionIndex) => ({
  title: `Section ${sectionIndex + 1}`,
  children: Array.from({ length: CLAUSES / 10 }, (_, index) => {
    const clause = versions[(sectionIndex * 10 + index) % versions.length]!;
    const values: Record<string, unknown> = {};
    for (const parameter of clause.parameters) {
      if (parameter.default !== undefined || !parameter.required) continue;
      values[parameter.name] = sampleValue(parameter);
    }
    return { clause, values };
  }),
}));

function sampleValue(parameter: {
  type: string;
  min?: unknown;
  maxLength?: number;
  options?: { value: string }[];
}): unknown {
  switch (parameter.type) {
    case "integer":
      return typeof parameter.min === "number" ? parameter.min : 1;
    case "boolean":
      return true;
    case "choice":
      return parameter.options?.[0]?.value;
    case "date":
      return "2027-01-01";
    case "duration":
      return typeof parameter.min === "string" ? parameter.min : "P30D";
    default:
      return (parameter.maxLength ?? 200) < 60 ? "2.0" : "https://schema.data.gouv.fr/etalab/schema-irve-statique/";
  }
}

const document = buildClauseDocument({
  titlePage: { buyerName: "Région exemple", procurementTitle: "Plateforme territoriale de données" },
  sections,
  includeGuidance: true,
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}; load ${os.loadavg()[0]!.toFixed(2)}`,
);
console.log(`${CLAUSES} clauses (${versions.length} distinct), guidance included, ${runs} runs after one warm-up:`);
for (const [name, exporter] of [
  ["ODT", exportOdt],
  ["DOCX", exportDocx],
] as const) {
  exporter(document);
  const times: number[] = [];
  let size = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    size = exporter(document).byteLength;
    times.push(performance.now() - started);
  }
  const ms = median(times);
  console.log(
    `  ${name.padEnd(5)} median ${ms.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms, ${(size / 1024).toFixed(0)} KiB — ${ms <= 1000 ? "PASS" : "FAIL"} (target ≤ 1 s)`,
  );
}
