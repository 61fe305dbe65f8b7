/**
 * Talking to git servers: cloning and fetching bare mirrors (RemoteMirror), the watchdog that
 * aborts a stalled transfer, progress reporting, SSH sessions and credentials, HTTP(S) as git users
 * configure it (HttpSettings: trusted CAs in TlsTrust, proxies in ProxySettings and ProxyTunnel,
 * each JGit HTTP transport's connections from HttpConnections), and turning what a server said into
 * a typed {@link dev.pizza.errors.PizzaException} (TransferFailures, TlsFailures).
 *
 * <p>May use: JGit (transport, SSH), SLF4J, JSpecify, pizza core, and the public entry {@code
 * dev.pizza.jgit} for credentials. Must not use {@code internal.pack} or {@code internal.walk}.
 *
 * <p>Not API. Its classes are public only so that the sibling packages of {@code jgit-adapter} can
 * use them; they may change in any release. Internals are hidden the way JGit hides its own, by an
 * {@code internal} package name, not by a {@code module-info} that exports only the API (as
 * Caffeine does): pizza is used from the class path, where a module descriptor hides nothing; the
 * CLI ships as one shaded jar, which has no module boundaries; and tests live in the packages they
 * test, which a module descriptor would make awkward to compile and run. The build checks with
 * ArchUnit that nothing outside {@code dev.pizza.jgit} uses these packages.
 */
@NullMarked
package dev.pizza.jgit.internal.transport;

import org.jspecify.annotations.NullMarked;
