package org.tracebench.loadgen.op;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.tracebench.loadgen.sys.RawFiles;

/**
 * Metadata ops. unlink, rmdir and rename go through {@link RawFiles} (the JDK's own wrappers: one call, and the JDK's
 * exception for its errno) where the JDK internals are available; otherwise unlink is {@link File#delete()} (glibc
 * remove(3); {@code Files.delete} would lstat first) and rename {@code Files.move} with ATOMIC_MOVE (one rename(2)).
 * A failed call is never repeated: a second attempt could succeed where the first failed (another worker restored
 * the path meanwhile) and turn the failure into a success with twice the calls.
 */
final class MetadataOps {
    private MetadataOps() {}

    static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < all.length; i++) if ((mode & (1 << i)) != 0) s.add(all[i]);
        return s;
    }

    static FileAttribute<?>[] modeAttr(int mode) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms(mode))};
    }

    /** unlink(2) through {@code raw}, or glibc remove(3) (File.delete) without it; throws on failure, never retries. */
    static void unlink(RawFiles raw, Path path) throws IOException {
        if (raw != null) raw.unlink(path);
        else if (!new File(path.toString()).delete()) throw notDone("remove(3)", path);
    }

    /**
     * The error of a File call that failed (File's API returns false, not errno): an lstat of the path says why when
     * it is missing or unreachable (a look, not a second attempt: the op has failed either way).
     */
    static IOException notDone(String call, Path path) {
        try {
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return e;
        }
        return new FileSystemException(path.toString(), null, call + " failed; the public API does not say why (the "
                + "JDK internals path reports the errno: docs/load-ops.md)");
    }

    /** The process's umask (from /proc/self/status), or -1 when unknown. */
    static final int UMASK = umask();

    private static int umask() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Umask:")) return Integer.parseInt(l.substring(6).trim(), 8);
            }
        } catch (IOException | RuntimeException e) {
            // fall through: unknown
        }
        return -1;
    }

    /**
     * The {@link File} for the last path seen: a fixed task path is the same {@link Path} object every iteration,
     * so a steady loop neither allocates nor re-normalizes it.
     */
    static final class FileOf {
        private Path lastPath;
        private File file;

        File of(Path path) {
            if (path != lastPath) {
                file = new File(path.toString());
                lastPath = path;
            }
            return file;
        }
    }

    /** Remembers the companion path of the last path seen, so a steady loop allocates nothing for it. */
    abstract static class WithCompanion implements Op {
        private final String suffix;
        private Path lastPath;
        private Path lastCompanion;

        WithCompanion(String suffix) { this.suffix = suffix; }

        @Override
        public final Path companion(Path path) {
            if (!path.equals(lastPath)) {
                lastCompanion = Path.of(path + suffix);
                lastPath = path;
            }
            return lastCompanion;
        }
    }

    /**
     * open(O_RDWR|O_CREAT|O_TRUNC, mode), close, unlink: loder's os.Create and os.Remove. Not exclusive, so a file
     * an earlier task wrote is truncated and deleted, as in loder (validation refuses a path that exists before the run).
     */
    static final class CreateDelete implements Op {
        private static final Set<OpenOption> CREATE_TRUNC = Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        private final int mode;
        private final FileAttribute<?>[] attrs;
        private final RawFiles raw;

        CreateDelete(int mode, RawFiles raw) {
            this.mode = mode;
            attrs = modeAttr(mode);
            this.raw = raw;
        }

        @Override public OpKind kind() { return OpKind.CREATE_DELETE; }

        @Override
        public void perform(Path path) throws Exception {
            if (raw != null) raw.createTruncate(path, mode);
            else FileChannel.open(path, CREATE_TRUNC, attrs).close();
            unlink(raw, path);
        }
    }

    /** chmod(path, mode). */
    static final class Chmod implements Op {
        private final Set<PosixFilePermission> perms;

        Chmod(int mode) { perms = perms(mode); }

        @Override public OpKind kind() { return OpKind.CHMOD; }

        @Override
        public void perform(Path path) throws Exception {
            Files.setPosixFilePermissions(path, perms);
        }
    }

    /**
     * chown(path, -1, -1): loder's os.Chown(path, -1, -1), a real system call that changes nothing. Through the JDK's
     * native chown when {@code raw} is there; else {@code Files.setAttribute}, the same call after parsing the
     * attribute name and looking up its view (about a fifth of the op's time in compare.sh).
     */
    static final class Chown implements Op {
        private static final Integer UNCHANGED = -1;
        private final RawFiles raw;

        Chown(RawFiles raw) {
            this.raw = raw;
        }

        @Override public OpKind kind() { return OpKind.CHOWN; }

        @Override
        public void perform(Path path) throws Exception {
            if (raw != null) raw.chown(path, -1, -1);
            else Files.setAttribute(path, "unix:uid", UNCHANGED); // chown(path, -1, -1): the JDK passes gid -1 with a uid
        }
    }

    /** mkdir(path, mode); restore: rmdir (glibc remove(3) without the JDK internals: a failing unlink first). */
    static final class Mkdir implements Op {
        private final FileAttribute<?>[] attrs;
        private final RawFiles raw;

        Mkdir(int mode, RawFiles raw) {
            attrs = modeAttr(mode);
            this.raw = raw;
        }

        @Override public OpKind kind() { return OpKind.MKDIR; }

        @Override
        public void perform(Path path) throws Exception {
            Files.createDirectory(path, attrs);
        }

        @Override public boolean hasRestore() { return true; }

        @Override
        public void restore(Path path) throws Exception {
            if (raw != null) raw.rmdir(path);
            else unlink(null, path);
        }
    }

    /**
     * unlink(path) or, for a directory, rmdir; prepare: lstat (type and mode); restore: recreate it, an empty file
     * or an empty directory with the mode it had (the content is not restored). Creating applies the umask: where
     * it cleared bits of that mode, a chmod sets them.
     */
    static final class Remove implements Op {
        private static final int S_IFMT = 0170000, S_IFDIR = 0040000, S_IFREG = 0100000;
        private final RawFiles raw;
        private boolean directory;
        private int mode;

        Remove(RawFiles raw) { this.raw = raw; }

        @Override public OpKind kind() { return OpKind.REMOVE; }

        @Override public boolean hasPrepare() { return true; }

        @Override
        public void prepare(Path path) throws IOException {
            int m = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS); // one lstat, as before
            directory = (m & S_IFMT) == S_IFDIR;
            mode = directory || (m & S_IFMT) == S_IFREG ? m & 07777 : 0644; // a symbolic link comes back a file
        }

        @Override
        public void perform(Path path) throws Exception {
            if (raw == null) unlink(null, path);
            else if (directory) raw.rmdir(path);
            else raw.unlink(path);
        }

        @Override public boolean hasRestore() { return true; }

        @Override
        public void restore(Path path) throws Exception {
            if (directory) Files.createDirectory(path, modeAttr(mode));
            else if (raw != null) raw.create(path, mode);
            else FileChannel.open(path, DataOps.WRITE_CREATE, modeAttr(mode)).close();
            if (UMASK < 0 || (mode & UMASK) != 0 || (mode & ~0777) != 0) {
                Files.setAttribute(path, "unix:mode", mode); // chmod (with NOFOLLOW_LINKS the JDK would open and fchmod)
            }
        }
    }

    /** rename(path, path-renamed); restore: rename it back. One rename(2) each, never retried. */
    static final class Rename extends WithCompanion {
        private final RawFiles raw;

        Rename(RawFiles raw) {
            super("-renamed");
            this.raw = raw;
        }

        @Override public OpKind kind() { return OpKind.RENAME; }

        @Override
        public void perform(Path path) throws Exception {
            move(path, companion(path));
        }

        @Override public boolean hasRestore() { return true; }

        @Override
        public void restore(Path path) throws Exception {
            move(companion(path), path);
        }

        private void move(Path from, Path to) throws IOException {
            if (raw != null) raw.rename(from, to);
            else Files.move(from, to, StandardCopyOption.ATOMIC_MOVE); // one rename(2): no lstat with ATOMIC_MOVE
        }
    }

    /** link(path, path-hard-link); restore: unlink the link. */
    static final class HardLink extends WithCompanion {
        private final RawFiles raw;

        HardLink(RawFiles raw) {
            super("-hard-link");
            this.raw = raw;
        }

        @Override public OpKind kind() { return OpKind.HARD_LINK; }

        @Override
        public void perform(Path path) throws Exception {
            Files.createLink(companion(path), path);
        }

        @Override public boolean hasRestore() { return true; }

        @Override
        public void restore(Path path) throws Exception {
            unlink(raw, companion(path));
        }
    }

    /**
     * symlink(name, path-soft-link), {@code name} being the path's last name: relative to the link's own directory,
     * which is the path's, so it never dangles and is loder's text for a path in the work root ({@code s-0.txt});
     * restore: unlink the link.
     */
    static final class SoftLink extends WithCompanion {
        private final RawFiles raw;
        private Path lastPath;
        private Path target;

        SoftLink(RawFiles raw) {
            super("-soft-link");
            this.raw = raw;
        }

        @Override public OpKind kind() { return OpKind.SOFT_LINK; }

        @Override
        public void perform(Path path) throws Exception {
            if (path != lastPath) {
                target = path.getFileName();
                lastPath = path;
            }
            Files.createSymbolicLink(companion(path), target);
        }

        @Override public boolean hasRestore() { return true; }

        @Override
        public void restore(Path path) throws Exception {
            unlink(raw, companion(path));
        }
    }

    /**
     * stat(path) through {@link File#exists()}: glibc stat64, the newfstatat call C's stat(3) makes, with no
     * attribute object ({@code Files.readAttributes} would issue statx). On failure {@code Files.readAttributes}
     * reports the real error.
     */
    static final class Stat implements Op {
        private final FileOf files = new FileOf();
        private final RawFiles raw;

        /** {@code raw}: glibc's stat through {@link org.tracebench.loadgen.sys.ForeignStat}; null for File.exists(). */
        Stat(RawFiles raw) { this.raw = raw; }

        @Override public OpKind kind() { return OpKind.STAT; }

        @Override
        public void perform(Path path) throws Exception {
            // Both are glibc stat(3): newfstatat, as in C. The JDK's internal stat1 issues statx instead.
            if (!(raw != null ? raw.stat(path) : files.of(path).exists())) throw notStatted(path);
        }

        /** Why stat failed, from a second look (not a second attempt: the op has failed either way). */
        private static IOException notStatted(Path path) {
            try {
                Files.readAttributes(path, BasicFileAttributes.class);
            } catch (IOException e) {
                return e;
            }
            return new FileSystemException(path.toString(), null, "stat(2) failed; a second look found the path");
        }
    }
}
