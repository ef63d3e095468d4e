package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the real command line in-process and keeps what it printed. */
final class CliRun {
    final int exitCode;
    final String out;
    final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = HardnetCli.commandLine();
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The CLI's contract for a failure that is not a usage error: exit 1 and one {@code hardnet: } line naming the problem. */
    static void assertOneLineError(CliRun r, String fragment) {
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).startsWith("hardnet: ").contains(fragment);
        assertThat(r.err.strip().lines()).hasSize(1);
    }

    /** A malformed command line: exit 2 and one line, the problem then where to read {@code command}'s usage. */
    static void assertUsageError(CliRun r, String command, String message) {
        assertThat(r.exitCode).as(r.err).isEqualTo(2);
        assertThat(r.err).isEqualTo("hardnet: " + message + " (see 'hardnet " + command + " --help')" + System.lineSeparator());
        assertThat(r.out).isEmpty();
    }
}
