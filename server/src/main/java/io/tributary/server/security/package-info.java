/**
 * The broker's one user store, shared by every protocol: users with SCRAM-salted password hashes,
 * tags and virtual-host permissions, durable in the metadata store; the login throttle; and the
 * adapters the protocol layers call. Thread-safe: reads are lock-free over an in-memory copy, writes
 * go through the metadata store and complete once durable.
 */
package io.tributary.server.security;
