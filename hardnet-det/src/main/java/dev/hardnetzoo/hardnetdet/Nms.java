package dev.hardnetzoo.hardnetdet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Greedy non-maximum suppression as {@code torchvision.ops.nms}: highest score first, drop IoU above the threshold. */
public final class Nms {
    private Nms() {}

    /**
     * Indices into {@code candidates} that survive, highest score first, at most {@code limit}.
     *
     * @param boxes      corner boxes (x1, y1, x2, y2) for all indices candidates refers to
     * @param candidates the indices to consider
     * @param scores     score of each candidate (parallel to {@code candidates})
     */
    public static int[] keep(float[] boxes, int[] candidates, float[] scores, float iouThreshold, int limit) {
        if (candidates.length != scores.length) {
            throw new IllegalArgumentException(candidates.length + " candidates with " + scores.length + " scores");
        }
        Integer[] order = new Integer[candidates.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Float.compare(scores[y], scores[x]));
        boolean[] removed = new boolean[candidates.length];
        List<Integer> kept = new ArrayList<>();
        for (int a = 0; a < order.length && kept.size() < limit; a++) {
            int i = order[a];
            if (removed[i]) continue;
            kept.add(i);
            for (int b = a + 1; b < order.length; b++) {
                int j = order[b];
                if (!removed[j] && BoxCoding.iou(boxes, candidates[i], boxes, candidates[j]) > iouThreshold) removed[j] = true;
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }
}
