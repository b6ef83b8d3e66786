import type { MetaFunction } from "@remix-run/node";
import { UpcomingSection } from "~/components/upcoming-section";

export const meta: MetaFunction = () => [{ title: "Conformité — CICCLO Interop" }];

export default function Conformance() {
  return (
    <UpcomingSection
      title="Conformité"
      text="La matrice de conformité (OGC TEAM Engine, JUnit, Validata) reliée aux sujets et aux clauses est en cours de construction."
    />
  );
}
