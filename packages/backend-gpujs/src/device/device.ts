import type { GpujsMode } from "../gpujs-mode.js";
import type { Program } from "./program.js";

/** A device-resident float32 buffer: a gpu.js pipeline result (or a Float32Array in cpu/webasm). */
export interface DeviceBuffer {
  readonly length: number;
}

/** `length` values of `buffer` from `offset` on. */
export interface BufferPart {
  buffer: DeviceBuffer;
  offset: number;
  length: number;
}

/** Where gpu.js kernels run: in this thread, or in a worker that owns a WebGPU device. */
export interface Device {
  /** The gpu.js mode actually running (checked on the compiled kernels, never assumed). */
  readonly mode: GpujsMode;
  /** The adapter behind `webgpu` (e.g. `"llvmpipe … (OpenGL ES)"`), when known. */
  readonly adapter: string | undefined;
  /** Copies host values into a new device buffer. */
  upload(values: Float32Array): DeviceBuffer;
  /** Runs `program` on the inputs (in order) and returns its new, immutable output buffer. */
  run(program: Program, inputs: readonly DeviceBuffer[]): DeviceBuffer;
  /**
   * New buffers, each the concatenation of its parts: plain copies on the device (WebGPU
   * copyBufferToBuffer, all in one command buffer), no kernel launch.
   */
  gather(outputs: readonly (readonly BufferPart[])[]): DeviceBuffer[];
  /** Reads a buffer back (blocking). */
  download(buffer: DeviceBuffer): Float32Array;
  /** Frees a buffer. */
  release(buffer: DeviceBuffer): void;
  /** Number of live device buffers (for leak checks). */
  bufferCount(): number;
  /** Number of compiled kernels in the cache. */
  kernelCount(): number;
  /** Frees every buffer and kernel, and the worker if any. */
  dispose(): void;
}
