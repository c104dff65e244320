/** The Kafka wire protocol on Netty, through kafka-clients' generated request and response classes. */
package io.tributary.kafka;
