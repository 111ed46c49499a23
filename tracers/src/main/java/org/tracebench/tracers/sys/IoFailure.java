package org.tracebench.tracers.sys;

import java.io.IOException;

/**
 * Why a file operation failed, in words for a sentence that already names the file: the JDK's messages are the path
 * alone for a refused access ({@code AccessDeniedException}) and the path plus the errno text for other failures.
 */
public final class IoFailure {
    private IoFailure() {}

    /**
     * "permission denied", "device or resource busy", "operation not permitted", ...: the reason of the innermost
     * {@link IOException} in {@code e}'s causes, without the path.
     */
    public static String reason(IOException e) {
        Throwable t = e;
        while (t.getCause() instanceof IOException inner) t = inner;
        if (t instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (t instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (t instanceof java.nio.file.DirectoryNotEmptyException) return "directory not empty";
        if (t instanceof java.io.InterruptedIOException) return "interrupted";
        String why = t instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : t.getMessage();
        if (why == null || why.isBlank()) return t.getClass().getSimpleName();
        return Character.toLowerCase(why.charAt(0)) + why.substring(1);
    }

    /** True when {@code e} (or its innermost cause) is EACCES or EPERM: what more privileges may fix. */
    public static boolean refused(IOException e) {
        String why = reason(e);
        return why.equals("permission denied") || why.equals("operation not permitted");
    }
}
