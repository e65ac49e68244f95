"""Server test fixtures: a migrated database per test (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text

from server.app import create_app
from server.config import FAST_PASSWORD_COST, ServerConfig
from server.db import create_db_engine, migrate
from server.state import current_state
from server.tables import metadata as server_metadata
from shared.models import Base
from tests.server.helpers import World, make_world
from tests.support.postgres import PG_ENV, migrated_postgres_database

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for each test (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this session, migrated once, dropped at the end."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    with migrated_postgres_database(base, "fieldcrm_test") as url:
        yield url


def _truncate_all(url: str) -> None:
    """Empty every table and restart log positions at 1 (DELETE: far quicker than TRUNCATE
    on tiny tables, and it needs no exclusive lock)."""
    engine = create_db_engine(url)
    tables = [*server_metadata.sorted_tables, *Base.metadata.sorted_tables]
    try:
        with engine.begin() as conn:
            for table in reversed(tables):  # children before the rows they reference
                conn.execute(table.delete())
            conn.execute(text("SELECT setval(pg_get_serial_sequence('change_log', 'pos'), 1, "
                              "false)"))
    finally:
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "server.sqlite"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    _truncate_all(url)
    return url


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = create_app(ServerConfig(database_url, password_cost=FAST_PASSWORD_COST))
    yield app
    with app.app_context():
        current_state().db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def engine(app: Flask) -> Engine:
    with app.app_context():
        return current_state().db.engine


@pytest.fixture
def world(app: Flask, client: FlaskClient) -> World:
    """Territories East and South; reps li (East), zhang (East), wang (South); manager chen."""
    return make_world(app, client)
