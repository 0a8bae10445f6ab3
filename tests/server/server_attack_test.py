#!/usr/bin/python3
"""tierdesk-server under attack on loopback: a bounded load test of everything at once.

usage: server_attack_test.py --server PATH --cli PATH --source-dir DIR [--tickets N]
                             [--connections N]

The server runs with --threads 2 and a descriptor limit of 8192 (raised for the child), so the
attack's connections fit. Then, at the same time and each for a bounded amount of work:

- a slowloris holds --connections (1000) connections open: 70 % of them send the start of a
  GET /health request and then one more header byte every second, the rest send nothing. A
  connection the server closes (its 60 s timeout) is opened again. At the end 50 of the
  drip-fed requests are finished and each must be answered 200;
- clients send bodies over --body-limit (64 KiB): a Content-Length of 300000 with the body, a
  chunked body past the limit, and a declared 10 MB of which 100 KB are sent; each must be
  answered 413 payload_too_large;
- three clients send evaluation bombs to POST /calendar/eval, three each: a calendar that
  fills the body limit (10 openings a day, the DE and DK presets and ~700 rules of every
  kind) with requests at the limits of tierdesk/base/limits.hpp: `between` over exactly 50 years,
  `intervals` over half a year (~2000 intervals), and `between`, `add` and `intervals` one step
  past a limit. Each must be answered 200, the requests within the limits with their answers
  and those past one with `out_of_range` naming the limit; a calendar of 49 openings a day must
  be 422, a calendar larger than the body limit 413;
- a write burst of --tickets (2000) POST /tickets over four keep-alive connections; each must
  be answered 201.

Meanwhile a well-behaved client sends GET /health and GET /tickets/{ref} one after the other on
one keep-alive connection; every answer must be right (status and body) and none may take
longer than 10 s (a bound for a starving client, not a timing). Afterwards the server's
sockets must fall back to what they were before the attack (no connections pile up), the
server must still answer, list every ticket of the burst, and exit 0 within 30 s of SIGTERM,
with no sanitizer report on stderr.

Each bomb client also sends three bodies whose every request keeps its span limit but whose
work only the index budget of a body bounds (limits::eval_index_intervals): the bomb at 48
openings a day (the most a calendar may have); `add` of exactly 50 years on a calendar open
one minute in thirty (the answer lies beyond the supported years); and two `between` of 50
years each, 450 years apart, in one body. Each question over the budget must be answered
out_of_range naming it. Before the budget these cost seconds of CPU and hundreds of MiB each in
a Release build, and under ASan the well-behaved client went unanswered for 50 s.

Then, three times on a fresh server: SIGTERM while four clients post tickets. The server must
exit 0, and the tickets in the database must be exactly those answered 201 (none stored
without an answer, none answered and lost).

benchmarks/server_attack_bench.py imports the attack from here and prints its figures.
"""
import argparse
import collections
import http.client
import itertools
import json
import os
import queue
import resource
import selectors
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

FD_LIMIT = 8192          # the server's and this script's descriptor limit
CONNECTIONS = 1000       # held open by the slowloris
DRIP_SHARE = 0.7         # of them drip-feed a header byte every DRIP_EVERY seconds
DRIP_EVERY = 1.0
COMPLETED_DRIPS = 50     # drip-fed requests finished at the end; each must be answered
OVERSIZED = 30           # bodies over the limit
OVERSIZE_CLIENTS = 2
BOMB_CLIENTS = 3         # evaluation bombs in parallel
BOMBS_EACH = 3
BURST_CLIENTS = 4
TICKETS = 2000
WAIT_BOUND = 10.0        # the longest a well-behaved request may wait: a bound, not a timing
ATTACK_BOUND = 400.0     # the whole attack, so that a wedged server fails instead of hanging
BODY_LIMIT = 65536       # the server's default --body-limit
EVAL_SPAN = 50 * 366 * 86400  # limits::eval_span, seconds
EVAL_INTERVALS = 10000        # limits::eval_intervals, shared by the requests of one body
EVAL_INDEX = 200000           # limits::eval_index_intervals: a body's calendar index
BUDGET = "the budget of an evaluation"  # what an answer over the index budget says
SHUTDOWN_ROUNDS = 3      # SIGTERM during a write burst, each on a fresh server
SHUTDOWN_TICKETS = 2000
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--tickets", type=int, default=TICKETS)
    parser.add_argument("--connections", type=int, default=CONNECTIONS)
    args = parser.parse_args()
    failures = Failures()
    raise_descriptor_limit()

    with tempfile.TemporaryDirectory() as tmp:
        server = Server(args.server, args.cli, os.path.join(args.source_dir, "examples/contracts"),
                        tmp)
        try:
            run(server, args, failures)
        except (OSError, http.client.HTTPException, ValueError) as e:
            stderr = "".join(server.lines.seen)[-2000:]
            failures.append(f"the server stopped answering: {e!r}; exit code "
                            f"{server.process.poll()}; stderr: {stderr}")
        finally:
            if server.process.poll() is None:
                server.process.kill()
                server.process.wait(timeout=60)

    for round_ in range(SHUTDOWN_ROUNDS):
        with tempfile.TemporaryDirectory() as tmp:
            server = Server(args.server, args.cli,
                            os.path.join(args.source_dir, "examples/contracts"), tmp)
            try:
                shutdown_under_burst(server, failures, round_)
            finally:
                if server.process.poll() is None:
                    server.process.kill()
                    server.process.wait(timeout=60)

    for f in failures:
        print("FAIL", f)
    print(f"server attack: {len(failures)} failures")
    return 1 if failures else 0


