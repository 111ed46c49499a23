package org.tracebench.harness.suite;

import java.util.List;

/**
 * Where the load generator and the tracer may run (the suite's {@code pinning}). A synchronous tracer's cost depends
 * on it: each ptrace stop wakes strace, on the tracee's CPU or, through an inter-processor interrupt, on the other
 * one. On the 2-vCPU VM strace-seccomp ran the mixed workload at 1030-1180 ops/s sharing one CPU with the load,
 * 410-475 on separate CPUs, and 635-830 where the scheduler placed them (docs/suites.md).
 */
public enum Pinning {
    /** No affinity is set: the scheduler places both, differently from trial to trial. */
    NONE("none"),
    /** The load generator (every thread and child) and the tracer's processes all on one CPU, the last allowed one. */
    SAME_CPU("same-cpu"),
    /** The tracer's processes on the first allowed CPU, the load generator on all the others (needs two). */
    SEPARATE_CPUS("separate-cpus");

    private final String yamlName;

    Pinning(String yamlName) { this.yamlName = yamlName; }

    /** The value in a suite file and in manifest.json. */
    public String yamlName() { return yamlName; }

    /** The mode named {@code s} in a suite, or null. */
    public static Pinning parse(String s) {
        for (Pinning p : values()) if (p.yamlName.equals(s)) return p;
        return null;
    }

    /** Every value, as a suite writes it. */
    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(Pinning::yamlName).toList();
    }

    /**
     * The CPUs of the load generator and of the tracer under this mode, from the CPUs the harness may use; both
     * empty for {@link #NONE}. Throws when {@code allowed} has too few CPUs for the mode.
     */
    public Cpus cpus(List<Integer> allowed) {
        if (this == NONE) return new Cpus(List.of(), List.of());
        if (allowed.isEmpty()) throw new IllegalArgumentException("No CPU is allowed to this process.");
        if (this == SAME_CPU) {
            List<Integer> last = List.of(allowed.get(allowed.size() - 1));
            return new Cpus(last, last);
        }
        if (allowed.size() < 2) {
            throw new IllegalArgumentException("'pinning: separate-cpus' needs at least two CPUs; this process may use only CPU "
                    + allowed.get(0) + ".");
        }
        return new Cpus(List.copyOf(allowed.subList(1, allowed.size())), List.of(allowed.get(0)));
    }

    /** CPU numbers for the load generator and for the tracer; empty = not pinned. */
    public record Cpus(List<Integer> load, List<Integer> tracer) {
        public Cpus {
            load = List.copyOf(load);
            tracer = List.copyOf(tracer);
        }
    }
}
