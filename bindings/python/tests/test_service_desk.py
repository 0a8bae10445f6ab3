"""Issue 15 through Python: the contract book, a customer-scoped desk, inbound messages, the
JourFixe, notices, corrections and the customer's month — and regression tests for what the
old binding (tierdesk.Desk, a desk configuration built in the host) got wrong."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

import tierdesk
from conftest import REPO, berlin, copenhagen

UTC = timezone.utc


def test_the_contract_book_loads_a_directory_and_names_what_it_lacks(book, monkeypatch, tmp_path):
    assert [c.id for c in book.contracts] == ["1und1-cloudpbx", "meinofficeplus", "oneoffice",
                                              "roewaplan", "solutionbar"]
    sb = book.contract("solutionbar")
    assert (sb.prefix, sb.default_category, sb.categories) == (
        "SB", "support", ["support", "project", "purchasing"])
    [mueller] = sb.customers
    assert (mueller.id, mueller.name, mueller.contact, mueller.team, mueller.lead) == (
        "mueller", "Müller GmbH", "jonas", "team-nord", "petra")
    assert book.contract_of("mueller").id == "solutionbar"
    assert book.customer("nordlys").contact == "mck"
    with pytest.raises(tierdesk.NotFoundError) as typo:
        book.contract("oneofice")
    assert typo.value.message == ('contract: got "oneofice", expected one of 1und1-cloudpbx, '
                                  'meinofficeplus, oneoffice, roewaplan, solutionbar')
    with pytest.raises(tierdesk.NotFoundError, match='customer: got "nobody"'):
        book.customer("nobody")

    # No directory given: $TIERDESK_CONTRACTS, else an error saying how to give one.
    monkeypatch.delenv("TIERDESK_CONTRACTS", raising=False)
    with pytest.raises(tierdesk.NotFoundError, match="TIERDESK_CONTRACTS"):
        tierdesk.ContractBook()
    monkeypatch.setenv("TIERDESK_CONTRACTS", str(REPO / "examples/contracts"))
    assert len(tierdesk.ContractBook().contracts) == 5
    assert len(tierdesk.ContractBook.load(None).contracts) == 5
    with pytest.raises(tierdesk.IoError, match="no such directory of contracts"):
        tierdesk.ContractBook(tmp_path / "missing")


def test_regression_a_contingent_support_request_of_mueller_is_billed(store, book):
    """The old binding failed with `contingent … no account` for support work drawn from
    Solutionbar's contingent."""
    notices = []
    desk = tierdesk.ServiceDesk(store, book, notifier=notices.append)
    t = desk.open_ticket(customer="mueller", subject="Netzwerk langsam",
                         at=berlin(2026, 12, 1, 9, 0), actor="office@mueller.example").ticket
    assert (t.contract, t.category, t.jourfixe) == ("solutionbar", "support", True)
    desk.log_work(t.ref, minutes=360, at=berlin(2026, 12, 1, 10, 0),
                  logged_at=berlin(2026, 12, 1, 16, 0), actor="jonas")
    assert notices == []
    desk.log_work(t.ref, minutes=300, at=berlin(2026, 12, 2, 10, 0),
                  logged_at=berlin(2026, 12, 2, 15, 0), actor="jonas")
    # 11 h of a 10 h contingent (December: after the 3-month start phase of 20 h).
    [n] = notices
    assert (n.kind, n.ref, n.customer, n.recipient, n.at) == (
        tierdesk.NoticeKind.CONTINGENT_EXHAUSTED, "SB-2026-000001", "mueller", "petra",
        datetime(2026, 12, 2, 14, 0, tzinfo=UTC))
    assert n.kind == "contingent-exhausted" and n.clock is None

    s = desk.statement("mueller", "2026-12")
    assert [(line.kind, line.quantity, line.amount) for line in s.lines] == [
        ("contingent", 660, Decimal("0.00")),      # SB-2026-000001 drawn from the contingent
        ("contingent", 660, Decimal("0.00")),      # 11:00 h used of 10:00 h
        ("overage", 60, Decimal("120.00")),        # 1 h × 120.00 EUR/h
        ("subscription", 1, Decimal("890.00"))]    # the monthly service fee
    assert s.lines[1].text == "hour contingent 2026-12: 11:00 h used of 10:00 h, 0:00 h left"
    assert (s.subtotal, s.vat, s.total) == (Decimal("1010.00"), Decimal("191.90"),
                                            Decimal("1201.90"))
    # The status e-mail's hours are the statement's.
    r = desk.status_report("mueller", "2026-12", as_of=datetime(2027, 1, 1, 8, 0, tzinfo=UTC))
    assert r.worked == s.worked == timedelta(hours=11)
    assert r.contingent_exhausted
    assert r.topics == [("support", 1)]
    assert r.open == [{"ref": "SB-2026-000001", "subject": "Netzwerk langsam", "status": "new",
                       "tier": 1, "priority": "normal",
                       "sla": tierdesk.SlaState.WAITING_FOR_JOURFIXE, "clock": "resolution",
                       "due": None}]


