"""Shared fixtures: the repository's example files, a few calendars, the example contracts
and a service desk over a fresh in-memory store."""

import pathlib
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import tierdesk

REPO = pathlib.Path(__file__).resolve().parents[3]
BERLIN = ZoneInfo("Europe/Berlin")
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def berlin(*args):
    return datetime(*args, tzinfo=BERLIN)


def copenhagen(*args):
    return datetime(*args, tzinfo=COPENHAGEN)


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def bw_office():
    return tierdesk.Calendar.from_file(REPO / "examples/calendars/de-bw-office.json")


@pytest.fixture(scope="session")
def oneoffice():
    return tierdesk.Policy.from_file(REPO / "examples/policies/oneoffice.json")


@pytest.fixture(scope="session")
def book():
    """The five example contracts (oneoffice, roewaplan, solutionbar, 1und1-cloudpbx,
    meinofficeplus)."""
    return tierdesk.ContractBook(REPO / "examples/contracts")


@pytest.fixture
def store():
    return tierdesk.Store.memory()


@pytest.fixture
def desk(store, book):
    """The provider's staff desk over a fresh store."""
    return tierdesk.ServiceDesk(store, book)
