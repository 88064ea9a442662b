import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { setBackend } from "@rnnkit/core-tensor";
import { CliError } from "./cli-error.js";

export const BACKENDS = ["cpu", "gpujs"] as const;
export type BackendName = (typeof BACKENDS)[number];

/**
 * Registers and activates a backend. "gpujs" loads @rnnkit/backend-gpujs on demand (its gpu.js
 * mode comes from RNNKIT_GPUJS_MODE, see that package); if it is missing or cannot start here,
 * the error says so in one line. Returns the backend's description, e.g. "gpujs (webgpu mode)".
 */
export async function selectBackend(name: BackendName): Promise<string> {
  if (name === "cpu") {
    registerCpuBackend();
    setBackend("cpu");
    return "cpu";
  }
  let gpujs: typeof import("@rnnkit/backend-gpujs");
  try {
    gpujs = await import("@rnnkit/backend-gpujs");
  } catch (error) {
    throw new CliError(
      `--backend gpujs: @rnnkit/backend-gpujs could not be loaded (${firstLine(error)}); use --backend cpu`,
    );
  }
  try {
    const backend = gpujs.registerGpujsBackend();
    setBackend("gpujs");
    return `gpujs (${backend.mode} mode)`;
  } catch (error) {
    throw new CliError(
      `--backend gpujs: the gpu.js backend cannot run here (${firstLine(error)}); use --backend cpu or set RNNKIT_GPUJS_MODE`,
    );
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
