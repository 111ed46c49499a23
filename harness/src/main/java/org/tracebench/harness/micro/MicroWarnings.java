package org.tracebench.harness.micro;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.harness.report.TracerOptions;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;
import org.tracebench.harness.suite.Suite;

/**
 * What names a micro run's tracer configurations ({@link #label}) and what is wrong with its numbers, as coded
 * warnings ({@link WarningKind#MICRO_UNPINNED}, {@link WarningKind#MICRO_LOST_EVENTS}) that report.md, the terminal and
 * micro-summary.json give like run's.
 */
public final class MicroWarnings {
    private MicroWarnings() {}

    /** The tracers whose cost depends on where the scheduler puts them and the tracee (ptrace stops). */
    static final Set<String> PTRACE_TRACERS = Set.of("strace", "strace-seccomp");

    /**
     * The tracer with its {@code --tracer-option} values as run spells a configuration, {@code ftrace[bufferSizeKb=8]}
     * ({@code key=value}, space-separated, in the order given); the name alone without options.
     */
    public static String label(String tracer, Map<?, ?> options) {
        if (options == null || options.isEmpty()) return tracer;
        Map<String, String> text = new LinkedHashMap<>();
        options.forEach((k, v) -> text.put(String.valueOf(k), String.valueOf(v)));
        return tracer + "[" + TracerOptions.text(text) + "]";
    }

    /** manifest.json's {@code micro.tracerOptions} of the backend of {@code label}; empty without. */
    static Map<String, String> options(String label, Map<String, Object> manifest) {
        Map<String, String> out = new LinkedHashMap<>();
        if (manifest.get("micro") instanceof Map<?, ?> m && m.get("tracerOptions") instanceof Map<?, ?> all
                && all.get(Suite.TracerSpec.backendOf(label)) instanceof Map<?, ?> o) {
            o.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /**
     * {@code tracer} as {@link #label}led from manifest.json's options: results written before micro-summary used labels
     * name the tracer alone; a label stays as it is.
     */
    static String relabel(String tracer, Map<String, Object> manifest) {
        return tracer.contains("[") ? tracer : label(tracer, options(tracer, manifest));
    }

    /** True when a tracer's status (micro-summary.json's {@code tracers}) says it ran and lost events. */
    static boolean lostEvents(Map<String, Object> status) {
        return status != null && "ok".equals(status.get("status")) && status.get("lostEvents") instanceof Number n
                && n.longValue() > 0;
    }

    /**
     * A {@link WarningKind#MICRO_UNPINNED} per ptrace tracer when it ran unpinned with one JMH fork: its cost then
     * depends on one placement of tracer and fork (strace on stat ran 40 µs and 150 µs on separate runs), which JMH's
     * error, over the iterations of one fork, does not show; none when the manifest does not say.
     */
    public static List<RunWarning> placement(Collection<String> tracers, Map<String, Object> manifest) {
        if (!(manifest.get("micro") instanceof Map<?, ?> m) || !"none".equals(m.get("pinning"))
                || !(m.get("forks") instanceof Number f) || f.intValue() > 1) return List.of();
        return tracers.stream().filter(t -> PTRACE_TRACERS.contains(Suite.TracerSpec.backendOf(t)))
                .map(t -> new RunWarning(WarningKind.MICRO_UNPINNED, t, null, null, null)).toList();
    }

    /** A {@link WarningKind#MICRO_LOST_EVENTS} per tracer that ran and lost events, its fix for the options it had. */
    public static List<RunWarning> lostEvents(Map<String, Map<String, Object>> tracers, Map<String, Object> manifest) {
        List<RunWarning> out = new ArrayList<>();
        tracers.forEach((t, s) -> {
            if (lostEvents(s)) {
                out.add(new RunWarning(WarningKind.MICRO_LOST_EVENTS, t, null, null, s.get("lostEvents") + " events")
                        .withTracerOptions(options(t, manifest)));
            }
        });
        return out;
    }

    /** Every warning of a micro run: {@link #placement} (when {@code withPlacement}), then {@link #lostEvents}. */
    public static List<RunWarning> of(Map<String, Map<String, Object>> tracers, Map<String, Object> manifest,
                                      boolean withPlacement) {
        List<RunWarning> out = new ArrayList<>(withPlacement ? placement(tracers.keySet(), manifest) : List.of());
        out.addAll(lostEvents(tracers, manifest));
        return out;
    }

    /** summary.json's shape of a warning: code, tracer, message, fix. */
    static List<Object> json(List<RunWarning> warnings) {
        List<Object> out = new ArrayList<>();
        for (RunWarning w : warnings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", w.kind().code());
            m.put("tracer", w.tracer());
            m.put("message", w.message());
            m.put("fix", w.fix());
            out.add(m);
        }
        return out;
    }
}
