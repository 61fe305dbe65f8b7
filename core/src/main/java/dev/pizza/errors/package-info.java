/**
 * The failures of a bake: {@link dev.pizza.errors.PizzaException}, a sealed root, and all of its
 * subclasses together, one per reason a caller can act on. A host switches over them exhaustively.
 *
 * <p>May use: the JDK and JSpecify only. Messages never hold a secret.
 */
@NullMarked
package dev.pizza.errors;

import org.jspecify.annotations.NullMarked;
