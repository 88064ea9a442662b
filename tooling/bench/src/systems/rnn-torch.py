"""Worker: the char-RNN workload on PyTorch CPU (Debian's python3-torch, run by /usr/bin/python3).

    /usr/bin/python3 rnn-torch.py '{"kind": "train"|"generate"|"memory", "cell": "lstm", "hidden": 128,
                                    "threads": 2, "warmup": 3, "steps": 20, ...}'

nn.LSTM / nn.GRU (batch_first) + nn.Linear(H, V) at every step, F.cross_entropy on the logits,
torch.optim.Adam lr 2e-3, one-hot input. Generation: batch 1, one forward per character, state
carried, logits to the host, sampled there as in the JS workers. Prints one JSON line on stdout;
if torch cannot be imported it prints {"unavailable": "<why>"} and exits 0. "memory" trains
`steps` steps and samples VmRSS / VmHWM every `every` steps (as memory.mjs does for the JS workers).
"""

import json
import math
import os
import sys
import time


def emit(result):
    print(json.dumps(result), flush=True)


config = json.loads(sys.argv[1] if len(sys.argv) > 1 else "{}")
try:
    import torch
    import torch.nn.functional as F
    from torch import nn
except ImportError as error:  # no python3-torch on this machine
    emit({"unavailable": f"{type(error).__name__}: {error}"})
    sys.exit(0)


def process_memory():
    """VmRSS and VmHWM (the peak RSS of this process image) in bytes, from /proc/self/status."""
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) * 1024
    return {"rss": fields["VmRSS"], "hwm": fields["VmHWM"]}


# memory: the process after `import torch`, before the model and the optimizer exist
baseline = process_memory() if config.get("kind") == "memory" else None

V, T, B, LEARNING_RATE = 65, 64, 32, 2e-3
H = config["hidden"]


def mulberry32(seed):
    """The JS workers' generator (harness.mjs), so every system draws the same characters."""
    state = seed & 0xFFFFFFFF

    def imul(a, b):
        return (a * b) & 0xFFFFFFFF

    def next_value():
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return next_value


def make_batches(count, seed):
    """As rnn-workload.mjs makeBatches: T + 1 characters per sequence, targets shifted by one."""
    batches = []
    for k in range(count):
        rand = mulberry32(seed * 7919 + k)
        rows = [[math.floor(rand() * V) for _ in range(T + 1)] for _ in range(B)]
        chars = torch.tensor(rows, dtype=torch.long)
        batches.append((F.one_hot(chars[:, :T], V).float(), chars[:, 1:].contiguous()))
    return batches


def blas():
    """Which BLAS torch's process mapped (Debian: reference BLAS unless OpenBLAS is installed)."""
    libraries = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if "blas" in path or "lapack" in path:
                libraries.add(os.path.basename(path))
    info = {"blasLibraries": sorted(libraries), "openblasCore": None}
    try:
        import ctypes

        openblas = ctypes.CDLL("libopenblas.so.0")
        openblas.openblas_get_corename.restype = ctypes.c_char_p
        info["openblasCore"] = openblas.openblas_get_corename().decode()
        openblas.openblas_get_config.restype = ctypes.c_char_p
        info["openblasConfig"] = openblas.openblas_get_config().decode()
    except OSError:
        pass
    return info


class CharModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = (nn.GRU if config["cell"] == "gru" else nn.LSTM)(V, H, batch_first=True)
        self.head = nn.Linear(H, V)

    def forward(self, x, state=None):
        h, state = self.rnn(x, state)
        return self.head(h), state


torch.set_num_threads(config.get("threads", 2))
torch.manual_seed(config.get("seed", 1))
model = CharModel()


def train():
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    batches = make_batches(4, config.get("seed", 1))
    times, losses, total, s = [], [], 0.0, 0
    while len(times) < config["steps"] and (len(times) < 3 or total < config["maxSeconds"]):
        x, y = batches[s % len(batches)]
        start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        logits, _ = model(x)
        loss = F.cross_entropy(logits.reshape(-1, V), y.reshape(-1))
        loss.backward()
        optimizer.step()
        value = loss.item()
        seconds = time.perf_counter() - start
        losses.append(value)
        if s >= config["warmup"]:
            times.append(seconds)
            total += seconds
        print(f"step {s} {seconds:.4f} s loss {value:.4f}", file=sys.stderr)
        s += 1
    return {"times": times, "losses": losses}


def train_memory():
    """`steps` training steps; a sample before the first, after the first, every `every`, the last."""
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    batches = make_batches(4, config.get("seed", 1))
    samples = [{"step": 0, **process_memory()}]
    losses = []
    steps, every = config["steps"], config["every"]
    started = time.perf_counter()
    for s in range(steps):
        x, y = batches[s % len(batches)]
        optimizer.zero_grad(set_to_none=True)
        logits, _ = model(x)
        loss = F.cross_entropy(logits.reshape(-1, V), y.reshape(-1))
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        done = s + 1
        if done == 1 or done % every == 0 or done == steps:
            seconds = time.perf_counter() - started
            samples.append({"step": done, "seconds": seconds, **process_memory()})
            if done % (every * 10) == 0:
                print(f"memory: step {done}", file=sys.stderr)
    return {"baseline": baseline, "samples": samples, "lossFirst": losses[0], "lossLast": losses[-1]}


def sample(logits, rand):
    """Host sampling as sampleFromLogits in rnn-workload.mjs."""
    top = max(logits)
    p = [math.exp(z - top) for z in logits]
    u = rand() * sum(p)
    for i, pi in enumerate(p):
        u -= pi
        if u <= 0:
            return i
    return len(p) - 1


def generate():
    model.eval()
    identity = torch.eye(V)
    rand = mulberry32(config.get("seed", 7))

    def run(count):
        c, state = 0, None
        with torch.no_grad():
            for _ in range(count):
                logits, state = model(identity[c].view(1, 1, V), state)
                c = sample(logits.view(V).tolist(), rand)

    run(config["warmup"])
    rates = []
    total = 0.0
    for r in range(config["reps"]):
        if r > 0 and total >= config["maxSeconds"]:
            break
        start = time.perf_counter()
        run(config["steps"])
        seconds = time.perf_counter() - start
        total += seconds
        rates.append(config["steps"] / seconds)
        print(f"generate rep {r}: {config['steps'] / seconds:.1f} chars/s", file=sys.stderr)
    return {"rates": rates}


kinds = {"generate": generate, "memory": train_memory, "train": train}
result = kinds[config["kind"]]()
details = {"torch": torch.__version__, "threads": torch.get_num_threads(), **blas()}
if config["kind"] == "memory":
    emit({**result, "details": details})
else:
    emit({**result, **details})
