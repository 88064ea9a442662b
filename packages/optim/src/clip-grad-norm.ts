import { mul, RnnkitError, type Tensor } from "@rnnkit/core-tensor";
import { gradNorm } from "./grad-norm.js";

/**
 * Rescales the gradients in place (each map entry is replaced, the old tensor disposed) so that
 * their global L2 norm is at most `maxNorm`, with PyTorch's clip_grad_norm_ semantics:
 *   ‖g‖ = √(Σ_i ‖g_i‖²),   c = maxNorm / (‖g‖ + 1e-6),   g_i ← g_i · min(c, 1)
 * Returns ‖g‖ before clipping (NaN or ∞ pass through, as PyTorch does by default).
 */
export function clipGradNorm<K>(grads: Map<K, Tensor>, maxNorm: number): number {
  if (typeof maxNorm !== "number" || Number.isNaN(maxNorm) || maxNorm < 0) {
    throw new RnnkitError("clipGradNorm", `maxNorm must be a number ≥ 0, got ${String(maxNorm)}`);
  }
  const norm = gradNorm(grads);
  const coefficient = maxNorm / (norm + 1e-6);
  // min(c, 1) = 1 leaves the gradients as they are; NaN (a non-finite norm) scales them to NaN
  if (coefficient < 1 || Number.isNaN(coefficient)) {
    for (const [key, g] of grads) {
      grads.set(key, mul(g, coefficient));
      g.dispose();
    }
  }
  return norm;
}
