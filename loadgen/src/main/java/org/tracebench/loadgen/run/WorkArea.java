package org.tracebench.loadgen.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.task.SetupFile;

/**
 * The files of a run: remembers what existed before ({@link #snapshot}), creates setup files, missing parent
 * directories and missing targets of ops that need an existing file ({@link #setup}), and removes what the run
 * created ({@link #cleanup}). Called from one thread, before and after the workers run.
 */
final class WorkArea {
    /** Ops that need their (fixed) target to exist; a missing one inside the work root is created at setup. */
    static final Set<OpKind> NEEDS_TARGET = EnumSet.of(OpKind.READ, OpKind.DIRECT_READ, OpKind.OPEN, OpKind.STAT,
            OpKind.CHMOD, OpKind.CHOWN, OpKind.RENAME, OpKind.HARD_LINK, OpKind.SOFT_LINK, OpKind.REMOVE,
            OpKind.READDIR);
    /** Ops that create their target themselves; their paths are never pre-created. */
    static final Set<OpKind> CREATES = EnumSet.of(OpKind.WRITE, OpKind.DIRECT_WRITE, OpKind.FSYNC, OpKind.TRUNCATE,
            OpKind.MKDIR, OpKind.CREATE_DELETE);
    static final int IMPLICIT_FILE_BYTES = 64 * 1024;
    /** More entries than this in an existing work root: refused, as the snapshot could not remember them all. */
    static final int SNAPSHOT_LIMIT = 1_000_000;
    static final String LOCK_NAME = WorkRootLock.NAME;

    private final RunConfig cfg;
    private final int snapshotLimit;
    private boolean rootExisted;
    private boolean snapshotTaken; // false: cleanup removes only what lock() created
    private final Set<Path> before = new HashSet<>();
    private final Set<Path> outsideExisted = new HashSet<>();
    private final List<Path> createdOutside = new ArrayList<>();
    private Path lockPath;
    private Path createdTop; // the highest directory the work-root creation made, or null
    private boolean lockExisted;
    private FileChannel lockChannel;
    private FileLock lock;

    WorkArea(RunConfig cfg) { this(cfg, SNAPSHOT_LIMIT); }

    /** For tests: a smaller limit than {@link #SNAPSHOT_LIMIT}. */
    WorkArea(RunConfig cfg, int snapshotLimit) {
        this.cfg = cfg;
        this.snapshotLimit = snapshotLimit;
    }

    /**
     * Locks the work root and records what exists under it now, so cleanup removes only what the run added. Throws
     * {@link WorkRootRefusedException} when another run holds the root or it holds more than the limit's entries;
     * after any failure here {@link #cleanup} removes nothing but what the locking itself created.
     */
    void snapshot() throws IOException {
        Path root = cfg.workRoot();
        rootExisted = Files.exists(root);
        lock(root);
        try {
            if (rootExisted) {
                try (Stream<Path> s = Files.walk(root)) {
                    s.limit(snapshotLimit + 1L).forEach(before::add);
                }
                if (before.size() > snapshotLimit) {
                    throw new WorkRootRefusedException("The work root " + root + " holds more than " + snapshotLimit
                            + " entries, too many to tell the run's files from the ones there before at cleanup;"
                            + " give a --work-root of its own (a new or emptier directory).");
                }
            }
        } catch (IOException | RuntimeException e) {
            before.clear();
            unlock();
            throw e;
        }
        snapshotTaken = true;
    }

