"""Tickets in a store from Python: the desk's operations, work and fees, their errors, a
statement from stored work (OneOffice's figures) and the reports over stored data."""

import datetime as dt
import threading
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

import tierdesk
from conftest import berlin, copenhagen
from test_billing import ONEOFFICE

UTC = timezone.utc


@pytest.fixture
def desk():
    return tierdesk.Desk(tierdesk.Store.memory(), prefix="OO")


def open_acme(desk, **extra):
    args = dict(customer="acme", contract="acme-2026", subject="VPN down", channel="phone",
                category="support", at=copenhagen(2026, 11, 16, 9, 0), actor="anna")
    args.update(extra)
    return desk.open_ticket(**args)


def test_open_reply_escalate_and_resolve(desk):
    t = open_acme(desk, priority="high")
    assert t.ref == "OO-2026-000001"
    assert t.status == tierdesk.TicketStatus.NEW == "new"
    assert t.channel == tierdesk.Channel.PHONE
    assert (t.customer, t.contract, t.category, t.priority, t.tier) == (
        "acme", "acme-2026", "support", "high", 1)
    assert t.created_at == datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
    assert repr(t) == "<tierdesk.Ticket OO-2026-000001 new tier 1 'VPN down'>"

    t = desk.reply(t.ref, "We are on it", at=copenhagen(2026, 11, 16, 9, 10), actor="bo")
    assert t.status == "open"
    t = desk.reply(t.ref, "checked the logs", kind="internal", at=copenhagen(2026, 11, 16, 9, 12))
    t = desk.escalate(t.ref, 2, "needs the network team", at=copenhagen(2026, 11, 16, 9, 20),
                      actor="bo")
    assert (t.tier, t.version) == (2, 6)
    history = desk.history(t.ref)
    assert [e.kind for e in history] == ["created", "agent_public_reply", "status",
                                         "agent_internal_note", "tier", "notified"]
    assert history[4].kind == tierdesk.HistoryKind.TIER
    assert history[4].value == "2"
    assert history[4].payload == {"reason": "needs the network team", "from": "1"}
    assert history[3].actor == "python"
    assert repr(history[2]) == "HistoryEvent(3, 2026-11-16T08:10:00Z, 'bo', 'status', 'open')"

    t = desk.status(t.ref, "resolved", at=copenhagen(2026, 11, 16, 11, 0), actor="bo")
    assert t.status == tierdesk.TicketStatus.RESOLVED
    assert desk.ticket(t.ref) == t
    assert desk.tickets(customer="acme") == [t]
    assert desk.tickets(status="open") == []
    assert desk.tickets(customer="acme", open_only=True) == []


def test_log_work_returns_the_stored_entry_and_records_an_event(desk):
    t = open_acme(desk)
    w = desk.log_work(t.ref, minutes=30, at=copenhagen(2026, 11, 16, 19, 0), kind="on_site",
                      role="senior", note="BIOS update forced", agent="mck",
                      logged_at=copenhagen(2026, 11, 16, 19, 40), actor="cy")
    assert (w.ticket, w.agent, w.kind, w.role, w.note) == (
        "OO-2026-000001", "mck", "on_site", "senior", "BIOS update forced")
    assert w.start == datetime(2026, 11, 16, 18, 0, tzinfo=UTC)
    assert w.duration == timedelta(minutes=30)
    # No start: the work just ended; no agent: the actor.
    w2 = desk.log_work(t.ref, duration=timedelta(minutes=45),
                       logged_at=datetime(2026, 11, 17, 10, 0, tzinfo=UTC), actor="dan")
    assert w2.start == datetime(2026, 11, 17, 9, 15, tzinfo=UTC)
    assert w2.agent == "dan"
    event = desk.history(t.ref)[1]
    assert event.kind == tierdesk.HistoryKind.WORK_LOGGED == "work_logged"
    assert event.actor == "cy"
    assert event.at == datetime(2026, 11, 16, 18, 40, tzinfo=UTC)
    assert event.payload == {"agent": "mck", "kind": "on_site", "note": "BIOS update forced",
                             "role": "senior", "seconds": "1800",
                             "start": "2026-11-16T18:00:00Z"}
    stored = desk.work(ref=t.ref)
    assert [(e.start, e.duration, e.agent) for e in stored] == [
        (datetime(2026, 11, 16, 18, 0, tzinfo=UTC), timedelta(minutes=30), "mck"),
        (datetime(2026, 11, 17, 9, 15, tzinfo=UTC), timedelta(minutes=45), "dan")]
    # Half-open: the second entry starts exactly at `end`.
    november_16 = desk.work(customer="acme", start=datetime(2026, 11, 16, 18, 0, tzinfo=UTC),
                            end=datetime(2026, 11, 17, 9, 15, tzinfo=UTC))
    assert [e.duration for e in november_16] == [timedelta(minutes=30)]
    assert desk.work(customer="beta") == []

    fee = desk.charge_fee(t.ref, "on_call_non_critical", at=copenhagen(2026, 11, 17, 22, 0))
    assert fee.version == 4
    assert desk.fees(customer="acme") == desk.fees(ref=t.ref)
    [f] = desk.fees()
    assert (f.ref, f.code, f.at) == ("OO-2026-000001", "on_call_non_critical",
                                     datetime(2026, 11, 17, 21, 0, tzinfo=UTC))
    assert repr(f) == "Fee('OO-2026-000001', 'on_call_non_critical', 2026-11-17T21:00:00Z)"


