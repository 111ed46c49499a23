package org.tracebench.harness.completeness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.completeness.GroundTruth.KindTruth;
import org.tracebench.loadgen.op.OpKind;

/**
 * Every form of each ground-truth path a tracer may name, to the kinds and path ids it stands for: as written, with
 * {@code .} and {@code ..} folded, its real path, an exec target's real path, and the second path the operation
 * touches (rename target, link name). Built once, then read by one thread.
 */
final class PathIndex {
    private final Map<String, List<int[]>> index = new HashMap<>(); // path -> {kind, pathId}

    /** Indexes kind number {@code k}'s paths; ids are positions in {@code truth.paths()}. */
    void add(OpKind kind, int k, KindTruth truth) {
        int id = 0;
        for (String p : truth.paths()) {
            withDerived(kind, p, k, id);
            String lexical = lexical(p);
            if (!lexical.equals(p)) withDerived(kind, lexical, k, id);
            String real = truth.realPaths().get(p);
            if (real != null) withDerived(kind, real, k, id);
            if (kind.family() == OpKind.Family.EXEC) realPath(p, k, id);
            id++;
        }
    }

    /** The {kind, pathId} pairs {@code path} stands for, or null. */
    List<int[]> owners(String path) {
        return index.get(path);
    }

    /** Whether {@code path} stands for one of kind number {@code kind}'s paths. */
    boolean owns(String path, int kind) {
        List<int[]> l = index.get(path);
        if (l == null) return false;
        for (int[] o : l) if (o[0] == kind) return true;
        return false;
    }

    /** Every path's owners. */
    Collection<List<int[]>> all() {
        return index.values();
    }

    private void put(String path, int kind, int id) {
        List<int[]> l = index.computeIfAbsent(path, x -> new ArrayList<>(1));
        for (int[] e : l) if (e[0] == kind && e[1] == id) return;
        l.add(new int[] {kind, id}); // a path may stand for two ground-truth paths of one kind (x-renamed, and x's target)
    }

    /** {@code path} and the second path an operation on it touches (rename target, link name). */
    private void withDerived(OpKind kind, String path, int k, int id) {
        put(path, k, id);
        String d = Expectations.derivedPath(kind, path);
        if (d != null) put(d, k, id);
    }

    /** {@code .}, {@code ..} and {@code //} folded as strace folds them; the kernel's own resolution is the real path. */
    private static String lexical(String p) {
        try {
            return Path.of(p).normalize().toString();
        } catch (RuntimeException e) {
            return p;
        }
    }

    private void realPath(String p, int k, int id) {
        try {
            String real = Path.of(p).toRealPath().toString();
            if (!real.equals(p)) put(real, k, id);
        } catch (IOException | RuntimeException ignored) {
            // a binary that no longer exists keeps its written path only
        }
    }
}
