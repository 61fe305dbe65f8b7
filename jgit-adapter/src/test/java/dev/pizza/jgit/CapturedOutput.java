package dev.pizza.jgit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs code with standard output and error captured: slf4j-simple, the tests' logger, writes to
 * standard error, so this is the log output. What was captured is passed on afterwards.
 */
final class CapturedOutput {
  private CapturedOutput() {}

  interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body} and returns what it printed and logged. */
  static String of(Body body) throws Exception {
    PrintStream err = System.err;
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setErr(capture);
    System.setOut(capture);
    try {
      body.run();
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    err.print(logs);
    return logs;
  }
}
