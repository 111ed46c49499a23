package org.tracebench.loadgen.task;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.loadgen.op.OpKind;

/**
 * Which paths an op leaves for a later task of the same iteration, as loder's sequence does: loder never undid
 * anything, so its files pair creation with removal ({@code mkdir d} then {@code remove d}; {@code hard-link l} then
 * {@code remove l-hard-link}). When a later task removes (or, for {@code mkdir} and {@code soft-link}, renames, or for
 * a link, create-deletes) the very path an earlier {@code mkdir}, {@code hard-link} or {@code soft-link} made, written
 * the same way, the maker skips its undo after its last repetition (the rmdir, the unlink of the link) and that task
 * skips its own undo (recreating or renaming back) in its first repetition: each iteration still ends as it began.
 * Pairs are per path and task: a consumer takes the nearest earlier maker of its path, and each maker has at most one
 * consumer. Not paired, because the pair would fail: {@code mkdir} with {@code create-delete} (open of a directory,
 * EISDIR) and {@code hard-link} with {@code rename} (a rename onto another link of the same file does nothing, so the
 * link stays and the next {@code hard-link} fails).
 */
public final class Handovers {
    private static final Map<OpKind, Set<OpKind>> TAKERS = Map.of(
            OpKind.MKDIR, Set.of(OpKind.REMOVE, OpKind.RENAME),
            OpKind.HARD_LINK, Set.of(OpKind.REMOVE, OpKind.CREATE_DELETE),
            OpKind.SOFT_LINK, Set.of(OpKind.REMOVE, OpKind.CREATE_DELETE, OpKind.RENAME));

    /** [task][path]: the consumer of what this entry makes, as {task, path}, or null. */
    private final int[][][] consumer;
    /** [task][path]: the maker whose path this entry takes over, as {task, path}, or null. */
    private final int[][][] maker;

    private Handovers(int n) {
        consumer = new int[n][][];
        maker = new int[n][][];
    }

    /** The pairs of {@code tasks} (a task file's list, in order); {@code legacy}: only {@code %d} is a placeholder. */
    public static Handovers of(List<TaskSpec> tasks, boolean legacy) {
        Handovers h = new Handovers(tasks.size());
        for (int t = 0; t < tasks.size(); t++) {
            h.consumer[t] = new int[tasks.get(t).paths().size()][];
            h.maker[t] = new int[tasks.get(t).paths().size()][];
        }
        for (int k = 0; k < tasks.size(); k++) {
            TaskSpec c = tasks.get(k);
            if (c.op() != OpKind.REMOVE && c.op() != OpKind.RENAME && c.op() != OpKind.CREATE_DELETE) continue;
            for (int q = 0; q < c.paths().size(); q++) {
                String wanted = key(c.paths().get(q), legacy);
                found:
                for (int i = k - 1; i >= 0; i--) {
                    TaskSpec m = tasks.get(i);
                    if (!TAKERS.containsKey(m.op())) continue;
                    for (int j = m.paths().size() - 1; j >= 0; j--) {
                        if (!wanted.equals(key(made(m.op(), m.paths().get(j)), legacy))) continue;
                        if (TAKERS.get(m.op()).contains(c.op()) && h.consumer[i][j] == null) {
                            h.consumer[i][j] = new int[] {k, q};
                            h.maker[k][q] = new int[] {i, j};
                        }
                        break found; // the nearest maker of this path decides
                    }
                }
            }
        }
        return h;
    }

    /** The path {@code op} on {@code path} makes and leaves behind without its undo. */
    static String made(OpKind op, String path) {
        return TaskFiles.derivedPath(op, path).orElse(path);
    }

    private static String key(String template, boolean legacy) {
        return legacy ? template : template.replace(Placeholders.LEGACY_WORKER, Placeholders.WORKER);
    }

    /** True when task {@code task}'s path {@code path} leaves what it makes to a later task (skips its undo). */
    public boolean handsOver(int task, int path) { return consumer[task][path] != null; }

    /** True when task {@code task}'s path {@code path} removes what an earlier op made (skips its own undo). */
    public boolean takesOver(int task, int path) { return maker[task][path] != null; }

    /** The {task, path} that takes over what task {@code task}'s path {@code path} makes, or null. */
    public int[] consumerOf(int task, int path) { return consumer[task][path]; }

    /** The {task, path} whose product task {@code task}'s path {@code path} takes over, or null. */
    public int[] makerOf(int task, int path) { return maker[task][path]; }

    /**
     * True when task {@code task}'s path {@code template} names, as written, what an earlier task made and a pair
     * hands over to this task or a later one: it exists while {@code task} runs (between the maker and its consumer).
     */
    public boolean existsFor(List<TaskSpec> tasks, int task, String template, boolean legacy) {
        String wanted = key(template, legacy);
        for (int i = 0; i < task && i < consumer.length; i++) {
            for (int j = 0; j < consumer[i].length; j++) {
                int[] c = consumer[i][j];
                if (c != null && c[0] >= task && wanted.equals(key(made(tasks.get(i).op(), tasks.get(i).paths().get(j)), legacy))) {
                    return true;
                }
            }
        }
        return false;
    }
}
