package org.tracebench.loadgen.op;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every file-operation kind the load generator performs. The YAML name ({@link #yamlName()}) is part of
 * the task-file and result-JSON contract: never rename one. The first fifteen are those of {@code loder}.
 */
public enum OpKind {
    READ("read", Family.DATA, false),
    DIRECT_READ("direct-read", Family.DIRECT_IO, false),
    WRITE("write", Family.DATA, true),
    DIRECT_WRITE("direct-write", Family.DIRECT_IO, true),
    EXECUTE_SUBPROC("execute-subproc", Family.EXEC, false),
    EXECUTE_SUBTHREAD("execute-subthread", Family.EXEC, false),
    FORK("fork", Family.EXEC, false),
    CREATE_DELETE("create-delete", Family.METADATA, true),
    CHMOD("chmod", Family.METADATA, true),
    CHOWN("chown", Family.METADATA, true),
    MKDIR("mkdir", Family.METADATA, true),
    REMOVE("remove", Family.METADATA, true),
    RENAME("rename", Family.METADATA, true),
    HARD_LINK("hard-link", Family.METADATA, true),
    SOFT_LINK("soft-link", Family.METADATA, true),
    OPEN("open", Family.DATA, false),
    STAT("stat", Family.METADATA, false),
    READDIR("readdir", Family.METADATA, false),
    FSYNC("fsync", Family.DATA, true),
    TRUNCATE("truncate", Family.DATA, true);

    /** Op families, used to group results and to pick per-family workloads. */
    public enum Family { DATA, DIRECT_IO, EXEC, METADATA }

    private final String yamlName;
    private final Family family;
    private final boolean mutating;

    OpKind(String yamlName, Family family, boolean mutating) {
        this.yamlName = yamlName;
        this.family = family;
        this.mutating = mutating;
    }

    /** The name used in task files and result JSON, e.g. {@code direct-read}. */
    public String yamlName() { return yamlName; }

    public Family family() { return family; }

    /** True when the op writes, deletes, renames, chmods, chowns, links, creates or truncates: confined to the work root. */
    public boolean mutating() { return mutating; }

    /** Looks up a kind by its YAML name (case-insensitive, {@code _} accepted for {@code -}). */
    public static Optional<OpKind> byName(String name) {
        if (name == null) return Optional.empty();
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(n)).findFirst();
    }

    @Override
    public String toString() { return yamlName; }
}
