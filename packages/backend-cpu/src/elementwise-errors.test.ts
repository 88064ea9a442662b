import {
  abs,
  add,
  cast,
  clip,
  type Dtype,
  div,
  equal,
  exp,
  greater,
  greaterEqual,
  leakyRelu,
  less,
  lessEqual,
  log,
  logSigmoid,
  maximum,
  memory,
  minimum,
  mul,
  neg,
  pow,
  reciprocal,
  relu,
  sigmoid,
  softplus,
  sqrt,
  sub,
  type Tensor,
  tanh,
  tensor,
  tidy,
  where,
} from "@rnnkit/core-tensor";
import { beforeEach, describe, expect, it } from "vitest";
import { registerCpuBackend } from "./register.js";

registerCpuBackend();

type Binary = (a: Tensor | number, b: Tensor | number) => Tensor;

const BINARY: [string, Binary][] = [
  ["add", add],
  ["sub", sub],
  ["mul", mul],
  ["div", div],
  ["pow", pow],
  ["maximum", maximum],
  ["minimum", minimum],
  ["greater", greater],
  ["greaterEqual", greaterEqual],
  ["less", less],
  ["lessEqual", lessEqual],
  ["equal", equal],
];

/** Expects `fn` to throw a message starting with `op: ` and containing every fragment. */
function expectError(fn: () => unknown, op: string, ...fragments: string[]): void {
  let message = "";
  try {
    fn();
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message.startsWith(`${op}: `), `"${message}" starts with "${op}: "`).toBe(true);
  for (const fragment of fragments) expect(message).toContain(fragment);
}

let before: ReturnType<typeof memory>;
beforeEach(() => {
  before = memory();
  return () => {
    // an op that throws must not leave its temporaries (number operands) behind
    expect(memory()).toEqual(before);
  };
});

describe("element-wise binary ops: argument errors", () => {
  for (const [op, f] of BINARY) {
    it(`${op}: a dtype mismatch names the op and both dtypes`, () => {
      tidy(() => {
        const a = tensor([1, 2], [2], "float32");
        const b = tensor([1, 2], [2], "int32");
        expectError(() => f(a, b), op, "dtypes differ", "a is float32", "b is int32");
        const c = tensor([1, 2], [2], "float64");
        expectError(() => f(c, a), op, "a is float64", "b is float32");
      });
    });

    it(`${op}: non-broadcastable shapes name the op and both shapes`, () => {
      tidy(() => {
        const a = tensor([1, 2, 3, 4, 5, 6], [2, 3], "float32");
        const b = tensor([1, 2, 3, 4], [4], "float32");
        expectError(() => f(a, b), op, "cannot be broadcast", "a is [2,3]", "b is [4]");
        const c = tensor([1, 2, 3, 4], [2, 2], "float32");
        expectError(() => f(a, c), op, "a is [2,3]", "b is [2,2]");
      });
    });

    it(`${op}: two numbers, or something that is not a tensor, are rejected`, () => {
      expectError(() => f(1, 2), op, "at least one operand must be a Tensor");
      expectError(() => f("x" as unknown as Tensor, 2), op, 'argument "a" must be a Tensor');
      tidy(() => {
        const a = tensor([1], [1], "float32");
        expectError(() => f(a, null as unknown as Tensor), op, 'argument "b"', "got null");
      });
    });

    it(`${op}: a disposed operand is rejected`, () => {
      const a = tensor([1, 2], [2], "float32");
      a.dispose();
      expectError(() => f(a, 1), op, "is disposed");
    });
  }

  for (const [op, f] of [
    ["div", div],
    ["pow", pow],
  ] as [string, Binary][]) {
    it(`${op}: int32 operands are rejected (float only), number operand freed`, () => {
      tidy(() => {
        const a = tensor([1, 2], [2], "int32");
        expectError(() => f(a, 2), op, 'argument "a" must be float32 or float64, got int32');
        expectError(() => f(a, a), op, "got int32");
      });
    });
  }
});

describe("element-wise unary ops: argument errors", () => {
  const floatOnly: [string, (x: Tensor) => Tensor][] = [
    ["exp", exp],
    ["log", log],
    ["sqrt", sqrt],
    ["tanh", tanh],
    ["sigmoid", sigmoid],
    ["relu", relu],
    ["leakyRelu", (x) => leakyRelu(x)],
    ["reciprocal", reciprocal],
    ["softplus", softplus],
    ["logSigmoid", logSigmoid],
  ];
  for (const [op, f] of floatOnly) {
    it(`${op}: rejects int32 and non-tensors, naming the op`, () => {
      tidy(() => {
        const x = tensor([1, 2], [2], "int32");
        expectError(() => f(x), op, 'argument "x" must be float32 or float64, got int32');
      });
      expectError(() => f(undefined as unknown as Tensor), op, 'argument "x" must be a Tensor');
    });
  }

  it("neg / abs: reject non-tensors", () => {
    expectError(() => neg([1, 2] as unknown as Tensor), "neg", "must be a Tensor, got object");
    expectError(() => abs(3 as unknown as Tensor), "abs", "must be a Tensor, got number");
  });

  it("leakyRelu: alpha must be a finite number", () => {
    tidy(() => {
      const x = tensor([1, -1], [2], "float32");
      expectError(() => leakyRelu(x, Number.NaN), "leakyRelu", "alpha must be a finite number");
      expectError(() => leakyRelu(x, "0.1" as unknown as number), "leakyRelu", "got 0.1");
    });
  });

  it("cast: an unknown dtype is named", () => {
    tidy(() => {
      const x = tensor([1], [1], "float32");
      expectError(
        () => cast(x, "int8" as Dtype),
        "cast",
        '"int8"',
        '"float32", "float64" or "int32"',
      );
    });
  });

  it("clip: min > max and non-numbers are rejected", () => {
    tidy(() => {
      const x = tensor([1], [1], "float32");
      expectError(() => clip(x, 2, 1), "clip", "min must be ≤ max", "min 2, max 1");
      expectError(() => clip(x, Number.NaN, 1), "clip", "min and max must be numbers");
    });
  });
});

describe("where: argument errors", () => {
  it("a and b of different dtypes: names both", () => {
    tidy(() => {
      const c = tensor([1, 0], [2], "int32");
      const a = tensor([1, 2], [2], "float32");
      const b = tensor([1, 2], [2], "float64");
      expectError(() => where(c, a, b), "where", "a is float32", "b is float64");
    });
  });

  it("non-broadcastable shapes: names the condition, a and b shapes", () => {
    tidy(() => {
      const c3 = tensor([1, 0, 1], [3], "int32");
      const a = tensor([1, 2, 3, 4], [2, 2], "float32");
      const b = tensor([1, 2], [2], "float32");
      expectError(
        () => where(c3, a, b),
        "where",
        "cannot be broadcast",
        "condition is [3]",
        "a is [2,2]",
        "b is [2]",
      );
      const c2 = tensor([1, 0], [2], "int32");
      const b3 = tensor([1, 2, 3], [3, 1, 1], "float32");
      expect(where(c2, a, b3).shape).toEqual([3, 2, 2]);
      const b4 = tensor([1, 2, 3], [3], "float32");
      expectError(() => where(c2, a, b4), "where", "condition is [2]", "b is [3]");
    });
  });

  it("the condition must be a tensor", () => {
    tidy(() => {
      const a = tensor([1, 2], [2], "float32");
      expectError(
        () => where(1 as unknown as Tensor, a, 0),
        "where",
        'argument "condition" must be a Tensor',
      );
    });
  });
});
