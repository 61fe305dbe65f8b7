package dev.pizza.examples.service;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the service listens, bakes and guards. Validated on construction.
 *
 * @param bind the address to listen on (default loopback)
 * @param port the port, 0 for any free one
 * @param concurrency most bakes at once
 * @param queueSize most repositories waiting for a worker; a request beyond it is refused (503)
 * @param timeout give up a transfer when the server is silent this long
 * @param grace how long shutdown lets running bakes finish before cancelling them
 * @param waitLimit how long a {@code wait} request waits before answering 202 instead
 * @param allowedHosts the hosts bake URLs may name (lowercase); empty allows any public host
 * @param allowPrivateNetwork whether URLs may reach loopback, private and link-local addresses
 * @param maxBodyBytes the largest request body read
 */
public record ServiceSettings(
    String bind,
    int port,
    int concurrency,
    int queueSize,
    Duration timeout,
    Duration grace,
    Duration waitLimit,
    Set<String> allowedHosts,
    boolean allowPrivateNetwork,
    int maxBodyBytes) {

  /** The defaults: loopback, port 8080, 2 bakes at once, 100 waiting, 64 KiB bodies. */
  public static final ServiceSettings DEFAULTS =
      new ServiceSettings(
          "127.0.0.1",
          8080,
          2,
          100,
          Duration.ofMinutes(1),
          Duration.ofSeconds(30),
          Duration.ofMinutes(10),
          Set.of(),
          false,
          64 * 1024);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming the setting and the bad value
   */
  public ServiceSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException("queue size must be at least 1, got " + queueSize);
    }
    if (maxBodyBytes < 256) {
      throw new IllegalArgumentException(
          "the body limit must be at least 256, got " + maxBodyBytes);
    }
    for (Duration d : new Duration[] {timeout, grace, waitLimit}) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("durations must not be negative, got " + d);
      }
    }
    allowedHosts =
        allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  /** Returns these settings listening on {@code bind}:{@code port}. */
  public ServiceSettings withAddress(String bind, int port) {
    return new ServiceSettings(
        bind,
        port,
        concurrency,
        queueSize,
        timeout,
        grace,
        waitLimit,
        allowedHosts,
        allowPrivateNetwork,
        maxBodyBytes);
  }

  /** Returns these settings with {@code concurrency} workers and {@code queueSize} waiting. */
  public ServiceSettings withQueue(int concurrency, int queueSize) {
    return new ServiceSettings(
        bind,
        port,
        concurrency,
        queueSize,
        timeout,
        grace,
        waitLimit,
        allowedHosts,
        allowPrivateNetwork,
        maxBodyBytes);
  }

  /** Returns these settings with the network guard: allowed hosts, private network or not. */
  public ServiceSettings withNetwork(Set<String> allowedHosts, boolean allowPrivateNetwork) {
    return new ServiceSettings(
        bind,
        port,
        concurrency,
        queueSize,
        timeout,
        grace,
        waitLimit,
        allowedHosts,
        allowPrivateNetwork,
        maxBodyBytes);
  }

  /** Returns these settings with the given transfer timeout, shutdown grace and wait limit. */
  public ServiceSettings withTimes(Duration timeout, Duration grace, Duration waitLimit) {
    return new ServiceSettings(
        bind,
        port,
        concurrency,
        queueSize,
        timeout,
        grace,
        waitLimit,
        allowedHosts,
        allowPrivateNetwork,
        maxBodyBytes);
  }

  /** Returns these settings with another request body limit. */
  public ServiceSettings withMaxBodyBytes(int maxBodyBytes) {
    return new ServiceSettings(
        bind,
        port,
        concurrency,
        queueSize,
        timeout,
        grace,
        waitLimit,
        allowedHosts,
        allowPrivateNetwork,
        maxBodyBytes);
  }
}
