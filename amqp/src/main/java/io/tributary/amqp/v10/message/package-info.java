/**
 * AMQP 1.0 messages ⇄ the routing core's {@link io.tributary.exchanges.message.Message}: the
 * {@link io.tributary.amqp.v10.message.Amqp10Format} keeps the sections as received, decodes them on
 * demand, and {@link io.tributary.amqp.v10.message.OutgoingMessages} encodes any message for a 1.0
 * receiver. Codecs are per thread ({@link io.tributary.amqp.v10.message.Codec}); everything else is
 * stateless and callable from any thread.
 */
package io.tributary.amqp.v10.message;
