#!/usr/bin/python3
"""tierdesk-server under an unlucky operator: options checked before listening, and an accept
loop that outlives running out of file descriptors.

usage: server_limits_test.py --server PATH --cli PATH --source-dir DIR

Options: each bad value of --threads, --writers, --body-limit, --token-ttl,
--snapshot-reuse and --listen stops the start with exit 2 and
an error naming the option and the value, before "listening on" is printed.

Descriptors: the server starts with a soft limit of 64 open files, one network thread and one
writer, so it takes at most 64 - 44 = 20 connections (44: three per database connection — the
network thread's, the writer's, the watcher's and the checkpointer's — and 32 for the rest); then
120 idle connections are opened. Once it has logged that it holds all it can (the readiness
signal this test waits for), the idle connections are closed and a request must be answered:
the server kept accepting. Before, the first accept that failed for want of a descriptor ended
the accept loop, and every later connection went unanswered until a restart.
"""
import argparse
import json
import os
import queue
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

FD_LIMIT = 64
IDLE_CONNECTIONS = 120


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
        db = os.path.join(tmp, "desk.db")
        subprocess.run([args.cli, "init", "--db", db], check=True, capture_output=True, cwd=tmp)
        base = [args.server, "--db", db, "--contracts", contracts]

        for option, value, expected in [
            ("--threads", "-1", 'tierdesk-server: --threads: got "-1", expected a whole number from 1 to 256'),
            ("--threads", "0", 'tierdesk-server: --threads: got "0", expected a whole number from 1 to 256'),
            ("--threads", "100000", 'tierdesk-server: --threads: got "100000", expected a whole number from 1 to 256'),
            ("--threads", "2x", 'tierdesk-server: --threads: got "2x", expected a whole number from 1 to 256'),
            ("--writers", "0", 'tierdesk-server: --writers: got "0", expected a whole number from 1 to 256'),
            ("--writers", "257", 'tierdesk-server: --writers: got "257", expected a whole number from 1 to 256'),
            ("--body-limit", "-5",
             'tierdesk-server: --body-limit: got "-5", expected a whole number from 1 to 67108864'),
            ("--body-limit", "0",
             'tierdesk-server: --body-limit: got "0", expected a whole number from 1 to 67108864'),
            ("--body-limit", "99999999999999999999999",
             'tierdesk-server: --body-limit: got "99999999999999999999999", expected a whole number from 1 to 67108864'),
            ("--token-ttl", "-1",
             'tierdesk-server: --token-ttl: got "-1", expected a whole number from 0 to 60000'),
            ("--token-ttl", "60001",
             'tierdesk-server: --token-ttl: got "60001", expected a whole number from 0 to 60000'),
            ("--snapshot-reuse", "-1",
             'tierdesk-server: --snapshot-reuse: got "-1", expected a whole number from 0 to 1000'),
            ("--snapshot-reuse", "1001",
             'tierdesk-server: --snapshot-reuse: got "1001", expected a whole number from 0 to 1000'),
            ("--listen", "127.0.0.1:0abc",
             'tierdesk-server: --listen: got "127.0.0.1:0abc", expected HOST:PORT'),
            ("--listen", "127.0.0.1:65536",
             'tierdesk-server: --listen: got "127.0.0.1:65536", expected HOST:PORT'),
            ("--listen", "127.0.0.1", 'tierdesk-server: --listen: got "127.0.0.1", expected HOST:PORT'),
        ]:
            done = subprocess.run(base + [option, value], capture_output=True, text=True, cwd=tmp,
                                  timeout=60)
            check(f"{option} {value}: exit", done.returncode, 2)
            check(f"{option} {value}: stdout", done.stdout, "")
            check(f"{option} {value}: stderr", done.stderr.strip(), expected)

        def few_descriptors():
            resource.setrlimit(resource.RLIMIT_NOFILE, (FD_LIMIT, FD_LIMIT))

        server = subprocess.Popen(base + ["--listen", "127.0.0.1:0", "--threads", "1", "--writers", "1"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  cwd=tmp, preexec_fn=few_descriptors)
        try:
            first = server.stdout.readline().strip()
            if not first.startswith("listening on "):
                raise AssertionError(f"server did not start: {first!r} {server.stderr.read()}")
            host, port = first.removeprefix("listening on ").rsplit(":", 1)
            lines = stderr_lines(server)
            idle = []
            for _ in range(IDLE_CONNECTIONS):  # the kernel completes them into the backlog
                idle.append(socket.create_connection((host, int(port)), timeout=30))
            # The readiness signal: the server says it holds all the connections it can.
            said = wait_for_line(lines, "accept: ", 60)
            check("the server reports its limit", said,
                  f"tierdesk-server: accept: {FD_LIMIT - 44} connections open, the most this "
                  "server takes; waiting for one to close\n")
            for c in idle:
                c.close()
            token = subprocess.run([args.cli, "token", "create", "--db", db, "--role", "agent",
                                    "--name", "bo", "--json"], check=True, capture_output=True,
                                   text=True, cwd=tmp).stdout
            secret = json.loads(token)["token"]
            req = urllib.request.Request(f"http://{host}:{port}/tickets",
                                         headers={"Authorization": "Bearer " + secret})
            # The server retries within a second; the deadline only bounds a broken server.
            answered = None
            deadline = time.monotonic() + 60
            while answered is None and time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(req, timeout=10) as res:
                        answered = res.status
                except OSError:
                    pass  # refused or reset while the server is still at its limit
            check("a request after the idle connections closed", answered, 200)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        check("exit after SIGTERM", server.returncode, 0)
        check("it said it accepts again", wait_for_line(lines, "accepting again", 10) is not None,
              True)
        check("sanitizer or other reports", [line for line in lines.seen if "runtime error" in line
                                             or "ERROR:" in line], [])

    for f in failures:
        print("FAIL", f)
    print(f"server limits: {len(failures)} failures")
    return 1 if failures else 0


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


def wait_for_line(lines, text, seconds):
    """The first line from `lines` containing `text`, or None at the end or after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return None
        if line is None:
            return None
        if text in line:
            return line


if __name__ == "__main__":
    sys.exit(main())
