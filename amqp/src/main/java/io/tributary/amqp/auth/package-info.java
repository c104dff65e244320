/** Authentication contract used by the AMQP layers, and the SASL mechanisms they accept. Stateless. */
package io.tributary.amqp.auth;
