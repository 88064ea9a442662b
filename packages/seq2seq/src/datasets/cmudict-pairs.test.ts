import { describe, expect, it } from "vitest";
import { cmudictPairs } from "./cmudict-pairs.js";

describe("cmudictPairs", () => {
  it("keeps alphabetic words, their first pronunciation, without stress digits", () => {
    const pairs = cmudictPairs({
      HELLO: "HH AH0 L OW1",
      "HELLO(1)": "HH EH0 L OW1",
      "A'S": "EY1 Z",
      A42128: "EY1 F AO1 R",
      ABACUS: "AE1 B AH0 K AH0 S",
    });
    expect(pairs).toEqual([
      { source: "abacus", target: "AE B AH K AH S", line: 0 },
      { source: "hello", target: "HH AH L OW", line: 0 },
    ]);
  });

  it("rejects what is not a dictionary", () => {
    expect(() => cmudictPairs(null as never)).toThrow(/cmudictPairs: expected an object/);
  });
});
