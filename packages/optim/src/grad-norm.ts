import { sqrt, square, sum, type Tensor, tidy } from "@rnnkit/core-tensor";

/**
 * The global L2 norm of a set of gradients, as one vector: ‖g‖ = √(Σ_i ‖g_i‖²), with each ‖g_i‖
 * computed on the backend first (PyTorch's clip_grad_norm_ order). 0 for no gradients.
 */
export function gradNorm(grads: ReadonlyMap<unknown, Tensor> | Iterable<Tensor>): number {
  const list = grads instanceof Map ? [...grads.values()] : [...(grads as Iterable<Tensor>)];
  let total = 0;
  for (const g of list) {
    const norm = tidy(() => sqrt(sum(square(g))).dataSync()[0] as number); // ‖g_i‖
    total += norm * norm;
  }
  return Math.sqrt(total);
}
