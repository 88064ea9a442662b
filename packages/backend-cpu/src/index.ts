export { CpuBackend } from "./backend-cpu.js";
export { cpuKernelConfigs, registerCpuBackend } from "./register.js";
export { isCpuWasmEnabled, isCpuWasmSupported, setCpuWasmEnabled } from "./wasm/cpu-wasm.js";
