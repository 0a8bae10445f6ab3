#!/usr/bin/python3
"""Malformed input through every host: the CLI, the HTTP server and the Python module.

usage: hostile_test.py --cli PATH --server PATH --source-dir DIR

Three databases get the same tickets (through the Python module): an open OneOffice ticket
with work, a fee and a reversed fee, a closed one, and a Solutionbar ticket waiting for the
JourFixe. Then every case of CASES — one operation of the desk with one bad value — goes through
each host (CLI arguments, an HTTP request, a Python call), and HOST_CASES adds what only one host
can be given (a request body that is no JSON, an argument that is no number, a naive datetime).
Each case asserts:
  - the error code (the CLI's "tierdesk VERB: CODE: …" on exit 2, or exit 1 for a bad command
    line; the HTTP status and {"error":{"code"}}; the Python exception's .code),
  - that the message names the field at fault (and the value, where one is given),
  - that the database is byte-for-byte the same afterwards (every row of every table).
The Python module is imported from PYTHONPATH (the build's bindings/python).
"""
import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

import tierdesk

CPH = timezone(timedelta(hours=1))  # November in Copenhagen and Bavaria: CET
AT = "2026-11-20T10:00:00+01:00"
OO = "OO-2026-000001"  # open, nordlys (OneOffice): work (entry 2), a fee (3), reversed (4)
CLOSED = "OO-2026-000002"
SB = "SB-2026-000001"  # mueller (Solutionbar), queued for the JourFixe, external id "sb-ext-1"
LONG_LINE = "x" * 4097
LONG_NAME = "n" * 257
HUGE = "9223372036854775807"


def seed(db, contracts):
    """The same tickets in every database, through the library."""
    store = tierdesk.Store(db)
    desk = tierdesk.ServiceDesk(store, tierdesk.ContractBook(contracts))
    t0 = datetime(2026, 11, 16, 9, 0, tzinfo=CPH)
    desk.open_ticket(customer="nordlys", subject="VPN down", at=t0, actor="anna")
    desk.log_work(OO, minutes=30, at=t0 + timedelta(minutes=10), logged_at=t0 + timedelta(hours=1),
                  actor="anna")
    fee = desk.charge_fee(OO, "on_call_non_critical", at=t0 + timedelta(hours=2), actor="anna")
    desk.reverse_entry(OO, fee.entry, "charged twice", at=t0 + timedelta(hours=3), actor="anna")
    desk.open_ticket(customer="nordlys", subject="Printer", at=t0, actor="anna")
    desk.status(CLOSED, "resolved", at=t0 + timedelta(hours=1), actor="anna")
    desk.status(CLOSED, "closed", at=t0 + timedelta(hours=2), actor="anna")
    desk.open_ticket(customer="mueller", subject="Backup question", external_id="sb-ext-1",
                     at=t0, actor="petra")
    del desk, store


