import {
  add,
  dispose,
  keep,
  memory,
  mul,
  reshape,
  runKernel,
  scalar,
  sum,
  type Tensor,
  tensor,
  tidy,
  Variable,
  variable,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { registerCpuBackend } from "./register.js";

registerCpuBackend();

/** Runs `fn` and checks that it leaves no tensor and no data handle behind. */
function expectNoLeak(fn: () => void): void {
  const before = memory();
  fn();
  expect(memory()).toEqual(before);
}

describe("engine: tensor()", () => {
  it("builds from nested arrays, inferring shape and float32", () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.rank).toBe(2);
    expect(t.size).toBe(6);
    expect(t.dtype).toBe("float32");
    expect(t.dataSync()).toBeInstanceOf(Float32Array);
    expect([...t.dataSync()]).toEqual([1, 2, 3, 4, 5, 6]);
    t.dispose();
  });

  it("stores float32 values rounded to float32", () => {
    const t = tensor([0.1, 1 / 3]);
    expect([...t.dataSync()]).toEqual([Math.fround(0.1), Math.fround(1 / 3)]);
    const d = tensor([0.1, 1 / 3], undefined, "float64");
    expect([...d.dataSync()]).toEqual([0.1, 1 / 3]);
    dispose([t, d]);
  });

  it("builds from typed arrays, taking their dtype, and copies them", () => {
    const source = new Float64Array([1.5, -2.5, 3.25, 4]);
    const t = tensor(source, [2, 2]);
    expect(t.dtype).toBe("float64");
    expect(t.shape).toEqual([2, 2]);
    source[0] = 100;
    expect([...t.dataSync()]).toEqual([1.5, -2.5, 3.25, 4]);

    const i = tensor(new Int32Array([7, -8, 9]));
    expect(i.dtype).toBe("int32");
    expect(i.shape).toEqual([3]);
    expect(i.dataSync()).toBeInstanceOf(Int32Array);
    expect([...i.dataSync()]).toEqual([7, -8, 9]);

    const f = tensor(new Float32Array([1, 2]));
    expect(f.dtype).toBe("float32");
    dispose([t, i, f]);
  });

  it("takes an explicit shape and dtype", () => {
    const t = tensor([1, 2, 3, 4, 5, 6], [3, 2], "int32");
    expect(t.shape).toEqual([3, 2]);
    expect(t.dtype).toBe("int32");
    expect(t.arraySync()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const converted = tensor(new Int32Array([1, 2]), [2], "float64");
    expect(converted.dtype).toBe("float64");
    expect(converted.dataSync()).toBeInstanceOf(Float64Array);
    dispose([t, converted]);
  });

  it("builds scalars and empty tensors", () => {
    const s = scalar(3.5, "float64");
    expect(s.shape).toEqual([]);
    expect(s.size).toBe(1);
    expect(s.arraySync()).toBe(3.5);
    const n = tensor(2);
    expect(n.shape).toEqual([]);
    expect(n.arraySync()).toBe(2);
    const e = tensor([]);
    expect(e.shape).toEqual([0]);
    expect(e.size).toBe(0);
    expect(e.arraySync()).toEqual([]);
    const e2 = tensor([], [2, 0]);
    expect(e2.arraySync()).toEqual([[], []]);
    dispose([s, n, e, e2]);
  });

  it("rejects ragged arrays, naming tensor", () => {
    expectNoLeak(() => {
      expect(() => tensor([[1, 2], [3]])).toThrow(/^tensor: ragged nested array/);
      expect(() => tensor([[1, 2], 3] as never)).toThrow(/^tensor: ragged nested array/);
      expect(() => tensor([1, [2, 3]] as never)).toThrow(/^tensor: ragged nested array/);
      expect(() =>
        tensor([
          [[1], [2]],
          [[3], [4, 5]],
        ]),
      ).toThrow(/^tensor: ragged nested array/);
    });
  });

  it("rejects a shape that does not match the number of values, naming tensor", () => {
    expectNoLeak(() => {
      expect(() => tensor([1, 2, 3], [2, 2])).toThrow("tensor: shape [2,2] needs 4 values, got 3");
      expect(() => tensor(new Float32Array(5), [2, 3])).toThrow(/^tensor: shape \[2,3\] needs 6/);
      expect(() => tensor([1, 2], [-1, -2])).toThrow(/^tensor: shape \[-1,-2\] has an invalid/);
      expect(() => tensor([1, 2], [2.5])).toThrow(/^tensor: .*invalid dimension 2.5/);
    });
  });

  it("rejects non-numbers and unknown dtypes, naming tensor", () => {
    expect(() => tensor(["a"] as never)).toThrow(/^tensor: expected numbers, got string/);
    expect(() => tensor([1], [1], "float16" as never)).toThrow(/^tensor: unknown dtype "float16"/);
  });
});

