/**
 * Kafka ACLs as a domain: bindings (resource pattern, principal, host, operation, allow/deny), filters,
 * and the authorizer that decides with Kafka's rules, durable in the metadata store. No kafka-clients
 * types here; {@code handler.acl} converts. Thread-safe: decisions read an immutable snapshot.
 */
package io.tributary.kafka.acl;
