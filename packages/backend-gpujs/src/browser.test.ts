import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { rolldown } from "rolldown";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The browser build of backend-gpujs, bundled with rolldown (browser conditions: `#device-platform`
// → platform-browser.ts, gpu.js → dist/gpu-browser.js), served over http and run in Debian's
// Chromium next to backend-cpu in the same page.
const CHROMIUM = "/usr/bin/chromium";
const ENTRY = "\0rnnkit-browser-entry";
const TOLERANCE = 1e-4;

// The page's code: the same ops on "cpu" and on "gpujs", every result read back as plain numbers.
const ENTRY_SOURCE = `
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { registerGpujsBackend } from "@rnnkit/backend-gpujs";
import {
  add, lstmCell, matMul, mul, setBackend, sigmoid, softmax, sum, tanh, tensor, tidy, valueAndGrads,
} from "@rnnkit/core-tensor";

// fixed values in [-1, 1]
const values = (n, seed) => Array.from({ length: n }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233));
const read = (t) => ({ shape: [...t.shape], values: Array.from(t.dataSync()) });

function compute(backendName) {
  setBackend(backendName);
  return tidy(() => {
    const out = {};
    const a = tensor(values(12, 1), [3, 4]);
    out.addBroadcast = read(add(a, tensor(values(4, 2), [4])));
    out.mul = read(mul(a, a));
    out.tanh = read(tanh(a));
    out.sigmoid = read(sigmoid(a));
    out.softmax = read(softmax(a));
    out.sumAxis0 = read(sum(a, 0));
    out.matMul = read(matMul(tensor(values(17 * 33, 3), [17, 33]), tensor(values(33 * 9, 4), [33, 9])));
    // one LSTM step, B = 2, H = 5, and the gradient of sum(h'∘h' + c') with respect to all inputs
    const xProj = tensor(values(2 * 20, 5), [2, 20]);
    const h = tensor(values(10, 6), [2, 5]);
    const c = tensor(values(10, 7), [2, 5]);
    const weightHh = tensor(values(20 * 5, 8), [20, 5]);
    const step = lstmCell(xProj, h, c, weightHh);
    out.lstmH = read(step.h);
    out.lstmC = read(step.c);
    const loss = (p, hh, cc, w) => {
      const s = lstmCell(p, hh, cc, w);
      return sum(add(mul(s.h, s.h), s.c));
    };
    const { value, grads } = valueAndGrads(loss)([xProj, h, c, weightHh]);
    out.lstmLoss = read(value);
    ["dXProj", "dH", "dC", "dWeightHh"].forEach((name, i) => { out[name] = read(grads[i]); });
    return out;
  });
}

function probe() {
  const gl2 = document.createElement("canvas").getContext("webgl2");
  const info = gl2 && gl2.getExtension("WEBGL_debug_renderer_info");
  return {
    webgl2: gl2 !== null,
    webgl: document.createElement("canvas").getContext("webgl") !== null,
    webassembly: typeof WebAssembly === "object",
    renderer: gl2 ? String(gl2.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl2.RENDERER)) : undefined,
  };
}

globalThis.rnnkitRun = (mode) => {
  registerCpuBackend();
  const expected = compute("cpu");
  let backend;
  try {
    backend = registerGpujsBackend({ mode });
  } catch (error) {
    return { requested: mode, probe: probe(), error: String(error && error.message) };
  }
  const actual = compute("gpujs");
  return { requested: mode, mode: backend.mode, kernels: backend.kernelCount(), probe: probe(), expected, actual };
};

globalThis.rnnkitWebgpu = () => {
  try {
    registerGpujsBackend({ mode: "webgpu" });
    return "registered";
  } catch (error) {
    return String(error && error.message);
  }
};
`;

interface Read {
  shape: number[];
  values: number[];
}

interface RunResult {
  requested: string;
  mode?: string;
  kernels?: number;
  error?: string;
  probe: { webgl2: boolean; webgl: boolean; webassembly: boolean; renderer?: string };
  expected?: Record<string, Read>;
  actual?: Record<string, Read>;
}

interface PageApi {
  rnnkitRun(mode: string): RunResult;
  rnnkitWebgpu(): string;
}

let server: Server;
let origin: string;
let profile: string;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

async function bundle(): Promise<string> {
  const build = await rolldown({
    input: ENTRY,
    platform: "browser",
    logLevel: "silent",
    resolve: {
      conditionNames: ["@rnnkit/source", "browser", "import", "default"],
      extensionAlias: { ".js": [".ts", ".js"] },
    },
    plugins: [
      {
        name: "rnnkit-browser-entry",
        resolveId(source, importer) {
          if (source === ENTRY) return ENTRY;
          // the entry's bare imports resolve as if written in this package
          if (importer === ENTRY) {
            return this.resolve(source, fileURLToPath(import.meta.url), { skipSelf: true });
          }
          return null;
        },
        load(id) {
          return id === ENTRY ? ENTRY_SOURCE : null;
        },
      },
    ],
  });
  const { output } = await build.generate({ format: "esm" });
  await build.close();
  const chunk = output[0];
  if (chunk === undefined || chunk.type !== "chunk") throw new Error("rolldown produced no chunk");
  return chunk.code;
}

beforeAll(async () => {
  // Debian's chromium, installed by .ci/run: its absence is a failure, not a skip
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
  const code = await bundle();
  // the browser build must not reach Node's worker/module APIs
  expect(code).not.toMatch(/node:worker_threads|node:module/);
  const files: Record<string, [string, string]> = {
    "/": [
      "text/html",
      '<!doctype html><meta charset="utf-8"><script type="module" src="/app.js"></script>',
    ],
    "/app.js": ["text/javascript", code],
  };
  server = createServer((request, response) => {
    const file = files[request.url ?? ""];
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profile = mkdtempSync(join(tmpdir(), "rnnkit-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // WebGL2 through ANGLE on SwiftShader (a CPU Vulkan), so no GPU is needed
    args: [
      "--headless",
      "--no-sandbox",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(origin);
  await page.waitForFunction(() => "rnnkitRun" in globalThis);
}, 60_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
});

function maxDifference(result: RunResult): number {
  const expected = result.expected as Record<string, Read>;
  const actual = result.actual as Record<string, Read>;
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  let worst = 0;
  for (const [name, want] of Object.entries(expected)) {
    const got = actual[name] as Read;
    expect(got.shape, name).toEqual(want.shape);
    expect(got.values.length, name).toBe(want.values.length);
    want.values.forEach((value, i) => {
      const difference = Math.abs((got.values[i] as number) - value);
      if (!(difference <= TOLERANCE)) {
        throw new Error(`${name}[${i}]: gpujs ${got.values[i]}, cpu ${value}`);
      }
      worst = Math.max(worst, difference);
    });
  }
  return worst;
}

describe("backend-gpujs in headless Chromium", () => {
  // webgl2/webgl must run wherever the page itself gets such a context; webasm and cpu always
  it.each(["webgl2", "webgl", "webasm", "cpu"])(
    "mode %s matches backend-cpu within 1e-4 in the same page",
    async (mode) => {
      const result = await page.evaluate(
        (requested) => (globalThis as unknown as PageApi).rnnkitRun(requested),
        mode,
      );
      const { probe } = result;
      const expectedToRun =
        (mode !== "webgl2" || probe.webgl2) &&
        (mode !== "webgl" || probe.webgl) &&
        (mode !== "webasm" || probe.webassembly);
      if (!expectedToRun) {
        console.log(`browser gpujs: mode ${mode} not available in this Chromium (${result.error})`);
        expect(result.error).toMatch(`mode "${mode}" is unavailable`);
        return;
      }
      expect(result.error).toBeUndefined();
      expect(result.mode).toBe(mode);
      const worst = maxDifference(result);
      console.log(
        `browser gpujs: mode ${result.mode} ran ${result.kernels} kernels` +
          `${mode.startsWith("webgl") ? ` on ${probe.renderer}` : ""}; max |gpujs − cpu| = ${worst.toExponential(2)}`,
      );
      expect(pageErrors).toEqual([]);
    },
    30_000,
  );

  it("refuses webgpu in a page by name, never degrading to another mode", async () => {
    const message = await page.evaluate(() => (globalThis as unknown as PageApi).rnnkitWebgpu());
    expect(message).toMatch(
      /^gpujs backend: mode "webgpu" is unavailable in a browser: WebGPU answers only through Promises/,
    );
    expect(message).toContain("Atomics.wait");
  });
});
