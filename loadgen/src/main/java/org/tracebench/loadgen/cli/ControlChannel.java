package org.tracebench.loadgen.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.tracebench.loadgen.run.Engine;

/**
 * The harness side of docs/design.md's control protocol, on stdin/stdout. The controlling thread calls
 * {@link #ready}, then {@link #awaitGo} (answers SENTINEL lines until GO or STOP), then {@link #watchForStop}
 * (a daemon thread turning STOP into {@link Engine#stop()}) and {@link #startProgress}, then {@link #end} once the
 * workers have stopped, then {@link #done} or {@link #error}. Every line is flushed at once.
 *
 * <p>Both threads, and the string concatenations they use, are built before READY: the first run of a lambda or
 * of a {@code +} on strings links method handles and spins classes, work that would otherwise land at GO.
 */
final class ControlChannel {
    private final BufferedReader in;
    private final PrintWriter out;
    private Thread stopWatcher;
    private Thread progress;

    ControlChannel(InputStream in, PrintWriter out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    /** Builds the threads that run after GO (not started), then sends {@code READY <pid>}. */
    void ready(long pid, Engine engine) {
        stopWatcher = new Thread(() -> watch(engine), "tracebench-control");
        stopWatcher.setDaemon(true);
        progress = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    send(progressLine(engine.opsSoFar()));
                }
            } catch (InterruptedException e) {
                // the run is over
            }
        }, "tracebench-progress");
        progress.setDaemon(true);
        progressLine(0); // links the concatenation now
        sentinelOk(Path.of("/"));
        send("READY " + pid);
    }

    private static String progressLine(long ops) {
        return "PROGRESS " + ops;
    }

    private static String sentinelOk(Path p) {
        return "SENTINEL-OK " + p;
    }

    /**
     * Reads commands until GO (returns true) or STOP / end of input (returns false: the caller still runs and
     * writes a result, with the run stopped before it began). Unknown lines are reported on {@code err}.
     */
    boolean awaitGo(Engine engine, PrintWriter err) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String l = line.strip();
            if (l.equals("GO")) return true;
            if (l.equals("STOP")) return false;
            if (l.startsWith("SENTINEL ")) {
                Path p = Path.of(l.substring("SENTINEL ".length()).strip()).toAbsolutePath();
                engine.sentinel(p);
                send(sentinelOk(p));
            } else if (!l.isEmpty()) {
                err.println("Ignoring unknown control line '" + l + "': expected SENTINEL <path>, GO or STOP.");
                err.flush();
            }
        }
        return false;
    }

    /**
     * After GO: STOP stops the engine; SENTINEL is still answered. End of input after GO does not stop the run
     * (the protocol makes only an end of input before GO a STOP); the run then ends at its duration.
     */
    void watchForStop() {
        stopWatcher.start();
    }

    private void watch(Engine engine) {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                String l = line.strip();
                if (l.equals("STOP")) {
                    engine.stop();
                    return;
                }
                if (l.startsWith("SENTINEL ")) {
                    Path p = Path.of(l.substring("SENTINEL ".length()).strip()).toAbsolutePath();
                    try {
                        engine.sentinel(p);
                        send(sentinelOk(p));
                    } catch (IOException e) {
                        System.err.println("Could not write the sentinel " + p + ": " + e.getMessage());
                    }
                }
            }
        } catch (IOException ignored) {
            // stdin is gone; the run ends at its duration
        }
    }

    /**
     * After GO: a daemon thread sends {@code PROGRESS <ops>} once a second ({@link Engine#opsSoFar}) until
     * {@link #stopProgress}, so the harness can show live throughput. One short line a second, nothing else.
     */
    void startProgress() {
        progress.start();
    }

    /** Ends the progress thread (before DONE, so no PROGRESS follows it). */
    void stopProgress() throws InterruptedException {
        if (progress == null || !progress.isAlive()) return;
        progress.interrupt();
        progress.join();
    }

    /**
     * The measured window is over: every worker has stopped (the result is not written yet). {@code window} is
     * {@link org.tracebench.loadgen.run.Engine#windowNanos}: the window's start and end, sent for the harness's sampling.
     */
    void end(long[] window) {
        send("END " + window[0] + " " + window[1]);
    }

    void done(Path json) {
        send("DONE " + json);
    }

    void error(String sentence) {
        send("ERROR " + sentence.replace('\n', ' '));
    }

    private synchronized void send(String line) {
        out.println(line);
        out.flush();
    }
}
