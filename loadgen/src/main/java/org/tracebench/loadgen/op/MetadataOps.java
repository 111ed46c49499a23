package org.tracebench.loadgen.op;

import java.io.File;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;
import org.tracebench.loadgen.sys.RawFiles;

/**
 * Metadata ops. Where {@code java.nio.file.Files} would add system calls (Files.move and Files.delete lstat
 * first), {@link File} is used: {@code renameTo} is one rename(2), {@code delete} is glibc remove(3) = one unlinkat
 * for a file. On failure the {@code Files} call is repeated to obtain the real error message.
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

    /** unlink via glibc remove(3); on failure throws the error {@code Files.delete} reports. */
    static void unlink(Path path) throws Exception {
        if (!new File(path.toString()).delete()) Files.delete(path);
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

    /** open(O_WRONLY|O_CREAT|O_EXCL, mode), close, unlink. */
    static final class CreateDelete implements Op {
        private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        private final FileAttribute<?>[] attrs;

        CreateDelete(int mode) { attrs = modeAttr(mode); }

        @Override public OpKind kind() { return OpKind.CREATE_DELETE; }

        @Override
        public void perform(Path path) throws Exception {
            FileChannel.open(path, CREATE_NEW, attrs).close();
            unlink(path);
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

    /** chown(path, uid, -1) to the file's current owner (looked up untimed once per distinct path in a row). */
    static final class Chown implements Op {
        private Path lastPath;
        private UserPrincipal owner;

        @Override public OpKind kind() { return OpKind.CHOWN; }

        @Override public boolean hasPrepare() { return true; }

        @Override
        public void prepare(Path path) throws Exception {
            if (!path.equals(lastPath)) {
                owner = Files.getOwner(path);
                lastPath = path;
            }
        }

        @Override
        public void perform(Path path) throws Exception {
            Files.getFileAttributeView(path, PosixFileAttributeView.class).setOwner(owner);
        }
    }

    /** mkdir(path, mode); restore: remove the directory again. */
    static final class Mkdir implements Op {
        private final FileAttribute<?>[] attrs;

        Mkdir(int mode) { attrs = modeAttr(mode); }

        @Override public OpKind kind() { return OpKind.MKDIR; }

        @Override
        public void perform(Path path) throws Exception {
            Files.createDirectory(path, attrs);
        }

        @Override public boolean hasRestore() { return true; }

        @Override
        public void restore(Path path) throws Exception {
            unlink(path);
        }
    }

    /** unlink(path) or, for a directory, rmdir; restore: recreate it (an empty file or an empty directory). */
    static final class Remove implements Op {
        private boolean directory;

        @Override public OpKind kind() { return OpKind.REMOVE; }

        @Override public boolean hasPrepare() { return true; }

        @Override
        public void prepare(Path path) {
            directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public void perform(Path path) throws Exception {
            unlink(path);
        }

        @Override public boolean hasRestore() { return true; }

        @Override
        public void restore(Path path) throws Exception {
            if (directory) Files.createDirectory(path);
            else FileChannel.open(path, DataOps.WRITE_CREATE, DataOps.NO_ATTRS).close();
        }
    }

    /** rename(path, path-renamed); restore: rename it back. */
    static final class Rename extends WithCompanion {
        Rename() { super("-renamed"); }

        @Override public OpKind kind() { return OpKind.RENAME; }

        @Override
        public void perform(Path path) throws Exception {
            Path to = companion(path);
            if (!new File(path.toString()).renameTo(new File(to.toString()))) {
                Files.move(path, to, StandardCopyOption.ATOMIC_MOVE);
            }
        }

        @Override public boolean hasRestore() { return true; }

        @Override
        public void restore(Path path) throws Exception {
            Path to = companion(path);
            if (!new File(to.toString()).renameTo(new File(path.toString()))) {
                Files.move(to, path, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** link(path, path-hard-link); restore: unlink the link. */
    static final class HardLink extends WithCompanion {
        HardLink() { super("-hard-link"); }

        @Override public OpKind kind() { return OpKind.HARD_LINK; }

        @Override
        public void perform(Path path) throws Exception {
            Files.createLink(companion(path), path);
        }

        @Override public boolean hasRestore() { return true; }

        @Override
        public void restore(Path path) throws Exception {
            unlink(companion(path));
        }
    }

    /** symlink(path, path-soft-link); restore: unlink the link. */
    static final class SoftLink extends WithCompanion {
        SoftLink() { super("-soft-link"); }

        @Override public OpKind kind() { return OpKind.SOFT_LINK; }

        @Override
        public void perform(Path path) throws Exception {
            Files.createSymbolicLink(companion(path), path);
        }

        @Override public boolean hasRestore() { return true; }

        @Override
        public void restore(Path path) throws Exception {
            unlink(companion(path));
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
            if (!(raw != null ? raw.stat(path) : files.of(path).exists())) Files.readAttributes(path, BasicFileAttributes.class);
        }
    }

    /**
     * opendir, read every entry (getdents64), closedir: {@link File#list()} issues exactly the calls of C's
     * opendir/readdir/closedir (openat, fstat, getdents64, close), while {@code Files.newDirectoryStream} adds a
     * dup, two fcntl and a second close. On failure the stream is opened only to report the real error.
     */
    static final class Readdir implements Op {
        private final FileOf files = new FileOf();
        private final RawFiles raw;

        Readdir(RawFiles raw) { this.raw = raw; }

        @Override public OpKind kind() { return OpKind.READDIR; }

        @Override
        public void perform(Path path) throws Exception {
            if (raw != null) {
                try {
                    raw.listCount(path); // the same opendir/readdir/closedir, without a String per entry
                    return;
                } catch (java.io.IOException e) {
                    Files.newDirectoryStream(path).close();
                    throw e;
                }
            }
            if (files.of(path).list() == null) {
                Files.newDirectoryStream(path).close(); // throws NotDirectoryException, NoSuchFileException, ...
                throw new java.io.IOException("Cannot list the directory " + path + ".");
            }
        }
    }
}
