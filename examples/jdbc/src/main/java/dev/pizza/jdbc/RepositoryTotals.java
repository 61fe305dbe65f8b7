package dev.pizza.jdbc;

/**
 * The two counts a summary line after a bake shows, cheap to compute on a large repository (see
 * {@link CommitQueries#totals}).
 *
 * @param commits how many commits are stored for the repository
 * @param authors how many distinct author emails (through the mailmap) they have, as {@link
 *     RepositoryStats#authors} counts them
 */
public record RepositoryTotals(long commits, long authors) {}
