"""Build a viewer's replica snapshot (shared/sync/snapshot.py): live rows in scope, one file.

Which rows a viewer may see is decided here in SQL, by the rules of
``server.services.scope.placement`` and ``can_see``: a territory-scoped row by its
territory (its owner when it has none), an account-scoped row by its account's
territory (its own owner when there is no account or the account has no territory), a
conflict by its territory or, without one, by the row it is about. The change log
records the same placement with every entry, so the file holds what pulling the log
from 0 leaves in a replica, minus the history (tests/server/test_snapshot.py holds the
two together on the same store).

On SQLite the rows go from the store into the file inside SQLite (ATTACH and one
``INSERT ... SELECT`` per table, one read transaction); on PostgreSQL they are read in
one REPEATABLE READ transaction, already in SQLite's stored form, and written with one
executemany per batch. A store in memory (SQLite ``:memory:``) offers none: the view
answers 404 and clients download page by page.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ColumnElement,
    Date,
    DateTime,
    Integer,
    Select,
    Table,
    Text,
    and_,
    cast,
    exists,
    false,
    func,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session

from server.services.scope import Viewer
from server.tables import change_log
from shared.models import ENTITIES, EntitySpec, Scope
from shared.sync.snapshot import DIALECT, FORMAT, INFO_DDL, INFO_TABLE

BATCH = 5000  # rows per executemany on the PostgreSQL path


@dataclass(frozen=True)
class Built:
    cursor: int  # every change at or below it is in the file, none above it
    rows: int


def columns_of(spec: EntitySpec) -> tuple[str, ...]:
    return ("id", *spec.fields, "clocks", "deleted")


def visible_rows(spec: EntitySpec, viewer: Viewer) -> Select[Any]:
    """The live rows of *spec* the viewer may see, every column of the snapshot table."""
    table: Table = spec.table
    query = select(*(table.c[name] for name in columns_of(spec))).where(
        table.c.deleted == false())
    if viewer.sees_all or spec.scope is Scope.EVERYONE:
        return query
    return query.where(_sees(spec, table, viewer))


def _sees(spec: EntitySpec, row: Any, viewer: Viewer) -> ColumnElement[bool]:
    """Whether the viewer may see *row* (a table or alias of *spec*), as ``can_see`` says."""
    if viewer.sees_all or spec.scope is Scope.EVERYONE:
        return true()
    owner = row.c.owner_id if "owner_id" in row.c else None  # (contacts have none)
    if spec.scope is Scope.ACCOUNT:
        accounts = ENTITIES["account"].table
        territory = (select(accounts.c.territory_id).where(accounts.c.id == row.c.account_id)
                     .scalar_subquery())
        return _placed(viewer, territory, owner)
    if spec.name == "conflict":
        return or_(_in_territories(viewer, row.c.territory_id),
                   and_(row.c.territory_id.is_(None), _conflict_row_seen(row, viewer)))
    return _placed(viewer, row.c.territory_id, owner)


def _placed(viewer: Viewer, territory: Any, owner: Any) -> ColumnElement[bool]:
    """In one of the viewer's territories, or placed nowhere and owned by the viewer."""
    unplaced = false() if owner is None else and_(territory.is_(None),
                                                  owner == viewer.user_id)
    return or_(_in_territories(viewer, territory), unplaced)


def _in_territories(viewer: Viewer, territory: Any) -> ColumnElement[bool]:
    if not viewer.territory_ids:
        return false()
    return territory.in_(sorted(viewer.territory_ids))


def _conflict_row_seen(conflict: Any, viewer: Viewer) -> ColumnElement[bool]:
    """A conflict placed nowhere follows the row it is about; without that row, its loser."""
    seen: list[ColumnElement[bool]] = []
    found: list[ColumnElement[bool]] = []
    for spec in ENTITIES.values():
        if spec.name == "conflict":
            continue
        row = spec.table.alias(f"about_{spec.name}")
        about = and_(conflict.c.entity == spec.name, row.c.id == conflict.c.row_id)
        seen.append(exists().where(about, _sees(spec, row, viewer)))
        found.append(exists().where(about))
    return or_(*seen, and_(not_(or_(*found)), conflict.c.loser_user_id == viewer.user_id))


HEAD = select(func.coalesce(func.max(change_log.c.pos), 0))


class SnapshotUnavailable(Exception):
    """This store cannot be read from another connection (an in-memory SQLite store)."""


