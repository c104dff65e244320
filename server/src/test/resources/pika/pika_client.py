"""An unmodified pika client against Tributary: every common RabbitMQ pattern, checked.

Usage: python3 pika_client.py PORT   (exits 0 and prints "ALL OK" when every check passed)
"""
import sys
import pika

port = int(sys.argv[1])
params = pika.ConnectionParameters(host="127.0.0.1", port=port,
                                   credentials=pika.PlainCredentials("guest", "guest"), heartbeat=30)
conn = pika.BlockingConnection(params)
ch = conn.channel()
checks = []


def check(name, cond):
    if not cond:
        raise AssertionError(name)
    checks.append(name)


# simple queue + publisher confirms
ch.confirm_delivery()
q = ch.queue_declare(queue="pika-simple").method.queue
for i in range(10):
    ch.basic_publish(exchange="", routing_key=q, body=("m%d" % i).encode(),
                     properties=pika.BasicProperties(content_type="text/plain", headers={"i": i}))
check("declare-ok counts", ch.queue_declare(queue=q, passive=True).method.message_count == 10)
method, props, body = ch.basic_get(q, auto_ack=False)
check("get", body == b"m0" and props.headers["i"] == 0 and props.content_type == "text/plain")
ch.basic_nack(method.delivery_tag, requeue=True)
method, props, body = ch.basic_get(q, auto_ack=False)
check("requeued first and redelivered", body == b"m0" and method.redelivered)
ch.basic_reject(method.delivery_tag, requeue=False)

# work queue with prefetch, consume with acks
ch.basic_qos(prefetch_count=2)
got = []
for method, props, body in ch.consume(q, inactivity_timeout=5):
    if method is None:
        break
    got.append(body)
    ch.basic_ack(method.delivery_tag)
    if len(got) == 9:
        break
ch.cancel()
check("consume all in order", got == [("m%d" % i).encode() for i in range(1, 10)])

# mandatory publish with no route is returned (pika raises UnroutableError with confirms)
try:
    ch.basic_publish(exchange="amq.direct", routing_key="nobody", body=b"x", mandatory=True)
    check("unroutable raised", False)
except pika.exceptions.UnroutableError:
    check("unroutable returned", True)

# publish/subscribe, routing, topics
ch.exchange_declare(exchange="pika-topic", exchange_type="topic")
a = ch.queue_declare(queue="", exclusive=True).method.queue
ch.queue_bind(queue=a, exchange="pika-topic", routing_key="*.critical")
b = ch.queue_declare(queue="", exclusive=True).method.queue
ch.queue_bind(queue=b, exchange="pika-topic", routing_key="kern.#")
for key in ("kern.critical", "app.critical", "kern.info.x"):
    ch.basic_publish(exchange="pika-topic", routing_key=key, body=key.encode())


def drain(queue):
    out = []
    while True:
        m, p, body = ch.basic_get(queue, auto_ack=True)
        if m is None:
            return out
        out.append(body.decode())


check("topic *", drain(a) == ["kern.critical", "app.critical"])
check("topic #", drain(b) == ["kern.critical", "kern.info.x"])

# headers exchange
ch.exchange_declare(exchange="pika-headers", exchange_type="headers")
h = ch.queue_declare(queue="", exclusive=True).method.queue
ch.queue_bind(queue=h, exchange="pika-headers", arguments={"x-match": "any", "k": "v", "n": 1})
ch.basic_publish(exchange="pika-headers", routing_key="", body=b"h1", properties=pika.BasicProperties(headers={"n": 1}))
ch.basic_publish(exchange="pika-headers", routing_key="", body=b"h2", properties=pika.BasicProperties(headers={"k": "w"}))
check("headers any", drain(h) == ["h1"])

# RPC with direct reply-to on a second channel as the server
server = conn.channel()
rpc_q = server.queue_declare(queue="pika-rpc", auto_delete=True).method.queue


def on_request(chan, method, props, body):
    chan.basic_publish(exchange="", routing_key=props.reply_to, body=b"answer:" + body,
                       properties=pika.BasicProperties(correlation_id=props.correlation_id))


server.basic_consume(rpc_q, on_request, auto_ack=True)
replies = []
ch.basic_consume("amq.rabbitmq.reply-to", lambda c, m, p, body: replies.append((p.correlation_id, body)), auto_ack=True)
ch.basic_publish(exchange="", routing_key=rpc_q, body=b"42",
                 properties=pika.BasicProperties(reply_to="amq.rabbitmq.reply-to", correlation_id="c-1"))
for _ in range(50):
    conn.process_data_events(time_limit=0.1)
    if replies:
        break
check("rpc via direct reply-to", replies == [("c-1", b"answer:42")])

# errors close the channel with RabbitMQ's codes; the connection goes on
bad = conn.channel()
try:
    bad.queue_declare(queue="missing", passive=True)
    check("404", False)
except pika.exceptions.ChannelClosedByBroker as e:
    check("404 on passive declare", e.reply_code == 404)
ok = conn.channel()
ok.queue_delete(queue="pika-simple")
check("connection still usable", conn.is_open)

conn.close()
print("ALL OK: " + ", ".join(checks))