def test_the_reference_year_is_the_calendar_year_in_the_desks_zone():
    store = tierdesk.Store.memory()
    new_year = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 in Copenhagen
    assert open_acme(tierdesk.Desk(store, prefix="OO"), at=new_year).ref == "OO-2026-000001"
    local = tierdesk.Desk(store, prefix="OO", zone="Europe/Copenhagen")
    assert open_acme(local, at=new_year).ref == "OO-2027-000001"
    with pytest.raises(tierdesk.UnknownZoneError, match="Mars/Olympus"):
        tierdesk.Desk(store, prefix="OO", zone="Mars/Olympus")


def test_bad_input_raises_and_stores_nothing(desk):
    t = open_acme(desk)
    at = copenhagen(2026, 11, 16, 10, 0)
    with pytest.raises(tierdesk.InvalidArgumentError) as zero:
        desk.log_work(t.ref, minutes=0, at=at, logged_at=at)
    assert zero.value.code == "invalid_argument"
    assert zero.value.message == ('OO-2026-000001: duration: got "0 s", expected more than 0 s '
                                  'and at most 24 h')
    with pytest.raises(ValueError, match='got "90000 s"'):
        desk.log_work(t.ref, duration=timedelta(hours=25), at=at, logged_at=at)
    with pytest.raises(tierdesk.InvalidArgumentError, match="exactly one"):
        desk.log_work(t.ref, minutes=5, duration=timedelta(minutes=5), logged_at=at)
    with pytest.raises(tierdesk.InvalidArgumentError, match='kind: got "boat"'):
        desk.log_work(t.ref, minutes=5, kind="boat", logged_at=at)
    with pytest.raises(TypeError, match="minutes"):
        desk.log_work(t.ref, minutes="5", logged_at=at)
    with pytest.raises(tierdesk.InvalidArgumentError, match="naive"):
        desk.log_work(t.ref, minutes=5, at=datetime(2026, 11, 16, 10, 0), logged_at=at)
    with pytest.raises(tierdesk.InvalidArgumentError, match="give both or neither"):
        desk.work(start=at)
    assert desk.work() == []
    assert len(desk.history(t.ref)) == 1

    with pytest.raises(tierdesk.NotFoundError) as missing:
        desk.ticket("OO-2026-000042")
    assert isinstance(missing.value, LookupError)
    assert str(missing.value) == "not_found: ticket OO-2026-000042: not found"
    with pytest.raises(tierdesk.NotFoundError):
        desk.log_work("OO-2026-000042", minutes=5, logged_at=at)
    with pytest.raises(tierdesk.InvalidArgumentError, match="reference"):
        desk.history("not-a-ref")
    desk.status(t.ref, "open", at=at)
    with pytest.raises(tierdesk.InvalidTransitionError) as forbidden:
        desk.status(t.ref, "closed", at=at)
    assert forbidden.value.message == ('OO-2026-000001: status: cannot go from "open" to '
                                       '"closed"')
    with pytest.raises(tierdesk.InvalidArgumentError):
        desk.reply(t.ref, "hi", kind="shout", at=at)
    with pytest.raises(tierdesk.MissingFieldError):
        desk.open_ticket(customer="", contract="c", at=at)
    with pytest.raises(tierdesk.InvalidArgumentError):
        tierdesk.Desk(tierdesk.Store.memory(), prefix="oo")
    with pytest.raises(tierdesk.InvalidArgumentError, match="synchronous"):
        tierdesk.Store(":memory:", synchronous="sometimes")


