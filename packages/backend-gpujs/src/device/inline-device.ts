import { RnnkitError } from "@rnnkit/core-tensor";
import { platform } from "#device-platform";
import type { GpujsMode } from "../gpujs-mode.js";
import type { BufferPart, Device, DeviceBuffer } from "./device.js";
import type { GpuInstance, GpujsModule, KernelRunner } from "./gpujs-module.js";
import { type Program, programKey } from "./program.js";

interface InlineBuffer extends DeviceBuffer {
  /** A Float32Array (cpu, webasm) or a gpu.js Texture (GL modes). */
  value: unknown;
}

const KERNEL_CLASS: Record<Exclude<GpujsMode, "webgpu">, keyof GpujsModule> = {
  cpu: "CPUKernel",
  webasm: "WebAssemblyKernel",
  headlessgl: "HeadlessGLKernel",
  webgl: "WebGLKernel",
  webgl2: "WebGL2Kernel",
};

function available(gpujs: GpujsModule, mode: Exclude<GpujsMode, "webgpu">): string | undefined {
  switch (mode) {
    case "cpu":
      return undefined;
    case "webasm":
      return gpujs.GPU.isWebAssemblySupported ? undefined : "WebAssembly is not supported here";
    case "headlessgl":
      return gpujs.GPU.isHeadlessGLSupported
        ? undefined
        : "headless-gl is not usable (the optional native `gl` package is not built, or there is no X display: run under xvfb-run)";
    case "webgl":
      return gpujs.GPU.isWebGLSupported ? undefined : "WebGL is not available (browsers only)";
    case "webgl2":
      return gpujs.GPU.isWebGL2Supported ? undefined : "WebGL2 is not available (browsers only)";
  }
}

/**
 * gpu.js in this thread: cpu, webasm and the GL modes, whose kernel calls are synchronous. Outputs
 * are `pipeline: true, immutable: true` (a fresh buffer or texture per call, never aliased).
 */
export class InlineDevice implements Device {
  readonly mode: Exclude<GpujsMode, "webgpu">;
  readonly adapter = undefined;
  private readonly gpujs: GpujsModule;
  private readonly gpu: GpuInstance;
  private readonly kernels = new Map<string, KernelRunner>();
  /** Kernels whose backend class was checked against the requested mode. */
  private readonly checked = new WeakSet<KernelRunner>();
  private readonly resident: boolean;
  private live = 0;

  constructor(mode: Exclude<GpujsMode, "webgpu">) {
    this.mode = mode;
    this.gpujs = platform.loadGpujs();
    const why = available(this.gpujs, mode);
    if (why !== undefined) {
      throw new RnnkitError("gpujs backend", `mode "${mode}" is unavailable: ${why}`);
    }
    this.gpu = new this.gpujs.GPU({ mode });
    // GL modes keep textures on the device; cpu and webasm hand back Float32Arrays
    this.resident = mode !== "cpu" && mode !== "webasm";
  }

  upload(values: Float32Array): DeviceBuffer {
    const copy = Float32Array.from(values);
    this.live++;
    if (!this.resident) return { length: copy.length, value: copy } as InlineBuffer;
    const kernel = this.kernel(
      { source: "function (a) { return a[this.thread.x]; }", size: copy.length },
      [copy.length],
    );
    return { length: copy.length, value: this.call(kernel, [copy]) } as InlineBuffer;
  }

  run(program: Program, inputs: readonly DeviceBuffer[]): DeviceBuffer {
    const kernel = this.kernel(
      program,
      inputs.map((b) => b.length),
    );
    const value = this.call(
      kernel,
      inputs.map((b) => (b as InlineBuffer).value),
    );
    this.live++;
    return { length: program.size, value } as InlineBuffer;
  }

  gather(outputs: readonly (readonly BufferPart[])[]): DeviceBuffer[] {
    return outputs.map((parts) => {
      const size = parts.reduce((acc, p) => acc + p.length, 0);
      const values = new Float32Array(size);
      let at = 0;
      for (const part of parts) {
        // GL textures are read back and uploaded again (slow, but only cpu/webasm/webgpu matter)
        values.set(this.download(part.buffer).subarray(part.offset, part.offset + part.length), at);
        at += part.length;
      }
      if (this.resident) return this.upload(values);
      this.live++;
      return { length: size, value: values } as InlineBuffer;
    });
  }

  download(buffer: DeviceBuffer): Float32Array {
    const value = (buffer as InlineBuffer).value;
    if (value instanceof Float32Array) return value;
    const out = (value as { toArray(): unknown }).toArray();
    return out instanceof Float32Array ? out : Float32Array.from(out as ArrayLike<number>);
  }

  release(buffer: DeviceBuffer): void {
    const value = (buffer as InlineBuffer).value as { delete?: () => void };
    if (typeof value.delete === "function") value.delete();
    this.live--;
  }

  bufferCount(): number {
    return this.live;
  }

  kernelCount(): number {
    return this.kernels.size;
  }

  dispose(): void {
    for (const kernel of this.kernels.values()) kernel.destroy?.();
    this.kernels.clear();
    void this.gpu.destroy();
  }

  private kernel(program: Program, inputLengths: readonly number[]): KernelRunner {
    const key = programKey(program, inputLengths);
    let kernel = this.kernels.get(key);
    if (kernel === undefined) {
      kernel = this.gpu.createKernel(program.source, {
        output: [program.size],
        constants: program.constants ?? {},
        pipeline: true,
        immutable: true,
        precision: "single",
        tactic: "precision",
      });
      this.kernels.set(key, kernel);
    }
    return kernel;
  }

  private call(kernel: KernelRunner, args: unknown[]): unknown {
    const result = kernel(...args);
    if (result instanceof Promise) {
      throw new RnnkitError("gpujs backend", `a ${this.mode} kernel returned a Promise`);
    }
    if (!this.checked.has(kernel)) {
      // gpu.js falls back to cpu with only a console warning for some features: refuse that
      const expected = this.gpujs[KERNEL_CLASS[this.mode]];
      const actual = kernel.kernel?.constructor;
      if (actual !== expected) {
        throw new RnnkitError(
          "gpujs backend",
          `a kernel requested in mode "${this.mode}" ran as ${String((actual as { name?: string } | undefined)?.name)}`,
        );
      }
      this.checked.add(kernel);
    }
    return result;
  }
}
