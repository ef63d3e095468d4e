package dev.hardnetzoo.examples.cli;

import java.io.Console;
import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The commands' progress bars: on the command's error writer, so stdout stays clean for results and JSON. */
final class Progress {
    private Progress() {}

    static ProgressBar bar(PrintWriter err, String task, int max, String unit) {
        // Colours and block characters only on a terminal; a log file gets plain ASCII.
        ProgressBarStyle style = onTerminal() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII;
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, 1).setStyle(style)
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

    /** Whether stderr is a terminal: Console.isTerminal() where the JDK has it (22+), else whether there is a console. */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is null unless attached to a terminal
        }
    }
}
