import { RnnkitError, shapeToString } from "@rnnkit/core-tensor";
import type { DecodedWeight } from "./decoded-weight.js";

/** The role of a manifest weight: its last path segment without a TF `:0` suffix (`kernel`). */
function roleOf(name: string): string {
  return (name.split("/").at(-1) ?? name).replace(/:\d+$/, "");
}

/**
 * Hands each layer its weights. By name first: every weight under `layer/` (tfjs: `lstm/kernel`;
 * converted TF2 Keras: `lstm/lstm_cell/kernel`; Bidirectional: `bi/forward_lstm/…`), matched by its
 * last segment. A layer none of whose weights carry its name gets the next unused ones in manifest
 * order. `finish()` rejects weights no layer used.
 */
export class KerasWeightSource {
  private readonly unused: Set<DecodedWeight>;

  constructor(private readonly weights: readonly DecodedWeight[]) {
    this.unused = new Set(weights);
  }

  /**
   * The weights of layer `layerName` for `roles` (in the layer's order), optionally those of its
   * `forward_…` / `backward_…` sub-layer. Every role must be found.
   */
  take(
    layerName: string,
    roles: readonly string[],
    direction?: "forward" | "backward",
  ): Map<string, DecodedWeight> {
    const named = this.weights.filter((w) => {
      const parts = w.name.split("/");
      if (parts[0] !== layerName || parts.length < 2) return false;
      return direction === undefined || parts[1]?.startsWith(`${direction}_`) === true;
    });
    const out = new Map<string, DecodedWeight>();
    const where =
      direction === undefined ? `layer "${layerName}"` : `layer "${layerName}" (${direction})`;
    if (named.length > 0) {
      for (const w of named) {
        const role = roleOf(w.name);
        if (!roles.includes(role)) {
          throw new RnnkitError("importKerasModel", `${where}: unexpected weight "${w.name}"`);
        }
        if (out.has(role)) {
          throw new RnnkitError("importKerasModel", `${where}: two weights named ${role}`);
        }
        out.set(role, w);
      }
      const missing = roles.filter((r) => !out.has(r));
      if (missing.length > 0) {
        throw new RnnkitError("importKerasModel", `${where}: missing weight ${missing.join(", ")}`);
      }
    } else {
      const next = [...this.unused].slice(0, roles.length);
      if (next.length < roles.length) {
        throw new RnnkitError(
          "importKerasModel",
          `${where}: needs ${roles.length} weights (${roles.join(", ")}), ${next.length} left`,
        );
      }
      roles.forEach((role, k) => {
        out.set(role, next[k] as DecodedWeight);
      });
    }
    for (const w of out.values()) this.unused.delete(w);
    return out;
  }

  /** Checks a weight's shape; the error names the layer, the weight and both shapes. */
  static expectShape(weight: DecodedWeight, shape: readonly number[], layerName: string): void {
    if (weight.shape.length !== shape.length || weight.shape.some((d, i) => d !== shape[i])) {
      throw new RnnkitError(
        "importKerasModel",
        `layer "${layerName}": weight "${weight.name}" is ${shapeToString(weight.shape)}, expected ${shapeToString(shape)}`,
      );
    }
  }

  /** Throws if some weight was not used by any layer. */
  finish(): void {
    if (this.unused.size > 0) {
      const names = [...this.unused].map((w) => w.name).join(", ");
      throw new RnnkitError("importKerasModel", `weights no layer uses: ${names}`);
    }
  }
}
