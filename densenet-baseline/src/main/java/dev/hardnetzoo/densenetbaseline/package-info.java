/** DenseNet baselines (filled by the DenseNet issue). */
package dev.hardnetzoo.densenetbaseline;
