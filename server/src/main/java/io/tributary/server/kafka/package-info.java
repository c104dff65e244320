/** Joins the Kafka protocol module to the broker: its context, storage threads, cluster id. */
package io.tributary.server.kafka;
