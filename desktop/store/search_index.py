"""The replica's full-text index (FTS5, trigram), a derived local cache kept in step.

The index lives in a sibling file (``<replica>-search``) ATTACHed to every connection
as schema ``search``, so Alembic's view of the replica stays exactly the models and
deleting the file only costs a rebuild. Every write that changes an indexed row calls
``refresh``/``remove`` in the same transaction. SQLite in WAL mode commits attached
files one after the other, so each indexing transaction also stamps both files'
``user_version`` with the same number: a crash between the two commits leaves the
stamps different and ``ensure`` rebuilds the index at the next open. A bootstrap skips
indexing page by page: ``mark_stale`` sets the index's stamp to ``STALE`` (-1, which
``_bump`` never hands out and then leaves alone) until its final ``rebuild``, so a
bootstrap cut short leaves an index that ``ensure`` rebuilds. A snapshot's rows are
indexed from the snapshot file itself (``build_from``), on another connection, while
they are copied into the replica.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop.store import raw_sql

SCHEMA = "search"
CHUNK = 500
BUSY_TIMEOUT_S = 10.0
REBUILD_HASH_BYTES = 16 * 1024 * 1024  # FTS5 'hashsize' (a rebuild: 80k docs, 0.9 -> 0.6 s)
BUILD_CACHE_KIB = 32 * 1024  # page cache of build_from's own connection
STAMP_LIMIT = 2**31 - 1
STALE = -1  # the index's stamp while a bootstrap fills the replica without indexing
# What each kind of record is found by (issue 4: accounts, contacts, deals, visit notes).
INDEXED: dict[str, tuple[str, ...]] = {
    "account": ("name", "city", "phone"),
    "contact": ("name", "email", "phone", "mobile", "title"),
    "opportunity": ("name",),
    "visit": ("purpose", "notes", "location"),
}
TABLES = {"account": "accounts", "contact": "contacts", "opportunity": "opportunities",
          "visit": "visits"}
# Each kind's documents get ids in their own range, so a MATCH limited to one kind is a
# rowid range FTS5 honours itself (a join filter would run the MATCH once per row).
KIND_SPAN = 1 << 40
KIND_BASE = {kind: (number + 1) * KIND_SPAN for number, kind in enumerate(INDEXED)}

_DDL = (
    f"CREATE TABLE IF NOT EXISTS {SCHEMA}.search_docs ("
    " doc_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, row_id TEXT NOT NULL,"
    " body TEXT NOT NULL, UNIQUE (kind, row_id))",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SCHEMA}.search_fts USING fts5("
    " body, content='search_docs', content_rowid='doc_id',"
    " tokenize='trigram case_sensitive 0')",
)


def index_path(replica: Path) -> Path:
    return Path(f"{replica}-search")


def attach(dbapi_connection: Any, replica: Path) -> None:
    """ATTACH the index file to a fresh DB-API connection (outside any transaction)."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"ATTACH DATABASE ? AS {SCHEMA}", (str(index_path(replica)),))
        cursor.execute(f"PRAGMA {SCHEMA}.journal_mode=WAL")
        cursor.execute(f"PRAGMA {SCHEMA}.synchronous=NORMAL")
    finally:
        cursor.close()


def ensure(session: Session) -> bool:
    """Create the index if missing; rebuild it when it is out of step. True if rebuilt."""
    for statement in _DDL:
        _run(session, statement)
    stamps_differ = _stamp("main", session) != _stamp(SCHEMA, session)
    empty = _run(session, f"SELECT 1 FROM {SCHEMA}.search_docs LIMIT 1").first() is None
    if stamps_differ or (empty and _has_indexed_rows(session)):
        rebuild(session)
        return True
    return False


def refresh(session: Session, entity: str, ids: Iterable[str]) -> None:
    """Re-index these rows from the replica (a deleted or missing row leaves the index).

    Rows whose indexed text did not change are left alone: a pulled echo of one's own
    edit, or a visit whose status changed, costs two lookups and no index write.
    """
    refresh_many(session, {entity: ids})


def refresh_many(session: Session, rows: Mapping[str, Iterable[str]]) -> None:
    """``refresh`` for the ids of several kinds (a pulled page), stamping the files once."""
    changed = False
    for entity, ids in rows.items():
        if entity in INDEXED:
            wanted = sorted(set(ids))
            for start in range(0, len(wanted), CHUNK):
                changed |= _reindex(session, entity, tuple(wanted[start:start + CHUNK]))
    if changed:
        _bump(session)


