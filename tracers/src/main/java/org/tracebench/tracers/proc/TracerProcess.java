package org.tracebench.tracers.proc;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A tracer's own OS process: stdout and stderr go to files in the work directory (never to pipes that could fill
 * up and stall the tracer), it is stopped with SIGINT and then SIGKILL, and {@link #close} guarantees it is gone.
 * A JVM shutdown hook kills every process still registered, so Ctrl-C of the harness leaves no tracer behind, and
 * {@link HarnessBound} has the kernel kill it when the harness is killed with SIGKILL.
 */
public final class TracerProcess implements AutoCloseable {
    private static final java.util.Set<TracerProcess> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(TracerProcess::close), "tracebench-tracer-reaper"));
    }

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private volatile boolean stopRequested;
    private volatile int exitCode = Integer.MIN_VALUE;

    private TracerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        LIVE.add(this);
    }

    /**
     * Starts {@code command}; stdout goes to {@code stdoutFile} (or is discarded when null), stderr to
     * {@code stderrFile}. Stdin is closed unless {@code keepStdin}, which launching tracers need for the target.
     */
    public static TracerProcess start(List<String> command, Map<String, String> env, Path stdoutFile, Path stderrFile,
                                      boolean keepStdin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectOutput(stdoutFile == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdoutFile.toFile()));
        pb.redirectError(ProcessBuilder.Redirect.to(stderrFile.toFile()));
        if (!keepStdin) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new TracerProcess(HarnessBound.start(pb), stdoutFile, stderrFile);
    }

    /** Starts {@code command} with stdin and stdout as pipes (for launch mode: the target's control channel). */
    public static TracerProcess startPiped(List<String> command, Map<String, String> env, Path stderrFile) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.to(stderrFile.toFile()));
        return new TracerProcess(HarnessBound.start(pb), null, stderrFile);
    }

    public Process process() { return process; }

    public long pid() { return process.pid(); }

    /** The tracer's pid and all its descendants' (bpftrace and fatrace are one process, but wrappers may fork). */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        if (process.isAlive()) pids.add(process.pid());
        pids.addAll(Probes.descendants(process.pid())); // polled by the sampler: no /proc scan
        return pids;
    }

    public boolean alive() { return process.isAlive(); }

    /** True when the process ended although nobody asked it to stop. */
    public boolean diedEarly() { return !stopRequested && !process.isAlive(); }

    public Path stdoutFile() { return stdout; }

    public Path stderrFile() { return stderr; }

    /**
     * SIGINT, wait up to {@code grace}, then SIGKILL. Returns the exit code, or -1 when it had to be killed.
     * Idempotent.
     */
    public int stop(Duration grace) {
        stopRequested = true;
        if (exitCode != Integer.MIN_VALUE) return exitCode;
        try {
            // A process started from a shell's background job inherits SIGINT ignored (cat on trace_pipe then sat
            // out the whole grace period): such a process gets SIGTERM, everything else the SIGINT it expects.
            if (process.isAlive()) signal(ignoresSigint(process.pid()) ? "TERM" : "INT");
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                exitCode = -1;
            } else {
                exitCode = process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            exitCode = -1;
        } finally {
            LIVE.remove(this);
        }
        return exitCode;
    }

    /** Whether {@code pid} has SIGINT ignored ({@code SigIgn} in /proc/PID/status); false when unreadable. */
    static boolean ignoresSigint(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
            }
        } catch (IOException | RuntimeException e) {
            // gone, or no /proc
        }
        return false;
    }

    /** Sends a signal by name (INT, TERM, KILL) with kill(1); Java's Process only offers TERM and KILL. */
    public void signal(String name) {
        try {
            new ProcessBuilder("kill", "-s", name, Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Exit code after {@link #stop}, or of a process that died on its own; MIN_VALUE while running. */
    public int exitCode() {
        if (exitCode == Integer.MIN_VALUE && !process.isAlive()) return process.exitValue();
        return exitCode;
    }

    /** The last {@code n} lines of stderr, read from the end of the file (it may be huge, as fatrace's can be). */
    public List<String> stderrTail(int n) {
        return tail(stderr, n);
    }

    /** The last {@code n} lines of a text file, reading at most 64 KiB from its end. */
    public static List<String> tail(Path file, int n) {
        if (file == null || !Files.exists(file)) return List.of();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            int window = (int) Math.min(len, 64 * 1024);
            byte[] buf = new byte[window];
            raf.seek(len - window);
            raf.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8);
            Deque<String> lines = new ArrayDeque<>();
            for (String line : text.split("\n")) {
                if (line.isBlank()) continue;
                lines.addLast(line);
                if (lines.size() > n) lines.removeFirst();
            }
            return new ArrayList<>(lines);
        } catch (IOException e) {
            return List.of("(could not read " + file + ": " + e.getMessage() + ")");
        }
    }

    /** Kills the process (and its descendants) if still running. Safe to call many times, from any thread. */
    @Override
    public void close() {
        if (process.isAlive()) stop(Duration.ofSeconds(2));
        LIVE.remove(this);
    }
}
