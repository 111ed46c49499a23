package org.tracebench.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tracebench.harness.results.ResultsDir;

/** report.md's environment section, from manifest.json, for {@link MarkdownReport}. */
final class EnvironmentSection {
    private EnvironmentSection() {}

    /**
     * The "Environment" section: manifest.json's run settings, machine and versions, and a resumed run's sessions with
     * the trials each ran again ({@code dir}'s replaced/; null: not listed).
     */
    static void append(StringBuilder sb, Map<String, Object> m, String problem, Path dir) {
        sb.append("## Environment\n\n");
        if (problem != null) {
            sb.append("manifest.json cannot be read: ").append(problem).append("\n\n");
            return;
        }
        if (m.isEmpty()) {
            sb.append("No manifest.json.\n\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (String k : new String[] {"suite", "startedAt", "seed"}) {
            if (m.get(k) == null) continue;
            boolean unshuffled = k.equals("seed") && "round-robin".equals(JsonMaps.map(m, "suiteAsRun").get("order"));
            rows.add(new String[] {k, unshuffled ? m.get(k) + " (unused: round-robin order)" : String.valueOf(m.get(k))});
        }
        RunDifferences.measured(m).forEach((k, v) -> rows.add(new String[] {k, String.valueOf(v)}));
        TracerOptions.unlabelled(m).forEach((t, o) -> rows.add(new String[] {"options of " + t, o}));
        JsonMaps.map(m, "environment").forEach((k, v) -> rows.add(new String[] {k, String.valueOf(v)}));
        JsonMaps.map(m, "tracerVersions").forEach((k, v) -> rows.add(new String[] {"tracer " + k, String.valueOf(v)}));
        JsonMaps.map(m, "tracebench").forEach((k, v) -> rows.add(new String[] {"tracebench " + k, String.valueOf(v)}));
        MarkdownReport.table(sb, new String[] {"", ""}, rows);
        sessions(sb, m, dir);
    }

    /** For a resumed run, one row per session (the table above is the first's), with what differs from the first. */
    private static void sessions(StringBuilder sb, Map<String, Object> m, Path dir) {
        List<Map<String, Object>> all = org.tracebench.harness.results.Sessions.of(m);
        if (all.size() < 2) return;
        List<List<RunDifferences.Difference>> diffs = RunDifferences.sessions(m);
        sb.append("Resumed ").append(all.size() - 1).append(all.size() == 2 ? " time" : " times").append(" (`run --resume`)."
                + " Each trial ran in the last session to start before its trial.json's `startedAt`.\n\n"
                + "| session | startedAt | tracebench commit | differs from the first session in |\n|--:|---|---|---|\n");
        for (int i = 0; i < all.size(); i++) {
            Object commit = JsonMaps.map(all.get(i), "tracebench").get("gitCommit");
            String differs = i == 0 ? "–" : diffs.get(i - 1).isEmpty() ? "nothing" : RunDifferences.arrows(diffs.get(i - 1));
            sb.append("| ").append(i + 1).append(" | ").append(all.get(i).get("startedAt")).append(" | ")
                    .append(commit == null ? "–" : Num.shortHash(String.valueOf(commit))).append(" | ")
                    .append(differs.replace("|", "\\|")).append(" |\n");
        }
        sb.append('\n');
        if (dir != null) replaced(sb, m, dir);
    }

    /**
     * Per session, the trials it ran again and where their earlier attempts are kept: {@code replaced/<dir>.<n>} was
     * replaced by {@code replaced/<dir>.<n+1>}, or by {@code trials/<dir>} for the last, in the session that ran that.
     */
    private static void replaced(StringBuilder sb, Map<String, Object> m, Path dir) {
        List<String> names;
        try (Stream<Path> s = Files.list(dir.resolve("replaced"))) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.matches(".+\\.[0-9]+")).toList();
        } catch (IOException e) {
            return; // none kept
        }
        Map<Integer, List<String>> bySession = new TreeMap<>();
        names.stream().sorted(Comparator.comparing((String n) -> n.substring(0, n.lastIndexOf('.')))
                .thenComparingInt(n -> Integer.parseInt(n.substring(n.lastIndexOf('.') + 1)))).forEach(n -> {
            String trial = n.substring(0, n.lastIndexOf('.'));
            String next = trial + "." + (Integer.parseInt(n.substring(n.lastIndexOf('.') + 1)) + 1);
            Path by = names.contains(next) ? dir.resolve("replaced").resolve(next) : dir.resolve("trials").resolve(trial);
            int session = 0;
            try {
                if (ResultsDir.readJson(by.resolve("trial.json")) instanceof Map<?, ?> j) {
                    session = org.tracebench.harness.results.Sessions.sessionOf(m, j.get("startedAt"));
                }
            } catch (IOException e) {
                // the new attempt has no readable trial.json: its session is unknown
            }
            bySession.computeIfAbsent(session, k -> new ArrayList<>()).add("`" + trial + "` (earlier attempt: `replaced/" + n + "`)");
        });
        bySession.forEach((session, trials) -> sb.append(session == 0 ? "A session not known (the new attempt has no"
                + " readable trial.json)" : "Session " + session).append(" ran again ").append(String.join(", ", trials))
                .append(".\n\n"));
    }
}
