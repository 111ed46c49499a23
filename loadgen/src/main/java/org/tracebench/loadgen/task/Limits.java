package org.tracebench.loadgen.task;

/** Limits shared by task files, suites and command-line flags, so that a value one accepts the others accept too. */
public final class Limits {
    /** Worker threads of one load run ({@code workers:}, {@code --workers}). */
    public static final int MAX_WORKERS = 4096;
    /** Open-loop iterations per second per worker ({@code rate:}, {@code --rate}). */
    public static final double MAX_RATE = 1_000_000;

    private Limits() {}
}
