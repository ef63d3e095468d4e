package dev.hardnetzoo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class HardnetCliTest {

    @Command(name = "boom")
    static final class Boom implements Runnable {
        @Override public void run() { throw new IllegalStateException("weights file x.safetensors is truncated\n  at byte 12"); }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = HardnetCli.commandLine().addSubcommand(new Boom());
        cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test void versionAndHelpExitZero() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("hardnet ");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: hardnet");
    }

    @Test void everySubcommandHasHelp() {
        for (String name : HardnetCli.commandLine().getSubcommands().keySet()) {
            out.getBuffer().setLength(0);
            assertThat(run(name, "--help")).as(name + " --help").isZero();
            assertThat(out.toString()).as(name + " --help").contains("Usage: hardnet " + name);
        }
    }

    @Test void failureIsOneLineAndExitOne() {
        assertThat(run("boom")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("hardnet: weights file x.safetensors is truncated at byte 12" + System.lineSeparator());
    }

    @Test void badUsageExitsTwoWithOneLineAndHint() {
        assertThat(run("--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("hardnet: Unknown option: '--no-such-option' (see 'hardnet --help')"
                + System.lineSeparator());
    }

    @Test void everySubcommandReportsBadUsageInOneLine() {
        for (String name : HardnetCli.commandLine().getSubcommands().keySet()) {
            err.getBuffer().setLength(0);
            assertThat(run(name, "--no-such-option")).as(name).isEqualTo(2);
            assertThat(err.toString()).as(name).startsWith("hardnet: ")
                    .endsWith(" (see 'hardnet " + name + " --help')" + System.lineSeparator()).hasLineCount(1);
        }
    }

    @Test void badOptionValuesAndTyposAreOneLine() {
        CliRun size = CliRun.of("info", "hardnet39ds", "--size", "0x0");
        CliRun.assertUsageError(size, "info",
                "Invalid value for option '--size': size '0x0' is not HxW with positive integers (e.g. 224x224, or 224 for a square)");
        CliRun typo = CliRun.of("info", "hardnet39ds", "--layer");
        CliRun.assertUsageError(typo, "info", "Unknown option: '--layer'; did you mean --layers?");
    }

    @Test void missingSubcommandIsBadUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand");
    }
}
