package org.tracebench.loadgen.op;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import org.tracebench.loadgen.sys.RawFiles;

/** Plain data ops: {@code read}, {@code open}, {@code write}, {@code fsync}, {@code truncate}. */
final class DataOps {
    static final FileAttribute<?>[] NO_ATTRS = new FileAttribute<?>[0];
    static final Set<OpenOption> READ_ONLY = Set.of(StandardOpenOption.READ);
    static final Set<OpenOption> WRITE_TRUNC =
            Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    static final Set<OpenOption> WRITE_CREATE = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE);

    private DataOps() {}

    /** A direct buffer filled with a repeating pattern: NIO reads/writes it without a copy. */
    static ByteBuffer patternBuffer(int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) b.put((byte) ('a' + i % 26));
        return b.clear();
    }

    /**
     * open(O_RDONLY), one read(2) of up to {@code size} bytes, close, whatever the file's size (a shorter file gives
     * fewer bytes, an empty one 0): through {@link RawFiles} when the JDK internals are available, else FileChannel
     * (same calls, more user-space work). A failure is the first failing call's error, never retried.
     */
    static final class Read implements Op {
        private final ByteBuffer buf;
        private final RawFiles raw;
        private final long bufAddress;

        Read(int size, RawFiles raw) {
            buf = ByteBuffer.allocateDirect(size);
            this.raw = raw;
            bufAddress = raw == null ? 0 : RawFiles.address(buf);
        }

        @Override public OpKind kind() { return OpKind.READ; }

        @Override
        public void perform(Path path) throws Exception {
            buf.clear();
            if (raw != null) {
                raw.readFirst(path, buf, bufAddress); // its errors are the JDK's (NoSuchFileException, ...)
                return;
            }
            try (FileChannel ch = FileChannel.open(path, READ_ONLY, NO_ATTRS)) {
                ch.read(buf); // one read(2), as above: no loop until the buffer is full
            }
        }
    }

    /** open(O_RDONLY) and close: the cheapest traced file access ({@link RawFiles} or FileChannel, as for read). */
    static final class Open implements Op {
        private final RawFiles raw;

        Open(RawFiles raw) { this.raw = raw; }

        @Override public OpKind kind() { return OpKind.OPEN; }

        @Override
        public void perform(Path path) throws Exception {
            if (raw != null) {
                raw.openClose(path);
                return;
            }
            FileChannel.open(path, READ_ONLY, NO_ATTRS).close();
        }
    }

    /** open(O_WRONLY|O_CREAT|O_TRUNC, 0644), write {@code size} bytes, close: loder's os.WriteFile(path, b, 0644). */
    static final class Write implements Op {
        private static final FileAttribute<?>[] MODE = MetadataOps.modeAttr(Ops.DEFAULT_MODE);
        private final ByteBuffer buf;

        Write(int size) { buf = patternBuffer(size); }

        @Override public OpKind kind() { return OpKind.WRITE; }

        @Override
        public void perform(Path path) throws Exception {
            buf.clear();
            try (FileChannel ch = FileChannel.open(path, WRITE_TRUNC, MODE)) {
                while (buf.hasRemaining()) ch.write(buf);
            }
        }
    }

    /** open(O_WRONLY|O_CREAT), pwrite {@code size} bytes at offset 0, fsync, close: a durable overwrite. */
    static final class Fsync implements Op {
        private final ByteBuffer buf;

        Fsync(int size) { buf = patternBuffer(size); }

        @Override public OpKind kind() { return OpKind.FSYNC; }

        @Override
        public void perform(Path path) throws Exception {
            buf.clear();
            try (FileChannel ch = FileChannel.open(path, WRITE_CREATE, NO_ATTRS)) {
                long pos = 0;
                while (buf.hasRemaining()) pos += ch.write(buf, pos);
                ch.force(true);
            }
        }
    }

    /**
     * open(O_RDWR|O_CREAT, 0666 less umask), ftruncate to {@code size} bytes (default 0), close, through
     * {@link RawFiles}. The fallback, RandomAccessFile.setLength, adds an fstat at open and two lseek around
     * ftruncate; FileChannel.truncate would skip ftruncate whenever the file is not longer than {@code size}.
     */
    static final class Truncate implements Op {
        private static final int CREATE_MODE = 0666; // what RandomAccessFile and open(2) callers pass
        private final long size;
        private final RawFiles raw;
        private final MetadataOps.FileOf files = new MetadataOps.FileOf();

        Truncate(long size, RawFiles raw) {
            this.size = Math.max(0, size);
            this.raw = raw;
        }

        @Override public OpKind kind() { return OpKind.TRUNCATE; }

        @Override
        public void perform(Path path) throws Exception {
            if (raw != null) {
                raw.truncate(path, size, CREATE_MODE);
                return;
            }
            truncatePublic(path);
        }

        private void truncatePublic(Path path) throws java.io.IOException {
            try (RandomAccessFile f = new RandomAccessFile(files.of(path), "rw")) {
                f.setLength(size);
            }
        }
    }
}
