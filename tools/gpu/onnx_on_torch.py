#!/usr/bin/env python3
"""Runs an ONNX file written by `hardnet export` in PyTorch, eager, and times it.

The GPU peer for `hardnet bench --backend tornado`: ONNX Runtime's CUDA provider is not on the
GPU machines lent to this project, PyTorch with cuDNN is, and the exported graph is the same
network our backends run (same ops, same weights). Only the ops the exporter writes are
interpreted; an unknown op stops with its name.

  python3 onnx_on_torch.py MODEL.onnx --batch 1,8 --size 224x224 [--device cuda] [--tf32]
  python3 onnx_on_torch.py MODEL.onnx --check INPUT.npy EXPECTED.npy   # outputs agree?
"""
import argparse
import os
import statistics
import time
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import helper, numpy_helper


def attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def same_pads(pads):
    """ONNX pads are [top, left, bottom, right]; PyTorch's functional ops take one per axis."""
    top, left, bottom, right = pads
    if (top, left) != (bottom, right):
        raise ValueError(f"asymmetric pads {pads} are not supported")
    return top, left


def conv(a, x, w, b=None):
    return F.conv2d(x, w, b, tuple(a.get("strides", (1, 1))), same_pads(a.get("pads", (0, 0, 0, 0))),
                    tuple(a.get("dilations", (1, 1))), a.get("group", 1))


def conv_transpose(a, x, w, b=None):
    return F.conv_transpose2d(x, w, b, tuple(a.get("strides", (1, 1))), same_pads(a.get("pads", (0, 0, 0, 0))),
                              tuple(a.get("output_padding", (0, 0))), a.get("group", 1),
                              tuple(a.get("dilations", (1, 1))))


def pool(fn, a, x, **extra):
    return fn(x, tuple(a["kernel_shape"]), tuple(a.get("strides", a["kernel_shape"])),
              same_pads(a.get("pads", (0, 0, 0, 0))), ceil_mode=bool(a.get("ceil_mode", 0)), **extra)


def resize(a, x, roi=None, scales=None, sizes=None):
    mode = {"linear": "bilinear", "nearest": "nearest"}[a.get("mode", b"nearest").decode()]
    align = a.get("coordinate_transformation_mode", b"half_pixel").decode() == "align_corners"
    if sizes is not None and sizes.numel():
        size = tuple(int(s) for s in sizes[2:].tolist())
    else:
        size = tuple(int(x.shape[2 + i] * float(s)) for i, s in enumerate(scales[2:].tolist()))
    return F.interpolate(x, size=size, mode=mode, align_corners=align if mode == "bilinear" else None)


def slice_(a, x, starts, ends, axes=None, steps=None):
    axes = axes.tolist() if axes is not None else list(range(len(starts)))
    steps = steps.tolist() if steps is not None else [1] * len(axes)
    index = [slice(None)] * x.dim()
    for axis, s, e, st in zip(axes, starts.tolist(), ends.tolist(), steps):
        index[axis] = slice(s, min(e, x.shape[axis]), st)
    return x[tuple(index)]


def reshape(a, x, shape):
    shape = [x.shape[i] if s == 0 else s for i, s in enumerate(shape.tolist())]
    return x.reshape(shape)


def reduce_sum_square(a, x, axes=None):
    axes = axes.tolist() if axes is not None else a.get("axes")
    return (x * x).sum(dim=tuple(axes), keepdim=bool(a.get("keepdims", 1)))


def gemm(a, x, w, b=None):
    if a.get("transA", 0) or a.get("alpha", 1.0) != 1.0 or a.get("beta", 1.0) != 1.0:
        raise ValueError("only Gemm(x, W^T) + b is supported")
    return F.linear(x, w if a.get("transB", 0) else w.t(), b)