def shutdown_under_burst(server, failures, round_):
    """SIGTERM while four clients post tickets: every ticket stored was answered 201, every
    ticket answered 201 is stored. (Requests already read when the signal came were once
    stored and left unanswered: the session closed the socket under them.)"""
    burst = Attack(server, failures, connections=0, tickets=SHUTDOWN_TICKETS, bomb_clients=0,
                   oversized=0, heavy_bombs=False)
    burst.expect_stop = True
    burst.start()
    deadline = time.monotonic() + ATTACK_BOUND
    while (burst.counts["posted 201"] < SHUTDOWN_TICKETS // 4 and not burst.burst_done.is_set()
           and time.monotonic() < deadline):
        time.sleep(0.01)
    exit_code, _ = server.stop(30)
    burst.stop()
    failures.check(f"shutdown round {round_}: exit after SIGTERM during a burst", exit_code, 0)
    con = sqlite3.connect(f"file:{server.db}?mode=ro", uri=True)
    try:
        stored = {f"{prefix}-{year}-{seq:06d}" for prefix, year, seq in
                  con.execute("SELECT prefix, year, seq FROM ticket")}
    finally:
        con.close()
    answered = set(burst.refs)
    failures.check(f"shutdown round {round_}: tickets stored but never answered",
                   sorted(stored - answered), [])
    failures.check(f"shutdown round {round_}: tickets answered 201 but not stored",
                   sorted(answered - stored), [])
    print(f"shutdown round {round_}: SIGTERM after {len(answered)} of {SHUTDOWN_TICKETS} "
          f"tickets answered; {len(stored)} stored")


