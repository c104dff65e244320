#!/usr/bin/env python3
"""librdkafka (Debian's python3-confluent-kafka) against Tributary: a transactional producer and a
consumer group. Usage: python3 confluent_client.py BOOTSTRAP   (prints "ALL OK" and exits 0 when
every check passed)."""
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

bootstrap = sys.argv[1]
run = uuid.uuid4().hex[:8]
topic = "py-txn-" + run
group = "py-group-" + run


def check(cond, what):
    if not cond:
        print("FAILED: " + what)
        sys.exit(1)


# 1. A transactional producer commits one transaction and aborts another.
p = Producer({"bootstrap.servers": bootstrap, "transactional.id": "py-" + run, "enable.idempotence": True})
p.init_transactions(30)
p.begin_transaction()
for i in range(10):
    p.produce(topic, key="k%d" % i, value="committed-%d" % i, partition=0)
p.commit_transaction(30)
p.begin_transaction()
for i in range(5):
    p.produce(topic, key="a%d" % i, value="aborted-%d" % i, partition=0)
p.flush(30)
p.abort_transaction(30)
p.begin_transaction()
p.produce(topic, key="last", value="committed-last", partition=0)
p.commit_transaction(30)


def consume(expected, isolation, group_id, commit):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": group_id, "auto.offset.reset": "earliest",
                  "enable.auto.commit": False, "isolation.level": isolation, "session.timeout.ms": 6000})
    c.subscribe([topic])
    got = []
    deadline = time.time() + 60
    while len(got) < expected and time.time() < deadline:
        m = c.poll(0.5)
        if m is None:
            continue
        if m.error():
            raise KafkaException(m.error())
        got.append(m.value().decode())
    if commit:
        c.commit(asynchronous=False)
    c.close()
    return got


# 2. A read_committed group sees exactly the committed records, in order, and commits its offsets.
values = consume(11, "read_committed", group, True)
check(values == ["committed-%d" % i for i in range(10)] + ["committed-last"], "read_committed group got %r" % values)

# 3. The same group resumes after its committed offset: a new record is all it gets.
q = Producer({"bootstrap.servers": bootstrap})
q.produce(topic, value="after-commit", partition=0)
q.flush(30)
values = consume(1, "read_committed", group, True)
check(values == ["after-commit"], "resumed group got %r" % values)

# 4. The committed offset is visible to the client.
c = Consumer({"bootstrap.servers": bootstrap, "group.id": group})
committed = c.committed([TopicPartition(topic, 0)], timeout=30)
c.close()
check(committed[0].offset > 11, "committed offset %r" % committed[0].offset)

# 5. read_uncommitted sees the aborted records too.
values = consume(17, "read_uncommitted", "py-uncommitted-" + run, False)
check(len([v for v in values if v.startswith("aborted-")]) == 5, "read_uncommitted got %r" % values)
print("ALL OK")
