/** Element types a tensor can hold. `int32` is used for indices, class labels and masks. */
export type Dtype = "float32" | "float64" | "int32";

/** The typed array that stores each dtype on the host. */
export type TypedArray = Float32Array | Float64Array | Int32Array;

export const DTYPES: readonly Dtype[] = ["float32", "float64", "int32"];

/** A zero-filled typed array of the right class for `dtype`. */
export function allocate(dtype: Dtype, size: number): TypedArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(size);
    case "float64":
      return new Float64Array(size);
    case "int32":
      return new Int32Array(size);
  }
}

/** The dtype a typed array stores. */
export function dtypeOf(values: TypedArray): Dtype {
  if (values instanceof Float32Array) return "float32";
  if (values instanceof Float64Array) return "float64";
  return "int32";
}

export function isFloat(dtype: Dtype): boolean {
  return dtype !== "int32";
}

export function assertDtype(value: unknown, where: string): Dtype {
  if (value === "float32" || value === "float64" || value === "int32") return value;
  throw new TypeError(
    `${where}: unknown dtype ${JSON.stringify(value)}; expected "float32", "float64" or "int32"`,
  );
}
