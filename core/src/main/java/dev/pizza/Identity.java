package dev.pizza;

import org.jspecify.annotations.Nullable;

/**
 * A person as git records one: a name and an email address, both as written in the commit (git
 * allows either to be empty).
 *
 * @param name the name, possibly empty
 * @param email the email address without angle brackets, possibly empty
 */
public record Identity(String name, String email) {

  // equals and hashCode written out: a record's generated ones bootstrap java.lang.runtime's
  // ObjectMethods on first use, about 15 method-handle classes and their compiling, which a short
  // bake (that compares author and committer of its first commit) paid.
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Identity other && name.equals(other.name) && email.equals(other.email);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + email.hashCode();
  }

  @Override
  public String toString() {
    return name + " <" + email + ">";
  }
}
