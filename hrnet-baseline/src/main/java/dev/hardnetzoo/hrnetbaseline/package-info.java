/** HRNet baselines (filled by the HRNet issue). */
package dev.hardnetzoo.hrnetbaseline;
