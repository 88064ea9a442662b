import { createRequire } from "node:module";
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import { RnnkitError } from "@rnnkit/core-tensor";
import type { BufferPart, Device, DeviceBuffer } from "./device.js";
import type { DawnBackend, WebgpuDeviceOptions } from "./platform.js";
import { type Program, programKey } from "./program.js";
import { WORKER_SCRIPT } from "./worker-script.js";

export interface WorkerDeviceOptions extends WebgpuDeviceOptions {
  /** Longest wait for one blocking call, in ms (default 300 000). */
  timeoutMs?: number;
}

interface WorkerBuffer extends DeviceBuffer {
  readonly id: number;
}

interface Reply {
  ok: boolean;
  error?: string;
  adapter?: string;
  values?: Float32Array;
  buffers?: number;
}

/**
 * gpu.js `webgpu` behind a synchronous interface. WebGPU in Node answers only through Promises
 * (device, compilation, buffer mapping), while rnnkit's Backend is synchronous; so a worker thread
 * owns the Dawn device and this thread talks to it by message. Kernel launches, uploads and frees
 * are posted without waiting (the worker runs them in order); reads, the first launch of each new
 * kernel (so compile errors surface at the op that caused them) and setup block on Atomics.wait.
 */
export class WorkerDevice implements Device {
  readonly mode = "webgpu" as const;
  readonly adapter: string;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal: Int32Array;
  private readonly knownKeys = new Set<string>();
  private readonly timeoutMs: number;
  private nextId = 1;
  private live = 0;
  private disposed = false;

  constructor(options: WorkerDeviceOptions = {}) {
    // a bundled program (gpu.js inlined, no node_modules) points the worker at CommonJS copies
    const gpujsPath = process.env.RNNKIT_GPUJS_PATH || resolvePackage("gpu.js");
    const webgpuPath = process.env.RNNKIT_WEBGPU_PATH || resolvePackage("webgpu");
    if (gpujsPath === undefined || webgpuPath === undefined) {
      throw new RnnkitError(
        "gpujs backend",
        'mode "webgpu" is unavailable: the npm package `webgpu` (0.6.2, an optional dependency) is not installed',
      );
    }
    const dawnBackend = options.dawnBackend ?? dawnBackendFromEnv();
    // Dawn's OpenGL ES backend needs a surfaceless EGL display on a machine without a screen; the
    // variable must be in the process environment (a worker's env option is not seen by native code)
    if (dawnBackend === "auto" || dawnBackend === "opengles") {
      process.env.EGL_PLATFORM ??= "surfaceless";
    }
    this.timeoutMs = options.timeoutMs ?? 300_000;
    this.signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SCRIPT, {
      eval: true,
      workerData: {
        port: port2,
        signal: this.signal.buffer,
        gpujsPath,
        webgpuPath,
        dawnBackend,
        dawnFlags: [...(options.dawnFlags ?? envFlags())],
      },
      transferList: [port2],
    });
    this.worker.unref();
    try {
      this.adapter = this.call({ op: "init" }).adapter ?? "unknown adapter";
    } catch (error) {
      void this.worker.terminate();
      throw new RnnkitError(
        "gpujs backend",
        `mode "webgpu" is unavailable: ${(error as Error).message}`,
      );
    }
  }

  upload(values: Float32Array): DeviceBuffer {
    const id = this.nextId++;
    this.post({ op: "upload", id, values: Float32Array.from(values) });
    this.live++;
    return { length: values.length, id } as WorkerBuffer;
  }

  run(program: Program, inputs: readonly DeviceBuffer[]): DeviceBuffer {
    const key = programKey(
      program,
      inputs.map((b) => b.length),
    );
    const id = this.nextId++;
    const ids = inputs.map((b) => (b as WorkerBuffer).id);
    if (this.knownKeys.has(key)) {
      this.post({ op: "run", id, key, inputs: ids });
    } else {
      this.call({ op: "run", id, key, program, inputs: ids });
      this.knownKeys.add(key);
    }
    this.live++;
    return { length: program.size, id } as WorkerBuffer;
  }

  gather(outputs: readonly (readonly BufferPart[])[]): DeviceBuffer[] {
    const made: WorkerBuffer[] = [];
    const message = outputs.map((parts) => {
      const id = this.nextId++;
      const size = parts.reduce((acc, p) => acc + p.length, 0);
      made.push({ length: size, id });
      return {
        id,
        size,
        parts: parts.map((p) => [(p.buffer as WorkerBuffer).id, p.offset, p.length]),
      };
    });
    this.post({ op: "gather", outputs: message });
    this.live += made.length;
    return made;
  }

  download(buffer: DeviceBuffer): Float32Array {
    return this.call({ op: "read", id: (buffer as WorkerBuffer).id }).values as Float32Array;
  }

  release(buffer: DeviceBuffer): void {
    if (this.disposed) return;
    this.post({ op: "release", id: (buffer as WorkerBuffer).id });
    this.live--;
  }

  /** The buffers the worker holds (which also waits for every posted launch). */
  bufferCount(): number {
    const { buffers } = this.call({ op: "sync" });
    if (buffers !== this.live) {
      throw new RnnkitError(
        "gpujs webgpu",
        `the worker holds ${buffers} buffers, expected ${this.live}`,
      );
    }
    return buffers;
  }

  /** Waits until every posted launch has run; throws the first error among them. */
  sync(): void {
    this.call({ op: "sync" });
  }

  kernelCount(): number {
    return this.knownKeys.size;
  }

  dispose(): void {
    if (this.disposed) return;
    try {
      this.call({ op: "dispose" });
    } finally {
      this.disposed = true;
      this.port.close();
      void this.worker.terminate();
    }
  }

  private post(message: Record<string, unknown>): void {
    if (this.disposed) throw new RnnkitError("gpujs backend", "the webgpu device was disposed");
    this.port.postMessage(message);
  }

  private call(message: Record<string, unknown>): Reply {
    if (this.disposed) throw new RnnkitError("gpujs backend", "the webgpu device was disposed");
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage({ ...message, reply: true });
    const start = Date.now();
    for (;;) {
      Atomics.wait(this.signal, 0, 0, 1000);
      if (Atomics.load(this.signal, 0) === 1) {
        const received = receiveMessageOnPort(this.port);
        if (received !== undefined) {
          const reply = received.message as Reply;
          if (!reply.ok) throw new RnnkitError("gpujs webgpu", reply.error ?? "unknown error");
          return reply;
        }
      }
      if (Date.now() - start > this.timeoutMs) {
        throw new RnnkitError(
          "gpujs webgpu",
          `the worker did not answer "${String(message.op)}" within ${this.timeoutMs} ms`,
        );
      }
    }
  }
}

const require = createRequire(import.meta.url);

/** Absolute paths of gpu.js and webgpu (the worker loads them by path), unless the env names them. */
function resolvePackage(name: string): string | undefined {
  try {
    return require.resolve(name);
  } catch {
    return undefined;
  }
}

function dawnBackendFromEnv(): DawnBackend {
  const value = (process.env.DAWN_BACKEND ?? "").toLowerCase();
  if (value === "gles" || value === "opengles") return "opengles";
  if (value === "vulkan") return "vulkan";
  if (value === "default") return "default";
  return "auto";
}

function envFlags(): string[] {
  return (process.env.DAWN_FLAGS ?? "").split(/[\s,]+/).filter(Boolean);
}
