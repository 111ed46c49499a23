package org.tracebench.loadgen.run;

import java.nio.file.Path;
import java.util.List;
import org.tracebench.loadgen.op.ChildKilledException;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.result.LoadResult;

/** A {@link Worker}'s cold error paths: counts failed ops, failed restores and non-zero exits, with samples. */
final class WorkerFailures {
    private WorkerFailures() {}

    /**
     * Counts a failed restore step: the op itself succeeded and stays counted, so this is not one of its
     * {@link Worker#errors}. The sample names the path of the failing call (the companion for rename's rename back).
     */
    static void restoreFailed(Worker w, Step s, boolean measured, Path p, Exception e) {
        int k = s.kind;
        w.iterationFailed = true;
        if (measured) w.restoreErrors[k]++;
        List<String> list = w.restoreSamples.get(k);
        String msg = (measured ? "" : LoadResult.WARM_UP_SAMPLE) + "restore after a successful op on " + p + " failed: "
                + (e instanceof java.nio.file.FileSystemException f && f.getFile() != null
                        ? e.getClass().getSimpleName() + ": " + e.getMessage() : describe(p, e));
        if (list.size() < Worker.SAMPLE_LIMIT) list.add(msg);
        if (w.clock.failFast && !w.warming) w.clock.fail(OpKind.values()[k].yamlName() + " failed: " + msg);
    }

    /** Counts an exec whose binary exited with a status other than 0; the operation itself counts as done. */
    static void nonZeroExit(Worker w, int k, boolean measured, Path p, Exception e) {
        if (measured) w.nonZeroExits[k]++;
        List<String> list = w.exitSamples.get(k);
        if (list.size() < Worker.SAMPLE_LIMIT) list.add((measured ? "" : LoadResult.WARM_UP_SAMPLE) + e.getMessage());
    }

    /** Counts a failure; true when it was a child the engine killed at the run's end. */
    static boolean failed(Worker w, int k, boolean measured, Path p, Exception e) {
        w.iterationFailed = true;
        // a child still running at the run's end was killed (Engine): an error of its op even if it began in the warm-up
        boolean killed = e instanceof ChildKilledException && w.clock.killingChildren;
        if (measured || killed) w.errors[k]++;
        List<String> list = w.samples.get(k);
        String msg = (measured || killed ? "" : LoadResult.WARM_UP_SAMPLE) + describe(p, e) + (killed ? "; it was still running "
                + "when the run ended, so the load generator killed it" : "");
        if (list.size() < Worker.SAMPLE_LIMIT) list.add(msg);
        if (w.clock.failFast && !w.warming) w.clock.fail(OpKind.values()[k].yamlName() + " failed: " + msg);
        return killed;
    }

    static String describe(Path p, Exception e) {
        String m = e.getMessage();
        String name = e.getClass().getSimpleName();
        if (m == null) return name + " on " + p;
        return m.contains(p.toString()) ? name + ": " + m : name + " on " + p + ": " + m;
    }
}
