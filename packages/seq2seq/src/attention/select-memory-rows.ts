import { gather, type Tensor } from "@rnnkit/core-tensor";
import type { AttentionMemory } from "./attention.js";

/** The memory of the given batch rows (int32 [N']), e.g. each source repeated once per beam. */
export function selectMemoryRows(memory: AttentionMemory, rows: Tensor): AttentionMemory {
  const values = gather(memory.values, rows, 0);
  const keys = memory.keys === memory.values ? values : gather(memory.keys, rows, 0);
  return memory.bias === undefined
    ? { values, keys }
    : { values, keys, bias: gather(memory.bias, rows, 0) };
}
