package org.tracebench.tracers.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.Tracer;

/** The {@code syscalls} option that narrows strace's traced set (issue 7's option matrix). */
class StraceSyscallOptionTest {

    @Test
    void defaultAndAllTraceEverySyscall() {
        assertEquals(StraceCommand.SYSCALLS, StraceCommand.syscalls(Map.of()));
        assertEquals(StraceCommand.SYSCALLS, StraceCommand.syscalls(Map.of("syscalls", "all")));
    }

    @Test
    void aSubsetKeepsExitGroupAndReachesTheCommandLine() {
        List<String> s = StraceCommand.syscalls(Map.of("syscalls", "openat, close,openat"));
        assertEquals(List.of("openat", "close", "exit_group"), s);
        List<String> cmd = StraceCommand.base("strace", Path.of("/tmp/o"), Map.of("syscalls", "openat,close"));
        assertTrue(cmd.contains("trace=?openat,?close,?exit_group"), cmd.toString());
    }

    @Test
    void anUnknownSyscallIsASentenceNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StraceCommand.syscalls(Map.of("syscalls", "openat,ioctl")));
        assertTrue(e.getMessage().startsWith("The strace option syscalls names 'ioctl'"), e.getMessage());
    }

    @Test
    void aSetWithoutOpenatIsRefusedBeforeTheRunSinceTheSentinelIsAnOpenat() {
        Map<String, String> problems = StraceCommand.optionProblems(Map.of("syscalls", "chmod"));
        assertTrue(problems.getOrDefault("syscalls", "").startsWith("The strace option syscalls must include openat: the harness proves"),
                problems.toString());
        assertTrue(problems.get("syscalls").contains("add openat to 'chmod'"), problems.toString());
        assertTrue(new StraceSeccompTracer().optionProblems(Map.of("syscalls", "chmod,close")).containsKey("syscalls"));
        assertTrue(StraceCommand.optionProblems(Map.of("syscalls", "chmod,openat")).isEmpty());
    }

    @Test
    void aSubsetTakesAwayTheOperationsNoneOfWhoseCallsItTracesAsAChoiceNotABlindSpot() {
        Map<String, String> narrow = Map.of("syscalls", "openat,chmod,read"); // the auditor's r1.yaml
        for (Tracer t : List.of(new StraceTracer(), new StraceSeccompTracer())) {
            Capabilities c = t.capabilities(narrow);
            for (FileOp op : List.of(FileOp.OPEN, FileOp.CHMOD, FileOp.READ)) assertTrue(c.withPath().contains(op), t.name() + " " + op);
            assertTrue(c.countOnly().contains(FileOp.EXIT), "exit_group is always traced");
            for (FileOp op : List.of(FileOp.CHOWN, FileOp.RENAME, FileOp.WRITE, FileOp.CLOSE, FileOp.EXEC, FileOp.FORK)) {
                assertFalse(c.sees(op), t.name() + " " + op);
                assertTrue(c.notTracedByOption().leavesOut(op), t.name() + " " + op);
            }
            assertFalse(c.notTracedByOption().leavesOut(FileOp.CHMOD), "fchmodat is left out, chmod is not: partly traced");
            assertEquals("the syscalls option leaves out chown, fchown, lchown, fchownat",
                    c.notTracedByOption().reason(List.of(FileOp.CHOWN)));
            assertEquals("the syscalls option leaves out rmdir, unlinkat, unlink",
                    c.notTracedByOption().reason(List.of(FileOp.UNLINK, FileOp.RMDIR)));
            assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("Option syscalls traces openat, chmod, read, exit_group"
                    + " only, so this configuration does not trace WRITE, CLOSE, STAT")), c.notes().toString());
            Capabilities all = t.capabilities(Map.of("syscalls", "all"));
            assertEquals(t.capabilities(), all);
            assertTrue(all.notTracedByOption().calls().isEmpty());
            assertTrue(all.sees(FileOp.CHOWN) && all.sees(FileOp.FORK));
        }
    }

    @Test
    void everyTracedCallBelongsToTheOperationThatTheParserReportsItAs() throws IOException {
        Set<String> mapped = new HashSet<>();
        StraceCommand.CALLS_OF.values().forEach(mapped::addAll);
        assertEquals(Set.copyOf(StraceCommand.SYSCALLS), mapped, "each traced call is some operation's");
        for (String call : StraceCommand.SYSCALLS) {
            List<TraceEvent> out = new ArrayList<>();
            new StraceParser("/tmp").parse(new StringReader("4242 1795431652.525995 " + call
                    + "(AT_FDCWD</tmp>, \"/tmp/a\", \"/tmp/b\", 0) = 0\n"), out::add);
            assertEquals(1, out.size(), call + ": " + out);
            FileOp op = out.get(0).op();
            assertTrue(StraceCommand.CALLS_OF.getOrDefault(op, List.of()).contains(call), call + " parsed as " + op);
        }
    }
}
