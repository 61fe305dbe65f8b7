package dev.pizza.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Describes the machine a benchmark runs on, for the report. */
final class MachineInfo {
  private MachineInfo() {}

  /** Returns a few lines: cores, CPU model, memory, load, the child java's and git's versions. */
  static String describe(Path java) throws IOException, InterruptedException {
    StringBuilder s = new StringBuilder();
    s.append("cores:    ").append(Runtime.getRuntime().availableProcessors()).append('\n');
    s.append("cpu:      ")
        .append(procField("/proc/cpuinfo", "model name").orElse("unknown"))
        .append('\n');
    s.append("memory:   ")
        .append(procField("/proc/meminfo", "MemTotal").orElse("unknown"))
        .append('\n');
    s.append("load:     ").append(loadAverage()).append('\n');
    MeasuredProcess.Result v =
        MeasuredProcess.run(List.of(java.toString(), "-version"), null, true);
    s.append("java:     ").append(v.stderr().strip().replace("\n", "\n          ")).append('\n');
    s.append("git:      ")
        .append(MeasuredProcess.run(List.of("git", "--version"), null, true).stdout().strip())
        .append('\n');
    s.append("rss from: ")
        .append(MeasuredProcess.measuresRss() ? "/usr/bin/time -f %M (ru_maxrss)" : "unavailable")
        .append('\n');
    return s.toString();
  }

  /** Returns the 1, 5 and 15 minute load averages, or "unknown". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Optional<String> procField(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream()
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** This JVM's CPU time (all its threads, JIT and GC included), or -1 if unknown. */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }
}
