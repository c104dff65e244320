/**
 * Typed broker configuration: the {@link io.tributary.config.Setting} registry, the
 * {@link io.tributary.config.ConfigLoader} that resolves defaults, YAML, environment and command
 * line in that order, and the immutable {@link io.tributary.config.BrokerConfig}. Everything here is
 * immutable or thread-safe and does no I/O after loading.
 */
package io.tributary.config;
