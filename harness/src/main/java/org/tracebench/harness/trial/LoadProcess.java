package org.tracebench.harness.trial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.tracebench.tracers.proc.ExitStatus;
import org.tracebench.tracers.proc.HarnessBound;

/**
 * The harness's side of the load generator's control protocol (docs/design.md): {@code READY}, {@code SENTINEL},
 * {@code GO}, {@code STOP}, {@code DONE}, {@code ERROR}. One daemon thread reads stdout into a queue; commands are
 * written from the trial thread (and, for sentinels, from a tracer's awaitReady thread: {@link #sentinel} is
 * synchronized). {@link #close} always leaves no load-generator process behind.
 */
public final class LoadProcess implements AutoCloseable {
    private static final String EOF = "\u0000EOF";
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile long loadPid = -1;
    private volatile String lastError;
    private volatile long readyNanos;
    private volatile double liveOpsPerSecond = Double.NaN;
    /** Where the load generator's stderr goes, for the reason of an early exit; null when a tracer holds it. */
    private final Path stderrFile;

    private LoadProcess(Process process, Path stderrFile) {
        this.process = process;
        this.stderrFile = stderrFile;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(this::readLoop, "tracebench-load-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command} (a LoadMain JVM) with stderr to {@code stderrFile}, bound to this harness: it dies with
     * a harness killed by SIGKILL rather than run out its window beside the next run ({@link HarnessBound}).
     */
    public static LoadProcess start(List<String> command, Path stderrFile) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(ProcessBuilder.Redirect.to(stderrFile.toFile()));
        return new LoadProcess(HarnessBound.start(pb), stderrFile);
    }

    /** Speaks the protocol through a process whose stdin/stdout are the load generator's (a launching tracer's). */
    public static LoadProcess through(Process process) {
        return new LoadProcess(process, null);
    }

    private void readLoop() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            long lastOps = -1;
            long lastNanos = 0;
            for (String line; (line = r.readLine()) != null; ) {
                if (readyNanos == 0 && line.startsWith("READY")) readyNanos = System.nanoTime();
                if (line.startsWith("PROGRESS ")) { // once a second after GO: for the live display only
                    try {
                        long ops = Long.parseLong(line.substring(9).trim());
                        long now = System.nanoTime();
                        if (lastOps >= 0 && now > lastNanos) liveOpsPerSecond = (ops - lastOps) * 1e9 / (now - lastNanos);
                        lastOps = ops;
                        lastNanos = now;
                    } catch (NumberFormatException ignored) {
                        // a display value; never worth failing a trial
                    }
                    continue;
                }
                lines.add(line.strip());
            }
        } catch (IOException ignored) {
            // the process is gone: EOF below
        }
        lines.add(EOF);
    }

    /** The process the harness started (the JVM itself, or the launching tracer). */
    public Process process() { return process; }

    /** Operations per second between the last two PROGRESS lines (warm-up included), NaN before two arrived. */
    public double liveOpsPerSecond() { return liveOpsPerSecond; }

    /** {@link System#nanoTime()} when the READY line arrived (before anyone waited for it), or 0 before. */
    public long readyNanos() { return readyNanos; }

    /** The load generator JVM's pid as it announced in READY, or -1 before. */
    public long pid() { return loadPid; }

    /** Waits for {@code READY <pid>}; returns the pid. */
    public long awaitReady(Duration timeout) throws IOException, InterruptedException {
        String line = expect("READY", timeout, () -> false);
        loadPid = Long.parseLong(line.substring(6).trim());
        return loadPid;
    }

    /** Asks the load generator to create {@code path} and waits for SENTINEL-OK (10 s at most). */
    public synchronized void sentinel(Path path) {
        try {
            send("SENTINEL " + path);
            expect("SENTINEL-OK", Duration.ofSeconds(10), () -> false);
        } catch (IOException e) {
            throw new IllegalStateException("The load generator did not confirm the sentinel " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the sentinel " + path + ".", e);
        }
    }

    public void go() throws IOException { send("GO"); }

    /** Ends the run early; the load generator still writes its result and answers DONE. */
    public void stopRun() {
        try {
            send("STOP");
        } catch (IOException ignored) {
            // already gone
        }
    }

    /**
     * Waits for {@code END}: the measured window is over (the result is still being written: {@link #awaitDone}
     * next). {@code abortIf} is polled about every 200 ms; when it turns true, STOP is sent once (the run ends
     * early, its result is still awaited). Returns the window {start, end} that END names, System.nanoTime() values
     * of the load generator's (CLOCK_MONOTONIC, the harness's clock too), or null when END names none.
     */
    public long[] awaitWindowEnd(Duration timeout, BooleanSupplier abortIf) throws IOException, InterruptedException {
        String[] f = expect("END", timeout, abortIf).split(" ");
        try {
            long[] w = f.length == 3 ? new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])} : null;
            return w != null && w[0] <= w[1] ? w : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Waits for {@code DONE <path>}; returns the path. {@code abortIf} is polled about every 200 ms; when it turns
     * true, STOP is sent once (the run ends early, its result is still awaited).
     */
    public Path awaitDone(Duration timeout, BooleanSupplier abortIf) throws IOException, InterruptedException {
        String line = expect("DONE", timeout, abortIf);
        return Path.of(line.substring(5).trim());
    }

    private synchronized void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private String expect(String word, Duration timeout, BooleanSupplier abortIf) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean stopSent = false;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new IOException("The load generator did not answer " + word + " within " + timeout.toSeconds() + " s.");
            String line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (line == null) {
                if (!stopSent && abortIf.getAsBoolean()) {
                    stopRun();
                    stopSent = true;
                }
                continue;
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                int code = exitCode();
                String signal = ExitStatus.signal(code); // killed: its stderr holds no reason, only what came before
                String why = lastError != null ? lastError : signal != null ? null : firstStderrLine();
                throw new IOException("The load generator " + (signal != null ? "was killed by " + signal : "exited")
                        + " before " + word + (code == Integer.MIN_VALUE ? "" : " (exit code " + code + ")")
                        + (why == null ? "" : ": " + why) + (why != null && why.endsWith(".") ? "" : "."));
            }
            if (line.startsWith("ERROR")) {
                lastError = line.substring(5).trim();
                throw new IOException("The load generator failed: " + lastError);
            }
            if (line.equals(word) || line.startsWith(word + " ")) return line;
        }
    }

    /**
     * The first line of the load generator's stderr (a refused task says why there), at most 600 chars, past the
     * JVM's incubator-module notice and the load generator's own informational lines; or null.
     */
    private String firstStderrLine() {
        if (stderrFile == null) return null;
        try (BufferedReader r = java.nio.file.Files.newBufferedReader(stderrFile, StandardCharsets.UTF_8)) {
            for (String l; (l = r.readLine()) != null; ) {
                if (l.isBlank() || l.strip().equals(org.tracebench.loadgen.sys.ForeignStat.INCUBATOR_WARNING)) continue;
                if (l.startsWith("Note: ") || l.startsWith("JIT warm-up: ")) continue; // LoadCommand's, no reason
                return l.length() > 600 ? l.substring(0, 600) + "…" : l.strip();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The process's exit code, waiting 2 s at most for it; MIN_VALUE when it still runs. */
    private int exitCode() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Integer.MIN_VALUE;
    }

    /** True while the started process runs. */
    public boolean alive() { return process.isAlive(); }

    /**
     * Ends the load generator: closes stdin (= STOP), gives it 3 s, then kills it, the JVM it announced and every
     * descendant. Idempotent.
     */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted(); // give it its 3 s to clean its work root even when aborting
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) kill();
        } catch (InterruptedException e) {
            kill();
            interrupted = true;
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (loadPid > 0) ProcessHandle.of(loadPid).ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        });
    }

    /** SIGKILL to the process and its descendants, then waits (at most 5 s) until all of them are gone. */
    private void kill() {
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        all.add(process.toHandle());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // killed anyway; SIGKILL cannot be refused
            }
        }
    }
}
