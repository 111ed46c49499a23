package org.tracebench.loadgen.op;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.tracebench.loadgen.sys.GetdentsCalls;
import org.tracebench.loadgen.sys.RawFiles;

/**
 * opendir, read every entry (getdents64), closedir: {@link java.io.File#list()} issues exactly the calls of C's
 * opendir/readdir/closedir (openat, fstat, getdents64, close), while {@code Files.newDirectoryStream} adds a
 * dup, two fcntl and a second close. A failure is never retried (File.list gives no errno: a stat says why).
 * Counts the getdents64 calls of each listing ({@link GetdentsCalls}) for the ground truth.
 */
final class Readdir implements Op {
    private final MetadataOps.FileOf files = new MetadataOps.FileOf();
    private final RawFiles raw;
    private final GetdentsCalls calls = new GetdentsCalls();
    private String[] listed; // the public API's last listing, counted when asked (after the op's end reading)

    Readdir(RawFiles raw) { this.raw = raw; }

    @Override public OpKind kind() { return OpKind.READDIR; }

    @Override
    public void perform(Path path) throws Exception {
        if (raw != null) {
            calls.start();
            raw.listCount(path, calls); // the same opendir/readdir/closedir, without a String per entry; the JDK's errors
            return;
        }
        listed = files.of(path).list();
        if (listed == null) throw notListed(path);
    }

    /**
     * The getdents64 calls of the last successful {@link #perform}. Without the JDK internals it counts File.list()'s
     * names (in readdir's order, as bytes of sun.jnu.encoding) after "." and "..", which File.list leaves out and
     * file systems return first.
     */
    @Override
    public long getdents64Calls() {
        if (raw != null) return calls.calls();
        if (listed == null) return 0; // none succeeded (the JIT warm-up records without performing)
        calls.start();
        calls.entry(1);
        calls.entry(2);
        for (String name : listed) calls.entry(byteLength(name));
        return calls.calls();
    }

    private static final Charset JNU = jnuCharset();

    private static int byteLength(String name) {
        for (int i = 0; i < name.length(); i++) if (name.charAt(i) >= 0x80) return name.getBytes(JNU).length;
        return name.length();
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** Why File.list() failed, from a stat (a look, not a second opendir: the op has failed either way). */
    private static IOException notListed(Path path) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return e;
        }
        if (!a.isDirectory()) return new java.nio.file.NotDirectoryException(path.toString());
        return new IOException("Cannot list the directory " + path + ".");
    }
}
