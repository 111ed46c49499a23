package org.tracebench.loadgen.result;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tracebench.loadgen.op.OpKind;

/**
 * What the load generator really did from GO to the end (warm-up included, the pre-READY JIT warm-up and the
 * sentinel excluded): what a tracer attached at READY should have seen.
 *
 * @param pid       the load generator's pid
 * @param childPids every child process started by exec ops, in start order per worker
 * @param ops       per op kind: successful operations and the distinct absolute paths they touched
 */
public record GroundTruth(long pid, List<Long> childPids, Map<OpKind, PathSet> ops) {
    public GroundTruth {
        childPids = List.copyOf(childPids);
        ops = Map.copyOf(ops);
    }

    /**
     * Successful operations of one kind and their distinct absolute paths (sorted; capped, see truncated).
     *
     * @param realPaths       each path whose canonical form ({@link RealPaths}) differs from it, to that form (sorted)
     * @param getdents64Calls readdir: the getdents64 calls its operations made (the C library's, computed:
     *                        {@link org.tracebench.loadgen.sys.GetdentsCalls}); -1 for the other kinds
     */
    public record PathSet(long count, List<String> paths, boolean pathsTruncated, Map<String, String> realPaths,
                          long getdents64Calls) {
        public PathSet {
            paths = List.copyOf(paths);
            realPaths = Collections.unmodifiableMap(new TreeMap<>(realPaths));
        }

        public PathSet(long count, List<String> paths, boolean pathsTruncated, Map<String, String> realPaths) {
            this(count, paths, pathsTruncated, realPaths, -1);
        }

        /** Before the paths are resolved: no real paths. */
        public PathSet(long count, List<String> paths, boolean pathsTruncated) {
            this(count, paths, pathsTruncated, Map.of());
        }
    }

    /**
     * This ground truth with each path's canonical form where it differs (a symbolic link or {@code ..} on the way,
     * {@code .}): asks the file system, so call it after the run, while the work root still exists.
     */
    public GroundTruth withRealPaths() {
        RealPaths resolver = new RealPaths();
        Map<OpKind, PathSet> out = new EnumMap<>(OpKind.class);
        ops.forEach((k, p) -> {
            Map<String, String> real = new TreeMap<>();
            for (String s : p.paths()) {
                String r = resolver.of(s);
                if (!r.equals(s)) real.put(s, r);
            }
            out.put(k, new PathSet(p.count(), p.paths(), p.pathsTruncated(), real, p.getdents64Calls()));
        });
        return new GroundTruth(pid, childPids, out);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", pid);
        m.put("childPids", childPids);
        Map<String, Object> byOp = new LinkedHashMap<>();
        for (OpKind k : OpKind.values()) {
            PathSet p = ops.get(k);
            if (p == null) continue;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("count", p.count());
            e.put("paths", p.paths());
            e.put("pathsTruncated", p.pathsTruncated());
            e.put("realPaths", p.realPaths());
            if (p.getdents64Calls() >= 0) e.put("getdents64Calls", p.getdents64Calls());
            byOp.put(k.yamlName(), e);
        }
        m.put("ops", byOp);
        return m;
    }
}
