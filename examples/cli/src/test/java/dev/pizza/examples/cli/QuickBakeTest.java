package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class QuickBakeTest {
  private static final PizzaCli CLI =
      new PizzaCli(System.out, System.err, Directories.of(Map.of(), "/home/nobody"));

  /** Every field a bake reads from its command line. */
  private static List<Object> fields(BakeCommand b) {
    return java.util.Arrays.asList(
        b.store.cacheDir,
        b.store.maxSize,
        b.store.minFree,
        b.store.pins,
        b.store.storeConfig,
        b.database.dataDir,
        b.database.db,
        b.transport.sshKeys,
        b.transport.knownHosts,
        b.transport.acceptNewHostKeys,
        b.transport.caFiles,
        b.mailmap.file,
        b.jsonl,
        b.timeout,
        b.deadline,
        b.lockWait,
        b.lineStats,
        b.checkpointEvery,
        b.verbose,
        b.repositories,
        b.parent);
  }

  private static BakeCommand byPicocli(String... args) {
    CommandLine cmd = new CommandLine(CLI);
    cmd.addSubcommand("bake", BakeCommand.class);
    CommandLine.ParseResult r = cmd.parseArgs(args);
    return (BakeCommand) r.subcommand().commandSpec().userObject();
  }

  @Test
  void plainBakeCommandLines_setTheFieldsPicocliSets() {
    String[][] lines = {
      {"bake", "/r"},
      {"bake", "/r", "https://example.com/x.git", "r2"},
      {"bake", "--data-dir", "/d", "--cache-dir", "/c", "--jsonl", "/o.jsonl", "/r"},
      {"bake", "/r", "--jsonl", "-", "--line-stats", "-v", "--db", "jdbc:sqlite:/x.db"},
      {
        "bake",
        "--verbose",
        "--mailmap",
        "m",
        "--store-config",
        "s.yaml",
        "--accept-new-host-keys",
        "r"
      },
      {"bake", "bake", "help", "r w"},
    };
    for (String[] line : lines) {
      BakeCommand quick = QuickBake.parse(line, CLI);
      assertThat(quick).as(String.join(" ", line)).isNotNull();
      assertThat(fields(quick)).as(String.join(" ", line)).isEqualTo(fields(byPicocli(line)));
    }
  }

  @Test
  void anythingElse_isLeftToPicocli() {
    String[][] lines = {
      {"bake"},
      {"bake", "--jsonl", "/o"},
      {"bake", "--help"},
      {"bake", "-h", "/r"},
      {"bake", "--version", "/r"},
      {"bake", "--jsonl=/o", "/r"},
      {"bake", "--jsonl", "/o", "--jsonl", "/p", "/r"},
      {"bake", "-v", "--verbose", "/r"},
      {"bake", "--line-stats", "--line-stats", "/r"},
      {"bake", "--timeout", "5s", "/r"},
      {"bake", "--checkpoint-every", "0", "/r"},
      {"bake", "--", "/r"},
      {"bake", "@args.txt"},
      {"bake", "", "/r"},
      {"bake", "/r", "--data-dir"},
      {"bake", "--data-dir", "--line-stats", "/r"},
      {"bake", "--db", "-", "/r"},
      {"bake", "-vx", "/r"},
      {"bake", "--data-dir", "a\0b", "/r"},
      {"stats", "/r"},
      {"help", "bake"},
      {},
    };
    for (String[] line : lines) {
      assertThat(QuickBake.parse(line, CLI)).as(String.join(" ", line)).isNull();
    }
  }

  @Test
  void aUsageErrorFoundWhileBaking_isReportedAsPicocliReportsIt(@TempDir Path tmp)
      throws Exception {
    Path config = Files.writeString(tmp.resolve("store.yaml"), "cache:\n  max-size: lots\n");
    String[] args = {
      "bake", "--data-dir", tmp.resolve("d").toString(), "--store-config", config.toString(), "/r"
    };
    assertThat(QuickBake.parse(args, CLI)).isNotNull();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        PizzaCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Directories.of(Map.of(), tmp.toString()));

    assertThat(code).isEqualTo(PizzaCli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("pizza: ").contains("Usage:");
  }
}
