package dev.pizza;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Who did something to a commit and when: the author or the committer line of a commit.
 *
 * <p>Times git cannot show are represented the same way in every output, because they are decided
 * here and at parse time, not by each sink:
 *
 * <ul>
 *   <li>A moment whose local time at {@code offset} falls after {@code 9999-12-31T23:59:59} is
 *       clamped to that last second (so {@link #time()} always has a four-digit year that ISO-8601
 *       parsers read; git itself prints {@code 10000-01-01T00:00:00+00:00}, which they refuse).
 *   <li>A time that is not a number or overflows 64 bits, or an offset that is missing or not
 *       digits, is read as git shows it: the epoch ({@code 1970-01-01T00:00:00}) at {@code +0000}.
 *   <li>An offset beyond what {@link ZoneOffset} holds (±18:00, e.g. {@code +99999}) keeps the
 *       recorded moment, at {@code +0000}.
 *   <li>An ident line without {@code <email>} has an empty name and email, as in git.
 * </ul>
 *
 * The backend logs one warning per repository and bake when it reads such a commit.
 *
 * @param identity the person's name and email
 * @param instant the moment, as recorded (seconds precision in git), clamped as above
 * @param offset the zone offset the person's clock had, as recorded
 */
public record Signature(Identity identity, Instant instant, ZoneOffset offset) {

  /** The last local second a four-digit year holds: {@code 9999-12-31T23:59:59}. */
  private static final long LAST_LOCAL_SECOND = 253_402_300_799L;

  /** Clamps a moment whose local time would be past year 9999. */
  public Signature {
    long local = instant.getEpochSecond() + offset.getTotalSeconds();
    if (local > LAST_LOCAL_SECOND) {
      instant = Instant.ofEpochSecond(LAST_LOCAL_SECOND - offset.getTotalSeconds());
    }
  }

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