def build(session: Session, viewer: Viewer, path: Path, server_hlc: str) -> Built:
    """Write the viewer's snapshot to a new SQLite file at *path*; the session's store
    is only read (SQLite: through a connection of its own, in one read transaction)."""
    engine = session.get_bind().engine
    database = engine.url.database
    if engine.dialect.name == "postgresql":
        _create(path)
        return _build_in_postgres(session, viewer, path, server_hlc)
    if engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
        raise SnapshotUnavailable(f"no snapshot of a {engine.dialect.name} store in memory")
    _create(path)
    session.rollback()  # nothing of the caller's is pending: the build reads alone
    return _build_in_sqlite(Path(str(database)), viewer, path, engine.dialect, server_hlc)


def _create(path: Path) -> None:
    with _open(path) as snapshot:
        snapshot.execute(INFO_DDL)
        for spec in ENTITIES.values():
            snapshot.execute(_table_ddl(spec))


def _table_ddl(spec: EntitySpec) -> str:
    columns = ", ".join(f"{name} {spec.table.c[name].type.compile(DIALECT)}"
                        for name in columns_of(spec))
    return f"CREATE TABLE {spec.table.name} ({columns})"


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=OFF")  # a scratch file, written once
    connection.execute("PRAGMA synchronous=OFF")
    return connection


def _build_in_sqlite(store: Path, viewer: Viewer, path: Path, dialect: Any,
                     server_hlc: str) -> Built:
    connection = sqlite3.connect(store, isolation_level=None, timeout=30)
    try:
        connection.execute("ATTACH DATABASE ? AS snapshot", (str(path),))
        connection.execute("PRAGMA snapshot.journal_mode=OFF")
        connection.execute("PRAGMA snapshot.synchronous=OFF")
        connection.execute("BEGIN")  # one read transaction: rows and cursor agree
        cursor = int(connection.execute(*_compiled(HEAD, dialect)).fetchone()[0])
        rows = 0
        for spec in ENTITIES.values():
            sql, params = _compiled(visible_rows(spec, viewer), dialect)
            names = ", ".join(columns_of(spec))
            rows += connection.execute(
                f"INSERT INTO snapshot.{spec.table.name} ({names}) {sql}", params).rowcount
        _write_info(connection, "snapshot.", cursor, viewer, server_hlc)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return Built(cursor, rows)


def _compiled(query: Select[Any], dialect: Any) -> tuple[str, Sequence[Any]]:
    """The statement as SQLite text with its positional parameters."""
    compiled = query.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    return compiled.string, tuple(params[name] for name in compiled.positiontup or ())


def _build_in_postgres(session: Session, viewer: Viewer, path: Path,
                       server_hlc: str) -> Built:
    session.rollback()
    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    try:
        cursor = int(session.execute(HEAD).scalar_one())
        rows = 0
        with _open(path) as snapshot:
            snapshot.execute("BEGIN")
            for spec in ENTITIES.values():
                rows += _copy_rows(session, snapshot, spec, viewer)
            _write_info(snapshot, "", cursor, viewer, server_hlc)
            snapshot.execute("COMMIT")
    finally:
        session.rollback()  # read only
    return Built(cursor, rows)


def _copy_rows(session: Session, snapshot: sqlite3.Connection, spec: EntitySpec,
               viewer: Viewer) -> int:
    names = columns_of(spec)
    insert = (f"INSERT INTO {spec.table.name} ({', '.join(names)}) "
              f"VALUES ({', '.join('?' * len(names))})")
    # PostgreSQL writes each value in SQLite's stored form itself (text and numbers,
    # which need no result processing), and the rows go to SQLite as they come.
    stored = visible_rows(spec, viewer).with_only_columns(
        *(_as_stored(spec.table.c[name]) for name in names))
    copied = 0
    for batch in session.execute(stored, execution_options={"yield_per": BATCH}).partitions():
        snapshot.executemany(insert, batch)
        copied += len(batch)
    return copied


def _as_stored(column: Column[Any]) -> ColumnElement[Any]:
    """*column* as SQLAlchemy's SQLite dialect stores it (``shared.sync.snapshot``):
    times as "YYYY-MM-DD HH:MM:SS.ffffff", dates as "YYYY-MM-DD", JSON as text, booleans
    as 0/1."""
    kind = column.type
    if isinstance(kind, DateTime):
        return func.to_char(column, "YYYY-MM-DD HH24:MI:SS.US")
    if isinstance(kind, Date):
        return func.to_char(column, "YYYY-MM-DD")
    if isinstance(kind, JSON):
        return cast(column, Text)
    if isinstance(kind, Boolean):
        return cast(column, Integer)
    return column


def _write_info(connection: sqlite3.Connection, schema: str, cursor: int, viewer: Viewer,
                server_hlc: str) -> None:
    connection.executemany(f"INSERT INTO {schema}{INFO_TABLE} (key, value) VALUES (?, ?)",
                           [("format", str(FORMAT)), ("cursor", str(cursor)),
                            ("user_id", viewer.user_id),
                            ("server_hlc", server_hlc)])
