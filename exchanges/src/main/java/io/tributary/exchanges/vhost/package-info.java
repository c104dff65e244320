/**
 * Virtual hosts and their topology. Lookups are lock-free; topology changes are serialized per
 * virtual host and reported in order to a {@link io.tributary.exchanges.TopologyListener}.
 */
package io.tributary.exchanges.vhost;
