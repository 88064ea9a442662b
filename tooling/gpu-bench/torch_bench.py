#!/usr/bin/env python3
"""PyTorch on the perf-anchors workload (shared/docs/perf-anchors.md), beside gpu-bench.mjs.

One-hot V=65 input, T=64, nn.LSTM/nn.GRU (H) + nn.Linear(H, V) at every step, CrossEntropyLoss at
every step, Adam 2e-3; chars/s = B*T / median step. Plus fp32 square matmuls and batch-1
generation. Runs on CUDA (cuDNN) and on the CPU at several thread counts; one JSON line per
measurement on stdout as soon as it is done, progress on stderr. Works with torch 1.13 and 2.x.

  python3 torch_bench.py [--devices cuda,cpu] [--threads 16,1]
      [--parts lstm128,gru128,lstm512,lstm1024,matmul,gen128]
      [--warmup 3 --steps 20] [--cpu-warmup 1 --cpu-steps 5] [--budget 20 --cpu-budget 8]
      [--deadline 0] [--sizes 512,1024,2048] [--gen-warmup 50 --gen-steps 500]
      [--T 64 --B N --H N --V 65]   (B and H override every workload: smoke tests)
"""
import argparse
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

WORKLOADS = {
    "lstm128": ("LSTM", 128, 32),
    "gru128": ("GRU", 128, 32),
    "lstm512": ("LSTM", 512, 32),
    "lstm1024": ("LSTM", 1024, 128),
}

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--devices", default="cuda,cpu")
p.add_argument("--threads", default="16,1", help="CPU thread counts (torch.set_num_threads)")
p.add_argument("--parts", default="lstm128,gru128,lstm512,lstm1024,matmul,gen128")
p.add_argument("--warmup", type=int, default=3)
p.add_argument("--steps", type=int, default=20)
p.add_argument("--cpu-warmup", type=int, default=1)
p.add_argument("--cpu-steps", type=int, default=5)
p.add_argument("--budget", type=float, default=20, help="seconds per part on CUDA")
p.add_argument("--cpu-budget", type=float, default=8, help="seconds per part on the CPU")
p.add_argument("--deadline", type=float, default=0, help="seconds for everything (0: none)")
p.add_argument("--sizes", default="512,1024,2048")
p.add_argument("--gen-warmup", type=int, default=50)
p.add_argument("--gen-steps", type=int, default=500)
p.add_argument("--T", type=int, default=64)
p.add_argument("--V", type=int, default=65)
p.add_argument("--B", type=int, default=None)
p.add_argument("--H", type=int, default=None)
args = p.parse_args()
V, T = args.V, args.T
STARTED = time.perf_counter()


def out(record):
    print(json.dumps(dict(bench="torch", **record)), flush=True)


def progress(text):
    print("[torch-bench %.1fs] %s" % (time.perf_counter() - STARTED, text), file=sys.stderr, flush=True)


def r(x, digits=5):
    return float("%.*g" % (digits, x))


def past_deadline():
    return args.deadline > 0 and time.perf_counter() - STARTED > args.deadline


def sync(dev):
    if dev.type == "cuda":
        torch.cuda.synchronize()


def step_flops(cell, B, H):
    g = 4 if cell == "LSTM" else 3
    return 3 * T * (2 * B * (V + H) * g * H + 2 * B * H * V)


class CharRNN(nn.Module):
    def __init__(self, cell, H):
        super().__init__()
        self.rnn = (nn.LSTM if cell == "LSTM" else nn.GRU)(V, H, batch_first=True)
        self.fc = nn.Linear(H, V)

    def forward(self, x, state=None):
        y, state = self.rnn(x, state)
        return self.fc(y), state


def train(dev, part, label, warmup, steps, budget):
    cell, H, B = WORKLOADS[part]
    H = args.H or H
    B = args.B or B
    torch.manual_seed(7)
    model = CharRNN(cell, H).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    gen = torch.Generator().manual_seed(11)
    chars = torch.randint(0, V, (B, T + 1), generator=gen)
    inputs, targets = chars[:, :-1].to(dev), chars[:, 1:].to(dev)
    times, losses = [], []
    t0 = time.perf_counter()
    stopped = False
    for step in range(warmup + steps):
        if step > 0 and time.perf_counter() - t0 + times[-1] / 1000 > budget:
            stopped = True
            break
        sync(dev)
        s0 = time.perf_counter()
        x = F.one_hot(inputs, V).float()
        logits, _ = model(x)
        loss = F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(loss.item())  # reads the loss back every step, as the rnnkit bench does
        sync(dev)
        times.append((time.perf_counter() - s0) * 1000)
    timed = times[warmup:] if len(times) > warmup else times[1:] or times
    ms = statistics.median(timed)
    out(dict(kind="train", part=part, backend=label, device=dev.type, cell=cell, V=V, T=T, B=B, H=H,
             warmup=min(warmup, len(times)), timedSteps=max(0, len(times) - warmup), stoppedEarly=stopped,
             firstStepMs=r(times[0]), msMedian=r(ms), msMin=r(min(timed)),
             charsPerSecond=round(B * T / (ms / 1000)), gflops=r(step_flops(cell, B, H) / (ms * 1e6)),
             lossFirst=r(losses[0], 7), lossLast=r(losses[-1], 7)))


