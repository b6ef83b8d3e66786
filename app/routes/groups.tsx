import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ContentPage } from "~/components/content-page";
import { listGroups } from "~/domain/identity/groups.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [{ title: "Groupes — CICCLO Interop" }];

// Where @group mentions lead: who the group is, so a reader knows whom a message called on.
export async function loader() {
  return { groups: await listGroups(await getDb()) };
}

export default function Groups() {
  const { groups } = useLoaderData<typeof loader>();
  return (
    <ContentPage title="Groupes">
      <p>Mentionnez un groupe avec @ suivi de son identifiant pour prévenir tous ses membres.</p>
      <dl>
        {groups.map((group) => (
          <div key={group.name} id={group.name} className="fr-mb-3w">
            <dt className="fr-text--bold">
              {group.label} <code>@{group.name}</code>
            </dt>
            <dd>
              {group.description} ({group.memberCount} membre{group.memberCount > 1 ? "s" : ""})
            </dd>
          </div>
        ))}
      </dl>
    </ContentPage>
  );
}
