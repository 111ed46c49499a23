package org.tracebench.harness.trial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.loadgen.task.TaskFile;
import org.tracebench.loadgen.task.TaskFiles;

/** A trial's own work root: where {@link TrialRunner} puts it, how it claims it, and its removal after the trial. */
final class TrialWorkRoot {
    private TrialWorkRoot() {}

    /**
     * A work root of this trial's own inside the task's {@code workRoot}, so that two runs of one task file (two
     * harnesses, or a harness and a test) never create and delete each other's files (nor trip the load generator's
     * lock on a shared root); without a workRoot, inside the load generator's default
     * {@link TaskFiles#DEFAULT_WORK_ROOT}. Null when the task names absolute paths (they must stay valid).
     */
    static Path privateWorkRoot(TaskFile task, TrialSpec spec) {
        boolean absolute = task.setup().stream().anyMatch(f -> f.path().startsWith("/"))
                || task.tasks().stream().anyMatch(t -> t.op().mutating() && t.paths().stream().anyMatch(p -> p.startsWith("/")));
        if (absolute) return null;
        return task.workRoot().orElse(TaskFiles.DEFAULT_WORK_ROOT).resolve("run-" + ProcessHandle.current().pid() + "-t" + spec.number());
    }

    /**
     * {@code root} when this trial makes it, and so may remove it at the end; null when it exists already (another
     * harness's trial with the same pid in another pid namespace, or a leftover), whose files removing it would
     * destroy: the load generator then refuses it (busy) or removes only what it added. Made here atomically when
     * its parent exists; otherwise the load generator makes it and its parents, and removes them.
     */
    static Path claimWorkRoot(Path root) {
        if (root == null || !Files.isDirectory(root.getParent())) return root;
        try {
            Files.createDirectory(root);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return null;
        } catch (IOException e) {
            // the load generator reports why it cannot make it
        }
        return root;
    }

    /**
     * Removes the trial's own work root ({@link #claimWorkRoot}; nothing when null) and, where it lies under
     * {@code top} (tracebench's default work root, which holds only what tracebench makes), the directories it
     * leaves empty there: the trial that made the task's directory is often not the last to use it.
     */
    static void removeOwnRoot(Path privateRoot, Path top) throws IOException {
        if (privateRoot == null) return;
        ResultsDir.deleteTree(privateRoot);
        Path parent = privateRoot.toAbsolutePath().normalize().getParent();
        if (parent != null && parent.startsWith(top)) Leftovers.deleteEmptyUpTo(parent, top);
    }

    /**
     * Removes the tracer's work files and the trial's own work root; a failure (a file system gone read-only, a busy
     * mount, an immutable file) is the trial's {@code cleanupProblem}, naming what is left behind, never its outcome:
     * the trial ran as measured either way.
     */
    static void removeLeftovers(TrialRecord rec, Path tracerWork, Path privateRoot) {
        try {
            ResultsDir.deleteTree(tracerWork);
        } catch (IOException e) {
            rec.cleanupProblem("The tracer's work files in " + tracerWork + " could not all be removed and some are left"
                    + " there: " + e + ".");
        }
        try {
            removeOwnRoot(privateRoot, TaskFiles.DEFAULT_WORK_ROOT);
        } catch (IOException e) {
            rec.cleanupProblem("The trial's work root " + privateRoot + " could not be removed and is left behind (remove"
                    + " it by hand once the cause is fixed): " + e + ".");
        }
    }
}
