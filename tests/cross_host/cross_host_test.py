#!/usr/bin/python3
"""One scripted month through every host: the CLI, the HTTP server and the Python module.

usage: cross_host_test.py --cli PATH --server PATH --source-dir DIR

Replays tests/cross_host/month.json (five provider presets: tickets opened by agents and by
e-mail, replies threaded by [REF] and by References, the JourFixe, an escalation by hand and a
security fault that opens at 3rd level by its category, work, fees, a correction, an emergency)
into three empty databases, one through each host (the server started with --replay, so that
each request's X-Tierdesk-At header is its time and the real clock's SLA watcher stays off),
then reads back every ticket's history and clocks, each customer's statement and the
status mails through the same host, and compares the three field by field. Each host's own
shapes (CLI --json, HTTP JSON, Python objects) are brought to one canonical form first; the
statement and status-mail documents are the library's JSON in all three.

The Python module is imported from PYTHONPATH (the build's bindings/python).
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from datetime import datetime, timezone

import tierdesk


def utc_text(value):
    """An instant as "YYYY-MM-DDTHH:MM:SSZ" from ISO text or an aware datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical_event(e):
    return {"seq": e["seq"], "at": utc_text(e["at"]), "actor": e["actor"], "kind": e["kind"],
            "value": e.get("value", ""), "payload": dict(sorted(e.get("payload", {}).items()))}


def canonical_clock(c):
    return {"clock": c["clock"], "state": c["state"], "due": utc_text(c.get("due")),
            "breached_at": utc_text(c.get("breached_at")), "open_breach": c["open_breach"],
            "warnings": [utc_text(w) for w in c.get("warnings", [])]}


TICKET_FIELDS = ["ref", "customer", "contract", "channel", "category", "priority", "status",
                 "tier", "assignee", "subject", "external_id", "flags", "jourfixe", "version"]


def canonical_ticket(t):
    return {k: t[k] for k in TICKET_FIELDS}


