import "./register-all-gradients.js";

export { grad, grads, valueAndGrad, valueAndGrads, variableGrads } from "./autograd.js";
export {
  BACKEND_SPEC_VERSION,
  type Backend,
  type BackendMemory,
  type DataId,
  type TensorInfo,
} from "./backend.js";
export { allocate, DTYPES, type Dtype, dtypeOf, isFloat, type TypedArray } from "./dtype.js";
export { detach, dispose, keep, memory, runKernel, runKernelMulti, tidy } from "./engine.js";
export { RnnkitError, shapeToString } from "./errors.js";
export * from "./io/index.js";
export * as kernels from "./kernel-names.js";
export * from "./ops/creation/index.js";
export * from "./ops/elementwise/index.js";
export * from "./ops/fused/index.js";
export * from "./ops/linalg/index.js";
export * from "./ops/movement/index.js";
export * from "./ops/reduction/index.js";
export { getGlobalRng, Rng, type RngState, setSeed } from "./random/rng.js";
export {
  findBackend,
  type GradConfig,
  type GradContext,
  getBackend,
  getBackendName,
  getGradient,
  getKernel,
  hasBackend,
  type KernelArgs,
  type KernelConfig,
  listBackends,
  listKernels,
  registerBackend,
  registerGradient,
  registerKernel,
  removeBackend,
  setBackend,
} from "./registry.js";
export { type NestedArray, Tensor } from "./tensor.js";
export {
  broadcastShapes,
  normalizeAxes,
  normalizeAxis,
  reducedShape,
  sameShape,
  sizeFromShape,
  stridesOf,
} from "./util/shape.js";
export { Variable, variable } from "./variable.js";
