package org.tracebench.loadgen.sys;

/**
 * Counts the {@code getdents64} calls glibc's {@code readdir(3)} makes over one directory, from its entries' name
 * lengths in the order readdir returned them (the kernel's): glibc's {@code opendir} buffer holds
 * {@link #BUFFER_BYTES}, each call fills it with as many whole records as fit (a record is
 * {@link #recordBytes}), and readdir calls once more when the buffer is used up, the last call returning 0. So an
 * empty directory ({@code .} and {@code ..}) takes 2 calls, 3 000 names of 60–250 bytes 18 (strace agrees on ext4,
 * tmpfs, /proc and sysfs here).
 *
 * <p>A computation, not an observation: it assumes glibc's buffer size (below) and a file system that packs the
 * buffer (ext4, tmpfs, xfs and btrfs do). Owned by one thread: {@link #start}, {@link #entry} per entry, {@link #calls}.
 */
public final class GetdentsCalls {
    /**
     * glibc's {@code opendir} buffer: {@code st_blksize} of the directory, at least 32 KiB, at most 1 MiB. Local file
     * systems report 4 096 (1 024 for /proc), so 32 KiB; one that reports more (NFS, CephFS, Lustre) gets a larger
     * buffer and fewer calls than counted here.
     */
    public static final int BUFFER_BYTES = 32768;

    private int used;
    private long calls;

    /** Starts a new directory. */
    public void start() {
        used = BUFFER_BYTES; // the first entry needs a call
        calls = 1; // the last one, which returns 0
    }

    /** One entry whose name is {@code nameBytes} bytes long, in the order readdir returned it. */
    public void entry(int nameBytes) {
        int r = recordBytes(nameBytes);
        if (used + r > BUFFER_BYTES) {
            calls++;
            used = 0;
        }
        used += r;
    }

    /** The calls of the directory since {@link #start}. */
    public long calls() { return calls; }

    /**
     * The bytes of a {@code struct linux_dirent64} for a name of {@code nameBytes}: d_ino, d_off, d_reclen and d_type
     * (19 bytes), the name and its NUL, rounded up to 8.
     */
    public static int recordBytes(int nameBytes) {
        return (19 + nameBytes + 1 + 7) & ~7;
    }
}
