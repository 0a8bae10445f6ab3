"""Tickets in a store through tierdesk.ServiceDesk, run under the example contracts
(examples/contracts): opening with the contract's defaults, the changes agents make, work and
fees, their errors, a file reopened, threads sharing one desk, clocks and due alarms, and
OneOffice's statement from stored work."""

import threading
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

import tierdesk
from conftest import berlin, copenhagen

UTC = timezone.utc


def open_nordlys(desk, **extra):
    args = dict(customer="nordlys", subject="VPN down", channel="phone",
                at=copenhagen(2026, 11, 16, 9, 0), actor="anna")
    args.update(extra)
    return desk.open_ticket(**args).ticket


def test_a_ticket_opens_with_the_contracts_defaults(desk):
    opened = desk.open_ticket(customer="nordlys", subject="VPN down", channel="phone",
                              priority="high", at=copenhagen(2026, 11, 16, 9, 0), actor="anna")
    assert repr(opened) == "Opened(OO-2026-000001, created=True)"
    t, created = opened
    assert created is True and opened.ticket == t
    assert t.ref == "OO-2026-000001"  # OneOffice's prefix
    assert t.status == tierdesk.TicketStatus.NEW == "new"
    assert t.channel == tierdesk.Channel.PHONE
    # The contract's default category, nordlys' fixed contact as assignee.
    assert (t.customer, t.contract, t.category, t.priority, t.tier, t.assignee) == (
        "nordlys", "oneoffice", "support", "high", 1, "mck")
    assert t.created_at == datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
    assert repr(t) == "<tierdesk.Ticket OO-2026-000001 new tier 1 'VPN down'>"
    # No priority given: the contract's default; the security category's own priority.
    assert open_nordlys(desk, subject="Mail slow").priority == "normal"
    assert open_nordlys(desk, subject="Hacked?", category="security").priority == "critical"


def test_the_same_external_id_returns_the_customers_ticket_unchanged(desk):
    first = desk.open_ticket(customer="nordlys", subject="Printer", external_id="<m1@nordlys>",
                             at=copenhagen(2026, 11, 16, 9, 0))
    again = desk.open_ticket(customer="nordlys", subject="Printer (resent)",
                             external_id="<m1@nordlys>", at=copenhagen(2026, 11, 16, 9, 5))
    assert (first.created, again.created) == (True, False)
    assert again.ticket == first.ticket
    assert again.ticket.subject == "Printer"
    assert len(desk.tickets()) == 1


def test_reply_escalate_assign_categorise_and_resolve(desk):
    t = open_nordlys(desk, priority="high")
    t = desk.reply(t.ref, "We are on it", at=copenhagen(2026, 11, 16, 9, 10), actor="bo")
    assert t.status == "open"
    t = desk.reply(t.ref, "checked the logs", kind="internal", at=copenhagen(2026, 11, 16, 9, 12))
    t = desk.escalate(t.ref, 2, "needs the network team", at=copenhagen(2026, 11, 16, 9, 20),
                      actor="bo")
    assert t.tier == 2
    t = desk.assign(t.ref, "net-team", at=copenhagen(2026, 11, 16, 9, 21), actor="bo")
    t = desk.category(t.ref, "security", at=copenhagen(2026, 11, 16, 9, 22), actor="bo")
    t = desk.priority(t.ref, "critical", at=copenhagen(2026, 11, 16, 9, 23), actor="bo")
    assert (t.assignee, t.category, t.priority) == ("net-team", "security", "critical")
    history = desk.history(t.ref)
    assert [e.kind for e in history[:5]] == ["created", "agent_public_reply", "status",
                                             "agent_internal_note", "tier"]
    assert history[4].kind == tierdesk.HistoryKind.TIER
    assert (history[4].value, history[4].payload) == (
        "2", {"reason": "needs the network team", "from": "1"})
    assert history[3].actor == "python"
    assert repr(history[2]) == "HistoryEvent(3, 2026-11-16T08:10:00Z, 'bo', 'status', 'open')"
    assert [(e.kind, e.value) for e in history if e.kind in ("assigned", "category", "priority")] == [
        ("assigned", "net-team"), ("category", "security"), ("priority", "critical")]

    t = desk.status(t.ref, "resolved", at=copenhagen(2026, 11, 16, 11, 0), actor="bo")
    assert t.status == tierdesk.TicketStatus.RESOLVED
    assert desk.ticket(t.ref) == t
    assert desk.tickets(customer="nordlys") == [t]
    assert desk.tickets(status="open") == []
    assert desk.tickets(customer="nordlys", open_only=True) == []


