import { RnnkitError } from "@rnnkit/core-tensor";
import type { KerasJson } from "../keras-model-artifacts.js";

/** Typed reads of one Keras layer config; errors name the layer and the key. */
export class KerasConfigReader {
  constructor(
    readonly layerName: string,
    readonly config: { [key: string]: KerasJson | undefined },
  ) {}

  fail(message: string): never {
    throw new RnnkitError("importKerasModel", `layer "${this.layerName}": ${message}`);
  }

  raw(key: string): KerasJson | undefined {
    return this.config[key];
  }

  number(key: string): number {
    const value = this.config[key];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
      this.fail(`"${key}" must be a positive integer, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.config[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== "boolean")
      this.fail(`"${key}" must be true or false, got ${JSON.stringify(value)}`);
    return value;
  }

  /** A string among `allowed` (null or absent reads as `fallback`). */
  oneOf<S extends string>(key: string, allowed: readonly S[], fallback: S, why = ""): S {
    const value = this.config[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
      this.fail(
        `${key} ${JSON.stringify(value)} is not supported; supported: ${allowed.join(", ")}${why}`,
      );
    }
    return value as S;
  }
}
