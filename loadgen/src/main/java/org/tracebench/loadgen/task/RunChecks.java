package org.tracebench.loadgen.task;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tracebench.loadgen.op.DirectIoOps;
import org.tracebench.loadgen.op.OpKind;

/**
 * The checks that need the effective work root, the number of workers or this machine: direct ops on a file system
 * that keeps files in memory, a {@code blockSize} the file system's O_DIRECT accepts, paths an op creates that exist
 * already or that the run makes first ({@link MadePaths}), and direct buffers the load generator's
 * JVM can reserve. {@link TaskFiles} runs
 * them with the path safety checks.
 */
final class RunChecks {
    private static final String MAX_DIRECT_FLAG = "-XX:MaxDirectMemorySize=";
    /** File systems that keep files in memory: tmpfs (and devtmpfs) accept O_DIRECT but buffer it, ramfs refuses it. */
    static final Set<String> IN_MEMORY = Set.of("tmpfs", "devtmpfs", "ramfs");

    private RunChecks() {}

    static List<String> check(TaskFile file, Path workRoot, int workers) {
        List<String> problems = new ArrayList<>();
        Path rootAbs = workRoot.toAbsolutePath().normalize();
        inMemory(file, rootAbs, problems);
        blockSizes(file, rootAbs, problems);
        existingTargets(file, rootAbs, Math.max(1, workers), problems);
        MadePaths.check(file, rootAbs, Math.max(1, workers), problems);
        directMemory(file, rootAbs, Math.max(1, workers), maxDirectMemory(), problems);
        return problems;
    }

    /**
     * A direct op on a file system that keeps files in memory measures no disk: tmpfs since Linux 6.6 accepts
     * O_DIRECT and serves it from its page cache (so "direct" numbers would be page-cache numbers), ramfs refuses it
     * with EINVAL. Both are refused before the run, one message per task.
     */
    private static void inMemory(TaskFile file, Path rootAbs, List<String> problems) {
        for (TaskSpec t : file.tasks()) {
            if (t.op() != OpKind.DIRECT_READ && t.op() != OpKind.DIRECT_WRITE) continue;
            for (int i = 0; i < t.paths().size(); i++) {
                Path p = TaskFiles.resolve(rootAbs, expand(file, t.paths().get(i)));
                Optional<FileStore> store = storeOf(p);
                if (store.isEmpty() || !IN_MEMORY.contains(store.get().type())) continue;
                String type = store.get().type();
                problems.add(t.pathLocations().get(i) + ": `" + t.op().yamlName() + "` acts on " + p + ", which is on"
                        + " a " + type + " file system (mounted at " + mountPoint(store.get()) + ") that keeps files in memory: "
                        + (type.equals("ramfs") ? "it refuses O_DIRECT, so every operation would fail."
                                : "it accepts O_DIRECT but serves it from the page cache, so the run would measure"
                                + " no direct I/O.")
                        + " Expected a path on a disk file system (ext4, xfs, btrfs), e.g. a `workRoot` or"
                        + " --work-root under " + TaskFiles.DEFAULT_WORK_ROOT + ". Nothing was run.");
                break; // one message per task
            }
        }
    }

    /**
     * The JDK opens with O_DIRECT and then requires every transfer's length, position and buffer address to be a
     * multiple of {@code fstatvfs}'s {@code f_frsize} for the file (FileChannelImpl, FileDispatcherImpl.setDirect0),
     * which {@link FileStore#getBlockSize()} also returns. A smaller {@code blockSize} fails every operation.
     */
    private static void blockSizes(TaskFile file, Path rootAbs, List<String> problems) {
        for (TaskSpec t : file.tasks()) {
            int block = t.options().blockSizeBytes();
            if (block <= 0 || (t.op() != OpKind.DIRECT_READ && t.op() != OpKind.DIRECT_WRITE)) continue;
            for (int i = 0; i < t.paths().size(); i++) {
                Path p = TaskFiles.resolve(rootAbs, expand(file, t.paths().get(i)));
                Optional<FileStore> store = storeOf(p);
                long fs = store.map(RunChecks::blockSize).orElse(0L);
                if (fs <= 0 || block % fs == 0) continue;
                problems.add(t.location() + ": `blockSize: " + block + "` of this `" + t.op().yamlName() + "` is not"
                        + " a multiple of the block size of the file system that holds " + p + " (" + store.get().type()
                        + " " + store.get() + ": " + fs + " bytes); the JDK's O_DIRECT requires every transfer there"
                        + " to be a multiple of it, so each operation would fail. Expected a multiple of " + fs
                        + ", or no `blockSize` (the file system's block size is the default).");
                break; // one message per task
            }
        }
    }

