package org.tracebench.tracers;

import java.util.List;

/** A tracer could not start, attach, become ready or stop; the message is a whole sentence, stderrTail the evidence. */
public class TracerException extends Exception {
    private final List<String> stderrTail;

    public TracerException(String message, List<String> stderrTail) {
        super(message);
        this.stderrTail = List.copyOf(stderrTail);
    }

    public TracerException(String message, Throwable cause) {
        super(message, cause);
        this.stderrTail = List.of();
    }

    public List<String> stderrTail() { return stderrTail; }
}
