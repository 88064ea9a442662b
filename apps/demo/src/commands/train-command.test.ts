import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCheckpoint } from "../checkpoint/load-checkpoint.js";
import { readTrainingRecord } from "../lm/read-training-record.js";
import { buildCli } from "../testing/build-cli.js";
import { runInProcess } from "../testing/run-in-process.js";

// A tiny model on 2000 characters of the built-in names: 1800 for training give 44 steps of
// 4 streams × 10 characters per epoch (1799 input/target pairs, ⌊1799 / 40⌋ = 44).
const STEPS_PER_EPOCH = 44;
const TINY = [
  "train",
  "--corpus",
  "names",
  "--max-chars",
  "2000",
  "--hidden",
  "12",
  "--embedding",
  "8",
  "--batch",
  "4",
  "--tbptt",
  "10",
  "--seq-length",
  "20",
  "--dropout",
  "0.2",
  "--seed",
  "5",
  "--epochs",
  "2",
];

let dir: string;
let cli: string;
let reference: ReturnType<typeof readTrainingRecord>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rnnkit-train-"));
  cli = await buildCli();
  const run = await runInProcess([...TINY, "--checkpoint", join(dir, "reference.ckpt")]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  reference = readTrainingRecord(join(dir, "reference.ckpt"));
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (cli !== undefined) rmSync(cli, { force: true });
});

