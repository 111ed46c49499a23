package org.tracebench.harness.pairing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.results.Sessions;

/**
 * The ABBA pairs of a resumed run whose two valid trials ran in different sessions (manifest.json's first session and
 * its {@code resumes}; a trial ran in the last session that started before its trial.json's {@code startedAt}). A
 * pair is a ratio of two neighbours, so that the machine's state cancels; across a resume it does not, so such a pair
 * is left out of every within-pair ratio and named instead. {@code run --resume} runs both trials of a pair again
 * ({@link ResultsDir#toRun}); results resumed before it did so can hold such pairs.
 */
public record PairSessions(List<Split> split) {
    /** No pair across sessions (a run in one session, or results that cannot tell). */
    public static final PairSessions NONE = new PairSessions(List.of());

    /** One pair across sessions: its block, its trials' directory names and their 1-based sessions. */
    public record Split(int block, String tracer, String baseline, int tracerSession, int baselineSession) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("block", block);
            m.put("tracer", tracer);
            m.put("baseline", baseline);
            m.put("tracerSession", tracerSession);
            m.put("baselineSession", baselineSession);
            return m;
        }

        /** "006-strace-mixed-w1-r1 (session 2) with 005-none-mixed-w1-r1 (session 1)". */
        String text() {
            return tracer + " (session " + tracerSession + ") with " + baseline + " (session " + baselineSession + ")";
        }
    }

    public PairSessions {
        split = List.copyOf(split);
    }

    /** The pairs across sessions of the results directory {@code dir}, reading its manifest.json; NONE when it has none. */
    public static PairSessions read(Path dir) {
        try {
            return ResultsDir.readJson(dir.resolve("manifest.json")) instanceof Map<?, ?> m ? read(dir, cast(m)) : NONE;
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** {@link #read(Path)} with its manifest already read; reads no trial.json of a run never resumed. */
    public static PairSessions read(Path dir, Map<String, Object> manifest) {
        if (Sessions.of(manifest).size() < 2) return NONE;
        Map<Integer, Map<Integer, Trial>> blocks = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir.resolve("trials"))) {
            for (Path d : s.sorted().toList()) {
                Trial t = Trial.read(d, manifest);
                if (t != null) blocks.computeIfAbsent(t.block, k -> new TreeMap<>()).put(t.position, t);
            }
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
        List<Split> out = new ArrayList<>();
        for (Map.Entry<Integer, Map<Integer, Trial>> b : blocks.entrySet()) {
            split(b.getKey(), b.getValue().get(2), b.getValue().get(1), out);
            split(b.getKey(), b.getValue().get(3), b.getValue().get(4), out);
        }
        return new PairSessions(out);
    }

    private static void split(int block, Trial tracer, Trial baseline, List<Split> out) {
        if (tracer == null || baseline == null || tracer.session == baseline.session) return;
        out.add(new Split(block, tracer.dir, baseline.dir, tracer.session, baseline.session));
    }

    /** True when no pair ran across sessions. */
    public boolean isEmpty() { return split.isEmpty(); }

    /** True when the trial in directory {@code trialDir} belongs to a pair across sessions. */
    public boolean leftOut(Path trialDir) {
        return !split.isEmpty() && names().contains(trialDir.getFileName().toString());
    }

    /** {@code trials} without those of the pairs across sessions; {@code dir} gives a trial's directory. */
    public <T> List<T> without(List<T> trials, Function<T, Path> dir) {
        if (split.isEmpty()) return trials;
        Set<String> names = names();
        return trials.stream().filter(t -> !names.contains(dir.apply(t).getFileName().toString())).toList();
    }

    /** summary.json's {@code paired.pairsAcrossSessions}: one {@code {block, tracer, baseline, tracerSession, baselineSession}} each. */
    public List<Object> toList() {
        List<Object> out = new ArrayList<>();
        split.forEach(s -> out.add(s.toMap()));
        return out;
    }

    /** "block 2: 006-strace-mixed-w1-r1 (session 2) with 005-none-mixed-w1-r1 (session 1); ..." for a warning. */
    public String text() {
        List<String> parts = new ArrayList<>();
        split.forEach(s -> parts.add("block " + s.block() + ": " + s.text()));
        return String.join("; ", parts);
    }

    private Set<String> names() {
        Set<String> names = new HashSet<>();
        split.forEach(s -> {
            names.add(s.tracer());
            names.add(s.baseline());
        });
        return names;
    }

    /** A valid trial of a paired block: its directory name, block, position and 1-based session. */
    private record Trial(String dir, int block, int position, int session) {
        static Trial read(Path d, Map<String, Object> manifest) {
            if (!Files.isRegularFile(d.resolve("trial.json"))) return null;
            Object o;
            try {
                o = ResultsDir.readJson(d.resolve("trial.json"));
            } catch (IOException e) {
                return null;
            }
            if (!(o instanceof Map<?, ?> j) || !"ok".equals(j.get("status"))) return null;
            if (!(j.get("placement") instanceof Map<?, ?> p) || !(p.get("block") instanceof Number b) || b.intValue() <= 0
                    || !(p.get("position") instanceof Number pos)) return null;
            int session = Sessions.sessionOf(manifest, j.get("startedAt"));
            if (session == 0) return null; // cannot tell
            return new Trial(d.getFileName().toString(), b.intValue(), pos.intValue(), session);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
