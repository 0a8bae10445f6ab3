#!/usr/bin/python3
"""tierdesk-server as a process: the real binary on an ephemeral port, driven with urllib.

usage: server_http_test.py --server PATH --cli PATH --source-dir DIR

Creates a database and tokens with the CLI, starts the server on the preset contracts
(--contracts examples/contracts), exercises the ticket routes, intake, roles, tenancy and error
answers, then stops it with SIGTERM and checks that it exits cleanly and that the database holds
what was answered. Starting without contracts (no --contracts, no $TIERDESK_CONTRACTS), with the
removed --prefix option, or with a directory holding a bad contract fails: exit 2 (1 for the
option), the error naming what is wrong. $TIERDESK_CONTRACTS alone is enough to start. Every
process runs in a fresh temporary directory, outside the repository.
"""
import argparse
import json
import os
import signal
import subprocess
import time
import sys
import tempfile
import urllib.error
import urllib.request


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    failures = []
    contracts = os.path.join(args.source_dir, "examples/contracts")

    def check(what, got, want):
        if got != want:
            failures.append(f"{what}: got {got!r}, want {want!r}")

    with tempfile.TemporaryDirectory() as tmp:
        bare = {k: v for k, v in os.environ.items() if k != "TIERDESK_CONTRACTS"}
        with_contracts = dict(bare, TIERDESK_CONTRACTS=contracts)
        db = os.path.join(tmp, "desk.db")
        subprocess.run([args.cli, "init", "--db", db], check=True, capture_output=True, cwd=tmp, env=with_contracts)

        def token(*extra):
            out = subprocess.run([args.cli, "token", "create", "--db", db, "--json", *extra], check=True,
                                 capture_output=True, text=True, cwd=tmp, env=with_contracts).stdout
            return json.loads(out)["token"]

        agent = token("--role", "agent", "--name", "bo")
        nordlys = token("--role", "customer", "--customer", "nordlys", "--name", "portal")
        mueller = token("--role", "customer", "--customer", "mueller", "--name", "portal-m")

        def start(*extra, env=bare):
            return subprocess.Popen([args.server, "--db", db, "--listen", "127.0.0.1:0", "--threads", "2", *extra],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp, env=env)

        def stop(server):
            server.send_signal(signal.SIGTERM)
            try:
                _, err = server.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                _, err = server.communicate()
                failures.append("server did not stop within 60 s of SIGTERM")
            return err

        server = start("--contracts", contracts)
        try:
            first = server.stdout.readline().strip()
            if not first.startswith("listening on 127.0.0.1:"):
                raise SystemExit(f"server did not start: {first!r} {server.stderr.read()}")
            base = "http://" + first.removeprefix("listening on ")

            def call(method, path, tok=agent, body=None, raw=None):
                data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
                req = urllib.request.Request(base + path, data=data, method=method)
                if tok:
                    req.add_header("Authorization", "Bearer " + tok)
                if data is not None:
                    req.add_header("Content-Type", "application/json")
                try:
                    with urllib.request.urlopen(req, timeout=30) as res:
                        return res.status, json.loads(res.read()), res.headers
                except urllib.error.HTTPError as e:
                    return e.code, json.loads(e.read()), e.headers

            opening = {"customer": "nordlys", "subject": "VPN down", "priority": "high", "external_id": "crm-1"}
            status, t, headers = call("POST", "/tickets", body=opening)
            check("open status", status, 201)
            check("open ref", t["ref"], f"OO-{t['created_at'][:4]}-000001")
            ref = t["ref"]
            check("open defaults", (t["contract"], t["category"], t["assignee"]), ("oneoffice", "support", "mck"))
            check("Location", headers["Location"], f"/tickets/{ref}")
            status, again, headers = call("POST", "/tickets", body=opening)
            check("same external id", (status, again["ref"], headers["Location"]), (200, ref, None))
            status, e, _ = call("POST", "/tickets", tok=mueller, body={"subject": "x", "external_id": "crm-1"})
            check("another customer's external id", (status, e["error"]["code"]), (409, "conflict"))
            status, e, _ = call("POST", "/tickets", body={"customer": "nordlys", "contract": "oneofice", "subject": "x"})
            check("unknown contract", (status, e["error"]["code"]), (404, "not_found"))
            check("unknown contract named", e["error"]["message"].startswith('contract: got "oneofice"'), True)
            status, t, _ = call("POST", f"/tickets/{ref}/escalate", body={"tier": 2, "reason": "network team"})
            check("escalate", (status, t["tier"], t["tier_name"]), (200, 2, "2nd level"))
            status, t, _ = call("GET", f"/tickets/{ref}", tok=nordlys)
            check("customer show", (status, t["subject"]), (200, "VPN down"))
            clocks = sorted(c["clock"] for c in t["clocks"])
            check("clocks", clocks, ["ola:2nd level", "resolution", "response", "triage"]
                  if "ola:2nd level" in clocks else ["resolution", "response", "triage"])
            status, e, _ = call("GET", f"/tickets/{ref}", tok=mueller)
            check("another customer's ticket", (status, e["error"]["message"]), (404, f"ticket {ref}: not found"))
            status, e, _ = call("POST", f"/tickets/{ref}/status", tok=nordlys, body={"status": "closed"})
            check("customer may not set status", (status, e["error"]["code"]), (403, "forbidden"))
            status, m, _ = call("POST", "/messages", body={
                "from": "it@nordlys.example", "subject": f"Re: [{ref}] VPN down", "body": "still down",
                "message_id": "<r1@nordlys.example>"})
            check("threaded message", (status, m["outcome"], m["ticket"]["ref"]), (200, "appended", ref))
            status, e, _ = call("POST", f"/tickets/{ref}/fees", body={"code": "on_call_non_critcal"})
            check("typo'd fee", (status, e["error"]["message"]),
                  (422, 'code: got "on_call_non_critcal", expected one of on_call_non_critical'))
            status, e, _ = call("POST", f"/tickets/{ref}/status", raw=b'{"status": ')
            check("malformed JSON", (status, e["error"]["code"]), (400, "parse_error"))
            status, e, _ = call("POST", f"/tickets/{ref}/status", body={"status": "open", "x": 1})
            check("unknown field", (status, e["error"]["code"]), (400, "unknown_field"))
            status, e, _ = call("POST", "/tickets", raw=b"{" + b" " * 70000 + b"}")
            check("oversize body", (status, e["error"]["code"]), (413, "payload_too_large"))
            status, e, _ = call("GET", "/no/such/thing")
            check("unknown route", (status, e["error"]["code"]), (404, "unknown_route"))
            status, e, headers = call("PATCH", f"/tickets/{ref}")
            check("wrong method", (status, e["error"]["code"], headers["Allow"]), (405, "method_not_allowed", "GET"))
            status, e, _ = call("GET", "/tickets", tok="td_wrong")
            check("bad token", (status, e["error"]["code"]), (401, "unauthorized"))
            status, h, _ = call("GET", f"/tickets/{ref}/history")
            check("history kinds", [ev["kind"] for ev in h["events"]], ["created", "tier", "notified", "customer_reply"])
            status, doc, _ = call("GET", "/openapi.json", tok=None)
            check("openapi", (status, doc["openapi"]), (200, "3.0.3"))

            # Another process's change shows within --snapshot-reuse (10 ms by default), however
            # busy the server is: reads in a loop never keep an old snapshot alive.
            subprocess.run([args.cli, "ticket", "priority", ref, "low", "--db", db], check=True,
                           capture_output=True, cwd=tmp, env=with_contracts)
            deadline = time.monotonic() + 30
            seen = call("GET", f"/tickets/{ref}")[1]["priority"]
            while seen != "low" and time.monotonic() < deadline:
                seen = call("GET", f"/tickets/{ref}")[1]["priority"]
            check("a change by the CLI shows", seen, "low")
            # A change through the server shows at once, to the next request.
            status, t, _ = call("POST", f"/tickets/{ref}/priority", body={"priority": "high"})
            check("priority through the server", (status, t["priority"]), (200, "high"))
            for n in range(20):
                check(f"read {n} after the write", call("GET", f"/tickets/{ref}")[1]["priority"], "high")
        finally:
            err = stop(server)
        check("exit code", server.returncode, 0)
        check("last words", err.strip().splitlines()[-1:], ["tierdesk-server: stopped"])
        out = subprocess.run([args.cli, "history", ref, "--db", db, "--json"], check=True, capture_output=True,
                             text=True, cwd=tmp, env=with_contracts).stdout
        check("stored history", [ev["kind"] for ev in json.loads(out)["events"]],
              ["created", "tier", "notified", "customer_reply", "priority", "priority"])

        # $TIERDESK_CONTRACTS alone is enough.
        server = start(env=with_contracts)
        check("start from $TIERDESK_CONTRACTS", server.stdout.readline().startswith("listening on 127.0.0.1:"), True)
        stop(server)
        check("start from $TIERDESK_CONTRACTS: exit code", server.returncode, 0)

        def refused(*extra, env=bare):
            return subprocess.run([args.server, "--db", db, "--listen", "127.0.0.1:0", *extra],
                                  capture_output=True, text=True, timeout=60, cwd=tmp, env=env)

        none = refused()
        check("no contracts: exit code", none.returncode, 2)
        check("no contracts: error", none.stderr.strip(),
              "tierdesk-server: contracts: none given; name the directory of contract files with --contracts DIR "
              "or the environment variable TIERDESK_CONTRACTS")
        prefix = refused("--contracts", contracts, "--prefix", "OO")
        check("--prefix is gone: exit code", prefix.returncode, 1)
        missing = refused("--contracts", os.path.join(tmp, "nowhere"))
        check("missing directory: exit code", missing.returncode, 2)
        check("missing directory: error", missing.stderr.strip(),
              f"tierdesk-server: {os.path.join(tmp, 'nowhere')}: no such directory of contracts")
        bad = os.path.join(tmp, "contracts")
        os.mkdir(bad)
        with open(os.path.join(args.source_dir, "tests/cli/contract_bad_priority.json")) as src, \
                open(os.path.join(bad, "bad.json"), "w") as dst:
            dst.write(src.read())
        bad_run = refused("--contracts", bad)
        check("bad contract: exit code", bad_run.returncode, 2)
        check("bad contract: error", bad_run.stderr.strip(),
              f"tierdesk-server: {os.path.join(bad, 'bad.json')}: categories[0].priority: got \"urgent\", "
              "expected a priority of the SLA policy (critical, normal)")

    for f in failures:
        print("FAIL", f)
    print(f"{'FAILED' if failures else 'ok'}: server_http_test")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