def matmul(dev, label, budget):
    t0 = time.perf_counter()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if dev.type == "cpu":
        sizes = [n for n in sizes if n <= 1024]
    for n in sizes:
        if time.perf_counter() - t0 > budget:
            out(dict(kind="skip", part="matmul", backend=label, n=n, reason="part budget spent"))
            continue
        gen = torch.Generator().manual_seed(1)
        a = (torch.rand(n, n, generator=gen) * 2 - 1).to(dev)
        b = (torch.rand(n, n, generator=gen) * 2 - 1).to(dev)
        reps = 20 if dev.type == "cuda" else 3
        torch.mm(a, b)
        sync(dev)
        times = []
        for _ in range(3):
            s0 = time.perf_counter()
            for _ in range(reps):
                c = torch.mm(a, b)
            sync(dev)
            times.append((time.perf_counter() - s0) * 1000 / reps)
        err = (c.double() - a.double() @ b.double()).abs().max().item()
        ms = statistics.median(times)
        tf32 = dev.type == "cuda" and getattr(torch.backends.cuda.matmul, "allow_tf32", None)
        out(dict(kind="matmul", part="matmul", backend=label, device=dev.type, n=n, reps=reps,
                 msPerProduct=r(ms), gflops=r(2 * n ** 3 / (ms * 1e6)), maxAbsErr=r(err), tf32=bool(tf32)))


@torch.no_grad()
def generate(dev, label, budget):
    H = args.H or 128
    torch.manual_seed(7)
    model = CharRNN("LSTM", H).to(dev)
    gen = torch.Generator(device=dev).manual_seed(5) if dev.type == "cuda" else torch.Generator().manual_seed(5)
    state, char = None, 0
    t0 = time.perf_counter()
    timed_start, count, stopped = t0, 0, False
    for i in range(args.gen_warmup + args.gen_steps):
        if i == args.gen_warmup:
            timed_start, count = time.perf_counter(), 0
        if i % 50 == 0 and i > 0 and time.perf_counter() - t0 > budget:
            stopped = True
            break
        x = F.one_hot(torch.tensor([[char]], device=dev), V).float()
        logits, state = model(x, state)
        probs = torch.softmax(logits[0, -1], dim=-1)
        char = torch.multinomial(probs, 1, generator=gen).item()
        count += 1
    seconds = time.perf_counter() - timed_start
    out(dict(kind="generate", part="gen128", backend=label, device=dev.type, cell="LSTM", H=H,
             chars=count, stoppedEarly=stopped, msPerChar=r(1000 * seconds / count),
             charsPerSecond=round(count / seconds)))


def run_parts(dev, label, cuda):
    for part in [s for s in args.parts.split(",") if s]:
        if past_deadline():
            out(dict(kind="skip", part=part, backend=label, reason="deadline reached"))
            continue
        progress("%s %s" % (label, part))
        try:
            budget = args.budget if cuda else args.cpu_budget
            if part == "matmul":
                matmul(dev, label, budget)
            elif part == "gen128":
                generate(dev, label, budget)
            elif part in WORKLOADS:
                w, s = (args.warmup, args.steps) if cuda else (args.cpu_warmup, args.cpu_steps)
                train(dev, part, label, w, s, budget)
            else:
                raise ValueError("unknown part %s" % part)
        except Exception as e:  # one failing part must not stop the others
            out(dict(kind="error", part=part, backend=label, error=("%s: %s" % (type(e).__name__, e))[:300]))
        finally:
            if cuda:
                torch.cuda.empty_cache()


def main():
    cudnn = torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None
    out(dict(kind="env", torch=torch.__version__, python=sys.version.split()[0], cuda=torch.version.cuda,
             cudaAvailable=torch.cuda.is_available(), cudnn=cudnn, defaultThreads=torch.get_num_threads(),
             cudnnAllowTf32=getattr(torch.backends.cudnn, "allow_tf32", None)))
    for device in [d for d in args.devices.split(",") if d]:
        if device == "cuda":
            if not torch.cuda.is_available():
                out(dict(kind="skip", backend="torch/cuda", reason="cuda unavailable"))
                continue
            dev = torch.device("cuda")
            out(dict(kind="device", backend="torch/cuda", name=torch.cuda.get_device_name(0),
                     capability=".".join(map(str, torch.cuda.get_device_capability(0)))))
            run_parts(dev, "torch/cuda", True)
        elif device == "cpu":
            for threads in [int(t) for t in args.threads.split(",") if t]:
                torch.set_num_threads(threads)
                run_parts(torch.device("cpu"), "torch/cpu-%dt" % threads, False)
        else:
            out(dict(kind="error", backend=device, error="unknown device (cuda, cpu)"))
    out(dict(kind="done", seconds=r(time.perf_counter() - STARTED)))


if __name__ == "__main__":
    main()
