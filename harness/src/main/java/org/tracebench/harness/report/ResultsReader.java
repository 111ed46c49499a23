package org.tracebench.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tracebench.loadgen.result.IterationResult;

/**
 * Reads a results directory (layout in docs/design.md). Tolerant: a trial directory without trial.json is an
 * unfinished trial (the suite was interrupted), an unreadable trial.json makes an {@link Trial.Status#UNREADABLE}
 * trial with the reason (file, line and column), and a missing or unreadable manifest.json is an empty manifest (the
 * latter with {@link Results#manifestProblem()}); the manifest's plan is read into a {@link Plan}. Only a missing
 * directory is an error.
 */
public final class ResultsReader {
    /** {@code <NNN>-<tracer>-<workload>-w<workers>-r<rep>}; tracer and workload may both hold dashes. */
    private static final Pattern DIR_NAME = Pattern.compile("^\\d+-(.+)-w(\\d+)-r(\\d+)$");
    private static final Pattern TIMESTAMP = Pattern.compile("-\\d{8}-\\d{6}$");

    private ResultsReader() {}

    /** True when {@code dir} has a manifest.json or a trials/ directory: something {@code tracebench run} wrote. */
    public static boolean isResultsDir(Path dir) {
        return Files.isRegularFile(dir.resolve("manifest.json")) || Files.isDirectory(dir.resolve("trials"));
    }