def test_log_work_returns_the_stored_entry_and_records_an_event(desk):
    t = open_nordlys(desk)
    w = desk.log_work(t.ref, minutes=30, at=copenhagen(2026, 11, 16, 19, 0), kind="on_site",
                      role="senior", note="BIOS update forced", agent="mck",
                      logged_at=copenhagen(2026, 11, 16, 19, 40), actor="cy")
    assert (w.ticket, w.agent, w.kind, w.role, w.note, w.entry, w.reversed) == (
        "OO-2026-000001", "mck", "on_site", "senior", "BIOS update forced", 2, None)
    assert w.start == datetime(2026, 11, 16, 18, 0, tzinfo=UTC)
    assert w.duration == timedelta(minutes=30)
    # No start: the work just ended; no agent: the actor.
    w2 = desk.log_work(t.ref, duration=timedelta(minutes=45),
                       logged_at=datetime(2026, 11, 17, 10, 0, tzinfo=UTC), actor="dan")
    assert (w2.start, w2.agent, w2.entry) == (datetime(2026, 11, 17, 9, 15, tzinfo=UTC), "dan", 3)
    event = desk.history(t.ref)[1]
    assert event.kind == tierdesk.HistoryKind.WORK_LOGGED == "work_logged"
    assert (event.seq, event.actor) == (2, "cy")
    assert event.at == datetime(2026, 11, 16, 18, 40, tzinfo=UTC)
    assert event.payload == {"agent": "mck", "kind": "on_site", "note": "BIOS update forced",
                             "role": "senior", "seconds": "1800",
                             "start": "2026-11-16T18:00:00Z"}
    assert desk.work(ref=t.ref) == [w, w2]
    # Half-open: the second entry starts exactly at `end`.
    november_16 = desk.work(customer="nordlys", start=datetime(2026, 11, 16, 18, 0, tzinfo=UTC),
                            end=datetime(2026, 11, 17, 9, 15, tzinfo=UTC))
    assert november_16 == [w]
    assert desk.work(customer="mueller") == []

    fee = desk.charge_fee(t.ref, "on_call_non_critical", at=copenhagen(2026, 11, 17, 22, 0))
    assert (fee.ref, fee.code, fee.at, fee.entry, fee.reversed) == (
        "OO-2026-000001", "on_call_non_critical", datetime(2026, 11, 17, 21, 0, tzinfo=UTC), 4,
        None)
    assert repr(fee) == "Fee('OO-2026-000001', 'on_call_non_critical', 2026-11-17T21:00:00Z, entry 4)"
    assert desk.fees(customer="nordlys") == desk.fees(ref=t.ref) == desk.fees() == [fee]
    assert desk.ticket(t.ref).version == 4


def test_the_reference_year_is_the_calendar_year_in_the_contracts_zone(desk):
    new_year = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January in Copenhagen
    assert open_nordlys(desk, at=new_year).ref == "OO-2027-000001"
    assert desk.open_ticket(customer="mueller", subject="Neujahr", at=new_year).ticket.ref == (
        "SB-2027-000001")  # 00:30 in Berlin too


