/**
 * Large float32 matrix products on several threads (Node `worker_threads`): every worker
 * instantiates the shared-memory variant of gemm.wat on the main thread's shared memory, with its
 * own packing buffers. A product is cut into chunks of rows (or columns) of C; the main thread and
 * the workers claim chunks from an atomic counter until none is left, so a worker that the system
 * schedules late only takes fewer chunks. Each chunk is gemm.wat's `gemm` on offset pointers with
 * the full product's strides: every element of C sums the same products in the same order as the
 * one-thread call, so results are bit-identical whichever thread computes a chunk.
 */
import type { Worker as NodeWorker } from "node:worker_threads";

/**
 * The name of Node's worker_threads module (node: prefix), put together at run time: browser bundles of this package then hold no
 * literal Node module name for a bundler to resolve or polyfill (the module is only looked up in
 * Node, through process.getBuiltinModule).
 */
export const WORKER_THREADS_MODULE = ["node", "worker_threads"].join(":");

/** gemm.wat's `gemm`: C (= or +=) op(A)·op(B) with row strides; pointers are byte addresses, flags 0/1. */
export type GemmFunction = (
  m: number,
  k: number,
  n: number,
  transposeA: number,
  transposeB: number,
  a: number,
  lda: number,
  b: number,
  ldb: number,
  c: number,
  ldc: number,
  accumulate: number,
  packedA: number,
  packedB: number,
  tile: number,
) => void;

/** One thread's packing buffers and scratch tile (byte addresses). */
export interface GemmScratch {
  packedA: number;
  packedB: number;
  tile: number;
}

/** Int32 slots of the control block (in shared memory); the workers get them with their data. */
const SLOTS = {
  /** bumped by the main thread to post a job (or the exit) */
  SEQUENCE: 0,
  /** (sequence << 8) | next unclaimed chunk; −1 while no job is open */
  NEXT: 1,
  /** chunks finished in the open job */
  DONE: 2,
  /** workers that have instantiated the module */
  READY: 3,
  /** set by a worker whose chunk threw */
  FAILED: 4,
  /** 1: workers leave their loop */
  EXIT: 5,
  /** chunks the workers have computed, all jobs */
  WORKER_CHUNKS: 6,
  /** the job's parameters (see runChunk) from here */
  JOB: 8,
  JOB_SLOTS: 15,
  /** slots in all */
  COUNT: 24,
} as const;
const { SEQUENCE, NEXT, DONE, READY, FAILED, EXIT, WORKER_CHUNKS, JOB, JOB_SLOTS } = SLOTS;
/** Bytes of the control block. */
export const CONTROL_BYTES = 4 * SLOTS.COUNT;
/** At most this many chunks per product (the chunk index has 8 bits in NEXT). */
const MAX_CHUNKS = 255;

/**
 * Runs chunk `index` of the job `p` = [m, k, n, transposeA, transposeB, a, lda, b, ldb, c, ldc,
 * accumulate, split, chunks, unit]: rows [index·unit, …) of C when split = 0 (A and C offset by
 * those rows), else those columns (B and C offset). Self-contained: the workers run its source.
 */
function runChunk(gemm: GemmFunction, p: ArrayLike<number>, index: number, s: GemmScratch): void {
  const m = p[0] as number;
  const k = p[1] as number;
  const n = p[2] as number;
  const transposeA = p[3] as number;
  const transposeB = p[4] as number;
  const lda = p[6] as number;
  const ldb = p[8] as number;
  const ldc = p[10] as number;
  const unit = p[14] as number;
  const start = index * unit;
  if (p[12] === 0) {
    // rows start… of op(A) (A stored [m,k], or [k,m] when transposed) and of C
    const rows = Math.min(unit, m - start);
    const a = (p[5] as number) + 4 * start * (transposeA ? 1 : lda);
    const c = (p[9] as number) + 4 * start * ldc;
    gemm(
      rows,
      k,
      n,
      transposeA,
      transposeB,
      a,
      lda,
      p[7] as number,
      ldb,
      c,
      ldc,
      p[11] as number,
      s.packedA,
      s.packedB,
      s.tile,
    );
  } else {
    // columns start… of op(B) (B stored [k,n], or [n,k] when transposed) and of C
    const columns = Math.min(unit, n - start);
    const b = (p[7] as number) + 4 * start * (transposeB ? ldb : 1);
    const c = (p[9] as number) + 4 * start;
    gemm(
      m,
      k,
      columns,
      transposeA,
      transposeB,
      p[5] as number,
      lda,
      b,
      ldb,
      c,
      ldc,
      p[11] as number,
      s.packedA,
      s.packedB,
      s.tile,
    );
  }
}

