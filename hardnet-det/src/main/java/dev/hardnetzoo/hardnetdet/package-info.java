/** SSD-HarDNet object detection (filled by the detection issue). */
package dev.hardnetzoo.hardnetdet;
