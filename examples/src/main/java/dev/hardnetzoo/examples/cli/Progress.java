package dev.hardnetzoo.examples.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** The commands' progress bars: on the command's error writer, so stdout stays clean for results and JSON. */
final class Progress {
    private Progress() {}

    static ProgressBar bar(PrintWriter err, String task, int max, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, 1)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print("\r" + line);
                    err.flush();
                }, 100) {
                    @Override
                    public void close() { // end the bar's line, so what follows starts on its own
                        err.println();
                        err.flush();
                    }
                })
                .build();
    }
}
