package org.tracebench.harness.stats;

/**
 * One warning about one configuration (tracer, workload, workers; any may be null when it concerns the whole run),
 * with a detail such as the measured value. {@code resumable} false: the results directory cannot be resumed, so
 * the fix must not advise {@code tracebench run --resume} ({@link WarningKind#fixWithoutResume()}). {@code dir}, when
 * not null, is the results directory that the fix's {@code tracebench run --resume DIR} names instead of DIR.
 * {@code tracerOptions} are the configuration's backend options, for a fix that depends on them
 * ({@link WarningKind#fixFor(String, java.util.Map)}); empty when unknown. {@code lostShare}: the share of events
 * the configuration's tracer lost, for {@link WarningKind#LOST_EVENTS}'s fix; NaN unknown or not applicable.
 */
public record RunWarning(WarningKind kind, String tracer, String workload, Integer workers, String detail,
                         boolean resumable, java.nio.file.Path dir, java.util.Map<String, String> tracerOptions,
                         double lostShare) {
    public RunWarning {
        tracerOptions = tracerOptions == null ? java.util.Map.of() : java.util.Map.copyOf(tracerOptions);
    }

    /** Without a lost share (NaN: unknown). */
    public RunWarning(WarningKind kind, String tracer, String workload, Integer workers, String detail,
                      boolean resumable, java.nio.file.Path dir, java.util.Map<String, String> tracerOptions) {
        this(kind, tracer, workload, workers, detail, resumable, dir, tracerOptions, Double.NaN);
    }

    /** This warning for trials that lost {@code share} of their events (lost / (lost + delivered)), for its fix. */
    public RunWarning withLostShare(double share) {
        return new RunWarning(kind, tracer, workload, workers, detail, resumable, dir, tracerOptions, share);
    }

    public RunWarning(WarningKind kind, String tracer, String workload, Integer workers, String detail,
                      boolean resumable, java.nio.file.Path dir) {
        this(kind, tracer, workload, workers, detail, resumable, dir, java.util.Map.of());
    }

    /** This warning about the results directory {@code dir}, which its fix's {@code --resume DIR} names. */
    public RunWarning withDir(java.nio.file.Path dir) {
        return new RunWarning(kind, tracer, workload, workers, detail, resumable, dir, tracerOptions);
    }

    /** This warning for trials run with these backend options. */
    public RunWarning withTracerOptions(java.util.Map<String, String> options) {
        return new RunWarning(kind, tracer, workload, workers, detail, resumable, dir, options, lostShare);
    }

    public RunWarning(WarningKind kind, String tracer, String workload, Integer workers, String detail) {
        this(kind, tracer, workload, workers, detail, true);
    }

    public RunWarning(WarningKind kind, String tracer, String workload, Integer workers, String detail,
                      boolean resumable) {
        this(kind, tracer, workload, workers, detail, resumable, null);
    }

    /** How many warnings of one kind {@link #terminalLines} still prints one by one. */
    public static final int ONE_BY_ONE = 3;

    /** A whole sentence: where, what, detail, and the fix. */
    public String message() {
        StringBuilder sb = new StringBuilder(where());
        if (sb.length() > 0) sb.append(": ");
        String p = kind.problem();
        sb.append(sb.length() == 0 ? Character.toUpperCase(p.charAt(0)) + p.substring(1) : p);
        if (detail != null && !detail.isEmpty()) sb.append(" (").append(detail).append(')');
        sb.append("; ").append(fix()).append('.');
        return sb.toString();
    }

    /** {@link #message} after its code, "[high-variation] strace on ...", as the terminal and report.md print it. */
    public String labelled() {
        return "[" + kind.code() + "] " + message();
    }

    /** The fix for this warning's backend ({@link WarningKind#fixFor}). */
    public String fix() {
        if (!resumable) return kind.fixWithoutResume();
        String fix = kind.fixFor(org.tracebench.harness.suite.Suite.TracerSpec.backendOf(tracer), tracerOptions, lostShare);
        if (dir == null) return fix;
        String d = dir.toString();
        return fix.replace("--resume DIR", "--resume " + (d.matches("[A-Za-z0-9_./@%+=:,-]+") ? d : "'" + d.replace("'", "'\\''") + "'"))
                .replace("DIR/replaced/", dir.resolve("replaced") + "/");
    }

    /** "strace on mixed with 2 workers", or "" for the whole run. */
    public String where() {
        if (tracer == null) return "";
        StringBuilder sb = new StringBuilder(tracer);
        if (workload != null) sb.append(" on ").append(workload);
        if (workers != null) sb.append(" with ").append(workers).append(workers == 1 ? " worker" : " workers");
        return sb.toString();
    }

    /**
     * The warnings for a terminal, kinds in order of first appearance: up to {@link #ONE_BY_ONE} of a kind as
     * {@link #labelled} messages, more as one sentence that names the first few configurations and the count (a
     * one-repetition smoke run of per-op.yaml would otherwise print 48 identical lines); report.md and
     * summary.json keep every one.
     */
    public static java.util.List<String> terminalLines(java.util.List<RunWarning> warnings) {
        java.util.Map<WarningKind, java.util.List<RunWarning>> byKind = new java.util.LinkedHashMap<>();
        for (RunWarning w : warnings) byKind.computeIfAbsent(w.kind(), k -> new java.util.ArrayList<>()).add(w);
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (var e : byKind.entrySet()) {
            java.util.List<RunWarning> ws = e.getValue();
            if (ws.size() <= ONE_BY_ONE) {
                ws.forEach(w -> lines.add(w.labelled()));
                continue;
            }
            String p = e.getKey().problem();
            StringBuilder sb = new StringBuilder("[" + e.getKey().code() + "] ")
                    .append(Character.toUpperCase(p.charAt(0))).append(p.substring(1));
            sb.append(", in ").append(ws.size()).append(" configurations: ");
            for (int i = 0; i < ONE_BY_ONE; i++) {
                RunWarning w = ws.get(i);
                if (i > 0) sb.append("; ");
                sb.append(w.where().isEmpty() ? "the run" : w.where());
                if (w.detail() != null && !w.detail().isEmpty()) sb.append(" (").append(w.detail()).append(')');
            }
            java.util.Set<String> fixes = new java.util.LinkedHashSet<>();
            ws.forEach(w -> fixes.add(w.fix()));
            sb.append(" and ").append(ws.size() - ONE_BY_ONE).append(" more (report.md lists each); ")
                    .append(fixes.size() == 1 ? fixes.iterator().next() : e.getKey().fix()).append('.');
            lines.add(sb.toString());
        }
        return lines;
    }
}