/**
 * A worker's loop (its source runs in the worker, given runChunk's): waits for a job, claims
 * chunks while the job is open, counts them done; leaves when EXIT is set.
 */
function workerMain(
  data: {
    module: object;
    memory: object;
    control: number;
    slots: typeof SLOTS;
    scratch: GemmScratch;
    spins: number;
  },
  run: typeof runChunk,
): void {
  const { SEQUENCE, NEXT, DONE, READY, FAILED, EXIT, WORKER_CHUNKS, JOB, JOB_SLOTS, COUNT } =
    data.slots;
  const api = (
    globalThis as unknown as {
      WebAssembly: { Instance: new (m: object, i: object) => { exports: { gemm: GemmFunction } } };
    }
  ).WebAssembly;
  const gemm = new api.Instance(data.module, { env: { memory: data.memory } }).exports.gemm;
  const buffer = (data.memory as { buffer: SharedArrayBuffer }).buffer;
  const f = new Int32Array(buffer, data.control, COUNT);
  const job: number[] = [];
  let seen = Atomics.load(f, SEQUENCE);
  Atomics.add(f, READY, 1);
  for (;;) {
    // spin a little (a product often follows another), then sleep until the next post
    let sequence = Atomics.load(f, SEQUENCE);
    for (let spin = 0; sequence === seen; spin++) {
      if (spin >= data.spins) Atomics.wait(f, SEQUENCE, seen);
      sequence = Atomics.load(f, SEQUENCE);
    }
    seen = sequence;
    if (Atomics.load(f, EXIT) === 1) return;
    for (let i = 0; i < JOB_SLOTS; i++) job[i] = Atomics.load(f, JOB + i);
    const chunks = job[13] as number;
    const tag = (sequence & 0x7fffff) << 8;
    for (;;) {
      // claim the next chunk of this job: fails once the job is closed or another one is posted
      // (then the parameters just read may be mixed, and go unused)
      const next = Atomics.load(f, NEXT);
      const index = next & 0xff;
      if (next === -1 || (next & ~0xff) !== tag || index >= chunks) break;
      if (Atomics.compareExchange(f, NEXT, next, next + 1) !== next) continue;
      try {
        run(gemm, job, index, data.scratch);
      } catch {
        Atomics.store(f, FAILED, 1);
      }
      Atomics.add(f, WORKER_CHUNKS, 1);
      if (Atomics.add(f, DONE, 1) + 1 === chunks) Atomics.notify(f, DONE);
    }
  }
}

/** Worker threads on one shared memory, started on first use. */
export class GemmThreads {
  private workers: NodeWorker[] = [];
  private readonly control: Int32Array;
  private sequence = 0;
  private started = false;
  private broken = false;
  private readonly job = new Array<number>(JOB_SLOTS);
  /** Products run here so far (for tests and measurements). */
  products = 0;
  /** Tests only: the main thread claims no chunk and waits for the workers to do them all. */
  workersOnly = false;

  /**
   * @param workerCount threads besides the main one
   * @param scratch one set of packing buffers per thread, the main thread's first
   */
  constructor(
    private readonly workerThreads: typeof import("node:worker_threads"),
    private readonly module: object,
    private readonly memory: { buffer: ArrayBuffer | SharedArrayBuffer },
    private readonly gemm: GemmFunction,
    private readonly controlAddress: number,
    private readonly scratch: readonly GemmScratch[],
    readonly workerCount: number,
    private readonly spins = 2000,
  ) {
    this.control = new Int32Array(memory.buffer, controlAddress, CONTROL_BYTES / 4);
    Atomics.store(this.control, NEXT, -1);
  }

