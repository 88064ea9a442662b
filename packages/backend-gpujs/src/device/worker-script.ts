/**
 * The webgpu worker's code (CommonJS, started with `new Worker(code, { eval: true })`, so the same
 * text works from src/ and dist/). It owns the Dawn device and gpu.js: buffers stay on the GPU,
 * keyed by ids the main thread assigns. Messages run one at a time, in order. A message with
 * `reply: true` gets exactly one answer: the port message, then `signal[0] = 1` and a notify (the
 * main thread blocks in Atomics.wait). An error in a message without a reply is kept and returned
 * by the next reply, so nothing fails silently.
 */
export const WORKER_SCRIPT = `
"use strict";
const { workerData } = require("node:worker_threads");
const { port, signal: signalBuffer, gpujsPath, webgpuPath, dawnBackend, dawnFlags } = workerData;
const signal = new Int32Array(signalBuffer);
const kernels = new Map();
const buffers = new Map();
let gpujs;
let gpu;
// a built kernel whose context (the shared device) and readback serve buffers made by "gather"
let reference;
let pending;
let chain = Promise.resolve();

function answer(message) {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function describe(info, backend) {
  const parts = [info.description || info.device || "unknown adapter"];
  const detail = [info.vendor, info.architecture].filter(Boolean).join("/");
  if (detail) parts.push("(" + detail + ")");
  parts.push("via Dawn " + backend);
  return parts.join(" ");
}

async function setup() {
  const { create, globals } = require(webgpuPath);
  Object.assign(globalThis, globals);
  const tries = dawnBackend === "auto" ? ["default", "opengles"] : [dawnBackend];
  const failures = [];
  for (const backend of tries) {
    const compat = backend === "opengles" || backend === "opengl";
    const flags = (backend === "default" ? [] : ["backend=" + backend]).concat(dawnFlags);
    const dawn = create(flags);
    const options = compat ? { featureLevel: "compatibility" } : {};
    const adapter = await dawn.requestAdapter(options);
    if (!adapter) {
      failures.push("Dawn " + backend + ": no adapter");
      continue;
    }
    // gpu.js calls requestAdapter() without options; GL ES adapters exist only in compatibility mode
    const gpuObject = !compat ? dawn : {
      requestAdapter: (o) => dawn.requestAdapter(Object.assign({ featureLevel: "compatibility" }, o)),
      getPreferredCanvasFormat: () => "rgba8unorm",
      wgslLanguageFeatures: dawn.wgslLanguageFeatures,
    };
    Object.defineProperty(globalThis, "navigator", {
      value: { gpu: gpuObject, hardwareConcurrency: 1 },
      configurable: true,
      writable: true,
    });
    gpujs = require(gpujsPath);
    gpu = new gpujs.GPU({ mode: "webgpu" });
    if (gpu.mode !== "webgpu") throw new Error("gpu.js chose mode " + gpu.mode + " instead of webgpu");
    const probe = kernelFor("upload|1", { source: "function (a) { return a[this.thread.x]; }", size: 1 });
    (await launch(probe, [new Float32Array(1)])).delete();
    reference = probe.kernel;
    return describe(adapter.info || {}, backend);
  }
  throw new Error("no WebGPU adapter (" + failures.join("; ") + ")");
}

function kernelFor(key, program) {
  let kernel = kernels.get(key);
  if (kernel !== undefined) return kernel;
  if (program === undefined) throw new Error("kernel " + JSON.stringify(key.slice(0, 80)) + " is not compiled");
  kernel = gpu.createKernel(program.source, {
    output: [program.size],
    constants: program.constants || {},
    pipeline: true,
    immutable: true,
    precision: "single",
  });
  kernels.set(key, kernel);
  return kernel;
}

async function launch(kernel, args) {
  const result = await kernel(...args);
  if (!(result instanceof gpujs.WebGPUBufferResult) || !(kernel.kernel instanceof gpujs.WebGPUKernel)) {
    throw new Error("a webgpu kernel did not run on WebGPU");
  }
  return result;
}

function buffer(id) {
  const b = buffers.get(id);
  if (b === undefined) throw new Error("buffer " + id + " does not exist (freed, or its kernel failed)");
  return b;
}

async function handle(message) {
  switch (message.op) {
    case "init":
      return { adapter: await setup() };
    case "upload": {
      const n = message.values.length;
      const key = "upload|" + n;
      const kernel = kernelFor(key, { source: "function (a) { return a[this.thread.x]; }", size: n });
      buffers.set(message.id, await launch(kernel, [message.values]));
      return {};
    }
    case "run": {
      const kernel = kernelFor(message.key, message.program);
      const args = message.inputs.map(buffer);
      buffers.set(message.id, await launch(kernel, args));
      return {};
    }
    case "gather": {
      // copies only: STORAGE (bindable as a kernel argument) | COPY_SRC | COPY_DST
      const device = reference.context.device;
      const encoder = device.createCommandEncoder();
      for (const out of message.outputs) {
        const target = device.createBuffer({ size: Math.max(out.size, 1) * 4, usage: 0x80 | 0x4 | 0x8 });
        let at = 0;
        for (const [source, offset, length] of out.parts) {
          if (length > 0) encoder.copyBufferToBuffer(buffer(source).buffer, offset * 4, target, at * 4, length * 4);
          at += length;
        }
        buffers.set(out.id, new gpujs.WebGPUBufferResult({
          buffer: target,
          output: [out.size],
          context: reference.context,
          kernel: reference,
        }));
      }
      device.queue.submit([encoder.finish()]);
      return {};
    }
    case "read": {
      const values = await buffer(message.id).toArray();
      return { values: Float32Array.from(values) };
    }
    case "release": {
      buffer(message.id).delete();
      buffers.delete(message.id);
      return {};
    }
    case "sync":
      return { buffers: buffers.size };
    case "dispose": {
      for (const b of buffers.values()) b.delete();
      buffers.clear();
      for (const k of kernels.values()) k.destroy();
      kernels.clear();
      if (gpu !== undefined) await gpu.destroy();
      return {};
    }
    default:
      throw new Error("unknown message " + message.op);
  }
}

port.on("message", (message) => {
  chain = chain.then(async () => {
    let result;
    let error;
    try {
      result = await handle(message);
    } catch (e) {
      error = message.op + ": " + ((e && e.message) || String(e));
    }
    if (!message.reply) {
      if (error !== undefined && pending === undefined) pending = error;
      return;
    }
    if (error === undefined && pending !== undefined) {
      error = "an earlier " + pending;
    }
    pending = undefined;
    if (error !== undefined) answer({ ok: false, error });
    else answer(Object.assign({ ok: true }, result));
  });
});
`;
