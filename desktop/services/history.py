"""A record's history from the server change log: each field change, who, when, which device."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import select

from desktop.services.fields import ValueFormatter, decoded, field_label
from desktop.services.names import SOMEONE, THE_OFFICE, reference_names
from desktop.store import Store
from shared.i18n import QT_TRANSLATE_NOOP, Message
from shared.models import ENTITIES

THIS_COMPUTER = QT_TRANSLATE_NOOP("Messages", "this computer")
SERVER = QT_TRANSLATE_NOOP("Messages", "server")


class HistorySource(Protocol):
    """What reads history from the server (``desktop.sync.SyncApi``)."""

    def history(self, entity: str, row_id: str) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class HistoryRow:
    """One field changed by one write."""

    pos: int
    at: datetime | None  # naive UTC
    who: str
    device: str
    field_name: str
    field_label: str
    old_text: str
    new_text: str

    @property
    def id(self) -> str:
        return f"{self.pos}:{self.field_name}"


def _when(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        parsed = datetime.fromisoformat(text.removesuffix("Z"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed.replace(microsecond=0)


def _device(store: Store, device_id: object) -> str:
    if not device_id:
        return SERVER
    if device_id == store.device_id:
        return THIS_COMPUTER
    return Message.of(QT_TRANSLATE_NOOP("Messages", "device {device_id}"),
                      device_id=str(device_id)[:8])


def _currency(store: Store, entity: str, row_id: str) -> str | None:
    spec = ENTITIES.get(entity)
    if spec is None or "currency" not in spec.fields:
        return None
    with store.read() as session:
        return session.scalar(select(spec.table.c.currency).where(spec.table.c.id == row_id))


def history_rows(store: Store, entity: str, row_id: str, entries: list[dict[str, Any]],
                 formatter: ValueFormatter | None = None) -> list[HistoryRow]:
    """The wire history *entries* (newest first) as readable rows, one per changed field."""
    values: list[Any] = []
    for entry in entries:
        for change in (entry.get("changes") or {}).values():
            if isinstance(change, Mapping):
                values += [change.get("old"), change.get("new")]
    refs = [v for v in values if isinstance(v, str)] + \
        [x for v in values if isinstance(v, list) for x in v]
    with store.read() as session:
        names = reference_names(session, refs)
    shown = replace(formatter or ValueFormatter(), names=names)
    currency = _currency(store, entity, row_id)
    rows: list[HistoryRow] = []
    for entry in entries:
        who = entry.get("user") or (THE_OFFICE if not entry.get("user_id") else
                                    names.get(str(entry.get("user_id")), SOMEONE))
        for name, change in (entry.get("changes") or {}).items():
            if not isinstance(change, Mapping):
                continue
            old, new = (decoded(entity, name, change.get(k)) for k in ("old", "new"))
            rows.append(HistoryRow(
                int(entry.get("pos") or 0), _when(entry.get("at")),
                who if isinstance(who, str) else str(who),
                _device(store, entry.get("device_id")), name, field_label(entity, name),
                shown.text(entity, name, old, currency), shown.text(entity, name, new, currency)))
    return rows


def load_history(store: Store, source: HistorySource, entity: str, row_id: str,
                 formatter: ValueFormatter | None = None) -> list[HistoryRow]:
    """Ask the server for the record's history (a network call: run it off the UI thread)."""
    return history_rows(store, entity, row_id, source.history(entity, row_id), formatter)
