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

/**
 * Reads a results directory (layout in docs/design.md). Tolerant: a trial directory without trial.json is an
 * unfinished trial (the suite was interrupted), an unreadable trial.json makes an invalid trial with the reason,
 * and a missing manifest.json is an empty manifest. Only a missing directory is an error.
 */
public final class ResultsReader {
    private static final Pattern DIR_NAME = Pattern.compile("^\\d+-([^-]+)-(.+)-w(\\d+)-r(\\d+)$");
    private static final Pattern TIMESTAMP = Pattern.compile("-\\d{8}-\\d{6}$");

    private ResultsReader() {}

    /** Reads every trial under {@code dir/trials}, sorted by directory name. */
    public static Results read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "not a directory");
        Map<String, Object> manifest = Collections.emptyMap();
        Path mf = dir.resolve("manifest.json");
        if (Files.isRegularFile(mf)) {
            try {
                manifest = JsonMaps.readObject(mf);
            } catch (IOException e) {
                manifest = Collections.emptyMap();
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
            for (Path d : dirs) {
                Trial t = readTrial(d);
                if (t != null) trials.add(t);
            }
        }
        return new Results(dir, suite, manifest, List.copyOf(trials));
    }

    /** One trial directory, or null when its name is not a trial's and it has no trial.json. */
    static Trial readTrial(Path d) {
        Path tj = d.resolve("trial.json");
        Matcher m = DIR_NAME.matcher(d.getFileName().toString());
        boolean named = m.matches();
        String tracer = named ? m.group(1) : null;
        String workload = named ? m.group(2) : null;
        int workers = named ? Integer.parseInt(m.group(3)) : 0;
        int rep = named ? Integer.parseInt(m.group(4)) : 0;
        if (!Files.isRegularFile(tj)) {
            if (!named) return null;
            return new Trial(d, Trial.Status.UNFINISHED, "the trial has no trial.json", tracer, workload, workers,
                    rep, Double.NaN, null, Double.NaN, Map.of(), Trial.CpuCores.UNKNOWN, Map.of(), null, null);
        }
        Map<String, Object> j;
        try {
            j = JsonMaps.readObject(tj);
        } catch (IOException e) {
            if (!named) return null;
            return new Trial(d, Trial.Status.INVALID, e.getMessage(), tracer, workload, workers, rep, Double.NaN,
                    null, Double.NaN, Map.of(), Trial.CpuCores.UNKNOWN, Map.of(), null, null);
        }
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
                    JsonMaps.num(lat, "mean")));
        }
        Map<String, Object> cpu = JsonMaps.map(j, "cpuCores");
        Trial.CpuCores cores = new Trial.CpuCores(JsonMaps.num(cpu, "load"), JsonMaps.num(cpu, "tracer"),
                JsonMaps.num(cpu, "system"), JsonMaps.num(cpu, "kernel"), JsonMaps.num(cpu, "harness"));
        Map<String, Trial.Completeness> comp = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : JsonMaps.map(j, "completeness").entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = e.getValue() instanceof Map ? (Map<String, Object>) e.getValue() : Map.of();
            Long performed = JsonMaps.lng(c, "performed");
            Long seen = JsonMaps.lng(c, "seen");
            long p = performed == null ? 0 : performed, s = seen == null ? 0 : seen;
            double ratio = JsonMaps.num(c, "ratio");
            if (Double.isNaN(ratio) && p > 0) ratio = (double) s / p;
            Boolean obs = JsonMaps.bool(c, "observable");
            comp.put(e.getKey(), new Trial.Completeness(p, s, ratio, JsonMaps.num(c, "pathRecall"),
                    obs == null || obs));
        }
        return new Trial(d, st, reason, tracer == null ? "?" : tracer, workload == null ? "?" : workload,
                w == null ? workers : w.intValue(), r == null ? rep : r.intValue(),
                JsonMaps.num(j, "measuredSeconds"), exit == null ? null : exit.intValue(),
                JsonMaps.num(j, "throughputOpsPerSecond"), ops, cores,
                comp, JsonMaps.lng(j, "lostEvents"), JsonMaps.str(j, "stderrTail"));
    }

    private static String orElse(String a, String b) {
        return a != null ? a : b;
    }
}
