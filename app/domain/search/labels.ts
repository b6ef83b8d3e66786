// French names of the search document types, for /search (groups, facets) and the header's suggestions.
import type { SearchDocumentType } from "./search-document";

export const SEARCH_TYPE_LABELS: Record<SearchDocumentType, string> = {
  topic: "Sujets",
  post: "Messages",
  clause: "Clauses",
  solution: "Solutions",
  "conformance-class": "Classes de conformité",
};

export const SEARCH_TYPE_SINGULAR: Record<SearchDocumentType, string> = {
  topic: "Sujet",
  post: "Message",
  clause: "Clause",
  solution: "Solution",
  "conformance-class": "Classe de conformité",
};
