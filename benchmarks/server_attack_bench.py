#!/usr/bin/python3
"""tierdesk-server under attack, in figures (a program that prints them; nothing is asserted).

  cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release
  cmake --build build/release -j1 --target tierdesk_server tierdesk_cli
  /usr/bin/python3 benchmarks/server_attack_bench.py --build build/release --tickets 5000
  /usr/bin/python3 benchmarks/server_attack_bench.py --build build/release --tickets 20000

Options: --requests N (the well-behaved client's requests, default 2000), --connections N
(held by the slowloris, default 1000), --burst-clients N (parallel POST /tickets connections,
default 4), --threads N (server, default 2), --synchronous normal|full (server, default normal as
in server_bench.sh), --bomb-openings N (openings a day of the bombs' calendar, default 10 as in
the test; 48 is the densest calendar allowed), --no-heavy-bombs (leaves out the bodies only
the index budget bounds).

The attack is the one of tests/server/server_attack_test.py, imported from there: connections
held open, most of them drip-feeding a header byte a second; bodies over the body limit;
evaluation bombs from three clients; a write burst of --tickets POST /tickets. Each part runs
its own server over a fresh database, standard library only:

(a) the well-behaved client (GET /health and GET /tickets/{ref} in turn on one keep-alive
    connection): p50, p99 and max latency over --requests requests without an attack, then
    while the attack runs (until the write burst ends or --requests are done), side by side;
(b) the SLA watcher after a write burst: --tickets POST /tickets from --burst-clients clients,
    then the server's CPU time (utime + stime of /proc/PID/stat) every 250 ms for 5 s, and the
    first interval in which it was idle (under 5 % of a core): after the burst nothing but the
    watcher has work;
(c) shutdown under load: the attack of (a) with a write burst of --tickets; SIGTERM once half
    of the burst is answered, then the time from the signal to the exit, the exit code, and the
    tickets answered 201 against those in the database.
"""
import argparse
import os
import pathlib
import sqlite3
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests/server"))
import server_attack_test as attack_test  # noqa: E402  (the attack, shared with the test)

SAMPLE_EVERY = 0.25
SAMPLE_FOR = 5.0
IDLE_SHARE = 0.05  # of one core


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=str(REPO / "build/release"))
    parser.add_argument("--tickets", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=attack_test.CONNECTIONS)
    parser.add_argument("--burst-clients", type=int, default=attack_test.BURST_CLIENTS)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--synchronous", choices=["normal", "full"], default="normal")
    parser.add_argument("--bomb-openings", type=int, default=10)
    parser.add_argument("--no-heavy-bombs", dest="heavy_bombs", action="store_false")
    args = parser.parse_args()
    build = pathlib.Path(args.build)
    args.server = str(build / "examples/server/tierdesk-server")
    args.cli = str(build / "examples/cli/tierdesk")
    cache = build / "CMakeCache.txt"
    build_type = next((line.split("=", 1)[1].strip() for line in cache.read_text().splitlines()
                       if line.startswith("CMAKE_BUILD_TYPE:")), "?") if cache.exists() else "?"
    attack_test.raise_descriptor_limit()

    print(f"server_attack_bench: {build} ({build_type}), --threads {args.threads}, "
          f"--synchronous {args.synchronous}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.2f}")
    print(f"attack: {args.connections} held connections "
          f"({int(args.connections * attack_test.DRIP_SHARE)} drip-fed), oversized bodies, "
          f"{attack_test.BOMB_CLIENTS} bomb clients ({args.bomb_openings} openings a day"
          f"{', heavy bombs' if args.heavy_bombs else ''}), write burst of {args.tickets} "
          f"POST /tickets from {args.burst_clients} clients")
    latencies(args)
    watcher_cpu(args)
    shutdown(args)
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    return 0


def start(args, tmp):
    return attack_test.Server(args.server, args.cli, str(REPO / "examples/contracts"), tmp,
                              threads=args.threads, extra=["--synchronous", args.synchronous])


def make_attack(args, server, failures, tickets):
    # Bombs and oversized bodies go on until the attack is stopped (when the burst ends).
    return attack_test.Attack(server, failures, connections=args.connections, tickets=tickets,
                              burst_clients=args.burst_clients, bombs_each=1_000_000,
                              oversized=1_000_000, bomb_openings=args.bomb_openings,
                              heavy_bombs=args.heavy_bombs)


def percentile(values, p):
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]


def stop(server, bound=60):
    code, seconds = server.stop(bound)
    if code is None:
        server.process.kill()
        server.process.wait(60)
    return code, seconds


