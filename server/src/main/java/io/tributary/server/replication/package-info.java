/**
 * Kafka-style replication of partition logs across the nodes of a cluster: the partition state
 * (replicas, leader, leader epoch, ISR) in the metadata quorum, leaders tracking their followers and
 * the high watermark, followers fetching from leaders with Kafka's Fetch, and the controller on the
 * Raft leader electing new leaders from the ISR when a node dies.
 */
package io.tributary.server.replication;
