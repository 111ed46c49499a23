package org.tracebench.tracers.proc;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Waits until a growing output file contains a line that matches, reading only the bytes appended since the last
 * look. Used by {@code awaitReady}: poke the target, look for the sentinel, repeat.
 */
public final class OutputWatcher {
    private final Path file;
    private long offset;
    private String partial = "";

    public OutputWatcher(Path file) { this.file = file; }

    /** The first gap between pokes; each next gap doubles until {@code pokeEvery}. */
    static final long FIRST_POKE_GAP_NANOS = 20_000_000L;

    /**
     * Polls until a complete line satisfies {@code match}, calling {@code poke} at once, then after 20, 40, 80 ms ...
     * and from {@code pokeEvery} on every {@code pokeEvery}; gives up after {@code timeout} or when {@code alive}
     * turns false. Returns true when found. The quick first pokes catch a tracer that attached just after the first
     * one (strace -p took 0.31 s when the second poke came 300 ms later) without poking often for ever.
     */
    public boolean await(Predicate<String> match, Runnable poke, Duration pokeEvery, Duration timeout,
                         BooleanSupplier alive) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextPoke = 0;
        long gap = Math.min(FIRST_POKE_GAP_NANOS, pokeEvery.toNanos());
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextPoke) {
                poke.run();
                nextPoke = System.nanoTime() + gap;
                gap = Math.min(gap * 2, pokeEvery.toNanos());
            }
            if (scan(match)) return true;
            if (!alive.getAsBoolean()) return scan(match);
            Thread.sleep(20);
        }
        return false;
    }

    /** Reads what was appended since the last call; true when a complete new line matches. */
    public boolean scan(Predicate<String> match) throws IOException {
        if (!Files.exists(file)) return false;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            if (len <= offset) return false;
            boolean found = false;
            byte[] buf = new byte[(int) Math.min(len - offset, 1 << 20)];
            raf.seek(offset);
            raf.readFully(buf);
            offset += buf.length;
            String text = partial + new String(buf, StandardCharsets.UTF_8);
            int start = 0;
            for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
                if (!found && match.test(text.substring(start, nl))) found = true;
                start = nl + 1;
            }
            partial = text.substring(start);
            if (partial.length() > (1 << 16)) partial = "";
            return found;
        }
    }
}
