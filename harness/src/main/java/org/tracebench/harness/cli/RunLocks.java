package org.tracebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tracebench.harness.results.HarnessLock;
import org.tracebench.harness.results.ResultsDir;

/**
 * The lock a {@code run} holds on its results directory from before it runs a trial there until it ends
 * ({@link HarnessLock}: the kernel drops it when the process dies), so that two runs never work in one directory.
 */
final class RunLocks implements AutoCloseable {
    private final List<HarnessLock> held = new ArrayList<>();
    private int refusal;

    private RunLocks() {}

    /**
     * Locks {@code resume} (when given); on refusal says why on {@code e}, releases what it took and {@link #refusal}
     * is the exit code (2 another run, 1 a lock that cannot be taken).
     */
    static RunLocks take(Path resume, PrintWriter e) {
        RunLocks l = new RunLocks();
        if (resume == null) return l;
        try {
            l.held.add(ResultsDir.open(resume).lock());
            return l;
        } catch (HarnessLock.Held h) {
            e.println(h.getMessage());
            return l.refuse(2);
        } catch (IOException ex) {
            e.println("Could not lock " + resume.resolve(ResultsDir.LOCK_FILE) + ", so nothing was run: " + ex.getMessage());
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
