import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "@rnnkit/core-tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "../testing/run-in-process.js";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "rnnkit-forecast-"));
  // a weekly cycle plus noise: y_t = 10 + 5 sin(2πt/7) + 0.2 ε_t
  const rng = new Rng(3);
  const rows = Array.from(
    { length: 420 },
    (_, t) =>
      `${t},${(10 + 5 * Math.sin((2 * Math.PI * t) / 7) + 0.2 * rng.nextNormal()).toFixed(4)}`,
  );
  writeFileSync(join(dir, "weekly.csv"), `day,"visits, total"\n${rows.join("\n")}\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The MAE numbers of "model" and "last value" lines, in order. */
function maes(stdout: string): { model: number[]; baseline: number[] } {
  const grab = (re: RegExp) => [...stdout.matchAll(re)].map((m) => Number(m[1]));
  return {
    model: grab(/^ {2}model +MAE ([\d.]+)/gm),
    baseline: grab(/^ {2}last value MAE ([\d.]+)/gm),
  };
}

describe("rnnkit forecast", () => {
  it("N→1 and N→N on a CSV column beat the last-value baseline and write an SVG plot", async () => {
    const output = join(dir, "weekly.svg");
    const run = await runInProcess([
      "forecast",
      "--csv",
      join(dir, "weekly.csv"),
      "--column",
      "visits, total",
      "--window",
      "14",
      "--hidden",
      "12",
      "--epochs",
      "12",
      "--batch",
      "16",
      "--lr",
      "0.02",
      "--output",
      output,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const { model, baseline } = maes(run.stdout);
    expect(model).toHaveLength(2);
    // last value misses the cycle: E|y_t − y_{t−1}| ≈ 2.8 here; the models learn it
    for (const [k, m] of model.entries()) expect(m).toBeLessThan(0.5 * (baseline[k] as number));
    expect(run.stdout).toContain("every step of every window"); // the N→N summary
    const svg = readFileSync(output, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(4); // truth, N→1, N→N, last value
  });

  it("on the built-in daily births series (N→1), with an HTML plot", async () => {
    const output = join(dir, "births.html");
    const run = await runInProcess([
      "forecast",
      "--mode",
      "n-to-1",
      "--window",
      "7",
      "--hidden",
      "8",
      "--epochs",
      "1",
      "--batch",
      "32",
      "--lr",
      "0.02",
      "--output",
      output,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("daily US births 1969–1988 (CDC/NCHS): 7305 values");
    const { model, baseline } = maes(run.stdout);
    expect(model[0]).toBeLessThan(baseline[0] as number);
    expect(readFileSync(output, "utf8")).toMatch(/^<!doctype html>[\s\S]*<svg[\s\S]*<\/svg>/);
  });

  it("bad input: one line, non-zero exit", async () => {
    const missing = await runInProcess([
      "forecast",
      "--csv",
      join(dir, "none.csv"),
      "--column",
      "x",
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `rnnkit forecast: CSV file ${join(dir, "none.csv")} does not exist\n`,
    );
    const column = await runInProcess([
      "forecast",
      "--csv",
      join(dir, "weekly.csv"),
      "--column",
      "price",
    ]);
    expect(column.code).toBe(1);
    expect(column.stderr).toMatch(/^rnnkit forecast: readCsvColumn: .*price.*\n$/);
    const lonely = await runInProcess(["forecast", "--column", "price"]);
    expect(lonely.stderr).toBe("rnnkit forecast: --column needs --csv\n");
  });
});
