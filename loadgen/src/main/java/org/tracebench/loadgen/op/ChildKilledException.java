package org.tracebench.loadgen.op;

import java.io.IOException;
import java.nio.file.Path;

/** An exec op's child ended by SIGKILL (the load generator kills children still running at the run's end). */
public final class ChildKilledException extends IOException {
    public ChildKilledException(Path binary) {
        super(binary + " was killed by SIGKILL (exit status 137)");
    }
}