describe("rnnkit train", () => {
  it("learns: the loss starts near ln V and falls; validation is reported each epoch", () => {
    expect(reference.position).toEqual({ epoch: 2, chunk: 0, step: 2 * STEPS_PER_EPOCH });
    expect(reference.losses).toHaveLength(2 * STEPS_PER_EPOCH);
    // an untrained model predicts ≈ uniformly: loss ≈ ln V with V ≈ 50 symbols (ln 50 ≈ 3.9)
    expect(reference.losses[0]).toBeGreaterThan(3.3);
    expect(reference.losses[0]).toBeLessThan(4.5);
    const [first, second] = reference.epochs;
    expect(second?.trainLoss).toBeLessThan((first?.trainLoss ?? 0) - 0.2);
    expect(first?.validationLoss).toBeTypeOf("number");
    expect(second?.validationLoss).toBeLessThan(first?.validationLoss ?? 0);
  });

  it("resumes exactly: stopped twice mid-epoch and resumed, it computes the same losses", async () => {
    const path = join(dir, "stopped.ckpt");
    const first = await runInProcess([...TINY, "--checkpoint", path, "--max-steps", "30"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("stopped after 30 steps");
    expect(readTrainingRecord(path).position).toEqual({ epoch: 0, chunk: 30, step: 30 });
    const second = await runInProcess([
      "train",
      "--resume",
      "--checkpoint",
      path,
      "--max-steps",
      "40",
    ]);
    expect(second.code).toBe(0);
    expect(readTrainingRecord(path).position).toEqual({
      epoch: 1,
      chunk: 70 - STEPS_PER_EPOCH,
      step: 70,
    });
    const third = await runInProcess(["train", "--resume", "--checkpoint", path]);
    expect(third.stderr).toBe("");
    expect(third.code).toBe(0);
    const resumed = readTrainingRecord(path);
    expect(resumed.position).toEqual(reference.position);
    expect(resumed.losses).toEqual(reference.losses); // bit for bit
    expect(resumed.epochs).toEqual(reference.epochs);
  });

  it("samples: streams the requested length; the same seed gives the same text", async () => {
    const path = join(dir, "reference.ckpt");
    const sample = (seed: string) =>
      runInProcess([
        "sample",
        "--checkpoint",
        path,
        "--length",
        "60",
        "--seed",
        seed,
        "--prime",
        "Ma",
      ]);
    const a = await sample("3");
    const b = await sample("3");
    const c = await sample("4");
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
    expect(a.stdout.startsWith("Ma")).toBe(true);
    expect([...a.stdout].length).toBe(2 + 60 + 1); // prime + 60 characters + final newline
    const greedy = await runInProcess([
      "sample",
      "--checkpoint",
      path,
      "--length",
      "20",
      "--temperature",
      "0",
      "--seed",
      "1",
    ]);
    const greedyAgain = await runInProcess([
      "sample",
      "--checkpoint",
      path,
      "--length",
      "20",
      "--temperature",
      "0",
      "--seed",
      "2",
    ]);
    expect(greedy.stdout).toBe(greedyAgain.stdout); // temperature 0 draws nothing
    // noise on the fed-back embeddings changes what follows (same seed, same prime)
    const noisy = await runInProcess([
      "sample",
      "--checkpoint",
      path,
      "--length",
      "60",
      "--seed",
      "3",
      "--prime",
      "Ma",
      "--noise",
      "2",
    ]);
    expect(noisy.code).toBe(0);
    expect(noisy.stdout).not.toBe(a.stdout);
    const unknown = await runInProcess(["sample", "--checkpoint", path, "--prime", "Ma§"]);
    expect(unknown.stderr).toBe('rnnkit sample: --prime has characters the model never saw: "§"\n');
  });

  it("Ctrl-C (SIGINT) saves a checkpoint and exits 130; resuming gives the uninterrupted losses", async () => {
    const path = join(dir, "interrupted.ckpt");
    const child = spawn(process.execPath, [
      cli,
      ...TINY,
      "--checkpoint",
      path,
      "--checkpoint-every",
      "5",
    ]);
    const output = collect(child);
    await waitFor(() => existsSync(path), 30_000);
    child.kill("SIGINT");
    const code = await exited(child);
    expect(output.stderr).toMatch(
      /^interrupted: checkpoint saved to .*; continue with: rnnkit train --resume/m,
    );
    expect(code).toBe(130);
    const stopped = readTrainingRecord(path).position;
    expect(stopped.step).toBeGreaterThanOrEqual(5);
    expect(stopped.step).toBeLessThan(2 * STEPS_PER_EPOCH);
    const resumed = await runInProcess(["train", "--resume", "--checkpoint", path]);
    expect(resumed.code).toBe(0);
    expect(readTrainingRecord(path).losses).toEqual(reference.losses);
  });

  it("SIGKILL while checkpoints are written: the latest checkpoint always loads and resumes", async () => {
    const path = join(dir, "killed.ckpt");
    const args = [...TINY.slice(0, -1), "1000", "--checkpoint", path, "--checkpoint-every", "1"];
    let lastStep = 0;
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, [cli, ...args, ...(round === 0 ? [] : ["--resume"])]);
      const output = collect(child);
      const before = existsSync(path) ? readFileSync(path) : undefined;
      // wait for a new checkpoint, then kill at a varying moment while more are written
      await waitFor(
        () => existsSync(path) && !readFileSync(path).equals(before ?? Buffer.alloc(0)),
        30_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 40 + 70 * round));
      child.kill("SIGKILL");
      expect(await exited(child)).toBe(null);
      expect(output.stderr).toBe("");
      const position = readTrainingRecord(path).position; // throws if the file were damaged
      expect(position.step).toBeGreaterThan(lastStep);
      lastStep = position.step;
    }
    const resumed = await runInProcess([
      "train",
      "--resume",
      "--checkpoint",
      path,
      "--max-steps",
      "1",
    ]);
    expect(resumed.stderr).toBe("");
    expect(readTrainingRecord(path).position.step).toBe(lastStep + 1);
    // the losses so far are those of the same run never killed
    const run = await runInProcess([
      ...TINY.slice(0, -1),
      "1000",
      "--checkpoint",
      join(dir, "unkilled.ckpt"),
      "--max-steps",
      String(lastStep + 1),
    ]);
    expect(run.code).toBe(0);
    expect(readTrainingRecord(path).losses).toEqual(
      readTrainingRecord(join(dir, "unkilled.ckpt")).losses,
    );
  });
});

