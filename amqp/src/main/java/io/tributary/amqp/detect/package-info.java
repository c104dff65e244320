/** Protocol detection on the AMQP port (0-9-1, 1.0, 1.0 SASL). One detector per connection, on its event loop. */
package io.tributary.amqp.detect;
