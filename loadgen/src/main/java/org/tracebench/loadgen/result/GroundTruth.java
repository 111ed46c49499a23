package org.tracebench.loadgen.result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Successful operations of one kind and their distinct absolute paths (sorted; capped, see truncated). */
    public record PathSet(long count, List<String> paths, boolean pathsTruncated) {
        public PathSet {
            paths = List.copyOf(paths);
        }
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
            byOp.put(k.yamlName(), e);
        }
        m.put("ops", byOp);
        return m;
    }
}
