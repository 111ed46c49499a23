package org.tracebench.harness.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.harness.report.Analysis.ConfigStats;
import org.tracebench.harness.results.Sessions;

/**
 * What differs between two runs besides the tracers' cost, for {@code compare}: the machine and software
 * (manifest.json's environment, the versions of the tracers compared, tracebench's version and commit), the
 * settings a measurement depends on (duration, warm-up, repetitions, order, cooldown, sampling, pinning, each
 * tracer's options, each workload's rate), the task
 * files of the workloads compared (their SHA-256), and what the host took from the compared trials (steal and other
 * processes' CPU, mean per valid trial), and whether a run was resumed on other software or another machine than it
 * began on ({@link Sessions}). A ratio B/A measures all of them together with the change one meant to measure. Pure:
 * two analyses → a list.
 */
public record RunDifferences(List<Difference> items) {

    /** One difference: what differs (a sentence fragment) and its value in A and in B ("–" when absent). */
    public record Difference(String what, String a, String b) {}

    /** The suite settings compared; others (name, seed, source, tracers, workers) are expected to differ or are the rows. */
    static final List<String> SETTINGS = List.of("duration", "warmup", "repetitions", "order", "cooldown",
            "samplingInterval", "pinning");

    /** The suite settings that change the numbers, which report.md, the .tex tables and summary.json state. */
    public static final List<String> MEASURED = List.of("pinning", "duration", "warmup", "order", "cooldown",
            "samplingInterval");

    /** {@link #MEASURED}'s values in manifest.json's {@code suiteAsRun}, in that order; those missing left out. */
    public static Map<String, Object> measured(Map<String, Object> manifest) {
        Map<String, Object> asRun = JsonMaps.map(manifest, "suiteAsRun");
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (String k : MEASURED) if (asRun.get(k) != null) out.put(k, asRun.get(k));
        return out;
    }

    /** The differences between {@code a} and {@code b} over the configurations of {@code rows}. */
    public static RunDifferences of(Analysis a, Analysis b, List<Comparison.Row> rows) {
        Map<String, Object> ma = a.results().manifest(), mb = b.results().manifest();
        Set<String> tracers = new LinkedHashSet<>(), workloads = new LinkedHashSet<>();
        rows.forEach(r -> { tracers.add(r.config().tracer()); workloads.add(r.config().workload()); });
        List<Difference> out = new ArrayList<>(provenance(ma, mb, tracers));
        add(out, "a session of the run (run --resume) differs from its first in",
                java.util.Objects.requireNonNullElse(resumedOn(ma), "–"), java.util.Objects.requireNonNullElse(resumedOn(mb), "–"));
        for (String s : SETTINGS) {
            add(out, "suite setting " + s, text(JsonMaps.map(ma, "suiteAsRun").get(s)), text(JsonMaps.map(mb, "suiteAsRun").get(s)));
        }
        for (String t : tracers) {
            if (t.equals("none")) continue;
            String oa = TracerOptions.text(TracerOptions.of(ma, a.results().trials(), t));
            String ob = TracerOptions.text(TracerOptions.of(mb, b.results().trials(), t));
            if (!(oa + ob).equals("–" + TracerOptions.DEFAULTS) && !(ob + oa).equals("–" + TracerOptions.DEFAULTS)) {
                add(out, "options of " + t, oa, ob); // unrecorded (older results) beside defaults: likely the same
            }
        }
        rates(out, a, b, rows);
        for (String w : workloads) {
            String ha = sha(ma, w), hb = sha(mb, w);
            if (ha != null && hb != null) add(out, "task file of " + w + " (SHA-256)", ha, hb);
        }
        host(out, "CPU stolen by other guests (cores, mean per trial)", Analysis.STEAL_LIMIT_CORES, a, b, rows,
                t -> t.cpuCores().steal());
        host(out, "other processes' CPU (cores, mean per trial)", Analysis.OTHER_USER_LIMIT_CORES, a, b, rows,
                t -> t.cpuCores().otherUser());
        return new RunDifferences(List.copyOf(out));
    }

    /**
     * What a measurement depends on that differs between {@code a} and {@code b}, each a manifest.json or one of its
     * {@link Sessions#RESUMES} entries: each environment field, the version of each of {@code tracers} but none,
     * tracebench's version and commit.
     */
    public static List<Difference> provenance(Map<String, Object> a, Map<String, Object> b, Collection<String> tracers) {
        List<Difference> out = new ArrayList<>();
        Map<String, Object> ea = JsonMaps.map(a, "environment"), eb = JsonMaps.map(b, "environment");
        Set<String> keys = new LinkedHashSet<>(ea.keySet());
        keys.addAll(eb.keySet());
        for (String k : keys) add(out, k, text(ea.get(k)), text(eb.get(k)));
        Set<String> backends = new LinkedHashSet<>(); // manifest.json keys versions by backend, rows by label
        tracers.forEach(t -> backends.add(org.tracebench.harness.suite.Suite.TracerSpec.backendOf(t)));
        for (String t : backends) {
            if (t.equals("none")) continue;
            add(out, "version of " + t, text(JsonMaps.map(a, "tracerVersions").get(t)),
                    text(JsonMaps.map(b, "tracerVersions").get(t)));
        }
        add(out, "tracebench version", text(JsonMaps.map(a, "tracebench").get("version")),
                text(JsonMaps.map(b, "tracebench").get("version")));
        add(out, "tracebench commit", commit(a), commit(b));
        return out;
    }

