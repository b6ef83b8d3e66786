import type { MetaFunction } from "@remix-run/node";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Page non trouvée — CICCLO Interop" }];

// Any URL no route claims: a real 404 status with the French DSFR page.
export function loader() {
  throw new Response("Page introuvable", { status: 404 });
}

export default function NotFound() {
  return <ErrorPage status={404} />;
}
