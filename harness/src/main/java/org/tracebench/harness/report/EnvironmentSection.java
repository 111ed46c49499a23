package org.tracebench.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** report.md's environment section, from manifest.json, for {@link MarkdownReport}. */
final class EnvironmentSection {
    private EnvironmentSection() {}

    /** The "Environment" section: manifest.json's run settings, machine and versions, and a resumed run's sessions. */
    static void append(StringBuilder sb, Map<String, Object> m, String problem) {
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
            if (m.get(k) != null) rows.add(new String[] {k, String.valueOf(m.get(k))});
        }
        RunDifferences.measured(m).forEach((k, v) -> rows.add(new String[] {k, String.valueOf(v)}));
        JsonMaps.map(m, "environment").forEach((k, v) -> rows.add(new String[] {k, String.valueOf(v)}));
        JsonMaps.map(m, "tracerVersions").forEach((k, v) -> rows.add(new String[] {"tracer " + k, String.valueOf(v)}));
        JsonMaps.map(m, "tracebench").forEach((k, v) -> rows.add(new String[] {"tracebench " + k, String.valueOf(v)}));
        MarkdownReport.table(sb, new String[] {"", ""}, rows);
        sessions(sb, m);
    }

    /** For a resumed run, one row per session (the table above is the first's), with what differs from the first. */
    private static void sessions(StringBuilder sb, Map<String, Object> m) {
        List<Map<String, Object>> all = org.tracebench.harness.results.Sessions.of(m);
        if (all.size() < 2) return;
        List<List<RunDifferences.Difference>> diffs = RunDifferences.sessions(m);
        sb.append("Resumed ").append(all.size() - 1).append(all.size() == 2 ? " time" : " times").append(" (`run --resume`); "
                + "a trial ran in the last session that started before its trial.json's `startedAt`.\n\n"
                + "| session | startedAt | tracebench commit | differs from the first session in |\n|--:|---|---|---|\n");
        for (int i = 0; i < all.size(); i++) {
            Object commit = JsonMaps.map(all.get(i), "tracebench").get("gitCommit");
            String differs = i == 0 ? "–" : diffs.get(i - 1).isEmpty() ? "nothing" : RunDifferences.arrows(diffs.get(i - 1));
            sb.append("| ").append(i + 1).append(" | ").append(all.get(i).get("startedAt")).append(" | ")
                    .append(commit == null ? "–" : Num.shortHash(String.valueOf(commit))).append(" | ")
                    .append(differs.replace("|", "\\|")).append(" |\n");
        }
        sb.append('\n');
    }
}
