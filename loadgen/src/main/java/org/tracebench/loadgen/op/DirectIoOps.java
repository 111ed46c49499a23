package org.tracebench.loadgen.op;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * O_DIRECT ops: the page cache is bypassed, so the buffer, offset and length are multiples of the block size.
 * The JDK adds one fstatvfs per open (it learns the alignment); positional I/O avoids its lseek alignment check.
 */
public final class DirectIoOps {
    static final Set<OpenOption> DIRECT_READ = Set.of(StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
    static final Set<OpenOption> DIRECT_WRITE =
            Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, ExtendedOpenOption.DIRECT);

    private DirectIoOps() {}

    /** Shared state: block size (from the options or the file's store) and one aligned direct buffer. */
    abstract static class Base implements Op {
        private final int blockSizeOption;
        private final int sizeOption;
        private ByteBuffer buf;
        private int len;

        Base(int blockSizeBytes, int sizeBytes) {
            this.blockSizeOption = blockSizeBytes;
            this.sizeOption = sizeBytes;
        }

        /** Allocates the aligned buffer on first use, from the first path's file store unless a block size was given. */
        final ByteBuffer buffer(Path path) throws IOException {
            if (buf == null) {
                int block = blockSizeOption > 0 ? blockSizeOption : blockSizeOf(path);
                len = sizeOption <= block ? block : (sizeOption + block - 1) / block * block;
                ByteBuffer raw = ByteBuffer.allocateDirect(len + block);
                buf = raw.alignedSlice(block);
                for (int i = 0; i < len; i++) buf.put(i, (byte) ('A' + i % 26));
            }
            return buf.clear().limit(len);
        }

        final FileChannel open(Path path, Set<OpenOption> opts) throws IOException {
            try {
                return FileChannel.open(path, opts, DataOps.NO_ATTRS);
            } catch (FileSystemException e) {
                if (e.getReason() != null && e.getReason().contains("Invalid argument")) throw refused(path, e);
                throw e;
            } catch (UnsupportedOperationException e) {
                throw new IOException("O_DIRECT is not supported by this JDK for " + path + ": " + e.getMessage(), e);
            }
        }
    }

    static int blockSizeOf(Path path) throws IOException {
        long b = fileStoreOf(path).getBlockSize();
        return (int) Math.max(512, Math.min(b, 1 << 20));
    }

    /**
     * The file system a direct op on {@code path} uses: that of the path, or of its nearest existing ancestor when
     * the op will create it. Validation asks the same ({@code blockSize} against the file system's block size).
     */
    public static FileStore fileStoreOf(Path path) throws IOException {
        Path p = path;
        while (p != null && !Files.exists(p)) p = p.getParent();
        return Files.getFileStore(p == null ? path.getRoot() : p);
    }

    /** The open failed with EINVAL: the file system refuses O_DIRECT. Says which one. */
    static IOException refused(Path path, FileSystemException cause) {
        String fs;
        try {
            FileStore store = fileStoreOf(path);
            fs = store.type() + " (" + store + ")";
        } catch (IOException e) {
            fs = "unknown";
        }
        return new IOException("The file system " + fs + " refuses O_DIRECT on " + path
                + " (open failed with EINVAL); put direct-I/O paths on a file system that supports it, e.g. ext4 or xfs.",
                cause);
    }

    /** open(O_RDONLY|O_DIRECT), pread one aligned block (or {@code size} rounded up) at offset 0, close. */
    static final class DirectRead extends Base {
        DirectRead(int blockSizeBytes, int sizeBytes) { super(blockSizeBytes, sizeBytes); }

        @Override public OpKind kind() { return OpKind.DIRECT_READ; }

        @Override
        public void perform(Path path) throws Exception {
            ByteBuffer b = buffer(path);
            try (FileChannel ch = open(path, DIRECT_READ)) {
                ch.read(b, 0);
            }
        }
    }

    /** open(O_WRONLY|O_CREAT|O_DIRECT), pwrite one aligned block (or {@code size} rounded up) at offset 0, close. */
    static final class DirectWrite extends Base {
        DirectWrite(int blockSizeBytes, int sizeBytes) { super(blockSizeBytes, sizeBytes); }

        @Override public OpKind kind() { return OpKind.DIRECT_WRITE; }

        @Override
        public void perform(Path path) throws Exception {
            ByteBuffer b = buffer(path);
            try (FileChannel ch = open(path, DIRECT_WRITE)) {
                long pos = 0;
                while (b.hasRemaining()) pos += ch.write(b, pos);
            }
        }
    }
}
