import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { scalar } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { bitsPerCharacter } from "./bits-per-character.js";

registerCpuBackend();

describe("bitsPerCharacter", () => {
  it("is H / ln 2: a uniform guess among 256 bytes is 8 bits, among 2 is 1 bit", () => {
    expect(bitsPerCharacter(Math.log(256))).toBeCloseTo(8, 14);
    expect(bitsPerCharacter(Math.LN2)).toBe(1);
  });

  it("reads a scalar tensor", () => {
    const h = scalar(Math.log(2) * 3, "float64");
    expect(bitsPerCharacter(h)).toBeCloseTo(3, 14);
    h.dispose();
    expect(() => bitsPerCharacter("1" as unknown as number)).toThrow(
      "bitsPerCharacter: expected a number or a one-element tensor, got string",
    );
  });
});
