package org.tracebench.tracers.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.tracebench.tracers.proc.LineParser;

/**
 * Lines per second of a text-output {@link LineParser} on real captured output (the fixtures, shipped in the jar),
 * replicated in memory to {@value #LINES} lines; scores are per line. Subclasses name the fixture ({@code @Param}) and
 * make the parser; JMH runs the inherited benchmarks under each subclass's name.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public abstract class LineParserBench {
    static final int LINES = 100_000;

    private String[] lines;
    private byte[] bytes;

    /** The fixture's file name. */
    protected abstract String fixture();

    /** Where the fixture is when it is not on the classpath. */
    protected abstract String fixtureDir();

    /** A fresh parser, as one output file gets. */
    protected abstract LineParser newParser();

    @Setup
    public void load() throws IOException {
        lines = BenchFixtures.replicate(BenchFixtures.text(fixture(), fixtureDir()), LINES);
        bytes = BenchFixtures.join(lines).getBytes(StandardCharsets.UTF_8);
    }

    /** The parser alone, on lines already split. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long lines(Blackhole bh) {
        LineParser p = newParser();
        for (String line : lines) p.accept(line, bh::consume);
        p.finish(bh::consume);
        return p.events();
    }

    /** Splitting UTF-8 bytes into lines plus parsing, as {@code events()} does on the output file. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long reader(Blackhole bh) throws IOException {
        LineParser p = newParser();
        p.parse(new ByteArrayInputStream(bytes), bh::consume);
        return p.events();
    }
}
