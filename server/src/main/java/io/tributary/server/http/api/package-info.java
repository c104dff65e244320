/**
 * The management HTTP API: RabbitMQ's {@code /api/...} resources (same paths, JSON field names and
 * status codes, so {@code rabbitmqadmin} and scripts written for RabbitMQ work) and, in the same
 * style, the Kafka resources RabbitMQ lacks ({@code /api/topics}, {@code /api/consumer-groups},
 * {@code /api/streams}). One class per resource group registers its routes on the
 * {@link io.tributary.server.http.HttpRouter}; {@link ApiRoutes} wraps each with Basic
 * authentication, the tag it needs and the one mapping of failures to status codes
 * ({@link ApiErrors}). Handlers run on the HTTP worker threads and may wait (bounded) for queue
 * actors, the metadata store and the group coordinator.
 */
package io.tributary.server.http.api;
