import { RnnkitError } from "@rnnkit/core-tensor";

/** How a loss turns per-position values into its result. */
export type Reduction = "mean" | "sum" | "none";

/** Validates a `reduction` option (default "mean"); the error names the loss. */
export function checkReduction(where: string, reduction: unknown = "mean"): Reduction {
  if (reduction === "mean" || reduction === "sum" || reduction === "none") return reduction;
  throw new RnnkitError(
    where,
    `reduction must be "mean", "sum" or "none", got ${JSON.stringify(reduction)}`,
  );
}
