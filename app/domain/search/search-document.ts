// The one shape every searchable thing takes (topic, post, clause version, solution, conformance class), whatever the
// engine. Builders in the other domains produce it; the outbox carries it; both adapters index it as is.
import { z } from "zod";

export const SEARCH_DOCUMENT_TYPES = ["topic", "post", "clause", "solution", "conformance-class"] as const;
export type SearchDocumentType = (typeof SEARCH_DOCUMENT_TYPES)[number];

/** Fields a query can filter on (and count as facets); all hold strings, several of them lists. */
export const FILTER_FIELDS = ["type", "categoryId", "tags", "solutions", "status", "classUris", "assignees"] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** Facets shown beside results (assignees are filterable but not worth a facet). */
export const FACET_FIELDS = ["type", "categoryId", "tags", "solutions", "status", "classUris"] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

/** Marks a document everybody may see, signed in or not. */
export const PUBLIC_AUDIENCE = "public";

const documentId = z
  .string()
  .regex(/^(topic|post|clause|solution|conformance-class):\S+$/, "id de document de recherche invalide")
  .max(400);

export const searchDocumentSchema = z.object({
  /** "topic:12", "post:345", "clause:authentification-proconnect@2", "solution:georchestra", "conformance-class:…". */
  id: documentId,
  type: z.enum(SEARCH_DOCUMENT_TYPES),
  /** Plain text: the title of a topic, clause or class, the topic's title for a post. */
  title: z.string().max(1_000),
  /**
   * Plain text (Markdown rendered and stripped by the builder): a topic's first post and report fields, a post's text,
   * a clause version's text with its parameters and guidance, a solution's or class's description.
   */
  body: z.string().max(200_000),
  url: z.string().min(1),
  categoryId: z.string().nullish(),
  tags: z.array(z.string()).default([]),
  /** Solutions involved (slugs), e.g. a report on geOrchestra, a class result of Prodige. */
  solutions: z.array(z.string()).default([]),
  /** Workflow status of a report ("confirmed"), or a clause version's state ("current", "superseded"). */
  status: z.string().nullish(),
  /** Conformance classes, by URI and by alias ("ogcapi-features-1/core"), so either finds the document. */
  classUris: z.array(z.string()).default([]),
  /** Who a report is assigned to (the keys `assigned:me` resolves to: "user:7", "group:mainteneurs-prodige"). */
  assignees: z.array(z.string()).default([]),
  /**
   * Who may see it: "public", or the audience keys allowed (group names, "user:7", "role:moderator"). The same keys
   * describe the viewer at query time; private documents are filtered out before counting.
   */
  audience: z.union([z.literal(PUBLIC_AUDIENCE), z.array(z.string().min(1)).min(1)]),
  /** Last activity: ranks recent documents higher and sorts `order:latest`. */
  updatedAt: z.coerce.date(),
  /** Roadmap votes, for `order:votes`. */
  votes: z.number().int().nonnegative().default(0),
  /** The document this one belongs to ("topic:12" for its posts, "clause:x" for its versions), for grouping. */
  parentId: z.string().nullish(),
});

export type SearchDocument = z.output<typeof searchDocumentSchema>;
export type SearchDocumentInput = z.input<typeof searchDocumentSchema>;

/** Validates and fills defaults; throws a ZodError naming the faulty field. */
export function parseSearchDocument(input: unknown): SearchDocument {
  return searchDocumentSchema.parse(input);
}

/** The audience keys of a document, "public" included, as the engines store them for filtering. */
export function audienceKeys(document: Pick<SearchDocument, "audience">): string[] {
  return document.audience === PUBLIC_AUDIENCE ? [PUBLIC_AUDIENCE] : [...new Set(document.audience)];
}

/** The values a document holds for a filter field, as a list. */
export function filterValues(document: SearchDocument, field: FilterField): string[] {
  const value = document[field];
  if (Array.isArray(value)) return [...new Set(value)];
  return value === null || value === undefined ? [] : [value];
}
