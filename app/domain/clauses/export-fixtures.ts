// A small document built from test clause files, shared by the export tests (not used by the app).
import { clauseFile } from "../../../tests/clauses/clause-file-factory";
import { buildClauseDocument, type ClauseDocument } from "./document";
import type { ClauseVersion } from "./model";
import { parseClauseFile } from "./parse-clause-file";

export function testClause(id: string, title: string, extra: { body?: string; guidance?: string } = {}): ClauseVersion {
  const parsed = parseClauseFile(
    `clauses/${id}/1.0.0.md`,
    clauseFile({
      frontMatter: { id, title },
      body:
        extra.body ??
        "Le titulaire livre la solution sous {{delai}} :\n\n- données **ouvertes** ;\n  - au format _GeoJSON_ ;\n- code `source`.\n\n1. d'abord ;\n2. ensuite.\n\nVoir [la norme](https://www.ogc.org/).",
      guidance: extra.guidance ?? "Vérifiez le CCAP & l'article 42.",
    }),
  );
  if (!parsed.version) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.version;
}

export function testDocument(
  options: { includeGuidance?: boolean; clauseCount?: number; includeAcceptancePlan?: boolean } = {},
): ClauseDocument {
  // Parsed once and copied: parsing is load-time work, the speed test measures exports.
  const template = testClause("clause", "Clause");
  const bulk = Array.from({ length: options.clauseCount ?? 0 }, (_, index) => ({
    clause: { ...template, id: `clause-${index}`, title: `Clause numéro ${index}` },
    values: { delai: 10 + (index % 50) },
  }));
  return buildClauseDocument({
    titlePage: {
      buyerName: 'Métropole <Test> & "Cie"',
      procurementTitle: "Plateforme de données géographiques",
      procurementReference: "Marché n° 2027-014",
      date: "2027-03-01",
    },
    includeGuidance: options.includeGuidance ?? true,
    includeAcceptancePlan: options.includeAcceptancePlan ?? false,
    sections: [
      {
        title: "Exigences",
        children: [
          { clause: testClause("livraison", "Livraison des données"), values: { delai: 45 } },
          { title: "Identité", children: [{ clause: testClause("connexion", "Connexion <sécurisée>") }] },
          ...bulk,
        ],
      },
      { title: "Réversibilité", children: [{ clause: testClause("reversibilite", "Restitution") }] },
    ],
  });
}