def snapshot(db):
    """Every row of every table, in a fixed order."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        con.close()


# One operation with one bad value: (op, arguments, expected code, words the message must
# contain[, {host: code} where a host parses the value itself]). Codes: the library's error
# codes; "usage" is the CLI's bad command line (exit 1), "payload_too_large" and friends HTTP's.
def ticket_ref_cases():
    cases = []
    ops = [("show", {}), ("history", {}), ("reply", {"kind": "public", "body": "hi"}),
           ("status", {"status": "open"}), ("priority", {"priority": "high"}),
           ("category", {"category": "security"}), ("assign", {"assignee": "bo"}),
           ("escalate", {"tier": 2, "reason": "network"}), ("emergency", {"reason": "moved"}),
           ("jourfixe_done", {"outcome": "resolved"}),
           ("work", {"minutes": 30, "start": "2026-11-20T09:00:00+01:00"}),
           ("fee", {"code": "on_call_non_critical"}), ("reverse", {"entry": 2, "reason": "x"})]
    for op, args in ops:
        cases.append((op, {**args, "ticket": "OO-2026-999999"}, "not_found", ["OO-2026-999999"]))
        cases.append((op, {**args, "ticket": "ZZ-2026-000001"}, "not_found", ["ZZ-2026-000001"]))
        cases.append((op, {**args, "ticket": "garbage"}, "invalid_argument",
                      ["reference", "garbage"], {"cli": "usage"}))
    return cases


CASES = ticket_ref_cases() + [
    # opening
    ("open", {"customer": "nobody", "subject": "s"}, "not_found", ["customer", "nobody"]),
    ("open", {"customer": "", "subject": "s"}, "missing_field", ["customer"]),
    ("open", {"customer": "nordlys", "subject": "s", "contract": "nope"}, "not_found",
     ["contract", "nope"]),
    ("open", {"customer": "nordlys", "subject": "s", "contract": "solutionbar"},
     "invalid_argument", ["contract", "solutionbar"]),
    ("open", {"customer": "nordlys", "subject": "s", "category": "nope"}, "invalid_argument",
     ["category", "nope"]),
    ("open", {"customer": "nordlys", "subject": "s", "priority": "urgent!"}, "invalid_argument",
     ["priority", "urgent!"]),
    ("open", {"customer": "nordlys", "subject": "s", "channel": "fax"}, "invalid_argument",
     ["channel", "fax"], {"cli": "usage"}),
    ("open", {"customer": "nordlys", "subject": "s", "tier": 0}, "invalid_argument", ["tier", "0"]),
    ("open", {"customer": "nordlys", "subject": "s", "tier": 4}, "invalid_argument", ["tier", "4"]),
    ("open", {"customer": "nordlys", "subject": "s", "tier": -1}, "invalid_argument", ["tier", "-1"]),
    ("open", {"customer": "nordlys", "subject": ""}, "missing_field", ["subject"]),
    ("open", {"customer": "nordlys", "subject": LONG_LINE}, "out_of_range", ["subject", "4096"]),
    ("open", {"customer": "nordlys", "subject": "s", "assignee": LONG_NAME}, "out_of_range",
     ["assignee", "256"]),
    ("open", {"customer": "nordlys", "subject": "s", "external_id": LONG_NAME}, "out_of_range",
     ["external_id", "256"]),
    ("open", {"customer": "nordlys", "subject": "s", "external_id": "sb-ext-1"}, "conflict",
     ["external_id"]),
    ("open", {"customer": "nordlys", "subject": "s", "body": "b" * 262145}, "out_of_range",
     ["body", "262144"], {"http": "payload_too_large", "cli": None}),
    # replies and notes
    ("reply", {"ticket": OO, "kind": "shout", "body": "hi"}, "invalid_argument", ["kind", "shout"],
     {"cli": ("usage", ["--shout"])}),
    ("reply", {"ticket": OO, "kind": "public", "body": ""}, "invalid_argument", ["body"]),
    ("reply", {"ticket": OO, "kind": "internal", "body": "b" * 262145}, "out_of_range",
     ["body", "262144"], {"http": "payload_too_large", "cli": None}),
    ("reply", {"ticket": CLOSED, "kind": "public", "body": "hi"}, "invalid_transition",
     [CLOSED, "closed"]),
    # status, priority, category, assignment
    ("status", {"ticket": OO, "status": "pending_customer"}, "invalid_argument",
     ["status", "pending_customer"], {"cli": "usage"}),
    ("status", {"ticket": OO, "status": ""}, "invalid_argument", ["status"], {"cli": "usage"}),
    ("status", {"ticket": OO, "status": "deleted"}, "invalid_argument", ["status", "deleted"],
     {"cli": "usage"}),
    ("status", {"ticket": CLOSED, "status": "open"}, "invalid_transition", [CLOSED]),
    ("priority", {"ticket": OO, "priority": "urgent"}, "invalid_argument", ["priority", "urgent"]),
    ("priority", {"ticket": OO, "priority": ""}, "invalid_argument", ["priority"]),
    ("priority", {"ticket": OO, "priority": LONG_NAME}, "invalid_argument", ["priority"]),
    ("category", {"ticket": OO, "category": "nope"}, "invalid_argument", ["category", "nope"]),
    ("category", {"ticket": OO, "category": ""}, "invalid_argument", ["category"]),
    ("assign", {"ticket": OO, "assignee": LONG_NAME}, "out_of_range", ["assignee", "256"]),
    # escalation, emergencies, the JourFixe
    ("escalate", {"ticket": OO, "tier": 0, "reason": "r"}, "invalid_argument", ["tier", "0"]),
    ("escalate", {"ticket": OO, "tier": 4, "reason": "r"}, "invalid_argument", ["tier", "4"]),
    ("escalate", {"ticket": OO, "tier": -1, "reason": "r"}, "invalid_argument", ["tier", "-1"]),
    ("escalate", {"ticket": OO, "tier": 1, "reason": "r"}, "invalid_argument", ["tier", OO]),
    ("escalate", {"ticket": OO, "tier": 2, "reason": ""}, "invalid_argument", ["reason"]),
    ("escalate", {"ticket": OO, "tier": 2, "reason": LONG_LINE}, "out_of_range",
     ["reason", "4096"]),
    ("emergency", {"ticket": SB, "reason": LONG_LINE}, "out_of_range", ["reason", "4096"]),
    ("emergency", {"ticket": OO, "reason": "moved"}, "invalid_argument",
     ["oneoffice", "emergency surcharge"]),
    ("jourfixe_done", {"ticket": SB, "outcome": "maybe"}, "invalid_argument", ["outcome", "maybe"],
     {"cli": "usage"}),
    ("jourfixe_done", {"ticket": OO, "outcome": "resolved"}, "invalid_transition",
     [OO, "JourFixe"]),
    ("jourfixe_done", {"ticket": SB, "outcome": "resolved", "note": LONG_LINE}, "out_of_range",
     ["note", "4096"]),
    # work
    ("work", {"ticket": OO, "minutes": 0}, "invalid_argument", ["minutes", "0"], {"cli": "usage"}),
    ("work", {"ticket": OO, "minutes": -5}, "invalid_argument", ["minutes", "-5"],
     {"cli": "usage"}),
    ("work", {"ticket": OO, "minutes": 1441}, "invalid_argument", ["minutes", "1441"],
     {"cli": "usage"}),
    ("work", {"ticket": OO, "minutes": 4611686018427387964}, "invalid_argument",
     ["minutes", "4611686018427387964"], {"cli": "usage"}),
    ("work", {"ticket": OO, "minutes": 30, "kind": "teleport"}, "invalid_argument",
     ["kind", "teleport"], {"cli": "usage"}),
    ("work", {"ticket": OO, "minutes": 30, "role": "boss"}, "invalid_argument", ["role", "boss"],
     {"cli": "usage"}),
    ("work", {"ticket": OO, "minutes": 30, "start": "2026-11-01T09:00:00+01:00"},
     "invalid_argument", ["2026-11-01"]),
    ("work", {"ticket": OO, "minutes": 30, "note": LONG_LINE}, "out_of_range", ["note", "4096"]),
    ("work", {"ticket": OO, "minutes": 30, "agent": LONG_NAME}, "out_of_range", ["agent", "256"]),
    # fees and corrections
    ("fee", {"ticket": OO, "code": "nope"}, "invalid_argument", ["nope"]),
    ("fee", {"ticket": SB, "code": "on_call_non_critical"}, "invalid_argument",
     ["on_call_non_critical"]),
    ("reverse", {"ticket": OO, "entry": 999, "reason": "r"}, "not_found", ["999"]),
    ("reverse", {"ticket": OO, "entry": 1, "reason": "r"}, "not_found", ["entry", "1"]),
    ("reverse", {"ticket": OO, "entry": 0, "reason": "r"}, "not_found", ["entry", "0"]),
    ("reverse", {"ticket": OO, "entry": -3, "reason": "r"}, "not_found", ["entry", "-3"],
     {"cli": ("usage", ["-3"])}),
    ("reverse", {"ticket": OO, "entry": 3, "reason": "again"}, "conflict", ["3"]),
    ("reverse", {"ticket": OO, "entry": 2, "reason": ""}, "missing_field", ["reason"]),
    # inbound messages
    ("receive", {"from": "", "subject": "s", "message_id": "<m1@x.example>"}, "not_found",
     ["from"]),
    ("receive", {"from": "who@unknown.example", "subject": "s", "message_id": "<m2@x.example>"},
     "not_found", ["who@unknown.example"]),
    ("receive", {"from": "it@nordlys.example", "subject": LONG_LINE,
                 "message_id": "<m3@x.example>"}, "out_of_range", ["subject", "4096"]),
    ("receive", {"from": "it@nordlys.example", "subject": f"Re: [{SB}] backup",
                 "message_id": "<m5@x.example>", "customer": "nobody"}, "not_found", ["nobody"]),
    # lists
    ("list", {"limit": 0}, "invalid_argument", ["limit", "0"], {"cli": "usage"}),
    ("list", {"limit": -1}, "invalid_argument", ["limit", "-1"], {"cli": "usage"}),
    ("list", {"limit": 100001}, "invalid_argument", ["limit", "100001"], {"cli": "usage"}),
    ("list", {"limit": HUGE}, "invalid_argument", ["limit", HUGE], {"cli": "usage"}),
    ("list", {"tier": 0}, "invalid_argument", ["tier", "0"]),
    ("list", {"tier": 4}, "invalid_argument", ["tier", "4"]),
    ("list", {"status": "nope"}, "invalid_argument", ["status", "nope"], {"cli": "usage"}),
    ("list", {"customer": "nobody"}, "not_found", ["nobody"]),
    ("list", {"contract": "nope"}, "not_found", ["nope"]),
    # the customer's month
    ("statement", {"customer": "nobody", "month": "2026-11"}, "not_found", ["nobody"]),
    ("statement", {"customer": "nordlys", "month": "2026-13"}, "invalid_argument",
     ["month", "2026-13"], {"cli": "usage"}),
    ("statement", {"customer": "nordlys", "month": "2026-1"}, "invalid_argument",
     ["month", "2026-1"], {"cli": "usage"}),
    ("statement", {"customer": "nordlys", "month": "26-11"}, "invalid_argument",
     ["month", "26-11"], {"cli": "usage"}),
    ("statement", {"customer": "nordlys", "month": "2026-11-01"}, "invalid_argument",
     ["month", "2026-11-01"], {"cli": "usage"}),
    ("status_mail", {"customer": "nobody", "period": "2026-11"}, "not_found", ["nobody"]),
    ("status_mail", {"customer": "nordlys", "period": "2026-00"}, "invalid_argument",
     ["2026-00"], {"cli": "usage"}),
    ("status_mail", {"customer": "nordlys", "period": "november"}, "invalid_argument",
     ["november"], {"cli": "usage"}),
    ("ticket_report", {"customer": "nordlys", "period": "2026-Q5"}, "invalid_argument",
     ["2026-Q5"], {"cli": "usage"}),
    ("ticket_report", {"customer": "nobody", "period": "2026-Q4"}, "not_found", ["nobody"]),
]


def opt(args, key, flag=None):
    return [flag or f"--{key.replace('_', '-')}", str(args[key])] if key in args else []


class Cli:
    name = "cli"

    def __init__(self, cli, db, contracts):
        self.cli, self.db, self.contracts = cli, db, contracts

    def run(self, argv):
        done = subprocess.run([self.cli, *argv, "--db", self.db, "--contracts", self.contracts],
                              capture_output=True, text=True)
        first = done.stderr.splitlines()[0] if done.stderr else ""
        if done.returncode == 0:
            return None
        if done.returncode == 1:
            return "usage", first
        # "tierdesk VERB: CODE: message"
        parts = first.split(": ", 2)
        return (parts[1], parts[2]) if len(parts) == 3 else ("?", first)

    def argv(self, op, a):
        t = a.get("ticket")
        at = ["--at", AT]
        if op == "open":
            return ["ticket", "open", "--customer", a["customer"], "--subject", a["subject"],
                    *opt(a, "contract"), *opt(a, "category"), *opt(a, "priority"),
                    *opt(a, "channel"), *opt(a, "tier"), *opt(a, "assignee"),
                    *opt(a, "external_id"), *opt(a, "body"), *at]
        if op == "show":
            return ["ticket", "show", t]
        if op == "history":
            return ["history", t]
        if op == "reply":
            return ["ticket", "reply", t, f"--{a['kind']}", "--body", a["body"], *at]
        if op in ("status", "priority", "category"):
            return ["ticket", op, t, a[op], *at]
        if op == "assign":
            return ["ticket", "assign", t, a["assignee"], *at]
        if op == "escalate":
            return ["ticket", "escalate", t, "--tier", str(a["tier"]), "--reason", a["reason"], *at]
        if op == "emergency":
            return ["ticket", "emergency", t, "--reason", a["reason"], *at]
        if op == "jourfixe_done":
            return ["jourfixe", "done", t, "--outcome", a["outcome"], *opt(a, "note"), *at]
        if op == "work":
            return ["work", "log", t, "--minutes", str(a["minutes"]),
                    "--at", a.get("start", "2026-11-20T09:00:00+01:00"), "--logged-at", AT,
                    *opt(a, "kind"), *opt(a, "role"), *opt(a, "note"), *opt(a, "agent")]
        if op == "fee":
            return ["fee", "charge", t, a["code"], *at]
        if op == "reverse":
            return ["work", "reverse", t, str(a["entry"]), "--reason", a["reason"], *at]
        if op == "receive":
            return ["receive", "--from", a["from"], "--subject", a["subject"],
                    "--message-id", a["message_id"], *opt(a, "customer"), *at]
        if op == "list":
            return ["ticket", "list", *opt(a, "limit"), *opt(a, "tier"), *opt(a, "status"),
                    *opt(a, "customer"), *opt(a, "contract")]
        if op == "statement":
            return ["statement", "--customer", a["customer"], "--month", a["month"]]
        if op == "status_mail":
            return ["report", "status-mail", "--customer", a["customer"], "--period",
                    a["period"], *at]
        if op == "ticket_report":
            return ["report", "tickets", "--customer", a["customer"], "--period", a["period"],
                    *at]
        raise AssertionError(f"unknown op {op}")

    def call(self, op, a):
        return self.run(self.argv(op, a))


class Http:
    name = "http"

    def __init__(self, cli, server, db, contracts):
        self.tokens = {}
        for name, role, customer in [("bo", "agent", None), ("portal", "customer", "mueller")]:
            argv = [cli, "token", "create", "--db", db, "--role", role, "--name", name, "--json",
                    "--contracts", contracts]
            if customer:
                argv += ["--customer", customer]
            out = subprocess.run(argv, check=True, capture_output=True, text=True)
            self.tokens[name] = json.loads(out.stdout)["token"]
        self.proc = subprocess.Popen(
            [server, "--db", db, "--listen", "127.0.0.1:0", "--threads", "2", "--contracts",
             contracts, "--replay"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = self.proc.stdout.readline().strip()
        if not first.startswith("listening on "):
            raise AssertionError(f"server did not start: {first!r} {self.proc.stderr.read()}")
        self.base = "http://" + first.removeprefix("listening on ")

    def close(self):
        self.proc.terminate()
        self.proc.communicate(timeout=60)

    def raw(self, method, path, data=None, headers=None, token="bo"):
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if token:
            req.add_header("Authorization", "Bearer " + self.tokens.get(token, token))
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=60) as res:
                return res.status, res.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def request(self, method, path, body=None, token="bo"):
        data = json.dumps(body).encode() if body is not None else None
        headers = {"X-Tierdesk-At": AT} if token == "bo" else {}
        if data is not None:
            headers["Content-Type"] = "application/json"
        status, text = self.raw(method, path, data, headers, token)
        if status < 400:
            return None
        error = json.loads(text)["error"]
        return error["code"], error["message"]

    def call(self, op, a, token="bo"):
        t = a.get("ticket")
        q = "&".join(f"{k}={v}" for k, v in a.items() if k != "ticket")
        if op == "open":
            return self.request("POST", "/tickets", a, token)
        if op == "show":
            return self.request("GET", f"/tickets/{t}", None, token)
        if op == "history":
            return self.request("GET", f"/tickets/{t}/history", None, token)
        if op == "reply":
            return self.request("POST", f"/tickets/{t}/reply",
                                {"kind": a["kind"], "body": a["body"]}, token)
        if op in ("status", "priority", "category", "assign", "escalate", "emergency"):
            body = {k: v for k, v in a.items() if k != "ticket"}
            return self.request("POST", f"/tickets/{t}/{op}", body, token)
        if op == "jourfixe_done":
            return self.request("POST", f"/tickets/{t}/jourfixe",
                                {k: v for k, v in a.items() if k != "ticket"}, token)
        if op == "work":
            body = {"start": "2026-11-20T09:00:00+01:00",
                    **{k: v for k, v in a.items() if k != "ticket"}}
            return self.request("POST", f"/tickets/{t}/work", body, token)
        if op == "fee":
            return self.request("POST", f"/tickets/{t}/fees", {"code": a["code"]}, token)
        if op == "reverse":
            return self.request("POST", f"/tickets/{t}/reversals",
                                {"entry": a["entry"], "reason": a["reason"]}, token)
        if op == "receive":
            return self.request("POST", "/messages", a, token)
        if op == "list":
            return self.request("GET", f"/tickets?{q}", None, token)
        if op == "statement":
            return self.request("GET", f"/statements?{q}", None, token)
        if op == "status_mail":
            return self.request("GET", f"/reports/status-mail?{q}", None, token)
        if op == "ticket_report":
            return self.request("GET", f"/reports/tickets?{q}", None, token)
        raise AssertionError(f"unknown op {op}")


class Python:
    name = "python"

    def __init__(self, db, contracts, customer=None):
        self.store = tierdesk.Store(db)
        self.book = tierdesk.ContractBook(contracts)
        self.desk = tierdesk.ServiceDesk(self.store, self.book, customer=customer)

    def call(self, op, a):
        try:
            self.invoke(op, a)
            return None
        except tierdesk.Error as e:
            return e.code, str(e)
        except Exception as e:  # not the library's error: a failure of its own, shown as such
            return type(e).__name__, str(e)

    def invoke(self, op, a):
        d, t = self.desk, a.get("ticket")
        at = datetime.fromisoformat(AT)
        if op == "open":
            d.open_ticket(**a, at=at)
        elif op == "show":
            d.ticket(t)
        elif op == "history":
            d.history(t)
        elif op == "reply":
            d.reply(t, a["body"], kind=a["kind"], at=at)
        elif op == "status":
            d.status(t, a["status"], at=at)
        elif op == "priority":
            d.priority(t, a["priority"], at=at)
        elif op == "category":
            d.category(t, a["category"], at=at)
        elif op == "assign":
            d.assign(t, a["assignee"], at=at)
        elif op == "escalate":
            d.escalate(t, a["tier"], a["reason"], at=at)
        elif op == "emergency":
            d.mark_emergency(t, a["reason"], at=at)
        elif op == "jourfixe_done":
            d.record_jourfixe(t, a["outcome"], a.get("note", ""), at=at)
        elif op == "work":
            d.log_work(t, minutes=a["minutes"],
                       at=datetime.fromisoformat(a.get("start", "2026-11-20T09:00:00+01:00")),
                       logged_at=at, **{k: a[k] for k in ("kind", "role", "note", "agent")
                                         if k in a})
        elif op == "fee":
            d.charge_fee(t, a["code"], at=at)
        elif op == "reverse":
            d.reverse_entry(t, a["entry"], a["reason"], at=at)
        elif op == "receive":
            d.receive(from_=a["from"], subject=a["subject"], message_id=a["message_id"],
                      at=at, **({"customer": a["customer"]} if "customer" in a else {}))
        elif op == "list":
            limit = a.get("limit", 1000)
            d.tickets(customer=a.get("customer"), contract=a.get("contract"),
                      status=a.get("status"), tier=a.get("tier"),
                      limit=int(limit) if isinstance(limit, str) else limit)
        elif op == "statement":
            d.statement(a["customer"], a["month"])
        elif op == "status_mail":
            d.status_report(a["customer"], a["period"], as_of=at)
        elif op == "ticket_report":
            d.ticket_report(a["customer"], a["period"], as_of=at)
        else:
            raise AssertionError(f"unknown op {op}")


class Checker:
    def __init__(self, db):
        self.db = db
        self.before = snapshot(db)
        self.failures = []
        self.count = 0

    def check(self, label, got, code, words):
        """`got`: (code, message) or None (the host accepted it)."""
        self.count += 1
        if got is None:
            self.failures.append(f"{label}: accepted, expected {code}")
        else:
            got_code, message = got
            if got_code != code:
                self.failures.append(f"{label}: code {got_code!r}, expected {code!r} ({message})")
            missing = [w for w in words if w not in message]
            if missing:
                self.failures.append(f"{label}: message {message[:300]!r} does not name {missing}")
        after = snapshot(self.db)
        if after != self.before:
            changed = [t for t in after if after[t] != self.before.get(t)]
            self.failures.append(f"{label}: stored data changed (tables {changed})")
            self.before = after


def run_shared(host, checker):
    for case in CASES:
        op, args, code, words = case[:4]
        expected = case[4].get(host.name, code) if len(case) > 4 else code
        if expected is None:
            continue  # this host cannot be given the value (an argument over the OS's limit)
        if isinstance(expected, tuple):  # the host names the value its own way
            expected, words = expected
        shown = {k: (v if len(str(v)) < 40 else f"<{len(str(v))} chars>") for k, v in args.items()}
        checker.check(f"{host.name} {op} {shown}", host.call(op, args), expected,
                      words if expected != "payload_too_large" else ["body"])


def run_http_only(http, checker):
    """What only an HTTP client can send: bodies that are no JSON object, wrong JSON types,
    unknown and repeated keys, other content types and transfer codings, bad tokens, another
    customer's tickets."""
    def raw(label, method, path, data, code, words, headers=None, token="bo"):
        h = {"Content-Type": "application/json", **(headers or {})}
        status, text = http.raw(method, path, data, h, token)
        try:
            error = json.loads(text)["error"]
            got = (error["code"], error["message"])
        except (ValueError, KeyError, TypeError):
            got = None if status < 400 else (str(status), text.decode(errors="replace"))
        checker.check(f"http {label}", got, code, words)

    for body, words in [(b"", ["body"]), (b"{", ["body"]), (b"[]", ["body", "object"]),
                        (b"null", ["body", "object"]), (b'"text"', ["body", "object"]),
                        (b"{}}", ["body"]), (b'{"customer":"nordlys","subject":"s"', ["body"]),
                        (b"\xff\xfe{}", ["body"])]:
        raw(f"POST /tickets body {body!r}", "POST", "/tickets", body, "parse_error", words)
    for field, value in [("customer", 5), ("customer", None), ("customer", ["nordlys"]),
                         ("subject", 1.5), ("subject", {"x": 1}), ("tier", "2"), ("tier", 2.5),
                         ("tier", True), ("tier", 1e300), ("urgent", "yes"), ("priority", 3),
                         ("external_id", False)]:
        body = {"customer": "nordlys", "subject": "s", field: value}
        raw(f"POST /tickets {field}={value!r}", "POST", "/tickets", json.dumps(body).encode(),
            "invalid_argument", [field])
    raw("POST /tickets unknown key", "POST", "/tickets",
        b'{"customer":"nordlys","subject":"s","sujbect":"t"}', "unknown_field", ["sujbect"])
    raw("POST /tickets key twice", "POST", "/tickets",
        b'{"customer":"nordlys","subject":"s","customer":"mueller"}', "parse_error",
        ["customer", "twice"])
    for ref_path, body, field in [
            (f"/tickets/{OO}/work", {"minutes": "30", "start": AT}, "minutes"),
            (f"/tickets/{OO}/work", {"minutes": 30.5, "start": AT}, "minutes"),
            (f"/tickets/{OO}/work", {"minutes": 30, "start": "yesterday"}, "start"),
            (f"/tickets/{OO}/work", {"minutes": 30, "start": "2026-11-20T09:00:00"}, "start"),
            (f"/tickets/{OO}/work", {"minutes": 1e20, "start": AT}, "minutes"),
            (f"/tickets/{OO}/work", {"minutes": 30, "start": AT, "entry": 5}, "entry"),
            (f"/tickets/{OO}/escalate", {"tier": "two", "reason": "r"}, "tier"),
            (f"/tickets/{OO}/escalate", {"tier": 9223372036854775808, "reason": "r"}, "tier"),
            (f"/tickets/{OO}/escalate", {"reason": "r"}, "tier"),
            (f"/tickets/{OO}/reversals", {"entry": "2", "reason": "r"}, "entry"),
            (f"/tickets/{OO}/reversals", {"entry": 2}, "reason"),
            (f"/tickets/{OO}/reply", {"kind": "public"}, "body"),
            (f"/tickets/{OO}/reply", {"kind": 1, "body": "b"}, "kind"),
            (f"/tickets/{OO}/status", {"state": "open"}, "state"),
            (f"/tickets/{OO}/fees", {}, "code"),
            ("/messages", {"from": "it@nordlys.example", "subject": "s", "references": "x"},
             "references"),
    ]:
        code = ("missing_field" if field not in body else
                "unknown_field" if field in ("entry", "state") and "reason" not in body or
                field == "state" else "invalid_argument")
        if ref_path.endswith("/work") and field == "entry":
            code = "unknown_field"
        if field == "start":  # an instant that is no ISO-8601 instant with a zone
            code = "parse_error"
        raw(f"POST {ref_path} {body}", "POST", ref_path, json.dumps(body).encode(), code,
            [field])
    raw("POST /tickets text/plain", "POST", "/tickets", b'{"customer":"nordlys","subject":"s"}',
        "unsupported_media_type", ["Content-Type"], {"Content-Type": "text/plain"})
    raw("POST /tickets over the body limit", "POST", "/tickets",
        json.dumps({"customer": "nordlys", "subject": "s", "body": "b" * 70000}).encode(),
        "payload_too_large", ["body", "65536"])
    for query, field, value in [("limit=ten", "limit", "ten"), ("limit=1e3", "limit", "1e3"),
                                ("tier=x", "tier", "x"), ("open=maybe", "open", "maybe"),
                                ("sort=age", "sort", ""), ("limit=1&limit=2", "limit", "")]:
        code = "unknown_field" if field == "sort" else "invalid_argument"
        raw(f"GET /tickets?{query}", "GET", f"/tickets?{query}", None, code,
            [field, value] if value else [field])
    for token, label in [("", "no token"), ("td_nope", "an unknown token"),
                         ("x" * 5000, "a 5000-byte token")]:
        raw(f"POST /tickets with {label}", "POST", "/tickets",
            b'{"customer":"nordlys","subject":"s"}', "unauthorized", ["token"], token=token)
    # The customer token of mueller: OneOffice's tickets do not exist for it.
    for op, args in [("show", {"ticket": OO}), ("reply", {"ticket": OO, "kind": "customer",
                                                          "body": "mine?"}),
                     ("open", {"customer": "nordlys", "subject": "s"}),
                     ("statement", {"customer": "nordlys", "month": "2026-11"}),
                     ("list", {"customer": "nordlys"})]:
        got = http.call(op, args, token="portal")
        code = "forbidden" if op == "open" else "not_found"
        checker.check(f"http as mueller {op} {args}", got, code, ["nordlys" if "customer" in args
                                                                  else OO])
    for op, args in [("status", {"ticket": SB, "status": "resolved"}),
                     ("work", {"ticket": SB, "minutes": 30}),
                     ("open", {"subject": "s", "tier": 3}),
                     ("open", {"subject": "s", "channel": "phone"})]:
        checker.check(f"http as mueller {op} {args}", http.call(op, args, token="portal"),
                      "forbidden", [])