def test_regression_a_solutionbar_emergency_carries_the_surcharge(desk):
    """Solutionbar's emergency surcharge could not be set from any host."""
    t = desk.open_ticket(customer="mueller", subject="Server steht", channel="phone",
                         urgent=True, at=berlin(2026, 12, 3, 8, 30), actor="jonas").ticket
    assert (t.priority, t.jourfixe) == ("urgent", False)  # handled now, not at the JourFixe
    t = desk.mark_emergency(t.ref, "two booked appointments moved",
                            at=berlin(2026, 12, 3, 8, 40), actor="jonas")
    assert t.flags == ["displaced-appointments"]
    desk.log_work(t.ref, minutes=90, at=berlin(2026, 12, 3, 9, 0),
                  logged_at=berlin(2026, 12, 3, 10, 30), actor="jonas")
    s = desk.statement("mueller", "2026-12")
    emergency = [line for line in s.lines if line.kind == tierdesk.LineKind.EMERGENCY]
    assert [(line.text, line.quantity, line.amount, line.tickets) for line in emergency] == [
        ("SB-2026-000001 support: emergency surcharge (appointments displaced)", 1,
         Decimal("150.00"), ["SB-2026-000001"])]
    # 150.00 surcharge + 890.00 service fee; the 90 min are drawn from the contingent.
    assert (s.subtotal, s.vat, s.total) == (Decimal("1040.00"), Decimal("197.60"),
                                            Decimal("1237.60"))
    with pytest.raises(tierdesk.MissingFieldError, match="reason"):
        desk.mark_emergency(t.ref, "")
    nordlys = desk.open_ticket(customer="nordlys", subject="x", at=copenhagen(2026, 12, 3, 9)).ticket
    with pytest.raises(tierdesk.InvalidArgumentError,
                       match="contract oneoffice has no emergency surcharge"):
        desk.mark_emergency(nordlys.ref, "no appointments")
    assert desk.ticket(nordlys.ref).flags == []


