package org.tracebench.loadgen.run;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import org.tracebench.loadgen.op.Op;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.op.Ops;
import org.tracebench.loadgen.task.Handovers;
import org.tracebench.loadgen.task.TaskSpec;

/** One task entry bound to one {@link Worker}: its op instance, its path templates and this iteration's paths. */
final class Step {
    final Op op;
    final boolean hasPrepare;
    final boolean hasRestore;
    final int kind;
    final boolean readsDirectory; // its getdents64 calls go into the ground truth
    final int repeat;
    final PathTemplate[] paths;
    final boolean[] succeeded; // per fixed path: at least one success since GO
    /** Per path: skip the undo after the last repetition / in the first (a hand-over, Handovers); null: none. */
    final boolean[] handsOver, takesOver;
    /** This iteration's paths, expanded once per pass over the step. */
    final Path[] current;

    Step(Op op, int repeat, PathTemplate[] paths) {
        this(op, repeat, paths, null, null);
    }

    Step(Op op, int repeat, PathTemplate[] paths, boolean[] handsOver, boolean[] takesOver) {
        this.op = op;
        this.hasPrepare = op.hasPrepare();
        this.hasRestore = op.hasRestore();
        this.kind = op.kind().ordinal();
        this.readsDirectory = op.kind() == OpKind.READDIR;
        this.repeat = repeat;
        this.paths = paths;
        this.succeeded = new boolean[paths.length];
        this.handsOver = handsOver;
        this.takesOver = takesOver;
        this.current = new Path[paths.length];
    }

    /** True when repetition {@code r} of path {@code j} leaves its effect to another task instead of undoing it. */
    boolean skipsUndo(int r, int j) {
        return handsOver != null && (r == repeat - 1 && handsOver[j] || r == 0 && takesOver[j]);
    }

    /**
     * Binds {@code tasks} to worker {@code workerId}: an op instance per entry (reporting the pids of the children it
     * starts to {@code childStarted}), its path templates, and which paths hand their effect over to another task.
     */
    static Step[] bind(List<TaskSpec> tasks, RunConfig cfg, int workerId, LongConsumer childStarted) {
        Step[] steps = new Step[tasks.size()];
        boolean legacy = cfg.task().format() == org.tracebench.loadgen.task.TaskFile.Format.LEGACY;
        Handovers handovers = Handovers.of(tasks, legacy);
        for (int i = 0; i < steps.length; i++) {
            TaskSpec t = tasks.get(i);
            Op op = Ops.create(t.op(), t.options(), childStarted);
            PathTemplate[] ps = new PathTemplate[t.paths().size()];
            for (int j = 0; j < ps.length; j++) {
                ps[j] = t.op().family() == OpKind.Family.EXEC
                        ? PathTemplate.executable(t.paths().get(j), workerId, cfg.workRoot(), legacy)
                        : PathTemplate.of(t.paths().get(j), workerId, cfg.workRoot(), legacy);
            }
            boolean[] gives = new boolean[ps.length], takes = new boolean[ps.length];
            boolean any = false;
            for (int j = 0; j < ps.length; j++) {
                gives[j] = handovers.handsOver(i, j);
                takes[j] = handovers.takesOver(i, j);
                any |= gives[j] || takes[j];
            }
            steps[i] = any ? new Step(op, t.repeat(), ps, gives, takes) : new Step(op, t.repeat(), ps);
        }
        return steps;
    }
}
