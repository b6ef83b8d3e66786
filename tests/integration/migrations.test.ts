import { expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { migrate } from "../../scripts/db/migrate";

it("re-running migrations on an up-to-date database applies nothing", async () => {
  expect(await migrate(process.env.DATABASE_URL!)).toEqual([]);
});

it("enforces foreign keys (SQLite has them off unless asked)", async () => {
  const db = await getDb();
  await expect(
    db.post.create({ data: { topicId: 999_999, postNumber: 1, userId: 999_999, raw: "x", cooked: "x" } }),
  ).rejects.toThrow();
});
