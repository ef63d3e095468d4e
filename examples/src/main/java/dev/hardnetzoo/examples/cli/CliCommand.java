package dev.hardnetzoo.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
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
}
