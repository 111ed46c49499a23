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
 */
public final class LoadJvmOptions {
    /** The options, each one argument of the {@code java} command. */
    public static final List<String> OPTIONS = List.of("-XX:+UseSerialGC");

    private LoadJvmOptions() {}

    /** Prints {@link #OPTIONS} on one line, separated by spaces. */
    public static void main(String[] args) {
        System.out.println(String.join(" ", OPTIONS));
    }
}
