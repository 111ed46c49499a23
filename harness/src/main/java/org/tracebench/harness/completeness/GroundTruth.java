package org.tracebench.harness.completeness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tracebench.loadgen.op.OpKind;

/**
 * What the load generator really did, from the {@code groundTruth} object of its result JSON.
 *
 * @param childPids pids of every child process it started
 * @param ops       per op kind with at least one successful operation
 */
public record GroundTruth(long pid, List<Long> childPids, Map<OpKind, KindTruth> ops) {

    /**
     * @param paths     distinct absolute paths touched; {@code pathsTruncated} when the load generator capped the list
     * @param realPaths       a path's canonical form where it differs (symbolic links and {@code ..} resolved), by path
     * @param getdents64Calls readdir: the getdents64 calls its operations made; -1 where the load result has none
     *                        (other kinds, results written before 2026-12-07)
     */
    public record KindTruth(long count, Set<String> paths, boolean pathsTruncated, Map<String, String> realPaths,
                            long getdents64Calls) {
        public KindTruth(long count, Set<String> paths, boolean pathsTruncated) {
            this(count, paths, pathsTruncated, Map.of(), -1);
        }
    }

    /** Reads the {@code groundTruth} of a load result as SnakeYAML loaded it; unknown op names are ignored. */
    public static GroundTruth fromLoadResult(Map<String, Object> load) {
        Object gt = load.get("groundTruth");
        if (!(gt instanceof Map<?, ?> m)) return new GroundTruth(-1, List.of(), Map.of());
        long pid = m.get("pid") instanceof Number n ? n.longValue() : -1;
        List<Long> children = new ArrayList<>();
        if (m.get("childPids") instanceof List<?> l) for (Object o : l) if (o instanceof Number n) children.add(n.longValue());
        Map<OpKind, KindTruth> ops = new EnumMap<>(OpKind.class);
        if (m.get("ops") instanceof Map<?, ?> om) {
            for (Map.Entry<?, ?> e : om.entrySet()) {
                Optional<OpKind> kind = OpKind.byName(String.valueOf(e.getKey()));
                if (kind.isEmpty() || !(e.getValue() instanceof Map<?, ?> km)) continue;
                long count = km.get("count") instanceof Number n ? n.longValue() : 0;
                Set<String> paths = new LinkedHashSet<>();
                if (km.get("paths") instanceof List<?> pl) for (Object p : pl) paths.add(String.valueOf(p));
                boolean truncated = Boolean.TRUE.equals(km.get("pathsTruncated"));
                Map<String, String> real = new HashMap<>();
                if (km.get("realPaths") instanceof Map<?, ?> rm) rm.forEach((p, r) -> real.put(String.valueOf(p), String.valueOf(r)));
                long getdents = km.get("getdents64Calls") instanceof Number n ? n.longValue() : -1;
                ops.put(kind.get(), new KindTruth(count, paths, truncated, real, getdents));
            }
        }
        return new GroundTruth(pid, children, ops);
    }
}
