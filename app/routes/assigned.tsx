import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { OlderTopicsLink } from "~/components/older-topics-link";
import { TopicList, withTopicsAsJsonText } from "~/components/topic-list";
import { listAssignedTopics, parseAssignedScope } from "~/domain/tracker/assignments.server";
import { requireSignedIn } from "~/domain/identity/viewer";
import { requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Sujets assignés — CICCLO Interop" }];

const TABS = [
  { scope: "me", label: "À moi", caption: "Sujets ouverts qui vous sont assignés, par dernière activité" },
  {
    scope: "teams",
    label: "À mes équipes",
    caption: "Sujets ouverts assignés à vos équipes, par dernière activité",
  },
] as const;

// The open topics assigned to the signed-in person, or to one of their solution teams.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  const url = new URL(request.url);
  const scope = parseAssignedScope(url.searchParams.get("tab"));
  const page = await listAssignedTopics(await getDb(), user, { scope, cursor: url.searchParams.get("cursor") });
  return { scope, ...withTopicsAsJsonText(page, context) };
}

export default function AssignedTopics() {
  const { scope, topics, nextCursor } = useLoaderData<typeof loader>();
  const tab = TABS.find((candidate) => candidate.scope === scope)!;
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb segments={[{ label: "Discussions", to: "/latest" }]} current="Sujets assignés" />
      <h1>Sujets assignés</h1>
      <p>Les sujets ouverts dont vous ou vos équipes avez la charge, les plus récemment actifs d&apos;abord.</p>
      <nav aria-label="Sujets assignés">
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-mb-2w">
          {TABS.map((candidate) => (
            <li key={candidate.scope}>
              <Link
                className={`fr-btn fr-btn--sm${candidate.scope === scope ? "" : " fr-btn--secondary"}`}
                to={candidate.scope === "me" ? "/assigned" : "/assigned?tab=teams"}
                aria-current={candidate.scope === scope ? "page" : undefined}
              >
                {candidate.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="fr-h4">{tab.label}</h2>
      <TopicList topics={topics} caption={tab.caption} />
      <OlderTopicsLink cursor={nextCursor} params={scope === "teams" ? { tab: scope } : {}} />
    </div>
  );
}
