package io.resetflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Linux /proc figures of a process: CPU time and resident memory (peak and current). */
public final class ProcStats {
    /** USER_HZ: 100 on every Linux this runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {
    }

    /** user + system CPU seconds of a process and, when asked, of all its descendants; 0 when unreadable. */
    public static double cpuSeconds(long pid, boolean withDescendants) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        if (withDescendants) {
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        }
        double total = 0;
        for (long p : pids) {
            total += cpuSecondsOf(p);
        }
        return total;
    }

    static double cpuSecondsOf(long pid) {
        try {
            return parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime (fields 14 and 15) of a /proc/pid/stat line; the command may contain spaces and parentheses. */
    static long parseCpuTicks(String stat) {
        String afterCommand = stat.substring(stat.lastIndexOf(')') + 2);
        String[] fields = afterCommand.trim().split("\\s+");
        // afterCommand starts at field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** VmHWM (peak RSS) and VmRSS in MiB, -1 when unreadable (the process is gone). */
    public static long[] rssMiB(long pid) {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            return new long[] {kib(status, "VmHWM:") / 1024, kib(status, "VmRSS:") / 1024};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    static long kib(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
