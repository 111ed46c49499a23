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

    /**
     * Polls until a complete line satisfies {@code match}, calling {@code poke} every {@code pokeEvery}; gives up
     * after {@code timeout} or when {@code alive} turns false. Returns true when found.
     */
    public boolean await(Predicate<String> match, Runnable poke, Duration pokeEvery, Duration timeout,
                         BooleanSupplier alive) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextPoke = 0;
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextPoke) {
                poke.run();
                nextPoke = System.nanoTime() + pokeEvery.toNanos();
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
