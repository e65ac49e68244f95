"""Pulled rows to stored rows in one generated function per table (the bootstrap's hot loop).

A bootstrap turns about a million wire values into SQLite values. Calling one small
converter per value cost more than SQLite's work on the row, so each table gets a
function, generated once from its columns, that checks the common case of every field
inline (a text within its length, a whole number in range, true/false) and calls the
column's full converter (``desktop.store.bulk.wire_storage``: the shared codec's checks,
the stored form SQLAlchemy writes) only for anything else. A value the converter refuses
raises ``FieldTypeError``; the caller then converts the row again leniently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Integer, String

from shared.sync.codec import MAX_INT

RowReader = Callable[[str, Mapping[str, Any], Mapping[str, Any], bool], tuple[Any, ...]]
Storer = Callable[[Any], Any]


def compile_reader(columns: Sequence[tuple[Column[Any], Storer]], clocks: Storer,
                   deleted: Storer) -> RowReader:
    """``(row_id, fields, clocks, deleted) -> stored row`` for these data columns, in order
    (``id``, the columns, ``clocks``, ``deleted``), each converted as its storer would."""
    names: dict[str, Any] = {"MAX_INT": MAX_INT, "clocks_store": clocks,
                             "deleted_store": deleted}
    lines = ["def read_row(row_id, fields, clocks, deleted):", "    get = fields.get"]
    for number, (column, store) in enumerate(columns):
        value, slow = f"v{number}", f"s{number}"
        names[slow] = store
        lines.append(f"    {value} = get({column.key!r})")
        if column.nullable and not isinstance(column.type, JSON):
            # An empty value of a column that may be empty is stored as NULL (JSON's
            # would be 'null'): no converter call for the many empty fields of a row.
            lines.append(f"    if {value} is not None:")
            lines.extend(f"        {line}" for line in _fast_path(column, value, slow))
        else:
            lines.extend(f"    {line}" for line in _fast_path(column, value, slow))
    values = ", ".join(f"v{number}" for number in range(len(columns)))
    lines.append(f"    return (row_id, {values}, clocks_store(clocks), deleted_store(deleted))")
    exec(compile("\n".join(lines), f"<wire_rows {len(columns)} columns>", "exec"), names)  # noqa: S102 - source built above from column names only
    reader: RowReader = names["read_row"]
    return reader


def _fast_path(column: Column[Any], value: str, slow: str) -> list[str]:
    """The lines that leave *value* as stored, calling *slow* for anything unusual."""
    kind = column.type
    if isinstance(kind, Boolean):
        return [f"if {value} is True: {value} = 1",
                f"elif {value} is False: {value} = 0",
                f"else: {value} = {slow}({value})"]
    if isinstance(kind, Integer):  # BigInteger too
        return [f"if type({value}) is not int or not -MAX_INT <= {value} <= MAX_INT:",
                f"    {value} = {slow}({value})"]
    if isinstance(kind, String):  # Text and Enum too
        length = kind.length or 0
        check = f" or len({value}) > {length}" if length else ""
        return [f"if type({value}) is not str{check}:", f"    {value} = {slow}({value})"]
    return [f"{value} = {slow}({value})"]  # datetimes, dates, JSON: the full converter
