/**
 * A gpu.js kernel as data: its source text, a 1-D output size and number constants. Being data, it
 * runs in this thread or is sent to the webgpu worker unchanged. Kernels are compiled once per
 * `programKey` (source, output size, the lengths of the input buffers) and cached.
 */
export interface Program {
  /** `function (a, b) { … }` reading `this.thread.x` and `this.constants`; one output per thread. */
  source: string;
  /** Number of output elements (the kernel's output is 1-D). */
  size: number;
  /** Sizes baked into the kernel (loop bounds must be constants or literals: gpu.js caps others at 1000). */
  constants?: Record<string, number>;
}

export function programKey(program: Program, inputLengths: readonly number[]): string {
  const constants = program.constants === undefined ? "" : JSON.stringify(program.constants);
  return `${program.size}|${inputLengths.join(",")}|${constants}|${program.source}`;
}