def test_bad_input_raises_and_stores_nothing(desk):
    t = open_nordlys(desk)
    at = copenhagen(2026, 11, 16, 10, 0)
    with pytest.raises(tierdesk.InvalidArgumentError) as zero:
        desk.log_work(t.ref, minutes=0, at=at, logged_at=at)
    assert zero.value.code == "invalid_argument"
    assert zero.value.message == 'minutes: got "0", expected 1 … 1440 (at most 24 h)'
    with pytest.raises(tierdesk.InvalidArgumentError, match='minutes: got "4611686018427387964"'):
        desk.log_work(t.ref, minutes=4611686018427387964, at=at, logged_at=at)
    with pytest.raises(ValueError, match='got "90000 s"'):
        desk.log_work(t.ref, duration=timedelta(hours=25), logged_at=at)
    with pytest.raises(tierdesk.InvalidArgumentError, match="exactly one"):
        desk.log_work(t.ref, minutes=5, duration=timedelta(minutes=5), logged_at=at)
    with pytest.raises(tierdesk.InvalidArgumentError, match='kind: got "boat"'):
        desk.log_work(t.ref, minutes=5, kind="boat", logged_at=at)
    with pytest.raises(TypeError, match="minutes"):
        desk.log_work(t.ref, minutes="5", logged_at=at)
    with pytest.raises(tierdesk.InvalidArgumentError, match="naive"):
        desk.log_work(t.ref, minutes=5, at=datetime(2026, 11, 16, 10, 0), logged_at=at)
    # Work before the ticket was opened, or that has not ended when it is booked.
    with pytest.raises(tierdesk.InvalidArgumentError, match="at or after OO-2026-000001 opened"):
        desk.log_work(t.ref, minutes=30, at=copenhagen(2026, 11, 16, 8, 0), logged_at=at)
    with pytest.raises(tierdesk.InvalidArgumentError, match="work that has ended"):
        desk.log_work(t.ref, minutes=90, at=copenhagen(2026, 11, 16, 9, 30), logged_at=at)
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
    with pytest.raises(tierdesk.InvalidArgumentError, match='kind: got "shout"'):
        desk.reply(t.ref, "hi", kind="shout", at=at)
    with pytest.raises(tierdesk.MissingFieldError, match="customer"):
        desk.open_ticket(subject="no customer", at=at)
    with pytest.raises(tierdesk.MissingFieldError, match="subject"):
        desk.open_ticket(customer="nordlys", subject="", at=at)
    with pytest.raises(tierdesk.InvalidArgumentError, match="synchronous"):
        tierdesk.Store(":memory:", synchronous="sometimes")
    assert len(desk.tickets()) == 1


def test_a_file_store_keeps_tickets_and_work(tmp_path, book):
    path = tmp_path / "desk.db"
    store = tierdesk.Store(str(path), synchronous="normal")
    assert repr(store) == f"<tierdesk.Store '{path}' schema {store.schema_version}>"
    desk = tierdesk.ServiceDesk(store, book)
    assert repr(desk) == f"<tierdesk.ServiceDesk on '{path}' for staff>"
    t = desk.open_ticket(customer="mueller", subject="Toner", at=berlin(2026, 11, 5, 10, 0)).ticket
    desk.log_work(t.ref, minutes=90, at=berlin(2026, 11, 5, 11, 0),
                  logged_at=berlin(2026, 11, 5, 13, 0), actor="bo")
    del desk, store
    again = tierdesk.ServiceDesk(tierdesk.Store(str(path)), book)
    # created, queued for the JourFixe, work logged
    assert again.ticket("SB-2026-000001").version == 3
    [w] = again.work(customer="mueller")
    assert (w.ticket, w.start, w.duration, w.agent, w.entry) == (
        "SB-2026-000001", datetime(2026, 11, 5, 10, 0, tzinfo=UTC), timedelta(minutes=90), "bo", 3)


