import type { MetaFunction } from "@remix-run/node";
import { UpcomingSection } from "~/components/upcoming-section";

export const meta: MetaFunction = () => [{ title: "Clausier CCTP — CICCLO Interop" }];

export default function ClauseLibrary() {
  return (
    <UpcomingSection
      title="Clausier CCTP"
      text="Le clausier technique versionné (recherche, paramètres, export ODT et DOCX) est en cours de construction."
    />
  );
}
