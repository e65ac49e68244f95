"""The outbox as a rep reads it: every unsent change in order, why one was refused, and
the two ways out of a refusal — fix it (the corrected change replaces it) or discard it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from desktop.services.fields import (
    ValueFormatter,
    decoded,
    entity_label,
    entity_word,
    field_label,
)
from desktop.services.names import record_titles, reference_names
from desktop.services.records import changes
from desktop.store import Changes, OutboxEntryRow, OutboxState, Store, server_copy
from desktop.store import outbox as outbox_queries
from shared.i18n import QT_TRANSLATE_NOOP, Message, joined
from shared.models import ENTITIES
from shared.sync.protocol import Op

SUMMARY_FIELDS = 4  # field changes spelled out in the one-line summary of a create
HIDDEN_ON_CREATE = frozenset({"created_at", "owner_id", "territory_id", "account_id",
                              "contact_ids", "visit_id", "opportunity_id"})


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    text: str  # the new value as a person reads it
    value: Any  # the new value as the replica stores it


@dataclass(frozen=True)
class OutboxItem:
    mid: int
    entity: str
    entity_label: str
    row_id: str
    record_name: str
    op: Op
    state: OutboxState
    changes: tuple[FieldChange, ...]
    reason: str | None  # the plain reason the server gave, for a rejected change
    created_at: datetime

    @property
    def id(self) -> str:
        return str(self.mid)

    @property
    def rejected(self) -> bool:
        return self.state is OutboxState.REJECTED

    @property
    def creates(self) -> bool:
        return self.op is Op.UPSERT and "created_at" in {c.name for c in self.changes}

    @property
    def summary(self) -> str:
        """``"Phone: +86 21 5555 0101"``; a create or delete says so."""
        if self.op is Op.DELETE:
            return QT_TRANSLATE_NOOP("Messages", "Deleted")
        shown = [c for c in self.changes if not (self.creates and c.name in HIDDEN_ON_CREATE)]
        parts: list[str] = [
            Message.of(QT_TRANSLATE_NOOP("Messages", "{field}: {value}"), field=c.label,
                       value=_first_line(c.text))
            for c in shown[:SUMMARY_FIELDS]]
        if len(shown) > SUMMARY_FIELDS:
            parts.append(Message.of(QT_TRANSLATE_NOOP("Messages", "+{count} more"),
                                    count=len(shown) - SUMMARY_FIELDS))
        text = joined("; ", parts)
        if self.creates:
            return Message.of(QT_TRANSLATE_NOOP("Messages", "New {record}: {changes}"),
                              record=entity_word(self.entity), changes=text)
        return text


def _first_line(text: str) -> str:
    lines = text.splitlines()
    first = lines[0] if lines else ""
    return text if first == text else first  # keeps a Message that is one line


def _item(entry: OutboxEntryRow, name: str, formatter: ValueFormatter) -> OutboxItem:
    values = {n: decoded(entry.entity, n, v) for n, v in entry.fields.items()}
    currency = values.get("currency")
    fields = tuple(
        FieldChange(n, field_label(entry.entity, n),
                    formatter.text(entry.entity, n, v, currency if isinstance(currency, str)
                                   else None), v)
        for n, v in values.items())
    state = OutboxState(entry.state)
    reason = None
    if state is OutboxState.REJECTED:
        reason = entry.error_message or QT_TRANSLATE_NOOP("Messages",
                                                          "The server refused this change.")
    return OutboxItem(entry.mid, entry.entity, entity_label(entry.entity), entry.row_id, name,
                      Op(entry.op), state, fields, reason, entry.created_at)


def outbox_items(store: Store, formatter: ValueFormatter | None = None) -> list[OutboxItem]:
    """Every pending or rejected change, oldest first (the order they are sent in)."""
    entries = [e for e in store.outbox() if e.state in outbox_queries.UNSENT]
    with store.read() as session:
        titles = record_titles(session, [(e.entity, e.row_id) for e in entries])
        refs = [v for e in entries for v in e.fields.values() if isinstance(v, str)]
        refs += [x for e in entries for v in e.fields.values() if isinstance(v, list) for x in v]
        names = reference_names(session, refs)
    shown = replace(formatter or ValueFormatter(), names=names)
    return [_item(e, titles[(e.entity, e.row_id)], shown) for e in entries]


def _rejected(store: Store, mid: int) -> OutboxEntryRow:
    entry = next((e for e in store.outbox() if e.mid == mid), None)
    if entry is None:
        raise LookupError(QT_TRANSLATE_NOOP("Messages", "This change is no longer in the outbox."))
    if entry.state != OutboxState.REJECTED:
        raise LookupError(QT_TRANSLATE_NOOP(
            "Messages", "This change is still waiting to be sent; only refused changes "
                        "can be fixed or discarded."))
    return entry


def discard_change(store: Store, mid: int) -> Changes:
    """Drop a refused change; the record gets the server's values back."""
    entry = _rejected(store, mid)
    store.discard(mid)
    return changes(entry.entity, [entry.row_id])


def rejected_values(store: Store, mid: int) -> dict[str, Any]:
    """The values of a refused change, to pre-fill the editor that fixes it."""
    entry = _rejected(store, mid)
    return {n: decoded(entry.entity, n, v) for n, v in entry.fields.items()}


def fix_rejected(store: Store, mid: int, values: Mapping[str, Any]) -> tuple[str, Changes]:
    """Write the corrected change and drop the refused one, in one transaction.

    The refused change never reached the server, so the new change must carry every field
    it held (not only the ones the user corrected): the row is put back to the server's
    values first, then the corrected values are written on top as a fresh change.
    Raises ValidationFailed (nothing changes) when the correction is still not valid.
    """
    entry = _rejected(store, mid)
    spec = ENTITIES[entry.entity]
    wanted = {n: decoded(entry.entity, n, v) for n, v in entry.fields.items()}
    wanted.update({k: v for k, v in values.items() if k in spec.fields})
    key = (entry.entity, entry.row_id)
    with store.write() as session:
        if not store.supersede(session, mid):
            raise LookupError(QT_TRANSLATE_NOOP("Messages",
                                                "This change was sent or discarded meanwhile."))
        others = outbox_queries.protected_fields(session, [key]).get(key)
        mine = set(entry.fields) | ({"deleted"} if entry.op == Op.DELETE else set())
        server_copy.restore(session, spec, entry.row_id,
                            only=None if others is None else mine - others)
        session.expire_all()  # the ORM must see what restore wrote underneath it
        exists = session.scalar(select(spec.table.c.id).where(spec.table.c.id == entry.row_id))
        if exists is None:  # a refused create: make the record again, whole
            wanted = {k: v for k, v in wanted.items() if v is not None}
        row_id = store.record(session, entry.entity, entry.row_id, wanted)
    return row_id, changes(entry.entity, [row_id])


__all__ = ["FieldChange", "OutboxItem", "discard_change", "fix_rejected", "outbox_items",
           "rejected_values"]
