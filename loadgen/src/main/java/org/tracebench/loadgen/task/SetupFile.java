package org.tracebench.loadgen.task;

/**
 * A file or directory created before the run (and before the tracer attaches), e.g. an 8 KiB random file for
 * direct reads. Paths may hold {@code {worker}} / {@code %d}, expanded for every worker; relative paths are in the
 * work root; parent directories are created too.
 *
 * @param sizeBytes for {@code FILE}: the file's length; 0 = empty, or for {@code TEXT} exactly the text. {@code TEXT}
 *                  with a size repeats the text up to that length. Always 0 for directories
 * @param text      the content when {@code content} is {@code TEXT}, else null
 * @param mode      permission bits for the new file or directory; null = as the umask gives
 * @param location  where the entry's {@code path} is written
 */
public record SetupFile(String path, Kind kind, long sizeBytes, Content content, String text, Integer mode,
                        SourceLocation location) {
    public enum Kind { FILE, DIRECTORY }

    public enum Content { RANDOM, ZERO, TEXT }
}
