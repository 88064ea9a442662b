// Date normalization (human-written dates → ISO 8601) with and without attention.
//   pnpm --filter @rnnkit/seq2seq... build && node packages/seq2seq/bench/dates.mjs
//     [--steps 1000] [--attention luong-general,bahdanau,none] [--train 10000] [--held-out 2000] [--beam 4]
// Every pair has a different date, so held-out dates are never seen in training, in any format.
// Prints exact match (greedy and beam), character error rate, character BLEU and time per model;
// writes bench-results/seq2seq-dates.json. Also a suite for tooling/bench (`seq2seqDatesSuite`).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { dispose, Rng } from "@rnnkit/core-tensor";
import { Adam } from "@rnnkit/optim";
import {
  beamSearch,
  corpusBleu,
  encodePairs,
  errorRate,
  exactMatch,
  generateDatePairs,
  greedyDecode,
  makePairBatch,
  pairBatches,
  pairVocabularies,
  Seq2Seq,
  trainStep,
} from "@rnnkit/seq2seq";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

/** Trains one model per attention type and evaluates it on the held-out dates. */
export async function runDates({
  steps = 1000,
  attentions = ["luong-general", "bahdanau", "none"],
  trainCount = 10000,
  heldOutCount = 2000,
  beamWidth = 4,
  cell = "lstm",
  log = (line) => console.error(line),
} = {}) {
  registerCpuBackend();
  const pairs = generateDatePairs({ count: trainCount + heldOutCount, seed: 7 });
  const train = pairs.slice(0, trainCount);
  const heldOut = pairs.slice(trainCount);
  const vocabularies = pairVocabularies(train);
  const encoded = encodePairs(train, vocabularies);
  const references = heldOut.map((p) => p.target);
  log(
    `${train.length} training dates, ${heldOut.length} held out; e.g. ${train
      .slice(0, 4)
      .map((p) => `"${p.source}" → ${p.target}`)
      .join(", ")}`,
  );
  const rows = [];
  for (const attention of attentions) {
    const model = new Seq2Seq({
      sourceVocabSize: vocabularies.source.size,
      targetVocabSize: vocabularies.target.size,
      embeddingDim: 16,
      hiddenSize: 32,
      cell,
      bidirectional: true,
      attention,
      rng: new Rng(1),
    });
    const optimizer = new Adam(model.parameters(), { learningRate: 0.01 });
    const started = performance.now();
    const cpuStarted = process.cpuUsage().user;
    const losses = [];
    for (let epoch = 0; losses.length < steps; epoch++) {
      for (const batch of pairBatches(encoded, { batchSize: 32, shuffle: new Rng(epoch) })) {
        if (losses.length < steps) {
          // lr decays 0.5% a step, to 5% of the start
          optimizer.learningRate = 0.01 * Math.max(0.05, 0.995 ** losses.length);
          losses.push(trainStep(model, batch, optimizer, { clipNorm: 5 }));
          if (losses.length % 200 === 0) {
            log(
              `  ${attention}: step ${losses.length}, loss ${losses.at(-1).toFixed(4)}, ${((performance.now() - started) / 1000).toFixed(0)} s`,
            );
          }
        }
        dispose(batch);
      }
    }
    const trainSeconds = (performance.now() - started) / 1000;
    const cpuSeconds = (process.cpuUsage().user - cpuStarted) / 1e6;
    const decode = (search) => {
      const out = [];
      for (let b = 0; b < heldOut.length; b += 500) {
        const batch = makePairBatch(
          encodePairs(heldOut.slice(b, b + 500), vocabularies, { unknown: "unk" }),
        );
        for (const h of search(batch)) out.push(vocabularies.target.decode(h.tokens));
        dispose(batch);
      }
      return out;
    };
    const decodeStarted = performance.now();
    const greedy = decode((batch) =>
      greedyDecode(model, batch.source, batch.sourceMask, { maxLength: 12 }),
    );
    const greedySeconds = (performance.now() - decodeStarted) / 1000;
    const beam = decode(
      (batch) =>
        beamSearch(model, batch.source, batch.sourceMask, { maxLength: 12, beamWidth }).best,
    );
    const chars = (xs) => xs.map((s) => Array.from(s));
    rows.push({
      attention,
      cell,
      parameters: model.parameterCount(),
      steps,
      trainSeconds: Number(trainSeconds.toFixed(1)),
      cpuSeconds: Number(cpuSeconds.toFixed(1)),
      lastLoss: losses.slice(-20).reduce((a, b) => a + b, 0) / 20,
      exactMatchGreedy: exactMatch(greedy, references),
      exactMatchBeam: exactMatch(beam, references),
      beamWidth,
      cer: errorRate(greedy, references),
      charBleu: corpusBleu(chars(greedy), chars(references)).bleu,
      greedyDecodeSeconds: Number(greedySeconds.toFixed(1)),
      wrong: heldOut
        .flatMap((p, i) => (greedy[i] === p.target ? [] : [`${p.source} → ${greedy[i]}`]))
        .slice(0, 10),
    });
  }
  const percent = (x) => `${(100 * x).toFixed(2)}%`;
  const table = rows.map((r) => ({
    attention: r.attention,
    params: r.parameters,
    steps: r.steps,
    "train s (CPU s)": `${r.trainSeconds} (${r.cpuSeconds})`,
    loss: r.lastLoss.toFixed(4),
    "EM greedy": percent(r.exactMatchGreedy),
    [`EM beam ${beamWidth}`]: percent(r.exactMatchBeam),
    CER: percent(r.cer),
    "char BLEU": r.charBleu.toFixed(4),
  }));
  return { rows, table };
}

export const seq2seqDatesSuite = { name: "seq2seq-dates", run: ({ log }) => runDates({ log }) };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, 1-min load ${loadavg()[0].toFixed(2)}`,
  );
  const { rows, table } = await runDates({
    steps: Number(option("steps", 1000)),
    attentions: option("attention", "luong-general,bahdanau,none").split(","),
    trainCount: Number(option("train", 10000)),
    heldOutCount: Number(option("held-out", 2000)),
    beamWidth: Number(option("beam", 4)),
    cell: option("cell", "lstm"),
  });
  const columns = Object.keys(table[0] ?? {});
  const widths = columns.map((c) => Math.max(c.length, ...table.map((r) => String(r[c]).length)));
  console.log(columns.map((c, i) => c.padEnd(widths[i])).join("  "));
  for (const r of table)
    console.log(columns.map((c, i) => String(r[c]).padEnd(widths[i])).join("  "));
  for (const r of rows)
    if (r.wrong.length) console.log(`${r.attention} wrong: ${r.wrong.join("; ")}`);
  const outDir = join(root, "bench-results");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, "seq2seq-dates.json"),
    `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`,
  );
}
