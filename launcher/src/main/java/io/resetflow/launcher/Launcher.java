package io.resetflow.launcher;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code ./run-local}: starts the local stack in the foreground; Ctrl-C stops everything. */
public final class Launcher {

    /** Parsed command line. */
    public record Options(Path repoRoot, boolean fresh, boolean help, boolean services) {
    }

    static final String USAGE = """
            Usage: ./run-local [--fresh] [--repo DIR]
              --fresh     wipe the local state (.run/: database, Kafka log, logs) before starting
              --repo DIR  repository root (default: the current directory)
              --infra-only  start PostgreSQL, Kafka, mail capture and dev inbox but no service
              --help      this text
            """;

    private Launcher() {
    }

    public static Options parse(String[] args, Path workingDirectory) {
        Path repo = workingDirectory;
        boolean fresh = false;
        boolean help = false;
        boolean services = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--fresh" -> fresh = true;
                case "-h", "--help" -> help = true;
                case "--infra-only" -> services = false;
                case "--repo" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--repo needs a directory");
                    }
                    repo = Path.of(args[++i]);
                }
                default -> {
                    if (arg.startsWith("--repo=")) {
                        repo = Path.of(arg.substring("--repo=".length()));
                    } else {
                        throw new IllegalArgumentException("unknown option: " + arg);
                    }
                }
            }
        }
        return new Options(repo.toAbsolutePath().normalize(), fresh, help, services);
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = parse(args, Path.of(""));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(LocalStack.Config.defaults(options.repoRoot(), options.fresh())
                    .withServices(options.services()));
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("run-local failed: " + e.getMessage());
            Throwable cause = e.getCause();
            while (cause != null) {
                System.err.println("  caused by: " + cause);
                cause = cause.getCause();
            }
            System.exit(1);
            return;
        }
        System.out.println(stack.banner());
        System.out.flush();
        new CountDownLatch(1).await(); // until Ctrl-C: the stack's shutdown hook stops everything
    }
}
