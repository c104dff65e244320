package io.tributary.logstore.topic;

import io.tributary.logstore.InvalidTopicException;

/** Kafka's rules for topic names ({@code org.apache.kafka.common.internals.Topic}). */
public final class TopicNames {
    public static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    /** @throws InvalidTopicException when Kafka would refuse the name */
    public static void validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidTopicException("topic name is illegal, it can't be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException("topic name cannot be \".\" or \"..\"");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidTopicException("topic name is illegal, it can't be longer than " + MAX_LENGTH + " characters, topic name: "
                    + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!legal) {
                throw new InvalidTopicException("topic name \"" + name
                        + "\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'");
            }
        }
    }

    /** The name with {@code .} replaced by {@code _}: two names collide (in metric names) when these agree. */
    public static String unifyCollisionChars(String name) {
        return name.replace('.', '_');
    }
}
