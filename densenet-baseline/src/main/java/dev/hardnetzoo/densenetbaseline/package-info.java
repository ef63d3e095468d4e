/**
 * DenseNet baselines on the same engine as HarDNet: torchvision's DenseNet-121/161/169/201,
 * DenseNet-BC-100 (k=12) for CIFAR and the FC-DenseNet (Tiramisu) segmentation networks.
 */
package dev.hardnetzoo.densenetbaseline;
