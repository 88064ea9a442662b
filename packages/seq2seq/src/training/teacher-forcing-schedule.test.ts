import { describe, expect, it } from "vitest";
import { teacherForcingSchedule } from "./teacher-forcing-schedule.js";

describe("teacherForcingSchedule", () => {
  it("linear: a straight line from start to end, then flat", () => {
    const ratio = teacherForcingSchedule({ kind: "linear", start: 1, end: 0.5, steps: 1000 });
    expect(ratio(0)).toBe(1);
    expect(ratio(500)).toBeCloseTo(0.75, 12);
    expect(ratio(1000)).toBeCloseTo(0.5, 12);
    expect(ratio(5000)).toBe(0.5);
  });

  it("exponential: start·decayᵗ, floored at end", () => {
    const ratio = teacherForcingSchedule({ kind: "exponential", decay: 0.5, end: 0.2 });
    expect(ratio(0)).toBe(1);
    expect(ratio(2)).toBeCloseTo(0.25, 12);
    expect(ratio(3)).toBe(0.2);
  });

  it("inverse sigmoid: k / (k + exp(t/k)), falling from near 1", () => {
    const ratio = teacherForcingSchedule({ kind: "inverse-sigmoid", k: 10 });
    expect(ratio(0)).toBeCloseTo(10 / 11, 12);
    expect(ratio(10 * Math.log(10))).toBeCloseTo(0.5, 12); // exp(t/k) = k
    expect(ratio(100)).toBeLessThan(ratio(50));
  });

  it("constant, and errors", () => {
    expect(teacherForcingSchedule({ kind: "constant", ratio: 0.3 })(99)).toBe(0.3);
    expect(() => teacherForcingSchedule({ kind: "linear", steps: 0 })).toThrow(/steps must be in/);
    expect(() =>
      teacherForcingSchedule({ kind: "linear", start: 0.5, end: 0.8, steps: 5 }),
    ).toThrow(/end must be in \[0, 0.5\]/);
    expect(() => teacherForcingSchedule({ kind: "cosine" } as never)).toThrow(/kind must be/);
  });
});
