package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load.json's per-second counts as ops/s, a last bin cut short divided by its own length. */
class ThroughputSeriesTest {
    @TempDir Path tmp;

    private ThroughputSeries read(String json) throws IOException {
        Files.writeString(tmp.resolve("load.json"), json);
        return ThroughputSeries.read(tmp);
    }

    @Test
    void sumsEveryKindPerSecond() throws IOException {
        ThroughputSeries s = read("{\"durationSeconds\": 2.0, \"timeSeries\": [{\"second\": 0, \"ops\": {\"read\": 100, "
                + "\"write\": 50}}, {\"second\": 1, \"ops\": {\"read\": 90, \"write\": 40}}]}");
        assertArrayEquals(new double[] {0.5, 1.5}, s.midSeconds(), 1e-9);
        assertArrayEquals(new double[] {150, 130}, s.opsPerSecond(), 1e-9);
    }

    @Test
    void aLastSecondCutShortIsDividedByItsLengthAndASliverIsDropped() throws IOException {
        ThroughputSeries half = read("{\"durationSeconds\": 1.5, \"timeSeries\": [{\"second\": 0, \"ops\": {\"read\": 100}}, "
                + "{\"second\": 1, \"ops\": {\"read\": 50}}]}");
        assertArrayEquals(new double[] {0.5, 1.25}, half.midSeconds(), 1e-9);
        assertArrayEquals(new double[] {100, 100}, half.opsPerSecond(), 1e-9, "50 ops in half a second are 100 ops/s");
        ThroughputSeries sliver = read("{\"durationSeconds\": 1.05, \"timeSeries\": [{\"second\": 0, \"ops\": {\"read\": 100}}, "
                + "{\"second\": 1, \"ops\": {\"read\": 3}}]}");
        assertArrayEquals(new double[] {100}, sliver.opsPerSecond(), 1e-9, "3 ops in 50 ms would read as a 60 ops/s spike");
    }

    @Test
    void noFileNoSeriesOrAMalformedOneIsEmpty() throws IOException {
        assertTrue(ThroughputSeries.read(tmp).isEmpty());
        assertTrue(read("{\"durationSeconds\": 5.0}").isEmpty());
        assertTrue(read("{\"timeSeries\": [3, 4]}").isEmpty());
        assertTrue(read("not json {").isEmpty());
    }
}
