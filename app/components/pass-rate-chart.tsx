import { Link } from "~/components/link";
import { useId } from "react";
import { passRateChart, type RunForChart } from "~/domain/conformance/pass-rate-chart";
import { formatRunDate } from "./conformance-verdict";
import { DsfrTable } from "./dsfr-table";

const percent = (rate: number) => `${rate.toLocaleString("fr-FR")} %`;

/** The share of passed tests of each run, as a server-drawn SVG line with its figures in a table below. */
export function PassRateChart({ runs, subject }: { runs: readonly RunForChart[]; subject: string }) {
  const chart = passRateChart(runs);
  const titleId = useId();
  const descriptionId = useId();
  if (chart.points.length === 0) return <p>Aucun passage ne compte encore de test : pas de taux à tracer.</p>;
  const first = chart.points[0]!;
  const last = chart.points.at(-1)!;
  const summary =
    chart.points.length === 1
      ? `Un seul passage, le ${formatRunDate(last.date)} : ${percent(last.rate)} de tests réussis.`
      : `${chart.points.length} passages du ${formatRunDate(first.date)} au ${formatRunDate(last.date)} : de ${percent(first.rate)} à ${percent(last.rate)} de tests réussis.`;
  return (
    <figure className="fr-my-2w" data-testid="pass-rate-chart">
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descriptionId}`}
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        width="100%"
        style={{ maxWidth: `${chart.width}px`, height: "auto" }}
      >
        <title id={titleId}>{`Taux de tests réussis par passage — ${subject}`}</title>
        <desc id={descriptionId}>{summary}</desc>
        {chart.yTicks.map((tick) => (
          <g key={tick.value}>
            <line
              x1={chart.plot.left}
              x2={chart.plot.right}
              y1={tick.y}
              y2={tick.y}
              stroke="currentColor"
              strokeOpacity={tick.value === 0 ? 0.8 : 0.2}
            />
            <text x={chart.plot.left - 8} y={tick.y + 4} textAnchor="end" fontSize="12" fill="currentColor">
              {tick.label}
            </text>
          </g>
        ))}
        {chart.xLabels.map((index) => (
          <text
            key={index}
            x={chart.points[index]!.x}
            y={chart.plot.bottom + 20}
            // The last date ends at its point, so it stays inside the drawing.
            textAnchor={index > 0 && index === chart.points.length - 1 ? "end" : "middle"}
            fontSize="12"
            fill="currentColor"
          >
            {formatRunDate(chart.points[index]!.date)}
          </text>
        ))}
        <text
          x={(chart.plot.left + chart.plot.right) / 2}
          y={chart.height - 4}
          textAnchor="middle"
          fontSize="12"
          fill="currentColor"
        >
          Passages, du plus ancien au plus récent
        </text>
        <polyline
          points={chart.line}
          fill="none"
          stroke="var(--text-action-high-blue-france, #000091)"
          strokeWidth="2"
        />
        {chart.points.map((point) => (
          <circle
            key={point.runId}
            cx={point.x}
            cy={point.y}
            r="4"
            fill="var(--text-action-high-blue-france, #000091)"
          />
        ))}
      </svg>
      <figcaption className="fr-text--sm">{summary}</figcaption>
      <details>
        <summary>Données du graphique</summary>
        <DsfrTable caption="Taux de tests réussis par passage, du plus ancien au plus récent">
          <thead>
            <tr>
              <th scope="col">Passage</th>
              <th scope="col">Date</th>
              <th scope="col">Tests réussis</th>
              <th scope="col">Taux</th>
            </tr>
          </thead>
          <tbody>
            {chart.points.map((point) => (
              <tr key={point.runId}>
                <th scope="row">
                  <Link to={`/conformance/runs/${point.runId}`}>n° {point.runId}</Link>
                </th>
                <td>{formatRunDate(point.date)}</td>
                <td>
                  {point.passed} sur {point.total}
                </td>
                <td>{percent(point.rate)}</td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      </details>
    </figure>
  );
}
