import {
  add,
  type Backend,
  dispose,
  findBackend,
  getBackend,
  getBackendName,
  getKernel,
  grad,
  listBackends,
  listKernels,
  memory,
  mul,
  registerBackend,
  registerKernel,
  removeBackend,
  reshape,
  runKernel,
  setBackend,
  sum,
  type Tensor,
  tensor,
  tidy,
  variable,
} from "@rnnkit/core-tensor";
import { afterEach, describe, expect, it } from "vitest";
import { CpuBackend } from "./backend-cpu.js";
import { cpuKernelConfigs, registerCpuBackend } from "./register.js";

registerCpuBackend();

const MIRROR = "mirror";

/** The CPU storage under another name, so tensors can move between two real backends. */
class MirrorBackend extends CpuBackend {
  constructor(name = MIRROR) {
    super();
    (this as { name: string }).name = name;
  }
}

let mirrorInstances: MirrorBackend[] = [];

/** Registers "mirror" (priority 0, below cpu) with every cpu kernel. */
function registerMirror(): void {
  registerBackend(
    MIRROR,
    () => {
      const backend = new MirrorBackend();
      mirrorInstances.push(backend);
      return backend;
    },
    0,
  );
  for (const config of cpuKernelConfigs) registerKernel({ ...config, backendName: MIRROR });
}

afterEach(() => {
  setBackend("cpu");
  if (listBackends().includes(MIRROR)) removeBackend(MIRROR);
  mirrorInstances = [];
});

describe("registry: backends", () => {
  it("cpu is registered and active by default", () => {
    expect(listBackends()).toContain("cpu");
    expect(getBackendName()).toBe("cpu");
    expect(getBackend()).toBeInstanceOf(CpuBackend);
  });

  it("setBackend on an unknown name throws, listing the registered backends", () => {
    expect(() => setBackend("webgpu")).toThrow(
      /^setBackend: backend "webgpu" is not registered; registered: cpu /,
    );
    registerMirror();
    expect(() => setBackend("webgpu")).toThrow(/registered: cpu, mirror /);
    // the active backend is unchanged
    expect(getBackendName()).toBe("cpu");
  });

  it("creates a backend lazily, once", () => {
    registerMirror();
    expect(mirrorInstances).toHaveLength(0);
    const first = setBackend(MIRROR);
    expect(first.name).toBe(MIRROR);
    expect(findBackend(MIRROR)).toBe(first);
    expect(mirrorInstances).toHaveLength(1);
  });

  it("rejects a backend built for another spec version", () => {
    registerBackend(
      "future",
      () => ({ ...new CpuBackend(), specVersion: 2 }) as unknown as Backend,
    );
    try {
      expect(() => setBackend("future")).toThrow(
        /^setBackend: backend "future" implements Backend spec 2, core-tensor needs 1/,
      );
      expect(getBackendName()).toBe("cpu");
    } finally {
      removeBackend("future");
    }
  });

  it("registerCpuBackend is idempotent: existing cpu tensors stay readable", () => {
    const t = tensor([1, 2, 3]);
    const instance = findBackend("cpu");
    registerCpuBackend();
    expect(findBackend("cpu")).toBe(instance);
    expect([...t.dataSync()]).toEqual([1, 2, 3]);
    t.dispose();
  });

  it("removeBackend frees its data and falls back to the highest-priority backend", () => {
    registerMirror();
    const backend = setBackend(MIRROR);
    const t = tensor([1, 2]);
    expect(t.backendName).toBe(MIRROR);
    expect(backend.memory().numDataIds).toBe(1);
    t.dispose();
    expect(backend.memory().numDataIds).toBe(0);
    const u = tensor([3, 4]);
    expect(backend.memory().numDataIds).toBe(1);
    u.dispose();
    removeBackend(MIRROR);
    expect(listBackends()).not.toContain(MIRROR);
    expect(listKernels(MIRROR).length).toBeGreaterThan(0); // kernels stay registered
    expect(() => setBackend(MIRROR)).toThrow(/backend "mirror" is not registered/);
    expect(getBackendName()).toBe("cpu");
  });

  it("removeBackend disposes the backend instance's storage", () => {
    registerMirror();
    setBackend(MIRROR);
    const kept = tensor([1, 2]);
    const instance = mirrorInstances[0] as MirrorBackend;
    expect(instance.memory().numDataIds).toBe(1);
    setBackend("cpu");
    removeBackend(MIRROR);
    expect(instance.memory().numDataIds).toBe(0);
    // the tensor's handle is gone with its backend; disposing it must not throw
    expect(() => kept.dispose()).not.toThrow();
    expect(kept.isDisposed).toBe(true);
  });

  it("registering a name again replaces the backend", () => {
    registerMirror();
    const first = setBackend(MIRROR);
    registerMirror();
    const second = setBackend(MIRROR);
    expect(second).not.toBe(first);
    expect(mirrorInstances).toHaveLength(2);
  });
});

