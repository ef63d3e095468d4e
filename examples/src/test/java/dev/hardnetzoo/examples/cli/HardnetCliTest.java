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

    @Test void badUsageExitsTwoWithHint() {
        assertThat(run("--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("hardnet: Unknown option: '--no-such-option'")
                .contains("Try 'hardnet --help' for more information.");
    }

    @Test void missingSubcommandIsBadUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand");
    }
}