def test_a_file_store_keeps_tickets_and_work(tmp_path):
    path = tmp_path / "desk.db"
    store = tierdesk.Store(str(path), synchronous="normal")
    assert repr(store) == f"<tierdesk.Store '{path}' schema {store.schema_version}>"
    desk = tierdesk.Desk(store, prefix="SB")
    t = desk.open_ticket(customer="mueller", contract="m1", subject="Toner",
                         at=berlin(2026, 11, 5, 10, 0))
    desk.log_work(t.ref, minutes=90, at=berlin(2026, 11, 5, 11, 0),
                  logged_at=berlin(2026, 11, 5, 13, 0), actor="bo")
    del desk, store
    again = tierdesk.Desk(tierdesk.Store(str(path)), prefix="SB")
    assert again.ticket("SB-2026-000001").version == 2
    [w] = again.work(customer="mueller")
    assert (w.ticket, w.start, w.duration, w.agent) == (
        "SB-2026-000001", datetime(2026, 11, 5, 10, 0, tzinfo=UTC), timedelta(minutes=90), "bo")


def test_a_statement_from_stored_work_has_oneoffices_figures(desk):
    contract = tierdesk.Contract.from_json(ONEOFFICE)
    refs = [open_acme(desk, subject=s).ref for s in ("BIOS", "Printer", "Evening")]
    desk.log_work(refs[0], minutes=30, at=copenhagen(2026, 11, 16, 10, 0),
                  logged_at=copenhagen(2026, 11, 16, 10, 30), actor="mck")
    desk.log_work(refs[1], minutes=11, at=copenhagen(2026, 11, 17, 10, 0),
                  logged_at=copenhagen(2026, 11, 17, 10, 11), actor="mck")
    desk.log_work(refs[2], minutes=30, at=copenhagen(2026, 11, 16, 19, 0),
                  logged_at=copenhagen(2026, 11, 16, 19, 30), actor="mck")
    desk.charge_fee(refs[0], "on_call_non_critical", at=copenhagen(2026, 11, 16, 22, 0))
    tickets = [tierdesk.BillableTicket(t.ref, t.category, work=desk.work(ref=t.ref),
                                       fees=[(f.code, f.at) for f in desk.fees(ref=t.ref)])
               for t in desk.tickets(customer="acme")]
    s = contract.statement(customer="acme", first=dt.date(2026, 11, 1),
                           last=dt.date(2026, 11, 30), tickets=tickets)
    assert [line.amount for line in s.lines] == [Decimal("547.50"), Decimal("1000.00"),
                                                 Decimal("0.00"), Decimal("1095.00")]
    assert s.subtotal == Decimal("2642.50")
    assert s.vat == Decimal("660.63")  # 660.625 rounded half-up
    assert s.total == Decimal("3303.13")


def test_due_alarms_come_from_the_policy_and_survive_logged_work(oneoffice):
    desk = tierdesk.Desk(tierdesk.Store.memory(), prefix="OO", policy=oneoffice)
    assert repr(desk) == "<tierdesk.Desk 'OO' on ':memory:' policy 'oneoffice'>"
    t = desk.open_ticket(customer="acme", contract="c1", subject="VPN", priority="high",
                         at=copenhagen(2026, 3, 6, 14, 30))
    now = copenhagen(2026, 3, 6, 14, 30)
    response = [a for a in desk.due(within=timedelta(hours=72), now=now) if a.clock == "response"]
    assert [(a.ref, a.kind, a.at) for a in response] == [
        ("OO-2026-000001", "due", datetime(2026, 3, 9, 7, 30, tzinfo=UTC))]
    desk.log_work(t.ref, minutes=20, logged_at=copenhagen(2026, 3, 6, 15, 0))
    assert [a for a in desk.due(within=timedelta(hours=72), now=now)
            if a.clock == "response"][0].at == datetime(2026, 3, 9, 7, 30, tzinfo=UTC)


