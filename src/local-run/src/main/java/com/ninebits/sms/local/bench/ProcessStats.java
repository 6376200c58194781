package com.ninebits.sms.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What Linux knows of a process: CPU time ({@code utime + stime} in {@code /proc/<pid>/stat}), peak
 * resident set ({@code VmHWM} in {@code /proc/<pid>/status}) and when it started, in seconds since boot.
 */
final class ProcessStats {

    /** USER_HZ: the unit of /proc's times; 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessStats() {
    }

    /** User plus system CPU seconds the process has used so far. */
    static double cpuSeconds(long pid) {
        List<String> fields = statFields(pid);
        return (Long.parseLong(fields.get(13)) + Long.parseLong(fields.get(14))) / TICKS_PER_SECOND;
    }

    static double cpuSeconds(Collection<Long> pids) {
        return pids.stream().mapToDouble(ProcessStats::cpuSeconds).sum();
    }

    /** Peak resident set size in MB. */
    static double peakRssMb(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmHWM for process " + pid);
    }

    /** When the process started, in seconds since boot (10 ms resolution). */
    static double startedAt(long pid) {
        return Long.parseLong(statFields(pid).get(21)) / TICKS_PER_SECOND;
    }

    /** Now, in seconds since boot, on the same clock as {@link #startedAt}. */
    static double uptime() {
        return Double.parseDouble(read(Path.of("/proc/uptime")).split(" ")[0]);
    }

    /** The fields of /proc/pid/stat, field n of proc(5) at index n - 1 (the command name, which may hold spaces, skipped). */
    private static List<String> statFields(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        List<String> fields = new ArrayList<>(List.of("pid", "comm"));
        fields.addAll(List.of(stat.substring(stat.lastIndexOf(')') + 1).trim().split(" ")));
        return fields;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
