package org.tracebench.tracers.bench;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.tracebench.tracers.strace.StraceParser;

/**
 * Lines per second of {@link StraceParser} on real strace output (the fixtures), replicated in memory to
 * {@value #LINES} lines. Scores are per line: goal at least 2 million lines/s on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class StraceParserBench {
    static final int LINES = 100_000;

    @Param({"strace-attach.txt", "strace-seccomp.txt"})
    public String fixture;

    @Param({"tracers/src/test/resources/fixtures"})
    public String fixtureDir;

    private String[] lines;
    private byte[] bytes;

    @Setup
    public void load() throws IOException {
        lines = BenchFixtures.replicate(BenchFixtures.text(fixture, fixtureDir), LINES);
        bytes = BenchFixtures.join(lines).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The parser alone, on lines already split. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long lines(Blackhole bh) {
        StraceParser p = new StraceParser("/tmp");
        for (String line : lines) p.accept(line, bh::consume);
        p.finish(bh::consume);
        return p.events();
    }

    /** Splitting UTF-8 bytes into lines plus parsing, as {@code events()} does on the output file. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long reader(Blackhole bh) throws IOException {
        StraceParser p = new StraceParser("/tmp");
        p.parse(new ByteArrayInputStream(bytes), bh::consume);
        return p.events();
    }
}
