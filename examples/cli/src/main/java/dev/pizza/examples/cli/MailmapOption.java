package dev.pizza.examples.cli;

import dev.pizza.Mailmap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The host's mailmap (a picocli mixin of {@code bake} and {@code serve}): {@code --mailmap FILE},
 * applied to every bake after the repository's own {@code .mailmap} (see {@code
 * PizzaOven.Builder.mailmap}).
 */
final class MailmapOption {
  @Option(
      names = "--mailmap",
      paramLabel = "FILE",
      description =
          "map identities through this mailmap file (gitmailmap(5)) after the repository's own"
              + " .mailmap at HEAD, whose lines it overrides; stats then count people by the"
              + " mapped identity")
  @Nullable Path file;

  /** Returns the mailmap the file holds, or {@link Mailmap#EMPTY} without the option. */
  Mailmap load() throws IOException {
    return file == null ? Mailmap.EMPTY : Mailmap.parse(Files.readString(file));
  }

  /** The line saying why {@link #load} failed with {@code e}. */
  String failure(IOException e) {
    return "pizza: cannot read the mailmap "
        + Echo.escape(String.valueOf(file))
        + ": "
        + Echo.escape(String.valueOf(e.getMessage()));
  }
}
