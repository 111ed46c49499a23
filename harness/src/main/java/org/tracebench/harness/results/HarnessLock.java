package org.tracebench.harness.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An exclusive lock on a file, held by this process until {@link #close} or its end: a POSIX record lock (fcntl,
 * through {@link FileChannel#tryLock}), which the kernel drops when the process ends however it ends, so a harness
 * killed with SIGKILL never leaves it held, and which a child process does not inherit. The file holds the holder's
 * pid (written once locked) for the message of the one refused; it is never deleted, since a process that locked a
 * file of that name before the deletion and one that locks the new file after it would both hold "the" lock.
 */
public final class HarnessLock implements AutoCloseable {
    /** Held anywhere in this JVM: a second channel on the same file, once closed, would drop the first's lock. */
    private static final Set<Path> HELD = new HashSet<>();

    /** The lock is held by another process, or by this one; {@link #pid} is the holder's when it is known. */
    public static final class Held extends IOException {
        private final long pid;

        Held(Path file, long pid) {
            super(file + " is locked by " + (pid > 0 ? "process " + pid : "another process") + ".");
            this.pid = pid;
        }

        /** The same holder, told in {@code message}, a whole sentence for the user. */
        public Held(String message, Held cause) {
            super(message, cause);
            this.pid = cause.pid;
        }

        /** The holder's pid, or empty when it has not written it yet or wrote something else. */
        public OptionalLong pid() {
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        }

        /** " (pid N)" or "" when the pid is not known, to follow a noun in a message. */
        public String pidText() {
            return pid > 0 ? " (pid " + pid + ")" : "";
        }
    }

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private HarnessLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code file}, creating it and its directory if missing; throws {@link Held} when it is held already. */
    public static HarnessLock acquire(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path key = file.toAbsolutePath().getParent().toRealPath().resolve(file.getFileName());
        synchronized (HELD) {
            if (HELD.contains(key)) throw new Held(file, ProcessHandle.current().pid());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                FileLock l = ch.tryLock();
                if (l == null) throw new Held(file, holder(ch));
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                ch.force(false);
                HELD.add(key);
                return new HarnessLock(key, ch, l);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }
    }

    /**
     * Whether another process (or this one) holds {@code file}'s lock, without taking it or writing anything: 0 when
     * it is free or missing, else the holder's pid, -1 when it is not known. For a reader that warns about a run in
     * progress ({@code compare}); it never blocks.
     */
    public static long heldBy(Path file) {
        if (!Files.isRegularFile(file)) return 0;
        synchronized (HELD) {
            try {
                if (HELD.contains(file.toAbsolutePath().getParent().toRealPath().resolve(file.getFileName()))) {
                    return ProcessHandle.current().pid(); // closing a second channel would drop our own lock
                }
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    FileLock l = ch.tryLock(0, Long.MAX_VALUE, true);
                    if (l != null) {
                        l.release();
                        return 0;
                    }
                    return holder(ch);
                }
            } catch (java.nio.channels.OverlappingFileLockException e) {
                return ProcessHandle.current().pid();
            } catch (IOException e) {
                return 0; // unreadable: the run's own lock is what matters to it, not to a reader
            }
        }
    }

    /** The pid the holder wrote into the file, or -1. */
    private static long holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            return Long.parseLong(new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return -1; // locked but not written yet, or not ours
        }
    }

    /** Releases the lock (the file stays). Idempotent. */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (!channel.isOpen()) return;
            try {
                lock.release();
            } finally {
                channel.close();
                HELD.remove(key);
            }
        }
    }
}