def run_cli_only(cli, checker):
    """What only a command line can get wrong: numbers that are no numbers, unknown options,
    missing arguments, instants without a zone."""
    for argv, words in [
            (["work", "log", OO, "--minutes", "abc"], ["minutes", "abc"]),
            (["work", "log", OO, "--minutes", "30m"], ["minutes", "30m"]),
            (["work", "log", OO, "--minutes", ""], ["minutes"]),
            (["work", "log", OO, "--minutes", "30", "--at", "2026-11-20T09:00:00"], ["at"]),
            (["work", "log", OO, "--minutes", "30", "--at", "yesterday"], ["at", "yesterday"]),
            (["work", "reverse", OO, "two", "--reason", "r"], ["two"]),
            (["ticket", "escalate", OO, "--tier", "two", "--reason", "r"], ["tier", "two"]),
            (["ticket", "escalate", OO, "--tier", HUGE + "0", "--reason", "r"], ["tier"]),
            (["ticket", "list", "--limit", "1e3"], ["limit", "1e3"]),
            (["ticket", "list", "--tier", "x"], ["tier", "x"]),
            (["ticket", "open", "--customer", "nordlys"], ["subject"]),
            (["ticket", "open", "--customer", "nordlys", "--subject", "s", "--colour", "red"],
             ["colour"]),
            (["ticket", "reply", OO, "--body", "b"], ["public", "internal", "customer"]),
            (["ticket", "reply", OO, "--public", "--internal", "--body", "b"], ["public"]),
            (["ticket", "status", OO], ["status", "2 word"]),
            (["ticket", "frobnicate", OO], ["frobnicate"]),
            (["ticket", "show", OO, "--at", "2026-13-01T00:00:00Z"], ["at"]),
            (["fee", "charge", OO], ["CODE"]),
            (["statement", "--customer", "nordlys"], ["month"]),
            (["report", "status-mail", "--period", "2026-11"], ["customer"]),
            (["receive", "--subject", "s"], ["from"]),
            (["jourfixe", "done", SB], ["outcome"]),
    ]:
        checker.check(f"cli {' '.join(argv)[:80]}", cli.run(argv), "usage", words)


