import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "../testing/run-in-process.js";

const CHROMIUM = "/usr/bin/chromium";
let dir: string;

// Code-like text, so quotes, brackets and indentation vary.
const CODE = Array.from({ length: 40 }, (_, i) =>
  [
    `function f${i}(a, b) {`,
    `  if (a > ${i}) {`,
    `    return "x${i} (y)" + [a, b];`,
    "  }",
    `  log("done");`,
    "}",
  ].join("\n"),
).join("\n");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rnnkit-visualize-"));
  writeFileSync(join(dir, "code.txt"), CODE);
  const args = [
    "--text",
    join(dir, "code.txt"),
    "--hidden",
    "16",
    "--embedding",
    "8",
    "--batch",
    "8",
    "--tbptt",
    "20",
    "--lr",
    "0.02",
    "--epochs",
    "1",
  ];
  for (const [name, cell] of [
    ["lstm", "lstm"],
    ["gru", "gru"],
  ]) {
    const run = await runInProcess([
      "train",
      ...args,
      "--cell",
      cell as string,
      "--checkpoint",
      join(dir, `${name}.ckpt`),
    ]);
    expect(run.stderr).toBe("");
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("rnnkit visualize", () => {
  it("writes a report that renders in headless Chromium: one heat-map cell per character, no console errors", async () => {
    const output = join(dir, "report.html");
    const run = await runInProcess([
      "visualize",
      "--checkpoint",
      join(dir, "lstm.ckpt"),
      "--text",
      join(dir, "code.txt"),
      "--max-chars",
      "400",
      "--gradient-steps",
      "30",
      "--output",
      output,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^report written to .* \(400 characters, [\d.]+ bits\/char\)/);
    for (const feature of ["inside quotes", "position in line", "bracket depth", "indent depth"]) {
      expect(run.stdout).toMatch(new RegExp(`${feature}: layer 1 cell \\d+ \\(r = -?[\\d.]+\\)`));
    }
    expect(run.stdout).toMatch(
      /vanilla RNN \(untrained\): .*LSTM \(untrained\): .*GRU \(untrained\): .*LSTM \(your trained layer 1\)/,
    );
    const html = readFileSync(output, "utf8");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/); // self-contained

    // Debian's chromium, installed by .ci/run: its absence is a failure, not a skip
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
    const profile = mkdtempSync(join(tmpdir(), "rnnkit-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text());
      });
      page.on("pageerror", (error) => problems.push(error.message));
      await page.goto(`file://${output}`);
      await page.waitForLoadState("load");
      expect(await page.locator("#heatmap .hm-cell").count()).toBe(400);
      expect(await page.locator(".sat-dot").count()).toBe(3 * 16); // three gates × 16 units
      // choosing another cell recolours the text (the page's script works)
      const options = await page
        .locator("#cell-select option")
        .evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
      expect(options.length).toBeGreaterThan(1);
      const before = await page
        .locator("#heatmap .hm-cell")
        .evaluateAll((els) =>
          els.map((e) => (e as unknown as { style: { background: string } }).style.background),
        );
      await page.selectOption("#cell-select", options[1] as string);
      const after = await page
        .locator("#heatmap .hm-cell")
        .evaluateAll((els) =>
          els.map((e) => (e as unknown as { style: { background: string } }).style.background),
        );
      expect(after).not.toEqual(before);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 120_000);

  it("defaults to the held-out end of the training text", async () => {
    const run = await runInProcess([
      "visualize",
      "--checkpoint",
      join(dir, "lstm.ckpt"),
      "--top-k",
      "0",
      "--gradient-steps",
      "10",
      "--output",
      join(dir, "default.html"),
    ]);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, "default.html"), "utf8")).toContain("of the held-out end of");
  });

  it("bad input: a GRU checkpoint, a missing text, an impossible unit", async () => {
    const gru = await runInProcess(["visualize", "--checkpoint", join(dir, "gru.ckpt")]);
    expect(gru.code).toBe(1);
    expect(gru.stderr).toBe(
      `rnnkit visualize: ${join(dir, "gru.ckpt")} holds a gru model; visualize needs an LSTM (its cell state c_t): train one with --cell lstm\n`,
    );
    const text = await runInProcess([
      "visualize",
      "--checkpoint",
      join(dir, "lstm.ckpt"),
      "--text",
      join(dir, "none.txt"),
    ]);
    expect(text.stderr).toBe(
      `rnnkit visualize: text file ${join(dir, "none.txt")} does not exist\n`,
    );
    const unit = await runInProcess([
      "visualize",
      "--checkpoint",
      join(dir, "lstm.ckpt"),
      "--layer",
      "1",
      "--unit",
      "16",
    ]);
    expect(unit.stderr).toBe("rnnkit visualize: --unit 16: the layers have 16 units (0–15)\n");
  });
});
