package org.tracebench.tracers.fatrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tracebench.tracers.proc.Probes;

/**
 * The set of pids that belong to the target: the target, every pid seen in its cgroup (when it has one; else every
 * descendant seen in its process tree), and the pids the target reports itself. A daemon thread polls until
 * {@link #stop}; children living shorter than the poll interval are only known if reported. With a cgroup a poll
 * is one read of {@code cgroup.procs}; the process tree costs a scan of all of {@code /proc} (several % of a
 * core at 20 ms in the harness), so it is only the fallback and the first and last look.
 */
final class PidTracker {
    private final long target;
    private final Optional<Path> cgroupProcs;
    private final Set<Integer> pids = ConcurrentHashMap.newKeySet();
    private final Thread poller;
    private volatile boolean running = true;

    PidTracker(long target, Optional<Path> cgroupDir, long pollMillis) {
        this.target = target;
        this.cgroupProcs = cgroupDir.map(d -> d.resolve("cgroup.procs"));
        pids.add((int) target);
        pollTree();
        poll();
        poller = new Thread(() -> {
            while (running) {
                poll();
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "tracebench-fatrace-pids-" + target);
        poller.setDaemon(true);
        poller.start();
    }

    /** One look at the cgroup, or at the process tree when there is no cgroup or it could not be read. */
    void poll() {
        if (!pollCgroup()) pollTree();
    }

    private void pollTree() {
        for (long p : Probes.processTree(target)) pids.add((int) p);
    }

    private boolean pollCgroup() {
        if (cgroupProcs.isEmpty()) return false;
        try {
            for (String line : Files.readAllLines(cgroupProcs.get())) {
                if (!line.isBlank()) pids.add(Integer.parseInt(line.trim()));
            }
            return true;
        } catch (IOException | NumberFormatException e) {
            return false; // the cgroup is gone or being torn down: fall back to the tree
        }
    }

    void add(Collection<Long> more) {
        for (long p : more) pids.add((int) p);
    }

    boolean contains(int pid) { return pids.contains(pid); }

    Set<Integer> snapshot() { return Set.copyOf(pids); }

    /** Takes a last look, then ends the poller. Idempotent. */
    void stop() {
        if (!running) return;
        poll();
        pollTree();
        running = false;
        poller.interrupt();
    }
}