def run_python_only(db, contracts, checker):
    """What only a Python caller can pass: naive or fractional datetimes, and a customer desk
    reaching for another customer's tickets."""
    py = Python(db, contracts)
    d = py.desk
    naive = datetime(2026, 11, 20, 10, 0)
    for label, call, code, words in [
            ("reply at a naive datetime", lambda: d.reply(OO, "b", kind="public", at=naive),
             "invalid_argument", ["naive"]),
            ("status at a fraction of a second",
             lambda: d.status(OO, "open", at=datetime(2026, 11, 20, 10, 0, 0, 5, tzinfo=CPH)),
             "invalid_argument", ["second"]),
            ("work at a naive start", lambda: d.log_work(OO, minutes=30, at=naive),
             "invalid_argument", ["naive"]),
            ("statement month 2026-13", lambda: d.statement("nordlys", "2026-13"),
             "invalid_argument", ["month", "2026-13"]),
            ("escalate to 2**63", lambda: d.escalate(OO, 2 ** 63, "r"), "type_error", []),
            ("log_work minutes 2**70", lambda: d.log_work(OO, minutes=2 ** 70),
             "invalid_argument", ["minutes", str(2 ** 70)]),
            ("log_work minutes True", lambda: d.log_work(OO, minutes=True), "type_error",
             ["minutes"]),
            ("open with subject None", lambda: d.open_ticket(customer="nordlys", subject=None),
             "type_error", []),
            ("tickets limit -1", lambda: d.tickets(limit=-1), "invalid_argument", ["limit"]),
    ]:
        try:
            call()
            got = None
        except tierdesk.Error as e:
            got = (e.code, str(e))
        except TypeError as e:  # pybind11: an argument of the wrong type or out of C++'s range
            got = ("type_error", str(e))
        except Exception as e:
            got = (type(e).__name__, str(e))
        checker.check(f"python {label}", got, code, words)
    mine = Python(db, contracts, customer="mueller")
    for op, args, code, words in [
            ("show", {"ticket": OO}, "not_found", [OO]),
            ("history", {"ticket": OO}, "forbidden", []),
            ("reply", {"ticket": OO, "kind": "customer", "body": "b"}, "not_found", [OO]),
            ("open", {"customer": "nordlys", "subject": "s"}, "forbidden", ["nordlys"]),
            ("statement", {"customer": "nordlys", "month": "2026-11"}, "not_found", ["nordlys"]),
            ("list", {"customer": "nordlys"}, "not_found", ["nordlys"]),
            ("status", {"ticket": SB, "status": "resolved"}, "forbidden", []),
            ("assign", {"ticket": SB, "assignee": "me"}, "forbidden", []),
    ]:
        checker.check(f"python as mueller {op} {args}", mine.call(op, args), code, words)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    contracts = os.path.join(args.source_dir, "examples/contracts")
    failures, counts = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        dbs = {name: os.path.join(tmp, f"{name}.db") for name in ("cli", "http", "python")}
        for name, db in dbs.items():
            subprocess.run([args.cli, "init", "--db", db], check=True, capture_output=True)
            seed(db, contracts)

        cli = Cli(args.cli, dbs["cli"], contracts)
        checker = Checker(dbs["cli"])
        run_shared(cli, checker)
        run_cli_only(cli, checker)
        failures += checker.failures
        counts["cli"] = checker.count

        http = Http(args.cli, args.server, dbs["http"], contracts)
        try:
            checker = Checker(dbs["http"])
            run_shared(http, checker)
            run_http_only(http, checker)
            failures += checker.failures
            counts["http"] = checker.count
        finally:
            http.close()

        py = Python(dbs["python"], contracts)
        checker = Checker(dbs["python"])
        run_shared(py, checker)
        run_python_only(dbs["python"], contracts, checker)
        failures += checker.failures
        counts["python"] = checker.count
        del py

    total = sum(counts.values())
    print(f"hostile inputs: {total} ({', '.join(f'{k} {v}' for k, v in counts.items())})")
    for f in failures:
        print("FAIL", f)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    if total < 300:
        print(f"FAIL only {total} inputs, the suite promises at least 300")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
