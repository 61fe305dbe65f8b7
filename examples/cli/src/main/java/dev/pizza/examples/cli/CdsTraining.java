package dev.pizza.examples.cli;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Mailmap;
import dev.pizza.Signature;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What the first bake of a jar does besides baking, when its worker JVM's loaded classes become the
 * class-data archive every later run maps ({@code -Dpizza.cds.training=true}; see {@link
 * JarSidecar}): it loads the classes that other bakes may need and this one did not, so that they
 * come from the archive too. A first bake of a small repository without {@code --jsonl} never
 * loaded the JSON writer and Jackson, nor, on a repository without packs, the pack reader; later
 * bakes then loaded about 80 classes from the jar (reading, verifying) and spun the lambdas of the
 * JSON path at every start. Here one made-up commit (trailers, a co-author, a mailmap change) is
 * written as JSON to nowhere, and the classes of pizza's own packages (but the service and
 * benchmark programs) and Jackson's core are loaded without being initialized. Failures are
 * ignored: the archive is only smaller.
 */
final class CdsTraining {
  /** The system property the worker of a jar's first bake gets. */
  static final String PROPERTY = "pizza.cds.training";

  private static final List<String> PACKAGES = List.of("dev/pizza/", "com/fasterxml/jackson/core/");
  private static final List<String> SKIPPED =
      List.of("dev/pizza/examples/service/", "dev/pizza/examples/bench/", "dev/pizza/testing/");

  private CdsTraining() {}

  /** Runs the training when asked for it. */
  static void runIfAsked() {
    if (!Boolean.getBoolean(PROPERTY)) {
      return;
    }
    try {
      writeJson();
    } catch (IOException | RuntimeException e) {
      // The archive lacks the JSON path's lambdas.
    }
    try {
      loadClasses();
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // The archive lacks the classes not loaded.
    }
  }

  private static void writeJson() throws IOException {
    Signature s =
        new Signature(
            new Identity("A U Thor", "author@example.com"),
            Instant.ofEpochSecond(1_700_000_000L),
            ZoneOffset.ofHours(2));
    CommitRecord r =
        CommitRecord.of(
                CommitId.of("1".repeat(40)),
                List.of(CommitId.of("2".repeat(40))),
                s,
                s,
                "Subject: a \"quoted\" word\n\nBody\n\nCo-authored-by: C O <co@example.com>\n"
                    + "Signed-off-by: A U Thor <author@example.com>\n")
            .mapped(Mailmap.parse("Proper Name <author@example.com>\n"));
    try (CommitJsonWriter json = new CommitJsonWriter(OutputStream.nullOutputStream(), true)) {
      json.write(r);
    }
  }

  private static void loadClasses() throws IOException, URISyntaxException {
    CodeSource source = CdsTraining.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return;
    }
    Path jar = Path.of(source.getLocation().toURI());
    if (!Files.isRegularFile(jar)) {
      return;
    }
    ClassLoader loader = CdsTraining.class.getClassLoader();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.endsWith(".class") && wanted(name) && !name.endsWith("-info.class")) {
          try {
            Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
          } catch (ClassNotFoundException | LinkageError ignored) {
            // Not loadable here: not archived either.
          }
        }
      }
    }
  }

  private static boolean wanted(String entry) {
    return PACKAGES.stream().anyMatch(entry::startsWith)
        && SKIPPED.stream().noneMatch(entry::startsWith);
  }
}