def test_regression_unknown_names_are_errors_and_nothing_is_written(desk):
    """A typo once opened a TD-… ticket without SLA, accepted unknown customers, and a
    mistyped fee code made the customer's statement unbuildable."""
    at = copenhagen(2026, 11, 16, 9, 0)
    with pytest.raises(tierdesk.NotFoundError) as contract:
        desk.open_ticket(customer="nordlys", contract="oneofice", subject="VPN", at=at)
    assert contract.value.code == "not_found"
    assert contract.value.message == ('contract: got "oneofice", expected one of 1und1-cloudpbx, '
                                      'meinofficeplus, oneoffice, roewaplan, solutionbar')
    with pytest.raises(tierdesk.InvalidArgumentError,
                       match='contract: got "solutionbar", expected oneoffice'):
        desk.open_ticket(customer="nordlys", contract="solutionbar", subject="VPN", at=at)
    with pytest.raises(tierdesk.NotFoundError) as customer:
        desk.open_ticket(customer="nordlyz", subject="VPN", at=at)
    assert customer.value.message == 'customer: got "nordlyz", expected a customer of the contracts'
    with pytest.raises(tierdesk.InvalidArgumentError) as category:
        desk.open_ticket(customer="nordlys", category="hardware", subject="VPN", at=at)
    assert category.value.code == "invalid_argument"
    assert category.value.message == ('category: got "hardware", expected a category of contract '
                                      'oneoffice (support, security, project)')
    with pytest.raises(tierdesk.InvalidArgumentError, match='priority: got "urgent"'):
        desk.open_ticket(customer="nordlys", priority="urgent", subject="VPN", at=at)
    assert desk.tickets() == []

    t = desk.open_ticket(customer="nordlys", subject="VPN", at=at).ticket
    with pytest.raises(tierdesk.InvalidArgumentError) as fee:
        desk.charge_fee(t.ref, "on_call_non_critcal", at=at)
    assert fee.value.message == 'code: got "on_call_non_critcal", expected one of on_call_non_critical'
    with pytest.raises(tierdesk.InvalidArgumentError, match='category: got "hardware"'):
        desk.category(t.ref, "hardware", at=at)
    assert desk.fees() == []
    assert [e.kind for e in desk.history(t.ref)] == ["created"]
    assert desk.statement("nordlys", "2026-11").total == Decimal("0.00")


def test_regression_a_customer_desk_reaches_only_its_own_tickets(store, book):
    """A customer token could open under any contract and learn another customer's ticket."""
    staff = tierdesk.ServiceDesk(store, book)
    other = staff.open_ticket(customer="nordlys", subject="VPN", external_id="<n1@nordlys>",
                              at=copenhagen(2026, 11, 16, 9, 0)).ticket
    mueller = tierdesk.ServiceDesk(store, book, customer="mueller")
    assert (mueller.customer, staff.customer) == ("mueller", None)
    assert repr(mueller) == "<tierdesk.ServiceDesk on ':memory:' for customer 'mueller'>"

    # Another customer's ticket is not found, exactly like a missing one.
    with pytest.raises(tierdesk.NotFoundError) as hidden:
        mueller.ticket(other.ref)
    assert hidden.value.message == "ticket OO-2026-000001: not found"
    with pytest.raises(tierdesk.NotFoundError):
        mueller.clocks(other.ref)
    with pytest.raises(tierdesk.NotFoundError):
        mueller.reply(other.ref, "hello", kind="customer")
    with pytest.raises(tierdesk.NotFoundError, match="customer nordlys: not found"):
        mueller.tickets(customer="nordlys")
    with pytest.raises(tierdesk.NotFoundError, match="customer nordlys: not found"):
        mueller.statement("nordlys", "2026-11")
    # It opens only under its own contract, as itself, without choosing tier or assignee.
    with pytest.raises(tierdesk.ForbiddenError) as contract:
        mueller.open_ticket(contract="oneoffice", subject="VPN", at=berlin(2026, 11, 16, 9, 0))
    assert contract.value.message == ('contract: got "oneoffice", expected solutionbar, the '
                                      'contract of customer mueller')
    with pytest.raises(tierdesk.ForbiddenError, match='customer: got "nordlys"'):
        mueller.open_ticket(customer="nordlys", subject="VPN", at=berlin(2026, 11, 16, 9, 0))
    with pytest.raises(tierdesk.ForbiddenError, match="tier, assignee"):
        mueller.open_ticket(subject="VPN", tier=3, at=berlin(2026, 11, 16, 9, 0))
    # Another customer's external id is a conflict that reveals nothing of its ticket.
    with pytest.raises(tierdesk.ConflictError) as clash:
        mueller.open_ticket(subject="probe", external_id="<n1@nordlys>",
                            at=berlin(2026, 11, 16, 9, 0))
    assert clash.value.message == 'external_id: "<n1@nordlys>" cannot be used; choose another'
    # Agents' operations are not for a customer.
    with pytest.raises(tierdesk.ForbiddenError, match="work: not for a customer"):
        mueller.log_work(other.ref, minutes=5)
    with pytest.raises(tierdesk.ForbiddenError, match="due: not for a customer"):
        mueller.due(within=timedelta(hours=1))
    assert staff.tickets() == [other]

    own = mueller.open_ticket(subject="Drucker", at=berlin(2026, 11, 18, 9, 0),
                              actor="office@mueller.example").ticket
    assert (own.ref, own.customer, own.contract) == ("SB-2026-000001", "mueller", "solutionbar")
    assert mueller.tickets() == [own]
    assert mueller.ticket(own.ref) == own
    assert mueller.reply(own.ref, "any news?", kind="customer",
                         at=berlin(2026, 11, 18, 10, 0)).version == own.version + 1
    with pytest.raises(tierdesk.ForbiddenError, match='kind: got "public"'):
        mueller.reply(own.ref, "answering myself", at=berlin(2026, 11, 18, 10, 5))


