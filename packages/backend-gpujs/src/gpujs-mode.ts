import { RnnkitError } from "@rnnkit/core-tensor";

/**
 * The gpu.js modes backend-gpujs runs in. `webgpu` uses Dawn (npm `webgpu`) in Node or
 * `navigator.gpu` in a browser; `headlessgl` needs the optional native `gl` package and an X
 * display; `webgl`/`webgl2` exist only in browsers; `webasm` and `cpu` run anywhere.
 */
export type GpujsMode = "webgpu" | "webgl2" | "webgl" | "headlessgl" | "webasm" | "cpu";

export const GPUJS_MODES: readonly GpujsMode[] = [
  "webgpu",
  "webgl2",
  "webgl",
  "headlessgl",
  "webasm",
  "cpu",
];

/** The mode used when neither the option nor `RNNKIT_GPUJS_MODE` names one. */
export const DEFAULT_GPUJS_MODE: GpujsMode = "webasm";

/** The requested mode: the option, else `RNNKIT_GPUJS_MODE`, else `webasm`. Never auto-detected. */
export function resolveGpujsMode(requested?: string): GpujsMode {
  const fromEnv =
    typeof process === "undefined" ? undefined : process.env.RNNKIT_GPUJS_MODE || undefined;
  const mode = requested ?? fromEnv ?? DEFAULT_GPUJS_MODE;
  if (!(GPUJS_MODES as readonly string[]).includes(mode)) {
    const source = requested !== undefined ? "the mode option" : "RNNKIT_GPUJS_MODE";
    throw new RnnkitError(
      "gpujs backend",
      `${source} is ${JSON.stringify(mode)}; expected one of ${GPUJS_MODES.join(", ")}`,
    );
  }
  return mode as GpujsMode;
}
