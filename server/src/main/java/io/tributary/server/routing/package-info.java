/**
 * The routing core as the broker composes it: virtual hosts, queue factory and durable definitions
 * in the metadata store. Thread-safe; recovery runs once at start, before listeners open.
 */
package io.tributary.server.routing;
