/**
 * The contract of the durable metadata store shared by every module; the implementation lives in
 * {@code server} (a local record log today, a Raft state machine in a cluster).
 */
package io.tributary.config.metadata;
