import type { Dtype } from "../dtype.js";
import { RnnkitError } from "../errors.js";
import { scalar } from "../ops/creation/tensor.js";
import { Tensor } from "../tensor.js";

/** Checks that an op argument is a live tensor; the error names the op and the argument. */
export function assertTensor(op: string, name: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) {
    throw new RnnkitError(
      op,
      `argument "${name}" must be a Tensor, got ${x === null ? "null" : typeof x}`,
    );
  }
  if (x.isDisposed) throw new RnnkitError(op, `argument "${name}" ${x.toString()} is disposed`);
  return x;
}

export function assertFloat(op: string, name: string, x: Tensor): void {
  if (x.dtype === "int32") {
    throw new RnnkitError(op, `argument "${name}" must be float32 or float64, got int32`);
  }
}

export function assertDtypeIs(op: string, name: string, x: Tensor, dtype: Dtype): void {
  if (x.dtype !== dtype)
    throw new RnnkitError(op, `argument "${name}" must be ${dtype}, got ${x.dtype}`);
}

const NO_TEMPORARIES: readonly Tensor[] = Object.freeze([]);

/**
 * Resolves the two operands of a binary op: a number becomes a scalar of the other operand's dtype.
 * Returns the temporaries the caller must dispose after running the kernel.
 */
export function binaryOperands(
  op: string,
  a: Tensor | number,
  b: Tensor | number,
): { a: Tensor; b: Tensor; temporaries: readonly Tensor[] } {
  if (a instanceof Tensor && b instanceof Tensor) {
    // the common case: two tensors, no temporaries
    assertTensor(op, "a", a);
    assertTensor(op, "b", b);
    if (a.dtype !== b.dtype) {
      throw new RnnkitError(op, `dtypes differ: a is ${a.dtype}, b is ${b.dtype} (use cast)`);
    }
    return { a, b, temporaries: NO_TEMPORARIES };
  }
  const temporaries: Tensor[] = [];
  if (typeof a === "number" && typeof b === "number") {
    throw new RnnkitError(op, "at least one operand must be a Tensor");
  }
  const ta = typeof a === "number" ? scalar(a, (b as Tensor).dtype) : assertTensor(op, "a", a);
  const tb = typeof b === "number" ? scalar(b, ta.dtype) : assertTensor(op, "b", b);
  if (typeof a === "number") temporaries.push(ta);
  if (typeof b === "number") temporaries.push(tb);
  if (ta.dtype !== tb.dtype) {
    for (const t of temporaries) t.dispose();
    throw new RnnkitError(op, `dtypes differ: a is ${ta.dtype}, b is ${tb.dtype} (use cast)`);
  }
  return { a: ta, b: tb, temporaries };
}
