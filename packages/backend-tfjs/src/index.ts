export { TfjsBackend, tfDtype } from "./backend-tfjs.js";
export { describeTfjsRuntime } from "./describe-tfjs-runtime.js";
export {
  type LoadTfjsOptions,
  loadTfjs,
  type TfjsRuntimeInfo,
  type TfjsRuntimeName,
} from "./load-tfjs.js";
export {
  type RegisterTfjsBackendOptions,
  registerTfjsBackend,
  tfjsKernelConfigs,
} from "./register.js";