def run(server, args, failures):
    check = failures.check
    seed = server.open_ticket("the well-behaved client's ticket")
    deadline = time.monotonic() + 10
    while server.sockets() > 1 and time.monotonic() < deadline:
        time.sleep(0.1)  # the seed's connection closing
    baseline = server.sockets()  # the listening socket

    attack = Attack(server, failures, connections=args.connections, tickets=args.tickets,
                    heavy_bombs=True)
    client = WellBehaved(server, seed, failures)
    client.start()
    attack.start()
    most_sockets = 0
    while not attack.finished(ATTACK_BOUND):
        most_sockets = max(most_sockets, server.sockets())
        time.sleep(0.5)
    attack.stop()
    client.stop()
    most_sockets = max(most_sockets, attack.most_sockets)
    check("the server still runs after the attack", server.process.poll(), None)

    # The server took every connection of the slowloris (its limit is far above them).
    check("the server held the slowloris' connections",
          most_sockets >= args.connections, True)
    # Everything closed: the server's sockets fall back to the listening one (and what else it
    # had before); the drain after a 413 lasts at most 5 s.
    left = server.sockets()
    deadline = time.monotonic() + 30
    while left > baseline and time.monotonic() < deadline:
        time.sleep(0.2)
        left = server.sockets()
    check("server sockets 30 s after the attack, at most what it had before", left <= baseline,
          True)

    status, health = server.request("GET", "/health")
    check("GET /health after the attack", (status, health.get("status")), (200, "ok"))
    status, listed = server.request("GET", "/tickets?limit=100000")
    check("GET /tickets after the attack", status, 200)
    listed = {t["ref"] for t in listed.get("tickets", [])}
    check("tickets listed after the attack (the seed and the burst)", len(listed),
          1 + args.tickets)
    check("every ticket of the burst is listed", sorted(set(attack.refs) - listed), [])

    exit_code, stop_seconds = server.stop(30)
    check("exit after SIGTERM", exit_code, 0)
    check("it said it stopped",
          any("tierdesk-server: stopped" in line for line in server.lines.seen), True)
    check("sanitizer or other reports", [line for line in server.lines.seen
                                         if "runtime error" in line or "ERROR:" in line], [])

    c = attack.counts
    print(f"slowloris: {args.connections} connections held ({c['drip opened']} drip-fed, "
          f"{c['idle opened']} idle, counting reopened ones); {c['closed by the server']} closed "
          f"by the server (oldest {attack.oldest_closed:.0f} s); {c['drip answered']} of "
          f"{c['drip finished']} finished drip-fed requests answered 200; most server sockets "
          f"{most_sockets}")
    print(f"oversized bodies: {c['oversized']} sent, {c['oversized 413']} answered 413")
    print(f"evaluation bombs: {c['bombs']} sent, {c['bombs 200']} answered 200 with the limits "
          f"named; {c['bad calendars']} bad calendars, {c['bad calendars 422']} answered 422; "
          f"{c['big calendars']} calendars over the body limit, {c['big calendars 413']} "
          f"answered 413; slowest bomb {attack.slowest_bomb:.1f} s")
    print(f"write burst: {c['posted']} POST /tickets, {c['posted 201']} answered 201, "
          f"{len(listed)} tickets listed afterwards")
    print(f"well-behaved client: {len(client.latencies)} requests, {client.good} answered "
          f"correctly, slowest {max(client.latencies, default=0):.2f} s (bound {WAIT_BOUND:.0f} s)")
    print(f"attack: {attack.seconds:.1f} s; SIGTERM: exit {exit_code} after {stop_seconds:.1f} s; "
          f"server stderr: {''.join(server.lines.seen).strip()!r}")


class Failures(list):
    """Failures, collected from every thread (list.append is atomic)."""

    def check(self, what, got, want):
        if got != want:
            self.append(f"{what}: got {got!r}, want {want!r}")


def raise_descriptor_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = FD_LIMIT if hard == resource.RLIM_INFINITY else min(hard, FD_LIMIT)
    if soft == resource.RLIM_INFINITY or soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


class Server:
    """tierdesk-server on an ephemeral port over a fresh database in `tmp`, with an agent
    token; `extra` are more options."""

    def __init__(self, server, cli, contracts, tmp, threads=2, extra=()):
        self.tmp = tmp
        server, cli = os.path.abspath(server), os.path.abspath(cli)
        contracts = os.path.abspath(contracts)
        self.db = os.path.join(tmp, "desk.db")
        subprocess.run([cli, "init", "--db", self.db], check=True, capture_output=True, cwd=tmp)
        token = subprocess.run([cli, "token", "create", "--db", self.db, "--role", "agent",
                                "--name", "attack", "--json"], check=True, capture_output=True,
                               text=True, cwd=tmp).stdout
        self.token = json.loads(token)["token"]
        self.auth = {"Authorization": "Bearer " + self.token}
        self.json_auth = dict(self.auth, **{"Content-Type": "application/json"})
        self.process = subprocess.Popen(
            [server, "--db", self.db, "--contracts", contracts, "--listen", "127.0.0.1:0",
             "--threads", str(threads), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp,
            preexec_fn=raise_descriptor_limit)
        first = self.process.stdout.readline().strip()
        if not first.startswith("listening on "):
            self.process.kill()
            raise AssertionError(f"server did not start: {first!r} {self.process.stderr.read()}")
        host, port = first.removeprefix("listening on ").rsplit(":", 1)
        self.address = (host, int(port))
        self.lines = stderr_lines(self.process)

    def connection(self, timeout=60):
        return http.client.HTTPConnection(*self.address, timeout=timeout)

    def request(self, method, path, body=None, timeout=120):
        """(status, JSON body or {}) on a connection of its own."""
        conn = self.connection(timeout)
        try:
            conn.request(method, path, body=None if body is None else json.dumps(body),
                         headers=self.json_auth if body is not None else self.auth)
            r = conn.getresponse()
            data = r.read()
            try:
                return r.status, json.loads(data)
            except ValueError:
                return r.status, {}
        finally:
            conn.close()

    def open_ticket(self, subject):
        status, ticket = self.request("POST", "/tickets",
                                      {"customer": "nordlys", "subject": subject})
        if status != 201:
            raise AssertionError(f"POST /tickets: {status} {ticket}")
        return ticket

    def sockets(self):
        """The server's open sockets (the listening one and its connections)."""
        n = 0
        fds = f"/proc/{self.process.pid}/fd"
        for fd in os.listdir(fds):
            try:
                n += os.readlink(os.path.join(fds, fd)).startswith("socket:")
            except OSError:
                pass  # closed meanwhile
        return n

    def cpu_seconds(self):
        """User and system CPU time of the server so far (/proc/PID/stat)."""
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self, bound):
        """SIGTERM; (exit code or None, seconds from the signal to the exit, at most bound)."""
        start = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=bound)
        except subprocess.TimeoutExpired:
            code = None
        return code, time.monotonic() - start