class Cli:
    name = "cli"

    def __init__(self, cli, db, contracts):
        self.cli, self.db, self.contracts = cli, db, contracts
        self.run("init")

    def run(self, *args, at=None, actor=None, json_out=True):
        cmd = [self.cli, *args, "--db", self.db]
        if args[0] != "init":
            cmd += ["--contracts", self.contracts]
        if at:
            cmd += ["--at", at]
        if actor:
            cmd += ["--actor", actor]
        if json_out:
            cmd += ["--json"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise AssertionError(f"cli {' '.join(args)}: exit {done.returncode}: {done.stderr}")
        return json.loads(done.stdout) if json_out and done.stdout.strip() else done.stdout

    def step(self, s):
        op, at, actor = s["op"], s["at"], s.get("actor")
        if op == "open":
            args = ["ticket", "open", "--customer", s["customer"], "--subject", s["subject"],
                    "--channel", s.get("channel", "email")]
            for key in ("priority", "category"):
                if key in s:
                    args += [f"--{key}", s[key]]
            if s.get("urgent"):
                args += ["--urgent"]
            self.run(*args, at=at, actor=actor)
        elif op == "receive":
            args = ["receive", "--from", s["from"], "--subject", s["subject"],
                    "--body", s.get("body", ""), "--message-id", s["message_id"]]
            for r in s.get("references", []):
                args += ["--reference", r]
            self.run(*args, at=at, actor=actor)
        elif op == "reply":
            self.run("ticket", "reply", s["ticket"], f"--{s['kind']}", "--body", s["body"],
                     at=at, actor=actor)
        elif op == "status":
            self.run("ticket", "status", s["ticket"], s["status"], at=at, actor=actor)
        elif op == "priority":
            self.run("ticket", "priority", s["ticket"], s["priority"], at=at, actor=actor)
        elif op == "category":
            self.run("ticket", "category", s["ticket"], s["category"], at=at, actor=actor)
        elif op == "assign":
            self.run("ticket", "assign", s["ticket"], s["assignee"], at=at, actor=actor)
        elif op == "escalate":
            self.run("ticket", "escalate", s["ticket"], "--tier", str(s["tier"]),
                     "--reason", s["reason"], at=at, actor=actor)
        elif op == "emergency":
            self.run("ticket", "emergency", s["ticket"], "--reason", s["reason"], at=at, actor=actor)
        elif op == "jourfixe_done":
            self.run("jourfixe", "done", s["ticket"], "--outcome", s["outcome"],
                     "--note", s.get("note", ""), at=at, actor=actor)
        elif op == "work":  # `work log` takes the start as --at, the booking time as --logged-at
            args = ["work", "log", s["ticket"], "--minutes", str(s["minutes"]),
                    "--at", s["start"], "--logged-at", at, "--kind", s.get("kind", "remote")]
            if "note" in s:
                args += ["--note", s["note"]]
            return self.run(*args, actor=actor)["entry"]
        elif op == "fee":
            return self.run("fee", "charge", s["ticket"], s["code"], at=at, actor=actor)["entry"]
        elif op == "reverse":
            self.run("work", "reverse", s["ticket"], str(s["entry"]), "--reason", s["reason"],
                     at=at, actor=actor)
        else:
            raise AssertionError(f"unknown op {op}")

    def ticket(self, ref):
        t = self.run("ticket", "show", ref)
        return canonical_ticket(t), [canonical_clock(c) for c in t["clocks"]]

    def history(self, ref):
        return [canonical_event(e) for e in self.run("history", ref)["events"]]

    def statement(self, customer, month):
        return self.run("statement", "--customer", customer, "--month", month)

    def status_mail(self, customer, month, as_of):
        return self.run("report", "status-mail", "--customer", customer, "--period", month,
                        at=as_of)


class Http:
    name = "http"

    def __init__(self, cli, server, db, contracts, actors):
        subprocess.run([cli, "init", "--db", db], check=True, capture_output=True)
        self.tokens = {}
        for actor in actors:  # the actor of an HTTP request is its token's name
            out = subprocess.run([cli, "token", "create", "--db", db, "--role", "agent", "--name",
                                  actor, "--json"], check=True, capture_output=True, text=True)
            self.tokens[actor] = json.loads(out.stdout)["token"]
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

    def call(self, method, path, body=None, at=None, actor=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", "Bearer " + self.tokens[actor or "reader"])
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if at:
            req.add_header("X-Tierdesk-At", at)
        try:
            with urllib.request.urlopen(req, timeout=60) as res:
                text = res.read()
        except urllib.error.HTTPError as e:
            raise AssertionError(f"http {method} {path}: {e.code} {e.read()!r}") from None
        return json.loads(text)

    def step(self, s):
        op, at, actor = s["op"], s["at"], s.get("actor")
        t = s.get("ticket")
        if op == "open":
            body = {k: s[k] for k in ("customer", "subject", "channel", "priority", "category",
                                      "urgent") if k in s}
            self.call("POST", "/tickets", body, at, actor)
        elif op == "receive":
            body = {k: s[k] for k in ("from", "subject", "body", "message_id", "references")
                    if k in s}
            self.call("POST", "/messages", body, at, "mail")
        elif op == "reply":
            self.call("POST", f"/tickets/{t}/reply", {"kind": s["kind"], "body": s["body"]},
                      at, actor)
        elif op in ("status", "priority", "category"):
            self.call("POST", f"/tickets/{t}/{op}", {op: s[op]}, at, actor)
        elif op == "assign":
            self.call("POST", f"/tickets/{t}/assign", {"assignee": s["assignee"]}, at, actor)
        elif op == "escalate":
            self.call("POST", f"/tickets/{t}/escalate", {"tier": s["tier"], "reason": s["reason"]},
                      at, actor)
        elif op == "emergency":
            self.call("POST", f"/tickets/{t}/emergency", {"reason": s["reason"]}, at, actor)
        elif op == "jourfixe_done":
            self.call("POST", f"/tickets/{t}/jourfixe",
                      {"outcome": s["outcome"], "note": s.get("note", "")}, at, actor)
        elif op == "work":
            body = {"minutes": s["minutes"], "start": s["start"], "kind": s.get("kind", "remote")}
            if "note" in s:
                body["note"] = s["note"]
            return self.call("POST", f"/tickets/{t}/work", body, at, actor)["entry"]
        elif op == "fee":
            return self.call("POST", f"/tickets/{t}/fees", {"code": s["code"]}, at, actor)["entry"]
        elif op == "reverse":
            self.call("POST", f"/tickets/{t}/reversals", {"entry": s["entry"], "reason": s["reason"]},
                      at, actor)
        else:
            raise AssertionError(f"unknown op {op}")

    def ticket(self, ref):
        t = self.call("GET", f"/tickets/{ref}")
        return canonical_ticket(t), [canonical_clock(c) for c in t["clocks"]]

    def history(self, ref):
        return [canonical_event(e) for e in self.call("GET", f"/tickets/{ref}/history")["events"]]

    def statement(self, customer, month):
        return self.call("GET", f"/statements?customer={customer}&month={month}")

    def status_mail(self, customer, month, as_of):
        return self.call("GET", f"/reports/status-mail?customer={customer}&period={month}", at=as_of)


class Python:
    name = "python"

    def __init__(self, db, contracts):
        self.store = tierdesk.Store(db)
        self.book = tierdesk.ContractBook(contracts)
        self.desk = tierdesk.ServiceDesk(self.store, self.book)

    def step(self, s):
        op, actor, t = s["op"], s.get("actor", "python"), s.get("ticket")
        at = datetime.fromisoformat(s["at"])
        d = self.desk
        if op == "open":
            d.open_ticket(customer=s["customer"], subject=s["subject"],
                          channel=s.get("channel", "email"), priority=s.get("priority"),
                          category=s.get("category"), urgent=s.get("urgent", False), at=at,
                          actor=actor)
        elif op == "receive":
            d.receive(from_=s["from"], subject=s["subject"], body=s.get("body", ""),
                      message_id=s["message_id"], references=s.get("references", []), at=at)
        elif op == "reply":
            d.reply(t, s["body"], kind=s["kind"], at=at, actor=actor)
        elif op == "status":
            d.status(t, s["status"], at=at, actor=actor)
        elif op == "priority":
            d.priority(t, s["priority"], at=at, actor=actor)
        elif op == "category":
            d.category(t, s["category"], at=at, actor=actor)
        elif op == "assign":
            d.assign(t, s["assignee"], at=at, actor=actor)
        elif op == "escalate":
            d.escalate(t, s["tier"], s["reason"], at=at, actor=actor)
        elif op == "emergency":
            d.mark_emergency(t, s["reason"], at=at, actor=actor)
        elif op == "jourfixe_done":
            d.record_jourfixe(t, s["outcome"], s.get("note", ""), at=at, actor=actor)
        elif op == "work":
            return d.log_work(t, minutes=s["minutes"], at=datetime.fromisoformat(s["start"]),
                       kind=s.get("kind", "remote"), note=s.get("note", ""), logged_at=at,
                       actor=actor).entry
        elif op == "fee":
            return d.charge_fee(t, s["code"], at=at, actor=actor).entry
        elif op == "reverse":
            d.reverse_entry(t, s["entry"], s["reason"], at=at, actor=actor)
        else:
            raise AssertionError(f"unknown op {op}")

    def ticket(self, ref):
        t = self.desk.ticket(ref)
        ticket = {k: getattr(t, k) for k in TICKET_FIELDS}
        ticket["ref"] = str(t.ref)
        for k in ("channel", "status"):
            ticket[k] = str(ticket[k])
        ticket["flags"] = list(ticket["flags"])
        clocks = [canonical_clock({"clock": c.clock, "state": str(c.state), "due": c.due,
                                   "breached_at": c.breached_at, "open_breach": c.open_breach,
                                   "warnings": c.warnings}) for c in self.desk.clocks(ref)]
        return ticket, clocks

    def history(self, ref):
        return [canonical_event({"seq": e.seq, "at": e.at, "actor": e.actor, "kind": str(e.kind),
                                 "value": e.value, "payload": dict(e.payload)})
                for e in self.desk.history(ref)]

    def statement(self, customer, month):
        return json.loads(self.desk.statement(customer, month).to_json())

    def status_mail(self, customer, month, as_of):
        report = self.desk.status_report(customer, month, as_of=datetime.fromisoformat(as_of))
        return json.loads(report.to_json())


def collect(host, script):
    results = script["results"]
    month = script["month"]
    out = {"tickets": {}, "statements": {}, "status_mails": {}}
    for ref in results["tickets"]:
        ticket, clocks = host.ticket(ref)
        out["tickets"][ref] = {"ticket": ticket, "clocks": clocks, "history": host.history(ref)}
    for customer in results["statements"]:
        out["statements"][customer] = host.statement(customer, month)
    for mail in results["status_mails"]:
        out["status_mails"][mail["customer"]] = host.status_mail(mail["customer"], month,
                                                                 mail["as_of"])
    return out


def differences(a, b, path=""):
    """Where two canonical documents differ, as "path: a != b" lines."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            out += differences(a.get(k, "<missing>"), b.get(k, "<missing>"), f"{path}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list):
        out = [] if len(a) == len(b) else [f"{path}: {len(a)} items != {len(b)} items"]
        for i, (x, y) in enumerate(zip(a, b)):
            out += differences(x, y, f"{path}[{i}]")
        return out
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    source = pathlib.Path(args.source_dir)
    script = json.loads((source / "tests/cross_host/month.json").read_text())
    contracts = str(source / "examples/contracts")

    with tempfile.TemporaryDirectory() as tmp:
        cli = Cli(args.cli, os.path.join(tmp, "cli.db"), contracts)
        actors = {s["actor"] for s in script["steps"] if "actor" in s} | {"mail", "reader"}
        http = Http(args.cli, args.server, os.path.join(tmp, "http.db"), contracts, sorted(actors))
        py = Python(os.path.join(tmp, "python.db"), contracts)
        try:
            entries = {host.name: {} for host in (cli, http, py)}  # label: the entry it booked
            for i, step in enumerate(script["steps"]):
                for host in (cli, http, py):
                    try:
                        if "entry_of" in step:  # a correction names the entry its host returned
                            step = dict(step, entry=entries[host.name][step["entry_of"]])
                        entry = host.step(step)
                        if "label" in step:
                            entries[host.name][step["label"]] = entry
                    except Exception as e:  # name the step and host, then stop
                        raise AssertionError(f"step {i} ({step['op']}) through {host.name}: {e}")
            results = {host.name: collect(host, script) for host in (cli, http, py)}
        finally:
            http.close()

    failures = []
    for other in ("http", "python"):
        failures += [f"cli vs {other}: {d}" for d in differences(results["cli"], results[other])]
    # The replay must also have done what the script says (not three identical mistakes).
    r = results["cli"]
    sb1 = r["tickets"]["SB-2026-000001"]
    kinds = [e["kind"] for e in sb1["history"]]
    expect = [
        ("SB-2026-000001 threaded and deduplicated", kinds.count("customer_reply"), 1),
        ("SB-2026-000001 waited for the JourFixe", "queued_for_jourfixe" in kinds, True),
        ("SB-2026-000001 resolved at the JourFixe", sb1["ticket"]["status"], "resolved"),
        ("MOP-2026-000001 threaded by References",
         [e["kind"] for e in r["tickets"]["MOP-2026-000001"]["history"]].count("customer_reply"), 1),
        ("RW-2026-000001 at its category's tier, priority raised",
         (r["tickets"]["RW-2026-000001"]["ticket"]["tier"],
          r["tickets"]["RW-2026-000001"]["ticket"]["priority"]), (3, "high")),
        ("OO-2026-000001 escalated", r["tickets"]["OO-2026-000001"]["ticket"]["tier"], 2),
        ("SB-2026-000002 emergency", "displaced-appointments" in
         r["tickets"]["SB-2026-000002"]["ticket"]["flags"], True),
        ("mueller statement shows the reversal",
         [l["kind"] for l in r["statements"]["mueller"]["lines"]].count("reversed"), 1),
        ("nordlys fee charged once",
         [l["kind"] for l in r["statements"]["nordlys"]["lines"]].count("fee"), 1),
        ("mail hours equal the statement's",
         r["status_mails"]["mueller"]["worked_minutes"], r["statements"]["mueller"]["worked_minutes"]),
    ]
    for what, got, want in expect:
        if got != want:
            failures.append(f"{what}: got {got!r}, want {want!r}")
    for f in failures:
        print("FAIL", f)
    tickets = len(r["tickets"])
    print(f"{len(script['steps'])} steps through cli, http and python; {tickets} tickets, "
          f"{len(r['statements'])} statements, {len(r['status_mails'])} status mails compared")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
