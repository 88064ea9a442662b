/** One weight read from tfjs weight data: its manifest name, shape and values. */
export interface DecodedWeight {
  name: string;
  shape: number[];
  values: Float32Array | Int32Array;
}
