import { describe, expect, it } from "vitest";
import { passRate, passRateChart, type RunForChart } from "./pass-rate-chart";

const run = (id: number, createdAt: string, passed: number, total: number): RunForChart => ({
  id,
  createdAt,
  counts: { passed, total },
});

describe("passRateChart", () => {
  it("puts runs oldest first, 0 % on the plot's bottom and 100 % on its top", () => {
    // Newest first, as the deployment page lists them.
    const chart = passRateChart([
      run(3, "2026-12-03T10:00:00.000Z", 10, 10),
      run(2, "2026-12-02T10:00:00.000Z", 0, 4),
      run(1, "2026-12-01T10:00:00.000Z", 1, 2),
    ]);
    expect(chart.points.map((point) => [point.runId, point.rate])).toEqual([
      [1, 50],
      [2, 0],
      [3, 100],
    ]);
    expect(chart.points[0]!.x).toBe(chart.plot.left);
    expect(chart.points[2]!.x).toBe(chart.plot.right);
    expect(chart.points[1]!.y).toBe(chart.plot.bottom);
    expect(chart.points[2]!.y).toBe(chart.plot.top);
    expect(chart.points[0]!.y).toBe((chart.plot.top + chart.plot.bottom) / 2);
    expect(chart.line).toBe(chart.points.map((point) => `${point.x},${point.y}`).join(" "));
  });

  it("labels the vertical axis in percent and the horizontal one with the first, middle and last dates", () => {
    const chart = passRateChart([1, 2, 3, 4, 5].map((id) => run(id, `2026-12-0${id}T08:00:00.000Z`, id, 5)));
    expect(chart.yTicks.map((tick) => tick.label)).toEqual(["0 %", "25 %", "50 %", "75 %", "100 %"]);
    expect(chart.yTicks[0]!.y).toBe(chart.plot.bottom);
    expect(chart.xLabels).toEqual([0, 2, 4]);
  });

  it("spaces runs of the same second evenly and centres a lone run", () => {
    const same = passRateChart([run(1, "2026-12-01T08:00:00.000Z", 1, 1), run(2, "2026-12-01T08:00:00.000Z", 0, 1)]);
    expect(same.points.map((point) => point.runId)).toEqual([1, 2]);
    expect(same.points[0]!.x).toBeLessThan(same.points[1]!.x);
    const lone = passRateChart([run(7, "2026-12-01T08:00:00.000Z", 2, 3)]);
    expect(lone.points[0]!.x).toBe((lone.plot.left + lone.plot.right) / 2);
    expect(lone.xLabels).toEqual([0]);
  });

  it("leaves out runs without any test, which have no rate", () => {
    const chart = passRateChart([run(1, "2026-12-01T08:00:00.000Z", 0, 0)]);
    expect(chart.points).toEqual([]);
    expect(chart.xLabels).toEqual([]);
    expect(chart.line).toBe("");
  });

  it("rounds the rate to one decimal", () => {
    expect(passRate(1, 3)).toBe(33.3);
    expect(passRate(2, 3)).toBe(66.7);
  });
});
