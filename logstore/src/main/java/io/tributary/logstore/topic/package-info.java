/**
 * The topic registry: which topics exist, with their stable ids, partition counts and config
 * overrides, persisted through the broker's {@link io.tributary.config.metadata.MetadataStore} and
 * turned into partition logs by the {@link io.tributary.logstore.LogManager}. Validates names and
 * configs as Kafka does and reports each config's source for DescribeConfigs.
 *
 * <p>Threading: thread-safe. Changes are decided under the registry's monitor and take effect in
 * memory at once; their futures complete once the metadata is durable and the logs exist (or are
 * gone). Nothing here blocks on I/O; callers on event loops must not block on the futures either.
 */
package io.tributary.logstore.topic;