# (a)
def latencies(args):
    failures = attack_test.Failures()
    with tempfile.TemporaryDirectory() as tmp:
        server = start(args, tmp)
        seed = server.open_ticket("the well-behaved client's ticket")
        quiet = attack_test.WellBehaved(server, seed, failures, limit=args.requests)
        quiet.start()
        quiet.join()

        attack = make_attack(args, server, failures, args.tickets)
        attack.start()
        loud = attack_test.WellBehaved(server, seed, failures, limit=args.requests)
        loud.start()
        while loud.is_alive() and not attack.burst_done.is_set():
            time.sleep(0.05)
        loud.stop()
        attack.stop()
        code, _ = stop(server)

    def row(name, values):
        if not values:
            return f"{name:<16} {0:>8}"
        return (f"{name:<16} {len(values):>8} {percentile(values, 50) * 1000:>10.2f} "
                f"{percentile(values, 99) * 1000:>10.2f} {max(values) * 1000:>10.2f}")

    c = attack.counts
    print()
    print(f"(a) the well-behaved client, ms (attack: {attack.seconds:.1f} s, {c['posted 201']} "
          f"tickets, {c['bombs 200']} bombs answered, slowest {attack.slowest_bomb:.2f} s, "
          f"{c['oversized 413']} bodies refused 413, {c['drip opened'] + c['idle opened']} "
          f"connections opened, {c['closed by the server']} closed by the server)")
    print(f"{'':<16} {'requests':>8} {'p50':>10} {'p99':>10} {'max':>10}")
    print(row("without attack", quiet.latencies))
    print(row("under attack", loud.latencies))
    print(f"    server exit {code}; client failures: {len(failures)}")
    for f in failures[:10]:
        print("    ", f)


# (b)
def watcher_cpu(args):
    failures = attack_test.Failures()
    with tempfile.TemporaryDirectory() as tmp:
        server = start(args, tmp)
        idle_before = server.cpu_seconds()
        time.sleep(1)
        idle_before = server.cpu_seconds() - idle_before
        burst = attack_test.Attack(server, failures, connections=0, tickets=args.tickets,
                                   burst_clients=args.burst_clients, bomb_clients=0, oversized=0)
        cpu_start = server.cpu_seconds()
        wall_start = time.monotonic()
        burst.start()
        burst.burst_done.wait()
        wall = time.monotonic() - wall_start
        end = time.monotonic()
        cpu_end = server.cpu_seconds()
        samples = []
        previous = cpu_end
        for i in range(int(SAMPLE_FOR / SAMPLE_EVERY)):
            time.sleep(max(0.0, end + (i + 1) * SAMPLE_EVERY - time.monotonic()))
            now = server.cpu_seconds()
            samples.append(now - previous)
            previous = now
        burst.stop()
        code, _ = stop(server)

    c = burst.counts
    print()
    print(f"(b) the SLA watcher after a burst of {c['posted 201']} tickets "
          f"({len(failures)} failures): the burst took {wall:.1f} s wall, "
          f"{cpu_end - cpu_start:.2f} s server CPU "
          f"({(cpu_end - cpu_start) / max(1, c['posted 201']) * 1e6:.0f} µs a ticket); idle "
          f"before: {idle_before:.3f} s CPU in 1 s")
    idle_at = next((i for i, s in enumerate(samples) if s < IDLE_SHARE * SAMPLE_EVERY), None)
    line = []
    for i, s in enumerate(samples):
        line.append(f"{(i + 1) * SAMPLE_EVERY:>5.2f} s {s:.3f}")
        if len(line) == 5:
            print("    " + "   ".join(line))
            line = []
    if line:
        print("    " + "   ".join(line))
    print(f"    CPU seconds in each 250 ms after the burst (resolution "
          f"{1 / os.sysconf('SC_CLK_TCK'):.2f} s); total {sum(samples):.3f} s in "
          f"{SAMPLE_FOR:.0f} s; " + (
              f"idle (< {IDLE_SHARE:.0%} of a core) from the interval ending at "
              f"{(idle_at + 1) * SAMPLE_EVERY:.2f} s" if idle_at is not None
              else f"not idle within {SAMPLE_FOR:.0f} s") + f"; server exit {code}")
    for f in failures[:10]:
        print("    ", f)


# (c)
def shutdown(args):
    failures = attack_test.Failures()
    with tempfile.TemporaryDirectory() as tmp:
        server = start(args, tmp)
        attack = make_attack(args, server, failures, args.tickets)
        attack.expect_stop = True
        attack.start()
        while attack.counts["posted 201"] < args.tickets // 2 and not attack.burst_done.is_set():
            time.sleep(0.01)
        sockets = server.sockets()
        answered_at_signal = attack.counts["posted 201"]
        code, seconds = server.stop(60)
        if code is None:
            server.process.kill()
            server.process.wait(60)
        attack.stop()
        with sqlite3.connect(f"file:{server.db}?mode=ro", uri=True) as db:
            stored = {f"{prefix}-{year}-{seq:06d}": subject for prefix, year, seq, subject in
                      db.execute("SELECT prefix, year, seq, subject FROM ticket")}

    answered = attack.counts["posted 201"]
    print()
    print(f"(c) shutdown under the attack: SIGTERM with {answered_at_signal} of {args.tickets} "
          f"tickets answered and {sockets} server sockets open; exit "
          f"{'none (killed after 60 s)' if code is None else code} after {seconds * 1000:.0f} ms; "
          f"{answered} answered 201 ({answered - answered_at_signal} after the signal), "
          f"{len(stored)} in the database; {len(failures)} client errors after the signal")
    unanswered = {subject: error for subject, error in attack.stopped_posts}
    lost = sorted(set(attack.refs) - set(stored))
    silent = sorted(ref for ref in set(stored) - set(attack.refs))
    print(f"    answered 201 but not stored: {len(lost)}; stored but never answered: "
          f"{len(silent)}" + "".join(f"\n      {ref} ({stored[ref]}): the client got "
                                     f"{unanswered.get(stored[ref], 'no error')}"
                                     for ref in silent))


if __name__ == "__main__":
    sys.exit(main())
