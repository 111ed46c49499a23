package org.tracebench.harness.charts;

/** Names as a figure's legend shows them. */
public final class Labels {
    private Labels() {}

    /**
     * A configuration's legend name: {@code bpftrace[counts,64]} for {@code bpftrace[mode=counts perfRbPages=64]},
     * only the varied values, which the report's tables name in full. XChart sizes its legend short of what a
     * 36-character name renders to, and cut it off at the figure's edge. Other names are returned as they are.
     */
    public static String legend(String label) {
        int open = label.indexOf('[');
        if (open <= 0 || !label.endsWith("]") || label.indexOf('=', open) < 0) return label;
        StringBuilder sb = new StringBuilder(label.substring(0, open + 1));
        String[] parts = label.substring(open + 1, label.length() - 1).trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(parts[i].substring(parts[i].indexOf('=') + 1));
        }
        return sb.append(']').toString();
    }

    /**
     * {@link #legend} for each of {@code labels}, except where two would read alike ({@code x[a=1]}, {@code x[b=1]}):
     * those keep their full names, since XChart refuses a series name twice.
     */
    public static java.util.Map<String, String> legends(java.util.List<String> labels) {
        java.util.Map<String, Long> uses = new java.util.HashMap<>();
        for (String l : labels) uses.merge(legend(l), 1L, Long::sum);
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String l : labels) out.put(l, uses.get(legend(l)) == 1 ? legend(l) : l);
        return out;
    }
}
