import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { ContentPage } from "~/components/content-page";
import { listCategories } from "~/domain/forum/topics.server";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [{ title: "Catégories — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { categories: await listCategories(await getDb(), await getReader(request, context)) };
}

export default function Categories() {
  const { categories } = useLoaderData<typeof loader>();
  return (
    <ContentPage title="Catégories">
      <ul className="fr-raw-list">
        {categories.map((category) => (
          <li key={category.id} className="fr-mb-3w">
            <h2 className="fr-h5 fr-mb-1v">
              <Link
                to={`/c/${category.slug}/${category.id}`}
                className="topic-list__category"
                style={{ ["--category-color" as string]: `#${category.color}` }}
              >
                {category.name}
              </Link>
              {category.readRestricted ? <span className="fr-badge fr-badge--sm fr-ml-1w">Restreinte</span> : null}
            </h2>
            <p className="fr-mb-0">{category.description}</p>
            <p className="fr-text--sm fr-text-mention--grey">
              {category.topicCount} sujet{category.topicCount > 1 ? "s" : ""} · {category.postCount} message
              {category.postCount > 1 ? "s" : ""}
            </p>
          </li>
        ))}
      </ul>
    </ContentPage>
  );
}
