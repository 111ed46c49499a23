package org.tracebench.harness.bpfstats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the kernel's BPF run-time statistics ({@code kernel.bpf_stats_enabled}) on for a measurement and puts the
 * previous value back on {@link #close}, which every exit path must reach (try-with-resources or finally); a JVM
 * shutdown hook restores it too if the process is terminated with an open switch. A JVM killed with SIGKILL runs
 * neither, so while the setting is changed a marker file ({@link #MARKERS}{@code /bpf-stats-<pid>}) holds the value
 * to restore, and the next run or {@code doctor --cleanup} puts it back ({@link #restoreStale}). Nested switches in
 * one JVM share one enablement: the last one closed restores. The setting is system-wide: while it is on, every BPF program run
 * costs two clock reads (about 20-40 ns), which is what the statistics then include.
 */
public final class BpfStatsSwitch implements AutoCloseable {
    /** The sysctl's file. */
    public static final Path SYSCTL = Path.of("/proc/sys/kernel/bpf_stats_enabled");
    /** Where an open switch that changed the setting leaves its marker: a tmpfs, cleared at boot with the sysctl. */
    public static final Path MARKERS = Path.of("/run/tracebench");
    private static final String MARKER_PREFIX = "bpf-stats-";
    private static Path marker;
    private static final Object LOCK = new Object();
    private static int open;
    private static String saved;
    private static Thread hook;

    private final Path file;
    private boolean closed;

    private BpfStatsSwitch(Path file) {
        this.file = file;
    }

    /** Enables the statistics (remembering the old value on the first open switch). */
    public static BpfStatsSwitch enable() throws IOException {
        return enable(SYSCTL, MARKERS);
    }

    /** For tests: a different file standing in for the sysctl, and a directory for the marker. */
    static BpfStatsSwitch enable(Path file, Path markers) throws IOException {
        synchronized (LOCK) {
            if (open == 0) {
                saved = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (!"1".equals(saved)) {
                    marker = markers.resolve(MARKER_PREFIX + ProcessHandle.current().pid());
                    Files.createDirectories(markers);
                    Files.writeString(marker, saved + "\n" + file + "\n", StandardCharsets.UTF_8); // before the change
                    Files.writeString(file, "1\n", StandardCharsets.US_ASCII);
                }
                hook = new Thread(() -> restore(file), "tracebench-bpf-stats-restore");
                Runtime.getRuntime().addShutdownHook(hook);
            }
            open++;
            return new BpfStatsSwitch(file);
        }
    }

    /** The value the sysctl had before the first open switch, or null when none is open. */
    public static String savedValue() {
        synchronized (LOCK) {
            return open > 0 ? saved : null;
        }
    }

    /** Puts the previous value back when this is the last open switch. Idempotent. */
    @Override
    public void close() throws IOException {
        synchronized (LOCK) {
            if (closed) return;
            closed = true;
            if (--open > 0) return;
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook restores as well, harmlessly
            }
            hook = null;
            String value = saved;
            saved = null;
            if (!"1".equals(value)) Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
            dropMarker();
        }
    }

    private static void dropMarker() {
        if (marker == null) return;
        try {
            Files.deleteIfExists(marker);
        } catch (IOException ignored) {
            // a marker whose pid is gone only makes a later run write the saved value once more
        }
        marker = null;
    }

    /** Markers in {@code markers} of processes that are gone: settings a killed harness left changed. */
    public static java.util.List<Path> staleMarkers(Path markers) {
        java.util.List<Path> out = new java.util.ArrayList<>();
        for (Path m : markers(markers)) if (!ownerAlive(m)) out.add(m);
        return out;
    }

    /**
     * Puts back the value a stale marker saved and deletes the marker; returns what it did ("kernel.bpf_stats_enabled
     * back to 0"). While a live process holds a marker of its own the setting is left on (it is measuring) and the
     * stale marker kept for later: returns null then.
     */
    public static String restoreStale(Path marker) throws IOException {
        synchronized (LOCK) {
            Path dir = marker.getParent();
            if (open > 0 || markers(dir).stream().anyMatch(BpfStatsSwitch::ownerAlive)) return null;
            java.util.List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).matches("[0-9]+")) {
                Files.deleteIfExists(marker);
                return "an unreadable marker " + marker + " removed";
            }
            Path file = Path.of(lines.get(1));
            String now = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if ("1".equals(now)) Files.writeString(file, lines.get(0) + "\n", StandardCharsets.US_ASCII);
            Files.deleteIfExists(marker);
            return file + " back to " + lines.get(0);
        }
    }

    private static java.util.List<Path> markers(Path dir) {
        java.util.List<Path> out = new java.util.ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith(MARKER_PREFIX)).sorted().forEach(out::add);
        } catch (IOException ignored) {
            // unreadable: nothing to restore from it
        }
        return out;
    }

    private static boolean ownerAlive(Path marker) {
        try {
            long pid = Long.parseLong(marker.getFileName().toString().substring(MARKER_PREFIX.length()));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not ours by format: never touch it
        }
    }

    private static void restore(Path file) {
        synchronized (LOCK) {
            if (open == 0 || saved == null) return;
            try {
                if (!"1".equals(saved)) Files.writeString(file, saved + "\n", StandardCharsets.US_ASCII);
            } catch (IOException ignored) {
                // nothing left to report to at shutdown
            }
            dropMarker();
            open = 0;
            saved = null;
        }
    }
}
