import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "~/components/link";
import { ADMIN_SECTIONS, AdminLayout } from "~/components/admin-layout";
import { requireAdminPage } from "~/infra/admin.server";

export const meta: MetaFunction = () => [{ title: "Administration — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdminPage(request, context);
  return null;
}

// A page route, not a resource route, so a refusal renders the French 403 page.
export default function AdminHome() {
  return (
    <AdminLayout title="Administration">
      <ul>
        {ADMIN_SECTIONS.map((section) => (
          <li key={section.to} className="fr-mb-1w">
            <Link to={section.to}>{section.label}</Link> : {section.description}
          </li>
        ))}
      </ul>
    </AdminLayout>
  );
}