describe("registry: kernels", () => {
  it("getKernel finds a kernel per backend", () => {
    expect(getKernel("Add", "cpu")?.backendName).toBe("cpu");
    expect(getKernel("Add", "cpu")?.kernelName).toBe("Add");
    expect(getKernel("Add", "nowhere")).toBeUndefined();
    expect(getKernel("NoSuchKernel", "cpu")).toBeUndefined();
    expect(listKernels("cpu")).toEqual(expect.arrayContaining(["Add", "Mul", "Sum", "Reshape"]));
  });

  it("running a missing kernel names the kernel and the backend", () => {
    const x = tensor([1]);
    expect(() => runKernel("NoSuchKernel", { x })).toThrow(
      'NoSuchKernel: kernel "NoSuchKernel" is not registered for backend "cpu"',
    );
    // a backend with every cpu kernel but Sum
    registerBackend("partial", () => new MirrorBackend("partial"), 0);
    for (const config of cpuKernelConfigs) {
      if (config.kernelName !== "Sum") registerKernel({ ...config, backendName: "partial" });
    }
    try {
      expect(getKernel("Sum", "partial")).toBeUndefined();
      expect(getKernel("Add", "partial")?.backendName).toBe("partial");
      expect(listKernels("partial").length).toBe(listKernels("cpu").length - 1);
      setBackend("partial");
      const before = memory();
      expect(() => sum(x)).toThrow('Sum: kernel "Sum" is not registered for backend "partial"');
      expect(memory().numTensors).toBe(before.numTensors);
    } finally {
      setBackend("cpu");
      x.dispose();
      removeBackend("partial");
    }
  });
});

describe("registry: tensors across backends", () => {
  it("moves an input to the active backend when an op uses it", () => {
    registerMirror();
    const cpu = findBackend("cpu");
    const a = tensor([1, 2, 3], [3], "float64");
    const onCpu = tidy(() => mul(add(a, a), a));
    const cpuData = cpu.memory().numDataIds;
    const engineData = memory().numDataIds;

    const mirror = setBackend(MIRROR);
    const b = tensor([10, 20, 30], [3], "float64");
    expect(a.backendName).toBe("cpu");
    expect(b.backendName).toBe(MIRROR);
    const onMirror = tidy(() => mul(add(a, a), a));
    expect(a.backendName).toBe(MIRROR);
    expect(onMirror.backendName).toBe(MIRROR);
    // a's data moved: one handle fewer on cpu; the engine counts a, b and the result
    expect(cpu.memory().numDataIds).toBe(cpuData - 1);
    expect(mirror.memory().numDataIds).toBe(3);
    expect(memory().numDataIds).toBe(engineData + 2);
    // 2a² on both backends
    expect([...onMirror.dataSync()]).toEqual([2, 8, 18]);
    expect([...onMirror.dataSync()]).toEqual([...onCpu.dataSync()]);
    expect([...a.dataSync()]).toEqual([1, 2, 3]);

    // and back: cpu uses b (a mirror tensor)
    setBackend("cpu");
    const c = add(a, b);
    expect(a.backendName).toBe("cpu");
    expect(b.backendName).toBe("cpu");
    expect([...c.dataSync()]).toEqual([11, 22, 33]);
    expect(mirror.memory().numDataIds).toBe(1); // only onMirror is left there
    dispose([a, b, c, onCpu, onMirror]);
    expect(mirror.memory().numDataIds).toBe(0);
  });

  it("moving one alias of shared data leaves the other on its backend, readable", () => {
    registerMirror();
    const before = memory();
    const a = tensor([1, 2, 3, 4]);
    const r = reshape(a, [2, 2]);
    expect(memory().numDataIds).toBe(before.numDataIds + 1);
    setBackend(MIRROR);
    const doubled = add(a, a);
    expect(a.backendName).toBe(MIRROR);
    expect(r.backendName).toBe("cpu");
    expect(r.arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect([...doubled.dataSync()]).toEqual([2, 4, 6, 8]);
    expect(memory().numDataIds).toBe(before.numDataIds + 3);
    dispose([a, r, doubled]);
    expect(memory()).toEqual(before);
  });

  it("variables move too, and keep their values", () => {
    registerMirror();
    const before = memory();
    const v = tidy(() => variable(tensor([1, 2]), { name: "moving" }));
    setBackend(MIRROR);
    const out = mul(v, 3);
    expect(v.backendName).toBe(MIRROR);
    expect([...out.dataSync()]).toEqual([3, 6]);
    // assign from a cpu tensor: the variable now points at cpu data
    setBackend("cpu");
    const next = tensor([7, 8]);
    v.assign(next);
    expect(v.backendName).toBe("cpu");
    expect([...v.dataSync()]).toEqual([7, 8]);
    dispose([v, out, next]);
    expect(memory()).toEqual(before);
  });

  it("gradients agree across backends, with sources created on the other one", () => {
    registerMirror();
    const x = tensor([1, -2, 3], [3], "float64");
    const y = tensor([4, 5, 6], [3], "float64");
    const f = (x: Tensor): Tensor => sum(mul(mul(x, y), x));
    // d/dx Σ x² y = 2xy
    const gCpu = grad(f)(x);
    setBackend(MIRROR);
    const before = memory();
    const gMirror = grad(f)(x);
    expect(gMirror.backendName).toBe(MIRROR);
    expect([...gMirror.dataSync()]).toEqual([8, -20, 36]);
    expect([...gMirror.dataSync()]).toEqual([...gCpu.dataSync()]);
    gMirror.dispose();
    expect(memory()).toEqual(before);
    dispose([x, y, gCpu]);
  });
});
