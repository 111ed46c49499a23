package org.tracebench.loadgen.sys;

import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * open/read/ftruncate/close, opendir/readdir/closedir, unlink, rmdir, rename and chown through the JDK's own native wrappers
 * ({@link JdkInternals}): exactly the C calls ({@code openat}, {@code read}, {@code ftruncate}, {@code close};
 * {@code openat}, {@code newfstatat}, {@code getdents64}, {@code close} for a directory), with none of
 * {@code FileChannel}'s or {@code RandomAccessFile}'s extra {@code fstat}/{@code lseek} calls and per-call objects
 * ({@code File.list()} builds a String per entry).
 *
 * <p>Owned by one thread (it caches the last path's native bytes and a descriptor holder). Failures come back as
 * {@link IOException} whose message is the C library's ({@code strerror}); callers that want the JDK's exception
 * types repeat the call through the public API.
 */
public final class RawFiles {
    private static final Charset PATH_CHARSET = pathCharset();

    private final FileDescriptor holder = new FileDescriptor(); // only for truncate0, which takes a FileDescriptor
    private Path lastPath;
    private ByteBuffer pathBytes;
    private long pathAddress;
    private ByteBuffer statBytes; // ForeignStat's struct stat, allocated on first use; held so it is not freed
    private long statBuffer;

    private final NativePath second = new NativePath(); // rename's other path

    private RawFiles() {}

    /** A new instance, or null when {@link JdkInternals#available()} is false. */
    public static RawFiles createOrNull() {
        return JdkInternals.available() ? new RawFiles() : null;
    }

    /** The native address of a direct buffer's first byte. */
    public static long address(ByteBuffer direct) {
        if (!direct.isDirect()) throw new IllegalArgumentException("a direct buffer is needed");
        return (long) Handles.ADDRESS.get((java.nio.Buffer) direct);
    }

    /**
     * open(O_RDONLY), one read(2) of up to {@code buf.remaining()} bytes into {@code buf} at its position, close:
     * the bytes read (fewer at the end of the file, 0 past it; the op's call count does not depend on the size).
     */
    public int readFirst(Path path, ByteBuffer buf, long bufAddress) throws IOException {
        int fd = open(path, Handles.O_RDONLY, 0);
        try {
            int n = read(fd, bufAddress + buf.position(), buf.remaining(), path);
            buf.position(buf.position() + n);
            return n;
        } finally {
            close(fd);
        }
    }

    /** unlink(2); on failure the JDK's exception for its errno (no second attempt). */
    public void unlink(Path path) throws IOException {
        try {
            Handles.UNLINK0.invokeExact(nativePath(path));
        } catch (Throwable t) {
            throw failure("unlink", path, t);
        }
    }

    /** rmdir(2); on failure the JDK's exception for its errno. */
    public void rmdir(Path path) throws IOException {
        try {
            Handles.RMDIR0.invokeExact(nativePath(path));
        } catch (Throwable t) {
            throw failure("rmdir", path, t);
        }
    }

    /** rename(2); on failure the JDK's exception for its errno, naming both paths (as {@code Files.move}). */
    public void rename(Path from, Path to) throws IOException {
        boolean swapped = from == second.last || to == lastPath; // the rename back: each path keeps its slot
        long a = swapped ? second.address(from) : nativePath(from);
        long b = swapped ? nativePath(to) : second.address(to);
        try {
            Handles.RENAME0.invokeExact(a, b);
        } catch (Throwable t) {
            throw failure("rename", from, to, t);
        }
    }

    /** chown(2) of {@code path} to {@code uid}/{@code gid} (-1: unchanged); on failure the JDK's exception for its errno. */
    public void chown(Path path, int uid, int gid) throws IOException {
        try {
            Handles.CHOWN0.invokeExact(nativePath(path), uid, gid);
        } catch (Throwable t) {
            throw failure("chown", path, t);
        }
    }

    /** open(O_WRONLY|O_CREAT, mode), close: creates an empty file with {@code mode} (less the umask) if missing. */
    public void create(Path path, int mode) throws IOException {
        close(open(path, Handles.O_WRONLY | Handles.O_CREAT, mode));
    }

    /** open(O_RDWR|O_CREAT|O_TRUNC, mode), close: Go's os.Create (loder's create-delete), which replaces no file. */
    public void createTruncate(Path path, int mode) throws IOException {
        close(open(path, Handles.O_RDWR | Handles.O_CREAT | Handles.O_TRUNC, mode));
    }

    /** open(O_RDONLY), close. */
    public void openClose(Path path) throws IOException {
        close(open(path, Handles.O_RDONLY, 0));
    }

    /**
     * opendir, readdir until the end (getdents64), closedir: the number of entries, "." and ".." included, each told
     * to {@code calls} (null: none; its caller {@link GetdentsCalls#start starts} it). (Not stat: the JDK's internal
     * stat issues statx, where C's stat(3) and File.exists() issue newfstatat.)
     */
    public int listCount(Path dir, GetdentsCalls calls) throws IOException {
        long d;
        try {
            d = (long) Handles.OPENDIR0.invokeExact(nativePath(dir));
        } catch (Throwable t) {
            throw failure("opendir", dir, t);
        }
        int n = 0;
        try {
            for (byte[] name; (name = (byte[]) Handles.READDIR.invokeExact(d)) != null; n++) {
                if (calls != null) calls.entry(name.length);
            }
        } catch (Throwable t) {
            throw failure("readdir", dir, t);
        } finally {
            try {
                Handles.CLOSEDIR.invokeExact(d);
            } catch (Throwable t) {
                rethrowUnchecked(t); // closedir cannot fail in a way the caller could act on
            }
        }
        return n;
    }

    /**
     * glibc stat(3), as C's {@code stat}: one {@code newfstatat} ({@link ForeignStat}, which must be
     * {@link ForeignStat#available() available}); true when it succeeded. The caller learns the error, if it needs
     * it, from the public API.
     */
    public boolean stat(Path path) {
        long a = nativePath(path);
        if (statBytes == null) {
            statBytes = ByteBuffer.allocateDirect(ForeignStat.BUFFER_BYTES);
            statBuffer = address(statBytes);
        }
        try {
            return (int) ForeignStat.STAT.invokeExact(a, statBuffer) == 0;
        } catch (Throwable t) {
            rethrowUnchecked(t);
            throw new IllegalStateException("stat threw a checked exception", t);
        }
    }

    /** open(O_RDWR|O_CREAT, mode), ftruncate(size), close. */
    public void truncate(Path path, long size, int mode) throws IOException {
        int fd = open(path, Handles.O_RDWR | Handles.O_CREAT, mode);
        try {
            Handles.FD.set(holder, fd);
            int r = (int) Handles.TRUNCATE0.invokeExact(holder, size);
        } catch (Throwable t) {
            throw failure("ftruncate", path, t);
        } finally {
            Handles.FD.set(holder, -1);
            close(fd);
        }
    }

    private int open(Path path, int flags, int mode) throws IOException {
        long a = nativePath(path);
        try {
            return (int) Handles.OPEN0.invokeExact(a, flags, mode);
        } catch (Throwable t) {
            throw failure("open", path, t);
        }
    }

    private static int read(int fd, long address, int len, Path path) throws IOException {
        try {
            return (int) Handles.READ.invokeExact(fd, address, len);
        } catch (Throwable t) {
            throw failure("read", path, t);
        }
    }

    private static void close(int fd) {
        try {
            Handles.CLOSE0.invokeExact(fd); // the JDK ignores close errors here too (EINTR/EIO after the fact)
        } catch (Throwable t) {
            rethrowUnchecked(t);
            throw new IllegalStateException("close0 threw a checked exception", t);
        }
    }

    /** The path as the JDK passes it to the kernel (sun.jnu.encoding), NUL-terminated, in native memory. */
    private long nativePath(Path path) {
        if (path != lastPath) {
            byte[] b = path.toString().getBytes(PATH_CHARSET);
            if (pathBytes == null || pathBytes.capacity() < b.length + 1) {
                pathBytes = ByteBuffer.allocateDirect(Math.max(256, b.length + 1));
                pathAddress = address(pathBytes);
            }
            pathBytes.clear();
            pathBytes.put(b).put((byte) 0);
            lastPath = path;
        }
        return pathAddress;
    }

    /** A second cached native path (rename's target; the restore's rename back swaps the two, so both stay cached). */
    private final class NativePath {
        private Path last;
        private ByteBuffer bytes;
        private long address;

        long address(Path path) {
            if (path != last) {
                byte[] b = path.toString().getBytes(PATH_CHARSET);
                if (bytes == null || bytes.capacity() < b.length + 1) {
                    bytes = ByteBuffer.allocateDirect(Math.max(256, b.length + 1));
                    address = RawFiles.address(bytes);
                }
                bytes.clear();
                bytes.put(b).put((byte) 0);
                last = path;
            }
            return address;
        }
    }

    static IOException failure(String call, Object subject, Throwable t) {
        return failure(call, subject, null, t);
    }

    /**
     * The exception for a failed call: for the JDK's {@code UnixException}, what the public API throws for that errno
     * ({@code NoSuchFileException}, {@code AccessDeniedException}, ...), naming {@code subject} and {@code other}.
     */
    static IOException failure(String call, Object subject, Object other, Throwable t) {
        if (t instanceof IOException io) return io;
        rethrowUnchecked(t);
        if (subject != null && Handles.TRANSLATE != null && t.getClass().getName().equals("sun.nio.fs.UnixException")) {
            try {
                if (call.equals("opendir") && (int) Handles.ERRNO.invokeExact((Exception) t) == Handles.ENOTDIR) {
                    return new java.nio.file.NotDirectoryException(subject.toString()); // as Files.newDirectoryStream
                }
                String file = subject.toString(), with = other == null ? null : other.toString();
                return (IOException) Handles.TRANSLATE.invokeExact((Exception) t, file, with);
            } catch (Throwable u) {
                rethrowUnchecked(u);
            }
        }
        String what = subject == null ? call : subject + ": " + call;
        return new IOException(what + " failed: " + t.getMessage(), t);
    }

    /** Throws {@code t} when it is unchecked; returns for a checked one. */
    static void rethrowUnchecked(Throwable t) {
        if (t instanceof Error e) throw e;
        if (t instanceof RuntimeException r) throw r;
    }

    private static Charset pathCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
