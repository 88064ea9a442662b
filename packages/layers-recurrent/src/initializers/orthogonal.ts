import { getGlobalRng, RnnkitError, tensor } from "@rnnkit/core-tensor";
import type { Initializer } from "./initializer.js";

/**
 * Orthogonal initializer (Saxe et al.), Keras's default recurrent kernel: a random normal matrix
 * made orthonormal by Gram–Schmidt QR, with the sign of R's diagonal folded into Q. For a [rows, cols]
 * weight the longer side gets orthonormal vectors along the shorter one.
 */
export function orthogonal(gain = 1): Initializer {
  return (shape, options = {}) => {
    if (shape.length !== 2) {
      throw new RnnkitError("orthogonal", `expected a 2-D shape, got [${shape.join(",")}]`);
    }
    const rng = options.rng ?? getGlobalRng();
    const [rows, cols] = shape as [number, number];
    const tall = Math.max(rows, cols);
    const short = Math.min(rows, cols);
    // columns of a tall × short matrix, orthonormalized one after another
    const q: Float64Array[] = [];
    for (let j = 0; j < short; j++) {
      const v = new Float64Array(tall);
      for (let i = 0; i < tall; i++) v[i] = rng.nextNormal();
      for (const u of q) {
        let dot = 0;
        for (let i = 0; i < tall; i++) dot += (u[i] as number) * (v[i] as number);
        for (let i = 0; i < tall; i++) v[i] = (v[i] as number) - dot * (u[i] as number);
      }
      let norm = 0;
      for (let i = 0; i < tall; i++) norm += (v[i] as number) ** 2;
      norm = Math.sqrt(norm);
      for (let i = 0; i < tall; i++) v[i] = (v[i] as number) / norm;
      q.push(v);
    }
    const out = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        // rows ≥ cols: out = Q (tall × short); otherwise out = Qᵀ
        const value = rows >= cols ? (q[c] as Float64Array)[r] : (q[r] as Float64Array)[c];
        out[r * cols + c] = gain * (value as number);
      }
    }
    return tensor(out, [rows, cols], options.dtype ?? "float32");
  };
}
