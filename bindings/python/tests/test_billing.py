"""Money as decimal.Decimal, contracts and statements: OneOffice's worked figures (support
1,095.00 DKK/h, the first 15 minutes included, +100 % outside Mon–Thu 08–16, Fri 08–15
Copenhagen, VAT 25 %)."""

import datetime as dt
from datetime import timedelta
from decimal import Decimal

import pytest

import tierdesk
from conftest import copenhagen

ONEOFFICE = """{
  "name": "OneOffice driftsaftale",
  "billing": {
    "currency": "DKK", "vat": "25 %", "zone": "Europe/Copenhagen",
    "rates": [{"role": "support", "per_hour": "1095.00"}, {"role": "project", "per_hour": "1,495.00"}],
    "rounding": {"step_minutes": 1, "scope": "per_ticket"},
    "out_of_hours": {
      "surcharge": "100 %", "mode": "by_start",
      "calendar": {"name": "oneoffice", "zone": "Europe/Copenhagen",
                   "week": {"mon": [["08:00", "16:00"]], "tue": [["08:00", "16:00"]],
                            "wed": [["08:00", "16:00"]], "thu": [["08:00", "16:00"]],
                            "fri": [["08:00", "15:00"]]},
                   "holidays": ["DK"]}},
    "fees": [{"code": "on_call_non_critical", "text": "non-critical call to the on-call line",
              "amount": "1000.00"}],
    "categories": [{"name": "support", "treatment": "billable",
                    "threshold": {"mode": "all_if_over", "minutes": 15}}]
  }
}"""


@pytest.fixture(scope="module")
def contract():
    return tierdesk.Contract.from_json(ONEOFFICE)


def support(ref, start, minutes):
    work = tierdesk.WorkEntry(ref, "mck", start, timedelta(minutes=minutes))
    return tierdesk.BillableTicket(ref, "support", work=[work])


def november(contract, *tickets):
    return contract.statement(customer="acme", first=dt.date(2026, 11, 1), last=dt.date(2026, 11, 30),
                              tickets=list(tickets))


def test_money_is_decimal_and_never_float():
    rate = tierdesk.Money(Decimal("1095.00"), "DKK")
    assert rate.amount == Decimal("1095.00") and str(rate.amount) == "1095.00"
    assert rate.minor_units == 109500 and rate.currency == "DKK"
    assert str(rate) == "1,095.00 DKK"
    assert repr(rate) == "Money('1,095.00', 'DKK')"
    assert tierdesk.Money("1,095.00", "DKK") == rate == tierdesk.Money(1095, "DKK")
    assert (rate + tierdesk.Money("0.50", "DKK")).amount == Decimal("1095.50")
    assert tierdesk.Money(Decimal("1E+3"), "JPY").amount == Decimal("1000")
    with pytest.raises(TypeError, match="never float"):
        tierdesk.Money(1095.0, "DKK")
    with pytest.raises(tierdesk.InvalidArgumentError):
        tierdesk.Money(Decimal("0.001"), "DKK")
    with pytest.raises(tierdesk.InvalidArgumentError):
        tierdesk.Money("1", "KR")
    with pytest.raises(tierdesk.CurrencyMismatchError):
        rate + tierdesk.Money("1", "EUR")
    with pytest.raises(tierdesk.OverflowError):
        tierdesk.Money("99999999999999999999", "DKK")


def test_contract(contract):
    assert contract.name == "OneOffice driftsaftale"
    assert contract.currency == "DKK" and contract.vat_rate == "25 %"
    assert "category support: billable, all_if_over 15 min" in contract.summary()
    assert repr(contract) == "<tierdesk.Contract 'OneOffice driftsaftale' DKK>"


def test_statement_worked_figures(contract):
    s = november(contract, support("OO-1", copenhagen(2026, 11, 16, 10), 30))
    assert (s.subtotal, s.vat, s.total) == (Decimal("547.50"), Decimal("136.88"), Decimal("684.38"))
    assert s.currency == "DKK" and s.vat_rate == "25 %" and s.customer == "acme"
    [line] = s.lines
    assert line.kind == tierdesk.LineKind.TIME == "time"
    assert (line.quantity, line.unit_price, line.amount, line.tickets) == (
        30, Decimal("1095.00"), Decimal("547.50"), ["OO-1"])
    assert '"total": "684.38"' in s.to_json().replace('":"', '": "')
    assert "547.50" in s.render_text()


def test_statement_included_and_out_of_hours(contract):
    s = november(contract, support("OO-2", copenhagen(2026, 11, 16, 10), 11),
                 support("OO-3", copenhagen(2026, 11, 16, 19), 30))
    assert s.subtotal == Decimal("1095.00")
    assert [line.kind for line in s.lines] == ["included", "time"]


def test_statement_fee(contract):
    t = tierdesk.BillableTicket("OO-4", "support", fees=[("on_call_non_critical", copenhagen(2026, 11, 20, 22))])
    assert november(contract, t).subtotal == Decimal("1000.00")


def test_statement_errors(contract):
    with pytest.raises(tierdesk.NotFoundError, match="nope"):
        november(contract, tierdesk.BillableTicket("OO-5", "nope"))
    with pytest.raises(tierdesk.InvalidArgumentError):
        tierdesk.WorkEntry("OO-1", "mck", copenhagen(2026, 11, 16, 10), timedelta(minutes=5), kind="onsite")
    with pytest.raises(tierdesk.Error):
        november(contract, support("OO-1", copenhagen(2026, 11, 16, 10), 60 * 25))
    with pytest.raises(TypeError):
        november(contract, "OO-1")
    with pytest.raises(tierdesk.Error) as info:
        tierdesk.Contract.from_json(ONEOFFICE.replace('"1095.00"', '"1095,00"'))
    assert "billing.rates[0].per_hour" in info.value.message