    /**
     * Takes an exclusive lock on {@code ROOT/.tracebench.lock} (fcntl, released when the process dies): two runs
     * in one work root would delete each other's files at cleanup.
     */
    private void lock(Path root) throws IOException {
        createdTop = root;
        while (createdTop.getParent() != null && !Files.exists(createdTop.getParent())) createdTop = createdTop.getParent();
        if (Files.exists(createdTop)) createdTop = null;
        Files.createDirectories(root);
        lockPath = root.resolve(LOCK_NAME);
        lockExisted = Files.exists(lockPath);
        lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            lockChannel = null;
            throw new WorkRootRefusedException("Another load run is using the work root " + root
                    + "; wait for it to end or give this one a different --work-root.");
        }
    }

    /** Releases the work-root lock and removes the lock file if this run created it; idempotent. */
    void unlock() throws IOException {
        if (lockChannel == null) return;
        if (lock != null) lock.release();
        lockChannel.close();
        lockChannel = null;
        if (!lockExisted) Files.deleteIfExists(lockPath);
    }

    /**
     * The work roots among {@code under} (a walk of {@code root}) that another run is using now
     * ({@link WorkRootLock#heldByAnother}): cleanup leaves them and their parents alone. Without this a run whose
     * work root holds another's (the default /var/tmp/tracebench holds every bundled task's) deleted that run's
     * files while it ran, and its ops failed.
     */
    private static List<Path> liveRootsInside(Path root, List<Path> under) {
        List<Path> live = new ArrayList<>();
        for (Path p : under) {
            if (p.getFileName() == null || !p.getFileName().toString().equals(LOCK_NAME) || p.getParent().equals(root)) continue;
            if (WorkRootLock.heldByAnother(p.getParent())) live.add(p.getParent());
        }
        return live;
    }

    /** Creates the work root, setup files, parent directories and implicit targets, in that order. */
    void setup(List<Worker> workers) throws IOException {
        Files.createDirectories(cfg.workRoot());
        List<SetupFile> setup = cfg.task().setup();
        for (int i = 0; i < setup.size(); i++) {
            SetupFile f = setup.get(i);
            boolean perWorker = f.path().contains(PathTemplate.WORKER) || f.path().contains("%d");
            for (int w = 0; w < (perWorker ? workers.size() : 1); w++) {
                Path p = PathTemplate.of(f.path(), w, cfg.workRoot()).fixed();
                if (p == null) throw new IOException("Setup path " + f.path() + " (" + f.location()
                        + ") holds {iteration}, which has no value before the run.");
                Random rnd = new Random(42L * 31 + i * 1000L + w);
                creating("the setup " + (f.kind() == SetupFile.Kind.DIRECTORY ? "directory " : "file ") + p + " ("
                        + f.location() + ")", () -> create(f, p, rnd));
            }
        }
        Set<Path> createdByOps = new HashSet<>();
        for (Worker w : workers) {
            for (Step s : w.steps) {
                for (PathTemplate t : s.paths) {
                    if (s.op.kind().family() == OpKind.Family.EXEC) continue;
                    Path sample = t.at(0);
                    Path parent = sample.getParent();
                    if (parent != null && (!t.perIteration() || parent.equals(t.at(1).getParent()))) {
                        creating("the directory " + parent + " for `" + s.op.kind().yamlName() + "`", () -> mkdirs(parent));
                    }
                    if (t.fixed() != null && CREATES.contains(s.op.kind())) createdByOps.add(t.fixed());
                    // a companion exists only within its op: made in advance, every rename or link would fail
                    if (t.fixed() != null) {
                        org.tracebench.loadgen.task.TaskFiles.derivedPath(s.op.kind(), t.fixed().toString())
                                .ifPresent(d -> createdByOps.add(Path.of(d)));
                    }
                    if (t.fixed() != null && !t.fixed().startsWith(cfg.workRoot()) && Files.exists(t.fixed())) {
                        outsideExisted.add(t.fixed());
                    }
                }
            }
        }
        for (Worker w : workers) {
            for (Step s : w.steps) {
                if (!NEEDS_TARGET.contains(s.op.kind())) continue;
                for (PathTemplate t : s.paths) {
                    Path p = t.fixed();
                    if (p == null || !p.startsWith(cfg.workRoot()) || createdByOps.contains(p)) continue;
                    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
                    if (s.op.kind() == OpKind.READDIR) creating("the directory " + p + " for `readdir`", () -> Files.createDirectories(p));
                    else creating("the file " + p + " for `" + s.op.kind().yamlName() + "`",
                            () -> writeRandom(p, IMPLICIT_FILE_BYTES, new Random(p.hashCode())));
                }
            }
        }
    }

    private interface Creation {
        void run() throws IOException;
    }

    /** Runs {@code c}; a failure names {@code what} and the work root (a full disk's write names no file). */
    private void creating(String what, Creation c) throws IOException {
        try {
            c.run();
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Setup path ")) throw e; // names its path already
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e instanceof java.nio.file.FileSystemException f ? reason(f) + " (" + f.getFile() + ")"
                    : String.valueOf(e.getMessage());
            throw new IOException("Creating " + what + " in the work root " + cfg.workRoot() + " failed: " + why, e);
        }
    }

    /** What a file-system exception without a reason means, in words (its message is just the path). */
    static String reason(java.nio.file.FileSystemException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file (not a directory) is in the way";
        if (e instanceof java.nio.file.NotDirectoryException) return "a part of the path is a file, not a directory";
        if (e instanceof java.nio.file.NoSuchFileException) return "a directory on the path does not exist";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.DirectoryNotEmptyException) return "the directory is not empty";
        if (e instanceof java.nio.file.FileSystemLoopException) return "symbolic links loop";
        return e.getClass().getSimpleName();
    }

    private void mkdirs(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        if (!cfg.mayMutate(dir)) return;
        Path top = dir;
        while (top.getParent() != null && !Files.exists(top.getParent())) top = top.getParent();
        Files.createDirectories(dir);
        if (!dir.startsWith(cfg.workRoot())) createdOutside.add(top);
    }

    private void create(SetupFile f, Path p, Random rnd) throws IOException {
        if (!cfg.mayMutate(p)) {
            throw new IOException("Setup path " + p + " (" + f.location()
                    + ") lies outside the work root " + cfg.workRoot() + " and every --allow-path.");
        }
        if (p.getParent() != null) mkdirs(p.getParent());
        if (!p.startsWith(cfg.workRoot()) && !Files.exists(p)) createdOutside.add(p);
        if (f.kind() == SetupFile.Kind.DIRECTORY) {
            Files.createDirectories(p);
        } else {
            switch (f.content() == null ? SetupFile.Content.ZERO : f.content()) {
                case RANDOM -> writeRandom(p, f.sizeBytes(), rnd);
                case ZERO -> writeRepeated(p, f.sizeBytes(), new byte[] {0});
                case TEXT -> {
                    byte[] text = (f.text() == null ? "" : f.text()).getBytes(StandardCharsets.UTF_8);
                    writeRepeated(p, f.sizeBytes() > 0 || text.length == 0 ? f.sizeBytes() : text.length, text);
                }
            }
        }
        if (f.mode() != null) Files.setPosixFilePermissions(p, perms(f.mode()));
    }

    static void writeRandom(Path p, long size, Random rnd) throws IOException {
        byte[] chunk = new byte[(int) Math.min(Math.max(size, 1), 1 << 16)];
        try (OutputStream out = Files.newOutputStream(p)) {
            for (long left = size; left > 0; left -= chunk.length) {
                rnd.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
    }

    /** {@code size} bytes of {@code unit} repeated (zeros when empty); chunks hold whole units so it never restarts. */
    static void writeRepeated(Path p, long size, byte[] unit) throws IOException {
        int units = Math.max(1, (1 << 16) / Math.max(1, unit.length));
        byte[] chunk = new byte[(int) Math.min(Math.max(size, 1), (long) units * Math.max(1, unit.length))];
        if (unit.length > 0) for (int i = 0; i < chunk.length; i++) chunk[i] = unit[i % unit.length];
        try (OutputStream out = Files.newOutputStream(p)) {
            for (long left = size; left > 0; left -= chunk.length) out.write(chunk, 0, (int) Math.min(left, chunk.length));
        }
    }

    static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] v = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < 9; i++) if ((mode & (1 << (8 - i))) != 0) s.add(v[i]);
        return s;
    }

    /**
     * Removes what the run created: under the work root everything absent from the snapshot (the whole root when it
     * did not exist before), except the work roots of runs still using them ({@link #liveRootsInside}); outside it,
     * created parents and setup files plus {@code opPaths} that did not exist. Without a complete snapshot (the lock
     * or the snapshot failed) only the work root and parents the locking created, when still empty.
     */
    void cleanup(Set<Path> opPathsOutsideRoot) throws IOException {
        unlock();
        if (!snapshotTaken) {
            removeCreatedRoot();
            return;
        }
        Path root = cfg.workRoot();
        List<Path> doomed = new ArrayList<>();
        if (Files.exists(root)) {
            List<Path> all;
            try (Stream<Path> s = Files.walk(root)) {
                all = s.toList();
            }
            List<Path> live = liveRootsInside(root, all);
            for (Path p : all) {
                if ((!rootExisted || !before.contains(p)) && live.stream().noneMatch(l -> p.startsWith(l) || l.startsWith(p)))
                    doomed.add(p);
            }
        }
        for (Path p : opPathsOutsideRoot) if (!outsideExisted.contains(p)) doomed.add(p);
        for (Path top : createdOutside) {
            if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) continue;
            try (Stream<Path> s = Files.walk(top)) {
                s.forEach(doomed::add);
            }
        }
        doomed.sort(Comparator.reverseOrder()); // children sort after their parents: reverse removes them first
        IOException first = null;
        for (Path p : doomed) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        removeCreatedRoot();
        if (first != null) throw first;
    }

    /** The work root and its parents that this run created, innermost first, as long as they are empty. */
    private void removeCreatedRoot() {
        if (rootExisted || createdTop == null) return;
        for (Path p = cfg.workRoot(); p != null && p.startsWith(createdTop); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                break; // not empty: someone else uses it now
            }
        }
    }
}
