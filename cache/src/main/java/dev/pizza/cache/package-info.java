/**
 * A disk store of bare repositories, one per repository key, with leases, pins and size accounting.
 *
 * <p>Entry points: {@link dev.pizza.cache.RepoStore} (the contract), {@link
 * dev.pizza.cache.DiskRepoStore} (the implementation, built with {@link
 * dev.pizza.cache.DiskRepoStore#builder()}), {@link dev.pizza.cache.Lease} (a repository held for
 * reading). No JGit type appears here: the store moves and measures directories, and a {@link
 * dev.pizza.cache.RepositoryLoader} supplied by the caller fills a new one.
 */
@NullMarked
package dev.pizza.cache;

import org.jspecify.annotations.NullMarked;
