/**
 * AMQP 1.0 on the AMQP port, with qpid-proton-j: {@link io.tributary.amqp.v10.Amqp10Pipeline} installs
 * a {@link io.tributary.amqp.v10.proton.ProtonHandler} that drives proton's transport, connection and
 * collector on the connection's event loop. Everything below this package is confined to that loop
 * unless a class says otherwise.
 */
package io.tributary.amqp.v10;
