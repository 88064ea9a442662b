#!/usr/bin/env bash
# The one command for the GPU host (tooling/gpu-bench/README.md), from the repository root:
#   OUT=/some/dir bash tooling/gpu-bench/run.sh
# Needs .gpu-payload/ (tooling/gpu-bench/pack.sh) for the rnnkit parts and python3 with torch for
# the PyTorch parts; each part runs in its own process under its own timeout, so one failing or
# hanging part never stops the others, and a total deadline bounds the whole run.
# Writes $OUT/log.txt (everything), $OUT/results.jsonl (the JSON lines), $OUT/summary.txt.
# Environment (defaults in brackets):
#   OUT [./gpu-bench-out]   GPU_BENCH_TOTAL_S [330]: seconds for everything
#   GPU_BENCH_PARTS ["lstm128 gru128 lstm512 matmul gen128 lstm1024"]: rnnkit parts, in order
#   GPU_BENCH_NODE_ARGS, GPU_BENCH_TORCH_ARGS: more arguments for every gpu-bench.mjs / torch_bench.py
#     call (later ones win, e.g. "--H=32 --T=8 --steps=1" for a smoke test)
#   GPU_BENCH_TORCH [cuda,cpu]: PyTorch devices ("" skips PyTorch)   PYTHON [python3]
#   GPU_BENCH_PAYLOAD [.gpu-payload]   DAWN_BACKEND: passed on (opengles on CPU-only machines)
set -u -o pipefail # no -e: every part runs whatever happened before
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT" || exit 1
OUT="${OUT:-$ROOT/gpu-bench-out}"
mkdir -p "$OUT" || exit 1
LOG="$OUT/log.txt" RES="$OUT/results.jsonl" SUM="$OUT/summary.txt"
: >"$LOG" && : >"$RES" || exit 1
TOTAL="${GPU_BENCH_TOTAL_S:-330}"
PARTS="${GPU_BENCH_PARTS:-lstm128 gru128 lstm512 matmul gen128 lstm1024}"
PAYLOAD="${GPU_BENCH_PAYLOAD:-$ROOT/.gpu-payload}"
PY="${PYTHON:-python3}"
TORCH_DEVICES="${GPU_BENCH_TORCH-cuda,cpu}"
read -r -a NODE_EXTRA <<<"${GPU_BENCH_NODE_ARGS:-}"
read -r -a TORCH_EXTRA <<<"${GPU_BENCH_TORCH_ARGS:-}"
export RNNKIT_GPUJS_PATH="$PAYLOAD/gpujs.cjs" # the webgpu worker's gpu.js (bundle.mjs inlines its own)
START=$SECONDS

say() { printf '[run.sh %3ds] %s\n' "$((SECONDS - START))" "$*" | tee -a "$LOG"; }
record() { printf '{"bench":"run",%s}\n' "$1" >>"$RES"; }
left() { echo $((TOTAL - (SECONDS - START))); }
has() { case ",$TORCH_DEVICES," in *",$1,"*) true ;; *) false ;; esac; }

# part NAME LIMIT_S CMD...: runs CMD under min(LIMIT_S, time left); all output to the log and the
# terminal (Dawn's limit warnings only to the log), JSON lines also to results.jsonl
part() {
  local name="$1" limit="$2" l rc t0
  shift 2
  l="$(left)"
  if [ "$l" -lt 15 ]; then
    say "$name: skipped, total time (${TOTAL}s) spent"
    record "\"part\":\"$name\",\"skipped\":\"total time spent\""
    return
  fi
  [ "$limit" -le "$l" ] || limit="$l"
  say "$name: start, limit ${limit}s"
  t0=$SECONDS
  timeout -k 10 "$limit" "$@" </dev/null 2>&1 | while IFS= read -r line; do
    printf '%s\n' "$line" >>"$LOG"
    case "$line" in
      '{"'*) printf '%s\n' "$line" >>"$RES" && printf '%s\n' "$line" ;;
      Warning:\ maxDynamic*) ;;
      *) printf '%s\n' "$line" ;;
    esac
  done
  rc="${PIPESTATUS[0]}"
  local what="exit $rc"
  [ "$rc" = 124 ] || [ "$rc" = 137 ] && what="timed out after ${limit}s (rc $rc)"
  say "$name: $what in $((SECONDS - t0))s"
  record "\"part\":\"$name\",\"rc\":$rc,\"seconds\":$((SECONDS - t0)),\"limit\":$limit"
}

say "gpu-bench: root $ROOT, out $OUT, total limit ${TOTAL}s, parts: $PARTS; torch: ${TORCH_DEVICES:-none}"
{
  echo "--- host"
  uname -a
  nproc
  if command -v nvidia-smi >/dev/null 2>&1; then
    nvidia-smi -L
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,power.limit --format=csv
  else
    echo "nvidia-smi: not found"
  fi
  echo "git: $(git rev-parse --short HEAD 2>/dev/null) ($(git status --porcelain 2>/dev/null | wc -l) paths changed)"
  echo "--- payload"
  cat "$PAYLOAD/.gpu-host-payload" 2>/dev/null || echo "no $PAYLOAD (run tooling/gpu-bench/pack.sh)"
} 2>&1 | tee -a "$LOG"
gpu="$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -1)"
record "\"kind\":\"host\",\"gpu\":\"${gpu:-none}\",\"cpus\":$(nproc),\"git\":\"$(git rev-parse --short HEAD 2>/dev/null)\""

