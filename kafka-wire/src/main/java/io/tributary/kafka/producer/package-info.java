/**
 * Producer ids for idempotent (and later transactional) producers. Thread-safe.
 */
package io.tributary.kafka.producer;
