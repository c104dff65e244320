/** AMQP 0-9-1 and AMQP 1.0 on one port, told apart by the protocol header. */
package io.tributary.amqp;
