package org.tracebench.tracers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tracebench.tracers.bpftrace.BpftraceTracer;
import org.tracebench.tracers.fatrace.FatraceTracer;
import org.tracebench.tracers.ftrace.FtraceTracer;
import org.tracebench.tracers.none.NoneTracer;
import org.tracebench.tracers.strace.StraceSeccompTracer;
import org.tracebench.tracers.strace.StraceTracer;

/**
 * The registry of tracer backends, explicit like caffeine's simulator policies: one line per backend in
 * {@link #all()}. Constructing a backend probes its availability (a few short commands such as {@code strace -V}),
 * so call {@link #all()} once and keep the list.
 */
public final class Tracers {
    private Tracers() {}

    /** Every backend, constructed (and so probed), in listing order. */
    public static List<Tracer> all() {
        return all(org.tracebench.tracers.proc.Probes.isRoot());
    }

    /** Every backend, probed as if tracebench ran as root or not (a backend needing root says so without it). */
    public static List<Tracer> all(boolean root) {
        List<Tracer> all = new ArrayList<>();
        all.add(new NoneTracer());
        all.add(new StraceTracer(root));
        all.add(new StraceSeccompTracer(root));
        all.add(new FatraceTracer(root));
        all.add(new FtraceTracer(root));
        all.add(BpftraceTracer.tracepoints(root));
        all.add(BpftraceTracer.lsm(root));
        return all;
    }

    /** Names of {@link #all()}, in order. */
    public static List<String> names(List<Tracer> tracers) {
        return tracers.stream().map(Tracer::name).toList();
    }

    /** The backend called {@code name} (case-insensitive). */
    public static Tracer byName(String name) {
        return byName(all(), name);
    }

    /**
     * The backend of {@code tracers} called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException with a whole-sentence message naming the closest known names
     */
    public static Tracer byName(List<Tracer> tracers, String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Tracer t : tracers) {
            if (t.name().equals(n)) return t;
        }
        String known = String.join(", ", names(tracers));
        Optional<String> close = didYouMean(n, names(tracers));
        throw new IllegalArgumentException("Unknown tracer '" + name + "'."
                + close.map(c -> " Did you mean '" + c + "'?").orElse("") + " Known tracers: " + known + ".");
    }

    /** The known name closest to {@code wrong} (edit distance at most 2, or a prefix either way), if any. */
    public static Optional<String> didYouMean(String wrong, List<String> known) {
        if (wrong.isEmpty()) return Optional.empty();
        List<String> prefixed = known.stream().filter(k -> k.startsWith(wrong) || wrong.startsWith(k))
                .collect(Collectors.toList());
        Optional<String> best = known.stream()
                .filter(k -> distance(k, wrong) <= 2)
                .min(Comparator.comparingInt(k -> distance(k, wrong)));
        if (best.isPresent()) return best;
        return prefixed.stream().min(Comparator.comparingInt(k -> Math.abs(k.length() - wrong.length())));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