def test_regression_a_reversed_work_entry_shows_as_reversed_on_the_statement(desk):
    """Work and fees are append-only; a wrong entry is corrected by reversing it."""
    t = desk.open_ticket(customer="nordlys", subject="VPN", channel="phone",
                         at=copenhagen(2026, 11, 16, 9, 0)).ticket
    kept = desk.log_work(t.ref, minutes=30, at=copenhagen(2026, 11, 16, 10, 0),
                         logged_at=copenhagen(2026, 11, 16, 10, 30), actor="mck")
    wrong = desk.log_work(t.ref, minutes=45, at=copenhagen(2026, 11, 16, 11, 0),
                          logged_at=copenhagen(2026, 11, 16, 11, 45), actor="mck")
    fee = desk.charge_fee(t.ref, "on_call_non_critical", at=copenhagen(2026, 11, 16, 12, 0))
    assert (kept.entry, wrong.entry, fee.entry) == (2, 3, 4)
    desk.reverse_entry(t.ref, wrong.entry, "booked on the wrong ticket",
                       at=copenhagen(2026, 11, 17, 9, 0), actor="bo")
    t = desk.reverse_entry(t.ref, fee.entry, "charged by mistake",
                           at=copenhagen(2026, 11, 17, 9, 0), actor="bo")
    assert t.version == 6
    assert desk.history(t.ref)[-1].payload == {"entry": "4", "reason": "charged by mistake"}
    [_, reversed_work] = desk.work(ref=t.ref)
    assert reversed_work.entry == 3
    assert reversed_work.reversed.reason == "booked on the wrong ticket"
    assert (reversed_work.reversed.actor, reversed_work.reversed.at) == (
        "bo", datetime(2026, 11, 17, 8, 0, tzinfo=UTC))
    assert desk.fees()[0].reversed.reason == "charged by mistake"

    s = desk.statement("nordlys", "2026-11")
    assert [(line.kind, line.quantity, line.amount) for line in s.lines] == [
        ("reversed", 45, Decimal("0.00")), ("reversed", 1, Decimal("0.00")),
        ("time", 30, Decimal("547.50"))]
    assert s.lines[0].text == ("reversed on 2026-11-17T08:00:00Z: 45 min from "
                               "2026-11-16T10:00:00Z by mck (booked on the wrong ticket)")
    assert s.lines[0].tickets == ["OO-2026-000001"]
    assert (s.subtotal, s.vat, s.total) == (Decimal("547.50"), Decimal("136.88"), Decimal("684.38"))
    assert s.worked == timedelta(minutes=30)

    with pytest.raises(tierdesk.ConflictError, match="event 3 is reversed already"):
        desk.reverse_entry(t.ref, wrong.entry, "again")
    with pytest.raises(tierdesk.NotFoundError, match='entry: got "1"'):
        desk.reverse_entry(t.ref, 1, "the creation is no entry")
    with pytest.raises(tierdesk.MissingFieldError, match="reason"):
        desk.reverse_entry(t.ref, kept.entry, "")
    assert desk.ticket(t.ref).version == 6


