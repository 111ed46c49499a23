package org.tracebench.tracers.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinesTest {

    private static List<String> viaBytes(String text) throws IOException {
        List<String> out = new ArrayList<>();
        Lines.forEach(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                (line, terminated) -> out.add(terminated ? line : "UNTERMINATED:" + line));
        return out;
    }

    private static List<String> viaChars(String text) throws IOException {
        List<String> out = new ArrayList<>();
        Lines.forEach(new StringReader(text), (line, terminated) -> out.add(terminated ? line : "UNTERMINATED:" + line));
        return out;
    }

    @Test
    void splitsLikeReadLineAndFlagsAnUnterminatedLastLine() throws IOException {
        String text = "a\r\nb\n\nc";
        List<String> expected = List.of("a", "b", "", "UNTERMINATED:c");
        assertEquals(expected, viaBytes(text));
        assertEquals(expected, viaChars(text));
        assertEquals(List.of("x"), viaBytes("x\n"));
        assertEquals(List.of(), viaBytes(""));
    }

    @Test
    void linesAcrossBufferBoundariesLongLinesAndMultibyteCharacters() throws IOException {
        StringBuilder b = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String line = "é line " + i + " ñ";
            expected.add(line);
            b.append(line).append('\n');
        }
        String huge = "/".repeat(200_000) + "é";
        expected.add(huge);
        b.append(huge).append('\n');
        assertEquals(expected, viaBytes(b.toString()));
        assertEquals(expected, viaChars(b.toString()));
    }
}
