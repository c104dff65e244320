"""Drives Tributary's management API exactly as RabbitMQ documents its HTTP API, the way
rabbitmqadmin and operators' scripts do: python3's standard library only (urllib), Basic auth,
JSON bodies, "%2F" for the default vhost, RabbitMQ's status codes and {"error","reason"} bodies.

Usage: python3 rabbitmq_http_api.py BASE_URL   (exits 0 and prints "ALL OK" when every check passed)
"""
import base64
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

BASE = sys.argv[1].rstrip("/")
checks = []


def q(segment):
    """One path segment, percent-encoded as rabbitmqadmin does (urllib.parse.quote(x, ''))."""
    return urllib.parse.quote(segment, "")


def call(method, path, body=None, user="guest", password="guest", raw=None):
    """One request; returns (status, parsed JSON or None, headers). HTTP errors are answers too."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    req = urllib.request.Request(BASE + path, data=data, method=method)
    if user is not None:
        token = base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
        req.add_header("Authorization", "Basic " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read().decode()
            return resp.status, (json.loads(text) if text else None), resp.headers
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        return e.code, (json.loads(text) if text else None), e.headers


def check(name, cond, detail=None):
    if not cond:
        raise AssertionError("%s: %r" % (name, detail))
    checks.append(name)
    print("ok  " + name)


def expect(name, status, method, path, body=None, **kw):
    got, js, headers = call(method, path, body, **kw)
    check(name, got == status, (got, js))
    return js, headers


def error_body(name, js, error=None):
    check(name + " has {error, reason}", isinstance(js, dict) and "error" in js and "reason" in js, js)
    if error is not None:
        check(name + " error is " + error, js["error"] == error, js)


# overview, as monitoring integrations read it
js, _ = expect("GET /api/overview", 200, "GET", "/api/overview")
check("overview has management_version and object_totals", "management_version" in js and "queues" in js["object_totals"], js)
js, _ = expect("GET /api/whoami", 200, "GET", "/api/whoami")
check("whoami is guest, administrator", js["name"] == "guest" and "administrator" in js["tags"], js)

# a virtual host, an exchange, a queue and a binding, declared as the documentation shows
VH = q("compat")
expect("PUT vhost creates", 201, "PUT", "/api/vhosts/" + VH, {"description": "compatibility"})
expect("PUT vhost again updates", 204, "PUT", "/api/vhosts/" + VH, {"description": "compatibility test"})
expect("PUT exchange creates", 201, "PUT", "/api/exchanges/%s/orders" % VH,
       {"type": "topic", "auto_delete": False, "durable": True, "internal": False, "arguments": {}})
expect("PUT same exchange is 204", 204, "PUT", "/api/exchanges/%s/orders" % VH,
       {"type": "topic", "auto_delete": False, "durable": True, "internal": False, "arguments": {}})
expect("PUT queue creates", 201, "PUT", "/api/queues/%s/orders.eu" % VH,
       {"auto_delete": False, "durable": True, "arguments": {"x-max-length": 100}})
_, headers = expect("POST binding", 201, "POST", "/api/bindings/%s/e/orders/q/orders.eu" % VH,
                    {"routing_key": "eu.#", "arguments": {}})
check("binding Location is its properties_key", urllib.parse.unquote(headers.get("Location", "")).endswith("eu.#"), headers.get("Location"))
js, _ = expect("GET bindings between", 200, "GET", "/api/bindings/%s/e/orders/q/orders.eu" % VH)
check("one binding with properties_key", len(js) == 1 and js[0]["properties_key"] == "eu.#" and js[0]["destination_type"] == "queue", js)
js, _ = expect("GET exchange", 200, "GET", "/api/exchanges/%s/orders" % VH)
check("exchange fields", js["type"] == "topic" and js["durable"] is True and js["vhost"] == "compat", js)
js, _ = expect("GET queues with columns", 200, "GET", "/api/queues/%s?columns=name,arguments.x-max-length" % VH)
check("columns keeps only those fields", js == [{"name": "orders.eu", "arguments": {"x-max-length": 100}}], js)
js, _ = expect("GET queues sorted, paged", 200, "GET", "/api/queues?page=1&page_size=10&name=orders&sort=name")
check("paged answer", js["page"] == 1 and js["items"][0]["name"] == "orders.eu" and js["total_count"] >= 1, js)

# publish and get, as rabbitmqadmin publish / get do
publish = "/api/exchanges/%s/orders/publish" % VH
js, _ = expect("publish string payload", 200, "POST", publish,
               {"properties": {"delivery_mode": 2, "content_type": "text/plain", "headers": {"region": "eu"}},
                "routing_key": "eu.de", "payload": "hallo", "payload_encoding": "string"})
check("routed", js == {"routed": True}, js)
js, _ = expect("publish base64 payload", 200, "POST", publish,
               {"properties": {}, "routing_key": "eu.fr", "payload": base64.b64encode(b"\xff\xfebonjour").decode(),
                "payload_encoding": "base64"})
check("routed base64", js["routed"] is True, js)
js, _ = expect("publish unroutable", 200, "POST", publish,
               {"properties": {}, "routing_key": "us.ny", "payload": "x", "payload_encoding": "string"})
check("not routed", js["routed"] is False, js)
deadline = time.time() + 10
while True:
    _, js, _ = call("GET", "/api/queues/%s/orders.eu" % VH)
    if js["messages"] == 2 or time.time() > deadline:
        break
    time.sleep(0.1)
check("queue holds 2", js["messages"] == 2 and js["messages_ready"] == 2, js)
js, _ = expect("get messages", 200, "POST", "/api/queues/%s/orders.eu/get" % VH,
               {"count": 5, "ackmode": "ack_requeue_false", "encoding": "auto", "truncate": 50000})
check("got 2 in order", [m["routing_key"] for m in js] == ["eu.de", "eu.fr"], js)
check("string payload", js[0]["payload"] == "hallo" and js[0]["payload_encoding"] == "string" and js[0]["payload_bytes"] == 5, js[0])
check("properties kept", js[0]["properties"]["headers"] == {"region": "eu"} and js[0]["properties"]["delivery_mode"] == 2, js[0])
check("message_count counts down", js[0]["message_count"] == 1 and js[1]["message_count"] == 0, js)
check("payload that is not UTF-8 comes back base64", js[1]["payload_encoding"] == "base64"
      and base64.b64decode(js[1]["payload"]) == b"\xff\xfebonjour", js[1])
js, _ = expect("get from an empty queue", 200, "POST", "/api/queues/%s/orders.eu/get" % VH,
               {"count": 1, "ackmode": "ack_requeue_true", "encoding": "auto"})
check("nothing left", js == [], js)

# users and permissions
expect("PUT user", 201, "PUT", "/api/users/compat-user", {"password": "pw", "tags": "management"})
expect("PUT permissions", 201, "PUT", "/api/permissions/%s/compat-user" % VH, {"configure": "^$", "write": ".*", "read": ".*"})
js, _ = expect("user sees its vhost", 200, "GET", "/api/queues/" + VH, user="compat-user", password="pw")
check("user lists the queue", [x["name"] for x in js] == ["orders.eu"], js)

# errors: 400, 401, 403, 404 with {"error", "reason"}
js, headers = expect("no credentials is 401", 401, "GET", "/api/overview", user=None)
error_body("401", js, "not_authorized")
check("401 challenges Basic", headers.get("WWW-Authenticate", "").startswith("Basic"), dict(headers))
js, _ = expect("wrong password is 401", 401, "GET", "/api/overview", password="nope")
error_body("401 wrong password", js)
js, _ = expect("configure refused is 403", 403, "PUT", "/api/queues/%s/mine" % VH, {}, user="compat-user", password="pw")
error_body("403", js, "not_authorised")
js, _ = expect("users need administrator: 403", 403, "GET", "/api/users", user="compat-user", password="pw")
error_body("403 tag", js)
js, _ = expect("missing queue is 404", 404, "GET", "/api/queues/%s/nope" % VH)
error_body("404", js, "Object Not Found")
js, _ = expect("missing vhost is 404", 404, "GET", "/api/exchanges/%s/orders" % q("no-such-vhost"))
error_body("404 vhost", js)
js, _ = expect("exchange without type is 400", 400, "PUT", "/api/exchanges/%s/typeless" % VH, {"durable": True})
error_body("400 missing key", js, "bad_request")
js, _ = expect("inequivalent queue is 400", 400, "PUT", "/api/queues/%s/orders.eu" % VH,
               {"auto_delete": False, "durable": True, "arguments": {"x-max-length": 5}})
error_body("400 inequivalent", js)
got, js, _ = call("PUT", "/api/queues/%s/broken" % VH, raw=b"{not json")
check("malformed JSON is 400", got == 400, (got, js))
error_body("400 JSON", js, "bad_request")
js, _ = expect("bad ackmode is 400", 400, "POST", "/api/queues/%s/orders.eu/get" % VH,
               {"count": 1, "ackmode": "maybe", "encoding": "auto"})
error_body("400 ackmode", js)

# definitions: export, delete, import back (rabbitmqadmin export / import)
defs, _ = expect("GET definitions", 200, "GET", "/api/definitions")
check("definitions have RabbitMQ's keys", all(k in defs for k in
      ["rabbit_version", "users", "vhosts", "permissions", "queues", "exchanges", "bindings", "policies"]), list(defs))
check("definitions name our objects", any(x["name"] == "orders.eu" and x["vhost"] == "compat" for x in defs["queues"])
      and any(b["source"] == "orders" and b["routing_key"] == "eu.#" for b in defs["bindings"]), defs)
vhost_defs, _ = expect("GET vhost definitions", 200, "GET", "/api/definitions/" + VH)
check("vhost definitions leave out users", "users" not in vhost_defs and vhost_defs["queues"][0]["name"] == "orders.eu", vhost_defs)
expect("DELETE vhost", 204, "DELETE", "/api/vhosts/" + VH)
expect("queue gone with it", 404, "GET", "/api/queues/%s/orders.eu" % VH)
expect("POST definitions imports", 204, "POST", "/api/definitions", defs)
js, _ = expect("queue back", 200, "GET", "/api/queues/%s/orders.eu" % VH)
check("queue arguments back", js["arguments"] == {"x-max-length": 100}, js)
js, _ = expect("binding back", 200, "GET", "/api/bindings/%s/e/orders/q/orders.eu" % VH)
check("one binding back", len(js) == 1, js)

# redeclare rules, requeueing get, purge and a policy, in the default vhost ("%2F")
D = q("/")
expect("PUT exchange in %2F", 201, "PUT", "/api/exchanges/%s/compat.x" % D, {"type": "direct", "durable": True})
js, _ = expect("inequivalent redeclare is 400", 400, "PUT", "/api/exchanges/%s/compat.x" % D, {"type": "fanout", "durable": True})
error_body("inequivalent redeclare", js, "bad_request")
js, _ = expect("unknown exchange type is 400", 400, "PUT", "/api/exchanges/%s/compat.bad" % D, {"type": "no-such-type"})
error_body("unknown exchange type", js)
expect("PUT queue in %2F", 201, "PUT", "/api/queues/%s/compat.q" % D, {"durable": True})
expect("bind in %2F", 201, "POST", "/api/bindings/%s/e/compat.x/q/compat.q" % D, {"routing_key": "rk"})
for i in range(3):
    expect("publish m%d" % i, 200, "POST", "/api/exchanges/%s/compat.x/publish" % D,
           {"properties": {}, "routing_key": "rk", "payload": "m%d" % i, "payload_encoding": "string"})
js, _ = expect("get with a bad ackmode is 400", 400, "POST", "/api/queues/%s/compat.q/get" % D, {"count": 1, "ackmode": "sometimes"})
error_body("bad ackmode", js, "bad_request")
js, _ = expect("get with requeue", 200, "POST", "/api/queues/%s/compat.q/get" % D,
               {"count": 1, "ackmode": "ack_requeue_true", "encoding": "auto"})
check("requeued get leaves the message", js[0]["payload"] == "m0" and js[0]["message_count"] == 2, js)
expect("purge with DELETE contents", 204, "DELETE", "/api/queues/%s/compat.q/contents" % D)
js, _ = expect("get after purge", 200, "POST", "/api/queues/%s/compat.q/get" % D, {"count": 5, "ackmode": "ack_requeue_false", "encoding": "auto"})
check("purged queue is empty", js == [], js)
expect("PUT policy", 201, "PUT", "/api/policies/%s/compat-limit" % D,
       {"pattern": "^compat\\.lim", "definition": {"max-length": 2}, "apply-to": "queues", "priority": 1})
expect("PUT queue the policy matches", 201, "PUT", "/api/queues/%s/compat.limited" % D, {"durable": True})
for i in range(5):
    expect("publish p%d to the default exchange" % i, 200, "POST", "/api/exchanges/%s/amq.default/publish" % D,
           {"properties": {}, "routing_key": "compat.limited", "payload": "p%d" % i, "payload_encoding": "string"})
js, _ = expect("get the limited queue", 200, "POST", "/api/queues/%s/compat.limited/get" % D,
               {"count": 10, "ackmode": "ack_requeue_false", "encoding": "auto"})
check("the policy's max-length keeps the newest 2", [m["payload"] for m in js] == ["p3", "p4"], js)
for path in ("/api/policies/%s/compat-limit", "/api/queues/%s/compat.limited", "/api/queues/%s/compat.q", "/api/exchanges/%s/compat.x"):
    expect("DELETE " + path % D, 204, "DELETE", path % D)

# delete what was made, as a cleanup script would
expect("DELETE binding by properties_key", 204, "DELETE", "/api/bindings/%s/e/orders/q/orders.eu/%s" % (VH, q("eu.#")))
expect("DELETE queue", 204, "DELETE", "/api/queues/%s/orders.eu?if-empty=true" % VH)
expect("DELETE exchange", 204, "DELETE", "/api/exchanges/%s/orders?if-unused=true" % VH)
expect("DELETE user", 204, "DELETE", "/api/users/compat-user")
expect("DELETE vhost", 204, "DELETE", "/api/vhosts/" + VH)

print("ALL OK (%d checks)" % len(checks))
