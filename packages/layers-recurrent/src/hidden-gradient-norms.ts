import { add, dispose, type Tensor, tidy, valueAndGrads, zeros } from "@rnnkit/core-tensor";
import type { RecurrentCell } from "./cells/recurrent-cell.js";
import { type UnrollOptions, unroll } from "./unroll.js";

/**
 * The course's unstable-gradient picture, as data: ‖∂L/∂h_t‖ for every time step t, where the loss
 * is computed from the unrolled outputs [B, T, H]. A zero "probe" is added to each h_t, so the
 * gradient with respect to the probe is the total derivative of L through h_t (its direct use and
 * everything downstream). Returns the Frobenius norm over the batch for each t.
 */
export function hiddenGradientNorms(
  cell: RecurrentCell,
  x: Tensor,
  loss: (outputs: Tensor, states: Tensor[]) => Tensor,
  options: Omit<UnrollOptions, "onHidden"> = {},
): Float64Array {
  const [B, T] = x.shape as [number, number, number];
  const probes = Array.from({ length: T }, () => zeros([B, cell.hiddenSize], x.dtype));
  try {
    return tidy(() => {
      const { value, grads } = valueAndGrads((...ps) => {
        const { outputs, states } = unroll("hiddenGradientNorms", cell, x, {
          ...options,
          onHidden: (h, t) => add(h, ps[t] as Tensor),
        });
        return loss(outputs, states);
      })(probes);
      value.dispose();
      const norms = new Float64Array(T);
      grads.forEach((g, t) => {
        let s = 0;
        for (const v of g.dataSync()) s += v * v;
        norms[t] = Math.sqrt(s);
      });
      return norms;
    });
  } finally {
    dispose(probes);
  }
}
