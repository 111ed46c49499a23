package org.tracebench.loadgen.op;

import java.util.function.LongConsumer;
import org.tracebench.loadgen.sys.JdkInternals;
import org.tracebench.loadgen.sys.RawFiles;
import org.tracebench.loadgen.task.OpOptions;

/** Creates one {@link Op} per kind; each worker gets its own instances. */
public final class Ops {
    /** Default permission bits for {@code chmod} and files {@code write} creates. */
    public static final int DEFAULT_MODE = OpOptions.DEFAULT_FILE_MODE;
    /** Default permission bits for {@code create-delete}. */
    public static final int DEFAULT_CREATE_MODE = OpOptions.DEFAULT_CREATE_MODE;
    /** Default permission bits for {@code mkdir}. */
    public static final int DEFAULT_DIR_MODE = OpOptions.DEFAULT_DIR_MODE;

    private Ops() {}

    /**
     * @param childPids receives the pid of every child process an exec op starts, on the worker's thread
     *                  (for {@code execute-subthread}: on the helper thread, before the op returns)
     */
    public static Op create(OpKind kind, OpOptions options, LongConsumer childPids) {
        return create(kind, options, childPids, JdkInternals.available());
    }

    /**
     * As {@link #create(OpKind, OpOptions, LongConsumer)}; {@code jdkInternals} false makes {@code read},
     * {@code open}, {@code truncate}, {@code readdir} and the exec kinds use only public JDK APIs even where
     * {@link JdkInternals#available()} (tests of both paths, A/B measurements).
     */
    public static Op create(OpKind kind, OpOptions options, LongConsumer childPids, boolean jdkInternals) {
        OpOptions o = options == null ? OpOptions.DEFAULTS : options;
        boolean raw = jdkInternals && JdkInternals.available();
        RawFiles files = raw ? RawFiles.createOrNull() : null; // each op that uses it gets its own (it is not shared)
        return switch (kind) {
            case READ -> new DataOps.Read(o.sizeBytesOrDefault(kind), files);
            case OPEN -> new DataOps.Open(files);
            case WRITE -> new DataOps.Write(size(o));
            case FSYNC -> new DataOps.Fsync(size(o));
            case TRUNCATE -> new DataOps.Truncate(o.sizeBytes() > 0 ? o.sizeBytes() : OpOptions.DEFAULT_TRUNCATE_BYTES,
                    files);
            case DIRECT_READ -> new DirectIoOps.DirectRead(o.blockSizeBytes(), o.sizeBytes());
            case DIRECT_WRITE -> new DirectIoOps.DirectWrite(o.blockSizeBytes(), o.sizeBytes());
            case CREATE_DELETE -> new MetadataOps.CreateDelete(mode(o, DEFAULT_CREATE_MODE), files);
            case CHMOD -> new MetadataOps.Chmod(mode(o, DEFAULT_MODE));
            case CHOWN -> new MetadataOps.Chown(files);
            case MKDIR -> new MetadataOps.Mkdir(mode(o, DEFAULT_DIR_MODE), files);
            case REMOVE -> new MetadataOps.Remove(files);
            case RENAME -> new MetadataOps.Rename(files);
            case HARD_LINK -> new MetadataOps.HardLink(files);
            case SOFT_LINK -> new MetadataOps.SoftLink(files);
            case STAT -> new MetadataOps.Stat(org.tracebench.loadgen.sys.ForeignStat.available() ? files : null);
            case READDIR -> new Readdir(files);
            case EXECUTE_SUBPROC, FORK -> new ExecOps.Subproc(kind, o.args(), childPids, raw);
            case EXECUTE_SUBTHREAD -> new ExecOps.Subthread(o.args(), childPids, raw);
        };
    }

    /** Bytes for write and fsync: the task's {@code size} or {@link OpOptions#DEFAULT_SIZE_BYTES}. */
    static int size(OpOptions o) {
        return o.sizeBytesOrDefault();
    }

    static int mode(OpOptions o, int dflt) {
        return o.mode() != null ? o.mode() : dflt;
    }
}
