package dev.hardnetzoo.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Base of the subcommands: results go to the command line's writer, so tests can capture them. */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Progress and notes for people, kept out of stdout so JSON output stays clean. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * An option value out of range, or options that do not go together: a malformed command line,
     * so it ends like a value picocli could not convert (one line, exit 2).
     */
    ParameterException badUsage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    void requireAtLeast(String option, long value, long least) {
        if (value < least) throw badUsage(option + " must be at least " + least + ", got " + value);
    }
}
