package io.tributary.kafka.group;

/**
 * A group described for an admin API: {@code ClassicGroupDescription} or
 * {@code ConsumerGroupDescription}.
 */
public interface GroupDescription {
    String groupId();

    String state();
}
