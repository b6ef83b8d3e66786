import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireAdminPage } from "~/infra/admin.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdminPage(request, context);
  return redirect("/admin/users");
}

// A page route, not a resource route, so a refusal renders the French 403 page.
export default function AdminHome() {
  return null;
}
