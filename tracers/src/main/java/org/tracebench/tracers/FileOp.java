package org.tracebench.tracers;

/**
 * Normalized operation kinds a tracer can report. Each backend maps its raw records (syscall names, fanotify
 * event letters) onto these; anything without a mapping is {@link #OTHER} and keeps its raw syscall name.
 */
public enum FileOp {
    OPEN, READ, WRITE, CLOSE, STAT, READDIR, FSYNC, TRUNCATE,
    CHMOD, CHOWN, MKDIR, RMDIR, UNLINK, RENAME, LINK, SYMLINK,
    EXEC, FORK, EXIT, OTHER
}
