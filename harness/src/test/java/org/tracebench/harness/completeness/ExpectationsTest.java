package org.tracebench.harness.completeness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.sys.TracedSyscalls;

/** Expectations' calls per operation against docs/load-ops.md's table, measured with loadgen/bench/syscalls.sh. */
class ExpectationsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\|.*\\| ([^|]+) \\|$");
    private static final Pattern CALL = Pattern.compile("([a-z0-9_]+)(?: ×(\\d+))?");

    /** The table's last column per op: the worker thread's system calls per operation. */
    private static Map<String, String> measured() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("..", "docs", "load-ops.md"))) {
            if (line.startsWith("| op | perform (timed)")) inTable = true;
            else if (inTable && !line.startsWith("|")) break;
            Matcher m = ROW.matcher(line);
            if (inTable && m.matches()) out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** The calls a table cell lists, as TracedSyscalls maps them ("(…)" notes and "; see …" left out). */
    private static Map<FileOp, Integer> calls(String cell, Map<FileOp, Integer> above) {
        String c = cell.replaceAll("\\([^)]*\\)", "").replaceAll(";.*", "").replaceAll("see [^,]*", "");
        Map<FileOp, Integer> out = new EnumMap<>(FileOp.class);
        if (c.contains("as above")) above.forEach((f, n) -> out.merge(f, n, Integer::sum));
        Matcher m = CALL.matcher(c.replace("then as above in that thread", ""));
        while (m.find()) {
            FileOp op = TracedSyscalls.opOf(m.group(1));
            if (op != FileOp.OTHER) out.merge(op, m.group(2) == null ? 1 : Integer.parseInt(m.group(2)), Integer::sum);
        }
        return out;
    }

    @Test
    void callsPerOperationAreTheMeasuredOnesPlusTheChildsExec() throws IOException {
        Map<String, String> table = measured();
        assertEquals(OpKind.values().length, table.size(), "one row per op kind: " + table.keySet());
        Map<FileOp, Integer> above = Map.of();
        for (Map.Entry<String, String> row : table.entrySet()) {
            OpKind kind = OpKind.byName(row.getKey()).orElseThrow();
            Map<FileOp, Integer> want = calls(row.getValue(), above);
            above = Map.copyOf(want);
            if (kind.family() == OpKind.Family.EXEC) want.merge(FileOp.EXEC, 1, Integer::sum); // in the child's pid
            assertEquals(want, new EnumMap<>(Expectations.calls(kind)), row.getKey() + ": " + row.getValue());
        }
    }

    @Test
    void everyOperationIssuesTheCallsItMustProduce() {
        for (OpKind k : OpKind.values()) {
            for (Set<FileOp> group : Expectations.groups(k)) {
                assertTrue(group.stream().anyMatch(f -> Expectations.calls(k).getOrDefault(f, 0) > 0), k + " " + group);
            }
        }
    }

    @Test
    void theParserReadsRepeatsAndSkipsNotes() {
        Map<FileOp, Integer> m = calls("openat, ftruncate, close (fallback: openat, newfstatat, lseek ×2, ftruncate, close)", Map.of());
        assertEquals(Map.of(FileOp.OPEN, 1, FileOp.TRUNCATE, 1, FileOp.CLOSE, 1), m);
        assertEquals(Map.of(FileOp.RENAME, 2), calls("rename ×2", Map.of()));
        assertFalse(calls("pipe2 ×2, vfork, read, close ×4, wait4; see [exec-launch.md](exec-launch.md)", Map.of())
                .containsKey(FileOp.OTHER));
    }

    @Test
    void onlyCreateDeleteAndRemoveUnlinkTheFileTheyOpen() {
        Set<OpKind> unlinking = java.util.EnumSet.noneOf(OpKind.class);
        for (OpKind k : OpKind.values()) if (Expectations.unlinksWhatItOpens(k)) unlinking.add(k);
        assertEquals(Set.of(OpKind.CREATE_DELETE, OpKind.REMOVE), unlinking, "hard-link and soft-link unlink a link they never open");
    }
}
