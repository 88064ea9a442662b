import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../cli/cli-io.js";
import { runCli } from "../run-cli.js";
import { runInProcess } from "../testing/run-in-process.js";

let dir: string;
let checkpoint: string;
let trained: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rnnkit-translate-"));
  checkpoint = join(dir, "dates.ckpt");
  const run = await runInProcess([
    "translate",
    "train",
    "--task",
    "dates",
    "--count",
    "700",
    "--epochs",
    "3",
    "--hidden",
    "32",
    "--embedding",
    "16",
    "--lr",
    "0.02",
    "--checkpoint",
    checkpoint,
  ]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  trained = run.stdout;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** [exact match %, error rate %, BLEU] of each "held out:" / eval line. */
function scores(text: string): number[][] {
  return [...text.matchAll(/exact match ([\d.]+)%, \w+ error rate ([\d.]+)%, BLEU ([\d.]+)/g)].map(
    (m) => m.slice(1, 4).map(Number),
  );
}

describe("rnnkit translate", () => {
  it("train: evaluates the held-out dates after each epoch, and the error rate falls", () => {
    const perEpoch = scores(trained);
    expect(perEpoch).toHaveLength(3);
    const [first, , last] = perEpoch as [number[], number[], number[]];
    expect(last[1]).toBeLessThan(first[1] as number); // character error rate
    expect(last[1]).toBeLessThan(40);
    expect(last[2]).toBeGreaterThan(first[2] as number); // BLEU
  });

  it("eval: reloading the checkpoint gives the scores of the last epoch; beam search runs", async () => {
    const greedy = await runInProcess([
      "translate",
      "eval",
      "--checkpoint",
      checkpoint,
      "--examples",
      "3",
    ]);
    expect(greedy.code).toBe(0);
    expect(scores(greedy.stdout)[0]).toEqual(scores(trained)[2]);
    expect(greedy.stdout.match(/ {2}.+ {2}→ {2}\d{4}-\d{2}-\d{2}/g)?.length ?? 0).toBeGreaterThan(
      0,
    );
    const beam = await runInProcess([
      "translate",
      "eval",
      "--checkpoint",
      checkpoint,
      "--beam",
      "3",
      "--examples",
      "0",
    ]);
    expect(beam.code).toBe(0);
    expect(beam.stdout).toMatch(/^70 held-out pairs, beam 3/);
  });

  it("run: translates each line of standard input", async () => {
    let stdout = "";
    const io: CliIo = {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => true },
      interactive: false,
      readLines: async function* () {
        yield "3 March 2021";
        yield "";
        yield "July 4, 1976";
      },
    };
    expect(await runCli(["translate", "run", "--checkpoint", checkpoint], io)).toBe(0);
    const lines = stdout.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe("");
    expect(lines[0]).toMatch(/^[\d-]+$/);
  });

  it("a pair file: trains and evaluates on it", async () => {
    const words = [
      "stone",
      "river",
      "cloud",
      "maple",
      "ember",
      "frost",
      "cedar",
      "amber",
      "delta",
      "lunar",
    ];
    const lines = [];
    for (const a of words) for (const b of words) lines.push(`${a} ${b}\t${b} ${a}`);
    writeFileSync(join(dir, "swap.tsv"), `${lines.join("\n")}\nnot a pair line\n`);
    const path = join(dir, "swap.ckpt");
    const run = await runInProcess([
      "translate",
      "train",
      "--pairs",
      join(dir, "swap.tsv"),
      "--target-level",
      "word",
      "--epochs",
      "1",
      "--hidden",
      "16",
      "--embedding",
      "8",
      "--checkpoint",
      path,
    ]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("100 pairs from");
    expect(run.stdout).toContain("1 invalid lines skipped");
    expect(run.stdout).toMatch(/token error rate/);
    const evaluated = await runInProcess([
      "translate",
      "eval",
      "--checkpoint",
      path,
      "--pairs",
      join(dir, "swap.tsv"),
      "--examples",
      "0",
    ]);
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toMatch(/^100 pairs, greedy/);
  });

  it("bad input: another kind of checkpoint, an unknown subcommand, a missing pair file", async () => {
    writeFileSync(join(dir, "empty.txt"), "");
    const kind = await runInProcess(["sample", "--checkpoint", checkpoint]);
    expect(kind.code).toBe(1);
    expect(kind.stderr).toBe(
      `rnnkit sample: ${checkpoint} holds a seq2seq model; rnnkit sample needs a char-lm checkpoint\n`,
    );
    const sub = await runInProcess(["translate", "fly"]);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toBe('rnnkit translate: unknown subcommand "fly": use train, eval or run\n');
    const missing = await runInProcess([
      "translate",
      "train",
      "--pairs",
      join(dir, "none.tsv"),
      "--checkpoint",
      join(dir, "n.ckpt"),
    ]);
    expect(missing.stderr).toBe(
      `rnnkit translate: pair file ${join(dir, "none.tsv")} does not exist\n`,
    );
  });
});