def test_a_statement_from_stored_work_has_oneoffices_figures(desk):
    refs = [open_nordlys(desk, subject=s).ref for s in ("BIOS", "Printer", "Evening")]
    desk.log_work(refs[0], minutes=30, at=copenhagen(2026, 11, 16, 10, 0),
                  logged_at=copenhagen(2026, 11, 16, 10, 30), actor="mck")
    desk.log_work(refs[1], minutes=11, at=copenhagen(2026, 11, 17, 10, 0),
                  logged_at=copenhagen(2026, 11, 17, 10, 11), actor="mck")
    desk.log_work(refs[2], minutes=30, at=copenhagen(2026, 11, 16, 19, 0),
                  logged_at=copenhagen(2026, 11, 16, 19, 30), actor="mck")
    desk.charge_fee(refs[0], "on_call_non_critical", at=copenhagen(2026, 11, 16, 22, 0))
    s = desk.statement("nordlys", "2026-11")
    # 30 min × 1,095.00/h; the fee; 11 min included (at most 15); 30 min × 2,190.00/h after hours.
    assert [(line.kind, line.amount) for line in s.lines] == [
        ("time", Decimal("547.50")), ("fee", Decimal("1000.00")),
        ("included", Decimal("0.00")), ("time", Decimal("1095.00"))]
    assert s.subtotal == Decimal("2642.50")
    assert s.vat == Decimal("660.63")  # 660.625 rounded half-up
    assert s.total == Decimal("3303.13")
    assert s.worked == timedelta(minutes=71)
    with pytest.raises(tierdesk.InvalidArgumentError, match="month"):
        desk.statement("nordlys", "2026-Q4")


def test_clocks_and_due_alarms_come_from_the_contract_and_survive_logged_work(desk):
    t = open_nordlys(desk, priority="high", at=copenhagen(2026, 3, 6, 14, 30))  # a Friday
    clocks = {c.clock: c for c in desk.clocks(t.ref)}
    assert sorted(clocks) == ["resolution", "response", "triage"]
    response = clocks["response"]
    assert response.state == tierdesk.ClockState.RUNNING == "running"
    # 30 min on Friday until 15:00, the rest from Monday 08:00 (Copenhagen).
    assert response.due == datetime(2026, 3, 9, 7, 30, tzinfo=UTC)
    assert response.warnings == [datetime(2026, 3, 9, 7, 15, tzinfo=UTC),
                                 datetime(2026, 3, 9, 7, 24, tzinfo=UTC)]
    assert (response.breached_at, response.open_breach) == (None, False)
    assert repr(response) == "ClockEntry('response', 'running', due 2026-03-09T07:30:00Z)"
    now = copenhagen(2026, 3, 6, 14, 30)
    due = [a for a in desk.due(within=timedelta(hours=72), now=now) if a.clock == "response"]
    assert [(a.ref, a.kind, a.at) for a in due] == [
        ("OO-2026-000001", "due", datetime(2026, 3, 9, 7, 30, tzinfo=UTC))]
    desk.log_work(t.ref, minutes=20, logged_at=copenhagen(2026, 3, 6, 15, 0))
    assert [a for a in desk.due(within=timedelta(hours=72), now=now)
            if a.clock == "response"][0].at == datetime(2026, 3, 9, 7, 30, tzinfo=UTC)


def test_threads_share_one_desk(desk):
    refs = [open_nordlys(desk, subject=f"t{i}").ref for i in range(4)]

    def book_work(ref):
        for i in range(25):
            desk.log_work(ref, minutes=1 + i, at=datetime(2026, 11, 18, 8, i, tzinfo=UTC),
                          logged_at=datetime(2026, 11, 18, 9, i, tzinfo=UTC))

    threads = [threading.Thread(target=book_work, args=(r,)) for r in refs]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    work = desk.work(customer="nordlys")
    assert len(work) == 100
    assert sum((w.duration for w in work), timedelta()) == timedelta(minutes=4 * 325)
    assert [desk.ticket(r).version for r in refs] == [26, 26, 26, 26]
    assert sorted(w.entry for w in desk.work(ref=refs[0])) == list(range(2, 27))
