import { describe, expect, it } from "vitest";
import { parsePairs } from "./parse-pairs.js";

describe("parsePairs", () => {
  it("reads source<TAB>target lines, with \\r\\n, a BOM, blank lines and extra columns", () => {
    const text = "\uFEFFGo.\tVa !\tCC-BY 2.0\r\n\r\nHi.\tSalut !\n";
    const parsed = parsePairs(text);
    expect(parsed.pairs).toEqual([
      { source: "Go.", target: "Va !", line: 1 },
      { source: "Hi.", target: "Salut !", line: 3 },
    ]);
    expect(parsed.blankLines).toBe(2); // line 2 and the empty last line
    expect(parsed.skipped).toEqual([]);
  });

  it("names the line of a bad pair", () => {
    expect(() => parsePairs("a\tb\nno tab here\n")).toThrow(
      /parsePairs: line 2: no tab between source and target: "no tab here"/,
    );
    expect(() => parsePairs("a\tb\n\tb\n")).toThrow(
      /line 2: the source \(before the tab\) is empty/,
    );
    expect(() => parsePairs("a\t \n")).toThrow(/line 1: the target \(after the tab\) is empty/);
    expect(() =>
      parsePairs("x\ty\nabcdef\tb\n", { maxSourceLength: 5, fileName: "pairs.tsv" }),
    ).toThrow(/line 2 of pairs.tsv: the source is longer than maxSourceLength \(6 > 5\)/);
  });

  it("skips and counts bad lines when asked", () => {
    const text = ["ok\tfine", "missing", "\tempty", "long source here\tx", "a\tb c d"].join("\n");
    const parsed = parsePairs(text, {
      onInvalid: "skip",
      sourceLevel: "word",
      maxSourceLength: 2,
      targetLevel: "word",
      maxTargetLength: 2,
    });
    expect(parsed.pairs.map((p) => p.line)).toEqual([1]);
    expect(parsed.counts).toEqual({
      "no-tab": 1,
      "empty-source": 1,
      "empty-target": 0,
      "source-too-long": 1,
      "target-too-long": 1,
    });
    expect(parsed.skipped.map((s) => [s.line, s.problem])).toEqual([
      [2, "no-tab"],
      [3, "empty-source"],
      [4, "source-too-long"],
      [5, "target-too-long"],
    ]);
  });

  it("measures lengths in code points at char level", () => {
    expect(parsePairs("😀😀\tx", { maxSourceLength: 2 }).pairs).toHaveLength(1);
    expect(() => parsePairs("😀😀😀\tx", { maxSourceLength: 2 })).toThrow(/3 > 2/);
  });

  it("rejects bad options", () => {
    expect(() => parsePairs("a\tb", { maxSourceLength: 0 })).toThrow(
      /maxSourceLength must be a positive integer/,
    );
    expect(() => parsePairs("a\tb", { onInvalid: "ignore" as "skip" })).toThrow(/onInvalid/);
  });
});
