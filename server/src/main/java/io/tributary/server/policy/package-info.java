/**
 * Operator policies (RabbitMQ's {@code /api/policies}): per virtual host, a name, a pattern over
 * queue (and exchange) names, what they apply to, a priority and a definition whose keys become
 * the effective arguments of matching queues. Kept in the metadata store (kind {@code amqp.policy})
 * and applied to each queue when it is made and whenever a policy changes. Thread-safe.
 */
package io.tributary.server.policy;
