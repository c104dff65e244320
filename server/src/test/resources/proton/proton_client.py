"""Debian's python3-qpid-proton against Tributary's AMQP 1.0: queues, outcomes, exchange addresses,
request/reply over a dynamic receiver, SASL ANONYMOUS, and error conditions. Prints ALL OK at the end."""
import sys

from proton import Delivery, Message
from proton.utils import BlockingConnection, LinkDetached

port = sys.argv[1]
url = "amqp://127.0.0.1:%s" % port
TIMEOUT = 10


def check(cond, what):
    if not cond:
        print("FAILED: " + what)
        sys.exit(1)
    print("ok: " + what)


conn = BlockingConnection(url, timeout=TIMEOUT, user="guest", password="guest", allowed_mechs="PLAIN")

# send and receive on a plain queue name (declared on first use)
sender = conn.create_sender("py.q")
sender.send(Message(body=u"hello proton", properties={"colour": "red", "n": 3}, durable=True, priority=5,
                    correlation_id="c-1", content_type="text/plain"))
sender.send(Message(body=b"\x00\x01binary"))
receiver = conn.create_receiver("py.q", credit=10)
m = receiver.receive(timeout=TIMEOUT)
check(m.body == u"hello proton" and m.properties["colour"] == "red" and m.properties["n"] == 3,
      "body and application properties")
check(m.durable and m.priority == 5 and m.correlation_id == "c-1" and m.content_type == "text/plain",
      "header and properties")
check(m.annotations.get("x-routing-key") == "py.q", "routing annotations")
receiver.accept()
m = receiver.receive(timeout=TIMEOUT)
check(m.body == b"\x00\x01binary", "binary body")
receiver.accept()

# modified(delivery-failed) redelivers with a delivery count; rejected drops
sender.send(Message(body=u"retry me"))
m = receiver.receive(timeout=TIMEOUT)
check(m.first_acquirer and m.delivery_count == 0, "first delivery")
failed = receiver.fetcher.unsettled[0]
failed.local.failed = True
receiver.settle(Delivery.MODIFIED)
m = receiver.receive(timeout=TIMEOUT)
check(m.body == u"retry me" and not m.first_acquirer and m.delivery_count == 1,
      "modified redelivers with delivery-count 1 (%s, %s)" % (m.first_acquirer, m.delivery_count))
receiver.release(delivered=False)
m = receiver.receive(timeout=TIMEOUT)
check(m.body == u"retry me" and m.delivery_count == 1, "released requeues without counting a failure")
receiver.reject()
sender.send(Message(body=u"after reject"))
m = receiver.receive(timeout=TIMEOUT)
check(m.body == u"after reject", "rejected message is gone")
receiver.accept()
receiver.close()

# an exchange address with a routing key, consumed from a v2 queue address
topic = conn.create_sender("/exchanges/amq.topic/py.key")
topic.send(Message(body=u"via topic"))
from_topic = conn.create_receiver("/queues/py.topic", credit=5)
m = from_topic.receive(timeout=TIMEOUT)
check(m.body == u"via topic" and m.annotations.get("x-exchange") == "amq.topic", "exchange address")
from_topic.accept()
from_topic.close()

# request/reply: a dynamic receiver is the reply address, the responder answers through the anonymous relay
replies = conn.create_receiver(None, dynamic=True, credit=5)
reply_to = replies.link.remote_source.address
check(reply_to is not None and reply_to.startswith("/queues/amq.gen-"), "dynamic node address " + str(reply_to))
requests_in = conn.create_receiver("py.rpc", credit=5)
conn.create_sender("py.rpc").send(Message(body=u"ping", reply_to=reply_to, id="req-1"))
req = requests_in.receive(timeout=TIMEOUT)
requests_in.accept()
relay = conn.create_sender(None)
relay.send(Message(address=req.reply_to, body=u"pong", correlation_id=req.id))
reply = replies.receive(timeout=TIMEOUT)
check(reply.body == u"pong" and reply.correlation_id == "req-1", "rpc via dynamic receiver")
replies.accept()

# errors come back as AMQP 1.0 conditions
try:
    conn.create_receiver("/queues/py.missing")
    check(False, "missing queue refused")
except LinkDetached as e:
    check("amqp:not-found" in str(e), "missing queue is amqp:not-found")
conn.close()

anon = BlockingConnection(url, timeout=TIMEOUT, allowed_mechs="ANONYMOUS")
anon.create_sender("py.q").send(Message(body=u"anonymous"))
r = anon.create_receiver("py.q")
check(r.receive(timeout=TIMEOUT).body == u"anonymous", "SASL ANONYMOUS from loopback")
r.accept()
anon.close()
print("ALL OK")
