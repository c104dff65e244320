/**
 * Cluster membership and the replicated cluster metadata on Apache Ratis: the
 * {@link io.tributary.server.cluster.RaftMetadataStore} a broker opens when {@code cluster.peers} or
 * {@code cluster.metadata.store=raft} is set (a one-peer group without peers), its state machine and
 * byte formats, the start-up checks, status ({@link io.tributary.server.cluster.ClusterProbe} for
 * {@code tributary cluster status}), and the one-time merge of the node's single-node
 * {@code metadata.log}.
 *
 * <p>This is the only package that imports {@code org.apache.ratis} ({@code etc/import-control.xml}):
 * the rest of the broker sees the {@link io.tributary.config.metadata.MetadataStore} contract.
 *
 * <p>Threads: Ratis applies entries and takes snapshots on its one state-machine updater thread;
 * entries are handed to Ratis by the {@code metadata-submit} thread; write futures complete on the
 * {@code metadata-callbacks} thread. Reads may come from any thread. Nothing here runs on, or blocks,
 * a Netty event loop of the broker's listeners.
 */
package io.tributary.server.cluster;