  /** Workers that are up (0 until they have started, a few tens of milliseconds after first use). */
  readyCount(): number {
    return this.broken ? 0 : Atomics.load(this.control, READY);
  }

  /** Chunks the workers have computed so far (the rest ran on the main thread). */
  workerChunks(): number {
    return Atomics.load(this.control, WORKER_CHUNKS);
  }

  /** Starts the workers (once); they do not keep the process alive. */
  start(): void {
    if (this.started) return;
    this.started = true;
    // both functions are self-contained: their source is all the worker needs
    const source = `"use strict";\n(${workerMain.toString()})(require(${JSON.stringify(WORKER_THREADS_MODULE)}).workerData, ${runChunk.toString()});`;
    try {
      for (let w = 1; w <= this.workerCount; w++) {
        const worker = new this.workerThreads.Worker(source, {
          eval: true,
          workerData: {
            module: this.module,
            memory: this.memory,
            control: this.controlAddress,
            slots: SLOTS,
            scratch: this.scratch[w],
            spins: this.spins,
          },
        });
        worker.on("error", () => {
          this.broken = true;
        });
        worker.unref();
        this.workers.push(worker);
      }
    } catch {
      this.broken = true;
    }
  }

  /**
   * C = op(A)·op(B) (or +=) in `chunks` chunks of `unit` rows (split 0) or columns (split 1) of C,
   * shared with the workers; returns false, touching nothing, when no worker is up yet.
   */
  run(
    m: number,
    k: number,
    n: number,
    transposeA: number,
    transposeB: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    accumulate: number,
    split: 0 | 1,
    unit: number,
  ): boolean {
    if (!this.started) this.start();
    if (this.readyCount() === 0) return false;
    const chunks = Math.ceil((split === 0 ? m : n) / unit);
    if (chunks < 2 || chunks > MAX_CHUNKS) return false;
    const f = this.control;
    const job = this.job;
    job[0] = m;
    job[1] = k;
    job[2] = n;
    job[3] = transposeA;
    job[4] = transposeB;
    job[5] = a;
    job[6] = lda;
    job[7] = b;
    job[8] = ldb;
    job[9] = c;
    job[10] = ldc;
    job[11] = accumulate;
    job[12] = split;
    job[13] = chunks;
    job[14] = unit;
    // NEXT is closed (-1) between jobs, so a late worker never claims a chunk of a half-written job
    for (let i = 0; i < JOB_SLOTS; i++) Atomics.store(f, JOB + i, job[i] as number);
    Atomics.store(f, DONE, 0);
    this.sequence = (this.sequence + 1) & 0x7fffff;
    Atomics.store(f, NEXT, this.sequence << 8);
    Atomics.store(f, SEQUENCE, this.sequence);
    Atomics.notify(f, SEQUENCE);
    const scratch = this.scratch[0] as GemmScratch;
    while (!this.workersOnly) {
      const next = Atomics.load(f, NEXT);
      const index = next & 0xff;
      if (index >= chunks) break;
      if (Atomics.compareExchange(f, NEXT, next, next + 1) !== next) continue;
      runChunk(this.gemm, job, index, scratch);
      Atomics.add(f, DONE, 1);
    }
    // every chunk is claimed: wait for the workers' last ones, then close the job
    let spin = 0;
    for (let done = Atomics.load(f, DONE); done < chunks; done = Atomics.load(f, DONE)) {
      if (++spin > this.spins) Atomics.wait(f, DONE, done, 1);
    }
    Atomics.store(f, NEXT, -1);
    this.products++;
    if (Atomics.load(f, FAILED) !== 0) {
      this.broken = true;
      throw new Error("backend-cpu: a GEMM worker thread failed");
    }
    return true;
  }

  /** Stops the workers. */
  close(): void {
    Atomics.store(this.control, EXIT, 1);
    Atomics.add(this.control, SEQUENCE, 1);
    Atomics.notify(this.control, SEQUENCE);
    for (const worker of this.workers) void worker.terminate();
    this.workers = [];
    this.broken = true;
  }
}
