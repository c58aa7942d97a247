package io.resetflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A quick profile of the service JVMs during the load: a JFR recording (settings=profile) started and stopped with
 * jcmd, then summarised here: where the CPU samples are (top frame, and the first resetflow frame on the stack), and
 * where threads wait (park, monitor, socket read, fsync) by the first resetflow frame, weighted by time. Also a few
 * thread dumps. Everything lands in {@code <dir>}; failures only cost the profile, never the run.
 */
final class Profiler {
    private final Path dir;
    private final Map<String, Long> pids;

    Profiler(Path dir, Map<String, Long> pids) {
        this.dir = dir;
        this.pids = pids;
    }

    void start() {
        pids.forEach((name, pid) -> jcmd(pid, "JFR.start", "name=bench", "settings=profile",
                "filename=" + dir.resolve(name + ".jfr")));
    }

    void threadDump(String label) {
        pids.forEach((name, pid) -> {
            String dump = jcmd(pid, "Thread.print");
            try {
                Files.writeString(dir.resolve(name + "-threads-" + label + ".txt"), dump, StandardCharsets.UTF_8);
            } catch (IOException ignored) {
                // skip
            }
        });
    }

    /** Stops the recordings and summarises their events from {@code from} on: service -> summary lines. */
    Map<String, Map<String, Object>> stopAndSummarise(java.time.Instant from) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        pids.forEach((name, pid) -> jcmd(pid, "JFR.stop", "name=bench"));
        pids.forEach((name, pid) -> {
            Path file = dir.resolve(name + ".jfr");
            if (Files.exists(file)) {
                try {
                    Map<String, Object> summary = summarise(file, from);
                    result.put(name, summary);
                    Files.writeString(dir.resolve(name + "-profile.txt"), render(name, summary), StandardCharsets.UTF_8);
                } catch (IOException | RuntimeException e) {
                    result.put(name, Map.of("error", e.toString()));
                }
            }
        });
        return result;
    }

    static Map<String, Object> summarise(Path file, java.time.Instant from) throws IOException {
        Map<String, Long> topFrames = new HashMap<>();
        Map<String, Long> appFrames = new HashMap<>();
        Map<String, Long> waits = new HashMap<>();
        long samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getStartTime().isBefore(from)) {
                    continue; // the recording starts before the warm-up; the summary covers the load
                }
                String type = event.getEventType().getName();
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                switch (type) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        topFrames.merge(frame(stack.getFrames().get(0)), 1L, Long::sum);
                        appFrames.merge(firstAppFrame(stack), 1L, Long::sum);
                    }
                    case "jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.SocketRead",
                            "jdk.SocketWrite", "jdk.FileForce", "jdk.FileRead", "jdk.FileWrite" -> {
                        long micros = event.getDuration().toNanos() / 1000;
                        waits.merge(type.substring(4) + " @ " + firstAppFrame(stack), micros, Long::sum);
                    }
                    default -> {
                    }
                }
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("cpuSamples", samples);
        summary.put("topFrames", top(topFrames, 15));
        summary.put("firstResetflowFrames", top(appFrames, 15));
        summary.put("waitMillisByFrame", top(waits, 15).entrySet().stream()
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue() / 1000), Map::putAll));
        return summary;
    }

    /** The first frame of resetflow's own code, else the first frame outside the JDK, else the top frame. */
    static String firstAppFrame(RecordedStackTrace stack) {
        List<RecordedFrame> frames = stack.getFrames();
        for (RecordedFrame f : frames) {
            if (f.getMethod() != null && f.getMethod().getType().getName().startsWith("io.resetflow.")) {
                return frame(f);
            }
        }
        for (RecordedFrame f : frames) {
            String type = f.getMethod() == null ? "" : f.getMethod().getType().getName();
            if (!(type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun."))) {
                return "(no resetflow frame) " + frame(f);
            }
        }
        return "(jdk only) " + frame(frames.get(0));
    }

    static String frame(RecordedFrame f) {
        if (f.getMethod() == null) {
            return "?";
        }
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName() + " (" + type + ")";
    }

    static Map<String, Long> top(Map<String, Long> counts, int n) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        Map<String, Long> result = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : entries.subList(0, Math.min(n, entries.size()))) {
            result.put(e.getKey(), e.getValue());
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static String render(String name, Map<String, Object> summary) {
        StringBuilder b = new StringBuilder(name).append(": ").append(summary.get("cpuSamples")).append(" CPU samples\n");
        for (String key : List.of("topFrames", "firstResetflowFrames", "waitMillisByFrame")) {
            b.append("\n").append(key).append(":\n");
            ((Map<String, Long>) summary.get(key)).forEach((k, v) -> b.append(String.format("%10d  %s%n", v, k)));
        }
        return b.toString();
    }

    static String jcmd(long pid, String... command) {
        List<String> args = new ArrayList<>();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        args.add(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd");
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            process.waitFor(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "jcmd failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
