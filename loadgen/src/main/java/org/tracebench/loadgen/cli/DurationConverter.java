package org.tracebench.loadgen.cli;

import java.time.Duration;
import org.tracebench.loadgen.task.DurationText;
import picocli.CommandLine;

/**
 * {@code --duration}: a duration as task files write it ({@link DurationText}), longer than zero; {@link OrZero} for
 * {@code --warmup}. Failures are sentences that {@link OptionErrors} prefixes with the flag.
 */
public class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return parse(value, false);
    }

    /** {@code --warmup}: zero allowed. */
    public static final class OrZero extends DurationConverter {
        @Override
        public Duration convert(String value) {
            return parse(value, true);
        }
    }

    /** @throws CommandLine.TypeConversionException with the rest of a sentence after the flag name */
    public static Duration parse(String value, boolean allowZero) {
        try {
            return DurationText.parse(value, allowZero);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
