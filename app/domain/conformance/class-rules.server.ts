// The group → class rules as admins manage them (/admin/conformance). Every change is one transaction with its audit
// event. Runs already stored keep their verdicts until `npm run cli -- conformance reparse` reads them again.
import type { Db, Prisma } from "~/infra/db.server";
import { recordAudit } from "~/domain/identity/audit.server";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError, notFound } from "~/domain/shared/errors";
import { moveInOrder, type ClassRuleInput, type MoveDirection } from "./class-rules";

function requireAdminActor(actor: SignedInUser) {
  if (actor.role !== "admin") {
    throw new DomainError(403, "Seuls les administrateurs gèrent les règles de rattachement aux classes.");
  }
}

const ORDER = [{ position: "asc" as const }, { id: "asc" as const }];

export async function listClassRulesForAdmin(db: Db) {
  const rules = await db.groupClassRule.findMany({ orderBy: ORDER });
  const classes = await db.conformanceClass.findMany({
    orderBy: [{ standard: "asc" }, { title: "asc" }],
    select: { uri: true, title: true, standard: true },
  });
  const titles = new Map(classes.map((entry) => [entry.uri, entry.title]));
  return {
    rules: rules.map((rule) => ({
      id: rule.id,
      suite: rule.suite,
      group: rule.group,
      classUri: rule.classUri,
      classTitle: titles.get(rule.classUri) ?? null,
    })),
    classes,
  };
}

async function requireCatalogueClass(tx: Prisma.TransactionClient, classUri: string) {
  const known = await tx.conformanceClass.findUnique({ where: { uri: classUri }, select: { uri: true } });
  if (!known) {
    throw new DomainError(422, "La règle n'a pas été enregistrée : corrigez les champs signalés.", {
      fieldErrors: { classUri: "Cette classe n'est pas dans le catalogue : choisissez-en une dans la liste." },
    });
  }
}

async function requireRule(tx: Prisma.TransactionClient, id: number) {
  const rule = await tx.groupClassRule.findUnique({ where: { id } });
  if (!rule) throw notFound("Cette règle", { ruleId: id });
  return rule;
}

const described = (rule: { suite: string | null; group: string; classUri: string }) => ({
  suite: rule.suite,
  group: rule.group,
  classUri: rule.classUri,
});

export async function createClassRule(db: Db, actor: SignedInUser, input: ClassRuleInput) {
  requireAdminActor(actor);
  return db.$transaction(async (tx) => {
    await requireCatalogueClass(tx, input.classUri);
    const last = await tx.groupClassRule.findFirst({ orderBy: [{ position: "desc" }, { id: "desc" }] });
    const rule = await tx.groupClassRule.create({
      data: { ...input, position: (last?.position ?? -1) + 1 },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "conformance_rule.created",
      targetType: "group_class_rule",
      targetId: rule.id,
      details: described(rule),
    });
    return rule;
  });
}

export async function updateClassRule(db: Db, actor: SignedInUser, id: number, input: ClassRuleInput) {
  requireAdminActor(actor);
  return db.$transaction(async (tx) => {
    const before = await requireRule(tx, id);
    await requireCatalogueClass(tx, input.classUri);
    const rule = await tx.groupClassRule.update({ where: { id }, data: input });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "conformance_rule.updated",
      targetType: "group_class_rule",
      targetId: id,
      details: { before: described(before), after: described(rule) },
    });
    return rule;
  });
}

export async function deleteClassRule(db: Db, actor: SignedInUser, id: number) {
  requireAdminActor(actor);
  return db.$transaction(async (tx) => {
    const rule = await requireRule(tx, id);
    await tx.groupClassRule.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "conformance_rule.deleted",
      targetType: "group_class_rule",
      targetId: id,
      details: described(rule),
    });
    return rule;
  });
}

/** Renumbers every rule 0…n-1 in the new order, so ties and gaps left by older edits disappear. */
export async function moveClassRule(db: Db, actor: SignedInUser, id: number, direction: MoveDirection) {
  requireAdminActor(actor);
  return db.$transaction(async (tx) => {
    const rule = await requireRule(tx, id);
    const ids = (await tx.groupClassRule.findMany({ orderBy: ORDER, select: { id: true } })).map((row) => row.id);
    const order = moveInOrder(ids, id, direction);
    for (const [position, ruleId] of order.entries()) {
      await tx.groupClassRule.update({ where: { id: ruleId }, data: { position } });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "conformance_rule.moved",
      targetType: "group_class_rule",
      targetId: id,
      details: { ...described(rule), direction, from: ids.indexOf(id), to: order.indexOf(id) },
    });
    return rule;
  });
}