describe("bad input: one clear line on stderr, a non-zero exit, no stack trace", () => {
  const oneLine = (stderr: string): string => {
    expect(stderr.endsWith("\n")).toBe(true);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    return stderr.trimEnd();
  };

  it("an unknown option or command", async () => {
    const run = await runInProcess(["train", "--bogus", "3"]);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe("rnnkit train: unknown option --bogus");
    const command = await runInProcess(["trian"]);
    expect(command.code).toBe(2);
    expect(oneLine(command.stderr)).toMatch(/^rnnkit: unknown command "trian"/);
    const value = await runInProcess(["train", "--hidden", "many"]);
    expect(value.code).toBe(2);
    expect(oneLine(value.stderr)).toBe('rnnkit train: --hidden must be an integer, got "many"');
  });

  it("a missing text file, an empty corpus, a missing checkpoint", async () => {
    const missing = await runInProcess([
      "train",
      "--text",
      join(dir, "nope.txt"),
      "--checkpoint",
      join(dir, "x.ckpt"),
    ]);
    expect(missing.code).toBe(1);
    expect(oneLine(missing.stderr)).toBe(
      `rnnkit train: text file ${join(dir, "nope.txt")} does not exist`,
    );
    writeFileSync(join(dir, "empty.txt"), "  \n");
    const empty = await runInProcess([
      "train",
      "--text",
      join(dir, "empty.txt"),
      "--checkpoint",
      join(dir, "x.ckpt"),
    ]);
    expect(empty.code).toBe(1);
    expect(oneLine(empty.stderr)).toBe(
      `rnnkit train: the corpus ${join(dir, "empty.txt")} is empty`,
    );
    const noCheckpoint = await runInProcess(["sample", "--checkpoint", join(dir, "none.ckpt")]);
    expect(noCheckpoint.code).toBe(1);
    expect(oneLine(noCheckpoint.stderr)).toBe(
      `rnnkit sample: checkpoint ${join(dir, "none.ckpt")} does not exist`,
    );
    expect(existsSync(join(dir, "x.ckpt"))).toBe(false);
  });

  it("a checkpoint of another architecture, or of another kind", async () => {
    const path = join(dir, "reference.ckpt");
    const before = readFileSync(path);
    const gru = await runInProcess(["train", "--resume", "--checkpoint", path, "--cell", "gru"]);
    expect(gru.code).toBe(1);
    expect(oneLine(gru.stderr)).toBe(
      `rnnkit train: ${path} was trained with --cell lstm; this run asks for --cell gru (a checkpoint continues only with its own settings)`,
    );
    const again = await runInProcess(["train", "--checkpoint", path]);
    expect(oneLine(again.stderr)).toMatch(
      /already exists; pass --resume to continue it or --overwrite/,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("a corrupt checkpoint is reported and never overwritten", async () => {
    const path = join(dir, "corrupt.ckpt");
    const bytes = readFileSync(join(dir, "reference.ckpt"));
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle); // one flipped byte
    writeFileSync(path, bytes);
    for (const argv of [
      ["train", "--resume", "--checkpoint", path],
      ["sample", "--checkpoint", path],
      ["train", "--checkpoint", path],
    ]) {
      const run = await runInProcess(argv);
      expect(run.code).not.toBe(0);
      expect(oneLine(run.stderr)).toMatch(/corrupt \(checksum mismatch|already exists/);
      expect(readFileSync(path).equals(bytes)).toBe(true);
    }
    writeFileSync(join(dir, "text.ckpt"), "hello");
    const notOurs = await runInProcess(["sample", "--checkpoint", join(dir, "text.ckpt")]);
    expect(oneLine(notOurs.stderr)).toBe(
      `rnnkit sample: ${join(dir, "text.ckpt")} is not an rnnkit checkpoint`,
    );
    expect(() => loadCheckpoint(path, "char-lm", "test")).toThrow(/corrupt/);
  });

  it("the real process prints one line and exits non-zero", async () => {
    const child = spawn(process.execPath, [
      cli,
      "sample",
      "--checkpoint",
      join(dir, "missing.ckpt"),
    ]);
    const output = collect(child);
    expect(await exited(child)).toBe(1);
    expect(output.stdout).toBe("");
    expect(output.stderr).toBe(
      `rnnkit sample: checkpoint ${join(dir, "missing.ckpt")} does not exist\n`,
    );
  });
});

function collect(child: ChildProcess): { stdout: string; stderr: string } {
  const output = { stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk) => (output.stdout += chunk));
  child.stderr?.on("data", (chunk) => (output.stderr += chunk));
  return output;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
