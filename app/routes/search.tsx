import type { MetaFunction } from "@remix-run/node";
import { UpcomingSection } from "~/components/upcoming-section";

export const meta: MetaFunction = () => [{ title: "Recherche — CICCLO Interop" }];

export default function Search() {
  return (
    <UpcomingSection
      title="Recherche"
      text="La recherche plein texte (sujets, messages, clauses, résultats de conformité) est en cours de construction."
    />
  );
}
