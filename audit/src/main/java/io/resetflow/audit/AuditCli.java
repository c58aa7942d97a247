package io.resetflow.audit;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code resetflow-audit replay|verify|export --bootstrap-server HOST:PORT}: reads the event log from Kafka
 * alone (no database, no key), decodes every event with every released schema version, prints per-request
 * timelines, checks the invariants and the tamper-evidence chains, exports JSON lines. Exit status: 0 fine,
 * 1 verify found violations, 2 usage error or Kafka unreachable, 3 an unexpected failure (a bug).
 */
@Command(name = "resetflow-audit", mixinStandardHelpOptions = true, version = "resetflow-audit 0.1.0",
        subcommands = {ReplayCommand.class, VerifyCommand.class, ExportCommand.class},
        description = "Replay, verify and export the resetflow event log. Prints only masked addresses; sealed values "
                + "show as sealed(keyId).")
public class AuditCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: replay, verify or export");
    }

    /** The command line with resetflow's error handling: an {@link AuditException} is one line on stderr, exit 2. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new AuditCli());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof AuditException) {
                cmd.getErr().println("resetflow-audit: " + e.getMessage());
                cmd.getErr().flush();
                return 2;
            }
            cmd.getErr().println("resetflow-audit: unexpected failure: " + e);
            e.printStackTrace(cmd.getErr());
            cmd.getErr().flush();
            return 3;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        CommandLine commandLine = commandLine();
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
        commandLine.setOut(out);
        int status = commandLine.execute(args);
        out.flush();
        System.exit(status);
    }

    static void reportSummary(PrintWriter err, String command, LogReader.Summary summary, String what) {
        err.println(command + ": " + what + "; " + summary.records() + " records read, " + summary.events() + " decoded, "
                + summary.undecodable() + " undecodable, in " + summary.took().toMillis() + " ms");
        reportMissingTopics(err, summary);
    }

    static void reportMissingTopics(PrintWriter err, LogReader.Summary summary) {
        if (!summary.missingTopics().isEmpty()) {
            err.println("note: topics not found on the broker (nothing to read): " + String.join(", ", summary.missingTopics()));
        }
        err.flush();
    }
}
