package org.tracebench.tracers.proc;

import java.io.IOException;
import java.io.Reader;

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
