// The "install a package on its own" check: packs every published package (packages/*, not
// private) with `pnpm pack` (which rewrites workspace: ranges), installs all the tarballs with plain
// npm into a fresh folder outside the workspace, and loads each package with import and require.
// @rnnkit/backend-cpu additionally runs a real computation from its installed copy.
// Usage: node tooling/scripts/pack-smoke.mjs [package names…] [--keep]   (after `pnpm build`)
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const keep = process.argv.includes("--keep");

function run(command, args, cwd) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const output = `${error.stdout ?? ""}${error.stderr ?? ""}`.trim();
    throw new Error(`\`${command} ${args.join(" ")}\` failed in ${cwd}:\n${output}`);
  }
}

const publishable = readdirSync(join(root, "packages"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(root, "packages", entry.name))
  .filter((dir) => existsSync(join(dir, "package.json")))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
  .filter(({ manifest }) => manifest.private !== true);

// Optional arguments name packages to check (plus the workspace packages they depend on);
// by default every publishable package is checked.
const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const byName = new Map(publishable.map((entry) => [entry.manifest.name, entry]));
const selected = new Set(requested.length === 0 ? byName.keys() : requested);
for (const name of selected) {
  const entry = byName.get(name);
  if (entry === undefined) {
    console.error(`pack-smoke: no publishable package named ${name} under packages/`);
    process.exit(1);
  }
  for (const dependency of Object.keys(entry.manifest.dependencies ?? {})) {
    if (byName.has(dependency)) selected.add(dependency); // Set iteration visits it later
  }
}
const packages = publishable.filter(({ manifest }) => selected.has(manifest.name));

if (packages.length === 0) {
  console.error("pack-smoke: no publishable package found under packages/");
  process.exit(1);
}

// The consumer must not sit inside the workspace, or node would find the workspace's node_modules.
const work = mkdtempSync(join(tmpdir(), "rnnkit-pack-smoke-"));
const tarballs = join(work, "tarballs");
const consumer = join(work, "consumer");
let failures = 0;

try {
  for (const { dir, manifest } of packages) {
    for (const entry of manifest.files ?? []) {
      if (entry === "dist" && !existsSync(join(dir, "dist"))) {
        throw new Error(`${manifest.name} has no dist/ — run \`pnpm turbo run build\` first`);
      }
    }
    run("pnpm", ["pack", "--pack-destination", tarballs], dir);
  }
  const files = readdirSync(tarballs)
    .filter((name) => name.endsWith(".tgz"))
    .map((name) => join(tarballs, name));

  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), '{"name":"consumer","private":true}\n');
  // All tarballs in one install, so dependencies between our packages resolve from the tarballs.
  run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", ...files],
    consumer,
  );

  for (const { manifest } of packages) {
    const name = manifest.name;
    try {
      run(
        "node",
        ["--input-type=module", "-e", `await import(${JSON.stringify(name)});`],
        consumer,
      );
      run("node", ["-e", `require(${JSON.stringify(name)});`], consumer);
      console.log(`pack-smoke: ${name} installs alone and loads (import + require)`);
    } catch (error) {
      failures++;
      console.error(`pack-smoke: ${name} FAILED\n${error.message}`);
    }
  }

  if (packages.some(({ manifest }) => manifest.name === "@rnnkit/backend-cpu")) {
    // A real computation through the installed copies: [1, 2, 3] + [10, 20, 30] on the cpu backend.
    const script = `
      import { add, setBackend, tensor } from "@rnnkit/core-tensor";
      import { registerCpuBackend } from "@rnnkit/backend-cpu";
      registerCpuBackend();
      setBackend("cpu");
      const sum = Array.from(add(tensor([1, 2, 3]), tensor([10, 20, 30])).dataSync());
      console.log(JSON.stringify(sum));
      if (JSON.stringify(sum) !== "[11,22,33]") process.exit(1);
      // the WebAssembly kernels ship inside dist: a float32 product goes through them
      const { isCpuWasmEnabled } = await import("@rnnkit/backend-cpu");
      const { matMul } = await import("@rnnkit/core-tensor");
      const a = Float32Array.from({ length: 24 * 20 }, (_, i) => (i % 7) - 3);
      const b = Float32Array.from({ length: 20 * 16 }, (_, i) => (i % 5) - 2);
      const c = matMul(tensor(a, [24, 20]), tensor(b, [20, 16])).dataSync();
      for (let i = 0; i < 24; i++)
        for (let j = 0; j < 16; j++) {
          let s = 0;
          for (let p = 0; p < 20; p++) s += a[i * 20 + p] * b[p * 16 + j];
          if (c[i * 16 + j] !== s) process.exit(2);
        }
      if (!isCpuWasmEnabled()) process.exit(3);
    `;
    try {
      const printed = run("node", ["--input-type=module", "-e", script], consumer).trim();
      console.log(
        `pack-smoke: @rnnkit/backend-cpu computes [1,2,3] + [10,20,30] = ${printed}, and a float32 matMul through WebAssembly`,
      );
    } catch (error) {
      failures++;
      console.error(`pack-smoke: @rnnkit/backend-cpu computation FAILED\n${error.message}`);
    }
  }
} catch (error) {
  failures++;
  console.error(`pack-smoke: ${error.message}`);
} finally {
  if (keep) console.log(`pack-smoke: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

process.exitCode = failures === 0 ? 0 : 1;
