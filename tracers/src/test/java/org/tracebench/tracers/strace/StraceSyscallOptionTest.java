package org.tracebench.tracers.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
        assertTrue(e.getMessage().startsWith("Option syscalls names 'ioctl'"), e.getMessage());
    }

    @Test
    void aSetWithoutOpenatIsRefusedBeforeTheRunSinceTheSentinelIsAnOpenat() {
        Map<String, String> problems = StraceCommand.optionProblems(Map.of("syscalls", "chmod"));
        assertTrue(problems.getOrDefault("syscalls", "").startsWith("Option syscalls must include openat: the harness proves"),
                problems.toString());
        assertTrue(problems.get("syscalls").contains("add openat to 'chmod'"), problems.toString());
        assertTrue(new StraceSeccompTracer().optionProblems(Map.of("syscalls", "chmod,close")).containsKey("syscalls"));
        assertTrue(StraceCommand.optionProblems(Map.of("syscalls", "chmod,openat")).isEmpty());
    }
}