OPS = {
    "Conv": conv,
    "ConvTranspose": conv_transpose,
    "BatchNormalization": lambda a, x, s, b, m, v: F.batch_norm(x, m, v, s, b, False, 0.0, a.get("epsilon", 1e-5)),
    "Relu": lambda a, x: F.relu(x),
    "Clip": lambda a, x, lo=None, hi=None: torch.clamp(x, lo, hi),
    "Add": lambda a, x, y: x + y,
    "Mul": lambda a, x, y: x * y,
    "Div": lambda a, x, y: x / y,
    "Sqrt": lambda a, x: torch.sqrt(x),
    "Concat": lambda a, *xs: torch.cat(xs, dim=a["axis"]),
    "MaxPool": lambda a, x: pool(F.max_pool2d, a, x, dilation=tuple(a.get("dilations", (1, 1)))),
    "AveragePool": lambda a, x: pool(F.avg_pool2d, a, x, count_include_pad=bool(a.get("count_include_pad", 0))),
    "GlobalAveragePool": lambda a, x: x.mean(dim=(2, 3), keepdim=True),
    "Flatten": lambda a, x: torch.flatten(x, a.get("axis", 1)),
    "Gemm": gemm,
    "Softmax": lambda a, x: torch.softmax(x, dim=a.get("axis", -1)),
    "Resize": resize,
    "Shape": lambda a, x: torch.tensor(x.shape, dtype=torch.int64),
    "Slice": slice_,
    "Reshape": reshape,
    "Transpose": lambda a, x: x.permute(*a["perm"]),
    "ReduceSumSquare": reduce_sum_square,
    "Constant": lambda a: torch.from_numpy(numpy_helper.to_array(a["value"]).copy()),
}


class OnnxOnTorch:
    def __init__(self, path, device):
        model = onnx.load(path)
        self.graph = model.graph
        self.device = device
        # Integer initializers are shapes and indices, which the shape ops compute on the host.
        self.weights = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in self.graph.initializer}
        self.weights = {name: t.to(device) if t.is_floating_point() else t for name, t in self.weights.items()}
        unknown = sorted({n.op_type for n in self.graph.node} - OPS.keys())
        if unknown:
            raise ValueError(f"{path}: ops not supported by this peer: {', '.join(unknown)}")
        self.input_name = next(i.name for i in self.graph.input if i.name not in self.weights)
        self.steps = [(OPS[n.op_type], attrs(n), list(n.input), list(n.output)) for n in self.graph.node]

    @torch.no_grad()
    def __call__(self, x):
        values = dict(self.weights)
        values[self.input_name] = x
        for fn, a, inputs, outputs in self.steps:
            args = [values[i] if i else None for i in inputs]
            result = fn(a, *args)
            values[outputs[0]] = result
        return [values[o.name] for o in self.graph.output]


def time_runs(model, x, warmup, iters, device):
    for _ in range(warmup):
        model(x)
    times = []
    for _ in range(iters):
        if device == "cuda":
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            model(x)
            end.record()
            torch.cuda.synchronize()
            times.append(start.elapsed_time(end))
        else:
            t0 = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - t0) * 1e3)
    return min(times), statistics.median(times)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("onnx")
    p.add_argument("--batch", default="1", help="images per run; a comma-separated list times each")
    p.add_argument("--size", default="224x224", help="input HxW")
    p.add_argument("--channels", type=int, default=3)
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--tf32", action="store_true", help="let cuDNN use TF32 (PyTorch's default); off: exact fp32")
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--iters", type=int, default=50)
    p.add_argument("--check", nargs=2, metavar=("INPUT_NPY", "EXPECTED_NPY"),
                   help="run INPUT once and compare the first output with EXPECTED (max abs difference)")
    args = p.parse_args()
    if not os.path.isfile(args.onnx):
        p.error(f"{args.onnx}: no such file (write one with `hardnet export`)")
    try:
        batches = [int(b) for b in args.batch.split(",")]
        h, w = (int(v) for v in args.size.split("x"))
    except ValueError:
        p.error(f"--batch {args.batch} --size {args.size}: expected e.g. --batch 1,8 --size 224x224")
    torch.backends.cudnn.benchmark = True
    torch.backends.cudnn.allow_tf32 = args.tf32
    torch.backends.cuda.matmul.allow_tf32 = args.tf32
    model = OnnxOnTorch(args.onnx, args.device)
    if args.check:
        x = torch.from_numpy(np.load(args.check[0])).to(args.device)
        got = model(x)[0].float().cpu().numpy()
        want = np.load(args.check[1])
        diff = float(np.abs(got - want).max())
        scale = float(np.abs(want).max())
        print(f"{args.onnx}: max |diff| {diff:.3g} (output max {scale:.3g}), shape {got.shape} vs {want.shape}")
        sys.exit(0 if got.shape == want.shape and diff <= 2e-3 * max(1.0, scale) else 1)
    name = torch.cuda.get_device_name() if args.device == "cuda" else "cpu"
    for batch in batches:
        x = torch.randn(batch, args.channels, h, w, device=args.device)
        best, median = time_runs(model, x, args.warmup, args.iters, args.device)
        print(f"torch {torch.__version__} {name} {'tf32' if args.tf32 else 'fp32'} {args.onnx} batch {batch} "
              f"{h}x{w}: min {best:.2f} ms, median {median:.2f} ms", flush=True)


if __name__ == "__main__":
    main()
