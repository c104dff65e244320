package io.tributary.kafka.handler.admin;

import io.tributary.logstore.topic.TopicNames;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidRequestException;

/**
 * The config resources of DescribeConfigs, AlterConfigs and IncrementalAlterConfigs, and Kafka's
 * checks of their names. TOPIC and BROKER resources are served; BROKER_LOGGER, CLIENT_METRICS and
 * GROUP resources are refused with {@code INVALID_REQUEST}.
 */
final class ConfigResources {
    private ConfigResources() {
    }

    static ConfigResource.Type type(byte id) {
        return ConfigResource.Type.forId(id);
    }

    /** The error for a resource type this broker does not serve (unknown, or BROKER_LOGGER, CLIENT_METRICS, GROUP). */
    static InvalidRequestException unsupported(byte typeId) {
        ConfigResource.Type type = type(typeId);
        return new InvalidRequestException(type == ConfigResource.Type.UNKNOWN ? "Unknown resource type " + typeId
                : "Unsupported resource type: " + type);
    }

    /**
     * A TOPIC resource to alter: Kafka refuses the empty name (topic defaults are broker settings
     * here) and names no topic could have.
     */
    static void checkTopicToAlter(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("Default topic resources are not allowed.");
        }
        TopicNames.validate(name);
    }

    /**
     * A BROKER resource to describe: the empty name is the cluster-wide dynamic defaults, else it
     * must be this node's id.
     *
     * @return true for this node, false for the cluster defaults
     */
    static boolean isThisBrokerToDescribe(String name, int nodeId) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        int id;
        try {
            id = Integer.parseInt(name);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Broker id must be an integer, but it is: " + name);
        }
        if (id != nodeId) {
            throw new InvalidRequestException("Unexpected broker id, expected " + nodeId + " or empty string, but received " + name);
        }
        return true;
    }

    /**
     * A change to a BROKER resource. The name must be empty or this node's id, and the change must
     * be empty: no broker setting changes at run time, and Kafka answers a change of a read-only
     * broker config with this {@code INVALID_REQUEST}.
     */
    static void checkBrokerChange(String name, int nodeId, Collection<String> configNames) {
        if (name != null && !name.isEmpty()) {
            int id;
            try {
                id = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("Node id must be an integer, but it is: " + name);
            }
            if (id != nodeId) {
                throw new InvalidRequestException("Unexpected broker id, expected " + nodeId + ", but received " + name);
            }
        }
        if (!configNames.isEmpty()) {
            throw new InvalidRequestException("Cannot update these configs dynamically: " + configNames);
        }
    }

    /**
     * Kafka's first checks of one resource's changes (its {@code ConfigAdminManager.preprocess}): no
     * config named twice, and a value for each that needs one.
     *
     * @param withoutValue the names whose change needs a value but has none
     */
    static void checkChanges(List<String> names, List<String> withoutValue) {
        if (new HashSet<>(names).size() != names.size()) {
            throw new InvalidRequestException("Error due to duplicate config keys");
        }
        if (!withoutValue.isEmpty()) {
            throw new InvalidRequestException("Null value not supported for : " + String.join(", ", withoutValue));
        }
    }
}
