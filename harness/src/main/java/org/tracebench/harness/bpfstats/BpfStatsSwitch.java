package org.tracebench.harness.bpfstats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the kernel's BPF run-time statistics ({@code kernel.bpf_stats_enabled}) on for a measurement and puts the
 * previous value back on {@link #close}, which every exit path must reach (try-with-resources or finally); a JVM
 * shutdown hook restores it too if the process is terminated with an open switch. Nested switches in one JVM share
 * one enablement: the last one closed restores. The setting is system-wide: while it is on, every BPF program run
 * costs two clock reads (about 20-40 ns), which is what the statistics then include.
 */
public final class BpfStatsSwitch implements AutoCloseable {
    /** The sysctl's file. */
    public static final Path SYSCTL = Path.of("/proc/sys/kernel/bpf_stats_enabled");
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
        return enable(SYSCTL);
    }

    /** For tests: a different file standing in for the sysctl. */
    static BpfStatsSwitch enable(Path file) throws IOException {
        synchronized (LOCK) {
            if (open == 0) {
                saved = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (!"1".equals(saved)) Files.writeString(file, "1\n", StandardCharsets.US_ASCII);
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
            open = 0;
            saved = null;
        }
    }
}
