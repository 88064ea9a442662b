#!/usr/bin/env bash
# Builds the GPU-host payload of gpu-bench.mjs (tooling/gpu-bench/README.md):
#   bash tooling/gpu-bench/pack.sh [--rev=REV] [OUTDIR]    (default .gpu-payload in the checkout)
# = the gpu-host kit's pack.sh (bundle.mjs, Node, Dawn, Vulkan/GL debs) + gpujs.cjs, a CommonJS
# bundle of gpu.js for the webgpu worker (RNNKIT_GPUJS_PATH; bundle.mjs finds it beside itself).
#   --rev=REV  bundle the sources of commit REV (git archive into a temporary folder that reuses
#              this checkout's node_modules) instead of the working tree, e.g. --rev=HEAD while
#              other work is uncommitted; tooling/gpu-bench must be committed in REV.
# Environment: GPU_HOST_KIT (default: shared/gpu-host beside the checkout), ESBUILD (default:
# node_modules/.pnpm's, else `npx --yes -p esbuild@0.25`, which needs the npm registry).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KIT="$(cd "${GPU_HOST_KIT:-$ROOT/../shared/gpu-host}" 2>/dev/null && pwd || true)"
REV="" OUTDIR=""
for a in "$@"; do
  case "$a" in
    --rev=*) REV="${a#*=}" ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
    -*) echo "gpu-bench pack: unknown option $a" >&2 && exit 1 ;;
    *) OUTDIR="$a" ;;
  esac
done
cd "$ROOT"
OUTDIR="${OUTDIR:-.gpu-payload}"
mkdir -p "$OUTDIR" && OUTDIR="$(cd "$OUTDIR" && pwd)"
[ -f "$KIT/pack.sh" ] || { echo "gpu-bench pack: no gpu-host kit (set GPU_HOST_KIT)" >&2 && exit 1; }

if [ -z "${ESBUILD:-}" ]; then
  ESBUILD="$(ls -d node_modules/.pnpm/esbuild@*/node_modules/esbuild/bin/esbuild 2>/dev/null | sort -V | tail -1 || true)"
  [ -n "$ESBUILD" ] || ESBUILD="$(npx --yes -p esbuild@0.25 -c 'command -v esbuild')"
fi
export ESBUILD
echo "gpu-bench pack: esbuild $("$ESBUILD" --version) ($ESBUILD)" >&2

# the payload stays out of git (the kit's pack.sh only warns)
if [ "$OUTDIR" = "$ROOT/.gpu-payload" ]; then
  EXCLUDE="$(git rev-parse --git-path info/exclude)"
  grep -q gpu-payload "$EXCLUDE" 2>/dev/null || echo /.gpu-payload/ >>"$EXCLUDE"
fi

SRC="$ROOT"
if [ -n "$REV" ]; then
  SRC="$(mktemp -d)"
  trap 'rm -rf "$SRC"' EXIT
  git archive "$REV" | tar -x -C "$SRC"
  [ -f "$SRC/tooling/gpu-bench/gpu-bench.mjs" ] || { echo "gpu-bench pack: $REV has no tooling/gpu-bench" >&2 && exit 1; }
  # the packages' node_modules hold relative links: @rnnkit/* to the exported sources, the rest
  # to ../node_modules/.pnpm, which is this checkout's
  ln -s "$ROOT/node_modules" "$SRC/node_modules"
  for d in packages/* tooling/*; do
    if [ -d "$ROOT/$d/node_modules" ] && [ -d "$SRC/$d" ]; then
      cp -a "$ROOT/$d/node_modules" "$SRC/$d/"
    fi
  done
  echo "gpu-bench pack: sources of $(git rev-parse --short "$REV") ($(git log -1 --format=%s "$REV" | cut -c1-60))" >&2
fi

# workspace packages (@rnnkit/*) resolve through tooling/bench's node_modules, which links them all
(cd "$SRC" && NODE_PATH="$SRC/tooling/bench/node_modules:$SRC/packages/backend-gpujs/node_modules" \
  bash "$KIT/pack.sh" --conditions=@rnnkit/source --compact tooling/gpu-bench/gpu-bench.mjs "$OUTDIR")

GPUJS_MAIN="$(cd packages/backend-gpujs && node -p 'require.resolve("gpu.js")')"
"$ESBUILD" "$GPUJS_MAIN" --bundle --platform=node --format=cjs --target=node20 \
  --external:gl --external:webgpu --log-level=warning --outfile="$OUTDIR/gpujs.cjs"
{
  echo "gpujs.cjs: gpu.js $(cd packages/backend-gpujs && node -p 'require("gpu.js/package.json").version') as CommonJS"
  if [ -n "$REV" ]; then echo "sources: commit $(git rev-parse "$REV")"
  else echo "sources: working tree at $(git rev-parse HEAD), $(git status --porcelain | wc -l) paths changed"; fi
} >>"$OUTDIR/.gpu-host-payload"
echo "gpu-bench pack: $(du -sh "$OUTDIR" | cut -f1) in $OUTDIR (gpujs.cjs $(du -h "$OUTDIR/gpujs.cjs" | cut -f1))" >&2
