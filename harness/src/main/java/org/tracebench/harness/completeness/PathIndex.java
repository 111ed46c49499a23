package org.tracebench.harness.completeness;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.harness.completeness.GroundTruth.KindTruth;
import org.tracebench.loadgen.op.OpKind;

/**
 * Every form of each ground-truth path a tracer may name, to the kinds and path ids it stands for: as written, with
 * {@code .} and {@code ..} folded, its real path, an exec target's real path (and a bare name's file on PATH), and
 * the second path the operation touches (rename target, link name).
 *
 * <p>The forms of one file are one class: a path's forms, and those of any other path sharing one of them, stand for
 * the same owners. Kinds whose paths meet only through a real path ({@code /bin/true} and {@code /usr/bin/true}; a
 * path through a symlinked directory and the same file named directly) thus both own each form, so an event counts
 * for every kind whose file it names, however the tracer spelled it. (Until 2026-12-07 a form was owned only by the
 * kinds that had it: the kind whose own form the other's events lacked read 50% though the tracer saw every call.)
 * Built once, then read by one thread.
 */
final class PathIndex {
    private final Map<String, Integer> classOf = new HashMap<>(); // form -> class (follow parent to its root)
    private final List<Integer> parent = new ArrayList<>();
    private final List<List<int[]>> owners = new ArrayList<>(); // per root class: {kind, pathId}

    /** Indexes kind number {@code k}'s paths; ids are positions in {@code truth.paths()}. */
    void add(OpKind kind, int k, KindTruth truth) {
        int id = 0;
        for (String p : truth.paths()) {
            Set<String> forms = new LinkedHashSet<>();
            forms.add(p);
            forms.add(lexical(p));
            String real = truth.realPaths().get(p);
            if (real != null) forms.add(real);
            if (kind.family() == OpKind.Family.EXEC) execForms(p, forms);
            put(forms, k, id);
            Set<String> derived = new LinkedHashSet<>();
            for (String f : forms) {
                String d = Expectations.derivedPath(kind, f);
                if (d != null) derived.add(d);
            }
            if (!derived.isEmpty()) put(derived, k, id);
            id++;
        }
    }

    /** The {kind, pathId} pairs {@code path} stands for, or null. */
    List<int[]> owners(String path) {
        Integer c = classOf.get(path);
        return c == null ? null : owners.get(root(c));
    }

    /** Whether {@code path} stands for one of kind number {@code kind}'s paths. */
    boolean owns(String path, int kind) {
        List<int[]> l = owners(path);
        if (l == null) return false;
        for (int[] o : l) if (o[0] == kind) return true;
        return false;
    }

    /** Each class's owners, once. */
    Collection<List<int[]>> all() {
        List<List<int[]>> out = new ArrayList<>();
        for (int c = 0; c < parent.size(); c++) if (parent.get(c) == c) out.add(owners.get(c));
        return out;
    }

    /** Joins {@code forms} and the classes any of them has into one class, and adds {kind, id} to its owners. */
    private void put(Set<String> forms, int kind, int id) {
        int into = -1;
        for (String f : forms) {
            Integer c = classOf.get(f);
            if (c == null) continue;
            int r = root(c);
            if (into < 0) into = r;
            else if (r != into) join(r, into);
        }
        if (into < 0) {
            into = parent.size();
            parent.add(into);
            owners.add(new ArrayList<>(2));
        }
        for (String f : forms) classOf.putIfAbsent(f, into);
        own(into, kind, id);
    }

    private void join(int from, int into) {
        parent.set(from, into);
        for (int[] o : owners.get(from)) own(into, o[0], o[1]);
        owners.set(from, null);
    }

    private void own(int root, int kind, int id) {
        List<int[]> l = owners.get(root);
        for (int[] e : l) if (e[0] == kind && e[1] == id) return;
        l.add(new int[] {kind, id}); // a path may stand for two ground-truth paths of one kind (x-renamed, and x's target)
    }

    private int root(int c) {
        while (parent.get(c) != c) {
            parent.set(c, parent.get(parent.get(c)));
            c = parent.get(c);
        }
        return c;
    }

    /** {@code .}, {@code ..} and {@code //} folded as strace folds them; the kernel's own resolution is the real path. */
    private static String lexical(String p) {
        try {
            return Path.of(p).normalize().toString();
        } catch (RuntimeException e) {
            return p;
        }
    }

    /**
     * An exec target's other forms: a bare name's file on the harness's PATH (the load generator records the file it
     * found; a ground truth written otherwise may hold the name), and the real path (exec follows every symbolic
     * link; fanotify names that).
     */
    private static void execForms(String p, Set<String> forms) {
        String file = p;
        if (!p.contains("/")) {
            String pathVar = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            for (String dir : pathVar.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path c = Path.of(dir, p);
                if (Files.isRegularFile(c) && Files.isExecutable(c)) {
                    file = c.toAbsolutePath().toString();
                    forms.add(file);
                    break;
                }
            }
        }
        try {
            forms.add(Path.of(file).toRealPath().toString());
        } catch (IOException | RuntimeException ignored) {
            // a binary that no longer exists keeps its written forms only
        }
    }
}