    /**
     * For each session of {@code manifest} after the first, what differs from the first ({@link #provenance} over
     * the tracers that session ran); an empty list for a session on the same machine and software.
     */
    public static List<List<Difference>> sessions(Map<String, Object> manifest) {
        List<Map<String, Object>> all = Sessions.of(manifest);
        List<List<Difference>> out = new ArrayList<>();
        for (Map<String, Object> s : all.subList(1, all.size())) {
            out.add(provenance(all.get(0), s, JsonMaps.map(s, "tracerVersions").keySet()));
        }
        return out;
    }

    /**
     * "resumed 2026-12-07T10:00:00Z: kernel 6.18.0 → 6.19.2, tracebench commit 1a2b3c4 → 5d6e7f8" for each resumed
     * session that differs from the run's first ("; " between them), or null when none does.
     */
    public static String resumedOn(Map<String, Object> manifest) {
        List<Map<String, Object>> all = Sessions.of(manifest);
        List<List<Difference>> diffs = sessions(manifest);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < diffs.size(); i++) {
            if (diffs.get(i).isEmpty()) continue;
            out.add("resumed " + text(all.get(i + 1).get("startedAt")) + ": " + arrows(diffs.get(i)));
        }
        return out.isEmpty() ? null : String.join("; ", out);
    }

    /** "kernel 6.18.0 → 6.19.2, version of strace 6.1 → 6.2". */
    public static String arrows(List<Difference> items) {
        return String.join(", ", items.stream().map(d -> d.what() + " " + d.a() + " → " + d.b()).toList());
    }

    /** True when the host took noticeably more from one run than from the other. */
    public boolean hostDiffers() {
        return items.stream().anyMatch(d -> d.what().startsWith("CPU stolen") || d.what().startsWith("other processes"));
    }

    private static void add(List<Difference> out, String what, String a, String b) {
        if (!a.equals(b)) out.add(new Difference(what, a, b));
    }

    /**
     * A difference in what the host took when the runs' means are more than {@code limit} cores apart (the level at
     * which a run's own warning starts): residuals near zero differ by noise alone.
     */
    private static void host(List<Difference> out, String what, double limit, Analysis a, Analysis b,
                             List<Comparison.Row> rows, java.util.function.ToDoubleFunction<Trial> value) {
        double va = mean(a, rows, value), vb = mean(b, rows, value);
        if (Double.isNaN(va) || Double.isNaN(vb) || Math.abs(va - vb) <= limit) return;
        out.add(new Difference(what, Num.fixed(va, 3), Num.fixed(vb, 3)));
    }

    /** A workload and worker count run at another rate (or closed loop) in B than in A: B/A then compares two loads. */
    private static void rates(List<Difference> out, Analysis a, Analysis b, List<Comparison.Row> rows) {
        Set<String> seen = new java.util.HashSet<>();
        for (Comparison.Row r : rows) {
            Analysis.Config k = r.config();
            if (!seen.add(k.workload() + " w" + k.workers())) continue;
            add(out, "rate of " + k.workload() + " w" + k.workers() + " (iterations/s per worker)",
                    rate(a.find(k.tracer(), k.workload(), k.workers())), rate(b.find(k.tracer(), k.workload(), k.workers())));
        }
    }

    private static String rate(ConfigStats s) {
        double r = s == null ? Double.NaN : s.ratePerWorker();
        return Double.isNaN(r) ? "closed loop" : Num.sig(r, 4);
    }

    private static double mean(Analysis x, List<Comparison.Row> rows, java.util.function.ToDoubleFunction<Trial> value) {
        double sum = 0;
        int n = 0;
        for (Comparison.Row r : rows) {
            ConfigStats s = x.find(r.config().tracer(), r.config().workload(), r.config().workers());
            if (s == null) continue;
            for (Trial t : s.valid()) {
                double v = value.applyAsDouble(t);
                if (Double.isNaN(v)) continue;
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String sha(Map<String, Object> manifest, String workload) {
        Object v = JsonMaps.map(JsonMaps.map(manifest, "taskFiles"), workload).get("sha256");
        return v == null ? null : Num.shortHash(String.valueOf(v));
    }

    private static String commit(Map<String, Object> manifest) {
        return Num.shortHash(text(JsonMaps.map(manifest, "tracebench").get("gitCommit")));
    }


    private static String text(Object v) {
        if (v == null) return "–";
        if (v instanceof List<?> l) return String.join(" ", l.stream().map(String::valueOf).toList());
        return String.valueOf(v);
    }
}
