package org.tracebench.harness.stats;

/**
 * One warning about one configuration (tracer, workload, workers; any may be null when it concerns the whole run),
 * with a detail such as the measured value.
 */
public record RunWarning(WarningKind kind, String tracer, String workload, Integer workers, String detail) {

    /** A whole sentence: where, what, detail, and the fix. */
    public String message() {
        StringBuilder sb = new StringBuilder();
        if (tracer != null) {
            sb.append(tracer);
            if (workload != null) sb.append(" on ").append(workload);
            if (workers != null) sb.append(" with ").append(workers).append(workers == 1 ? " worker" : " workers");
            sb.append(": ");
        }
        String p = kind.problem();
        sb.append(sb.length() == 0 ? Character.toUpperCase(p.charAt(0)) + p.substring(1) : p);
        if (detail != null && !detail.isEmpty()) sb.append(" (").append(detail).append(')');
        sb.append("; ").append(kind.fix()).append('.');
        return sb.toString();
    }
}