def stderr_lines(process):
    """A queue of the process's stderr lines, read by a thread (None at the end)."""
    lines = queue.Queue()
    lines.seen = []  # every line, also those taken from the queue

    def pump():
        for line in process.stderr:
            lines.seen.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return lines


class WellBehaved(threading.Thread):
    """GET /health and GET /tickets/{ref} in turn on one keep-alive connection until stopped
    (or `limit` requests); every answer checked, the latency of each kept."""

    def __init__(self, server, ticket, failures, limit=None):
        super().__init__(daemon=True)
        self.server, self.ticket, self.failures, self.limit = server, ticket, failures, limit
        self.latencies = []
        self.good = 0
        self._halt = threading.Event()

    def stop(self):
        self._halt.set()
        self.join(WAIT_BOUND * 6)
        if self.is_alive():
            self.failures.append("the well-behaved client is still waiting for an answer")

    def run(self):
        conn = self.server.connection(timeout=WAIT_BOUND * 5)
        ref = self.ticket["ref"]
        path, start = "(connecting)", time.monotonic()
        try:
            conn.connect()
            sock = conn.sock
            while not self._halt.is_set() and (self.limit is None or
                                               len(self.latencies) < self.limit):
                path = "/health" if len(self.latencies) % 2 == 0 else f"/tickets/{ref}"
                start = time.monotonic()
                conn.request("GET", path, headers=self.server.auth)
                r = conn.getresponse()
                body = r.read()
                took = time.monotonic() - start
                self.latencies.append(took)
                if conn.sock is not sock:
                    self.failures.append(f"GET {path}: the keep-alive connection was closed")
                    break
                try:
                    got = json.loads(body)
                except ValueError:
                    got = body
                if path == "/health":
                    ok = r.status == 200 and got.get("status") == "ok" and "now" in got
                else:
                    ok = (r.status == 200 and got.get("ref") == ref and
                          got.get("subject") == self.ticket["subject"] and
                          got.get("customer") == "nordlys" and isinstance(got.get("clocks"), list))
                if not ok:
                    self.failures.append(f"GET {path}: {r.status} {body[:300]!r}")
                if took > WAIT_BOUND:
                    self.failures.append(f"GET {path} waited {took:.1f} s, more than the bound "
                                         f"of {WAIT_BOUND:.0f} s")
                self.good += ok and took <= WAIT_BOUND
        except (OSError, http.client.HTTPException) as e:
            self.failures.append(f"well-behaved client, request {len(self.latencies) + 1}, GET "
                                 f"{path}: {e!r} after {time.monotonic() - start:.1f} s")
        finally:
            conn.close()


def read_response(sock, method="POST"):
    """(status, headers, body) of the response on `sock`."""
    r = http.client.HTTPResponse(sock, method=method)
    try:
        r.begin()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        r.close()


# Evaluation bombs: the largest calendar that fits the body limit, and requests at the limits.
def week(openings, minutes):
    """Every day `openings` (at most 48) times open for `minutes`, evenly spread."""
    step = 1440 // openings
    hours = []
    for k in range(openings):
        a, b = k * step, k * step + minutes
        hours.append([f"{a // 60:02d}:{a % 60:02d}", f"{b // 60:02d}:{b % 60:02d}"])
    return {day: hours for day in DAYS}


