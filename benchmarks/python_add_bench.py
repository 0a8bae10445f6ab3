"""Business-time `add` of 100,000 instants from Python, three ways:

  1. Calendar.add_many: one call, the loop in C++ with the GIL released;
  2. Calendar.add in a Python loop: one binding call per instant;
  3. pure Python: a day-by-day walk over the same schedule with zoneinfo.

Run from a Release build with the bindings on:

  cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DTIERDESK_BUILD_BINDINGS=ON \\
        -DPYTHON_EXECUTABLE=/usr/bin/python3
  cmake --build build/release -j2 --target tierdesk_python
  PYTHONPATH=build/release/bindings/python /usr/bin/python3 benchmarks/python_add_bench.py

Prints the time of each and checks that all three agree. Timings are not asserted anywhere.
"""

import argparse
import pathlib
import random
import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import tierdesk

REPO = pathlib.Path(__file__).resolve().parents[1]
CALENDAR = REPO / "examples/calendars/de-bw-office.json"
UTC = timezone.utc


class PureOffice:
    """Mon–Fri 08:00–17:00 wall-clock time in a zone, closed on the given dates."""

    def __init__(self, zone, closed):
        self.zone = zone
        self.closed = closed

    def open_interval(self, day):
        if day.weekday() >= 5 or day in self.closed:
            return None
        begin = datetime(day.year, day.month, day.day, 8, tzinfo=self.zone)
        end = datetime(day.year, day.month, day.day, 17, tzinfo=self.zone)
        return begin.astimezone(UTC), end.astimezone(UTC)

    def add(self, start, delta):
        """The latest instant with `delta` (>= 0) of open time after start."""
        remaining = delta
        used_up = False  # the budget ran out exactly at a close: answer the next opening
        day = start.astimezone(self.zone).date()
        while True:
            interval = self.open_interval(day)
            if interval is not None:
                begin, end = interval
                if used_up:
                    return begin
                s = max(begin, start)
                if s < end:
                    if end - s > remaining:
                        return s + remaining
                    remaining -= end - s
                    used_up = remaining == timedelta(0)
            day += timedelta(days=1)


def timed(label, fn, count):
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    print(f"{label:<44} {seconds * 1000:10.1f} ms {seconds / count * 1e9:10.0f} ns/add")
    return result, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()

    cal = tierdesk.Calendar.from_file(CALENDAR)
    zone = ZoneInfo(cal.zone)
    closed = {h.date for year in (2026, 2027, 2028) for h in cal.holidays(year)}
    pure = PureOffice(zone, closed)

    rng = random.Random(1)
    base = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp())
    starts = [datetime.fromtimestamp(base + rng.randrange(0, 365 * 86400), UTC)
              for _ in range(args.count)]
    delta = timedelta(hours=4, minutes=30)
    cal.add_many(starts[:100], delta)  # build the calendar's index outside the timings

    print(f"{args.count:,} instants in 2026, add {delta} on {CALENDAR.name}")
    batch, t_batch = timed("Calendar.add_many (one call, GIL released)",
                           lambda: cal.add_many(starts, delta), args.count)
    loop, t_loop = timed("Calendar.add in a Python loop", lambda: [cal.add(s, delta) for s in starts],
                         args.count)
    ref, t_pure = timed("pure Python (zoneinfo day walk)", lambda: [pure.add(s, delta) for s in starts],
                        args.count)
    mismatches = sum(1 for a, b in zip(batch, ref) if a != b)
    print(f"add_many vs loop: {t_loop / t_batch:.1f}x faster; vs pure Python: {t_pure / t_batch:.1f}x")
    print(f"results: loop {'==' if batch == loop else '!='} add_many; pure Python differs in "
          f"{mismatches} of {args.count}")
    return 0 if batch == loop and mismatches == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
