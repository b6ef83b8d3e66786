import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { listClauses } from "~/domain/clauses/library.server";
import { listClauseTemplateViews } from "~/domain/clauses/templates.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [
  { title: "Modèles de CCTP — Clausier CCTP — CICCLO Interop" },
  { name: "description", content: "Sélections de clauses prêtes à l'emploi pour les CCTP de plateformes de données." },
];

export async function loader(_: LoaderFunctionArgs) {
  return { templates: await listClauseTemplateViews(await listClauses(await getDb())) };
}

export default function ClauseTemplates() {
  const { templates } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb segments={[{ label: "Clausier CCTP", to: "/clauses" }]} current="Modèles" />
      <h1>Modèles de CCTP</h1>
      <p className="fr-text--lead">
        Des sélections de clauses prêtes à l&apos;emploi : ouvrez-en une dans la sélection, complétez l&apos;acheteur,
        l&apos;objet du marché et les paramètres signalés, puis exportez en ODT ou DOCX.
      </p>
      {templates.map((template) => (
        <section key={template.id} className="fr-mb-6w" aria-labelledby={`template-${template.id}`}>
          <h2 id={`template-${template.id}`}>{template.title}</h2>
          <p>{template.description}</p>
          <form method="post" action="/selection">
            {template.selectionFields.map(([name, value], position) => (
              <input key={position} type="hidden" name={name} value={value} />
            ))}
            <button type="submit" name="intent" value="preview" className="fr-btn fr-mb-2w">
              {`Ouvrir « ${template.title} » dans la sélection`}
            </button>
          </form>
          <details>
            <summary>{`Sommaire : ${template.sections.length} sections, ${template.clauseCount} clauses`}</summary>
            <ol>
              {template.sections.map((section) => (
                <li key={section.title}>
                  {section.title}
                  <ul>
                    {section.clauses.map((clause) => (
                      <li key={clause.id}>
                        <Link to={clause.url}>{clause.title}</Link>
                        {clause.version ? ` (version ${clause.version})` : null}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          </details>
        </section>
      ))}
    </div>
  );
}
