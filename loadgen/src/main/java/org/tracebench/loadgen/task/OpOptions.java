package org.tracebench.loadgen.task;

import java.util.List;

/**
 * Per-op options of a task. Units are in the names; a value of 0 or {@code null} means "the op's default".
 *
 * @param sizeBytes      bytes to read or write ({@code read}, {@code write}, {@code truncate})
 * @param blockSizeBytes O_DIRECT block, a multiple of the file system's logical block size
 * @param args           arguments after the binary for exec ops
 * @param mode           permission bits for {@code chmod}, {@code mkdir}, {@code create-delete}; {@code null} = default
 */
public record OpOptions(int sizeBytes, int blockSizeBytes, List<String> args, Integer mode) {
    public static final OpOptions DEFAULTS = new OpOptions(0, 0, List.of(), null);

    public OpOptions {
        args = args == null ? List.of() : List.copyOf(args);
    }
}
