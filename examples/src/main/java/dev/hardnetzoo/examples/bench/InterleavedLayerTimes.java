package dev.hardnetzoo.examples.bench;

import dev.hardnetzoo.core.backend.Executable;
import dev.hardnetzoo.core.backend.LayerTime;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.examples.peer.OnnxRuntimeLayerTimes;
import dev.hardnetzoo.examples.peer.OnnxRuntimeLayerTimes.NodeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Layer times of our executable and ONNX Runtime's nodes, taken in alternating blocks as
 * {@link InterleavedMeasurement} takes whole runs (so a drift in the host's speed hits both),
 * ONNX Runtime's from its own profiler. Each block starts after a pause and one untimed run.
 */
public record InterleavedLayerTimes(List<LayerTime> ours, List<NodeTime> peer) {

    public static InterleavedLayerTimes of(Executable ours, byte[] onnxModel, int threads, Tensor input, int warmup,
                                           int iterations, int rounds, Duration pause) {
        InterleavedMeasurement.requireRounds(iterations, rounds);
        try (OnnxRuntimeLayerTimes peer = OnnxRuntimeLayerTimes.open(onnxModel, threads)) {
            for (int i = 0; i < warmup; i++) peer.run(input, false);
            double[] sums = null;
            List<LayerTime> first = null;
            for (int r = 0; r < rounds; r++) {
                int count = InterleavedMeasurement.blockRuns(iterations, rounds, r);
                InterleavedMeasurement.pause(pause);
                ours.run(input); // untimed: threads and caches back from idle
                List<LayerTime> block = ours.timeLayers(input, count);
                if (first == null) {
                    first = block;
                    sums = new double[block.size()];
                }
                for (int i = 0; i < sums.length; i++) sums[i] += block.get(i).meanMs() * count;
                InterleavedMeasurement.pause(pause);
                peer.run(input, false); // untimed, as ours
                for (int i = 0; i < count; i++) peer.run(input, true);
            }
            List<LayerTime> means = new ArrayList<>();
            for (int i = 0; i < sums.length; i++) {
                LayerTime t = first.get(i);
                means.add(new LayerTime(t.node(), t.strategy(), t.input(), sums[i] / iterations));
            }
            return new InterleavedLayerTimes(means, peer.nodeTimes());
        }
    }
}
