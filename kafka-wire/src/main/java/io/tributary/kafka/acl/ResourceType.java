package io.tributary.kafka.acl;

/** What an ACL protects. The cluster has one resource, named {@code kafka-cluster}. */
public enum ResourceType {
    TOPIC, GROUP, CLUSTER, TRANSACTIONAL_ID;

    public static final String CLUSTER_NAME = "kafka-cluster";
}
