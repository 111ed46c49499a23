package org.tracebench.tracers.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts {@link TargetProcess} as its own JVM and drives it; {@link #close} always kills it. */
public final class TargetHandle implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final long pid;

    private TargetHandle(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("READY ")) throw new IOException("target did not start: " + ready);
        this.pid = Long.parseLong(ready.substring(6).trim());
    }

    public static TargetHandle start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new TargetHandle(pb.start());
    }

    /** The command line that runs {@link TargetProcess}, for launching tracers that start the target themselves. */
    public static List<String> command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), TargetProcess.class.getName());
    }

    /**
     * Drives a target started by someone else (a launching tracer's process, whose stdin/stdout are the target's);
     * waits for its READY line. {@link #pid()} is the target JVM's own pid, not the wrapper's.
     */
    public static TargetHandle of(Process process) throws IOException {
        return new TargetHandle(process);
    }

    public long pid() { return pid; }

    public Process process() { return process; }

    /** Makes the target create {@code path}; returns once it has. Safe to call repeatedly (for awaitReady). */
    public synchronized void sentinel(Path path) {
        in.println("SENTINEL " + path);
        try {
            String reply = out.readLine();
            if (reply == null || !reply.startsWith("SENTINEL-OK")) throw new IllegalStateException("target replied " + reply);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Performs {@link TargetProcess#KNOWN_OPS} in {@code dir}; returns the pid of the exec'd child. */
    public synchronized long runKnownOps(Path dir) throws IOException {
        in.println("RUN " + dir);
        String reply = out.readLine();
        if (reply == null || !reply.startsWith("DONE ")) throw new IOException("target replied " + reply);
        return Long.parseLong(reply.substring(5).trim());
    }

    @Override
    public void close() throws InterruptedException {
        in.println("EXIT");
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
