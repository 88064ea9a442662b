import { RnnkitError } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { trainValidationSplit } from "./train-validation-split.js";

describe("trainValidationSplit", () => {
  it("keeps a corpus contiguous: train = head, validation = tail", () => {
    const { train, validation } = trainValidationSplit("abcdefghij".split(""), {
      validationFraction: 0.2,
    });
    expect(train.join("")).toBe("abcdefgh");
    expect(validation.join("")).toBe("ij");
  });

  it("splits into round(n·f) validation items; shuffled splits are seeded partitions", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { minLength: 1, maxLength: 80 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (items, fraction, seed) => {
          const n = items.length;
          fc.pre(Math.round(n * fraction) < n);
          const plain = trainValidationSplit(items, { validationFraction: fraction });
          expect(plain.validation).toHaveLength(Math.round(n * fraction));
          expect([...plain.train, ...plain.validation]).toEqual(items);
          const mixed = trainValidationSplit(items, {
            validationFraction: fraction,
            shuffle: seed,
          });
          const sort = (a: number[]): number[] => [...a].sort((x, y) => x - y);
          expect(sort([...mixed.train, ...mixed.validation])).toEqual(sort(items));
          expect(
            trainValidationSplit(items, { validationFraction: fraction, shuffle: seed }),
          ).toEqual(mixed);
        },
      ),
    );
  });

  it("rejects bad fractions and empty input", () => {
    expect(() => trainValidationSplit([1, 2], { validationFraction: 1 })).toThrow(RnnkitError);
    expect(() => trainValidationSplit([1, 2], { validationFraction: 1 })).toThrow(
      /validationFraction must be in \[0, 1\), got 1/,
    );
    expect(() => trainValidationSplit([], { validationFraction: 0.1 })).toThrow(
      /nothing to split: no items/,
    );
    expect(() => trainValidationSplit([1], { validationFraction: 0.6 })).toThrow(
      /validationFraction 0\.6 of 1 items leaves no training items/,
    );
  });
});
