import { type ConformanceStandard, resolveConformanceClassUri } from "~/domain/conformance/class-catalogue";
import type { Block, Inline, ListItem } from "./blocks";
import type { OutlineItem } from "./document";

// The acceptance test plan appended to an exported CCTP on request (issue #8): for each clause, the conformance
// classes that verify it, then the test suites that check those classes and how to run them. It is built from the
// same data as the clause library and the conformance registry, as blocks every exporter already renders.

export const ACCEPTANCE_PLAN_TITLE = "Annexe : plan de recette";

export interface TestSuite {
  name: string;
  /** How the buyer (or the holder, under the buyer's eyes) runs it during acceptance. */
  howToRun: string;
  url: string;
}

const OGC_SUITE: TestSuite = {
  name: "Suite de tests exécutable de l'OGC (ETS OGC API - Features), avec TEAM Engine",
  howToRun:
    "exécuter la suite « ets-ogcapi-features10 » dans TEAM Engine (instance de l'OGC ou instance locale) sur l'adresse de la page d'accueil du service, puis joindre le rapport (TestNG ou EARL) au procès-verbal de recette ; le rapport peut être déposé dans le registre de conformité CICCLO (POST /api/conformance/runs).",
  url: "https://cite.opengeospatial.org/teamengine/",
};

const PROBE_SUITE: TestSuite = {
  name: "Sonde intégrée de CICCLO Interop (OGC API - Features)",
  howToRun:
    "lancer la sonde depuis la page « Conformité » de CICCLO Interop sur l'adresse du service : elle vérifie en direct la page d'accueil, la déclaration de conformité, les collections, la pagination et l'encodage GeoJSON, et enregistre le résultat dans le registre.",
  url: "/conformance",
};

const VALIDATA_SUITE: TestSuite = {
  name: "Validata (schémas de schema.data.gouv.fr)",
  howToRun:
    "valider chaque fichier publié avec Validata contre l'adresse du schéma indiqué par la classe, puis joindre le rapport au procès-verbal de recette ; le rapport JSON de Validata peut être déposé dans le registre de conformité CICCLO.",
  url: "https://validata.fr/",
};

const PROCONNECT_SUITE: TestSuite = {
  name: "Liste de contrôle ProConnect du projet CICCLO",
  howToRun:
    "dérouler les contrôles de chaque classe sur l'environnement d'intégration de ProConnect (connexion, userinfo signé, niveau de garantie), ou joindre le rapport JUnit des tests d'intégration du titulaire qui les couvrent, puis le déposer dans le registre de conformité CICCLO.",
  url: "https://github.com/numerique-gouv/proconnect-documentation",
};

const SUITES_BY_STANDARD: Record<ConformanceStandard, readonly TestSuite[]> = {
  "OGC API - Features": [OGC_SUITE, PROBE_SUITE],
  "OGC API - Common": [OGC_SUITE, PROBE_SUITE],
  "OGC CQL2": [OGC_SUITE],
  ProConnect: [PROCONNECT_SUITE],
  "schema.data.gouv.fr": [VALIDATA_SUITE],
};

export interface AcceptancePlanEntry {
  number: string;
  title: string;
  id: string;
  version: string;
  classes: { uri: string; title: string; standard: ConformanceStandard | null }[];
}

export interface AcceptancePlan {
  entries: AcceptancePlanEntry[];
  suites: TestSuite[];
}

const SCHEMA_HOST = /^https?:\/\/schema\.data\.gouv\.fr\//;

/** The plan for the document's clauses, in the document's order; each suite listed once. */
export function buildAcceptancePlan(outline: readonly OutlineItem[]): AcceptancePlan {
  const suites = new Set<TestSuite>();
  const entries = outline.flatMap((item) => {
    if (item.kind !== "clause") return [];
    const classes = item.clause.conformanceClasses.map((uri) => {
      const known = resolveConformanceClassUri(uri);
      const standard: ConformanceStandard | null =
        known?.standard ?? (SCHEMA_HOST.test(uri) ? "schema.data.gouv.fr" : null);
      for (const suite of standard ? SUITES_BY_STANDARD[standard] : []) suites.add(suite);
      return { uri: known?.uri ?? uri, title: known?.title ?? uri, standard };
    });
    return [{ number: item.number, title: item.title, id: item.clause.id, version: item.clause.version, classes }];
  });
  return { entries, suites: [...suites] };
}

const text = (value: string, extra: Partial<Inline> = {}): Inline => ({ text: value, ...extra });

/** The plan as paragraphs and lists, which every exporter renders like a clause's text. */
export function acceptancePlanBlocks(plan: AcceptancePlan): Block[] {
  const blocks: Block[] = [
    {
      kind: "paragraph",
      inlines: [
        text(
          "La recette vérifie chaque clause ci-dessous par les classes de conformité indiquées, au moyen des suites de tests décrites à la fin de cette annexe. Une clause sans classe de conformité se vérifie par la revue des livrables.",
        ),
      ],
    },
  ];
  for (const entry of plan.entries) {
    blocks.push({
      kind: "paragraph",
      inlines: [
        text(`${entry.number} ${entry.title}`, { strong: true }),
        text(` (clause ${entry.id}, version ${entry.version})`),
      ],
    });
    if (entry.classes.length === 0) {
      blocks.push({
        kind: "list",
        ordered: false,
        items: [{ level: 0, inlines: [text("Aucune classe de conformité : vérification par revue des livrables.")] }],
      });
      continue;
    }
    blocks.push({
      kind: "list",
      ordered: false,
      items: entry.classes.map((entry): ListItem => ({
        level: 0,
        inlines: [text(entry.title), text(" — "), text(entry.uri, { code: true })],
      })),
    });
  }
  blocks.push({ kind: "paragraph", inlines: [text("Suites de tests et mise en œuvre", { strong: true })] });
  blocks.push(
    plan.suites.length === 0
      ? {
          kind: "paragraph",
          inlines: [text("Aucune suite de tests automatisée ne couvre les clauses retenues.")],
        }
      : {
          kind: "list",
          ordered: false,
          items: plan.suites.map((suite) => ({
            level: 0,
            inlines: [
              text(suite.name, { strong: true }),
              text(" : "),
              text(suite.howToRun),
              text(" ("),
              text(suite.url, { href: suite.url.startsWith("/") ? undefined : suite.url }),
              text(")"),
            ],
          })),
        },
  );
  return blocks;
}
