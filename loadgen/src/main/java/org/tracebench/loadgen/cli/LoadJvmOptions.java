package org.tracebench.loadgen.cli;

import java.util.List;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.sys.ForeignStat;
import org.tracebench.loadgen.sys.JdkInternals;
import org.tracebench.loadgen.task.TaskFileException;
import org.tracebench.loadgen.task.TaskFiles;

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
 * <p>{@code -Xmn}: a young generation of a fixed 8 MB per worker. By default it is a share of the machine's memory
 * (about 125 MB on this 24 GB VM), and the load generator's resident memory grew through every trial as the eden
 * filled: 80-110 MB, different in every process. Every fork and exec copies (and then write-faults back) the page
 * tables of that memory, so exec-heavy throughput followed it: the mixed workload's {@code none} trials ran at 996
 * and 1316 ops/s in one suite, fork p50 6.05 against 4.28 ms. With 8 MB the resident size is a steady 68 MB on any
 * machine and mixed ran 1414-1573 against 1020-1136 ops/s (fork p50 3.2-4.0 against 4.7-5.7 ms); a young
 * collection then comes every few hundred milliseconds at the fastest ops and pauses 0.3 ms (cached-read within
 * 1%). Per worker, so that many workers allocating at once do not collect more often than one does (capped at
 * 512 MB).
 *
 * <p>{@code -XX:CompileCommand=exclude,jdk.internal.org.objectweb.asm.Frame::execute} ({@code quiet} keeps the
 * JVM from echoing it on stdout, which carries the control protocol): the JDK's internal copy of ASM generates
 * lambda and method-handle classes at start-up, and when its 2305-byte {@code Frame::execute} got hot enough for C2
 * during the pre-READY warm-up (half of the runs here), that one compilation left 13.5 MB of arena chunks in
 * HotSpot's chunk pool until the pool's cleaner ran, 5 s into the JVM's life. The load generator then held 76 MB
 * instead of 60 MB, and every fork copied those page tables: mixed.yaml's fork p50 3.1-4.3 ms against 2.5-2.9 ms,
 * 1370-1800 against 1830-2250 ops/s. With the exclusion 10 of 10 runs held 60-62 MB, READY came no later (0.64 s
 * against 0.66 s median), and only start-up class generation runs that method.
 *
 * <p>{@code -XX:ArchiveRelocationMode=0} (a diagnostic option, on the JDKs known to have it: {@link #archiveAtItsAddress}):
 * since 17.0.x the JDK maps its class-data-sharing archive at a random address and then rewrites every pointer in it,
 * which turns the whole 12 MB mapping into private anonymous memory (10 MB here). Mapped at the address it was built
 * for, its read-only part stays shared page cache (0 KB anonymous against 7.6 MB) and the load generator holds about
 * 5.5 MB less anonymous memory, whose page tables every {@code fork} op copies: 0.25 → 0.28 × C for {@code fork} in
 * compare.sh side by side, 360 → 424 ops/s in a single fork loop (docs/load-ops.md). It gives up address
 * randomization of that archive in a process that only runs the benchmark's load.
 *
 * <p>{@link JdkInternals#JVM_OPTIONS} ({@code --add-opens}): the ops call the JDK's own native wrappers for
 * open/read/ftruncate/close and process start/wait where these packages are open ({@code read} 0.81 → 1.0× C).
 */
public final class LoadJvmOptions {
    /** What every load-generator JVM gets, whatever its number of workers. */
    public static final List<String> BASE = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("-XX:+UseSerialGC", "-XX:CompileCommand=quiet",
                    "-XX:CompileCommand=exclude,jdk.internal.org.objectweb.asm.Frame::execute"),
            java.util.stream.Stream.concat(archiveAtItsAddress(Runtime.version().feature()).stream(),
                    JdkInternals.JVM_OPTIONS.stream())).toList();
    /** Young generation per worker, in MB. */
    public static final int YOUNG_MB_PER_WORKER = 8;
    /** The options for one worker (compare.sh, the JMH forks of micro). */
    public static final List<String> OPTIONS = forWorkers(1);

    private LoadJvmOptions() {}

    /**
     * The options that map the class-data-sharing archive without relocating it, for a JDK of {@code feature}
     * version: empty outside 17–25, where the (locked, diagnostic, so not queryable) flag was checked; an unknown
     * {@code -XX} option would stop the JVM from starting. Assumes the load generator runs on the harness's JDK.
     */
    static List<String> archiveAtItsAddress(int feature) {
        return feature >= 17 && feature <= 25
                ? List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0") : List.of();
    }

    /** {@link #BASE} and the {@link #youngGeneration} for {@code workers} workers. */
    public static List<String> forWorkers(int workers) {
        return java.util.stream.Stream.concat(BASE.stream(), java.util.stream.Stream.of(youngGeneration(workers))).toList();
    }

    /** {@link #forWorkers}, plus {@link #foreignStat} for a load doing {@code kinds}. */
    public static List<String> forTask(int workers, java.util.Collection<OpKind> kinds) {
        List<String> o = new java.util.ArrayList<>(BASE);
        o.addAll(foreignStat(kinds));
        o.add(youngGeneration(workers));
        return List.copyOf(o);
    }

    /**
     * {@link ForeignStat#JVM_OPTIONS} where they pay for a load doing {@code kinds}: it stats, and nothing forks or
     * execs. Resolving the incubating module turns off the archived module graph, which leaves 5 MB more anonymous
     * memory in the JVM (RssAnon 33 against 28 MB at READY, 39 against 34 MB in a mixed run) and, with it, more page
     * tables for every fork op to copy (the archive's 5.5 MB were worth 0.25 → 0.28 × C for fork); the foreign call
     * saves about 240 ns per stat. So a load that forks keeps File.exists().
     */
    public static List<String> foreignStat(java.util.Collection<OpKind> kinds) {
        return foreignStatPays(kinds) ? ForeignStat.JVM_OPTIONS : List.of();
    }

    /** Whether {@link #foreignStat} wants the foreign stat for {@code kinds}, on any JDK. */
    public static boolean foreignStatPays(java.util.Collection<OpKind> kinds) {
        return kinds.contains(OpKind.STAT) && kinds.stream().noneMatch(k -> k.family() == OpKind.Family.EXEC);
    }

    /**
     * The options of a harness JVM ({@code harnessArguments}: its input arguments, where TRACEBENCH_JAVA_OPTS ends
     * up) that the load-generator JVMs it starts get too, in order: {@code -Dtracebench.*} (such as
     * {@code -Dtracebench.jdkInternals=false}), {@code -Xmx}, {@code -XX:MaxHeapSize=} and
     * {@code -XX:MaxDirectMemorySize=} (the limits validate and run check buffer sizes against), and
     * {@code -Dfile.encoding=} (the launcher's UTF-8, so what they print stays UTF-8 in any locale). Nothing else: the
     * launcher's JIT options for the harness ({@code -XX:TieredStopAtLevel=1} ...) would slow the load.
     */
    public static List<String> fromHarness(List<String> harnessArguments) {
        return harnessArguments.stream().filter(a -> a.startsWith("-Dtracebench.") || a.startsWith("-Xmx")
                || a.startsWith("-XX:MaxHeapSize=") || a.startsWith("-XX:MaxDirectMemorySize=")
                || a.startsWith("-Dfile.encoding=")).toList();
    }

    /** The task file named in a {@code load} command line; empty when there is none or it is bad. */
    static java.util.Optional<org.tracebench.loadgen.task.TaskFile> taskOf(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("load") || a.startsWith("-")) {
                if (VALUED.contains(a)) i++;
                continue;
            }
            try {
                return java.util.Optional.of(TaskFiles.load(java.nio.file.Path.of(a)));
            } catch (TaskFileException | RuntimeException e) {
                return java.util.Optional.empty(); // the load command itself reports a bad task file
            }
        }
        return java.util.Optional.empty();
    }

    /** The options of {@code load} that take a separate value. */
    private static final java.util.Set<String> VALUED = java.util.Set.of("--workers", "--duration", "--warmup", "--rate",
            "--work-root", "--allow-path", "--json", "--control");

    /** The one {@code -Xmn} argument for {@code workers} workers: 8 MB each, at most 512 MB. */
    public static String youngGeneration(int workers) {
        return "-Xmn" + Math.min(512, (long) YOUNG_MB_PER_WORKER * Math.max(1, workers)) + "m";
    }

    /**
     * Prints the options on one line, separated by spaces: {@link #OPTIONS}, or {@link #forTask} for the task file of
     * the arguments (a {@code load} command line, as the launcher passes it) and its workers ({@code --workers N},
     * else the task file's {@code workers}, as {@code load} decides).
     */
    public static void main(String[] args) {
        java.util.Optional<org.tracebench.loadgen.task.TaskFile> task = taskOf(args);
        int workers = task.map(t -> t.workers().orElse(1)).orElse(1);
        for (int i = 0; i < args.length; i++) {
            String v = args[i].startsWith("--workers=") ? args[i].substring(10)
                    : args[i].equals("--workers") && i + 1 < args.length ? args[i + 1] : null;
            if (v == null) continue;
            try {
                workers = Math.max(1, Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                // the load command itself reports a bad --workers
            }
        }
        java.util.Set<OpKind> kinds = java.util.EnumSet.noneOf(OpKind.class);
        task.ifPresent(t -> t.tasks().forEach(s -> kinds.add(s.op())));
        System.out.println(String.join(" ", forTask(workers, kinds)));
    }
}
