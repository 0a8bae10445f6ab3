#!/usr/bin/python3
"""tierdesk-server as a process: the real binary on an ephemeral port, driven with urllib.

usage: server_http_test.py --server PATH --cli PATH --source-dir DIR

Creates a database and tokens with the CLI, starts the server with the OneOffice policy,
exercises the ticket routes, roles and error answers, then stops it with SIGTERM and checks
that it exits cleanly and that the database holds what was answered. A directory with a bad
contract stops the start: exit 2, the error naming the file and the JSON path.
"""
import argparse
import json
import os
import signal
import subprocess
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

    def check(what, got, want):
        if got != want:
            failures.append(f"{what}: got {got!r}, want {want!r}")

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "desk.db")
        subprocess.run([args.cli, "init", "--db", db], check=True, capture_output=True)

        def token(*extra):
            out = subprocess.run([args.cli, "token", "create", "--db", db, "--json", *extra],
                                 check=True, capture_output=True, text=True).stdout
            return json.loads(out)["token"]

        agent = token("--role", "agent", "--name", "bo")
        acme = token("--role", "customer", "--customer", "acme", "--name", "portal")
        policy = os.path.join(args.source_dir, "examples/policies/oneoffice.json")
        server = subprocess.Popen(
            [args.server, "--db", db, "--listen", "127.0.0.1:0", "--threads", "2", "--prefix", "OO",
             "--policy", policy],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
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

            status, t, headers = call("POST", "/tickets", body={
                "customer": "acme", "contract": "acme-2026", "subject": "VPN down", "priority": "high"})
            check("open status", status, 201)
            check("open ref", t["ref"], "OO-2026-000001")
            check("Location", headers["Location"], "/tickets/OO-2026-000001")
            status, t, _ = call("POST", "/tickets/OO-2026-000001/escalate",
                                body={"tier": 2, "reason": "network team"})
            check("escalate", (status, t["tier"]), (200, 2))
            status, t, _ = call("GET", "/tickets/OO-2026-000001", tok=acme)
            check("customer show", (status, t["subject"]), (200, "VPN down"))
            clocks = sorted(c["clock"] for c in t["clocks"])
            check("clocks", clocks, ["ola:2nd level", "resolution", "response", "triage"]
                  if "ola:2nd level" in clocks else ["resolution", "response", "triage"])
            status, e, _ = call("POST", "/tickets/OO-2026-000001/status", tok=acme, body={"status": "closed"})
            check("customer may not set status", (status, e["error"]["code"]), (403, "forbidden"))
            status, e, _ = call("POST", "/tickets/OO-2026-000001/status", raw=b'{"status": ')
            check("malformed JSON", (status, e["error"]["code"]), (400, "parse_error"))
            status, e, _ = call("POST", "/tickets/OO-2026-000001/status", body={"status": "open", "x": 1})
            check("unknown field", (status, e["error"]["code"]), (400, "unknown_field"))
            status, e, _ = call("POST", "/tickets", raw=b"{" + b" " * 70000 + b"}")
            check("oversize body", (status, e["error"]["code"]), (413, "payload_too_large"))
            status, e, _ = call("GET", "/no/such/thing")
            check("unknown route", (status, e["error"]["code"]), (404, "unknown_route"))
            status, e, headers = call("PATCH", "/tickets/OO-2026-000001")
            check("wrong method", (status, e["error"]["code"], headers["Allow"]), (405, "method_not_allowed", "GET"))
            status, e, _ = call("GET", "/tickets", tok="td_wrong")
            check("bad token", (status, e["error"]["code"]), (401, "unauthorized"))
            status, h, _ = call("GET", "/tickets/OO-2026-000001/history")
            check("history kinds", [ev["kind"] for ev in h["events"]], ["created", "tier", "notified"])
            status, doc, _ = call("GET", "/openapi.json", tok=None)
            check("openapi", (status, doc["openapi"]), (200, "3.0.3"))
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                _, err = server.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                _, err = server.communicate()
                failures.append("server did not stop within 60 s of SIGTERM")
        check("exit code", server.returncode, 0)
        check("last words", err.strip().splitlines()[-1:], ["tierdesk-server: stopped"])
        out = subprocess.run([args.cli, "history", "OO-2026-000001", "--db", db, "--json"],
                             check=True, capture_output=True, text=True).stdout
        check("stored history", [ev["kind"] for ev in json.loads(out)["events"]], ["created", "tier", "notified"])

        bad = os.path.join(tmp, "contracts")
        os.mkdir(bad)
        with open(os.path.join(args.source_dir, "tests/cli/contract_bad_priority.json")) as src, \
                open(os.path.join(bad, "bad.json"), "w") as dst:
            dst.write(src.read())
        refused = subprocess.run([args.server, "--db", db, "--listen", "127.0.0.1:0", "--contracts", bad],
                                 capture_output=True, text=True, timeout=60)
        check("bad contract: exit code", refused.returncode, 2)
        check("bad contract: error", refused.stderr.strip(),
              f"tierdesk-server: {os.path.join(bad, 'bad.json')}: categories[0].priority: got \"urgent\", "
              "expected a priority of the SLA policy (critical, normal)")

    for f in failures:
        print("FAIL", f)
    print(f"{'FAILED' if failures else 'ok'}: server_http_test")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
