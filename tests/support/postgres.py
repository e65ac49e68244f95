"""A throw-away PostgreSQL database for one test run, migrated, dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from server.db import migrate

PG_ENV = "FIELDCRM_TEST_POSTGRES_URL"


@contextmanager
def migrated_postgres_database(base_url: str, prefix: str) -> Iterator[str]:
    """Create ``<prefix>_<random>`` next to *base_url*'s database, migrate it, yield its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(base_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
    try:
        migrate(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
