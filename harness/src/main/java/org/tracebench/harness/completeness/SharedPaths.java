package org.tracebench.harness.completeness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.tracers.FileOp;

/** Which op kinds of a {@link CompletenessChecker} share ground-truth paths, and how many, worked out once at its start. */
final class SharedPaths {
    private SharedPaths() {}

    /**
     * Kinds that share a path with another kind issuing their FileOps (their counts include the other's events), and
     * for each pair of kinds how many of the first's paths the second touches too, under any of its forms; written into
     * {@code shared} and {@code sharedPaths}, {@code groups} being the checker's FileOp groups of a kind.
     */
    static void mark(List<OpKind> kinds, PathIndex index, Function<OpKind, List<Set<FileOp>>> groups, boolean[] shared,
                     long[][] sharedPaths) {
        List<Set<Long>> touched = new ArrayList<>(); // per k * kinds + j: k's path ids that j touches too
        for (int i = 0; i < kinds.size() * kinds.size(); i++) touched.add(null);
        for (List<int[]> l : index.all()) {
            if (l.size() < 2) continue;
            for (int[] a : l) {
                for (int[] b : l) {
                    if (a[0] == b[0]) continue;
                    if (commonOp(kinds.get(a[0]), kinds.get(b[0]), groups)) shared[a[0]] = true;
                    int slot = a[0] * kinds.size() + b[0];
                    if (touched.get(slot) == null) touched.set(slot, new java.util.HashSet<>());
                    touched.get(slot).add((long) a[1]);
                }
            }
        }
        for (int k = 0; k < kinds.size(); k++) {
            for (int j = 0; j < kinds.size(); j++) {
                Set<Long> ids = touched.get(k * kinds.size() + j);
                sharedPaths[k][j] = ids == null ? 0 : ids.size();
            }
        }
    }

    /**
     * Whether {@code b}'s operations issue a call in every group of {@code a} ({@link Expectations#calls}, or b's own
     * groups), so that on a path both touch, b's events raise every one of a's counts, whose minimum is a's seen:
     * fsync opens and writes the file a write op writes (write is shared), while an open op's calls leave a read op's
     * READ alone (read is not).
     */
    private static boolean commonOp(OpKind a, OpKind b, Function<OpKind, List<Set<FileOp>>> groups) {
        for (Set<FileOp> ga : groups.apply(a)) {
            boolean hit = false;
            for (FileOp f : ga) {
                if (Expectations.calls(b).getOrDefault(f, 0) > 0) hit = true;
                for (Set<FileOp> gb : groups.apply(b)) if (gb.contains(f)) hit = true;
            }
            if (!hit) return false;
        }
        return true;
    }
}
