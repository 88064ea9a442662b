import { clip, RnnkitError, type Tensor } from "@rnnkit/core-tensor";

/**
 * Clamps every gradient element to [−value, value] in place (each map entry is replaced, the old
 * tensor disposed), as PyTorch's clip_grad_value_.
 */
export function clipGradValue<K>(grads: Map<K, Tensor>, value: number): void {
  if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
    throw new RnnkitError("clipGradValue", `value must be a number ≥ 0, got ${String(value)}`);
  }
  for (const [key, g] of grads) {
    grads.set(key, clip(g, -value, value)); // min(max(g, −value), value)
    g.dispose();
  }
}
