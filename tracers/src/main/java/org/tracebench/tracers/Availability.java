package org.tracebench.tracers;

import java.util.Optional;

/**
 * Whether a backend can run here and, if not, why, as a whole sentence, plus the command that fixes it.
 *
 * @param reason   empty when available; else e.g. "fatrace is not installed."
 * @param fixHint  e.g. "apt-get install -y fatrace"; empty when nothing simple fixes it
 * @param version  the tool's version string where known
 */
public record Availability(boolean available, String reason, String fixHint, Optional<String> version) {
    public static Availability ok(String version) {
        return new Availability(true, "", "", Optional.ofNullable(version));
    }

    public static Availability unavailable(String reason, String fixHint) {
        return new Availability(false, reason, fixHint == null ? "" : fixHint, Optional.empty());
    }
}