def bomb_rules(count):
    """Holiday rules of every kind, each a partial day of the whole day (the week's hours)."""
    whole = [["00:00", "24:00"]]
    kinds = [
        lambda i: {"fixed": f"{1 + i % 12:02d}-{1 + i % 28:02d}"},
        lambda i: {"easter": i % 200 - 60},
        lambda i: {"nth_weekday": {"month": 1 + i % 12, "weekday": DAYS[i % 7], "n": 1 + i % 4}},
        lambda i: {"weekday_before": {"date": f"{1 + i % 11:02d}-{10 + i % 18:02d}",
                                      "weekday": DAYS[i % 7]}},
        lambda i: {"date": f"{2000 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}"},
        lambda i: {"range": [f"{2000 + i % 50}-03-{1 + i % 20:02d}",
                             f"{2000 + i % 50}-03-{5 + i % 20:02d}"]},
    ]
    return [dict(kinds[i % len(kinds)](i), name=f"rule {i}", hours=whole) for i in range(count)]


def over_index_budget(openings, years):
    """Whether `years` of a calendar with `openings` a day exceed a body's index budget (the
    index is built a year before and two after what a question needs)."""
    return openings * 366 * (years + 3) > EVAL_INDEX


def bomb(openings=10):
    """(body, check): a POST /calendar/eval body just under the body limit, its calendar open
    `openings` times a day, and a function that says what is wrong with an answer ("" when
    right). Its cost grows with the openings over the 50 years: the index, and `intervals`
    counting them before it refuses; at 10 openings a day the 50 years fit the index budget of
    a body, at more the questions over 50 years are refused as over that budget."""
    cal = {"name": "bomb", "zone": "Europe/Copenhagen", "week": week(openings, 10),
           "holidays": ["DE", "DK"]}
    # Every span within [2000-01-01, 2000-01-01 + eval_span]: the index is built once.
    start, end = "2000-01-01T00:00:00Z", "2050-02-07T00:00:00Z"  # 18300 days apart
    requests = [
        {"op": "between", "from": start, "to": end},
        {"op": "between", "from": start, "to": "2050-02-07T00:00:01Z"},
        {"op": "add", "start": start, "seconds": EVAL_SPAN + 1},
        {"op": "add", "start": start, "minutes": -(EVAL_SPAN // 60 + 1)},
        {"op": "intervals", "from": start, "to": end},
        {"op": "intervals", "from": "2030-01-01T00:00:00Z", "to": "2030-06-30T00:00:00Z"},
        {"op": "is_open", "at": "2049-12-24T12:05:00Z"},
    ]
    expected_errors = {
        1: f'requests[1]: to: got "2050-02-07T00:00:01Z", expected at most {EVAL_SPAN} s',
        2: f'requests[2]: seconds: got "{EVAL_SPAN + 1}", expected -{EVAL_SPAN} … {EVAL_SPAN}',
        3: f'requests[3]: minutes: got "-{EVAL_SPAN // 60 + 1}", expected -{EVAL_SPAN // 60} … '
           f'{EVAL_SPAN // 60}',
        4: "requests[4]: intervals: got",
    }
    lo, hi = 0, 2000
    while lo < hi:  # the most rules that keep the body under the limit
        mid = (lo + hi + 1) // 2
        size = len(json.dumps({"calendar": dict(cal, rules=bomb_rules(mid)), "requests": requests}))
        lo, hi = (mid, hi) if size <= BODY_LIMIT - 1024 else (lo, mid - 1)
    body = json.dumps({"calendar": dict(cal, rules=bomb_rules(lo)), "requests": requests})

    dense = over_index_budget(openings, 50)
    if dense:  # between over 50 years, intervals over 50 years, is_open 20 years past 2030
        for i in (0, 4, 6):
            expected_errors[i] = f"requests[{i}]: calendar \"bomb\": the question reaches beyond"

    def check(answers):
        if not isinstance(answers, list) or len(answers) != len(requests):
            return f"{len(requests)} answers expected"
        for i, a in enumerate(answers):
            if i in expected_errors:
                e = a.get("error", {})
                if e.get("code") != "out_of_range" or not e.get("message", "").startswith(
                        expected_errors[i]):
                    return f"answer {i}: {a}, expected out_of_range {expected_errors[i]!r}"
        if dense:
            if BUDGET not in answers[0]["error"]["message"]:
                return f"answer 0: {answers[0]}, expected the index budget named"
        else:
            if f"expected at most {EVAL_INTERVALS}" not in answers[4]["error"]["message"]:
                return f"answer 4: {answers[4]}, expected the limit of {EVAL_INTERVALS} intervals"
            if not isinstance(answers[0].get("seconds"), int) or answers[0]["seconds"] <= 0:
                return f"answer 0: {answers[0]}"
            if not isinstance(answers[6].get("open"), bool):
                return f"answer 6: {answers[6]}"
        got = answers[5].get("intervals")
        if not isinstance(got, list) or not 0 < len(got) <= EVAL_INTERVALS:
            return f"answer 5: {str(answers[5])[:200]}"
        return ""

    return body.encode(), check


def heavy_bombs():
    """[(body, check)]: bodies whose every request keeps its span limit but whose work only the
    index budget bounds: the bomb at 48 openings a day, `add` of exactly 50 years on a calendar
    open one minute in thirty (the answer lies past 2399: the index would grow to the end of
    the supported years), and two `between` of 50 years each, 450 years apart (the index would
    span both). Each question over the budget is answered out_of_range naming it, before any
    work on it (these once cost seconds of CPU and hundreds of MiB each)."""
    add = {"calendar": {"name": "heavy add", "zone": "Europe/Copenhagen", "week": week(48, 1)},
           "requests": [{"op": "add", "start": "2000-01-01T00:00:00Z", "seconds": EVAL_SPAN}]}
    apart = {"calendar": {"name": "far apart", "zone": "Europe/Copenhagen",
                          "week": week(48, 10)},
             "requests": [{"op": "between", "from": "1900-01-02T00:00:00Z",
                           "to": "1950-01-01T00:00:00Z"},
                          {"op": "between", "from": "2349-01-02T00:00:00Z",
                           "to": "2399-01-01T00:00:00Z"}]}

    def answered(count):
        return lambda answers: "" if isinstance(answers, list) and len(answers) == count and all(
            a.get("error", {}).get("code") == "out_of_range" and BUDGET in a["error"]["message"]
            for a in answers) else f"{count} answers out_of_range naming the budget expected"

    return [bomb(48), (json.dumps(add).encode(), answered(1)),
            (json.dumps(apart).encode(), answered(2))]


class Attack:
    """The attacks of the module docstring against `server`, each a bounded amount of work;
    start(), then finished(bound) until it is true, then stop()."""

    def __init__(self, server, failures, connections=CONNECTIONS, tickets=TICKETS,
                 burst_clients=BURST_CLIENTS, bomb_clients=BOMB_CLIENTS, bombs_each=BOMBS_EACH,
                 oversized=OVERSIZED, bomb_openings=10, heavy_bombs=True):
        self.server, self.failures = server, failures
        self.connections, self.tickets = connections, tickets
        self.burst_clients, self.bomb_clients = burst_clients, bomb_clients
        self.bombs_each = bombs_each
        self.oversized, self.heavy_bombs = oversized, heavy_bombs
        self.bomb_openings = bomb_openings
        self.counts = collections.Counter()
        self.refs = []
        self.oldest_closed = 0.0
        self.slowest_bomb = 0.0
        self.most_sockets = 0
        self.seconds = 0.0
        self.burst_done = threading.Event()
        self.expect_stop = False  # the benchmark stops the server during the burst
        self.stopped_posts = []   # then: (subject, error) of each POST left without an answer
        self._bursting = burst_clients
        self._held = threading.Event()
        self._stop = threading.Event()
        self._next_ticket = iter(range(tickets))
        self._lock = threading.Lock()
        self._workers = []

    def fail(self, what):
        self.failures.append(what)

    def count(self, what):
        with self._lock:
            self.counts[what] += 1

    def start(self):
        self._started = time.monotonic()
        self._slowloris = threading.Thread(target=self.slowloris, daemon=True)
        self._slowloris.start()
        if not self._held.wait(120):
            self.fail("the slowloris did not get its connections within 120 s")
        self.most_sockets = self.server.sockets()
        work = [(self.write_burst, i) for i in range(self.burst_clients)]
        work += [(self.bombs, i) for i in range(self.bomb_clients)]
        share = [self.oversized // OVERSIZE_CLIENTS + (i < self.oversized % OVERSIZE_CLIENTS)
                 for i in range(OVERSIZE_CLIENTS)]
        work += [(self.oversize, (i, n)) for i, n in enumerate(share)]
        for target, arg in work:
            t = threading.Thread(target=self._guard, args=(target, arg), daemon=True)
            t.start()
            self._workers.append(t)

    def finished(self, bound):
        """True once every bounded attack is done (or `bound` seconds passed: a failure)."""
        if all(not t.is_alive() for t in self._workers):
            return True
        if time.monotonic() - self._started > bound:
            self.fail(f"the attack did not finish within {bound:.0f} s")
            return True
        return False

    def stop(self):
        self.seconds = time.monotonic() - self._started
        self._stop.set()
        for t in self._workers + [self._slowloris]:
            t.join(120)
            if t.is_alive():
                self.fail("an attacking client is still waiting for the server")

    def _guard(self, target, arg):
        try:
            target(arg)
        except (OSError, http.client.HTTPException, ValueError) as e:
            self.fail(f"{target.__name__}: {e!r}")

    # The slowloris: connections held open, most of them drip-feeding a header.
    def slowloris(self):
        sel = selectors.DefaultSelector()
        opened = {}  # socket → (drip-fed, when opened)
        drip_count = int(self.connections * DRIP_SHARE)

        def open_one(drip):
            s = socket.create_connection(self.server.address, timeout=60)
            if drip:
                s.sendall(b"GET /health HTTP/1.1\r\nHost: attack\r\nX-Drip: ")
            s.setblocking(False)
            sel.register(s, selectors.EVENT_READ)
            opened[s] = (drip, time.monotonic())
            self.count("drip opened" if drip else "idle opened")

        try:
            for i in range(self.connections):
                open_one(i < drip_count)
            self._held.set()
            next_drip = time.monotonic() + DRIP_EVERY
            while not self._stop.is_set():
                for key, _ in sel.select(timeout=0.1):
                    s = key.fileobj
                    try:
                        data = s.recv(65536)
                    except BlockingIOError:
                        continue
                    except OSError:
                        data = b""
                    drip, since = opened.pop(s)
                    sel.unregister(s)
                    s.close()
                    if data:
                        self.fail(f"the server answered a request it never got: {data[:200]!r}")
                    else:
                        self.count("closed by the server")
                        self.oldest_closed = max(self.oldest_closed, time.monotonic() - since)
                    open_one(drip)
                if time.monotonic() >= next_drip:
                    next_drip += DRIP_EVERY
                    for s, (drip, _) in list(opened.items()):
                        if drip:
                            try:
                                s.send(b"a")
                            except OSError:
                                pass  # full or closed: the select above sees a close
            # The drip-fed requests the server still holds are answered once they are whole.
            for s, (drip, _) in list(opened.items()):
                if not drip or self.counts["drip finished"] >= COMPLETED_DRIPS:
                    continue
                sel.unregister(s)
                del opened[s]
                self.count("drip finished")
                try:
                    s.setblocking(True)
                    s.settimeout(60)
                    s.sendall(b"\r\n\r\n")
                    status, _, body = read_response(s, "GET")
                    if status == 200 and json.loads(body).get("status") == "ok":
                        self.count("drip answered")
                    else:
                        self.fail(f"a finished drip-fed GET /health: {status} {body[:200]!r}")
                except (OSError, http.client.HTTPException, ValueError) as e:
                    self.fail(f"a finished drip-fed GET /health: {e!r}")
                finally:
                    s.close()
        except OSError as e:
            self.fail(f"slowloris: {e!r}")
        finally:
            self._held.set()
            for s in opened:
                s.close()
            sel.close()

    # Bodies over the limit, each on a connection of its own.
    def oversize(self, which):
        index, count = which
        for k in range(count):
            if self._stop.is_set():
                return
            variant = (index + k) % 3
            s = socket.create_connection(self.server.address, timeout=60)
            self.count("oversized")
            head = (f"Host: attack\r\nAuthorization: Bearer {self.server.token}\r\n"
                    "Content-Type: application/json\r\n")
            try:
                try:
                    if variant == 0:
                        body = b'{"customer":"nordlys","subject":"' + b"x" * 300000 + b'"}'
                        s.sendall(f"POST /tickets HTTP/1.1\r\n{head}Content-Length: {len(body)}"
                                  "\r\n\r\n".encode() + body)
                    elif variant == 1:
                        s.sendall(f"POST /tickets HTTP/1.1\r\n{head}Transfer-Encoding: chunked"
                                  "\r\n\r\n".encode())
                        for _ in range(8):
                            s.sendall(b"2710\r\n" + b"y" * 10000 + b"\r\n")
                        s.sendall(b"0\r\n\r\n")
                    else:
                        s.sendall(f"POST /calendar/eval HTTP/1.1\r\n{head}Content-Length: "
                                  "10000000\r\n\r\n".encode() + b"z" * 100000)
                except OSError:
                    pass  # the answer may already be there
                status, headers, body = read_response(s)
                error = json.loads(body).get("error", {})
                if (status, error.get("code"), error.get("message")) == (
                        413, "payload_too_large", f"body: more than {BODY_LIMIT} bytes"):
                    self.count("oversized 413")
                else:
                    self.fail(f"an oversized body (variant {variant}): {status} {body[:200]!r}")
            except (OSError, http.client.HTTPException, ValueError) as e:
                self.fail(f"an oversized body (variant {variant}): no answer: {e!r}")
            finally:
                s.close()

    # Evaluation bombs, and calendars over the limits.
    def bombs(self, index):
        body, check = bomb(self.bomb_openings)
        bad = json.dumps({"calendar": {"name": "bad", "zone": "UTC", "week": {
            "mon": week(48, 10)["mon"] + [["23:50", "23:55"]]}}, "requests": []}).encode()
        big = json.dumps({"calendar": {"name": "big", "zone": "UTC", "week": week(48, 10),
                                       "rules": bomb_rules(2000)}, "requests": []}).encode()
        conn = self.server.connection(timeout=600)
        try:
            # The heavy bombs first, so that a run stopped early (the benchmark's) has them too.
            plan = itertools.chain(heavy_bombs() if self.heavy_bombs else [],
                                   itertools.repeat((body, check), self.bombs_each))
            for payload, answer_check in plan:
                if self._stop.is_set():
                    return
                self.count("bombs")
                start = time.monotonic()
                status, answer = self.post(conn, "/calendar/eval", payload)
                with self._lock:
                    self.slowest_bomb = max(self.slowest_bomb, time.monotonic() - start)
                wrong = answer_check(answer.get("answers")) if status == 200 else "status"
                if wrong:
                    self.fail(f"an evaluation bomb: {status}: {wrong} {str(answer)[:300]}")
                else:
                    self.count("bombs 200")
            self.count("bad calendars")
            status, answer = self.post(conn, "/calendar/eval", bad)
            error = answer.get("error", {})
            if (status, error.get("code"), error.get("message")) == (
                    422, "out_of_range",
                    'calendar: week.mon: got "49 intervals", expected at most 48 a day'):
                self.count("bad calendars 422")
            else:
                self.fail(f"a calendar of 49 openings a day: {status} {answer}")
            self.count("big calendars")
            status, answer = self.post(conn, "/calendar/eval", big)
            if (status, answer.get("error", {}).get("code")) == (413, "payload_too_large"):
                self.count("big calendars 413")
            else:
                self.fail(f"a calendar over the body limit ({len(big)} bytes): {status} {answer}")
        finally:
            conn.close()

    def post(self, conn, path, body):
        conn.request("POST", path, body=body, headers=self.server.json_auth)
        r = conn.getresponse()
        data = r.read()
        if r.getheader("Connection", "").lower() == "close":
            conn.close()  # the next request opens a new connection
        return r.status, json.loads(data)

    # The write burst: POST /tickets over a few keep-alive connections until all are sent.
    def write_burst(self, index):
        conn = self.server.connection(timeout=120)
        try:
            while not self._stop.is_set():
                with self._lock:
                    i = next(self._next_ticket, None)
                if i is None:
                    break
                self.count("posted")
                try:
                    status, ticket = self.post(
                        conn, "/tickets", json.dumps({"customer": "nordlys",
                                                      "subject": f"burst {i}"}).encode())
                except (OSError, http.client.HTTPException) as e:
                    if self.expect_stop:
                        self.stopped_posts.append((f"burst {i}", repr(e)))
                        return
                    raise
                if status == 201 and ticket.get("subject") == f"burst {i}":
                    self.count("posted 201")
                    self.refs.append(ticket["ref"])
                else:
                    self.fail(f"POST /tickets (burst {i}): {status} {str(ticket)[:200]}")
        finally:
            conn.close()
            with self._lock:
                self._bursting -= 1
                if self._bursting == 0:
                    self.burst_done.set()


if __name__ == "__main__":
    sys.exit(main())
