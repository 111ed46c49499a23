package org.tracebench.tracers.bench;

import org.openjdk.jmh.annotations.Param;
import org.tracebench.tracers.proc.LineParser;
import org.tracebench.tracers.strace.StraceParser;

/**
 * Lines per second of {@link StraceParser} on real strace output, attached and {@code --seccomp-bpf} (see
 * {@link LineParserBench}). Goal: at least 2 million lines/s on one core.
 */
public class StraceParserBench extends LineParserBench {
    @Param({"strace-attach.txt", "strace-seccomp.txt"})
    public String fixture;

    @Param({BenchFixtures.SOURCE_DIR})
    public String fixtureDir;

    @Override protected String fixture() { return fixture; }

    @Override protected String fixtureDir() { return fixtureDir; }

    @Override protected LineParser newParser() { return new StraceParser("/tmp"); }
}
