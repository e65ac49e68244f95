"""Fixtures of the desktop core tests: a fresh replica with a territory to work in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import Store
from shared.models import Territory, User

TERRITORY_ID = "0190a000-0000-7000-8000-000000000001"
USER_ID = "0190a000-0000-7000-8000-000000000002"
SERVER_CLOCK = "000000000000001-00000-server"


@pytest.fixture
def replica_path(tmp_path: Path) -> Path:
    return tmp_path / "replicas" / "crm.test_8080" / "li.wei.sqlite"


@pytest.fixture
def store(replica_path: Path) -> Iterator[Store]:
    """A replica that already holds the reference rows a bootstrap would bring."""
    replica = Store.open(replica_path)
    with replica.write() as session:
        session.add(Territory(id=TERRITORY_ID, name="华东 East China",
                              clocks={"name": SERVER_CLOCK}, deleted=False))
        session.add(User(id=USER_ID, username="li.wei", display_name="Li Wei", role="rep",
                         active=True, clocks={"username": SERVER_CLOCK}, deleted=False))
    yield replica
    replica.close()
