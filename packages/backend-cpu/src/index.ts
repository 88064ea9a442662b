export { CpuBackend } from "./backend-cpu.js";
export { cpuKernelConfigs, registerCpuBackend } from "./register.js";
