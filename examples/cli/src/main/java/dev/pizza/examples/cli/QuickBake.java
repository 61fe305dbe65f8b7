package dev.pizza.examples.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the usual {@code pizza bake} command line without picocli, which a short bake would
 * otherwise spend about 0.1 s of CPU on before it starts (reading the commands' annotations through
 * reflection and proxies, and setting up its interpreter), a quarter of a bake with nothing new.
 *
 * <p>Only a plain subset is read here, where picocli's reading is plain too: {@code bake}, then
 * repository arguments (not starting with {@code -} or {@code @}) and these options, each at most
 * once, a value as the next argument (not starting with {@code -}, except the {@code -} of {@code
 * --jsonl -}): {@code --data-dir}, {@code --cache-dir}, {@code --db}, {@code --jsonl}, {@code
 * --mailmap}, {@code --store-config}, and the flags {@code --line-stats}, {@code -v}/{@code
 * --verbose} and {@code --accept-new-host-keys}. Anything else (help, another option, {@code
 * --opt=value}, {@code --}, an argument file, a repeated option, no repository) returns null, and
 * picocli reads the command line as before; so does a usage error that {@link BakeCommand#call}
 * finds ({@link NotQuick}). A test holds the fields set here equal to those picocli sets.
 */
final class QuickBake {
  private QuickBake() {}

  /**
   * Thrown by {@link BakeCommand#call} when it finds a usage error in a command line read here,
   * before it did anything: the caller reads the command line with picocli and runs it again, so
   * the error is reported as picocli reports it.
   */
  static final class NotQuick extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotQuick() {
      super(null, null, false, false);
    }
  }

  /**
   * Returns the bake {@code args} name, its parent {@code cli}, or null if picocli must read it.
   */
  static @Nullable BakeCommand parse(String[] args, PizzaCli cli) {
    if (args.length < 2 || !args[0].equals("bake")) {
      return null;
    }
    BakeCommand bake = new BakeCommand();
    Set<String> seen = new HashSet<>();
    try {
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        if (a.isEmpty() || a.charAt(0) == '@') {
          return null;
        }
        if (a.charAt(0) != '-') {
          bake.repositories.add(a);
          continue;
        }
        if (!seen.add(canonical(a))) {
          return null;
        }
        switch (a) {
          case "--line-stats" -> bake.lineStats = true;
          case "-v", "--verbose" -> bake.verbose = true;
          case "--accept-new-host-keys" -> bake.transport.acceptNewHostKeys = true;
          default -> {
            if (i + 1 >= args.length) {
              return null;
            }
            String v = args[++i];
            if (v.isEmpty() || (v.charAt(0) == '-' && !(a.equals("--jsonl") && v.equals("-")))) {
              return null;
            }
            switch (a) {
              case "--data-dir" -> bake.database.dataDir = Path.of(v);
              case "--cache-dir" -> bake.store.cacheDir = Path.of(v);
              case "--db" -> bake.database.db = v;
              case "--jsonl" -> bake.jsonl = v;
              case "--mailmap" -> bake.mailmap.file = Path.of(v);
              case "--store-config" -> bake.store.storeConfig = Path.of(v);
              default -> {
                return null;
              }
            }
          }
        }
      }
    } catch (InvalidPathException e) {
      return null;
    }
    if (bake.repositories.isEmpty()) {
      return null;
    }
    bake.parent = cli;
    return bake;
  }

  private static String canonical(String option) {
    return option.equals("-v") ? "--verbose" : option;
  }
}