def test_regression_replies_thread_by_reference_and_message_id(desk):
    """`Re: [OO-2026-000001] Printer` opened a new ticket through every host but intake."""
    at = copenhagen(2026, 11, 16, 9, 0)
    opened = desk.receive(from_="Nordlys IT <it@nordlys.example>", subject="Printer",
                          body="offline", message_id="<m1@nordlys.example>", at=at)
    outcome, t = opened
    assert outcome == tierdesk.IntakeOutcome.OPENED == "opened"
    assert (t.ref, t.customer, t.channel, t.external_id) == (
        "OO-2026-000001", "nordlys", "email", "<m1@nordlys.example>")
    reply = desk.receive(from_="it@nordlys.example", subject="Re: [OO-2026-000001] Printer",
                         body="still offline", message_id="<m2@nordlys.example>",
                         at=at + timedelta(minutes=30))
    assert repr(reply) == "Received('appended', OO-2026-000001)"
    again = desk.receive(from_="it@nordlys.example", subject="Re: [OO-2026-000001] Printer",
                         body="still offline", message_id="<m2@nordlys.example>",
                         at=at + timedelta(minutes=31))
    assert again.outcome == "duplicate"
    by_reference = desk.receive(from_="it@nordlys.example", subject="Re: Printer", body="third",
                                message_id="<m3@nordlys.example>",
                                references=["<m1@nordlys.example>"], at=at + timedelta(hours=1))
    assert by_reference.outcome == "appended"
    history = desk.history(t.ref)
    assert [(e.kind, e.actor) for e in history] == [
        ("created", "Nordlys IT <it@nordlys.example>"),
        ("customer_reply", "it@nordlys.example"), ("customer_reply", "it@nordlys.example")]
    assert history[1].payload == {"body": "still offline", "channel": "email",
                                  "message_id": "<m2@nordlys.example>",
                                  "subject": "Re: [OO-2026-000001] Printer"}
    assert len(desk.tickets()) == 1
    with pytest.raises(tierdesk.NotFoundError,
                       match='from: got "who@nowhere.example", expected the address of a customer'):
        desk.receive(from_="who@nowhere.example", subject="spam", at=at)


def test_regression_an_urgent_email_under_solutionbar_is_flagged_and_waits_for_the_jourfixe(
        store, book):
    """Through `ticket open` and `POST /tickets` a Solutionbar request by e-mail ran its
    response clock; the contract collects it for the JourFixe."""
    notices = []
    desk = tierdesk.ServiceDesk(store, book, notifier=notices.append)
    r = desk.receive(from_="office@mueller.example", subject="Server down!", urgent=True,
                     message_id="<u1@mueller.example>", at=berlin(2026, 11, 17, 9, 0))
    t = r.ticket
    assert (r.outcome, t.flags, t.priority, t.jourfixe) == (
        "opened", ["urgent-by-email"], "normal", True)
    [n] = notices
    assert (n.kind, n.recipient, n.at) == ("urgent-by-email", "team-nord",
                                           datetime(2026, 11, 17, 8, 0, tzinfo=UTC))
    assert repr(n) == "Notice('urgent-by-email', 'SB-2026-000001', 'team-nord', 2026-11-17T08:00:00Z)"
    assert [(c.clock, c.state) for c in desk.clocks(t.ref)] == [
        ("resolution", tierdesk.ClockState.PENDING), ("response", "pending")]

    queue = desk.jourfixe_queue("solutionbar", now=berlin(2026, 11, 17, 10, 0))
    assert [q.ref for q in queue.tickets] == ["SB-2026-000001"]
    assert queue.next_slot == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # Tuesday 09:00 Berlin
    t = desk.record_jourfixe(t.ref, "carried_over", "waiting for parts",
                             at=berlin(2026, 11, 24, 10, 0), actor="petra")
    assert (t.status, t.jourfixe) == ("new", True)
    t = desk.record_jourfixe(t.ref, "resolved", "replaced the disk",
                             at=berlin(2026, 12, 8, 10, 0), actor="petra")
    assert (t.status, t.jourfixe) == ("resolved", False)
    assert desk.jourfixe_queue("solutionbar", now=berlin(2026, 12, 8, 11, 0)).tickets == []
    with pytest.raises(tierdesk.InvalidArgumentError, match='outcome: got "postponed"'):
        desk.record_jourfixe(t.ref, "postponed")
    with pytest.raises(tierdesk.InvalidArgumentError, match="do not wait for a JourFixe"):
        desk.jourfixe_queue("oneoffice")


