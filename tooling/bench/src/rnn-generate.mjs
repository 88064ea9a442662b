// Generation throughput of the char-RNN workload (docs/perf-anchors.md): batch 1, one character
// per call, state carried, logits → host softmax → sample → next input; 50 warm-up characters,
// then runs of 500; chars/s for rnnkit backend-cpu and the peers, and rnnkit ÷ each peer.
import { runRnnSuite } from "./rnn-runner.mjs";

export const rnnGenerateSuite = {
  name: "rnn-generate",
  run: (options) => runRnnSuite("generate", options),
};
