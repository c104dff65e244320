/**
 * The single-node metadata store ({@link io.tributary.server.metadata.LocalMetadataStore} and its
 * {@code metadata.log} format), the default ({@code cluster.metadata.store=local}). A node that keeps
 * its metadata in the Raft group of {@code io.tributary.server.cluster} instead reads this store
 * once, to merge its records into the group. Thread-safe; writes run on one writer thread.
 */
package io.tributary.server.metadata;
