package dev.hardnetzoo.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code hardnet} command line (run it through the {@code ./hardnet} launcher). */
@Command(name = "hardnet",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT, // every subcommand gets --help and --version
        versionProvider = HardnetCli.Version.class,
        description = "Low-memory-traffic CNNs (HarDNet and baselines) on the JVM.",
        subcommands = {
            ModelsCommand.class, InfoCommand.class, InitCommand.class, RunCommand.class,
            ClassifyCommand.class, CompareCommand.class, ConvertCommand.class, BenchCommand.class,
            ExportCommand.class, SegmentCommand.class, EvalSegCommand.class,
            DetectCommand.class, EvalDetCommand.class, DevicesCommand.class,
        })
public final class HardnetCli implements Runnable {

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        logLikeTheOtherMessages();
        System.exit(commandLine().execute(args));
    }

    /**
     * The SDK's log lines (slf4j-simple here) as "WARN what": no thread or logger name. Set in this
     * process only, not in a properties file, so an application that depends on this module keeps
     * its own logging configuration; -D options given to the JVM win.
     */
    private static void logLikeTheOtherMessages() {
        for (String key : new String[] {"showThreadName", "showLogName", "showShortLogName"}) {
            String property = "org.slf4j.simpleLogger." + key;
            if (System.getProperty(property) == null) System.setProperty(property, "false");
        }
    }

    /** The configured command line: exit 0 ok, 1 on any failure, 2 on bad usage. */
    public static CommandLine commandLine() {
        return new CommandLine(new HardnetCli())
                .setExecutionExceptionHandler(HardnetCli::onFailure)
                .setParameterExceptionHandler(HardnetCli::onBadUsage);
    }

    /** Called when no subcommand is given. */
    @Override public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    // One line for users; the stack trace only with HARDNET_DEBUG=1.
    private static int onFailure(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String message = ex.getMessage() == null || ex.getMessage().isBlank() ? ex.toString() : ex.getMessage();
        err.println("hardnet: " + oneLine(message));
        if ("1".equals(System.getenv("HARDNET_DEBUG"))) ex.printStackTrace(err);
        err.flush();
        return 1;
    }

    // One line too: picocli's message, its suggestions if any, and where to read the usage.
    private static int onBadUsage(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("hardnet: " + oneLine(ex.getMessage()) + suggestions(ex)
                + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return 2;
    }

    private static String suggestions(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException unmatched) || unmatched.getSuggestions().isEmpty()) return "";
        return "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
    }

    /**
     * Lines joined by spaces; but the indented lines after one ending in a colon are a list (a
     * weights file's problems), joined by "; " so the items stay apart.
     */
    private static String oneLine(String message) {
        StringBuilder line = new StringBuilder();
        String previous = "";
        boolean inList = false;
        for (String part : message.strip().split("\\R")) {
            String text = part.strip();
            if (text.isEmpty()) continue;
            boolean indented = Character.isWhitespace(part.charAt(0));
            boolean listStarts = indented && previous.endsWith(":");
            inList = indented && (inList || listStarts);
            if (!line.isEmpty()) line.append(inList && !listStarts ? "; " : " ");
            line.append(text);
            previous = text;
        }
        return line.toString();
    }

    /** The version in the jar's manifest (Implementation-Version), written by the Maven build. */
    static final class Version implements IVersionProvider {
        @Override public String[] getVersion() {
            String v = HardnetCli.class.getPackage().getImplementationVersion();
            return new String[] {"hardnet " + (v == null ? "(development build)" : v)};
        }
    }
}
