/**
 * Stores baked commits in PostgreSQL or SQLite over JDBC and reads them back.
 *
 * <p>{@link dev.pizza.jdbc.JdbcCommitSink} is an exactly-once {@link dev.pizza.CommitSink}: the
 * records, retractions and checkpoint of a bake commit in one transaction. {@link
 * dev.pizza.jdbc.PizzaDatabase} opens a pooled {@link javax.sql.DataSource} (HikariCP) and migrates
 * its schema (Flyway); {@link dev.pizza.jdbc.CommitQueries} answers what a CLI or a service asks of
 * the stored commits, as records. The package may use pizza-core, JDBC, the PostgreSQL driver (for
 * {@code COPY}), HikariCP, Flyway and SLF4J; no JDBC type appears in its public signatures except
 * {@link javax.sql.DataSource}.
 */
@org.jspecify.annotations.NullMarked
package dev.pizza.jdbc;
