"""Error paths: library errors raise tierdesk.Error subclasses carrying the stable code, bad
Python input raises TypeError or InvalidArgumentError, and nothing crashes the interpreter."""

import datetime as dt
from datetime import timedelta, timezone

import pytest

import tierdesk
from conftest import berlin

UTC = timezone.utc


def test_error_hierarchy():
    assert issubclass(tierdesk.UnknownZoneError, tierdesk.Error)
    assert issubclass(tierdesk.UnknownZoneError, ValueError)
    assert issubclass(tierdesk.NotFoundError, LookupError)
    assert issubclass(tierdesk.IoError, OSError)
    assert issubclass(tierdesk.ConflictError, tierdesk.Error)
    assert not issubclass(tierdesk.ConflictError, ValueError)
    assert tierdesk.ParseError.code == "parse_error"
    assert tierdesk.Error.code is None


def test_unknown_zone_names_the_field():
    with pytest.raises(tierdesk.UnknownZoneError) as info:
        tierdesk.Calendar.from_json('{"name": "x", "zone": "Europe/Berln", "week": "24/7"}')
    assert info.value.code == "unknown_zone"
    assert info.value.message.startswith('zone: got "Europe/Berln"')
    assert str(info.value).startswith("unknown_zone: zone:")


@pytest.mark.parametrize("text, code", [
    ("", "parse_error"),
    ("{", "parse_error"),
    ("\x00\xff garbage", "parse_error"),
    ("[]", None),
    ('{"name": "x", "zone": "UTC", "week": {"mon": [["08:00", "25:00"]]}}', "invalid_time"),
    ('{"name": "x", "zones": "UTC", "week": "24/7"}', "unknown_field"),
    ('{"name": "x", "zone": "UTC", "week": {}}', "never_opens"),
    ('{"name": "x", "zone": "UTC", "week": "24/7", "holidays": ["XX"]}', "unknown_preset"),
])
def test_bad_calendar_json(text, code):
    with pytest.raises(tierdesk.Error) as info:
        tierdesk.Calendar.from_json(text)
    if code is not None:
        assert info.value.code == code
    assert info.value.message


def test_missing_file_is_an_io_error(tmp_path):
    with pytest.raises(tierdesk.IoError) as info:
        tierdesk.Calendar.from_file(tmp_path / "nope.json")
    assert info.value.code == "io_error"
    assert "nope.json" in info.value.message
    with pytest.raises(OSError):
        tierdesk.Policy.from_file(tmp_path / "nope.json")


def test_naive_datetime_is_refused(bw_office):
    with pytest.raises(tierdesk.InvalidArgumentError) as info:
        bw_office.add(dt.datetime(2026, 3, 9, 10), timedelta(hours=1))
    assert info.value.code == "invalid_argument"
    assert info.value.message.startswith('start: got "datetime.datetime(2026, 3, 9, 10, 0)"')
    assert "timezone-aware" in info.value.message
    with pytest.raises(ValueError):
        bw_office.is_open(at=dt.datetime(2026, 3, 9, 10))


def test_fractional_seconds_are_refused(bw_office):
    with pytest.raises(tierdesk.InvalidArgumentError, match="whole seconds"):
        bw_office.add(berlin(2026, 3, 9, 10, 0, 0, 500), timedelta(hours=1))
    with pytest.raises(tierdesk.InvalidArgumentError, match="delta"):
        bw_office.add(berlin(2026, 3, 9, 10), timedelta(milliseconds=1))


@pytest.mark.parametrize("start, delta", [
    ("2026-03-09T10:00:00+01:00", timedelta(hours=1)),
    (None, timedelta(hours=1)),
    (dt.date(2026, 3, 9), timedelta(hours=1)),
    (1773046800, timedelta(hours=1)),
])
def test_wrong_types_raise_type_error(bw_office, start, delta):
    with pytest.raises(TypeError):
        bw_office.add(start, delta)


