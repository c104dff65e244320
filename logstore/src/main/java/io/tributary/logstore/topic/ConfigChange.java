package io.tributary.logstore.topic;

/**
 * One IncrementalAlterConfigs operation on a topic config.
 *
 * @param value the value for SET, the items for APPEND and SUBTRACT (list configs only), ignored for DELETE
 */
public record ConfigChange(String name, Op op, String value) {
    /** Kafka's {@code AlterConfigOp.OpType}. */
    public enum Op {
        /** Override with {@code value}. */
        SET,
        /** Drop the override: back to the broker default. */
        DELETE,
        /** Add items to a list config. */
        APPEND,
        /** Remove items from a list config. */
        SUBTRACT
    }

    public static ConfigChange set(String name, String value) {
        return new ConfigChange(name, Op.SET, value);
    }

    public static ConfigChange delete(String name) {
        return new ConfigChange(name, Op.DELETE, null);
    }
}
