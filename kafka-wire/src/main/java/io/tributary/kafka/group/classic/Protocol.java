package io.tributary.kafka.group.classic;

/** One protocol a classic member supports (an assignor name) with its metadata (the subscription). */
public record Protocol(String name, byte[] metadata) {
}
