/**
 * Kafka ACL APIs (CreateAcls, DescribeAcls, DeleteAcls) over the {@code acl} domain, and the
 * enforcement of ACLs on the other APIs: each served handler is wrapped with its check, which filters
 * the resources the principal may not touch out of the request and answers them with Kafka's
 * {@code *_AUTHORIZATION_FAILED} codes. Event-loop confined like the handlers they wrap.
 */
package io.tributary.kafka.handler.acl;
