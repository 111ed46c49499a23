package org.tracebench.tracers.fatrace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
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
 * is one pread of {@code cgroup.procs}, which also holds processes that left the tree (orphans re-parented to
 * init); the process tree is the fallback and the first and last look.
 */
final class PidTracker {
    private final long target;
    private final Optional<Path> cgroupProcs;
    private final Set<Integer> pids = ConcurrentHashMap.newKeySet();
    private final Thread poller;
    private FileChannel procs; // poller thread only (and stop, after it ended)
    private ByteBuffer buf = ByteBuffer.allocate(4096);
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
            if (procs == null) procs = FileChannel.open(cgroupProcs.get(), StandardOpenOption.READ);
            // one pread per fill from offset 0: kernfs regenerates the list on every read from the start
            buf.clear();
            long offset = 0;
            for (int n; (n = procs.read(buf, offset)) > 0; ) {
                offset += n;
                if (!buf.hasRemaining()) buf = ByteBuffer.allocate(buf.capacity() * 2).put(buf.flip());
            }
            int pid = -1;
            for (int i = 0; i < buf.position(); i++) {
                byte b = buf.get(i);
                if (b >= '0' && b <= '9') {
                    pid = (pid < 0 ? 0 : pid * 10) + (b - '0');
                } else if (pid >= 0) {
                    pids.add(pid);
                    pid = -1;
                }
            }
            if (pid >= 0) pids.add(pid);
            return true;
        } catch (IOException e) {
            return false; // the cgroup is gone or being torn down: fall back to the tree
        }
    }

    void add(Collection<Long> more) {
        for (long p : more) pids.add((int) p);
    }

    boolean contains(int pid) { return pids.contains(pid); }

    Set<Integer> snapshot() { return Set.copyOf(pids); }

    /** Ends the poller, then takes a last look. Idempotent. */
    void stop() {
        if (!running) return;
        running = false;
        poller.interrupt();
        try {
            poller.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poll();
        pollTree();
        try {
            if (procs != null) procs.close();
        } catch (IOException ignored) {
            // a read-only cgroupfs handle
        }
    }
}