def _reindex(session: Session, entity: str, ids: tuple[str, ...]) -> bool:
    """Write the documents of these rows that are missing, outdated or no longer wanted;
    False when every one was up to date.

    The texts are read once and written from here, each statement one executemany: a
    changed document keeps its id, a new one is numbered on from the kind's highest.
    """
    marks = ", ".join("?" * len(ids))
    indexed: dict[str, tuple[int, str]] = {row_id: (doc_id, body) for row_id, doc_id, body in _run(
        session, f"SELECT row_id, doc_id, body FROM {SCHEMA}.search_docs "
                 f"WHERE kind = ? AND row_id IN ({marks})", (entity, *ids))}
    current: dict[str, str] = {row_id: body for row_id, body in _run(
        session, f"SELECT id, {_body(entity)} FROM main.{TABLES[entity]} "
                 f"WHERE +deleted = 0 AND id IN ({marks})", ids)}
    stale = [row_id for row_id in ids
             if (indexed[row_id][1] if row_id in indexed else None) != current.get(row_id)]
    if not stale:
        return False
    old = [indexed[row_id] for row_id in stale if row_id in indexed]
    kept = [(indexed[row_id][0], current[row_id]) for row_id in stale
            if row_id in indexed and row_id in current]
    gone = [(indexed[row_id][0],) for row_id in stale if row_id not in current]
    new = [row_id for row_id in stale if row_id not in indexed]
    added = [(doc_id, entity, row_id, current[row_id])
             for doc_id, row_id in enumerate(new, _last_doc(session, entity) + 1)] if new else []
    for sql, rows in (
            # External-content FTS5 forgets a document only when told its old text.
            (f"INSERT INTO {SCHEMA}.search_fts (search_fts, rowid, body) "
             "VALUES ('delete', ?, ?)", old),
            (f"UPDATE {SCHEMA}.search_docs SET body = ? WHERE doc_id = ?",
             [(body, doc_id) for doc_id, body in kept]),
            (f"DELETE FROM {SCHEMA}.search_docs WHERE doc_id = ?", gone),
            (f"INSERT INTO {SCHEMA}.search_docs (doc_id, kind, row_id, body) "
             "VALUES (?, ?, ?, ?)", added),
            (f"INSERT INTO {SCHEMA}.search_fts (rowid, body) VALUES (?, ?)",
             kept + [(doc_id, body) for doc_id, _kind, _row_id, body in added])):
        if rows:
            raw_sql.run_many(session, sql, rows)
    return True


def _last_doc(session: Session, entity: str) -> int:
    """The kind's highest document id (its range's start when it has none)."""
    # ORDER BY ... LIMIT 1 seeks to the range's end; max() over a range would scan it.
    low, high = _range(entity)
    last = _run(session, f"SELECT doc_id FROM {SCHEMA}.search_docs WHERE doc_id >= ? "
                         "AND doc_id < ? ORDER BY doc_id DESC LIMIT 1", (low, high)).first()
    return low if last is None else int(last[0])


def remove(session: Session, entity: str, ids: Iterable[str]) -> None:
    """These rows left the replica (deleted, evicted): they leave the index too."""
    if entity not in INDEXED:
        return
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), CHUNK):
        _drop_docs(session, entity, tuple(wanted[start:start + CHUNK]))
    if wanted:
        _bump(session)


def rebuild(session: Session) -> None:
    """Index every live row again: one INSERT ... SELECT per kind, then one FTS rebuild."""
    for statement in _filling("main"):
        _run(session, statement)
    _bump(session, in_step=True)


