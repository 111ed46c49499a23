package org.tracebench.tracers.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a character stream into lines like {@link java.io.BufferedReader#readLine} does, but also says whether
 * the last line was terminated: a tracer killed mid-write leaves a truncated last line that must not be parsed as
 * if it were whole.
 */
public final class Lines {
    private Lines() {}

    /** Receives each line without its terminator; {@code terminated} is false only for an unterminated last line. */
    @FunctionalInterface
    public interface Sink {
        void line(String line, boolean terminated);
    }

    /**
     * Reads UTF-8 bytes to their end; {@code \n} ends a line, a {@code \r} before it is dropped. Faster than the
     * {@link Reader} variant: lines are decoded straight from the byte buffer (ASCII, as strace prints, is copied).
     */
    public static void forEach(InputStream in, Sink sink) throws IOException {
        byte[] buf = new byte[1 << 16];
        int len = 0; // bytes in buf[0, len) not yet consumed
        int n;
        while ((n = in.read(buf, len, buf.length - len)) > 0) {
            int limit = len + n;
            int start = 0;
            for (int i = len; i < limit; i++) {
                if (buf[i] != '\n') continue;
                int stop = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                sink.line(new String(buf, start, stop - start, StandardCharsets.UTF_8), true);
                start = i + 1;
            }
            len = limit - start;
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, len);
            } else if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
            }
        }
        if (len > 0) sink.line(new String(buf, 0, len, StandardCharsets.UTF_8), false);
    }

    /** Reads {@code in} to its end; {@code \n} ends a line, a {@code \r} before it is dropped. */
    public static void forEach(Reader in, Sink sink) throws IOException {
        char[] buf = new char[1 << 16];
        StringBuilder carry = new StringBuilder();
        int n;
        while ((n = in.read(buf)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] != '\n') continue;
                int stop = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                String line;
                if (carry.length() > 0) {
                    carry.append(buf, start, stop - start);
                    line = carry.toString();
                    carry.setLength(0);
                    if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
                } else {
                    line = new String(buf, start, stop - start);
                }
                sink.line(line, true);
                start = i + 1;
            }
            if (start < n) carry.append(buf, start, n - start);
        }
        if (carry.length() > 0) sink.line(carry.toString(), false);
    }
}
