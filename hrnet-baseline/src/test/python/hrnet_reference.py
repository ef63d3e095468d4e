"""Counts and reference outputs of the official HRNet code, for hardnet-zoo's tests.

Run with Debian's PyTorch 1.13 (/usr/bin/python3). OFFICIAL is a copy of
HRNet/HRNet-Semantic-Segmentation's lib/models/seg_hrnet.py (pytorch-v1.1 branch) or of
HRNet/HRNet-Image-Classification's lib/models/cls_hrnet.py; it is read, never committed.
CONFIG is one of our YAML files under src/main/resources.

  count:  python3 hrnet_reference.py count OFFICIAL CONFIG [H W]
          prints parameters and conv MACs (out elements x in/groups x kh x kw) at H x W
  keys:   python3 hrnet_reference.py keys OFFICIAL CONFIG
          prints "name shape" for every state_dict entry but num_batches_tracked
  parity: python3 hrnet_reference.py parity OFFICIAL CONFIG WEIGHTS.safetensors SEED H W OUT_PREFIX
          writes OUT_PREFIX.input.npy (N(0,1), numpy default_rng(SEED)) and OUT_PREFIX.output.npy
"""
import importlib.util
import json
import sys

import numpy as np
import torch
import torch.nn as nn
import yaml

np.int = int  # the official code calls np.int, which numpy >= 1.24 removed


class Attrs(dict):
    """The official code reads its config both as config.MODEL.EXTRA and as extra['STAGE1']."""
    def __getattr__(self, name):
        value = self[name]
        return Attrs(value) if isinstance(value, dict) else value


def official_model(official_path, config_path):
    spec = importlib.util.spec_from_file_location("seg_hrnet", official_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(config_path) as f:
        cfg = Attrs(yaml.safe_load(f))
    return module.HighResolutionNet(cfg).eval()


def read_safetensors(path):
    with open(path, "rb") as f:
        size = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", name
        start, end = info["data_offsets"]
        tensors[name] = torch.from_numpy(np.frombuffer(data[start:end], dtype="<f4").reshape(info["shape"]).copy())
    return tensors


def conv_macs(model, h, w):
    total = [0]

    def hook(m, inputs, out):
        total[0] += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        model(torch.zeros(1, 3, h, w))
    for handle in handles:
        handle.remove()
    return total[0]


def main(argv):
    command, official, config = argv[1], argv[2], argv[3]
    model = official_model(official, config)
    if command == "count":
        print("params", sum(p.numel() for p in model.parameters()))
        if len(argv) > 5:
            print("conv_macs", conv_macs(model, int(argv[4]), int(argv[5])))
    elif command == "keys":
        for name, t in model.state_dict().items():
            if not name.endswith("num_batches_tracked"):
                print(name, "x".join(str(d) for d in t.shape))
    elif command == "parity":
        weights, seed, h, w, prefix = argv[4], int(argv[5]), int(argv[6]), int(argv[7]), argv[8]
        missing, unexpected = model.load_state_dict(read_safetensors(weights), strict=False)
        assert not unexpected, unexpected
        assert all(k.endswith("num_batches_tracked") for k in missing), missing
        x = np.random.default_rng(seed).standard_normal((1, 3, h, w)).astype(np.float32)
        with torch.no_grad():
            y = model(torch.from_numpy(x)).numpy()
        np.save(prefix + ".input.npy", x)
        np.save(prefix + ".output.npy", y)
        print(prefix, "output", y.shape, "max |y|", float(np.abs(y).max()))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    torch.set_num_threads(1)
    main(sys.argv)
