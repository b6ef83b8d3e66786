/**
 * The geometry of a deployment's pass-rate chart, drawn by the server as inline SVG (no chart library, nothing to
 * run in the browser). Runs are spaced evenly in upload order rather than on a time scale: CIs upload several runs
 * a day and then none for weeks, and a time scale would pile the former into one unreadable point. Their dates
 * label the horizontal axis and the table beside the chart.
 */

export interface RunForChart {
  id: number;
  /** ISO date of the upload. */
  createdAt: string;
  counts: { total: number; passed: number };
}

export interface ChartPoint {
  runId: number;
  date: string;
  /** Percentage of passed tests, one decimal. */
  rate: number;
  passed: number;
  total: number;
  x: number;
  y: number;
}

export interface PassRateChart {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** Oldest first. */
  points: ChartPoint[];
  /** The SVG `points` of the line. */
  line: string;
  yTicks: { value: number; y: number; label: string }[];
  /** Indexes into `points` of the runs whose date labels the horizontal axis (first, middle, last). */
  xLabels: number[];
}

const WIDTH = 640;
const HEIGHT = 240;
const PLOT = { left: 56, top: 16, right: WIDTH - 24, bottom: HEIGHT - 40 } as const;

export const passRate = (passed: number, total: number) => Math.round((passed / total) * 1000) / 10;

/** The chart of `runs` (any order); runs without any test have no rate and are left out. */
export function passRateChart(runs: readonly RunForChart[]): PassRateChart {
  const charted = runs
    .filter((run) => run.counts.total > 0)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  const span = PLOT.right - PLOT.left;
  const height = PLOT.bottom - PLOT.top;
  const xOf = (index: number) =>
    charted.length === 1 ? PLOT.left + span / 2 : PLOT.left + (span * index) / (charted.length - 1);
  const yOf = (rate: number) => PLOT.bottom - (height * rate) / 100;
  const round = (value: number) => Math.round(value * 10) / 10;
  const points = charted.map((run, index) => {
    const rate = passRate(run.counts.passed, run.counts.total);
    return {
      runId: run.id,
      date: run.createdAt,
      rate,
      passed: run.counts.passed,
      total: run.counts.total,
      x: round(xOf(index)),
      y: round(yOf(rate)),
    };
  });
  const last = points.length - 1;
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: { ...PLOT },
    points,
    line: points.map((point) => `${point.x},${point.y}`).join(" "),
    yTicks: [0, 25, 50, 75, 100].map((value) => ({ value, y: round(yOf(value)), label: `${value} %` })),
    xLabels: last < 0 ? [] : [...new Set([0, Math.floor(last / 2), last])],
  };
}
