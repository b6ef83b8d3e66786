// Import time and memory of a large TEAM Engine result: generates a TestNG file of 20,000 test methods (realistic
// attributes, descriptions, parameters; 5 % failures with messages, 10 % skips), streams it into importReport in
// 64 KiB chunks as an upload would arrive, and reports wall time, CPU time and peak RSS growth (sampled every 5 ms;
// run with --expose-gc for comparable runs). Targets: ≤ 2 s, ≤ 150 MB.
//   node --expose-gc --import tsx scripts/bench/conformance-import.ts [--tests 20000] [--runs 3] [--earl <file>]
// then does the same for the largest EARL report among ../shared/fixtures/conformance (or --earl).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { importReport } from "~/domain/conformance/import-report";

const testCount = Number(process.argv[process.argv.indexOf("--tests") + 1]) || 20_000;
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 3;

function generateTestNg(count: number): Buffer {
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<testng-results ignored="0" total="${count}">\n`,
    `<suite name="ogcapi-features-1.0-1.9" started-at="2026-07-30T06:46:29 UTC" finished-at="2026-07-30T07:46:29 UTC">\n`,
    `<test name="Core">\n`,
  ];
  for (let index = 0; index < count; index++) {
    if (index % 50 === 0) {
      if (index > 0) parts.push(`</class>\n`);
      parts.push(
        `<class name="org.opengis.cite.ogcapifeatures10.conformance.core.collections.Features${index / 50}">\n`,
      );
    }
    const status = index % 20 === 0 ? "FAIL" : index % 10 === 5 ? "SKIP" : "PASS";
    parts.push(
      `<test-method signature="validateFeatures${index}(java.util.Map)[pri:0]" started-at="2026-07-30T06:46:30 UTC" ` +
        `name="validateFeatures${index % 200}" description="Implements A.2.7. Features, Abstract Test 22 ` +
        `(Requirement /req/core/fc-response)" groups="core" finished-at="2026-07-30T06:46:30 UTC" ` +
        `duration-ms="${index % 300}" status="${status}">\n` +
        `<params><param index="0"><value><![CDATA[collection-${index}]]></value></param></params>\n`,
    );
    if (status === "FAIL") {
      parts.push(
        `<exception class="java.lang.AssertionError"><message><![CDATA[Expected numberReturned <= 10 but was ${index}]]>` +
          `</message><full-stacktrace><![CDATA[java.lang.AssertionError\n\tat org.testng.Assert.fail(Assert.java:99)]]>` +
          `</full-stacktrace></exception>\n`,
      );
    }
    parts.push(`<reporter-output>\n</reporter-output>\n</test-method>\n`);
  }
  parts.push(`</class>\n</test>\n</suite>\n</testng-results>\n`);
  return Buffer.from(parts.join(""));
}

function chunked(bytes: Buffer, size = 64 * 1024): Readable {
  return Readable.from(
    (function* slices() {
      for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
    })(),
  );
}

/** Imports `file` `runs` times, streamed in upload-sized chunks, and prints time, CPU and peak RSS growth. */
async function measure(label: string, file: Buffer): Promise<void> {
  console.log(`${label}: ${(file.length / 1024 / 1024).toFixed(1)} MiB`);
  for (let run = 1; run <= runs; run++) {
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 5);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = await importReport(chunked(file));
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    console.log(
      `  run ${run}: ${elapsedMs.toFixed(0)} ms (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms), peak RSS growth ${((peakRss - rssBefore) / 1024 / 1024).toFixed(1)} MB, ` +
        `${result.counts.total} tests (${result.counts.passed} passed, ${result.counts.failed} failed, ` +
        `${result.counts.skipped} skipped)`,
    );
  }
}

await measure(`TestNG file, ${testCount} generated tests`, generateTestNg(testCount));

// The largest real EARL report among the shared fixtures (TEAM Engine's CTL suite with its test hierarchy), when
// ../shared is there; --earl <file> names another.
const earlPath = process.argv.includes("--earl")
  ? process.argv[process.argv.indexOf("--earl") + 1]!
  : largestSharedEarlFixture();
if (earlPath) await measure(`EARL file ${path.basename(earlPath)}`, readFileSync(earlPath));
else console.log("EARL: no fixture (../shared/fixtures/conformance absent and no --earl <file>)");

function largestSharedEarlFixture(): string | null {
  const root = fileURLToPath(new URL("../../../shared/fixtures/conformance", import.meta.url));
  if (!existsSync(root)) return null;
  const candidates = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((name) => /earl.*\.(rdf|xml)$/i.test(name))
    .map((name) => path.join(root, name));
  return candidates.sort((a, b) => statSync(b).size - statSync(a).size)[0] ?? null;
}
