import type { ActionFunctionArgs } from "@remix-run/node";
import { cookPost } from "~/domain/forum/cook.server";
import { postingLimits } from "~/domain/forum/posting.server";
import { getDb } from "~/infra/db.server";

// The composer's live preview: the same Markdown rendering and sanitizing as a published post.
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const raw = String(form.get("raw") ?? "").slice(0, postingLimits().postMax);
  return Response.json({ cooked: await cookPost(await getDb(), raw) }, { headers: { "Cache-Control": "no-store" } });
}
