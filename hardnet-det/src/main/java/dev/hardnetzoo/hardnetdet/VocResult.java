package dev.hardnetzoo.hardnetdet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** AP per class (classes with ground truth) and their mean; {@code voc07} tells which AP: 11-point or area. */
public record VocResult(Map<String, Double> averagePrecision, double meanAveragePrecision, boolean voc07) {
    public VocResult {
        averagePrecision = Collections.unmodifiableMap(new LinkedHashMap<>(averagePrecision));
    }
}
