/**
 * Virtual-host permissions for AMQP 0-9-1: which permission each method needs on which resource,
 * checked as the connection receives the method. Confined to the connection's event loop.
 */
package io.tributary.amqp.v091.access;
