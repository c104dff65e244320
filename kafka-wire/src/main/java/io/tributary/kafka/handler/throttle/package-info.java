/** Holding Produce requests while the broker's resource alarm is raised. Event-loop confined. */
package io.tributary.kafka.handler.throttle;
