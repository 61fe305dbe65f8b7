/**
 * The oven service ({@code pizza serve}): the original service's HTTP API over the library, with a
 * database, a persistent queue and metrics.
 *
 * <p>Entry point: {@link dev.pizza.examples.service.OvenService}, started with {@link
 * dev.pizza.examples.service.ServiceSettings}. Inside: the routes ({@code ApiHandler}), the queue
 * that dedupes, bounds and persists bake requests ({@code BakeQueue}, {@code BakeRequestTable}),
 * the check of caller-given URLs against server-side request forgery ({@code UrlPolicy}), the
 * Prometheus metrics ({@code ServiceMetrics}) and tokens per host ({@link
 * dev.pizza.examples.service.HostTokens}).
 *
 * <p>May use the library (core, cache, jgit-adapter), the JDBC sink (pizza-jdbc), Jetty, Jackson,
 * Micrometer and SLF4J; not the CLI's package (the CLI registers the service, not the reverse).
 */
@NullMarked
package dev.pizza.examples.service;

import org.jspecify.annotations.NullMarked;
