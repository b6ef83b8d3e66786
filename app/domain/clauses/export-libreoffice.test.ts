import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { exportDocx } from "./export-docx";
import { testDocument } from "./export-fixtures";
import { exportOdt } from "./export-odt";

// Proves the exports open in a real word processor, and that LibreOffice computes the outline numbers itself.
const run = promisify(execFile);

function findSoffice(): string | undefined {
  const candidates = [
    "/usr/bin/soffice",
    ...(process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "soffice")),
  ];
  return candidates.find((candidate) => existsSync(candidate));
}

const soffice = findSoffice();
const mustRun = Boolean(process.env.CI);
if (!soffice && !mustRun)
  console.warn(
    "soffice est absent : test de conversion LibreOffice ignoré (apt-get install -y --no-install-recommends libreoffice-writer).",
  );

describe.skipIf(!soffice && !mustRun)("exports opened by LibreOffice", () => {
  it("converts the ODT and the DOCX to text with numbered headings, values and clause text", async () => {
    if (!soffice)
      throw new Error(
        "soffice est introuvable alors que CI est défini : installez libreoffice-writer (apt-get install -y --no-install-recommends libreoffice-writer).",
      );
    const workDirectory = await mkdtemp(path.join(tmpdir(), "clauses-lo-"));
    try {
      const document = testDocument({ includeAcceptancePlan: true });
      await writeFile(path.join(workDirectory, "cctp-odt.odt"), exportOdt(document));
      await writeFile(path.join(workDirectory, "cctp-docx.docx"), exportDocx(document));
      // A profile of its own: a shared or stale profile makes headless LibreOffice hang or refuse to start.
      const profile = `file://${path.join(workDirectory, `lo-profile-${Math.random().toString(36).slice(2)}`)}`;
      await run(
        soffice,
        [
          "--headless",
          `-env:UserInstallation=${profile}`,
          "--convert-to",
          "txt:Text (encoded):UTF8",
          "--outdir",
          workDirectory,
          "cctp-odt.odt",
          "cctp-docx.docx",
        ],
        { cwd: workDirectory, timeout: 55_000 },
      );
      for (const name of ["cctp-odt.txt", "cctp-docx.txt"]) {
        const lines = (await readFile(path.join(workDirectory, name), "utf8"))
          .split(/\r?\n/)
          .map((line) => line.trim());
        const headingAt = (heading: string) =>
          lines.findIndex((line, index) => line === heading && lines[index + 1]?.startsWith("Clause "));
        // The heading numbers come from the word processor's outline numbering, followed by the reference line.
        expect(headingAt("1.1 Livraison des données"), name).toBeGreaterThan(0);
        expect(lines[headingAt("1.2.1 Connexion <sécurisée>") + 1], name).toBe(
          "Clause connexion, version 1.0.0 — Références : RGAA 4.1",
        );
        expect(lines, name).toContain("2 Réversibilité");
        expect(lines, name).toContain("Le titulaire livre la solution sous 45 jours :");
        expect(lines, name).toContain("Le titulaire livre la solution sous 30 jours :");
        expect(lines, name).toContain('Métropole <Test> & "Cie"');
        expect(lines.filter((line) => line === "Annexe : liste des clauses").length, name).toBeGreaterThan(0);
        // The acceptance test plan, after the clause list: each clause with the class that verifies it, then how.
        const plan = lines.lastIndexOf("Annexe : plan de recette");
        expect(plan, name).toBeGreaterThan(lines.lastIndexOf("Annexe : liste des clauses"));
        const planText = lines.slice(plan).join("\n");
        expect(planText, name).toContain("1.2.1 Connexion <sécurisée> (clause connexion, version 1.0.0)");
        expect(planText, name).toContain(
          "Features Partie 1 — Socle (core) — http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        );
        expect(planText, name).toContain(
          "Suite de tests exécutable de l'OGC (ETS OGC API - Features), avec TEAM Engine : exécuter la suite",
        );
      }
    } finally {
      await rm(workDirectory, { recursive: true, force: true });
    }
  }, 60_000);
});