# 1. PyTorch on CUDA first (short, and the reference every ratio needs)
if has cuda; then
  part torch-cuda 75 "$PY" -u "$HERE/torch_bench.py" --devices=cuda --deadline=60 "${TORCH_EXTRA[@]}"
fi

# 2. rnnkit: backend-gpujs (webgpu) then backend-cpu, one process per part
if [ -f "$PAYLOAD/run-on-host.sh" ] && [ -f "$PAYLOAD/gpujs.cjs" ]; then
  node_part() { # NAME LIMIT ARGS...
    local name="$1" limit="$2"
    shift 2
    part "$name" "$limit" bash "$PAYLOAD/run-on-host.sh" "$@" "${NODE_EXTRA[@]}"
  }
  # Dawn's adapter and gpu.js's start-up (also unpacks node and dawn.node on the first run)
  node_part probe 60 --parts= --backends=gpujs
  common=(--warmup=3 --steps=20 --budget=30 --cpu-warmup=1 --cpu-steps=2 --cpu-budget=15)
  for p in $PARTS; do
    case "$p" in
      lstm128 | gru128) node_part "$p" 60 --parts="$p" "${common[@]}" ;;
      lstm512) node_part "$p" 75 --parts="$p" "${common[@]}" ;;
      matmul) node_part "$p" 75 --parts=matmul --sizes=512,1024,2048 --cpu-sizes=512,1024,2048 --budget=30 --cpu-budget=20 ;;
      gen128) node_part "$p" 45 --parts=gen128 --budget=20 --cpu-budget=15 ;;
      # backend-cpu: one step only (about 30 s single-threaded), for the loss check and a ratio
      lstm1024) node_part "$p" 100 --parts=lstm1024 "${common[@]}" --budget=35 --cpu-big=1 --cpu-warmup=0 --cpu-steps=1 ;;
      *) node_part "$p" 60 --parts="$p" "${common[@]}" ;;
    esac
  done
else
  say "no payload at $PAYLOAD (bundle.mjs, gpujs.cjs): rnnkit parts skipped; run tooling/gpu-bench/pack.sh"
  record "\"part\":\"rnnkit\",\"skipped\":\"no payload at $PAYLOAD\""
fi

# 3. PyTorch on the CPU with whatever time is left (16 threads, then 1)
if has cpu; then
  l="$(left)"
  part torch-cpu 150 "$PY" -u "$HERE/torch_bench.py" --devices=cpu --threads="$(nproc),1" \
    --deadline=$((l > 40 ? l - 25 : 15)) "${TORCH_EXTRA[@]}"
fi

# 4. summary table
if command -v "$PY" >/dev/null 2>&1; then
  "$PY" - "$RES" >"$SUM" 2>&1 <<'EOF'
import json, sys
rows, seen = [], set()
for line in open(sys.argv[1]):
    try:
        r = json.loads(line)
    except ValueError:
        continue
    k = r.get("kind")
    if k == "train":
        rows.append("%-9s %-16s H=%-4s B=%-3s %10.2f ms/step %10s chars/s %9.2f GFLOP/s loss %s" % (
            r["part"], r["backend"], r["H"], r["B"], r["msMedian"], r["charsPerSecond"], r["gflops"], r["lossLast"]))
    elif k == "matmul":
        rows.append("%-9s %-16s n=%-5s %10.3f ms %12.1f GFLOP/s maxAbsErr %s" % (
            "matmul", r["backend"], r["n"], r["msPerProduct"], r["gflops"], r["maxAbsErr"]))
    elif k == "generate":
        rows.append("%-9s %-16s %10.3f ms/char %10s chars/s" % ("gen128", r["backend"], r["msPerChar"], r["charsPerSecond"]))
    elif k == "check":
        rows.append("check     %-16s %s %s" % (r["part"], "ok" if r["ok"] else "MISMATCH",
                    {x: r[x] for x in ("maxAbsDiff", "steps", "prefixAgree", "of") if x in r}))
    elif k in ("backend", "device"):
        if (r.get("adapter"), r.get("name")) not in seen:
            seen.add((r.get("adapter"), r.get("name")))
            rows.append("%-9s %s: %s" % (k, r["backend"], r.get("adapter") or r.get("name")))
    elif k in ("error", "skip") or "rc" in r or "skipped" in r:
        rows.append("%-9s %s" % (k or r.get("part"), json.dumps(r)[:220]))
print("\n".join(rows))
EOF
  {
    echo "--- summary"
    cat "$SUM"
  } | tee -a "$LOG"
fi
say "done in $((SECONDS - START))s: $(wc -l <"$RES") result lines in $RES"
exit 0
