#!/usr/bin/env python3
"""Writes PyTorch golden fixtures for @rnnkit/layers-recurrent into ../fixtures (see README.md).

Each fixture is a safetensors file (float64) with the parameters under PyTorch's state_dict
names, the inputs, the outputs, and the gradients of
    L = sum(output * w_out) + sum(h_n * w_h) [+ sum(c_n * w_c)]
named "grad.<name>". The writer below uses only struct + json (no `safetensors` package) and
lays tensors out exactly as @rnnkit/core-tensor's encodeSafetensors does, so the TS encoder
reproduces these files byte for byte.
"""

import json
import struct
from pathlib import Path

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

BATCH, STEPS, INPUT, HIDDEN = 3, 5, 4, 6
F64 = torch.float64
OUT_DIR = Path(__file__).resolve().parent.parent / "fixtures"

# dtype -> (safetensors name, struct code)
FORMATS = {
    torch.float64: ("F64", "d"),
    torch.float32: ("F32", "f"),
    torch.int64: ("I64", "q"),
    torch.int32: ("I32", "i"),
    torch.float16: ("F16", "e"),
    torch.bfloat16: ("BF16", "h"),  # packed as its raw int16 bits
}


def safetensors_bytes(tensors, metadata):
    """8-byte LE header length, compact JSON header padded with spaces to a multiple of 8, LE data.
    Order: largest element size first, then name (same as encodeSafetensors)."""
    names = sorted(tensors, key=lambda name: (-tensors[name].element_size(), name))
    header = {"__metadata__": metadata}
    chunks = []
    offset = 0
    for name in names:
        t = tensors[name].detach().cpu().contiguous()
        dtype_name, code = FORMATS[t.dtype]
        flat = (t.view(torch.int16) if t.dtype == torch.bfloat16 else t).reshape(-1).tolist()
        raw = struct.pack(f"<{len(flat)}{code}", *flat)
        header[name] = {"dtype": dtype_name, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        chunks.append(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def write(name, tensors, config):
    metadata = {"torch_version": torch.__version__, "config": json.dumps(config, separators=(",", ":"))}
    data = safetensors_bytes(tensors, metadata)
    path = OUT_DIR / f"{name}.safetensors"
    path.write_bytes(data)
    print(f"{path.name:32s} {len(data):6d} bytes")


def module_for(mode, num_layers, bidirectional):
    options = dict(num_layers=num_layers, bidirectional=bidirectional, batch_first=True, dropout=0.0, dtype=F64)
    if mode == "rnn_tanh":
        return nn.RNN(INPUT, HIDDEN, nonlinearity="tanh", **options)
    if mode == "rnn_relu":
        return nn.RNN(INPUT, HIDDEN, nonlinearity="relu", **options)
    if mode == "lstm":
        return nn.LSTM(INPUT, HIDDEN, **options)
    return nn.GRU(INPUT, HIDDEN, **options)  # gru and gru_course share nn.GRU's parameters


def gru_cell(x, h, w_ih, w_hh, b_ih, b_hh, course):
    """One GRU step; gate blocks in PyTorch's order (r, z, n)."""
    gi_r, gi_z, gi_n = (x @ w_ih.T + b_ih).chunk(3, dim=1)
    w_hr, w_hz, w_hn = w_hh.chunk(3, dim=0)
    b_hr, b_hz, b_hn = b_hh.chunk(3)
    r = torch.sigmoid(gi_r + h @ w_hr.T + b_hr)  # r = σ(W_ir x + b_ir + W_hr h + b_hr)
    z = torch.sigmoid(gi_z + h @ w_hz.T + b_hz)  # z = σ(W_iz x + b_iz + W_hz h + b_hz)
    if course:
        n = torch.tanh(gi_n + (r * h) @ w_hn.T + b_hn)  # n = tanh(W_in x + b_in + W_hn (r∘h) + b_hn)
    else:
        n = torch.tanh(gi_n + r * (h @ w_hn.T + b_hn))  # PyTorch: n = tanh(W_in x + b_in + r∘(W_hn h + b_hn))
    return (1 - z) * n + z * h  # h' = (1 − z)∘n + z∘h


def manual_gru(module, x, h0, course):
    """Single-layer GRU over [B, T, I] (batch_first), forward and (if bidirectional) reverse."""
    params = dict(module.named_parameters())
    suffixes = ["_l0", "_l0_reverse"] if module.bidirectional else ["_l0"]
    outputs, finals = [], []
    for direction, suffix in enumerate(suffixes):
        weights = [params[f"{kind}{suffix}"] for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
        steps = range(STEPS) if direction == 0 else reversed(range(STEPS))
        h = h0[direction]
        per_step = [None] * STEPS
        for t in steps:
            h = gru_cell(x[:, t], h, *weights, course)
            per_step[t] = h
        outputs.append(torch.stack(per_step, dim=1))
        finals.append(h)
    return torch.cat(outputs, dim=2), torch.stack(finals)


def golden(mode, num_layers, bidirectional, seed, lengths=None):
    torch.manual_seed(seed)
    directions = 2 if bidirectional else 1
    module = module_for(mode, num_layers, bidirectional)
    x = torch.randn(BATCH, STEPS, INPUT, dtype=F64, requires_grad=True)
    h0 = torch.randn(num_layers * directions, BATCH, HIDDEN, dtype=F64, requires_grad=True)
    is_lstm = mode == "lstm"
    c0 = torch.randn_like(h0, requires_grad=True) if is_lstm else None
    w_out = torch.randn(BATCH, STEPS, directions * HIDDEN, dtype=F64)
    w_h = torch.randn_like(h0)
    w_c = torch.randn_like(h0) if is_lstm else None

    state = (h0, c0) if is_lstm else h0
    if mode == "gru_course":
        output, h_n = manual_gru(module, x, h0, course=True)
        # Same loop with PyTorch's gate form must reproduce nn.GRU: checks the loop, not the formula.
        reference_output, reference_h_n = module(x, h0)
        pytorch_form_output, pytorch_form_h_n = manual_gru(module, x, h0, course=False)
        assert torch.allclose(pytorch_form_output, reference_output, rtol=0, atol=1e-13)
        assert torch.allclose(pytorch_form_h_n, reference_h_n, rtol=0, atol=1e-13)
        assert not torch.allclose(output, reference_output, atol=1e-6)
    elif lengths is not None:
        packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=True)
        packed_output, final = module(packed, state)
        output, _ = pad_packed_sequence(packed_output, batch_first=True, total_length=STEPS)
    else:
        output, final = module(x, state)
    if mode != "gru_course":
        h_n, c_n = final if is_lstm else (final, None)

    loss = (output * w_out).sum() + (h_n * w_h).sum()
    if is_lstm:
        loss = loss + (c_n * w_c).sum()
    loss.backward()

    tensors = {name: p for name, p in module.named_parameters()}
    tensors.update({f"grad.{name}": p.grad for name, p in module.named_parameters()})
    tensors.update(input=x, h0=h0, output=output, h_n=h_n, w_out=w_out, w_h=w_h)
    tensors.update({"grad.input": x.grad, "grad.h0": h0.grad})
    if is_lstm:
        tensors.update({"c0": c0, "c_n": c_n, "w_c": w_c, "grad.c0": c0.grad})
    if lengths is not None:
        tensors["lengths"] = torch.tensor(lengths, dtype=torch.int32)

    config = {
        "mode": mode,
        "num_layers": num_layers,
        "bidirectional": bidirectional,
        "batch_first": True,
        "batch": BATCH,
        "steps": STEPS,
        "input_size": INPUT,
        "hidden_size": HIDDEN,
        "dropout": 0,
        "seed": seed,
        "loss": "sum(output*w_out)+sum(h_n*w_h)" + ("+sum(c_n*w_c)" if is_lstm else ""),
    }
    if mode == "gru_course":
        config["gate_form"] = "n=tanh(W_in x+b_in+W_hn(r*h)+b_hn)"
    if lengths is not None:
        config["lengths"] = lengths
    name = f"{mode}_l{num_layers}_{'bi' if bidirectional else 'uni'}" + ("_masked" if lengths else "")
    write(name, tensors, config)


def dtype_check(seed):
    """Small tensors in every dtype the TS decoder reads, each with its exact value as F64."""
    torch.manual_seed(seed)
    values = torch.cat([torch.tensor([1 / 3, -2.5, 65504.0, 2.0**-24, -0.0, 1e-3]), torch.randn(6, dtype=F64)])
    tensors = {}
    for dtype in (torch.float32, torch.float16, torch.bfloat16):
        name = FORMATS[dtype][0].lower()
        tensors[name] = values.to(dtype).reshape(3, 4)
        tensors[f"{name}.as_f64"] = tensors[name].to(F64)
    tensors["f64"] = values.reshape(2, 6)
    tensors["i32"] = torch.tensor([[-(2**31), -1, 0], [1, 7, 2**31 - 1]], dtype=torch.int32)
    tensors["i64"] = torch.tensor([-(2**31), -5, 0, 2**31 - 1], dtype=torch.int64)
    write("dtypes", tensors, {"purpose": "safetensors codec check", "seed": seed})


def main():
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    seed = 0
    for mode in ("rnn_tanh", "rnn_relu", "lstm", "gru"):
        for num_layers in (1, 2):
            for bidirectional in (False, True):
                seed += 1
                golden(mode, num_layers, bidirectional, seed)
    for bidirectional in (False, True):
        seed += 1
        golden("gru_course", 1, bidirectional, seed)
    seed += 1
    golden("lstm", 1, False, seed, lengths=[5, 3, 2])
    dtype_check(seed + 1)


if __name__ == "__main__":
    main()