def test_threads_share_one_desk(desk):
    refs = [open_acme(desk, subject=f"t{i}").ref for i in range(4)]

    def book(ref):
        for i in range(25):
            desk.log_work(ref, minutes=1 + i, at=datetime(2026, 11, 18, 8, i, tzinfo=UTC),
                          logged_at=datetime(2026, 11, 18, 9, i, tzinfo=UTC))

    threads = [threading.Thread(target=book, args=(r,)) for r in refs]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    work = desk.work(customer="acme")
    assert len(work) == 100
    assert sum((w.duration for w in work), timedelta()) == timedelta(minutes=4 * 325)
    assert [desk.ticket(r).version for r in refs] == [26, 26, 26, 26]


SOLUTIONBAR = """{"name": "Solutionbar", "billing": {"currency": "EUR", "vat": "19 %",
  "zone": "Europe/Berlin", "rates": [{"per_hour": "120.00"}],
  "rounding": {"step_minutes": 15, "scope": "per_entry"},
  "contingent": {"monthly_minutes": 600, "overage_per_hour": "120.00"},
  "categories": [{"name": "network", "treatment": "contingent"},
                 {"name": "printer", "treatment": "contingent"}]}}"""


def test_reports_over_stored_tickets_and_work(oneoffice):
    contract = tierdesk.Contract.from_json(SOLUTIONBAR)
    desk = tierdesk.Desk(tierdesk.Store.memory(), prefix="SB", policy=oneoffice)
    a = desk.open_ticket(customer="Müller GmbH", contract="m1", subject="Drucker im Büro",
                         category="network", at=berlin(2026, 11, 5, 10, 0))
    b = desk.open_ticket(customer="Müller GmbH", contract="m1", subject="Toner",
                         category="printer", at=berlin(2026, 11, 6, 10, 0))
    desk.log_work(a.ref, minutes=420, at=berlin(2026, 11, 5, 11, 0),
                  logged_at=berlin(2026, 11, 5, 18, 0))
    desk.log_work(b.ref, minutes=210, kind="on_site", at=berlin(2026, 11, 20, 13, 0),
                  logged_at=berlin(2026, 11, 20, 17, 0))
    as_of = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    r = desk.status_report(contract=contract, customer="Müller GmbH", month="2026-11", as_of=as_of)
    assert r.worked == timedelta(minutes=630)
    assert r.contingent_exhausted
    assert r.subject == "Status Müller GmbH, 2026-11 - contingent exhausted"
    assert [line["ref"] for line in r.open] == ["SB-2026-000001", "SB-2026-000002"]
    assert r.topics == [("network", 1), ("printer", 1)]
    assert '"worked_minutes":630' in r.to_json()
    assert "*** CONTINGENT EXHAUSTED ***\n" in r.render_text(zone="Europe/Berlin")
    mail = r.render_mail(to="it@mueller.example", sender="pl@solutionbar.example",
                         message_id="<s1@solutionbar.example>")
    assert mail.startswith("From: pl@solutionbar.example\r\nTo: it@mueller.example\r\n")
    assert repr(r) == "<tierdesk.StatusReport 'Müller GmbH' 2026-11 open=2 worked=37800 s>"
    with pytest.raises(tierdesk.InvalidArgumentError, match="month"):
        desk.status_report(contract=contract, customer="Müller GmbH", month="2026-Q4", as_of=as_of)

    q4 = desk.ticket_report(contract=contract, customer="Müller GmbH", period="2026-Q4",
                            as_of=datetime(2027, 1, 1, tzinfo=UTC))
    assert (q4.tickets, q4.period) == (2, "2026-Q4")
    text = q4.render_text()
    assert "  from the contingent          630 min\n" in text
    assert "  charged                    60.00 EUR (ex VAT)\n" in text
    assert q4.render_svg().startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    no_policy = tierdesk.Desk(tierdesk.Store.memory(), prefix="SB")
    with pytest.raises(tierdesk.MissingFieldError, match="policy"):
        no_policy.ticket_report(contract=contract, customer="x", period="2026", as_of=as_of)