describe("engine: reading values", () => {
  it("dataSync returns a copy: mutating it leaves the tensor unchanged", () => {
    const t = tensor([1, 2, 3]);
    const values = t.dataSync();
    values[0] = 42;
    values.fill(-1);
    expect([...t.dataSync()]).toEqual([1, 2, 3]);
    expect(t.dataSync()).not.toBe(t.dataSync());
    t.dispose();
  });

  it("arraySync nests by shape", () => {
    const t = tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]);
    expect(t.arraySync()).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]);
    const column = tensor([1, 2, 3], [3, 1]);
    expect(column.arraySync()).toEqual([[1], [2], [3]]);
    const row = tensor([1, 2, 3], [1, 3, 1]);
    expect(row.arraySync()).toEqual([[[1], [2], [3]]]);
    dispose([t, column, row]);
  });

  it("data() resolves to a copy of the values", async () => {
    const t = tensor([1.5, 2.5], [2], "float64");
    const values = await t.data();
    expect(values).toBeInstanceOf(Float64Array);
    expect([...values]).toEqual([1.5, 2.5]);
    values[0] = 9;
    expect([...(await t.data())]).toEqual([1.5, 2.5]);
    t.dispose();
  });

  it("reading a disposed tensor throws", async () => {
    const t = tensor([1, 2]);
    t.dispose();
    expect(() => t.dataSync()).toThrow(/^dataSync: Tensor\(float32 \[2\]\) \(id \d+\) is disposed/);
    expect(() => t.arraySync()).toThrow(/^dataSync: .* is disposed/);
    await expect(t.data()).rejects.toThrow(/^data: .* is disposed/);
  });
});

