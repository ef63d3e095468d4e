"""Reference outputs of torchvision's ResNet-18/50 for ResNetParityTest (see MANIFEST.md).

Usage: python3 make_resnet_refs.py WEIGHTS_DIR OUT_DIR
WEIGHTS_DIR holds resnet18.safetensors / resnet50.safetensors written by
`hardnet init resnetXX --seed 7 --classes 10` (our RandomWeights, torchvision's names).
"""
import json
import struct
import sys

import numpy as np
import torch
import torchvision


def read_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", (name, info["dtype"])
        start, end = info["data_offsets"]
        tensors[name] = torch.from_numpy(np.frombuffer(data[start:end], dtype="<f4").reshape(info["shape"]).copy())
    return tensors


def main(weights_dir, out_dir):
    torch.manual_seed(0)
    x = torch.randn(1, 3, 64, 64)
    np.save(f"{out_dir}/resnet.input.npy", x.numpy())
    for name in ("resnet18", "resnet50"):
        model = getattr(torchvision.models, name)(num_classes=10).eval()
        missing, unexpected = model.load_state_dict(read_safetensors(f"{weights_dir}/{name}.safetensors"), strict=False)
        assert unexpected == [] and all(k.endswith("num_batches_tracked") for k in missing), (missing, unexpected)
        with torch.no_grad():
            np.save(f"{out_dir}/{name}.logits.npy", model(x).numpy())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
