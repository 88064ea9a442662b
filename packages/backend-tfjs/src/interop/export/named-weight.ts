/** A weight on its way into a tfjs manifest: its name (relative to its layer until added), shape, values. */
export interface NamedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}
