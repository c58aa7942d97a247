package io.resetflow.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pid files under {@code .run/pids/}: line 1 the pid, line 2 a marker that the process's command line must contain
 * for it to be considered ours (so that a recycled pid is never killed).
 */
final class PidFiles {
    private static final Logger log = LoggerFactory.getLogger(PidFiles.class);

    private final Path dir;

    PidFiles(Path dir) {
        this.dir = dir;
    }

    void record(String name, long pid, String marker) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".pid"), pid + "\n" + marker + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("cannot record pid of {}: {}", name, e.toString());
        }
    }

    void remove(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + ".pid"));
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** The live process a pid file names, if its command line still carries the recorded marker. */
    Optional<ProcessHandle> live(String name) {
        return read(dir.resolve(name + ".pid"));
    }

    private static Optional<ProcessHandle> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            String marker = lines.get(1).trim();
            if (pid == ProcessHandle.current().pid()) {
                return Optional.empty();
            }
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> matches(p, marker));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean matches(ProcessHandle process, String marker) {
        Optional<String> commandLine = process.info().commandLine();
        if (commandLine.isEmpty()) {
            commandLine = readProcCmdline(process.pid());
        }
        return commandLine.map(c -> c.contains(marker)).orElse(false);
    }

    private static Optional<String> readProcCmdline(long pid) {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return Optional.of(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' '));
            }
        } catch (IOException ignored) {
            // not on Linux or gone
        }
        return Optional.empty();
    }

    /** Stops every recorded process except {@code except} that is still ours; removes all pid files. Returns names stopped. */
    List<String> stopLeftovers(String except) {
        List<String> stopped = new java.util.ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return stopped;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                if (name.equals(except)) {
                    continue;
                }
                Optional<ProcessHandle> process = read(file);
                if (process.isPresent()) {
                    log.info("Stopping leftover {} (pid {}) of a previous run", name, process.get().pid());
                    stop(process.get(), 20);
                    stopped.add(name);
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("cannot read {}: {}", dir, e.toString());
        }
        return stopped;
    }

    /** SIGTERM, wait, then SIGKILL; descendants too. */
    static void stop(ProcessHandle process, int graceSeconds) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            process.onExit().get(graceSeconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by port checks
            }
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
