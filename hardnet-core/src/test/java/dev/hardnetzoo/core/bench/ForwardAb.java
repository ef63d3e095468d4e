package dev.hardnetzoo.core.bench;

import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.zoo.Model;
import java.util.Arrays;
import java.util.Locale;

/**
 * An A/B of one system property in one JVM: {@code ForwardAb model property valueA valueB [rounds]
 * [runsPerRound] [threads]} compiles the model's CPU executable once with the property at each
 * value (kernels read their switches when they are compiled), then times the two in alternating
 * rounds (A B, B A, ...) and prints B/A: the median of the rounds' ratios, and each round's.
 * <p>
 * Why not two processes: on the 2-vCPU EPYC VM the host's speed switches every minute or so
 * (HarDNet-39DS 6.8-7.2 ms in one state, 8.0-8.9 in the other), so two processes a few seconds
 * apart often compare the states, not the code; alternating rounds in one process resolve about
 * 1 %. Run with the test class path, as {@link ForwardTiming}:
 * {@code ./mvnw -B -q -pl hardnet-core -Pjmh test-compile exec:exec -Djmh.main=dev.hardnetzoo.core.bench.ForwardAb
 * -Djmh.args="hardnet39ds hardnet.cpu.conv3x3 auto f4"}.
 */
public final class ForwardAb {
    private ForwardAb() {}

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: ForwardAb model property valueA valueB [rounds] [runsPerRound] [threads]");
            System.exit(2);
        }
        String id = args[0];
        String property = args[1];
        String[] values = {args[2], args[3]};
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 12;
        int perRound = args.length > 5 ? Integer.parseInt(args[5]) : 30;
        int threads = args.length > 6 ? Integer.parseInt(args[6]) : Runtime.getRuntime().availableProcessors();
        Tensor input = ForwardTiming.randomInput(Shape.nchw(1, 3, 224, 224));
        String before = System.getProperty(property);
        Model[] models = new Model[2];
        try {
            for (int v = 0; v < 2; v++) {
                System.setProperty(property, values[v]);
                models[v] = ForwardTiming.randomModel(id, threads);
                models[v].run(input); // compiles the executable under this value
            }
            restore(property, before);
            for (int v : new int[] {0, 1, 0, 1}) ForwardTiming.timedRuns(models[v], input, perRound); // JIT warm-up for both
            double[][] medians = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int v = r % 2 == 0 ? k : 1 - k;
                    medians[v][r] = median(ForwardTiming.timedRuns(models[v], input, perRound));
                }
            }
            report(id, property, values, medians);
        } finally {
            restore(property, before);
            for (Model m : models) if (m != null) m.close();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The per-round ratio's median is the figure to go by: each round's pair ran at one host speed. */
    private static void report(String id, String property, String[] values, double[][] medians) {
        int rounds = medians[0].length;
        double[] ratios = new double[rounds];
        StringBuilder perRound = new StringBuilder();
        int bFaster = 0;
        for (int r = 0; r < rounds; r++) {
            ratios[r] = medians[1][r] / medians[0][r];
            perRound.append(String.format(Locale.ROOT, " %.3f", ratios[r]));
            if (ratios[r] < 1) bFaster++;
        }
        System.out.printf(Locale.ROOT, "%s -D%s: %s/%s %.3f (median of %d rounds;%s), %s faster in %d;"
                        + " medians %s %.3f ms, %s %.3f ms%n", id, property, values[1], values[0], median(ratios), rounds,
                perRound, values[1], bFaster, values[0], median(medians[0]), values[1], median(medians[1]));
    }

    private static void restore(String property, String value) {
        if (value == null) System.clearProperty(property);
        else System.setProperty(property, value);
    }
}
