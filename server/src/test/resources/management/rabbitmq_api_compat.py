"""Drives Tributary's management API exactly as RabbitMQ documents its HTTP API, the way
rabbitmqadmin and operators' scripts do: python3's standard library only (urllib + json).

Usage: python3 rabbitmq_api_compat.py HTTP_PORT   (exits 0 and prints "ALL OK" when every check passed)
"""
import base64
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

BASE = "http://127.0.0.1:%s" % sys.argv[1]
checks = []


def check(name, cond, detail=""):
    if not cond:
        raise AssertionError("%s %s" % (name, detail))
    checks.append(name)


def call(method, path, body=None, user="guest", password="guest", raw=None):
    """One request as rabbitmqadmin makes it: Basic auth (none when user is None), JSON body (or raw
    bytes as given), JSON answer (or none)."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    req = urllib.request.Request(BASE + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if user is not None:
        token = base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
        req.add_header("Authorization", "Basic " + token)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            raw = resp.read()
            return resp.status, (json.loads(raw) if raw else None), resp.headers
    except urllib.error.HTTPError as e:
        raw = e.read()
        return e.code, (json.loads(raw) if raw else None), e.headers


def until(what, fn, timeout=30.0):
    """Polls (management figures are sampled, in RabbitMQ too) until fn() is truthy."""
    deadline = time.time() + timeout
    while True:
        value = fn()
        if value:
            return value
        if time.time() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.2)


V = urllib.parse.quote("/", safe="")  # the default vhost is %2F in paths

# --- overview, whoami, vhosts -------------------------------------------------------------------
status, overview, _ = call("GET", "/api/overview")
check("overview", status == 200 and "object_totals" in overview and "node" in overview, overview)
status, me, _ = call("GET", "/api/whoami")
check("whoami", status == 200 and me["name"] == "guest" and "administrator" in json.dumps(me["tags"]), me)
status, vhosts, _ = call("GET", "/api/vhosts")
check("vhosts list the default", status == 200 and any(v["name"] == "/" for v in vhosts), vhosts)

# --- declare: exchange, queue, binding (rabbitmqadmin declare ...) -------------------------------
status, _, _ = call("PUT", "/api/exchanges/%s/compat.x" % V,
                    {"type": "direct", "durable": True, "auto_delete": False, "internal": False, "arguments": {}})
check("PUT exchange creates (201)", status == 201, status)
status, _, _ = call("PUT", "/api/exchanges/%s/compat.x" % V, {"type": "direct", "durable": True})
check("PUT same exchange again (204)", status == 204, status)
status, err, _ = call("PUT", "/api/exchanges/%s/compat.x" % V, {"type": "fanout", "durable": True})
check("inequivalent redeclare is 400 with error/reason", status == 400 and err["error"] == "bad_request" and err["reason"], err)
status, err, _ = call("PUT", "/api/exchanges/%s/compat.bad" % V, {"type": "no-such-type"})
check("unknown exchange type is 400", status == 400 and "reason" in err, (status, err))
status, _, _ = call("PUT", "/api/queues/%s/compat.q" % V, {"durable": True, "auto_delete": False, "arguments": {"x-max-length": 100}})
check("PUT queue creates (201)", status == 201, status)
status, q, _ = call("GET", "/api/queues/%s/compat.q" % V)
check("GET queue shows its arguments", status == 200 and q["name"] == "compat.q" and q["durable"] is True
      and q["arguments"].get("x-max-length") == 100 and q["vhost"] == "/", q)
status, _, headers = call("POST", "/api/bindings/%s/e/compat.x/q/compat.q" % V, {"routing_key": "rk", "arguments": {}})
check("POST binding (201, Location = properties key)", status == 201 and headers.get("Location") == "rk", (status, dict(headers)))
status, bindings, _ = call("GET", "/api/bindings/%s/e/compat.x/q/compat.q" % V)
check("GET bindings between the two", status == 200 and len(bindings) == 1 and bindings[0]["routing_key"] == "rk"
      and bindings[0]["properties_key"] == "rk" and bindings[0]["destination_type"] == "queue", bindings)
status, qb, _ = call("GET", "/api/queues/%s/compat.q/bindings" % V)
check("queue bindings include the default exchange's", status == 200 and {b["source"] for b in qb} == {"", "compat.x"}, qb)

# --- publish and get (rabbitmqadmin publish / get) ----------------------------------------------
status, routed, _ = call("POST", "/api/exchanges/%s/compat.x/publish" % V,
                         {"properties": {"delivery_mode": 2, "headers": {"h": "v"}}, "routing_key": "rk",
                          "payload": "hello from urllib", "payload_encoding": "string"})
check("publish routed", status == 200 and routed == {"routed": True}, routed)
status, routed, _ = call("POST", "/api/exchanges/%s/compat.x/publish" % V,
                         {"properties": {}, "routing_key": "nowhere", "payload": "x", "payload_encoding": "string"})
check("publish unrouted", status == 200 and routed == {"routed": False}, routed)
until("queue depth 1", lambda: call("GET", "/api/queues/%s/compat.q" % V)[1].get("messages") == 1)
check("queue depth becomes 1", True)
status, got, _ = call("POST", "/api/queues/%s/compat.q/get" % V, {"count": 5, "ackmode": "ack_requeue_false", "encoding": "auto"})
check("get returns the message", status == 200 and len(got) == 1 and got[0]["payload"] == "hello from urllib"
      and got[0]["payload_encoding"] == "string" and got[0]["routing_key"] == "rk" and got[0]["exchange"] == "compat.x"
      and got[0]["redelivered"] is False and got[0]["message_count"] == 0
      and got[0]["properties"].get("headers", {}).get("h") == "v", got)
status, err, _ = call("POST", "/api/queues/%s/compat.q/get" % V, {"count": 1, "ackmode": "sometimes"})
check("get with a bad ackmode is 400", status == 400 and err["error"] == "bad_request", err)
for i in range(3):
    call("POST", "/api/exchanges/%s/compat.x/publish" % V,
         {"properties": {}, "routing_key": "rk", "payload": "m%d" % i, "payload_encoding": "string"})
status, got, _ = call("POST", "/api/queues/%s/compat.q/get" % V, {"count": 1, "ackmode": "ack_requeue_true", "encoding": "auto"})
check("get with requeue leaves it there", status == 200 and got[0]["payload"] == "m0" and got[0]["message_count"] == 2, got)
status, _, _ = call("DELETE", "/api/queues/%s/compat.q/contents" % V)
check("purge (DELETE contents) is 204", status == 204, status)
status, got, _ = call("POST", "/api/queues/%s/compat.q/get" % V, {"count": 1, "ackmode": "ack_requeue_false", "encoding": "auto"})
check("purged queue is empty", status == 200 and got == [], got)

# --- payload encodings, list parameters (rabbitmqadmin list ... uses columns) ---------------------
status, routed, _ = call("POST", "/api/exchanges/%s/compat.x/publish" % V,
                         {"properties": {}, "routing_key": "rk", "payload": base64.b64encode(b"\xff\xfebin").decode(),
                          "payload_encoding": "base64"})
check("publish a base64 payload", status == 200 and routed == {"routed": True}, routed)
status, got, _ = call("POST", "/api/queues/%s/compat.q/get" % V, {"count": 1, "ackmode": "ack_requeue_false", "encoding": "auto"})
check("auto encoding gives base64 for what is not UTF-8", status == 200 and got[0]["payload_encoding"] == "base64"
      and base64.b64decode(got[0]["payload"]) == b"\xff\xfebin" and got[0]["payload_bytes"] == 5, got)
status, cols, _ = call("GET", "/api/queues/%s?columns=name,arguments.x-max-length&name=compat.q" % V)
check("columns keeps only those (dotted: nested) fields", status == 200
      and {"name": "compat.q", "arguments": {"x-max-length": 100}} in cols and all(set(c) <= {"name", "arguments"} for c in cols), cols)
status, page, _ = call("GET", "/api/queues?page=1&page_size=1&name=compat&sort=name")
check("paged list", status == 200 and page["page"] == 1 and page["page_size"] == 1 and len(page["items"]) == 1
      and page["filtered_count"] >= 1, page)

# --- virtual hosts and their own definitions ------------------------------------------------------
VH = urllib.parse.quote("compat-vh", safe="")
status, _, _ = call("PUT", "/api/vhosts/%s" % VH, {"description": "compatibility"})
check("PUT vhost creates (201)", status == 201, status)
status, _, _ = call("PUT", "/api/vhosts/%s" % VH, {"description": "compatibility test"})
check("PUT vhost again (204)", status == 204, status)
call("PUT", "/api/queues/%s/vq" % VH, {"durable": True})
status, vdefs, _ = call("GET", "/api/definitions/%s" % VH)
check("vhost definitions: its queues, no users", status == 200 and "users" not in vdefs
      and [q["name"] for q in vdefs["queues"]] == ["vq"], vdefs)
status, _, _ = call("DELETE", "/api/vhosts/%s" % VH)
check("DELETE vhost (204) takes its queues", status == 204 and call("GET", "/api/queues/%s/vq" % VH)[0] == 404, status)

# --- more error answers -------------------------------------------------------------------------------
status, err, headers = call("GET", "/api/overview", user=None)
check("no credentials is 401 with a Basic challenge", status == 401 and err["error"] == "not_authorized"
      and headers.get("WWW-Authenticate", "").startswith("Basic"), (status, err, dict(headers)))
status, err, _ = call("PUT", "/api/exchanges/%s/compat.typeless" % V, {"durable": True})
check("exchange without type is 400", status == 400 and err["error"] == "bad_request", (status, err))
status, err, _ = call("PUT", "/api/queues/%s/compat.q" % V, {"durable": True, "arguments": {"x-max-length": 5}})
check("inequivalent queue redeclare is 400", status == 400 and err["reason"], (status, err))
status, err, _ = call("PUT", "/api/queues/%s/compat.broken" % V, raw=b"{not json")
check("malformed JSON is 400", status == 400 and err["error"] == "bad_request", (status, err))
status, err, _ = call("GET", "/api/exchanges/no-such-vhost/compat.x")
check("missing vhost is 404", status == 404 and err["error"] == "Object Not Found", (status, err))

# --- users, permissions, and what a user without them gets ---------------------------------------
status, _, _ = call("PUT", "/api/users/compat-bob", {"password": "bobpw", "tags": "management"})
check("PUT user (201)", status == 201, status)
status, _, _ = call("PUT", "/api/permissions/%s/compat-bob" % V, {"configure": "^bob\\.", "write": "^bob\\.", "read": "^bob\\."})
check("PUT permissions (201)", status == 201, status)
status, perms, _ = call("GET", "/api/users/compat-bob/permissions")
check("GET user permissions", status == 200 and perms[0]["configure"] == "^bob\\." and perms[0]["vhost"] == "/", perms)
status, _, _ = call("PUT", "/api/queues/%s/bob.q" % V, {"durable": True}, user="compat-bob", password="bobpw")
check("bob may declare bob.q", status == 201, status)
status, err, _ = call("PUT", "/api/queues/%s/alice.q" % V, {"durable": True}, user="compat-bob", password="bobpw")
check("bob may not declare alice.q (403)", status == 403 and err["error"] == "not_authorised", (status, err))  # sic: RabbitMQ spells 403 so, 401 "not_authorized"
status, err, _ = call("GET", "/api/users", user="compat-bob", password="bobpw")
check("listing users needs administrator (403)", status == 403, (status, err))
status, err, _ = call("GET", "/api/overview", user="compat-bob", password="wrong")
check("wrong password is 401 with error/reason", status == 401 and err["error"] == "not_authorized" and err["reason"], (status, err))
status, err, _ = call("GET", "/api/queues/%s/no-such-queue" % V)
check("missing queue is 404", status == 404 and err == {"error": "Object Not Found", "reason": "Not Found"}, (status, err))

# --- policies -------------------------------------------------------------------------------------
status, _, _ = call("PUT", "/api/policies/%s/compat-limit" % V,
                    {"pattern": "^compat\\.lim", "definition": {"max-length": 2}, "apply-to": "queues", "priority": 1})
check("PUT policy (201)", status == 201, status)
call("PUT", "/api/queues/%s/compat.limited" % V, {"durable": True})
for i in range(5):
    call("POST", "/api/exchanges/%s/amq.default/publish" % V,
         {"properties": {}, "routing_key": "compat.limited", "payload": "p%d" % i, "payload_encoding": "string"})
status, got, _ = call("POST", "/api/queues/%s/compat.limited/get" % V, {"count": 10, "ackmode": "ack_requeue_false", "encoding": "auto"})
check("the policy's max-length keeps the newest 2", status == 200 and [m["payload"] for m in got] == ["p3", "p4"], got)
status, pols, _ = call("GET", "/api/policies/%s" % V)
check("GET policies", status == 200 and any(p["name"] == "compat-limit" and p["apply-to"] == "queues" for p in pols), pols)

# --- definitions export and import (rabbitmqadmin export / import) -------------------------------
status, defs, _ = call("GET", "/api/definitions")
check("export has RabbitMQ's sections", status == 200 and all(k in defs for k in
      ("users", "vhosts", "permissions", "queues", "exchanges", "bindings", "policies")), list(defs))
check("export has the queue and binding", any(q["name"] == "compat.q" for q in defs["queues"])
      and any(b["source"] == "compat.x" and b["destination"] == "compat.q" for b in defs["bindings"]))
call("DELETE", "/api/exchanges/%s/compat.x" % V)
call("DELETE", "/api/queues/%s/compat.q" % V)
status, _, _ = call("GET", "/api/queues/%s/compat.q" % V)
check("deleted queue is gone", status == 404, status)
status, _, _ = call("POST", "/api/definitions", defs)
check("import accepted", status in (201, 204), status)
status, q, _ = call("GET", "/api/queues/%s/compat.q" % V)
check("import recreated the queue", status == 200 and q["arguments"].get("x-max-length") == 100, (status, q))
status, bindings, _ = call("GET", "/api/bindings/%s/e/compat.x/q/compat.q" % V)
check("import recreated the binding", status == 200 and len(bindings) == 1, bindings)

# --- delete (rabbitmqadmin delete ...) -------------------------------------------------------------
status, _, _ = call("DELETE", "/api/bindings/%s/e/compat.x/q/compat.q/rk" % V)
check("DELETE binding by properties key (204)", status == 204, status)
status, _, _ = call("DELETE", "/api/exchanges/%s/compat.x" % V)
check("DELETE exchange (204)", status == 204, status)
status, _, _ = call("DELETE", "/api/users/compat-bob")
check("DELETE user (204)", status == 204, status)

print("\n".join(checks))
print("ALL OK (%d checks)" % len(checks))
