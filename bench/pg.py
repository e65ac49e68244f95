"""A fresh PostgreSQL database per run (created, and dropped at the end even on failure)."""

from __future__ import annotations

import os
import time

import psycopg
from psycopg import sql

from bench.config import PG_ADMIN_URL, PG_URL_TEMPLATE
from bench.resources import BenchError, Resources


def create_database(resources: Resources, admin_url: str = PG_ADMIN_URL) -> str:
    """Create ``fieldcrm_bench_<pid>_<time>``; returns its SQLAlchemy URL."""
    name = f"fieldcrm_bench_{os.getpid()}_{int(time.time())}"
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as exc:
        raise BenchError(f"cannot create PostgreSQL database {name}: {exc}") from exc
    resources.on_release(f"database {name}", lambda: drop_database(name, admin_url))
    return PG_URL_TEMPLATE.format(name=name)


def drop_database(name: str, admin_url: str = PG_ADMIN_URL) -> None:
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                           .format(sql.Identifier(name)))
