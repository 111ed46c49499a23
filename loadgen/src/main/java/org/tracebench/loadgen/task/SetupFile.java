package org.tracebench.loadgen.task;

/**
 * A file or directory created before the run (and before the tracer attaches), e.g. an 8 KiB random file for
 * direct reads. Paths may hold {@code {worker}} / {@code %d}, expanded for every worker.
 */
public record SetupFile(String path, Kind kind, long sizeBytes, Content content, String text, Integer mode,
                        SourceLocation location) {
    public enum Kind { FILE, DIRECTORY }

    public enum Content { RANDOM, ZERO, TEXT }
}
