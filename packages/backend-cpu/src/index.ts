export { CpuBackend } from "./backend-cpu.js";
export { clearCpuPool, cpuPoolStats, setCpuPoolLimit } from "./buffer-pool.js";
export { cpuKernelConfigs, registerCpuBackend } from "./register.js";
export {
  cpuThreads,
  isCpuWasmEnabled,
  isCpuWasmSupported,
  setCpuThreads,
  setCpuWasmEnabled,
  whenCpuThreadsReady,
} from "./wasm/cpu-wasm.js";
