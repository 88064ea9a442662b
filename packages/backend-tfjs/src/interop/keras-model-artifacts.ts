/** A JSON value of a Keras / tfjs-layers model topology. */
export type KerasJson =
  | null
  | boolean
  | number
  | string
  | KerasJson[]
  | { [key: string]: KerasJson | undefined };

/** One weight in a tfjs weights manifest: its name, shape and stored dtype (little-endian). */
export interface KerasWeightSpec {
  name: string;
  shape: number[];
  dtype: "float32" | "int32";
  /** tfjs's affine quantization (value = q·scale + min); only uint8 and uint16 are read. */
  quantization?: { dtype: string; scale?: number; min?: number };
}

/**
 * A tfjs-layers model in memory, in the shape of tfjs's `io.ModelArtifacts` (so it can be given to
 * `tf.loadLayersModel(tf.io.fromMemory(artifacts))`): the Keras topology, the weight specs, and all
 * weight bytes concatenated in spec order.
 */
export interface KerasModelArtifacts {
  modelTopology: KerasJson;
  weightSpecs: KerasWeightSpec[];
  weightData: ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

/** The `model.json` file of the tfjs format: the topology plus where each weight shard lies. */
export interface KerasModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: KerasJson;
  weightsManifest: { paths: string[]; weights: KerasWeightSpec[] }[];
}
