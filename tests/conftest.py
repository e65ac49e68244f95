"""Fixtures shared by every test suite: a real FieldCRM server process with demo data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.live_server import LiveServer, start_server


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A seeded (20 demo accounts) server on a free port; stopped after the test."""
    server = start_server(tmp_path)
    try:
        yield server
    finally:
        server.stop()
