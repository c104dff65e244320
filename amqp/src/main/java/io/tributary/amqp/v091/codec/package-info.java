/**
 * The AMQP 0-9-1 codec: framing ({@code LengthFieldBasedFrameDecoder} plus frame-end check), frame
 * parsing, methods and field tables as RabbitMQ speaks them, and frame writing. No business logic;
 * handlers run on the connection's event loop.
 */
package io.tributary.amqp.v091.codec;