describe("engine: tidy", () => {
  it("disposes intermediates and keeps the returned tensor", () => {
    const before = memory();
    let a: Tensor | undefined;
    let b: Tensor | undefined;
    const out = tidy(() => {
      a = tensor([1, 2]);
      b = add(a, a);
      return mul(b, b);
    });
    expect(a?.isDisposed).toBe(true);
    expect(b?.isDisposed).toBe(true);
    expect(out.isDisposed).toBe(false);
    expect([...out.dataSync()]).toEqual([4, 16]);
    expect(memory().numTensors).toBe(before.numTensors + 1);
    expect(memory().numDataIds).toBe(before.numDataIds + 1);
    out.dispose();
    expect(memory()).toEqual(before);
  });

  it("keeps tensors nested in arrays, objects and Maps", () => {
    expectNoLeak(() => {
      let dropped: Tensor | undefined;
      const result = tidy(() => {
        dropped = tensor([0]);
        return {
          list: [tensor([1]), { inner: tensor([2]) }],
          map: new Map([["k", tensor([3])]]),
          label: "not a tensor",
          typed: new Float32Array([1]),
        };
      });
      expect(dropped?.isDisposed).toBe(true);
      const kept = [
        result.list[0] as Tensor,
        (result.list[1] as { inner: Tensor }).inner,
        result.map.get("k") as Tensor,
      ];
      expect(kept.map((t) => t.dataSync()[0])).toEqual([1, 2, 3]);
      dispose(result);
      expect(kept.every((t) => t.isDisposed)).toBe(true);
    });
  });

  it("does not dispose tensors created outside it", () => {
    const outside = tensor([5]);
    const out = tidy(() => add(outside, outside));
    expect(outside.isDisposed).toBe(false);
    expect([...out.dataSync()]).toEqual([10]);
    dispose([outside, out]);
  });

  it("keep() shields a tensor from every enclosing tidy", () => {
    expectNoLeak(() => {
      let kept: Tensor | undefined;
      let dropped: Tensor | undefined;
      tidy(() => {
        tidy(() => {
          kept = keep(tensor([7]));
          dropped = tensor([8]);
        });
      });
      expect(dropped?.isDisposed).toBe(true);
      expect(kept?.isDisposed).toBe(false);
      expect([...(kept as Tensor).dataSync()]).toEqual([7]);
      kept?.dispose();
    });
  });

  it("nested tidy hands its result to the parent scope", () => {
    expectNoLeak(() => {
      let inner: Tensor | undefined;
      let afterInner = false;
      const outer = tidy(() => {
        inner = tidy(() => add(tensor([1]), tensor([2])));
        afterInner = !inner.isDisposed;
        return mul(inner, inner);
      });
      expect(afterInner).toBe(true);
      // the parent did not return it, so the parent disposed it
      expect(inner?.isDisposed).toBe(true);
      expect([...outer.dataSync()]).toEqual([9]);
      outer.dispose();
    });
  });

  it("a result returned through two tidies survives both", () => {
    expectNoLeak(() => {
      const out = tidy(() => tidy(() => add(tensor([1]), tensor([2]))));
      expect([...out.dataSync()]).toEqual([3]);
      out.dispose();
    });
  });

  it("rejects async functions and leaks nothing", () => {
    expectNoLeak(() => {
      expect(() =>
        tidy(async () => {
          tensor([1]);
        }),
      ).toThrow(/^tidy: the function returned a Promise/);
    });
    // the scope was popped: a later tidy still works
    expectNoLeak(() => {
      tidy(() => tensor([1])).dispose();
    });
  });

  it("disposes the scope's tensors when the function throws", () => {
    expectNoLeak(() => {
      let made: Tensor | undefined;
      expect(() =>
        tidy(() => {
          made = add(tensor([1]), tensor([2]));
          throw new Error("boom");
        }),
      ).toThrow("boom");
      expect(made?.isDisposed).toBe(true);
    });
  });

  it("counts reshape as a new tensor over the same data", () => {
    const before = memory();
    const a = tensor([1, 2, 3, 4, 5, 6]);
    const r = reshape(a, [2, 3]);
    expect(memory().numTensors).toBe(before.numTensors + 2);
    expect(memory().numDataIds).toBe(before.numDataIds + 1);
    a.dispose();
    expect(a.isDisposed).toBe(true);
    expect(r.arraySync()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(memory().numDataIds).toBe(before.numDataIds + 1);
    r.dispose();
    expect(memory()).toEqual(before);
  });

  it("disposing the reshaped alias keeps the original readable", () => {
    expectNoLeak(() => {
      const a = tensor([1, 2, 3, 4], [2, 2]);
      const r = reshape(a, [4]);
      r.dispose();
      expect(a.arraySync()).toEqual([
        [1, 2],
        [3, 4],
      ]);
      a.dispose();
    });
  });

  it("memory() returns to baseline after a tidy of many ops", () => {
    expectNoLeak(() => {
      const s = tidy(() => {
        let x = tensor([1, 2, 3], [3], "float64");
        for (let i = 0; i < 10; i++) x = add(mul(x, 0.5), reshape(x, [1, 3]));
        return sum(x);
      });
      // x_{k+1} = 1.5 x_k → sum = 6 · 1.5^10
      expect(s.dataSync()[0]).toBeCloseTo(6 * 1.5 ** 10, 10);
      s.dispose();
    });
  });
});

describe("engine: dispose", () => {
  it("is idempotent", () => {
    const before = memory();
    const t = tensor([1, 2]);
    t.dispose();
    t.dispose();
    expect(memory()).toEqual(before);
    const u = tensor([3]);
    dispose([u, u, { again: u }]);
    expect(memory()).toEqual(before);
  });

  it("using a disposed tensor in an op throws, naming the op", () => {
    const a = tensor([1, 2]);
    const b = tensor([3, 4]);
    a.dispose();
    expectNoLeak(() => {
      expect(() => add(a, b)).toThrow(/^add: argument "a" Tensor\(float32 \[2\]\) is disposed/);
      expect(() => mul(b, a)).toThrow(/^mul: argument "b" .* is disposed/);
      expect(() => reshape(a, [2, 1])).toThrow(/^reshape: argument "x" .* is disposed/);
      expect(() => sum(a)).toThrow(/^sum: argument "x" .* is disposed/);
      expect(() => runKernel("Add", { a, b })).toThrow(/^Add: input "a" .* is disposed/);
    });
    b.dispose();
  });
});

describe("engine: variables", () => {
  it("are not disposed by tidy, and outlive the tensor they were made from", () => {
    const before = memory();
    const v = tidy(() => variable(add(tensor([1, 2]), tensor([10, 20])), { name: "v" }));
    expect(v).toBeInstanceOf(Variable);
    expect(v.isDisposed).toBe(false);
    expect(v.name).toBe("v");
    expect(v.trainable).toBe(true);
    expect([...v.dataSync()]).toEqual([11, 22]);
    // the tidy freed every tensor but the variable, which holds the add's data
    expect(memory().numTensors).toBe(before.numTensors + 1);
    expect(memory().numDataIds).toBe(before.numDataIds + 1);
    v.dispose();
    expect(memory()).toEqual(before);
  });

  it("a variable created inside tidy and returned stays alive", () => {
    expectNoLeak(() => {
      const v = tidy(() => {
        const inner = variable(tensor([1]));
        return { inner };
      }).inner;
      expect(v.isDisposed).toBe(false);
      v.dispose();
    });
  });

  it("gets distinct default names and honours trainable: false", () => {
    const a = variable(tensor([1]));
    const b = variable(tensor([1]), { trainable: false });
    expect(a.name).toMatch(/^variable_\d+$/);
    expect(b.name).not.toBe(a.name);
    expect(b.trainable).toBe(false);
  });

  it("assign shares the value's data and frees the old data", () => {
    const before = memory();
    const v = tidy(() => variable(tensor([1, 2, 3]), { name: "w" }));
    const value = tensor([4, 5, 6]);
    expect(memory().numDataIds).toBe(before.numDataIds + 2);
    v.assign(value);
    // the old data had no other owner, so it went; the new one is shared
    expect(memory().numDataIds).toBe(before.numDataIds + 1);
    expect([...v.dataSync()]).toEqual([4, 5, 6]);
    value.dispose();
    expect([...v.dataSync()]).toEqual([4, 5, 6]);
    const doubled = tidy(() => add(v, v));
    v.assign(doubled);
    expect([...v.dataSync()]).toEqual([8, 10, 12]);
    // the variable holds its own reference: disposing the value tensor frees no data
    doubled.dispose();
    expect(memory().numDataIds).toBe(before.numDataIds + 1);
    v.dispose();
    expect(memory()).toEqual(before);
  });

  it("assign keeps data that another tensor still uses", () => {
    expectNoLeak(() => {
      const initial = tensor([1, 2]);
      const v = variable(initial);
      const next = tensor([3, 4]);
      v.assign(next);
      expect([...initial.dataSync()]).toEqual([1, 2]);
      dispose([initial, next, v]);
    });
  });

  it("assign checks shape and dtype, naming the variable", () => {
    const v = variable(tensor([1, 2]), { name: "kernel" });
    const wrongShape = tensor([1, 2, 3]);
    const wrongDtype = tensor([1, 2], [2], "float64");
    const wrongRank = tensor([1, 2], [1, 2]);
    expect(() => v.assign(wrongShape)).toThrow(
      'Variable "kernel".assign: expected float32 [2], got float32 [3]',
    );
    expect(() => v.assign(wrongDtype)).toThrow(
      'Variable "kernel".assign: expected float32 [2], got float64 [2]',
    );
    expect(() => v.assign(wrongRank)).toThrow(/^Variable "kernel"\.assign: .* got float32 \[1,2\]/);
    expect([...v.dataSync()]).toEqual([1, 2]);
    dispose([v, wrongShape, wrongDtype, wrongRank]);
  });
});
