// rnnkit as a user gets it: the built packages (`pnpm build` runs before `pnpm bench`).
export { registerCpuBackend } from "@rnnkit/backend-cpu";
export { matMul, setBackend, tensor } from "@rnnkit/core-tensor";
