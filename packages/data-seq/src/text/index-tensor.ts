import { RnnkitError, type Tensor, tensor } from "@rnnkit/core-tensor";

/**
 * Equal-length index sequences → an int32 tensor [B, T] (one sequence → [1, T]). Sequences of
 * different lengths must be padded first (`padBatch`).
 * @example indexTensor([[5, 6], [7, 8]]) // int32 [2,2]
 */
export function indexTensor(sequences: readonly ArrayLike<number>[] | ArrayLike<number>): Tensor {
  const where = "indexTensor";
  if (sequences.length === 0) throw new RnnkitError(where, "no sequences given");
  const rows: readonly ArrayLike<number>[] =
    typeof (sequences as ArrayLike<unknown>)[0] === "number"
      ? [sequences as ArrayLike<number>]
      : (sequences as readonly ArrayLike<number>[]);
  const T = rows[0]?.length ?? 0;
  const values = new Int32Array(rows.length * T);
  rows.forEach((row, b) => {
    if (row.length !== T) {
      throw new RnnkitError(
        where,
        `sequence ${b} has ${row.length} steps, sequence 0 has ${T}; pad them with padBatch`,
      );
    }
    for (let t = 0; t < T; t++) {
      const index = row[t] as number;
      if (!Number.isInteger(index) || index < 0 || index > 0x7fffffff) {
        throw new RnnkitError(
          where,
          `sequence ${b}, step ${t}: ${String(index)} is not a valid index`,
        );
      }
      values[b * T + t] = index;
    }
  });
  return tensor(values, [rows.length, T], "int32");
}
