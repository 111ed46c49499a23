package org.tracebench.loadgen.op;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The binary ran and exited with a status other than 0 (as {@code false}, or {@code grep} without a match do): the
 * operation happened (the exec, the wait), so it counts as one and in the ground truth; the load generator counts
 * such exits per kind ({@code nonZeroExits}) beside it. A child killed by a signal is an error instead
 * ({@link ChildKilledException}).
 */
public final class NonZeroExitException extends IOException {
    NonZeroExitException(Path binary, int code) {
        super(binary + " exited with status " + code);
    }
}
