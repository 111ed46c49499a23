package org.tracebench.loadgen.run;

import java.io.IOException;

/**
 * The work root cannot be used as given (another run holds it, or it holds too many entries to remember): bad
 * input, reported before anything ran, with nothing in the work root touched. The message is a whole sentence.
 */
public final class WorkRootRefusedException extends IOException {
    public WorkRootRefusedException(String sentence) {
        super(sentence);
    }
}
