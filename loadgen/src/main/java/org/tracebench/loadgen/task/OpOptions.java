package org.tracebench.loadgen.task;

import java.util.List;

/**
 * Per-op options of a task. Units are in the names; a value of 0 or {@code null} means "the op's default"
 * (the {@code DEFAULT_*} constants below, which {@code docs/task-files.md} documents).
 *
 * @param sizeBytes      bytes to read or write ({@code read}, {@code write}, {@code fsync}; for {@code direct-read} and
 *                       {@code direct-write} rounded up to whole blocks); the length to cut to ({@code truncate})
 * @param blockSizeBytes O_DIRECT block ({@code direct-read}, {@code direct-write}): a power of two, at least 512
 * @param args           arguments after the binary for exec ops
 * @param mode           permission bits for {@code chmod}, {@code mkdir}, {@code create-delete}; {@code null} = default
 * @param launch         the launch mechanism asked for by this exec task; {@code null} = the file's. The parser
 *                       guarantees every task of one file agrees with {@link TaskFile#launch()}.
 */
public record OpOptions(int sizeBytes, int blockSizeBytes, List<String> args, Integer mode, Launch launch) {
    /** loder wrote 4 bytes ({@code write}; {@code fsync} too). */
    public static final int DEFAULT_SIZE_BYTES = 4;
    /** loder's read: bufio's Peek(4) fills its 4096-byte buffer with one read(2) of 4096 bytes. */
    public static final int DEFAULT_READ_BYTES = 4096;
    /** The block size assumed by validation when none is given (the engine asks the file store). */
    public static final int DEFAULT_BLOCK_SIZE_BYTES = 4096;
    /** Bits for {@code chmod} (loder's os.Chmod) and files {@code write} creates (loder's os.WriteFile). */
    public static final int DEFAULT_FILE_MODE = 0644;
    /** Bits {@code create-delete} creates with: loder's os.Create, 0666 less the umask. */
    public static final int DEFAULT_CREATE_MODE = 0666;
    /** Bits for {@code mkdir}: loder's os.Mkdir(path, 0777), less the umask. */
    public static final int DEFAULT_DIR_MODE = 0777;
    /** {@code truncate} without a size cuts the file to this length. */
    public static final int DEFAULT_TRUNCATE_BYTES = 0;

    public static final OpOptions DEFAULTS = new OpOptions(0, 0, List.of(), null, null);

    public OpOptions {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** Without a launch mechanism (the original four components). */
    public OpOptions(int sizeBytes, int blockSizeBytes, List<String> args, Integer mode) {
        this(sizeBytes, blockSizeBytes, args, mode, null);
    }

    /** {@link #sizeBytes()} or {@link #DEFAULT_SIZE_BYTES}. */
    public int sizeBytesOrDefault() { return sizeBytes > 0 ? sizeBytes : DEFAULT_SIZE_BYTES; }

    /** {@link #sizeBytes()} or the default of {@code op}: {@link #DEFAULT_READ_BYTES} for {@code read}, else as above. */
    public int sizeBytesOrDefault(org.tracebench.loadgen.op.OpKind op) {
        return sizeBytes > 0 ? sizeBytes : op == org.tracebench.loadgen.op.OpKind.READ ? DEFAULT_READ_BYTES
                : DEFAULT_SIZE_BYTES;
    }

    /** {@link #blockSizeBytes()} or {@link #DEFAULT_BLOCK_SIZE_BYTES}. */
    public int blockSizeBytesOrDefault() { return blockSizeBytes > 0 ? blockSizeBytes : DEFAULT_BLOCK_SIZE_BYTES; }
}