    /**
     * The paths an op creates must not exist before the run: {@code rename} renames onto {@code path-renamed}
     * (rename(2) replaces an existing file there, and its content is gone for good, although the op renames back),
     * {@code hard-link} and {@code soft-link} create {@code path-hard-link} / {@code path-soft-link}, {@code mkdir}
     * and {@code create-delete} create their path: an existing one fails every operation with EEXIST (or, for
     * {@code create-delete}, which opens with O_TRUNC, is truncated and deleted). Checked for
     * every worker, and for a path holding {@code {iteration}} against every existing entry it matches (one message
     * per task).
     */
    static void existingTargets(TaskFile file, Path rootAbs, int workers, List<String> problems) {
        boolean legacy = file.format() == TaskFile.Format.LEGACY;
        for (TaskSpec t : file.tasks()) {
            OpKind op = t.op();
            boolean derived = op == OpKind.RENAME || op == OpKind.HARD_LINK || op == OpKind.SOFT_LINK;
            if (!derived && op != OpKind.MKDIR && op != OpKind.CREATE_DELETE) continue;
            tasks:
            for (String template : t.paths()) {
                boolean perWorker = legacy ? template.contains(Placeholders.LEGACY_WORKER) : Placeholders.usesWorker(template);
                boolean perIteration = !legacy && Placeholders.usesIteration(template);
                for (int w = 0; w < (perWorker ? workers : 1); w++) {
                    String path = legacy ? Placeholders.expandLegacy(template, w)
                            : perIteration ? Placeholders.compile(template).expandWorker(w) : Placeholders.expand(template, w, 0);
                    String target = derived ? TaskFiles.derivedPath(op, path).orElseThrow() : path;
                    Path p = perIteration ? firstExisting(TaskFiles.resolve(rootAbs, target))
                            : TaskFiles.resolve(rootAbs, target);
                    if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
                    Path from = perIteration ? Path.of(p.toString().substring(0, p.toString().length()
                            - (target.length() - path.length()))) : TaskFiles.resolve(rootAbs, path);
                    String kind = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "directory" : "file";
                    problems.add(t.location() + ": " + (op == OpKind.RENAME
                            ? "`rename` renames " + from + " to " + p + ", an existing " + kind + ": rename(2) would"
                                    + " replace it and its content would be lost (the op renames back, but to "
                                    + from + ")."
                            : op == OpKind.CREATE_DELETE
                            ? "`create-delete` creates " + p + ", which exists already (a " + kind + "): it would"
                                    + (kind.equals("file") ? " truncate and delete it (it opens with O_TRUNC, as"
                                    + " loder's os.Create)." : " fail with EISDIR.")
                            : "`" + op.yamlName() + "` creates " + p + ", which exists already (a " + kind + "), so"
                                    + (perIteration ? " the operation of the iteration that makes this name would"
                                    + " fail with EEXIST." : " every operation would fail with EEXIST."))
                            + " Remove or move it, or give the task another path. Nothing was run.");
                    break tasks;
                }
            }
        }
    }

    /**
     * The first existing path {@code template} names for some iteration, or null: each name holding
     * {@code {iteration}} matches the existing entries of its directory with a number in its place, as the run
     * would make them ({@code f-{iteration}} matches {@code f-3}, not {@code f-03}). Reads directories, writes nothing.
     */
    static Path firstExisting(Path template) {
        return firstExisting(template.getRoot(), template, 0);
    }

    private static Path firstExisting(Path prefix, Path t, int i) {
        if (i == t.getNameCount()) return Files.exists(prefix, LinkOption.NOFOLLOW_LINKS) ? prefix : null;
        String name = t.getName(i).toString();
        if (!name.contains(Placeholders.ITERATION)) return firstExisting(prefix.resolve(name), t, i + 1);
        if (!Files.isDirectory(prefix)) return null;
        java.util.regex.Pattern number = Placeholders.iterationNames(name);
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(prefix)) {
            for (Path e : entries) {
                if (!number.matcher(e.getFileName().toString()).matches()) continue;
                Path found = firstExisting(e, t, i + 1);
                if (found != null) return found;
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // unreadable now: nothing found in it
        }
        return null;
    }

