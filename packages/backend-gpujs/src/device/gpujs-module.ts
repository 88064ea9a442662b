/** The part of gpu.js's API backend-gpujs uses (the kernel classes check which mode really ran). */
export interface GpujsModule {
  GPU: GpuConstructor & {
    isWebAssemblySupported: boolean;
    isHeadlessGLSupported: boolean;
    isWebGLSupported: boolean;
    isWebGL2Supported: boolean;
  };
  CPUKernel: unknown;
  WebAssemblyKernel: unknown;
  HeadlessGLKernel: unknown;
  WebGLKernel: unknown;
  WebGL2Kernel: unknown;
  WebGPUKernel: unknown;
}

export type GpuConstructor = new (settings: { mode: string }) => GpuInstance;

export interface GpuInstance {
  readonly mode: string;
  createKernel(source: string, settings: Record<string, unknown>): KernelRunner;
  destroy(): unknown;
}

/** A compiled kernel: calling it runs it; `kernel` is the backend-specific kernel object. */
export interface KernelRunner {
  (...args: unknown[]): unknown;
  kernel?: { constructor: unknown };
  destroy?(removeCanvasReferences?: boolean): void;
}
