package org.tracebench.loadgen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tracebench.loadgen.op.LaunchMechanisms;
import org.tracebench.loadgen.op.Op;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.op.Ops;
import org.tracebench.loadgen.task.OpOptions;

/**
 * The cost of one iteration of the load generator's loop for one op kind: prepare, perform and restore of one
 * {@link Op}, on a file in a fresh directory under {@code -Dtracebench.bench.dir} (default /var/tmp, a disk so O_DIRECT
 * means something). The load generator times only perform; for the kinds with an undo ({@link #undo}: mkdir's rmdir,
 * rename's rename back, ...) the score includes that undo, since timing perform alone would take a
 * {@code @Setup(Level.Invocation)}, which JMH's javadoc reserves for benchmarks of a millisecond or more (it timestamps
 * every call). The benchmark thread is named {@code tracebench-worker-jmh}, so the harness can see where it runs. Pick kinds with {@code -p op=read,stat}; run from the shaded jar:
 * {@code java -cp harness/target/tracebench.jar org.openjdk.jmh.Main OpBenchmark -p op=read}.
 * Each op kind runs in its own forked JVM, so {@code fork} gets the FORK launch mechanism.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpBenchmark {
    /** The op kind's YAML name. */
    @Param({"read", "direct-read", "write", "direct-write", "execute-subproc", "execute-subthread", "fork",
        "create-delete", "chmod", "chown", "mkdir", "remove", "rename", "hard-link", "soft-link", "open", "stat",
        "readdir", "fsync", "truncate"})
    public String op;

    private Path dir;
    private Path target;
    private Op operation;

    /**
     * What one benchmark iteration of {@code kind} does besides the operation the load generator times (its untimed
     * prepare and restore), e.g. "rmdir" for mkdir; null when nothing (chown's owner look-up happens once per path).
     */
    public static String undo(OpKind kind) {
        return switch (kind) {
            case MKDIR -> "rmdir";
            case REMOVE -> "lstat before, re-create after";
            case RENAME -> "rename back";
            case HARD_LINK, SOFT_LINK -> "unlink";
            default -> null;
        };
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Thread.currentThread().setName("tracebench-worker-jmh"); // the placement sampler's worker name (comm)
        OpKind kind = OpKind.byName(op).orElseThrow(() -> new IllegalArgumentException("unknown op " + op));
        if (kind == OpKind.FORK) System.setProperty(LaunchMechanisms.PROPERTY, "FORK");
        Path base = Path.of(System.getProperty("tracebench.bench.dir", "/var/tmp"));
        dir = Files.createTempDirectory(base, "tracebench-jmh-");
        target = prepareTarget(kind, dir);
        operation = Ops.create(kind, OpOptions.DEFAULTS, pid -> { });
    }

    /** Creates what the op needs, as the load generator's setup would, and returns the path to operate on. */
    static Path prepareTarget(OpKind kind, Path dir) throws IOException {
        switch (kind.family()) {
            case EXEC:
                return Files.exists(Path.of("/usr/bin/true")) ? Path.of("/usr/bin/true") : Path.of("/bin/true");
            default:
                break;
        }
        Path f = dir.resolve("target");
        switch (kind) {
            case READDIR -> {
                Files.createDirectory(f);
                for (int i = 0; i < 10; i++) Files.writeString(f.resolve("entry-" + i), "x");
            }
            case MKDIR, CREATE_DELETE, WRITE, DIRECT_WRITE -> { }
            default -> {
                byte[] b = new byte[64 * 1024];
                new Random(1).nextBytes(b);
                Files.write(f, b);
            }
        }
        return f;
    }

    @Benchmark
    public void operation() throws Exception {
        operation.prepare(target);
        operation.perform(target);
        operation.restore(target);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
