package org.tracebench.loadgen.cli;

import java.util.List;

/**
 * The JVM options a load-generator JVM is started with, in one place: the harness puts them before {@code -cp}
 * and {@code loadgen/bench/compare.sh} reads them from {@link #main} (one line, space-separated), so the speed
 * measured against C is the speed of a traced run.
 *
 * <p>{@code -XX:+UseSerialGC}: the load generator allocates a few short-lived objects per operation and keeps a
 * tiny live set, so a single-threaded young collection costs little, while Serial's cheaper write barriers made
 * sub-microsecond ops 2–6 % faster than G1 here (open, readdir, stat; docs/load-ops.md) and it starts no
 * concurrent GC threads to compete with the tracer under test.
 *
 * <p>{@code -Xmn8m}: a young generation of a fixed 8 MB. By default it is a share of the machine's memory (about
 * 125 MB on this 24 GB VM), and the load generator's resident memory grew through every trial as the eden filled:
 * 80-110 MB, different in every process. Every fork and exec copies (and then write-faults back) the page tables of
 * that memory, so exec-heavy throughput followed it: the mixed workload's `none` trials ran at 996 and 1316 ops/s
 * in one suite, fork p50 6.05 against 4.28 ms. With 8 MB the resident size is a steady 68 MB on any machine and
 * mixed ran 1414-1573 against 1020-1136 ops/s (fork p50 3.2-4.0 against 4.7-5.7 ms); a young collection then
 * comes every few hundred milliseconds at the fastest ops and pauses 0.3 ms (cached-read within 1%).
 */
public final class LoadJvmOptions {
    /** The options, each one argument of the {@code java} command. */
    public static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xmn8m");

    private LoadJvmOptions() {}

    /** Prints {@link #OPTIONS} on one line, separated by spaces. */
    public static void main(String[] args) {
        System.out.println(String.join(" ", OPTIONS));
    }
}