def test_wrong_delta_type(bw_office):
    with pytest.raises(TypeError, match="delta: got int, expected a datetime.timedelta"):
        bw_office.add(berlin(2026, 3, 9, 10), 3600)


def test_instants_outside_the_supported_range(bw_office):
    far = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
    with pytest.raises(tierdesk.OutOfRangeError):
        bw_office.add(far, timedelta(hours=1))
    with pytest.raises(tierdesk.OutOfRangeError):
        bw_office.between(dt.datetime(1, 1, 1, tzinfo=UTC), far)
    # More than the supported years hold is refused before any arithmetic; less, but more open
    # time than the calendar has, is never_opens.
    with pytest.raises(tierdesk.OutOfRangeError, match="either way \\(the supported years\\)"):
        bw_office.add(berlin(2026, 1, 1), timedelta(days=999_999_999))
    with pytest.raises(tierdesk.NeverOpensError, match="within the supported years"):
        bw_office.add(berlin(2026, 1, 1), timedelta(days=150_000))
    assert not bw_office.is_open(far)


def test_add_many_reports_the_bad_element(bw_office):
    starts = [berlin(2026, 3, 9, 10), dt.datetime(2026, 3, 9, 10)]
    with pytest.raises(tierdesk.InvalidArgumentError, match=r"starts\[1\]"):
        bw_office.add_many(starts, timedelta(hours=1))
    with pytest.raises(tierdesk.OutOfRangeError, match=r"starts\[1\]"):
        bw_office.add_many([berlin(2026, 3, 9), dt.datetime(2500, 1, 1, tzinfo=UTC)], timedelta(hours=1))
    with pytest.raises(TypeError):
        bw_office.add_many(None, timedelta(hours=1))
    with pytest.raises(TypeError):
        bw_office.add_many([1, 2], timedelta(hours=1))


def test_between_many_needs_equal_lengths(bw_office):
    with pytest.raises(tierdesk.InvalidArgumentError):
        bw_office.between_many([berlin(2026, 3, 9)], [])


def test_bad_preset_and_holiday_year():
    with pytest.raises(tierdesk.UnknownPresetError):
        tierdesk.preset_holidays("DE-XX", 2026)
    assert tierdesk.preset_holidays("DE", 1000) == []


def test_invalid_event_history(oneoffice):
    reply = tierdesk.Event(berlin(2026, 3, 9, 10), "agent_public_reply")
    with pytest.raises(tierdesk.InvalidEventError) as info:
        oneoffice.clocks([reply], now=berlin(2026, 3, 9, 11))
    assert info.value.code == "invalid_event"
    events = [tierdesk.Event(berlin(2026, 3, 9, 10), "created"),
              tierdesk.Event(berlin(2026, 3, 9, 10), "priority", "urgent-ish")]
    with pytest.raises(tierdesk.InvalidEventError, match="urgent-ish"):
        tierdesk.compute_clocks(events, oneoffice, berlin(2026, 3, 9, 11))


def test_bad_event_construction(oneoffice):
    with pytest.raises(tierdesk.Error) as info:
        tierdesk.Event(berlin(2026, 3, 9, 10), "reply")
    assert "reply" in info.value.message
    with pytest.raises(TypeError):
        tierdesk.compute_clocks(["created"], oneoffice, berlin(2026, 3, 9, 11))
    with pytest.raises(tierdesk.Error):
        oneoffice.clocks_json("{not json", now=berlin(2026, 3, 9, 11))
    clocks = tierdesk.compute_clocks(
        [tierdesk.Event(berlin(2026, 3, 9, 10), "created")], oneoffice, berlin(2026, 3, 9, 11))
    with pytest.raises(tierdesk.Error):
        clocks["sla"]


def test_bad_policy_json():
    with pytest.raises(tierdesk.Error) as info:
        tierdesk.Policy.from_json('{"name": "p", "priorities": ["a"], "targets": [{"priority": "b", "response": "1h"}]}')
    assert info.value.code
    with pytest.raises(tierdesk.InvalidArgumentError, match='got "soon"'):
        tierdesk.parse_duration("soon")
