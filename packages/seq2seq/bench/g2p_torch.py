"""PyTorch twin of the rnnkit G2P model in g2p.mjs, for a same-size, same-time comparison.

Model (as @rnnkit/seq2seq's Seq2Seq with cell "gru", bidirectional, merge "project",
attention "luong-general"): embedding → bidirectional GRU encoder; decoder initial state
tanh(W [h→; h←] + b); GRU decoder over the teacher-forced target; Luong general attention
e_tj = s_tᵀ W_a h_j; h̃_t = tanh(W_c [c_t; s_t]); logits = W_o h̃_t + b_o. Adam, gradient
clipping at norm 5, mean token cross-entropy. Trains for a wall-clock budget, then decodes the
held-out words greedily and prints one JSON line.

usage: python3 g2p_torch.py TRAIN.tsv TEST.tsv --seconds 300 --hidden 64 --embedding 32 --batch 64
"""
import argparse
import json
import random
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

PAD, START, END, UNK = 0, 1, 2, 3


def read_pairs(path):
    pairs = []
    with open(path, encoding="utf8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                source, target = line.split("\t")
                pairs.append((source, target.split(" ")))
    return pairs


def vocabulary(sequences):
    symbols = sorted({s for seq in sequences for s in seq})
    return {s: i + 4 for i, s in enumerate(symbols)}


class G2P(nn.Module):
    def __init__(self, source_size, target_size, embedding, hidden):
        super().__init__()
        self.source_embedding = nn.Embedding(source_size, embedding)
        self.encoder = nn.GRU(embedding, hidden, batch_first=True, bidirectional=True)
        self.bridge = nn.Linear(2 * hidden, hidden)
        self.target_embedding = nn.Embedding(target_size, embedding)
        self.decoder = nn.GRU(embedding, hidden, batch_first=True)
        self.general = nn.Linear(2 * hidden, hidden, bias=False)
        self.combine = nn.Linear(3 * hidden, hidden, bias=False)
        self.output = nn.Linear(hidden, target_size)

    def encode(self, source, lengths):
        packed = nn.utils.rnn.pack_padded_sequence(
            self.source_embedding(source), lengths.cpu(), batch_first=True, enforce_sorted=False
        )
        outputs, h = self.encoder(packed)
        outputs, _ = nn.utils.rnn.pad_packed_sequence(outputs, batch_first=True, total_length=source.shape[1])
        state = torch.tanh(self.bridge(torch.cat([h[0], h[1]], dim=1))).unsqueeze(0)  # tanh(W [h→; h←] + b)
        keys = self.general(outputs)  # W_a h_j
        bias = (source != PAD).float().sub(1).mul(1e9).unsqueeze(1)  # −1e9 at padding
        return outputs, keys, bias, state

    def decode(self, inputs, state, outputs, keys, bias):
        s, state = self.decoder(self.target_embedding(inputs), state)  # [B, T, H]
        weights = torch.softmax(torch.bmm(s, keys.transpose(1, 2)) + bias, dim=-1)  # α_tj
        context = torch.bmm(weights, outputs)  # c_t
        attentional = torch.tanh(self.combine(torch.cat([context, s], dim=-1)))  # h̃_t
        return self.output(attentional), state


def batch_tensors(pairs, source_vocab, target_vocab):
    sources = [[source_vocab.get(c, UNK) for c in s] for s, _ in pairs]
    targets = [[target_vocab.get(p, UNK) for p in t] for _, t in pairs]
    S = max(len(s) for s in sources)
    T = max(len(t) for t in targets) + 1
    source = torch.zeros(len(pairs), S, dtype=torch.long)
    target_in = torch.zeros(len(pairs), T, dtype=torch.long)
    target_out = torch.zeros(len(pairs), T, dtype=torch.long)
    for i, (s, t) in enumerate(zip(sources, targets)):
        source[i, : len(s)] = torch.tensor(s)
        target_in[i, : len(t) + 1] = torch.tensor([START] + t)
        target_out[i, : len(t) + 1] = torch.tensor(t + [END])
    lengths = torch.tensor([len(s) for s in sources])
    return source, lengths, target_in, target_out


def edit_distance(a, b):
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i]
        for j in range(1, len(b) + 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])))
        previous = current
    return previous[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("train")
    parser.add_argument("test")
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--embedding", type=int, default=32)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=0.003)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-length", type=int, default=24)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    train, test = read_pairs(args.train), read_pairs(args.test)
    source_vocab = vocabulary([s for s, _ in train])
    target_vocab = vocabulary([t for _, t in train])
    target_symbols = {i: s for s, i in target_vocab.items()}
    model = G2P(len(source_vocab) + 4, len(target_vocab) + 4, args.embedding, args.hidden)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    start = time.time()
    steps = 0
    losses = []
    while time.time() - start < args.seconds:
        order = list(range(len(train)))
        random.shuffle(order)
        for b in range(0, len(order) - args.batch + 1, args.batch):
            if time.time() - start >= args.seconds:
                break
            source, lengths, target_in, target_out = batch_tensors([train[i] for i in order[b : b + args.batch]], source_vocab, target_vocab)
            outputs, keys, bias, state = model.encode(source, lengths)
            logits, _ = model.decode(target_in, state, outputs, keys, bias)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), target_out.reshape(-1), ignore_index=PAD)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            losses.append(loss.item())
            steps += 1
    train_seconds = time.time() - start
    model.eval()
    predictions = []
    with torch.no_grad():
        for b in range(0, len(test), 500):
            chunk = test[b : b + 500]
            source, lengths, _, _ = batch_tensors(chunk, source_vocab, target_vocab)
            outputs, keys, bias, state = model.encode(source, lengths)
            tokens = torch.full((len(chunk), 1), START, dtype=torch.long)
            written = [[] for _ in chunk]
            done = [False] * len(chunk)
            for _ in range(args.max_length):
                logits, state = model.decode(tokens, state, outputs, keys, bias)
                tokens = logits[:, -1].argmax(-1, keepdim=True)
                for i, t in enumerate(tokens[:, 0].tolist()):
                    if done[i]:
                        continue
                    if t == END:
                        done[i] = True
                    else:
                        written[i].append(target_symbols.get(t, "<UNK>"))
                if all(done):
                    break
            predictions.extend(written)
    references = [t for _, t in test]
    wer = sum(p != r for p, r in zip(predictions, references)) / len(test)
    per = sum(edit_distance(p, r) for p, r in zip(predictions, references)) / sum(len(r) for r in references)
    print(json.dumps({
        "system": "pytorch " + torch.__version__,
        "parameters": sum(p.numel() for p in model.parameters()),
        "steps": steps,
        "trainSeconds": round(train_seconds, 1),
        "firstLoss": sum(losses[:20]) / max(1, len(losses[:20])),
        "lastLoss": sum(losses[-20:]) / max(1, len(losses[-20:])),
        "wer": wer,
        "per": per,
    }))


if __name__ == "__main__":
    main()
