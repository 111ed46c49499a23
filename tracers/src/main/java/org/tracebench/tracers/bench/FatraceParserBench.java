package org.tracebench.tracers.bench;

import org.openjdk.jmh.annotations.Param;
import org.tracebench.tracers.fatrace.FatraceParser;
import org.tracebench.tracers.proc.LineParser;

/**
 * Lines per second of {@link FatraceParser} on real, system-wide fatrace output (see {@link LineParserBench}).
 * Goal: at least 2 million lines/s on one core.
 */
public class FatraceParserBench extends LineParserBench {
    @Param({"fatrace.txt"})
    public String fixture;

    @Param({BenchFixtures.SOURCE_DIR})
    public String fixtureDir;

    @Override protected String fixture() { return fixture; }

    @Override protected String fixtureDir() { return fixtureDir; }

    @Override protected LineParser newParser() { return new FatraceParser(); }
}
