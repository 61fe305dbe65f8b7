package dev.pizza;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Who did something to a commit and when: the author or the committer line of a commit.
 *
 * @param identity the person's name and email
 * @param instant the moment, as recorded (seconds precision in git)
 * @param offset the zone offset the person's clock had, as recorded
 */
public record Signature(Identity identity, Instant instant, ZoneOffset offset) {

  /** Returns the person's name. */
  public String name() {
    return identity.name();
  }

  /** Returns the person's email address. */
  public String email() {
    return identity.email();
  }

  /** Returns the moment at the recorded offset, as git shows it. */
  public OffsetDateTime time() {
    return instant.atOffset(offset);
  }
}
