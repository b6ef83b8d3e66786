import { describe, expect, it } from "vitest";
import { clauseFile } from "../../../tests/clauses/clause-file-factory";
import { ACCEPTANCE_PLAN_TITLE, buildAcceptancePlan } from "./acceptance-plan";
import { buildClauseDocument, outlineOf } from "./document";
import { exportHtml } from "./export-html";
import { exportMarkdown } from "./export-markdown";
import { parseClauseFile } from "./parse-clause-file";

const clause = (id: string, conformanceClasses: string[]) =>
  parseClauseFile(
    `clauses/${id}/1.0.0.md`,
    clauseFile({ frontMatter: { id, title: `Clause ${id}`, conformanceClasses } }),
  ).version!;

const documentWith = (includeAcceptancePlan: boolean) =>
  buildClauseDocument({
    titlePage: { buyerName: "Commune d'essai", procurementTitle: "Plateforme" },
    includeAcceptancePlan,
    sections: [
      {
        title: "Exigences",
        children: [
          // An alias (https, /req/) resolves to the canonical class.
          { clause: clause("api", ["https://www.opengis.net/spec/ogcapi-features-1/1.0/req/core"]) },
          { clause: clause("connexion", ["https://cicclo.fr/conformance/proconnect/1.0/conf/login"]) },
          {
            clause: clause("donnees", [
              "https://schema.data.gouv.fr/schemas/etalab/schema-irve-statique/2.3.1/schema-statique.json",
            ]),
          },
          { clause: clause("formation", []) },
        ],
      },
    ],
  });

describe("the acceptance test plan", () => {
  it("lists, for each clause, the classes that verify it, and each suite once", () => {
    const plan = buildAcceptancePlan(outlineOf(documentWith(false)));
    expect(plan.entries.map((entry) => [entry.number, entry.id, entry.classes.map((c) => c.title)])).toEqual([
      ["1.1", "api", ["Features Partie 1 — Socle (core)"]],
      ["1.2", "connexion", ["ProConnect — Connexion (code d'autorisation, state, nonce, iss)"]],
      [
        "1.3",
        "donnees",
        ["https://schema.data.gouv.fr/schemas/etalab/schema-irve-statique/2.3.1/schema-statique.json"],
      ],
      ["1.4", "formation", []],
    ]);
    expect(plan.entries[0]!.classes[0]!.uri).toBe("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core");
    expect(plan.suites.map((suite) => suite.name)).toEqual([
      "Suite de tests exécutable de l'OGC (ETS OGC API - Features), avec TEAM Engine",
      "Sonde intégrée de CICCLO Interop (OGC API - Features)",
      "Liste de contrôle ProConnect du projet CICCLO",
      "Validata (schémas de schema.data.gouv.fr)",
    ]);
  });

  it("is appended to the Markdown and HTML exports only when asked for", () => {
    const markdown = exportMarkdown(documentWith(true));
    expect(markdown).toContain(`## ${ACCEPTANCE_PLAN_TITLE}`);
    expect(markdown).toContain("`http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core`");
    expect(markdown).toContain("**Validata (schémas de schema.data.gouv.fr)** : valider chaque fichier publié");
    expect(markdown).toContain("Aucune classe de conformité : vérification par revue des livrables.");
    expect(markdown.indexOf("## Annexe : liste des clauses")).toBeLessThan(
      markdown.indexOf(`## ${ACCEPTANCE_PLAN_TITLE}`),
    );

    const html = exportHtml(documentWith(true));
    expect(html).toContain(`<h2 id="plan-de-recette">${ACCEPTANCE_PLAN_TITLE}</h2>`);
    expect(html).toContain('<a href="#plan-de-recette">');
    expect(html).toContain('<a href="https://cite.opengeospatial.org/teamengine/">');

    expect(exportMarkdown(documentWith(false))).not.toContain(ACCEPTANCE_PLAN_TITLE);
    expect(exportHtml(documentWith(false))).not.toContain(ACCEPTANCE_PLAN_TITLE);
  });
});
