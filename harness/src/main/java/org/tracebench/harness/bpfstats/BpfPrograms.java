package org.tracebench.harness.bpfstats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The BPF programs a set of processes holds and their run-time statistics. Program ids come from the processes'
 * file descriptors ({@code /proc/PID/fd} links to {@code anon_inode:bpf-prog}, whose {@code fdinfo} names the
 * {@code prog_id}); statistics from {@code bpftool prog show -j} for those ids (name, type, {@code run_time_ns},
 * {@code run_cnt}), falling back to the fdinfo's own {@code run_time_ns}/{@code run_cnt} when bpftool is missing
 * or fails. The counters grow only while {@link BpfStatsSwitch} has the statistics enabled.
 */
public final class BpfPrograms {
    private BpfPrograms() {}

    /** One program's cumulative statistics; {@code source} is {@code bpftool} or {@code fdinfo}. */
    public record Program(long id, String name, String type, long runTimeNs, long runCount, String source) {}

    /** Programs held by {@code pids}, by id (each once, even when several fds refer to it). */
    public static Map<Long, Program> of(List<Long> pids, String bpftool) {
        Map<Long, Program> fromFds = fromFdinfo(pids);
        fromFds.replaceAll((id, p) -> p.runTimeNs() >= 0 && p.runCount() >= 0 ? p
                : new Program(id, p.name(), p.type(), Math.max(0, p.runTimeNs()), Math.max(0, p.runCount()), p.source()));
        if (fromFds.isEmpty() || bpftool == null) return fromFds;
        Map<Long, Program> fromTool = fromBpftool(bpftool, fromFds.keySet());
        Map<Long, Program> out = new LinkedHashMap<>();
        for (Map.Entry<Long, Program> e : fromFds.entrySet()) out.put(e.getKey(), fromTool.getOrDefault(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * Programs held by {@code pids} from their fdinfo alone (no bpftool process, no JSON: cheap enough right before
     * a measured window), or null when some fdinfo lacks the run statistics (older kernels) and {@link #of} is needed.
     */
    public static Map<Long, Program> ofFdinfo(List<Long> pids) {
        Map<Long, Program> out = fromFdinfo(pids);
        for (Program p : out.values()) if (p.runTimeNs() < 0 || p.runCount() < 0) return null;
        return out;
    }

    /** Every bpf-prog fd of {@code pids}, by program id; run statistics -1 where fdinfo lacks them. */
    private static Map<Long, Program> fromFdinfo(List<Long> pids) {
        Map<Long, Program> out = new LinkedHashMap<>();
        for (long pid : pids) fromFdinfo(Path.of("/proc", Long.toString(pid)), out);
        return out;
    }

    /** Reads every bpf-prog fd of one /proc/PID directory into {@code out}. */
    static void fromFdinfo(Path procPid, Map<Long, Program> out) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(procPid.resolve("fd"))) {
            for (Path fd : fds) {
                String link;
                try {
                    link = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (!link.equals("anon_inode:bpf-prog")) continue;
                Map<String, String> info;
                try {
                    info = parseFdinfo(Files.readString(procPid.resolve("fdinfo").resolve(fd.getFileName()), StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    continue;
                }
                long id = longOf(info.get("prog_id"));
                if (id <= 0 || out.containsKey(id)) continue;
                out.put(id, new Program(id, "", info.getOrDefault("prog_type", ""),
                        info.containsKey("run_time_ns") ? longOf(info.get("run_time_ns")) : -1,
                        info.containsKey("run_cnt") ? longOf(info.get("run_cnt")) : -1, "fdinfo"));
            }
        } catch (IOException e) {
            // the process is gone or not readable: it holds nothing we can see
        }
    }

    /** {@code key:\tvalue} lines of an fdinfo file. */
    static Map<String, String> parseFdinfo(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int c = line.indexOf(':');
            if (c > 0) m.put(line.substring(0, c).trim(), line.substring(c + 1).trim());
        }
        return m;
    }

    /** Statistics of {@code ids} from one {@code bpftool prog show -j}; empty when it fails. */
    static Map<Long, Program> fromBpftool(String bpftool, java.util.Set<Long> ids) {
        Map<Long, Program> out = new LinkedHashMap<>();
        Path tmp = null;
        try {
            tmp = Files.createTempFile("tracebench-bpftool", ".json");
            Process p = new ProcessBuilder(bpftool, "prog", "show", "-j").redirectErrorStream(false)
                    .redirectOutput(tmp.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return out;
            }
            if (p.exitValue() != 0) return out;
            out.putAll(parseBpftool(Files.readString(tmp, StandardCharsets.UTF_8), ids));
        } catch (IOException e) {
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left in /tmp is harmless
                }
            }
        }
        return out;
    }

    /** The programs of {@code ids} in bpftool's JSON array; absent run fields (statistics off) read as 0. */
    static Map<Long, Program> parseBpftool(String json, java.util.Set<Long> ids) {
        LoaderOptions lo = new LoaderOptions();
        lo.setCodePointLimit(64 << 20);
        Object root = new Yaml(new SafeConstructor(lo)).load(json);
        Map<Long, Program> out = new LinkedHashMap<>();
        if (!(root instanceof List<?> list)) return out;
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("id") instanceof Number idn)) continue;
            long id = idn.longValue();
            if (!ids.contains(id)) continue;
            out.put(id, new Program(id, String.valueOf(m.get("name") == null ? "" : m.get("name")),
                    String.valueOf(m.get("type") == null ? "" : m.get("type")), num(m.get("run_time_ns")),
                    num(m.get("run_cnt")), "bpftool"));
        }
        return out;
    }

    /** bpftool on the PATH, or null. */
    public static String findBpftool() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "bpftool");
            if (Files.isExecutable(p)) return p.toString();
        }
        for (String d : List.of("/usr/sbin", "/sbin", "/usr/local/sbin")) {
            Path p = Path.of(d, "bpftool");
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static long longOf(String s) {
        if (s == null) return 0;
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
