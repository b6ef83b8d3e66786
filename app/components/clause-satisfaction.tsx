import { Link } from "~/components/link";
import type { ClauseSatisfaction, SatisfyingDeployment } from "~/domain/conformance/clause-satisfaction";
import { formatRunDate } from "./conformance-verdict";
import { DsfrTable } from "./dsfr-table";

/** The clause page's « Qui satisfait cette clause aujourd'hui » : verified by tests, apart from merely declared. */
export function ClauseSatisfactionSection({ satisfaction }: { satisfaction: ClauseSatisfaction }) {
  const { classes, verified, declared } = satisfaction;
  if (classes.length === 0)
    return <p>Sans classe de conformité, aucun résultat de test ne peut se rapporter à cette clause.</p>;
  const classList = classes.map((cls) => cls.title).join(", ");
  return (
    <>
      <p>
        Une solution satisfait cette clause sur un déploiement quand le dernier verdict de ce déploiement est « conforme
        » sur chacune des classes : {classList}.
      </p>
      <h3 id="verifie">Vérifié par les tests</h3>
      {verified.length === 0 ? (
        <p>Aucun déploiement n&apos;est conforme à toutes ces classes d&apos;après ses derniers passages de tests.</p>
      ) : (
        <SatisfyingTable
          caption="Déploiements dont les derniers passages de tests sont conformes à toutes les classes de la clause"
          rows={verified}
          runLabel="Passages"
        />
      )}
      <h3 id="declare">Déclaré par le service</h3>
      <p className="fr-text--sm">
        Classes que le service annonce dans son document <code>/conformance</code>, lu lors de la dernière sonde : une
        déclaration n&apos;est pas une vérification.
      </p>
      {declared.length === 0 ? (
        <p>Aucun déploiement sondé ne déclare toutes ces classes.</p>
      ) : (
        <SatisfyingTable
          caption="Déploiements qui déclarent toutes les classes de la clause dans leur document /conformance"
          rows={declared}
          runLabel="Sonde"
        />
      )}
    </>
  );
}

function SatisfyingTable({
  caption,
  rows,
  runLabel,
}: {
  caption: string;
  rows: SatisfyingDeployment[];
  runLabel: string;
}) {
  return (
    <DsfrTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">Solution</th>
          <th scope="col">Déploiement</th>
          <th scope="col">{runLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.deployment.slug}>
            <td>
              <Link to={row.deployment.solution.url}>{row.deployment.solution.name}</Link>{" "}
              {row.deployment.solution.version}
            </td>
            <th scope="row">
              <Link to={row.deployment.url}>{row.deployment.name}</Link>
            </th>
            <td>
              <ul className="fr-raw-list">
                {row.runs.map((run) => (
                  <li key={run.id}>
                    <Link to={run.url}>
                      n° {run.id} du {formatRunDate(run.date)}
                    </Link>
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </DsfrTable>
  );
}
