import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { add, dispose, grads, mul, sum, type Tensor, tensor } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { detachState } from "./detach-state.js";

registerCpuBackend();

describe("detachState", () => {
  it("keeps the structure and values, and stops gradients", () => {
    const x = tensor([1, 2], [2], "float64");
    const [dx] = grads((a) => {
      const state = detachState({ h: mul(a, 3), cells: [mul(a, a)], step: 4 });
      expect(state.step).toBe(4);
      expect(Array.from(state.h.dataSync())).toEqual([3, 6]);
      expect(Array.from((state.cells[0] as Tensor).dataSync())).toEqual([1, 4]);
      // d/da Σ (a + h + c) = 1: nothing flows through the detached h and c
      return sum(add(add(a, state.h), state.cells[0] as Tensor));
    })([x]);
    expect(Array.from(dx?.dataSync() ?? [])).toEqual([1, 1]);
    dispose([x, dx]);
  });
});
