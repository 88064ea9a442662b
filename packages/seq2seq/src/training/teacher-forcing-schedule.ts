import { RnnkitError } from "@rnnkit/core-tensor";

export type TeacherForcingScheduleOptions =
  /** ratio = max(end, start − (start − end)·step/steps): a straight line, then flat. */
  | { kind: "linear"; start?: number; end?: number; steps: number }
  /** ratio = max(end, start·decayᵗ) */
  | { kind: "exponential"; start?: number; end?: number; decay: number }
  /** ratio = k / (k + exp(step/k)), k ≥ 1 (Bengio et al. 2015's inverse sigmoid decay). */
  | { kind: "inverse-sigmoid"; k: number }
  /** The same ratio at every step. */
  | { kind: "constant"; ratio: number };

/**
 * The teacher forcing ratio as a function of the training step (from 0): starts at 1 (always feed
 * the true previous token) and lowers it, so that the model learns to continue from its own
 * predictions, as it must when decoding (scheduled sampling, Bengio et al. 2015).
 * @example
 * const ratio = teacherForcingSchedule({ kind: "linear", start: 1, end: 0.5, steps: 1000 });
 * ratio(0); // 1
 * ratio(500); // 0.75
 * ratio(2000); // 0.5
 */
export function teacherForcingSchedule(
  options: TeacherForcingScheduleOptions,
): (step: number) => number {
  const where = "teacherForcingSchedule";
  const check = (name: string, value: number, min: number, max: number): number => {
    if (typeof value !== "number" || !(value >= min && value <= max)) {
      throw new RnnkitError(where, `${name} must be in [${min}, ${max}], got ${String(value)}`);
    }
    return value;
  };
  switch (options.kind) {
    case "linear": {
      const start = check("start", options.start ?? 1, 0, 1);
      const end = check("end", options.end ?? 0, 0, start);
      const steps = check("steps", options.steps, 1, Number.POSITIVE_INFINITY);
      return (step) => Math.max(end, start - ((start - end) * step) / steps);
    }
    case "exponential": {
      const start = check("start", options.start ?? 1, 0, 1);
      const end = check("end", options.end ?? 0, 0, start);
      const decay = check("decay", options.decay, 0, 1);
      return (step) => Math.max(end, start * decay ** step);
    }
    case "inverse-sigmoid": {
      const k = check("k", options.k, 1, Number.POSITIVE_INFINITY);
      return (step) => k / (k + Math.exp(step / k));
    }
    case "constant": {
      const ratio = check("ratio", options.ratio, 0, 1);
      return () => ratio;
    }
    default:
      throw new RnnkitError(
        where,
        `kind must be "linear", "exponential", "inverse-sigmoid" or "constant", got ${String((options as { kind: unknown }).kind)}`,
      );
  }
}
