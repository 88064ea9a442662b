import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadPairs } from "./load-pairs.js";

const dir = mkdtempSync(join(tmpdir(), "seq2seq-pairs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadPairs", () => {
  it("reads a UTF-8 file and names it in errors", async () => {
    const good = join(dir, "good.tsv");
    writeFileSync(good, "Zoë\tZoé\nthree\ttrois\n");
    const parsed = await loadPairs(good);
    expect(parsed.pairs.map((p) => [p.source, p.target])).toEqual([
      ["Zoë", "Zoé"],
      ["three", "trois"],
    ]);
    const bad = join(dir, "bad.tsv");
    writeFileSync(bad, "a\tb\nc d\n");
    await expect(loadPairs(bad)).rejects.toThrow(`line 2 of ${bad}: no tab`);
    expect((await loadPairs(bad, { onInvalid: "skip" })).counts["no-tab"]).toBe(1);
  });
});
