package dev.pizza.examples.cli;

import dev.pizza.Mailmap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.util.RawParseUtils;
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

  /**
   * The most a mailmap file may hold, as for a repository's {@code .mailmap} ({@code HeadMailmap}):
   * 16 MiB, some 300,000 lines. The file was read whole, so {@code --mailmap /dev/zero} (or any
   * endless pipe) ran the heap out.
   */
  static final int MAX_BYTES = 16 << 20;

  /**
   * Returns the mailmap the file holds, or {@link Mailmap#EMPTY} without the option. Its bytes are
   * decoded as a repository's {@code .mailmap} is (UTF-8, else the commits' fallback), as git reads
   * bytes: a file with a Latin-1 name was refused as malformed input.
   *
   * @throws IOException when it cannot be read or holds more than {@link #MAX_BYTES}
   */
  Mailmap load() throws IOException {
    if (file == null) {
      return Mailmap.EMPTY;
    }
    byte[] text;
    try (InputStream in = Files.newInputStream(file)) {
      text = in.readNBytes(MAX_BYTES + 1);
    }
    if (text.length > MAX_BYTES) {
      throw new IOException("it holds more than " + (MAX_BYTES >> 20) + " MiB");
    }
    return Mailmap.parse(RawParseUtils.decode(text));
  }

  /** The line saying why {@link #load} failed with {@code e}. */
  String failure(IOException e) {
    return "pizza: cannot read the mailmap "
        + Echo.escape(String.valueOf(file))
        + ": "
        + Echo.escape(String.valueOf(e.getMessage()));
  }
}
