package org.tracebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.tracebench.harness.results.HarnessLock;
import org.tracebench.harness.results.ResultsDir;

/**
 * The locks a {@code run} holds from before it runs a trial until it ends ({@link HarnessLock}: the kernel drops
 * them when the process dies): its results directory's, so that two runs never work in one directory, and the
 * machine's, so that a second run does not measure against the first's load and tracers. Another run holding the
 * directory is always refused; another run on the machine (holding its lock, or a trial cgroup of a harness that
 * took none) is refused unless {@code --allow-concurrent-runs}, which records the overlap in manifest.json.
 */
final class RunLocks implements AutoCloseable {
    /** manifest.json's list of sessions that began while other harnesses ran trials here. */
    static final String OVERLAPPED = "overlappedRuns";

    private final List<HarnessLock> held = new ArrayList<>();
    private final SortedSet<Long> others = new TreeSet<>();
    private int refusal;

    private RunLocks() {}

    /**
     * Locks {@code resume} (when given) and {@code machineLock}; on refusal says why on {@code e}, releases what it
     * took and {@link #refusal} is the exit code (2 another run, 1 a lock that cannot be taken).
     */
    static RunLocks take(Path resume, Path machineLock, boolean allowConcurrent, PrintWriter e) {
        RunLocks l = new RunLocks();
        Path taking = machineLock;
        try {
            if (resume != null) {
                taking = resume.resolve(ResultsDir.LOCK_FILE);
                l.held.add(ResultsDir.open(resume).lock());
                taking = machineLock;
            }
            HarnessLock.Held machineHeld = null;
            try {
                l.held.add(HarnessLock.acquire(machineLock));
            } catch (HarnessLock.Held h) {
                machineHeld = h;
                l.others.add(h.pid().orElse(-1));
            }
            try {
                l.others.addAll(org.tracebench.tracers.sys.Cgroups.otherLiveOwners()); // a harness without the lock
            } catch (IOException ex) {
                // no cgroup v2 listing: the lock alone tells
            }
            if (!l.others.isEmpty() && !allowConcurrent) {
                e.println("Another tracebench process" + l.pids() + " is running trials on this machine, and two runs at"
                        + " once measure each other (their loads and tracers compete for the CPUs), so nothing was run."
                        + " Let it finish first, or give --allow-concurrent-runs to run anyway (manifest.json then"
                        + " records the overlap).");
                return l.refuse(2);
            }
            if (machineHeld != null) {
                e.println("Warning: another tracebench process" + machineHeld.pidText() + " holds " + machineLock
                        + ": it is running trials on this machine, so it and this run (--allow-concurrent-runs) measure"
                        + " each other; manifest.json records the overlap.");
                e.flush();
            }
            return l;
        } catch (HarnessLock.Held h) {
            e.println(h.getMessage());
            return l.refuse(2);
        } catch (IOException ex) {
            e.println("Could not lock " + taking + ", so nothing was run: " + ex.getMessage());
            return l.refuse(1);
        }
    }

    /** The exit code of a refused run, or 0 when the locks are held. */
    int refusal() {
        return refusal;
    }

    /** Locks a fresh results directory of this run, held with the others until {@link #close}. */
    void hold(ResultsDir dir) throws IOException {
        held.add(dir.lock());
    }

    /**
     * When this run overlaps others (--allow-concurrent-runs), appends {@code {"startedAt", "otherPids"}} to
     * manifest.json's {@link #OVERLAPPED}; false (said on {@code e}) when it cannot be written, so that no trial runs
     * with the overlap unrecorded.
     */
    boolean recordOverlap(ResultsDir dir, PrintWriter e) {
        if (others.isEmpty()) return true;
        try {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("startedAt", Instant.now().toString());
            entry.put("otherPids", others.stream().filter(p -> p > 0).toList());
            dir.appendToManifest(OVERLAPPED, entry);
            return true;
        } catch (IOException ex) {
            e.println("Could not record in " + dir.dir().resolve("manifest.json") + " that this run overlaps another"
                    + " tracebench run, so nothing was run: " + ex.getMessage());
            return false;
        }
    }

    private String pids() {
        List<String> known = others.stream().filter(p -> p > 0).map(String::valueOf).toList();
        return known.isEmpty() ? "" : " (pid " + String.join(", ", known) + ")";
    }

    private RunLocks refuse(int code) {
        close();
        refusal = code;
        return this;
    }

    /** Releases every lock held (the process's end would too). */
    @Override
    public void close() {
        for (HarnessLock l : held) {
            try {
                l.close();
            } catch (IOException ex) {
                // the process's end releases it
            }
        }
        held.clear();
    }
}