    /**
     * Each worker allocates one direct buffer per op with a size ({@code read}, {@code write}, {@code fsync}: the
     * size; direct ops: the size rounded up to blocks, plus one block for alignment); together they must fit what
     * the JVM may reserve.
     */
    static void directMemory(TaskFile file, Path rootAbs, int workers, long limit, List<String> problems) {
        long perWorker = 0;
        TaskSpec largest = null;
        long largestBytes = 0;
        for (TaskSpec t : file.tasks()) {
            long b = bufferBytes(t, rootAbs);
            perWorker += b;
            if (b > largestBytes) {
                largestBytes = b;
                largest = t;
            }
        }
        long total = perWorker * workers;
        if (largest == null || total <= limit) return;
        problems.add(largest.location() + ": The run would reserve " + mib(total) + " of direct buffers (" + workers
                + " worker" + (workers == 1 ? "" : "s") + " × " + mib(perWorker) + ", of which this `"
                + largest.op().yamlName() + "` takes " + mib(largestBytes) + " each), but the load generator's JVM may"
                + " reserve at most " + mib(limit) + " (-XX:MaxDirectMemorySize, by default its maximum heap). Lower"
                + " `size` or `workers`, or raise the limit, e.g. TRACEBENCH_JAVA_OPTS=-XX:MaxDirectMemorySize="
                + ((total >> 30) + 1) + "g.");
    }

    private static long bufferBytes(TaskSpec t, Path rootAbs) {
        OpOptions o = t.options();
        return switch (t.op()) {
            case READ, WRITE, FSYNC -> o.sizeBytesOrDefault(t.op());
            case DIRECT_READ, DIRECT_WRITE -> {
                long block = o.blockSizeBytes() > 0 ? o.blockSizeBytes() : t.paths().isEmpty() ? 4096
                        : storeOf(TaskFiles.resolve(rootAbs, t.paths().get(0))).map(RunChecks::blockSize)
                        .filter(b -> b > 0).map(b -> Math.max(512, Math.min(b, 1 << 20))).orElse(4096L);
                long len = o.sizeBytes() <= block ? block : (o.sizeBytes() + block - 1) / block * block;
                yield len + block;
            }
            default -> 0;
        };
    }

    /**
     * What this JVM may reserve for direct buffers: the last {@code -XX:MaxDirectMemorySize} on its command line,
     * else its maximum heap (the JDK's default). The load generator is started like the validating JVM (the launcher
     * and the harness add no heap options, and the harness passes its own -Xmx and -XX:MaxDirectMemorySize, from
     * TRACEBENCH_JAVA_OPTS, on to the loads it starts: {@link org.tracebench.loadgen.cli.LoadJvmOptions#fromHarness}),
     * so this estimates its limit too.
     */
    static long maxDirectMemory() {
        long fromFlag = ProcessHandle.current().info().arguments().map(args -> {
            long v = -1;
            for (String a : args) if (a.startsWith(MAX_DIRECT_FLAG)) v = parseJvmSize(a.substring(MAX_DIRECT_FLAG.length()));
            return v;
        }).orElse(-1L);
        return fromFlag > 0 ? fromFlag : Runtime.getRuntime().maxMemory();
    }

    /** A HotSpot size: digits with an optional k, m, g or t (either case); -1 when unreadable. */
    static long parseJvmSize(String s) {
        if (s.isEmpty()) return -1;
        int shift = switch (Character.toLowerCase(s.charAt(s.length() - 1))) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        try {
            return Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1)) << shift;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String expand(TaskFile file, String template) {
        return file.format() == TaskFile.Format.LEGACY ? Placeholders.expandLegacy(template, 0)
                : Placeholders.expand(template, 0, 0);
    }

    /** The file store a direct op on {@code p} will use ({@link DirectIoOps#fileStoreOf}); empty when unknown. */
    private static Optional<FileStore> storeOf(Path p) {
        try {
            return Optional.of(DirectIoOps.fileStoreOf(p));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The mount point of {@code s}: the JDK's Unix file stores print as {@code /mount/point (device)}. */
    private static String mountPoint(FileStore s) {
        String text = s.toString();
        int paren = text.lastIndexOf(" (");
        return paren > 0 ? text.substring(0, paren) : text;
    }

    private static long blockSize(FileStore s) {
        try {
            return s.getBlockSize();
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    private static String mib(long bytes) {
        if (bytes < 1L << 20) return bytes + " bytes";
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB"
                : String.format(java.util.Locale.ROOT, "%.2f MiB", bytes / (double) (1L << 20));
    }
}
