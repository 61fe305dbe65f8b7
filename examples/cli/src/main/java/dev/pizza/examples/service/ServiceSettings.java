package dev.pizza.examples.service;

import dev.pizza.Mailmap;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
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
 * @param mailmap the host's mailmap, applied to every bake after the repository's own {@code
 *     .mailmap} (see {@code PizzaOven.Builder.mailmap}); {@link Mailmap#EMPTY} by default
 * @param deadline how long a bake may take before it is cancelled (default an hour): {@code
 *     timeout} is silence only, so a server sending a byte a minute held a worker for ever
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
    int maxBodyBytes,
    Mailmap mailmap,
    Duration deadline) {

  /** The defaults: loopback, port 8080, 2 bakes at once, 100 waiting, 64 KiB bodies. */
  public static final ServiceSettings DEFAULTS = new Builder().build();

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
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("the bake deadline must be positive, got " + deadline);
    }
    allowedHosts =
        allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  /** Returns a builder holding the defaults ({@link #DEFAULTS}). */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder()
        .address(bind, port)
        .queue(concurrency, queueSize)
        .times(timeout, grace, waitLimit)
        .network(allowedHosts, allowPrivateNetwork)
        .maxBodyBytes(maxBodyBytes)
        .mailmap(mailmap)
        .deadline(deadline);
  }

  /**
   * Builds {@link ServiceSettings}; starts from the defaults, checks the values in {@link #build}.
   */
  public static final class Builder {
    private String bind = "127.0.0.1";
    private int port = 8080;
    private int concurrency = 2;
    private int queueSize = 100;
    private Duration timeout = Duration.ofMinutes(1);
    private Duration grace = Duration.ofSeconds(30);
    private Duration waitLimit = Duration.ofMinutes(10);
    private Set<String> allowedHosts = Set.of();
    private boolean allowPrivateNetwork;
    private int maxBodyBytes = 64 * 1024;
    private Mailmap mailmap = Mailmap.EMPTY;
    private Duration deadline = Duration.ofHours(1);

    private Builder() {}

    /** Listen on {@code bind}:{@code port} (port 0: any free one). */
    public Builder address(String bind, int port) {
      this.bind = bind;
      this.port = port;
      return this;
    }

    /** Run {@code concurrency} bakes at once and let {@code queueSize} repositories wait. */
    public Builder queue(int concurrency, int queueSize) {
      this.concurrency = concurrency;
      this.queueSize = queueSize;
      return this;
    }

    /** The transfer timeout, the shutdown grace and the wait limit of {@code wait} requests. */
    public Builder times(Duration timeout, Duration grace, Duration waitLimit) {
      this.timeout = timeout;
      this.grace = grace;
      this.waitLimit = waitLimit;
      return this;
    }

    /** The network guard: allowed hosts (empty: any public host), private network or not. */
    public Builder network(Set<String> allowedHosts, boolean allowPrivateNetwork) {
      this.allowedHosts = Set.copyOf(allowedHosts);
      this.allowPrivateNetwork = allowPrivateNetwork;
      return this;
    }

    /** The largest request body read. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** The host's mailmap, applied to every bake after the repository's own {@code .mailmap}. */
    public Builder mailmap(Mailmap mailmap) {
      this.mailmap = Objects.requireNonNull(mailmap);
      return this;
    }

    /** How long a bake may take before it is cancelled. */
    public Builder deadline(Duration deadline) {
      this.deadline = Objects.requireNonNull(deadline);
      return this;
    }

    /**
     * Returns the settings.
     *
     * @throws IllegalArgumentException naming the setting and the bad value
     */
    public ServiceSettings build() {
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
          maxBodyBytes,
          mailmap,
          deadline);
    }
  }
}
