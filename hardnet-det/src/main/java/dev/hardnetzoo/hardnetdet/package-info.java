/**
 * SSD-HarDNet object detection, as PingoLH/PytorchSSD-HarDNet: the models
 * ({@code ssd512-hardnet68}, {@code ssd300-hardnet68}, {@code ssd512-hardnet85}; {@link
 * dev.hardnetzoo.hardnetdet.SsdModels}), the priors ({@link dev.hardnetzoo.hardnetdet.PriorBoxes}),
 * the official test-time post-processing ({@link dev.hardnetzoo.hardnetdet.SsdPostProcessor}),
 * a {@link dev.hardnetzoo.hardnetdet.Detector} from images to labelled boxes, box drawing, and
 * PASCAL VOC mAP ({@link dev.hardnetzoo.hardnetdet.VocEvaluator}).
 *
 * <p>A model's raw output is one [N, priors, 4 + classes] tensor: the box offsets, then the
 * class logits, priors in the reference order.
 *
 * <p>Other backbones: implement {@link dev.hardnetzoo.hardnetdet.SsdBackbone} (return a stride-8
 * and a stride-16 feature map built on the given {@link dev.hardnetzoo.core.graph.GraphBuilder})
 * and make a spec with {@link dev.hardnetzoo.hardnetdet.SsdModels#spec}; the examples module's
 * {@code SsdOnDenseNet} does this for DenseNet-121.
 */
package dev.hardnetzoo.hardnetdet;