def build_from(source: Path, replica: Path, stamp: int) -> None:
    """Index the live rows of the replicated tables in the SQLite file *source* (a
    snapshot about to become the replica's rows) into *replica*'s index, stamped *stamp*.

    On a connection of its own that never locks the replica, so it runs while another
    thread copies the same rows into the replica; the copy stamps the replica with the
    same *stamp* when it commits, and until both have the index is out of step.
    """
    # URI filenames on (for the read-only ATTACH below), whatever SQLite was built with.
    connection = sqlite3.connect("file::memory:", uri=True, isolation_level=None,
                                 timeout=BUSY_TIMEOUT_S)
    try:
        attach(connection, replica)
        connection.execute("PRAGMA search.wal_autocheckpoint=0")  # left to upkeep
        connection.execute(f"PRAGMA search.cache_size=-{BUILD_CACHE_KIB}")
        connection.execute("ATTACH DATABASE ? AS source", (read_only_uri(source),))
        for statement in _DDL:
            connection.execute(statement)
        connection.execute("BEGIN")
        try:
            for statement in _filling("source"):
                connection.execute(statement)
            connection.execute(f"PRAGMA {SCHEMA}.user_version = {int(stamp)}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    finally:
        connection.close()


def read_only_uri(path: Path) -> str:
    """An SQLite URI opening *path* read-only (percent-encoded: any folder name works)."""
    return path.resolve().as_uri() + "?mode=ro"


def _filling(schema: str) -> list[str]:
    """Empty the index, then fill it from the tables in *schema*: each kind's documents
    numbered by their rows' rowids (no sort), and one FTS rebuild."""
    statements = [f"DELETE FROM {SCHEMA}.search_docs",  # ('rebuild' drops the old index)
                  # Terms gathered in memory before FTS5 writes a segment: the default
                  # 1 MB makes a rebuild of 80,000 documents write and merge hundreds.
                  f"INSERT INTO {SCHEMA}.search_fts (search_fts, rank) "
                  f"VALUES ('hashsize', {REBUILD_HASH_BYTES})"]
    for entity in INDEXED:
        statements.append(
            f"INSERT INTO {SCHEMA}.search_docs (doc_id, kind, row_id, body) "
            f"SELECT {KIND_BASE[entity]} + rowid, '{entity}', id, {_body(entity)} "
            f"FROM {schema}.{TABLES[entity]} WHERE +deleted = 0")
    statements.append(f"INSERT INTO {SCHEMA}.search_fts (search_fts) VALUES ('rebuild')")
    return statements


def mark_stale(session: Session) -> None:
    """Rows are being written without indexing: out of step until the next ``rebuild``."""
    if _stamp(SCHEMA, session) != STALE:
        _run(session, f"PRAGMA main.user_version = {next_stamp(session)}")
        _run(session, f"PRAGMA {SCHEMA}.user_version = {STALE}")


def matches(session: Session, entity: str, needle: str, limit: int) -> list[str]:
    """Ids of *entity* rows whose indexed text contains *needle* (any case), up to *limit*.

    Three characters or more use the trigram index; shorter needles (two-character
    Chinese names) fall back to a LIKE scan of the same text.
    """
    needle = needle.strip()
    if not needle or entity not in INDEXED:
        return []
    if len(needle) >= 3:
        # CROSS JOIN: SQLite must run the MATCH first, then look each hit up.
        query = (f"SELECT d.row_id FROM {SCHEMA}.search_fts f "
                 f"CROSS JOIN {SCHEMA}.search_docs d ON d.doc_id = f.rowid "
                 "WHERE search_fts MATCH ? AND f.rowid >= ? AND f.rowid < ? LIMIT ?")
        pattern = '"' + needle.replace('"', '""') + '"'
    else:
        query = (f"SELECT row_id FROM {SCHEMA}.search_docs "
                 "WHERE body LIKE ? ESCAPE '\\' AND doc_id >= ? AND doc_id < ? LIMIT ?")
        pattern = "%" + _escape_like(needle) + "%"
    rows = _run(session, query, (pattern, *_range(entity), limit))
    return [row_id for (row_id,) in rows]


RowFilter = tuple[str, tuple[Any, ...]]  # SQL on the kind's table (alias t), its parameters


def ranked(session: Session, entity: str, needle: str, limit: int, offset: int = 0,
           row_filter: RowFilter | None = None) -> list[str] | None:
    """Ids of *entity* rows containing *needle*, in the order of their indexed text (for
    accounts: by name), one page; None when the index cannot answer (no needle, or an
    index a bootstrap has not caught up yet).

    Only the index is read, never the rows themselves: a list filter stays fast on a
    territory of 100,000 accounts. Three characters or more go through the trigrams,
    shorter needles through a LIKE scan of the (compact) indexed text.
    """
    found = _finding(session, entity, needle)
    if found is None:
        return None
    condition, params = found
    join, where, extra = _filtered(entity, row_filter)
    rows = _run(session, f"SELECT d.row_id FROM {SCHEMA}.search_docs d {join} "
                         f"WHERE {condition} {where} "
                         "ORDER BY d.body, d.row_id LIMIT ? OFFSET ?",
                (*params, *extra, limit, offset))
    return [row_id for (row_id,) in rows]


def count(session: Session, entity: str, needle: str,
          row_filter: RowFilter | None = None) -> int | None:
    """How many *entity* rows contain *needle*; None as for ``ranked``."""
    found = _finding(session, entity, needle)
    if found is None:
        return None
    condition, params = found
    if row_filter is None and len(needle.strip()) >= 3:
        # The index holds live rows only: counting the trigram matches is enough.
        return int(_run(session, f"SELECT count(*) FROM ({_MATCHING})", params).scalar_one())
    join, where, extra = _filtered(entity, row_filter)
    return int(_run(session, f"SELECT count(*) FROM {SCHEMA}.search_docs d {join} "
                             f"WHERE {condition} {where}", (*params, *extra)).scalar_one())


def in_step(session: Session) -> bool:
    """The index holds exactly the replica's live rows (not stale, not out of step)."""
    index = _stamp(SCHEMA, session)
    return index != STALE and index == _stamp("main", session)


_MATCHING = (f"SELECT rowid FROM {SCHEMA}.search_fts "
             "WHERE search_fts MATCH ? AND rowid >= ? AND rowid < ?")


def _finding(session: Session, entity: str, needle: str) -> tuple[str, tuple[Any, ...]] | None:
    """The condition on search_docs ``d`` selecting the needle's documents, and its
    parameters; None when the index cannot answer."""
    needle = needle.strip()
    if not needle or entity not in INDEXED or not in_step(session):
        return None
    if len(needle) >= 3:
        return f"d.doc_id IN ({_MATCHING})", ('"' + needle.replace('"', '""') + '"',
                                               *_range(entity))
    return ("d.doc_id >= ? AND d.doc_id < ? AND d.body LIKE ? ESCAPE '\\'",
            (*_range(entity), "%" + _escape_like(needle) + "%"))


def _filtered(entity: str, row_filter: RowFilter | None) -> tuple[str, str, tuple[Any, ...]]:
    if row_filter is None:
        return "", "", ()
    sql, params = row_filter
    return (f"CROSS JOIN main.{TABLES[entity]} t ON t.id = d.row_id", f"AND ({sql})",
            params)


def document_count(session: Session) -> int:
    return int(_run(session, f"SELECT count(*) FROM {SCHEMA}.search_docs").scalar_one())


def _body(entity: str) -> str:
    """The SQL of a row's indexed text: its indexed columns, one per line."""
    return " || char(10) || ".join(f"coalesce({column}, '')" for column in INDEXED[entity])


def _range(entity: str) -> tuple[int, int]:
    return KIND_BASE[entity], KIND_BASE[entity] + KIND_SPAN


def _drop_docs(session: Session, entity: str, ids: tuple[str, ...]) -> None:
    # External-content FTS5 forgets a document only when told its old text.
    where = f"WHERE kind = ? AND row_id IN ({', '.join('?' * len(ids))})"
    _run(session, f"INSERT INTO {SCHEMA}.search_fts (search_fts, rowid, body) "
                  f"SELECT 'delete', doc_id, body FROM {SCHEMA}.search_docs {where}",
         (entity, *ids))
    _run(session, f"DELETE FROM {SCHEMA}.search_docs {where}", (entity, *ids))


def _has_indexed_rows(session: Session) -> bool:
    return any(_run(session, f"SELECT 1 FROM main.{table} WHERE deleted = 0 LIMIT 1")
               .first() is not None for table in TABLES.values())


def _stamp(schema: str, session: Session) -> int:
    return int(_run(session, f"PRAGMA {schema}.user_version").scalar_one())


def next_stamp(session: Session) -> int:
    """The stamp the next indexing transaction gives both files (1 .. STAMP_LIMIT, never
    STALE; see ``build_from``)."""
    return _stamp("main", session) % STAMP_LIMIT + 1


def stamp_replica(session: Session, stamp: int) -> None:
    """Stamp the replica alone (its index is stamped by ``build_from``'s transaction)."""
    _run(session, f"PRAGMA main.user_version = {int(stamp)}")


def _bump(session: Session, *, in_step: bool = False) -> None:
    """Stamp both files alike, unless the index is stale and this is no rebuild."""
    stamp = next_stamp(session)
    _run(session, f"PRAGMA main.user_version = {stamp}")
    if in_step or _stamp(SCHEMA, session) != STALE:
        _run(session, f"PRAGMA {SCHEMA}.user_version = {stamp}")


def _run(session: Session, sql: str, params: tuple[Any, ...] = ()) -> raw_sql.Rows:
    # Raw SQL: compiling a text() with hundreds of binds costs more than the work.
    return raw_sql.run(session, sql, params)


def _escape_like(needle: str) -> str:
    return needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
