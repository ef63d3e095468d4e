"""Makes the small torch.save fixtures of TorchCheckpointFormatsTest with Debian's PyTorch 1.13.

Run: /usr/bin/python3 make_fixtures.py   (in this folder). Every value is exact in its dtype,
so the Java test can assert the numbers themselves.
"""
import collections
import os
import zipfile

import torch


def state():
    base = torch.arange(10, dtype=torch.float32)
    sd = collections.OrderedDict()
    sd["module.half"] = torch.tensor([1.5, -2.25, 65504.0], dtype=torch.float16)
    sd["module.bf16"] = torch.tensor([1.0, 3.140625, -0.5], dtype=torch.bfloat16)
    sd["module.double"] = torch.tensor([[0.25, -8.0]], dtype=torch.float64)
    sd["module.transposed"] = torch.arange(6, dtype=torch.float32).reshape(2, 3).t()  # strides (1, 3)
    sd["module.slice"] = base[3:7]  # storage offset 3, shares base's storage
    sd["module.whole"] = base  # the same storage again
    sd["module.counter"] = torch.tensor(7, dtype=torch.int64)  # like num_batches_tracked
    return {"epoch": 3, "state_dict": sd, "optimizer": {"lr": 0.1}}


class Evil:
    """What weights_only loading exists to stop: unpickling it would run a shell command."""

    def __reduce__(self):
        return (os.system, ("echo pwned",))


torch.save(state(), "views.zip.pth")
torch.save(state(), "views.legacy.pth", _use_new_zipfile_serialization=False)
torch.save({"weight": torch.ones(2), "payload": Evil()}, "os-system.zip.pth")

# A zip checkpoint with an entry that climbs out of the archive folder.
with zipfile.ZipFile("views.zip.pth") as src, zipfile.ZipFile("traversal.zip.pth", "w") as dst:
    for item in src.infolist():
        dst.writestr(item, src.read(item.filename))
    dst.writestr("views.zip/../../escaped", b"x")