def test_regression_reports_of_an_uncategorised_request_use_the_default_category(desk):
    """A ticket without a category showed `-`, and the status mail and ticket report failed
    with `no billing rules for ""` while the statement billed it."""
    t = desk.open_ticket(customer="nordlys", subject="Printer", at=copenhagen(2026, 11, 16, 9, 0),
                         actor="anna").ticket
    assert t.category == "support"
    desk.log_work(t.ref, minutes=30, at=copenhagen(2026, 11, 16, 10, 0),
                  logged_at=copenhagen(2026, 11, 16, 10, 30), actor="mck")
    as_of = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    report = desk.status_report("nordlys", "2026-11", as_of=as_of)
    assert report.topics == [("support", 1)]
    assert report.worked == desk.statement("nordlys", "2026-11").worked == timedelta(minutes=30)
    assert repr(report) == "<tierdesk.StatusReport 'nordlys' 2026-11 open=1 worked=1800 s>"
    mail = desk.status_mail("nordlys", "2026-11", as_of=as_of, to="it@nordlys.example",
                            sender="desk@oneoffice.example", message_id="<s1@oneoffice.example>")
    assert mail.startswith("From: desk@oneoffice.example\r\nTo: it@nordlys.example\r\n"
                           "Subject: Status Nordlys ApS, 2026-11\r\n")
    q4 = desk.ticket_report("nordlys", "2026-Q4", as_of=as_of)
    assert (q4.tickets, q4.period) == (1, "2026-Q4")
    assert "  support                              1\n" in q4.render_text()
    assert q4.render_svg().startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    overview = desk.overview("nordlys", as_of=copenhagen(2026, 11, 16, 10, 0))
    assert repr(overview) == "<tierdesk.Overview 'nordlys' tickets=1 open=1>"
    [line] = overview.tickets
    assert line.ticket.ref == t.ref
    assert [c.clock for c in line.clocks] == ["triage", "response", "resolution"]
    assert line.sla == {"state": tierdesk.SlaState.BREACHED, "clock": "triage",
                        "due": datetime(2026, 11, 16, 9, 0, tzinfo=UTC)}


def test_a_notifier_that_raises_propagates_after_the_change_is_stored(store, book):
    def broken(notice):
        raise RuntimeError(f"mail server down for {notice.recipient}")

    desk = tierdesk.ServiceDesk(store, book, notifier=broken)
    with pytest.raises(RuntimeError, match="mail server down for team-nord"):
        desk.receive(from_="office@mueller.example", subject="Server down!", urgent=True,
                     at=berlin(2026, 11, 17, 9, 0))
    [t] = desk.tickets()
    assert t.flags == ["urgent-by-email"]
    with pytest.raises(TypeError, match="notifier"):
        tierdesk.ServiceDesk(store, book, notifier="print")
