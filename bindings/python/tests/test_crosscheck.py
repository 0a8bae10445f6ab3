"""Cross-check of Calendar.add and Calendar.between against an independent pure-Python
computation over the same schedule: zoneinfo for the wall clock, the holidays listed below.

The schedule is chosen to reach the corners: a split day, a short Friday, a Saturday
override, a partial-day holiday, and Sunday hours whose boundaries fall into the skipped hour
(last Sunday of March) and the repeated hour (last Sunday of October) of Europe/Berlin."""

import bisect
import json
import random
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

import tierdesk

ZONE = ZoneInfo("Europe/Berlin")
UTC = timezone.utc

# Weekday (Monday = 0) → local hours in seconds since midnight.
H = 3600
WEEK = {
    0: [(8 * H, 17 * H)],
    1: [(8 * H, 17 * H)],
    2: [(8 * H, 12 * H), (13 * H, 17 * H)],
    3: [(8 * H, 17 * H)],
    4: [(8 * H, 15 * H)],
    5: [],
    6: [(1 * H + 1800, 2 * H + 1800), (2 * H + 2700, 5 * H)],
}
CLOSED = {
    date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 14),
    date(2026, 10, 3), date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 1),
    date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 6),
}
PARTIAL = {date(2026, 12, 24): [(8 * H, 12 * H)], date(2027, 12, 24): [(8 * H, 12 * H)]}
OVERRIDES = {date(2026, 6, 13): [(10 * H, 14 * H)]}  # a Saturday


def hhmm(seconds):
    return f"{seconds // H:02d}:{seconds % H // 60:02d}"


def calendar_json():
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    return json.dumps({
        "name": "crosscheck",
        "zone": "Europe/Berlin",
        "week": {names[d]: [[hhmm(b), hhmm(e)] for b, e in hours] for d, hours in WEEK.items()},
        "rules": [{"name": f"closed {d}", "date": d.isoformat()} for d in sorted(CLOSED)]
        + [{"name": f"partial {d}", "date": d.isoformat(), "hours": [[hhmm(b), hhmm(e)] for b, e in h]}
           for d, h in PARTIAL.items()],
        "overrides": [{"date": d.isoformat(), "hours": [[hhmm(b), hhmm(e)] for b, e in h]}
                      for d, h in OVERRIDES.items()],
    })


def utc_of(day, seconds, opening):
    """The UTC instant (epoch seconds) of a local boundary: a time in the skipped hour lands on
    the transition, an opening in the repeated hour takes its first occurrence, a closing its
    second."""
    naive = datetime.combine(day, time()) + timedelta(seconds=seconds)
    first = int(naive.replace(tzinfo=ZONE, fold=0).timestamp())
    second = int(naive.replace(tzinfo=ZONE, fold=1).timestamp())
    if first == second:
        return first
    if first < second:  # repeated hour
        return first if opening else second
    # Skipped hour: fold=1 (offset after) lies before the transition, fold=0 after it.
    after = naive.replace(tzinfo=ZONE, fold=1).utcoffset()
    lo, hi = second, first
    while lo < hi:
        mid = (lo + hi) // 2
        if datetime.fromtimestamp(mid, ZONE).utcoffset() == after:
            hi = mid
        else:
            lo = mid + 1
    return lo


def intersect(a, b):
    out = []
    for b1, e1 in a:
        for b2, e2 in b:
            lo, hi = max(b1, b2), min(e1, e2)
            if lo < hi:
                out.append((lo, hi))
    return out


def hours_on(day):
    if day in OVERRIDES:
        return OVERRIDES[day]
    if day in CLOSED:
        return []
    if day in PARTIAL:
        return intersect(WEEK[day.weekday()], PARTIAL[day])
    return WEEK[day.weekday()]


def build_intervals(first, last):
    raw = []
    day = first
    while day <= last:
        for b, e in hours_on(day):
            raw.append((utc_of(day, b, True), utc_of(day, e, False)))
        day += timedelta(days=1)
    raw.sort()
    merged = []
    for b, e in raw:
        if b >= e:
            continue
        if merged and b <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((b, e))
    return merged


