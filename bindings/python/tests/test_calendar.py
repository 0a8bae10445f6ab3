"""tierdesk.Calendar through Python: concrete answers on the Baden-Württemberg office calendar
(Mon–Fri 08:00–17:00 Europe/Berlin, DE-BW holidays)."""

import datetime as dt
import threading
from datetime import timedelta, timezone

import pytest

import tierdesk
from conftest import berlin

UTC = timezone.utc


def test_readme_example_adds_two_business_hours_across_the_evening(bw_office):
    due = bw_office.add(berlin(2026, 12, 23, 16, 30), timedelta(hours=2))
    assert due == berlin(2026, 12, 24, 9, 30)
    assert due.tzinfo is UTC
    assert due.isoformat() == "2026-12-24T08:30:00+00:00"


def test_keyword_arguments(bw_office):
    due = bw_office.add(start=berlin(2026, 3, 6, 16), delta=timedelta(hours=2))
    assert due == berlin(2026, 3, 9, 9)
    assert bw_office.between(start=berlin(2026, 3, 6, 16), end=berlin(2026, 3, 9, 9)) == timedelta(hours=2)


def test_between_is_negative_when_end_precedes_start(bw_office):
    assert bw_office.between(berlin(2026, 3, 9, 9), berlin(2026, 3, 6, 16)) == timedelta(hours=-2)


def test_negative_add_goes_back_to_the_previous_close(bw_office):
    assert bw_office.add(berlin(2026, 3, 9, 8), timedelta(hours=-1)) == berlin(2026, 3, 6, 16)


def test_any_aware_tzinfo_is_accepted(bw_office):
    fixed = dt.timezone(timedelta(hours=5, minutes=30))
    start = dt.datetime(2026, 12, 23, 21, 0, tzinfo=fixed)  # 16:30 in Berlin
    assert bw_office.add(start, timedelta(hours=2)) == berlin(2026, 12, 24, 9, 30)


def test_is_open_next_open_next_close(bw_office):
    assert bw_office.is_open(berlin(2026, 3, 9, 10))
    assert not bw_office.is_open(berlin(2026, 3, 7, 10))  # Saturday
    assert not bw_office.is_open(berlin(2026, 4, 3, 10))  # Karfreitag
    assert bw_office.next_open(berlin(2026, 4, 2, 17)) == berlin(2026, 4, 7, 8)  # after Easter
    assert bw_office.next_open(berlin(2026, 3, 9, 10)) == berlin(2026, 3, 9, 10)
    assert bw_office.next_close(berlin(2026, 3, 9, 10)) == berlin(2026, 3, 9, 17)
    assert bw_office.next_close(berlin(2026, 3, 7, 10)) == berlin(2026, 3, 9, 17)


def test_open_intervals_across_the_spring_dst_switch(bw_office):
    intervals = bw_office.open_intervals(berlin(2026, 3, 27, 12), berlin(2026, 3, 31, 0))
    assert intervals == [
        (berlin(2026, 3, 27, 12), berlin(2026, 3, 27, 17)),
        (berlin(2026, 3, 30, 8), berlin(2026, 3, 30, 17)),
    ]
    # Same wall-clock hours, one hour earlier in UTC after the switch.
    assert intervals[0][0].hour == 11 and intervals[1][0].hour == 6


def test_holidays_of_a_year(bw_office):
    holidays = bw_office.holidays(2026)
    by_date = {h.date: h.name for h in holidays}
    assert by_date[dt.date(2026, 1, 6)] == "Heilige Drei Könige"
    assert by_date[dt.date(2026, 4, 3)] == "Karfreitag"
    assert by_date[dt.date(2026, 12, 26)] == "2. Weihnachtstag"
    assert len(holidays) == 12
    assert all(h.hours == [] for h in holidays)
    assert repr(holidays[0]) == "Holiday(2026-01-01 'Neujahr')"


def test_partial_day_holiday_and_override():
    cal = tierdesk.Calendar.from_json(
        """{"name": "x", "zone": "Europe/Berlin",
            "week": {"mon": [["08:00","17:00"]], "thu": [["08:00","17:00"]]},
            "rules": [{"name": "Heiligabend", "fixed": "12-24", "hours": [["08:00","12:00"]]}],
            "overrides": [{"date": "2026-12-19", "hours": [["10:00","14:00"]]}]}"""
    )
    [eve] = cal.holidays(2026)
    assert (eve.date, eve.name, eve.hours) == (dt.date(2026, 12, 24), "Heiligabend", [("08:00", "12:00")])
    assert cal.hours_on(dt.date(2026, 12, 24)) == [("08:00", "12:00")]
    assert cal.hours_on(dt.date(2026, 12, 19)) == [("10:00", "14:00")]
    assert cal.hours_on(dt.date(2026, 12, 20)) == []
    assert cal.between(berlin(2026, 12, 19), berlin(2026, 12, 25)) == timedelta(hours=4 + 9 + 4)


def test_presets():
    codes = tierdesk.preset_codes()
    assert codes[0] == "DE" and codes[-1] == "DK" and "DE-BW" in codes
    assert len(codes) == 18
    dk = tierdesk.preset_holidays("DK", 2026)
    assert dk[0].date == dt.date(2026, 1, 1)
    assert (dk[1].date, dk[1].name) == (dt.date(2026, 4, 2), "Skærtorsdag")


def test_json_round_trip_and_repr(bw_office, repo):
    again = tierdesk.Calendar.from_json(bw_office.to_json())
    assert again.name == "de-bw-office" and again.zone == "Europe/Berlin"
    assert repr(bw_office) == "<tierdesk.Calendar 'de-bw-office' zone='Europe/Berlin'>"
    assert tierdesk.Calendar.from_file(str(repo / "examples/calendars/dk-oneoffice.json")).zone == "Europe/Copenhagen"


def test_always_open():
    cal = tierdesk.Calendar.always_open()
    start = dt.datetime(2026, 3, 28, 23, tzinfo=UTC)
    assert cal.add(start, timedelta(days=2)) == start + timedelta(days=2)


def test_add_many_matches_single_calls(bw_office):
    starts = [berlin(2026, 1, 1) + timedelta(minutes=37 * i) for i in range(2000)]
    delta = timedelta(hours=3, minutes=20)
    assert bw_office.add_many(starts, delta) == [bw_office.add(s, delta) for s in starts]
    assert bw_office.add_many([], delta) == []


def test_between_many_matches_single_calls(bw_office):
    starts = [berlin(2026, 1, 1) + timedelta(hours=7 * i) for i in range(300)]
    ends = [s + timedelta(hours=50) for s in starts]
    assert bw_office.between_many(starts, ends) == [bw_office.between(a, b) for a, b in zip(starts, ends)]


def test_add_many_runs_in_threads(bw_office):
    starts = [berlin(2026, 1, 1) + timedelta(minutes=11 * i) for i in range(5000)]
    expected = bw_office.add_many(starts, timedelta(hours=1))
    results = [None] * 4

    def work(i):
        results[i] = bw_office.add_many(starts, timedelta(hours=1))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
