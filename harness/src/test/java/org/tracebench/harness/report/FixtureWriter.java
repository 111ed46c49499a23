package org.tracebench.harness.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.tracebench.loadgen.json.Json;

/**
 * Writes the committed test fixture {@code src/test/resources/fixture-results/quick-20261123-100000}: a hand-made
 * but realistic results directory (none, strace, fatrace × 2 repetitions of a mixed workload, one invalid strace
 * trial, one unfinished none trial), with latency.hlog files written by HdrHistogram's HistogramLogWriter. Numbers
 * follow /work/shared/tracer-facts.md (strace ~20× on metadata ops, fatrace blind to stat/chmod). Seeded, so
 * rerunning gives the same numbers. Run: {@code java -cp <test classpath> ...FixtureWriter DIR}.
 */
public final class FixtureWriter {
    static final String[] OPS = {"read", "write", "stat", "chmod"};
    /** none's ops/s per op kind and the tracer's slowdown per op kind. */
    static final double[] NONE_RATE = {42_000, 16_000, 61_000, 19_000};
    static final Map<String, double[]> SLOWDOWN = Map.of("none", new double[] {1, 1, 1, 1},
            "strace", new double[] {18, 9, 24, 21}, "fatrace", new double[] {1.9, 1.6, 1.05, 1.03});

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]));
    }

    static void write(Path root) throws IOException {
        Files.createDirectories(root.resolve("trials"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "tracebench-manifest/1");
        m.put("suite", "quick");
        m.put("startedAt", "2026-11-23T10:00:00Z");
        m.put("seed", 42);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("kernel", "6.18.0-tracebench");
        env.put("distribution", "Debian GNU/Linux 12 (bookworm)");
        env.put("cpuModel", "Intel(R) Xeon(R) CPU @ 2.20GHz");
        env.put("cores", 2);
        env.put("memoryBytes", 8_343_298_048L);
        env.put("jvm", "17.0.13+11-Debian");
        m.put("environment", env);
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("strace", "6.1");
        versions.put("fatrace", "0.17.0");
        m.put("tracerVersions", versions);
        m.put("tracebench", new LinkedHashMap<>(Map.of("version", "0.1.0-SNAPSHOT")));
        Map<String, Object> asRun = new LinkedHashMap<>(); // quick.yaml's settings (the part report.md states)
        asRun.put("name", "quick");
        asRun.put("duration", "5s");
        asRun.put("warmup", "1s");
        asRun.put("repetitions", 2);
        asRun.put("order", "randomized");
        asRun.put("cooldown", "500ms");
        asRun.put("samplingInterval", "500ms");
        asRun.put("pinning", "none");
        m.put("suiteAsRun", asRun);
        Files.writeString(root.resolve("manifest.json"), Json.write(m) + "\n");
        Random rnd = new Random(42);
        String[][] plan = {{"none", "1"}, {"strace", "1"}, {"fatrace", "1"}, {"fatrace", "2"}, {"none", "2"},
            {"strace", "2"}, {"strace", "3"}};
        int i = 1;
        for (String[] p : plan) {
            trial(root, i++, p[0], Integer.parseInt(p[1]), rnd, p[0].equals("strace") && p[1].equals("3"));
        }
        Path unfinished = root.resolve("trials/008-none-mixed-w1-r3");
        Files.createDirectories(unfinished);
        Files.writeString(unfinished.resolve("system.csv"), SYSTEM_HEADER + "\n0,0.9,0,0.3,0.8,0,0,0.0,0\n");
    }

    static final String SYSTEM_HEADER = "t_ms,cpu_user,cpu_nice,cpu_system,cpu_idle,cpu_iowait,cpu_irq,cpu_softirq,"
            + "cpu_steal,load_cpu_cores,load_rss_bytes,tracer_cpu_cores,tracer_rss_bytes,harness_cpu_cores,"
            + "ctx_switches,disk_read_bytes,disk_write_bytes,other_user_cores";

    private static void trial(Path root, int n, String tracer, int rep, Random rnd, boolean invalid)
            throws IOException {
        Path d = root.resolve(String.format(Locale.ROOT, "trials/%03d-%s-mixed-w1-r%d", n, tracer, rep));
        Files.createDirectories(d);
        double noise = 1 + 0.03 * rnd.nextGaussian();
        double seconds = 5.0;
        Map<String, Object> ops = new LinkedHashMap<>();
        Map<String, Object> comp = new LinkedHashMap<>();
        double total = 0;
        try (PrintStream ps = new PrintStream(Files.newOutputStream(d.resolve("latency.hlog")), true, "UTF-8")) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputLogFormatVersion();
            w.outputStartTime(1_763_892_000_000L + n * 10_000L);
            w.setBaseTime(1_763_892_000_000L + n * 10_000L);
            w.outputLegend();
            for (int k = 0; k < OPS.length; k++) {
                double rate = NONE_RATE[k] / 4 / SLOWDOWN.get(tracer)[k] * noise;
                long count = Math.round(rate * seconds);
                total += rate;
                Histogram h = new Histogram(3_600_000_000_000L, 3);
                double medianNanos = 0.8e9 / NONE_RATE[k] * SLOWDOWN.get(tracer)[k];
                for (int s = 0; s < Math.min(count, 20_000); s++) {
                    double v = medianNanos * Math.exp(0.35 * rnd.nextGaussian());
                    if (rnd.nextDouble() < 0.01) v *= 5 + 20 * rnd.nextDouble();
                    h.recordValue(Math.max(1, Math.round(v)));
                }
                h.setTag(OPS[k]);
                h.setStartTimeStamp(1_763_892_000_000L + n * 10_000L);
                h.setEndTimeStamp(1_763_892_000_000L + n * 10_000L + 5_000);
                w.outputIntervalHistogram(h);
                Map<String, Object> lat = new LinkedHashMap<>();
                lat.put("p50", h.getValueAtPercentile(50));
                lat.put("p90", h.getValueAtPercentile(90));
                lat.put("p99", h.getValueAtPercentile(99));
                lat.put("p999", h.getValueAtPercentile(99.9));
                lat.put("max", h.getMaxValue());
                lat.put("mean", round(h.getMean(), 1));
                Map<String, Object> op = new LinkedHashMap<>();
                op.put("count", count);
                op.put("errors", 0);
                op.put("opsPerSecond", round(rate, 1));
                op.put("latencyNanos", lat);
                ops.put(OPS[k], op);
                if (!tracer.equals("none")) {
                    boolean blind = tracer.equals("fatrace") && (OPS[k].equals("stat") || OPS[k].equals("chmod"));
                    long seen = blind ? 0 : tracer.equals("fatrace") && OPS[k].equals("read")
                            ? Math.round(count * 0.71) : count;
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("performed", count);
                    c.put("seen", seen);
                    c.put("ratio", round((double) seen / count, 4));
                    c.put("pathRecall", blind ? 0.0 : 1.0);
                    c.put("observable", !blind);
                    comp.put(OPS[k], c);
                }
            }
        }
        double tracerCores = switch (tracer) { case "strace" -> 0.62; case "fatrace" -> 0.46; default -> 0.0; };
        double kernel = 0.35 + (tracer.equals("strace") ? 0.41 : tracer.equals("fatrace") ? 0.12 : 0) ;
        double otherUser = tracer.equals("fatrace") && rep == 2 ? 0.061 : 0.004; // one over Analysis.OTHER_USER_LIMIT_CORES
        StringBuilder sys = new StringBuilder(SYSTEM_HEADER).append('\n');
        double sysSum = 0, kernSum = 0, trSum = 0;
        int samples = 10;
        for (int s = 0; s < samples; s++) {
            double j = 1 + 0.05 * rnd.nextGaussian();
            double user = round(0.62 * j, 3), system = round(kernel * 0.9 * j, 3), softirq = round(kernel * 0.1, 3);
            double tc = round(tracerCores * j, 3);
            double busy = user + system + softirq + (tracer.equals("none") ? 0 : round(tc * 0.3, 3));
            double idle = round(2 - busy, 3);
            sys.append(String.format(Locale.ROOT, "%d,%s,0,%s,%s,0.01,0,%s,0,%s,%d,%s,%d,0.003,%d,0,%d,%s%n",
                    500 * (s + 1), Num.plain(user + (tracer.equals("none") ? 0 : round(tc * 0.3, 3))),
                    Num.plain(system), Num.plain(idle), Num.plain(softirq), Num.plain(round(0.97 * j, 3)),
                    180_000_000 + s * 1000, Num.plain(tc), tracer.equals("none") ? 0 : 12_000_000,
                    20_000 + s, 40_960 * s, otherUser == 0.004 ? "0.004" : Num.plain(round(otherUser * j, 3))));
            sysSum += busy;
            kernSum += system + softirq;
            trSum += tc;
        }
        Files.writeString(d.resolve("system.csv"), sys.toString());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("schema", "tracebench-trial/1");
        t.put("status", invalid ? "invalid" : "ok");
        t.put("invalidReason", invalid ? "The tracer strace exited with code 137 during the measured window." : null);
        t.put("tracer", tracer);
        t.put("workload", "mixed");
        t.put("workers", 1);
        t.put("repetition", rep);
        t.put("startedAt", String.format(Locale.ROOT, "2026-11-23T10:%02d:%02dZ", n / 6, (n * 10) % 60));
        t.put("measuredSeconds", seconds);
        t.put("tracerExitCode", invalid ? 137 : null);
        t.put("throughputOpsPerSecond", round(total, 1));
        t.put("ops", ops);
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("load", 0.97);
        cpu.put("tracer", round(trSum / samples, 3));
        cpu.put("system", round(sysSum / samples, 3));
        cpu.put("kernel", round(kernSum / samples, 3));
        cpu.put("harness", 0.003);
        cpu.put("steal", tracer.equals("none") && rep == 2 ? 0.024 : 0.0); // one trial over Analysis.STEAL_LIMIT_CORES
        cpu.put("otherUser", otherUser);
        t.put("cpuCores", cpu);
        t.put("completeness", comp);
        t.put("lostEvents", tracer.equals("none") ? null : 0);
        String tail = invalid ? "strace: Process 4242 attached\nKilled\n" : tracer.equals("fatrace")
                ? "open_by_handle_at: Cannot allocate memory (x 12)\n" : "";
        t.put("stderrTail", tail);
        if (tracer.equals("strace") && !invalid && rep <= 2) { // one trial with strace on the worker's CPU, one mostly apart
            Map<String, Object> pl = new LinkedHashMap<>();
            pl.put("samples", 10);
            pl.put("tracerOnWorkerCpu", rep == 1 ? 10 : 4);
            pl.put("share", rep == 1 ? 1.0 : 0.4);
            t.put("cpuPlacement", pl);
        }
        Files.writeString(d.resolve("tracer-stderr.txt"), tail);
        Files.writeString(d.resolve("trial.json"), Json.write(t) + "\n");
        Files.writeString(d.resolve("accessed-files.txt"), tracer.equals("none") ? ""
                : "/tmp/tracebench-work/data/f0001\n/tmp/tracebench-work/data/f0002\n"
                        + "/tmp/tracebench-work/tmp-17 (deleted)\n/tmp/tracebench-work/link-3 (symlink)\n");
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("schema", "tracebench-load/1");
        load.put("task", Map.of("name", "mixed"));
        load.put("workers", 1);
        load.put("durationSeconds", seconds);
        load.put("ops", ops);
        // per second of the window: each kind's count spread with a deterministic wobble (no draw from rnd, so the
        // other files keep their values), the last second 3% down
        List<Map<String, Object>> series = new ArrayList<>();
        int secs = (int) Math.ceil(seconds);
        for (int s = 0; s < secs; s++) {
            Map<String, Object> perKind = new LinkedHashMap<>();
            double f = (1 + 0.04 * Math.sin(n + 1.7 * s) - (s == secs - 1 ? 0.03 : 0)) / secs;
            for (Map.Entry<String, Object> e : ops.entrySet()) {
                @SuppressWarnings("unchecked") long c = ((Number) ((Map<String, Object>) e.getValue()).get("count")).longValue();
                perKind.put(e.getKey(), Math.round(c * f));
            }
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("second", s);
            bin.put("ops", perKind);
            series.add(bin);
        }
        load.put("timeSeries", series);
        load.put("histogramLog", d.resolve("latency.hlog").getFileName().toString());
        Files.writeString(d.resolve("load.json"), Json.write(load) + "\n");
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private FixtureWriter() {}
}
