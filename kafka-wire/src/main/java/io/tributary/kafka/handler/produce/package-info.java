/**
 * Produce and InitProducerId. Appends run on the connection's storage executor; responses wait
 * for the appends' durability futures (acks=1 and acks=all mean fsynced, ADR 001).
 */
package io.tributary.kafka.handler.produce;
