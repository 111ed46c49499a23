package org.tracebench.loadgen.sys;

import java.nio.charset.Charset;

/**
 * The charset this JVM encodes file names and exec arguments in ({@code sun.jnu.encoding}): JDK 17 takes it from
 * the locale's LC_CTYPE at start and ignores it on the command line, so under LC_ALL=POSIX it is ASCII and a path
 * with any other character cannot become a {@link java.nio.file.Path} (the launcher picks C.UTF-8 when it can).
 */
public final class FileNameCharset {
    private FileNameCharset() {}

    private static final Charset CHARSET = charset();

    private static Charset charset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** True when {@code text} can be a file name or argument here. */
    public static boolean canEncode(String text) {
        return CHARSET.newEncoder().canEncode(text);
    }

    /** Why {@code text} cannot, as the end of a sentence ("... : " + why): the charset, the locale, the fix. */
    public static String why() {
        return "this Java takes its file-name encoding from the locale (LC_ALL, LC_CTYPE, LANG), here " + CHARSET.name()
                + ", which cannot encode every character of it. Run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8.";
    }
}
