import { describe, expect, it } from "vitest";
import { workerExecArgv } from "./workers.server";

describe("workerExecArgv", () => {
  it("starts workers with the primary's flags and a 64 MB semi-space", () => {
    expect(workerExecArgv(["--import", "tsx"])).toEqual(["--import", "tsx", "--max-semi-space-size=64"]);
  });

  it("leaves the young generation to an operator who sized it, on the command line or in NODE_OPTIONS", () => {
    expect(workerExecArgv(["--max-semi-space-size=32"])).toEqual(["--max-semi-space-size=32"]);
    expect(workerExecArgv(["--import", "tsx"], "--max-semi-space-size=128 --enable-source-maps")).toEqual([
      "--import",
      "tsx",
    ]);
  });
});