    /** Reads every trial under {@code dir/trials}, sorted by directory name. */
    public static Results read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "not a directory");
        Map<String, Object> manifest = Collections.emptyMap();
        String manifestProblem = null;
        Path mf = dir.resolve("manifest.json");
        if (Files.isRegularFile(mf)) {
            try {
                manifest = JsonMaps.readObject(mf);
            } catch (IOException e) {
                manifestProblem = e.getMessage();
            }
        }
        String suite = JsonMaps.str(manifest, "suite");
        if (suite == null) {
            String n = dir.toAbsolutePath().normalize().getFileName().toString();
            suite = TIMESTAMP.matcher(n).replaceFirst("");
        }
        List<Trial> trials = new ArrayList<>();
        Path td = dir.resolve("trials");
        if (Files.isDirectory(td)) {
            List<Path> dirs;
            try (Stream<Path> s = Files.list(td)) {
                dirs = s.filter(Files::isDirectory).sorted().toList();
            }
            Naming naming = Naming.of(manifest);
            for (Path d : dirs) {
                Trial t = readTrial(d, naming);
                if (t != null) trials.add(t);
            }
        }
        return new Results(dir, suite, manifest, List.copyOf(trials), manifestProblem, Plan.read(dir, manifest));
    }

    /**
     * What a trial directory's name stands for, for trials without a readable trial.json: the manifest's plan entry
     * for that directory when there is one; else the name split after the longest tracer name the manifest knows
     * (plan, tracerVersions), so {@code strace-seccomp} is not read as tracer {@code strace}; else at the first dash.
     */
    record Naming(Map<String, Map<String, Object>> planByDir, List<String> knownTracers) {
        @SuppressWarnings("unchecked")
        static Naming of(Map<String, Object> manifest) {
            Map<String, Map<String, Object>> byDir = new LinkedHashMap<>();
            List<String> known = new ArrayList<>();
            if (manifest.get("plan") instanceof List<?> plan) {
                for (Object o : plan) {
                    if (!(o instanceof Map<?, ?> e)) continue;
                    Map<String, Object> entry = (Map<String, Object>) e;
                    String dir = JsonMaps.str(entry, "dir");
                    if (dir != null) byDir.put(dir, entry);
                    String t = JsonMaps.str(entry, "tracer");
                    if (t != null && !known.contains(t)) known.add(t);
                }
            }
            for (String t : JsonMaps.map(manifest, "tracerVersions").keySet()) if (!known.contains(t)) known.add(t);
            return new Naming(byDir, known);
        }

        /** What a trial directory's name says, or null when it is not a trial's. */
        DirName parse(String dirName) {
            Matcher m = DIR_NAME.matcher(dirName);
            if (!m.matches()) return null;
            int workers = Integer.parseInt(m.group(2));
            int rep = Integer.parseInt(m.group(3));
            Map<String, Object> planned = planByDir.get(dirName);
            if (planned != null && JsonMaps.str(planned, "tracer") != null && JsonMaps.str(planned, "workload") != null) {
                return new DirName(JsonMaps.str(planned, "tracer"), JsonMaps.str(planned, "workload"), workers, rep);
            }
            String tracerAndWorkload = m.group(1);
            String tracer = null;
            for (String k : knownTracers) {
                if (tracerAndWorkload.startsWith(k + "-") && tracerAndWorkload.length() > k.length() + 1
                        && (tracer == null || k.length() > tracer.length())) tracer = k;
            }
            if (tracer == null) {
                int dash = tracerAndWorkload.indexOf('-');
                if (dash <= 0 || dash == tracerAndWorkload.length() - 1) return null;
                tracer = tracerAndWorkload.substring(0, dash);
            }
            return new DirName(tracer, tracerAndWorkload.substring(tracer.length() + 1), workers, rep);
        }
    }

    /** The configuration a trial directory's name stands for. */
    record DirName(String tracer, String workload, int workers, int repetition) {}

    /** One trial directory, or null when its name is not a trial's and it has no trial.json. */
    static Trial readTrial(Path d, Naming naming) {
        Path tj = d.resolve("trial.json");
        DirName parsed = naming.parse(d.getFileName().toString());
        boolean named = parsed != null;
        String tracer = named ? parsed.tracer() : null;
        String workload = named ? parsed.workload() : null;
        int workers = named ? parsed.workers() : 0;
        int rep = named ? parsed.repetition() : 0;
        if (!Files.isRegularFile(tj)) {
            if (!named) return null;
            return new Trial(d, Trial.Status.UNFINISHED, "the trial has no trial.json", tracer, workload, workers,
                    rep, Double.NaN, null, Double.NaN, Map.of(), Trial.CpuCores.UNKNOWN, Map.of(), null, null, null, Double.NaN, Double.NaN, null, null, 0, 0,
                    Trial.IterationLatency.UNKNOWN, false, null);
        }
        Map<String, Object> j;
        try {
            j = JsonMaps.readObject(tj);
        } catch (IOException e) {
            if (!named) return null;
            return unreadable(d, e.getMessage(), parsed);
        }
        String wrong = wrongType(tj, j);
        if (wrong != null) return named ? unreadable(d, wrong, parsed) : null;
        String status = JsonMaps.str(j, "status");
        Trial.Status st = "ok".equals(status) ? Trial.Status.OK : Trial.Status.INVALID;
        String reason = JsonMaps.str(j, "invalidReason");
        if (st == Trial.Status.INVALID && reason == null) reason = "status is " + status;
        tracer = orElse(JsonMaps.str(j, "tracer"), tracer);
        workload = orElse(JsonMaps.str(j, "workload"), workload);
        Long w = JsonMaps.lng(j, "workers");
        Long r = JsonMaps.lng(j, "repetition");
        Long exit = JsonMaps.lng(j, "tracerExitCode");
        Map<String, Trial.Op> ops = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : JsonMaps.map(j, "ops").entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> o = e.getValue() instanceof Map ? (Map<String, Object>) e.getValue() : Map.of();
            Map<String, Object> lat = JsonMaps.map(o, "latencyNanos");
            Long count = JsonMaps.lng(o, "count");
            Long errors = JsonMaps.lng(o, "errors");
            ops.put(e.getKey(), new Trial.Op(count == null ? 0 : count, errors == null ? 0 : errors,
                    JsonMaps.num(o, "opsPerSecond"), JsonMaps.num(lat, "p50"), JsonMaps.num(lat, "p90"),
                    JsonMaps.num(lat, "p99"), JsonMaps.num(lat, "p999"), JsonMaps.num(lat, "max"),
                    JsonMaps.num(lat, "mean"), o.get("errorSamples") instanceof List<?> l
                            ? l.stream().map(String::valueOf).toList() : List.of()));
        }
        Map<String, Object> cpu = JsonMaps.map(j, "cpuCores");
        Trial.CpuCores cores = new Trial.CpuCores(JsonMaps.num(cpu, "load"), JsonMaps.num(cpu, "tracer"),
                JsonMaps.num(cpu, "system"), JsonMaps.num(cpu, "kernel"), JsonMaps.num(cpu, "harness"),
                JsonMaps.num(cpu, "steal"), JsonMaps.num(cpu, "otherUser"), JsonMaps.num(cpu, "tracerSystem"));
        Map<String, Trial.Completeness> comp = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : JsonMaps.map(j, "completeness").entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = e.getValue() instanceof Map ? (Map<String, Object>) e.getValue() : Map.of();
            Long performed = JsonMaps.lng(c, "performed");
            Long seen = JsonMaps.lng(c, "seen");
            Long byPath = JsonMaps.lng(c, "seenByPath");
            long p = performed == null ? 0 : performed, s = seen == null ? 0 : seen;
            double ratio = JsonMaps.num(c, "ratio");
            if (Double.isNaN(ratio) && p > 0) ratio = (double) s / p;
            Boolean obs = JsonMaps.bool(c, "observable");
            String attribution = JsonMaps.str(c, "attribution");
            comp.put(e.getKey(), new Trial.Completeness(p, s, ratio, JsonMaps.num(c, "pathRecall"),
                    obs == null || obs, JsonMaps.str(c, "seenAs"), attribution != null && attribution.contains("count"),
                    byPath == null ? s : byPath, JsonMaps.str(c, "notTracedByOption")));
        }
        return new Trial(d, st, reason, tracer == null ? "?" : tracer, workload == null ? "?" : workload,
                w == null ? workers : w.intValue(), r == null ? rep : r.intValue(),
                JsonMaps.num(j, "measuredSeconds"), exit == null ? null : exit.intValue(),
                JsonMaps.num(j, "throughputOpsPerSecond"), ops, cores,
                comp, JsonMaps.lng(j, "lostEvents"), JsonMaps.str(j, "stderrTail"), publicApiReason(j),
                j.get("cpuPlacement") instanceof Map<?, ?> pl && pl.get("share") instanceof Number n ? n.doubleValue() : Double.NaN,
                sweepLevel(j) ? Double.NaN : JsonMaps.num(j, "ratePerWorker"),
                JsonMaps.lng(JsonMaps.map(j, "parsing"), "unparsedLines"), JsonMaps.lng(JsonMaps.map(j, "parsing"), "unresolvedPaths"),
                placement(j, "block"), placement(j, "position"), iterationLatency(d, j), sweepLevel(j),
                JsonMaps.lng(j, "completenessUnmatchedEvents"));
    }

    /**
     * trial.json's {@code iterationLatencyNanos} and {@code iterationsUnfinished}; for a rated trial.json written before
     * them, or one that left out a latency whose iterations were all unfinished, load.json's iteration latency (from the
     * intended start at a rate), read from the trial's directory.
     */
    private static Trial.IterationLatency iterationLatency(Path d, Map<String, Object> j) {
        Map<String, Object> lat = JsonMaps.map(j, "iterationLatencyNanos");
        Long unfinished = JsonMaps.lng(j, "iterationsUnfinished");
        boolean rated = !Double.isNaN(JsonMaps.num(j, "ratePerWorker"));
        if (!rated && !j.containsKey("iterationLatencyNanos")) return Trial.IterationLatency.UNKNOWN;
        Map<String, Object> it = null; // load.json's iterations, read at most once
        if (rated && (lat.isEmpty() || unfinished == null)) {
            it = loadIterations(d);
            if (it != null) {
                unfinished = JsonMaps.lng(it, "unfinished");
                long held = IterationResult.inLatency(it);
                lat = held == 0 ? Map.of() : JsonMaps.map(it, "latencyNanos");
            } else if (lat.isEmpty()) {
                return Trial.IterationLatency.UNKNOWN;
            }
        }
        Map<?, ?> flags = null;
        if (rated && unfinished != null && unfinished > 0) {
            if (it == null) it = loadIterations(d);
            flags = IterationResult.lowerBoundFlags(it);
        }
        return new Trial.IterationLatency(JsonMaps.num(lat, "p50"), JsonMaps.num(lat, "p99"), JsonMaps.num(lat, "p999"),
                JsonMaps.num(lat, "max"), rated && unfinished != null ? unfinished : -1, flags);
    }

    /** load.json's {@code iterations} of the trial in {@code d}; null where load.json cannot be read. */
    private static Map<String, Object> loadIterations(Path d) {
        try {
            return JsonMaps.map(JsonMaps.readObject(d.resolve("load.json")), "iterations");
        } catch (IOException e) {
            return null;
        }
    }

    private static Trial unreadable(Path d, String why, DirName n) {
        return new Trial(d, Trial.Status.UNREADABLE, why, n.tracer(), n.workload(), n.workers(), n.repetition(), Double.NaN,
                null, Double.NaN, Map.of(), Trial.CpuCores.UNKNOWN, Map.of(), null, null, null, Double.NaN, Double.NaN, null, null, 0, 0,
                Trial.IterationLatency.UNKNOWN, false, null);
    }

    /** Numbers the reports use; a value that is neither null nor a number makes the trial.json unreadable. */
    private static final List<String> NUMBERS = List.of("workers", "repetition", "measuredSeconds", "tracerExitCode",
            "throughputOpsPerSecond", "lostEvents");

    /**
     * Why trial.json {@code tj}, read as {@code j}, cannot be trusted (no status; text where a number belongs), or
     * null; such a trial is {@link Trial.Status#UNREADABLE} and {@code run --resume} runs it again.
     */
    public static String wrongType(Path tj, Map<String, Object> j) {
        if (!(j.get("status") instanceof String)) {
            return tj + ": 'status' is " + (j.get("status") == null ? "missing" : "not a string") + " (expected \"ok\" or \"invalid\").";
        }
        for (String k : NUMBERS) {
            Object v = j.get(k);
            if (v != null && Double.isNaN(JsonMaps.num(j, k))) return tj + ": '" + k + "' is " + (v instanceof String
                    ? "\"" + v + "\"" : "a " + (v instanceof Map ? "JSON object" : v instanceof List ? "list" : "boolean")) + ", not a number.";
        }
        return null;
    }

    /** A level of a rate sweep (issue 7): open loop by design, reported in the sweep's own section. */
    private static boolean sweepLevel(Map<String, Object> trial) {
        return trial.get("placement") instanceof Map<?, ?> p && p.get("offeredRatePerSecond") instanceof Number;
    }

    /** A paired block's number or position from trial.json's placement; 0 outside a block or when unknown. */
    private static int placement(Map<String, Object> trial, String key) {
        Long v = JsonMaps.lng(JsonMaps.map(trial, "placement"), key);
        return v == null || v < 0 ? 0 : v.intValue();
    }

    private static String publicApiReason(Map<String, Object> trial) {
        if (!Boolean.FALSE.equals(JsonMaps.bool(trial, "loadJdkInternals"))) return null;
        String why = JsonMaps.str(trial, "loadJdkInternalsUnavailable");
        return why != null ? why : "no reason recorded";
    }

    private static String orElse(String a, String b) {
        return a != null ? a : b;
    }
}
