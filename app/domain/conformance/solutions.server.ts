// Solutions and their versions, as admins manage them (/admin/solutions). Every change is one transaction with its
// audit event; creating a solution may create its maintainer group "mainteneurs-<slug>" in the same transaction.
import type { Db, Prisma } from "~/infra/db.server";
import { recordAudit } from "~/domain/identity/audit.server";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError, notFound } from "~/domain/shared/errors";
import { validateVersion, type SolutionInput } from "./solutions";

function requireAdminActor(actor: SignedInUser) {
  if (actor.role !== "admin") throw new DomainError(403, "Seuls les administrateurs gèrent les solutions.");
}

export async function listSolutionsForAdmin(db: Db) {
  const solutions = await db.solution.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      repositoryUrl: true,
      trackerUrl: true,
      maintainerGroup: { select: { name: true, label: true } },
      versions: { orderBy: { id: "asc" }, select: { version: true } },
    },
  });
  return solutions.map(({ versions, ...solution }) => ({
    ...solution,
    versions: versions.map((row) => row.version),
  }));
}

export async function getSolutionForAdmin(db: Db, slug: string) {
  const solution = await db.solution.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      repositoryUrl: true,
      trackerUrl: true,
      maintainerGroup: { select: { name: true, label: true } },
      versions: {
        orderBy: { id: "asc" },
        select: { id: true, version: true, createdAt: true, _count: { select: { deployments: true } } },
      },
    },
  });
  if (!solution) throw notFound("Cette solution", { slug });
  return {
    ...solution,
    versions: solution.versions.map((row) => ({
      id: row.id,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      deployments: row._count.deployments,
    })),
  };
}

/** The groups a solution may be maintained by, for the form's list. */
export async function groupChoices(db: Db) {
  return db.group.findMany({ orderBy: { label: "asc" }, select: { name: true, label: true } });
}

async function requireFreeSlug(tx: Prisma.TransactionClient, slug: string, exceptId?: number) {
  const existing = await tx.solution.findUnique({ where: { slug }, select: { id: true } });
  if (existing && existing.id !== exceptId) {
    throw new DomainError(422, `Une solution a déjà l'identifiant « ${slug} ».`, {
      fieldErrors: { slug: "Cet identifiant est déjà pris : choisissez-en un autre." },
    });
  }
}

async function resolveMaintainer(
  tx: Prisma.TransactionClient,
  actor: SignedInUser,
  input: SolutionInput,
): Promise<number | null> {
  const choice = input.maintainer;
  if (choice.kind === "none") return null;
  const existing = await tx.group.findUnique({ where: { name: choice.name }, select: { id: true } });
  if (choice.kind === "existing") {
    if (!existing) {
      throw new DomainError(422, `Aucun groupe « ${choice.name} ».`, {
        fieldErrors: { maintainerGroup: "Choisissez un groupe de la liste." },
      });
    }
    return existing.id;
  }
  if (existing) {
    throw new DomainError(422, `Le groupe « ${choice.name} » existe déjà.`, {
      fieldErrors: { maintainerGroup: `Le groupe « ${choice.name} » existe déjà : choisissez-le dans la liste.` },
    });
  }
  const group = await tx.group.create({
    data: {
      name: choice.name,
      label: `Mainteneurs ${input.name}`.slice(0, 100),
      description: `Mainteneurs de la solution ${input.name}.`.slice(0, 500),
    },
  });
  await recordAudit(tx, {
    actorId: actor.id,
    action: "group.created",
    targetType: "group",
    targetId: group.name,
    details: { label: group.label, solution: input.slug },
  });
  return group.id;
}

export async function createSolution(db: Db, actor: SignedInUser, input: SolutionInput) {
  requireAdminActor(actor);
  return db.$transaction(async (tx) => {
    await requireFreeSlug(tx, input.slug);
    const maintainerGroupId = await resolveMaintainer(tx, actor, input);
    const solution = await tx.solution.create({
      data: {
        slug: input.slug,
        name: input.name,
        repositoryUrl: input.repositoryUrl,
        trackerUrl: input.trackerUrl,
        maintainerGroupId,
      },
      select: { id: true, slug: true, name: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "solution.created",
      targetType: "solution",
      targetId: solution.slug,
      details: {
        name: input.name,
        repositoryUrl: input.repositoryUrl,
        trackerUrl: input.trackerUrl,
        maintainerGroup: input.maintainer.kind === "none" ? null : input.maintainer.name,
      },
    });
    return solution;
  });
}

export async function updateSolution(db: Db, actor: SignedInUser, slug: string, input: SolutionInput) {
  requireAdminActor(actor);
  return db.$transaction(async (tx) => {
    const before = await tx.solution.findUnique({
      where: { slug },
      select: {
        id: true,
        slug: true,
        name: true,
        repositoryUrl: true,
        trackerUrl: true,
        maintainerGroup: { select: { name: true } },
      },
    });
    if (!before) throw notFound("Cette solution", { slug });
    await requireFreeSlug(tx, input.slug, before.id);
    const maintainerGroupId = await resolveMaintainer(tx, actor, input);
    const after = {
      slug: input.slug,
      name: input.name,
      repositoryUrl: input.repositoryUrl,
      trackerUrl: input.trackerUrl,
      maintainerGroup: input.maintainer.kind === "none" ? null : input.maintainer.name,
    };
    const previous = { ...before, maintainerGroup: before.maintainerGroup?.name ?? null };
    const changes = Object.fromEntries(
      (Object.keys(after) as (keyof typeof after)[])
        .filter((field) => after[field] !== previous[field])
        .map((field) => [field, { from: previous[field], to: after[field] }]),
    );
    if (Object.keys(changes).length === 0) return { slug: before.slug, changed: false };
    await tx.solution.update({
      where: { id: before.id },
      data: {
        slug: input.slug,
        name: input.name,
        repositoryUrl: input.repositoryUrl,
        trackerUrl: input.trackerUrl,
        maintainerGroupId,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "solution.updated",
      targetType: "solution",
      targetId: input.slug,
      details: changes,
    });
    return { slug: input.slug, changed: true };
  });
}

export async function addSolutionVersion(db: Db, actor: SignedInUser, slug: string, rawVersion: unknown) {
  requireAdminActor(actor);
  const version = validateVersion(rawVersion);
  return db.$transaction(async (tx) => {
    const solution = await tx.solution.findUnique({ where: { slug }, select: { id: true, name: true } });
    if (!solution) throw notFound("Cette solution", { slug });
    const existing = await tx.solutionVersion.findUnique({
      where: { solutionId_version: { solutionId: solution.id, version } },
    });
    if (existing) {
      throw new DomainError(422, `La version ${version} de ${solution.name} existe déjà.`, {
        fieldErrors: { version: "Cette version existe déjà pour cette solution." },
      });
    }
    await tx.solutionVersion.create({ data: { solutionId: solution.id, version } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "solution.version_added",
      targetType: "solution",
      targetId: slug,
      details: { version },
    });
    return { version, solutionName: solution.name };
  });
}
