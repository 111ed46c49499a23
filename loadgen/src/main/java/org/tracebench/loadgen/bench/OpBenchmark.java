package org.tracebench.loadgen.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
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
import org.tracebench.loadgen.cli.LoadJvmOptions;
import org.tracebench.loadgen.op.LaunchMechanisms;
import org.tracebench.loadgen.op.Op;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.op.Ops;
import org.tracebench.loadgen.task.Launch;
import org.tracebench.loadgen.task.OpOptions;

/**
 * The cost of one iteration of the load generator's loop for one op kind: prepare, perform and restore of one
 * {@link Op}, on a file in a fresh directory under {@code -Dtracebench.bench.dir} (default /var/tmp, a disk so O_DIRECT
 * means something). The load generator times only perform; for the kinds with an undo ({@link #undo}: mkdir's rmdir,
 * rename's rename back, ...) the score includes that undo, since timing perform alone would take a
 * {@code @Setup(Level.Invocation)}, which JMH's javadoc reserves for benchmarks of a millisecond or more (it timestamps
 * every call). The benchmark thread is named {@code tracebench-worker-jmh}, so the harness can see where it runs.
 * Each op kind runs in its own forked JVM, whose setup applies {@link #launch} for that kind before any child starts.
 *
 * <p>Run it through {@code tracebench micro --ops read,stat} (under tracers) or {@link MicroMain} (no tracer:
 * {@code echo GO | java -cp harness/target/tracebench.jar org.tracebench.loadgen.bench.MicroMain --json r.json --ops read}),
 * which give the forks the load generator's JVM options ({@code LoadJvmOptions}: {@code --add-opens} for the JDK's own
 * native calls, the Serial GC, a fixed young generation, ...). A plain {@code org.openjdk.jmh.Main OpBenchmark} run
 * lacks them and measures other system calls (the public-API fallback's extra lseek/fstat) under another GC; its
 * setup then says so on stderr.
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
     * The launch mechanism a fork of {@code kind} runs with: {@code load}'s rule for a task of that one kind
     * ({@link LaunchMechanisms#forKinds}), so VFORK for execute-subproc and execute-subthread, FORK for fork.
     */
    public static Launch launch(OpKind kind) {
        return LaunchMechanisms.forKinds(List.of(kind));
    }

    /** The options of {@link LoadJvmOptions#BASE} that a JVM started with {@code inputArguments} lacks. */
    static List<String> missingJvmOptions(List<String> inputArguments) {
        return LoadJvmOptions.BASE.stream().filter(o -> !inputArguments.contains(o)).toList();
    }

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
        // Before the first child process: the JDK fixes the mechanism then. An explicit -D wins, with a warning.
        LaunchMechanisms.Applied launch = LaunchMechanisms.apply(List.of(kind)); // launch(kind), or the -D in force
        launch.warning().ifPresent(System.err::println);
        if (kind.family() == OpKind.Family.EXEC) System.err.println("OpBenchmark " + op + ": launch mechanism " + launch.mechanism());
        List<String> missing = missingJvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (!missing.isEmpty()) {
            System.err.println("OpBenchmark runs without the load generator's JVM options " + missing + ", so it measures"
                    + " other system calls or another GC than load; run it through tracebench micro or MicroMain.");
        }
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
