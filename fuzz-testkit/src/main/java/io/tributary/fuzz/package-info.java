/**
 * What the seeded fuzz tests of kafka-wire and amqp share: {@link io.tributary.fuzz.Mutator} (deterministic
 * mutations of seed inputs) and {@link io.tributary.fuzz.TrackingAllocator} (counts buffers not released).
 */
package io.tributary.fuzz;
