/**
 * HRNet baselines: HRNetV2 semantic segmentation ({@link dev.hardnetzoo.hrnetbaseline.HrnetV2Segmentation})
 * built from configurations in the official YAML layout ({@link dev.hardnetzoo.hrnetbaseline.HrnetConfig}),
 * registered with the zoo by {@link dev.hardnetzoo.hrnetbaseline.HrnetModels}.
 */
package dev.hardnetzoo.hrnetbaseline;
