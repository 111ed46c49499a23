package org.tracebench.harness.pairing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The pairs of paired ABBA blocks, for any reading of the trials (the report's {@code Trial}, issue 7's
 * {@code TrialRow}), so every table pairs them alike: within a block (block number above 0) the pairs are
 * (position 2, 1) and (3, 4) as tracer over baseline, and a pair counts when both trials are valid.
 */
public final class AbbaPairs {
    private AbbaPairs() {}

    /** One pair: the trial in the block's middle and the baseline beside it. */
    public record Pair<T>(T tracer, T baseline) {}

    /**
     * The valid pairs of every block grouped by {@code key} of the block's tracer trial (position 2, else 3), keys in
     * the order of their first block; a key whose blocks hold no valid pair maps to an empty list.
     */
    public static <T, K> Map<K, List<Pair<T>>> of(List<T> trials, ToIntFunction<T> block, ToIntFunction<T> position,
                                                  Predicate<T> ok, Function<T, K> key) {
        Map<Integer, Map<Integer, T>> blocks = new TreeMap<>();
        for (T t : trials) {
            if (block.applyAsInt(t) > 0) blocks.computeIfAbsent(block.applyAsInt(t), k -> new TreeMap<>()).put(position.applyAsInt(t), t);
        }
        Map<K, List<Pair<T>>> out = new LinkedHashMap<>();
        for (Map<Integer, T> b : blocks.values()) {
            T tracer = b.getOrDefault(2, b.get(3));
            if (tracer == null) continue;
            List<Pair<T>> ps = out.computeIfAbsent(key.apply(tracer), k -> new ArrayList<>());
            add(ps, b.get(2), b.get(1), ok);
            add(ps, b.get(3), b.get(4), ok);
        }
        return out;
    }

    private static <T> void add(List<Pair<T>> ps, T tracer, T baseline, Predicate<T> ok) {
        if (tracer != null && baseline != null && ok.test(tracer) && ok.test(baseline)) ps.add(new Pair<>(tracer, baseline));
    }
}
