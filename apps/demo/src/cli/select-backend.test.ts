import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setBackend } from "@rnnkit/core-tensor";
import { afterAll, describe, expect, it } from "vitest";
import { readTrainingRecord } from "../lm/read-training-record.js";
import { runInProcess } from "../testing/run-in-process.js";

const dir = mkdtempSync(join(tmpdir(), "rnnkit-backend-"));
const TINY = [
  "train",
  "--corpus",
  "names",
  "--max-chars",
  "1000",
  "--hidden",
  "8",
  "--embedding",
  "4",
  "--batch",
  "4",
  "--tbptt",
  "10",
  "--max-steps",
  "6",
];

afterAll(() => {
  setBackend("cpu");
  rmSync(dir, { recursive: true, force: true });
});

describe("--backend", () => {
  it("gpujs (webasm mode) trains the same model as cpu, to float32 rounding", async () => {
    const previous = process.env.RNNKIT_GPUJS_MODE;
    process.env.RNNKIT_GPUJS_MODE = "webasm";
    try {
      const gpujs = await runInProcess([
        ...TINY,
        "--backend",
        "gpujs",
        "--checkpoint",
        join(dir, "gpujs.ckpt"),
      ]);
      expect(gpujs.stderr).toBe("");
      expect(gpujs.stdout).toContain("backend gpujs (webasm mode)");
    } finally {
      if (previous === undefined) delete process.env.RNNKIT_GPUJS_MODE;
      else process.env.RNNKIT_GPUJS_MODE = previous;
    }
    const cpu = await runInProcess([
      ...TINY,
      "--backend",
      "cpu",
      "--checkpoint",
      join(dir, "cpu.ckpt"),
    ]);
    expect(cpu.stdout).toContain("backend cpu");
    const a = readTrainingRecord(join(dir, "gpujs.ckpt")).losses;
    const b = readTrainingRecord(join(dir, "cpu.ckpt")).losses;
    expect(a).toHaveLength(6);
    for (const [i, loss] of a.entries()) expect(loss).toBeCloseTo(b[i] as number, 4);
  }, 60_000);

  it("a gpu.js mode that cannot run here is one clear line", async () => {
    const previous = process.env.RNNKIT_GPUJS_MODE;
    process.env.RNNKIT_GPUJS_MODE = "webgl2"; // browsers only
    try {
      const run = await runInProcess([
        ...TINY,
        "--backend",
        "gpujs",
        "--checkpoint",
        join(dir, "x.ckpt"),
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^rnnkit train: --backend gpujs: the gpu\.js backend cannot run here \(.+\); use --backend cpu or set RNNKIT_GPUJS_MODE\n$/,
      );
    } finally {
      if (previous === undefined) delete process.env.RNNKIT_GPUJS_MODE;
      else process.env.RNNKIT_GPUJS_MODE = previous;
    }
  });
});
