"""Shared fixtures: the repository's example files and a few calendars."""

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
