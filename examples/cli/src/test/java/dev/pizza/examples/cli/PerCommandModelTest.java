package dev.pizza.examples.cli;

import static dev.pizza.examples.cli.PizzaCliTest.pizza;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.examples.cli.PizzaCliTest.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * picocli builds the model of the one command a run names ({@link PizzaCli#commandLine}); the
 * usage, {@code help} and a mistyped command get every command's. These pin both halves: a bake
 * that built every command's model again pays for it at each start, and a command's help that
 * differed between {@code pizza help X} and {@code pizza X --help} (or lost an option) would show
 * the two models had drifted apart.
 */
class PerCommandModelTest {
  private static final List<String> COMMANDS =
      List.of("bake", "export", "stats", "repos", "serve", "help");

  @TempDir Path tmp;

  private List<String> subcommands(String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Directories dirs = new Directories(tmp, tmp.resolve("data"), tmp.resolve("cache"));
    return List.copyOf(PizzaCli.commandLine(args, sink, sink, dirs).getSubcommands().keySet());
  }

  @Test
  void namedCommand_buildsOnlyThatCommandsModel() {
    for (String command : List.of("bake", "export", "stats", "repos", "serve")) {
      assertThat(subcommands(command, "--help")).as(command).containsExactly(command);
      assertThat(subcommands(command, ".")).as(command).containsExactly(command);
    }
  }

  @Test
  void usageHelpAndMistypedCommands_buildEveryCommandsModel_inUsageOrder() {
    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"--help"},
            new String[] {"-V"},
            new String[] {"help"},
            new String[] {"help", "bake"},
            new String[] {"grill", "x"},
            new String[] {"Bake", "x"},
            new String[] {"--bake"})) {
      assertThat(subcommands(args)).as(String.join(" ", args)).isEqualTo(COMMANDS);
    }
  }

  @Test
  void commandHelp_isTheHelpCommandsText_andListsEveryOption() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Directories dirs = new Directories(tmp, tmp.resolve("data"), tmp.resolve("cache"));
    CommandLine all = PizzaCli.commandLine(new String[] {"help"}, sink, sink, dirs);
    for (String command : List.of("bake", "export", "stats", "repos", "serve")) {
      Run own = pizza(command, "--help");
      Run help = pizza("help", command);

      assertThat(own.code()).as(command).isZero();
      assertThat(own.out()).as(command).isEqualTo(help.out());
      assertThat(own.err()).as(command).isEqualTo(help.err()).isEmpty();
      CommandSpec spec = all.getSubcommands().get(command).getCommandSpec();
      assertThat(spec.options()).as(command).isNotEmpty();
      for (OptionSpec option : spec.options()) {
        assertThat(own.out()).as(command).contains(option.longestName());
      }
      spec.positionalParameters()
          .forEach(p -> assertThat(own.out()).as(command).contains(p.paramLabel()));
    }
  }

  @Test
  void rootUsage_listsEveryCommand() {
    for (Run run : List.of(pizza("--help"), pizza(), pizza("help"))) {
      String usage = run.out() + run.err();
      for (String command : COMMANDS) {
        assertThat(usage).contains("  " + command + " ");
      }
    }
  }
}
