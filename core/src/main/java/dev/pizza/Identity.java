package dev.pizza;

/**
 * A person as git records one: a name and an email address, both as written in the commit (git
 * allows either to be empty).
 *
 * @param name the name, possibly empty
 * @param email the email address without angle brackets, possibly empty
 */
public record Identity(String name, String email) {

  @Override
  public String toString() {
    return name + " <" + email + ">";
  }
}
