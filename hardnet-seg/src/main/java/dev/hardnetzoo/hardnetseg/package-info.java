/** FC-HarDNet semantic segmentation (filled by the segmentation issue). */
package dev.hardnetzoo.hardnetseg;
