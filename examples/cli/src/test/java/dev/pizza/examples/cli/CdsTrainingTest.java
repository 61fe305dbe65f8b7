package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class CdsTrainingTest {
  @Test
  void theTraining_runsWithoutFailing_withAndWithoutTheLaunchersProperty() {
    assertThatCode(CdsTraining::runIfAsked).doesNotThrowAnyException();
    String before = System.getProperty(CdsTraining.PROPERTY);
    System.setProperty(CdsTraining.PROPERTY, "true");
    try {
      assertThatCode(CdsTraining::runIfAsked).doesNotThrowAnyException();
    } finally {
      if (before == null) {
        System.clearProperty(CdsTraining.PROPERTY);
      } else {
        System.setProperty(CdsTraining.PROPERTY, before);
      }
    }
  }
}
