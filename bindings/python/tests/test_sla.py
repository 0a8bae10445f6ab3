"""SLA clocks through Python, on the OneOffice policy (examples/policies/oneoffice.json):
High 1 h response / 2 h resolution on Mon–Thu 08–16, Fri 08–15 Europe/Copenhagen."""

from datetime import timedelta

import pytest

import tierdesk
from conftest import copenhagen

OPENED = copenhagen(2026, 3, 6, 14, 30)  # a Friday


def high_ticket(*more):
    return [tierdesk.Event(OPENED, "created"), tierdesk.Event(OPENED, "priority", "high"), *more]


def test_policy_loaded_from_file(oneoffice):
    assert oneoffice.name == "oneoffice"
    assert oneoffice.priorities == ["critical", "high", "medium", "normal", "low"]
    assert oneoffice.default_priority == "normal"
    assert oneoffice.pause_statuses == ["pending-customer", "on-hold"]
    assert repr(oneoffice) == "<tierdesk.Policy 'oneoffice' priorities=5>"


def test_response_clock_runs_over_the_weekend(oneoffice):
    clocks = tierdesk.compute_clocks(high_ticket(), oneoffice, now=copenhagen(2026, 3, 6, 14, 45))
    response = clocks["response"]
    assert response.state == tierdesk.ClockState.RUNNING == "running"
    assert response.calendar == "office"
    assert response.target == timedelta(hours=1)
    assert response.elapsed == timedelta(minutes=15)
    assert response.remaining == timedelta(minutes=45)
    assert response.started_at == OPENED
    assert response.due == copenhagen(2026, 3, 9, 8, 30)
    assert response.warnings == [copenhagen(2026, 3, 9, 8, 15), copenhagen(2026, 3, 9, 8, 24)]
    assert response.is_open
    assert clocks.priority == "high"
    assert clocks.category is None
    assert clocks["resolution"].due == copenhagen(2026, 3, 9, 9, 30)
    assert clocks.next_due == copenhagen(2026, 3, 9, 8, 30)
    assert clocks.clocks[tierdesk.Metric.UPDATE].state == "inactive"
    assert set(clocks.clocks) == {"triage", "response", "update", "resolution"}
    assert clocks.ola == {}


def test_public_reply_meets_response(oneoffice):
    reply = tierdesk.Event(copenhagen(2026, 3, 9, 8, 20), kind=tierdesk.EventKind.AGENT_PUBLIC_REPLY)
    clocks = oneoffice.clocks(high_ticket(reply), now=copenhagen(2026, 3, 9, 8, 40))
    assert clocks["response"].state == "met"
    assert clocks["response"].met_at == copenhagen(2026, 3, 9, 8, 20)
    assert clocks["response"].elapsed == timedelta(minutes=50)
    assert clocks["resolution"].state == "running"


def test_late_reply_is_a_breach(oneoffice):
    reply = tierdesk.Event(copenhagen(2026, 3, 9, 9), "agent_public_reply")
    response = oneoffice.clocks(high_ticket(reply), now=copenhagen(2026, 3, 9, 10))["response"]
    assert response.state == "breached"
    assert response.breached_at == copenhagen(2026, 3, 9, 8, 30)
    assert response.met_at == copenhagen(2026, 3, 9, 9)
    assert response.breaches == 1
    assert not response.is_open


def test_pause_status_stops_the_clock(oneoffice):
    events = high_ticket(tierdesk.Event(copenhagen(2026, 3, 6, 14, 40), "status", "on-hold"))
    response = oneoffice.clocks(events, now=copenhagen(2026, 3, 9, 12))["response"]
    assert response.state == "paused"
    assert response.elapsed == timedelta(minutes=10)
    assert response.due is None


def test_ticket_line_json(oneoffice):
    line = ('{"priority": "high", "events": [{"at": "2026-03-06T14:30:00+01:00", "type": "created"}]}')
    clocks = oneoffice.clocks_json(line, now=copenhagen(2026, 3, 6, 14, 45))
    assert clocks["response"].due == copenhagen(2026, 3, 9, 8, 30)
    assert '"response"' in clocks.to_json()


def test_event_value_and_repr():
    e = tierdesk.Event(OPENED, "priority", "high")
    assert e.kind is tierdesk.EventKind.PRIORITY and e.value == "high" and e.at == OPENED
    assert repr(e) == "Event(2026-03-06T13:30:00Z, 'priority', 'high')"
    assert e == tierdesk.Event(at=OPENED, kind="priority", value="high")


def test_durations():
    assert tierdesk.parse_duration("1h30m") == timedelta(hours=1, minutes=30)
    assert tierdesk.format_duration(timedelta(hours=48)) == "48h"
