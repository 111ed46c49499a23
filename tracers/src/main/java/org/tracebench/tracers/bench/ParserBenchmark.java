package org.tracebench.tracers.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.tracebench.tracers.bpftrace.BpftraceParser;
import org.tracebench.tracers.ftrace.FtraceParser;

/**
 * Lines per second of the ftrace and bpftrace parsers on lines shaped like real output (goal for bpftrace: at least
 * 2 million lines/s per core). Run: {@code java -cp tracebench.jar org.openjdk.jmh.Main ParserBenchmark}.
 * Throughput is reported per line ({@link OperationsPerInvocation}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {
    static final String[] BPFTRACE = {
        "1263494638046\t15871\tstatx\t-2\t/tmp/junit-10685849928484236445/ops/renamed.txt",
        "1263494870212\t15871\trename\t0\t/tmp/junit-10685849928484236445/ops/data.txt\t/tmp/junit-10685849928484236445/ops/renamed.txt",
        "1254542713841\t15695\tread\t55",
        "1263496054079\t15871\tchmod\t0\t/tmp/junit-10685849928484236445/ops/renamed.txt",
        "1254542765328\t15695\topenat\t4\t/usr/lib/jvm/java-17-openjdk-amd64/lib/modules",
        "1254542765999\t15695\tclose\t0",
        "1254542766100\t15695\twrite\t13",
        "1263503372460\t15917\texecve\tE\t/bin/true",
    };
    static final String[] FTRACE = {
        "            java-17128   (  17126) [000] .....  1313.365276: sys_read -> 0x32",
        "            java-17128   (  17126) [000] .....  1313.366270: sys_newfstatat(dfd: 0, filename: 0x7fb5119f0dd5, statbuf: 0x7fb5103de300, flag: 0x1000)",
        "            java-17128   (  17126) [000] .N...  1313.366332: sys_newfstatat -> 0x0",
        " C1 CompilerThre-7518    (   7504) [001] .....   814.629527: sys_openat(dfd: 0xffffff9c, filename: 0x7f15f5550870, flags: 0, mode: 0)",
        " C1 CompilerThre-7518    (   7504) [001] .....   814.629546: sys_openat -> 0x4",
        "            true-7601    (   7601) [001] .....   814.643526: sched_process_exec: filename=/bin/true pid=7601 old_pid=7601",
        "            java-7505    (   7504) [001] .....   814.639211: sys_rename(oldname: 0x7f16241399e0, newname: 0x7f1624140260)",
        "            java-7505    (   7504) [001] .....   814.639253: sys_rename -> 0x0",
    };

    static final int STREAM_LINES = 8 * 1024;

    BpftraceParser bpftrace;
    FtraceParser ftrace;
    byte[] bpftraceBytes;

    @Setup
    public void setup() {
        bpftrace = new BpftraceParser();
        ftrace = new FtraceParser();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < STREAM_LINES / BPFTRACE.length; i++) for (String line : BPFTRACE) b.append(line).append('\n');
        bpftraceBytes = b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Bytes to events as {@code events()} does it: line splitting and UTF-8 decoding included. */
    @Benchmark
    @OperationsPerInvocation(STREAM_LINES)
    public void bpftraceStream(Blackhole bh) throws java.io.IOException {
        org.tracebench.tracers.proc.CompleteLines.forEach(new java.io.ByteArrayInputStream(bpftraceBytes),
                line -> bh.consume(bpftrace.parse(line)));
    }

    @Benchmark
    @OperationsPerInvocation(8)
    public void bpftraceLines(Blackhole bh) {
        for (String line : BPFTRACE) bh.consume(bpftrace.parse(line));
    }

    @Benchmark
    @OperationsPerInvocation(8)
    public void ftraceLines(Blackhole bh) {
        for (String line : FTRACE) bh.consume(ftrace.parse(line));
    }
}
