import type { Db, DbOrTx } from "~/infra/db.server";
import { recordAudit } from "~/domain/identity/audit.server";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError } from "~/domain/shared/errors";
import { enqueueSearchUpdate, searchDocumentId } from "~/domain/search/outbox.server";
import { visibleCategoriesWhere, type Reader } from "./permissions";

const TAG_NAME = /^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$/;
export const MAX_TAGS_PER_TOPIC = 5;

export function parseTagNames(value: unknown): string[] {
  const values = Array.isArray(value) ? value : String(value ?? "").split(/[\s,]+/);
  return [...new Set(values.map((name) => String(name).trim().toLowerCase()).filter(Boolean))];
}

/** The topic counts only include topics the reader can see, so a private category's tags reveal nothing. */
export async function listTags(db: Db, reader: Reader) {
  const tags = await db.tag.findMany({ orderBy: { name: "asc" } });
  const counts = await db.topicTag.groupBy({
    by: ["tagId"],
    where: { topic: { deletedAt: null, category: visibleCategoriesWhere(reader) } },
    _count: { _all: true },
  });
  const countOf = new Map(counts.map((count) => [count.tagId, count._count._all]));
  return tags.map((tag) => ({ name: tag.name, description: tag.description, topicCount: countOf.get(tag.id) ?? 0 }));
}

export async function createTag(db: Db, actor: SignedInUser, input: { name: string; description: string }) {
  if (actor.role !== "moderator" && actor.role !== "admin") {
    throw new DomainError(403, "Seuls les modérateurs créent des étiquettes.");
  }
  const name = input.name.trim().toLowerCase();
  if (!TAG_NAME.test(name)) {
    throw new DomainError(422, "L'étiquette n'a pas été créée.", {
      fieldErrors: { name: "De 2 à 40 caractères : lettres minuscules sans accent, chiffres et tirets." },
    });
  }
  return db.$transaction(async (tx) => {
    if (await tx.tag.findUnique({ where: { name } })) {
      throw new DomainError(409, `L'étiquette « ${name} » existe déjà.`, {
        fieldErrors: { name: "Elle existe déjà." },
      });
    }
    const tag = await tx.tag.create({ data: { name, description: input.description.trim().slice(0, 300) } });
    await recordAudit(tx, { actorId: actor.id, action: "tag.created", targetType: "tag", targetId: name });
    return tag;
  });
}

/** Replaces a topic's tags. Only existing tags: creating one is a moderator's decision. */
export async function replaceTopicTags(tx: DbOrTx, topicId: number, names: string[]) {
  if (names.length > MAX_TAGS_PER_TOPIC) {
    throw new DomainError(422, `Au plus ${MAX_TAGS_PER_TOPIC} étiquettes par sujet.`, {
      fieldErrors: { tags: `Choisissez au plus ${MAX_TAGS_PER_TOPIC} étiquettes.` },
    });
  }
  const tags = await tx.tag.findMany({ where: { name: { in: names } } });
  const unknown = names.filter((name) => !tags.some((tag) => tag.name === name));
  if (unknown.length) {
    throw new DomainError(422, `Étiquette inconnue : ${unknown.join(", ")}.`, {
      fieldErrors: { tags: `Étiquette inconnue : ${unknown.join(", ")}.` },
    });
  }
  await tx.topicTag.deleteMany({ where: { topicId } });
  if (tags.length) await tx.topicTag.createMany({ data: tags.map((tag) => ({ topicId, tagId: tag.id })) });
  await enqueueSearchUpdate(tx, [searchDocumentId.topic(topicId)]);
}

export async function listTagNames(db: Db): Promise<string[]> {
  return (await db.tag.findMany({ orderBy: { name: "asc" }, select: { name: true } })).map((tag) => tag.name);
}

export async function getTag(db: Db, name: string) {
  const tag = await db.tag.findUnique({ where: { name: name.toLowerCase() } });
  if (!tag) throw new DomainError(404, "Cette étiquette est introuvable.", { name });
  return tag;
}
