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
 * The set of pids that belong to the target: the target, every descendant seen while polling its process tree,
 * every pid seen in its cgroup (when it has one), and the pids the target reports itself. A daemon thread polls
 * until {@link #stop}; children living shorter than the poll interval are only known if reported.
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

    /** One look at the process tree and the cgroup. */
    void poll() {
        for (long p : Probes.processTree(target)) pids.add((int) p);
        cgroupProcs.ifPresent(f -> {
            try {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) pids.add(Integer.parseInt(line.trim()));
                }
            } catch (IOException | NumberFormatException e) {
                // the cgroup is gone or being torn down: the tree poll still runs
            }
        });
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
        running = false;
        poller.interrupt();
    }
}
