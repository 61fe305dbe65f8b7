package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.errors.PizzaException;
import dev.pizza.errors.ServerCertificateException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every kind of failure the library can report is said in words of its own. */
class FailureMessagesTest {
  @Test
  void everyPermittedSubclass_hasAMeaningOfItsOwn() throws Exception {
    Set<String> meanings = new HashSet<>();
    for (Class<?> type : PizzaException.class.getPermittedSubclasses()) {
      PizzaException e =
          type == ServerCertificateException.class
              ? new ServerCertificateException(ServerCertificateException.Problem.UNTRUSTED, "m")
              : (PizzaException) type.getConstructor(String.class).newInstance("m");

      String meaning = FailureMessages.meaning(e);

      assertThat(meaning).as(type.getName()).isNotEqualTo("failed");
      assertThat(meanings.add(meaning)).as("%s: %s said before", type.getName(), meaning).isTrue();
    }
  }
}
