"""Makes the SSD-HarDNet reference arrays (see MANIFEST.md). Ours; it imports the official code.

usage: python3 make_ssd_refs.py OFFICIAL_REPO WEIGHTS.safetensors VERSION SIZE CLASSES OUT_PREFIX PRIOR_STRIDE ROW_STRIDE
"""
import json
import struct
import sys
import types

import numpy as np
import torch
import torchvision

repo, weights, version, size, classes, prefix, prior_stride, row_stride = sys.argv[1:]
size, classes, prior_stride, row_stride = int(size), int(classes), int(prior_stride), int(row_stride)
sys.path.insert(0, repo)
sys.modules['cv2'] = types.SimpleNamespace(setNumThreads=lambda n: None)  # config.py only calls this
import importlib.util  # noqa: E402

spec = importlib.util.spec_from_file_location('ssd_config', repo + '/data/config.py')  # not data/__init__ (needs pycocotools)
config = importlib.util.module_from_spec(spec)
spec.loader.exec_module(config)
VOC_300, VOC_512, COCO_300, COCO_512 = config.VOC_300, config.VOC_512, config.COCO_300, config.COCO_512
from layers.functions import Detect, PriorBox  # noqa: E402
import importlib  # noqa: E402

module = importlib.import_module('models.' + version)
torch.manual_seed(0)


def read_safetensors(path):
    with open(path, 'rb') as f:
        n = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == '__metadata__':
            continue
        assert info['dtype'] == 'F32', info
        a, b = info['data_offsets']
        out[name] = torch.from_numpy(np.frombuffer(data[a:b], dtype='<f4').reshape(info['shape']).copy())
    return out


def first_kept(boxes, scores, iou, k):
    """torchvision.ops.nms(boxes, scores, iou)[:k], exactly, without its O(n^2) pass over every candidate:
    greedy NMS keeps the same first k boxes when run on a score-ordered prefix that already yields k."""
    order = torch.argsort(scores, descending=True)
    m = 2000
    while True:
        top = order[:m]
        keep = torchvision.ops.nms(boxes[top], scores[top], iou)
        if len(keep) >= k or m >= len(order):
            return top[keep[:k]]
        m *= 2


# build_net without its pretrained-base loading
net = module.SSD(*module.multibox(module.add_extras(module.extras[str(size)], 720 if '85' in version else 640, size=size),
                                  module.mbox[str(size)], classes), num_classes=classes, size=size, pretrained_path=None)
state = read_safetensors(weights)
missing, unexpected = net.load_state_dict(state, strict=False)
assert not unexpected and all(k.endswith('num_batches_tracked') for k in missing), (missing, unexpected)
net.eval()
print('params', sum(p.numel() for p in net.parameters()))

# input: (h - 128) / 1024 for h the top byte of a hash of the flat index, as SsdParityTest makes it
count = 3 * size * size
idx = np.arange(count, dtype=np.uint64)
x = ((((idx * np.uint64(2654435761)) & np.uint64(0xFFFFFFFF)) >> np.uint64(24)).astype(np.int64) - 128) / 1024.0
x = torch.from_numpy(x.astype(np.float32).reshape(1, 3, size, size))

cfg = (COCO_300, COCO_512)[size == 512] if classes == 81 else (VOC_300, VOC_512)[size == 512]
with torch.no_grad():
    loc, conf = net(x)
    raw = torch.cat([loc, conf], 2)[0]
    np.save(prefix + '.raw.npy', raw[::row_stride].numpy()[None].astype(np.float32))
    priors = PriorBox(cfg).forward()
    np.save(prefix + '.priors.npy', priors[::prior_stride].numpy().astype(np.float32))

    # the official test_net post-processing for one image of 640x480, its default thresholds
    out = net(x, test=True)
    boxes, scores = Detect(classes, 0, cfg).forward(out, priors)
    boxes, scores = boxes[0], scores[0]
    boxes *= torch.Tensor([640, 480, 640, 480])
    background_th = 0.9
    inds = torch.where((scores.max(1)[1] > 0) | (scores[:, 0] < background_th))[0]
    boxes, scores = boxes[inds], scores[inds]
    per_class = {}
    for j in range(1, classes):
        inds = torch.where(scores[:, j] > 0.005)[0]
        if len(inds) == 0:
            continue
        c_boxes, c_scores = boxes[inds], scores[inds, j]
        keep = first_kept(c_boxes, c_scores, 0.45, 50)
        per_class[j] = torch.cat([c_boxes, c_scores.view(-1, 1)], 1)[keep]
    all_scores = torch.cat([d[:, -1] for d in per_class.values()])
    thresh = torch.sort(all_scores)[0][-300] if len(all_scores) > 300 else -1
    rows = []
    for j, d in per_class.items():
        for r in d[d[:, -1] >= thresh]:
            rows.append([j] + r.tolist())
    np.save(prefix + '.detections.npy', np.array(rows, dtype=np.float32))
    print('detections', len(rows), 'max score', max(r[-1] for r in rows))