class PureCalendar:
    def __init__(self, intervals):
        self.iv = intervals
        self.begins = [b for b, _ in intervals]
        self.ends = [e for _, e in intervals]
        self.before = [0]
        for b, e in intervals:
            self.before.append(self.before[-1] + e - b)

    def total_to(self, t):
        i = bisect.bisect_right(self.begins, t)  # intervals starting at or before t
        if i == 0:
            return 0
        b, e = self.iv[i - 1]
        return self.before[i - 1] + min(t, e) - b

    def between(self, a, b):
        return self.total_to(b) - self.total_to(a)

    def add(self, t, d):
        if d >= 0:
            i = bisect.bisect_right(self.ends, t)  # first interval ending after t
            rem = d
            while True:
                b, e = self.iv[i]
                s = max(b, t)
                if e - s > rem:
                    return s + rem
                rem -= e - s
                if rem == 0:
                    return self.iv[i + 1][0]  # the latest instant: the next opening
                i += 1
        i = bisect.bisect_left(self.begins, t) - 1  # last interval starting before t
        rem = -d
        while True:
            b, e = self.iv[i]
            s = min(e, t)
            if s - b > rem:
                return s - rem
            rem -= s - b
            if rem == 0:
                return self.iv[i - 1][1]  # the earliest instant: the previous close
            i -= 1


@pytest.fixture(scope="module")
def pair():
    return tierdesk.Calendar.from_json(calendar_json()), PureCalendar(
        build_intervals(date(2025, 12, 1), date(2028, 1, 31)))


def instant(ts):
    return datetime.fromtimestamp(ts, UTC)


def random_instants(rng, pure, count):
    lo = int(datetime(2026, 1, 5, tzinfo=UTC).timestamp())
    hi = int(datetime(2027, 11, 30, tzinfo=UTC).timestamp())
    out = []
    for k in range(count):
        if k % 3 == 0:  # exactly on a boundary, or a second either side
            b, e = pure.iv[rng.randrange(len(pure.iv) // 20, len(pure.iv) * 19 // 20)]
            out.append(rng.choice([b, e]) + rng.choice([-1, 0, 1]))
        else:
            out.append(rng.randrange(lo, hi))
    return out


def test_pure_python_reference_knows_the_dst_sundays():
    # Spring: 01:30–02:30 closes on the transition (01:00Z), 02:45 opens on it too.
    spring = build_intervals(date(2026, 3, 29), date(2026, 3, 29))
    assert spring == [(int(datetime(2026, 3, 29, 0, 30, tzinfo=UTC).timestamp()),
                       int(datetime(2026, 3, 29, 3, 0, tzinfo=UTC).timestamp()))]
    # Autumn: 01:30 CEST = 23:30Z; 02:30 closes at its second occurrence (01:30Z); 02:45 opens
    # at its first (00:45Z), so the two intervals overlap in UTC; 05:00 CET = 04:00Z.
    autumn = build_intervals(date(2026, 10, 25), date(2026, 10, 25))
    assert autumn == [(int(datetime(2026, 10, 24, 23, 30, tzinfo=UTC).timestamp()),
                       int(datetime(2026, 10, 25, 4, 0, tzinfo=UTC).timestamp()))]


def test_dst_sundays_agree(pair):
    cal, pure = pair
    for day in (date(2026, 3, 29), date(2026, 10, 25), date(2027, 3, 28), date(2027, 10, 31)):
        a = int(datetime.combine(day, time(), ZONE).timestamp())
        b = a + 86400
        assert cal.between(instant(a), instant(b)) == timedelta(seconds=pure.between(a, b)), day


def test_between_agrees_on_random_pairs(pair):
    cal, pure = pair
    rng = random.Random(20261121)
    starts = random_instants(rng, pure, 400)
    for a in starts:
        b = a + rng.choice([rng.randrange(0, 7200), rng.randrange(0, 14 * 86400),
                            -rng.randrange(0, 5 * 86400)])
        assert cal.between(instant(a), instant(b)) == timedelta(seconds=pure.between(a, b)), (
            instant(a), instant(b))


def test_add_agrees_on_random_instants(pair):
    cal, pure = pair
    rng = random.Random(7)
    starts = random_instants(rng, pure, 400)
    for t in starts:
        d = rng.choice([0, rng.randrange(1, 3600), rng.randrange(1, 80 * H), -rng.randrange(1, 40 * H)])
        got = cal.add(instant(t), timedelta(seconds=d))
        assert got == instant(pure.add(t, d)), (instant(t), d)


def test_add_many_agrees_with_the_reference(pair):
    cal, pure = pair
    rng = random.Random(99)
    starts = random_instants(rng, pure, 300)
    d = 9 * H + 17 * 60
    got = cal.add_many([instant(t) for t in starts], timedelta(seconds=d))
    assert got == [instant(pure.add(t, d)) for t in starts]
