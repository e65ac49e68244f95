"""The conflict inbox: values that lost a same-field race, and resolving them as a synced change.

"Mine" is the side the signed-in user wrote; when they wrote neither (a manager looking at
a race between two reps) it is the overridden side, so "Keep mine" restores the value that
lost, as protocol F describes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.services.fields import (
    EMPTY,
    ValueFormatter,
    decoded,
    field_label,
    is_free_text,
)
from desktop.services.names import THE_OFFICE, record_titles, reference_names
from desktop.services.records import changes, gone
from desktop.services.users import current_user_id
from desktop.store import Changes, Store, ValidationFailed
from shared import hlc as hlcs
from shared.i18n import QT_TRANSLATE_NOOP, Message
from shared.models import Conflict, spec_for
from shared.models.enums import ConflictStatus
from shared.rules.validation import Problem


class ConflictResolution(enum.StrEnum):
    KEEP_MINE = "keep_mine"
    KEEP_THEIRS = "keep_theirs"
    MERGED = "merged"


@dataclass(frozen=True)
class ConflictSide:
    """One of the two values of a race: what it was, who wrote it and when."""

    value: Any  # as the replica stores it
    text: str
    user_name: str
    at: datetime | None  # naive UTC, from the write's clock
    mine: bool


@dataclass(frozen=True)
class ConflictRow:
    id: str
    entity: str
    row_id: str
    record_name: str
    field_name: str
    field_label: str
    kept: ConflictSide  # the value the record holds now (the race's winner)
    overridden: ConflictSide  # the value that lost
    created_at: datetime | None
    mergeable: bool  # free text, where "merge both" makes sense
    policy: str = "lww"  # "append": the kept value already holds both texts

    @property
    def involves_me(self) -> bool:
        return self.kept.mine or self.overridden.mine

    @property
    def mine(self) -> ConflictSide:
        return self.kept if self.kept.mine and not self.overridden.mine else self.overridden

    @property
    def theirs(self) -> ConflictSide:
        return self.overridden if self.mine is self.kept else self.kept

    @property
    def loser_name(self) -> str:
        return self.overridden.user_name

    @property
    def winning_value(self) -> str:
        return self.kept.text

    @property
    def losing_value(self) -> str:
        return self.overridden.text


def _clock_time(hlc: str | None) -> datetime | None:
    if not hlc or not hlcs.is_valid(hlc):
        return None
    return datetime.fromtimestamp(hlcs.wall_ms_of(hlc) / 1000, UTC).replace(tzinfo=None,
                                                                          microsecond=0)


def _currency(session: Session, entity: str, row_id: str) -> str | None:
    table = spec_for(entity).table
    if "currency" not in table.columns:
        return None
    return session.scalar(select(table.c.currency).where(table.c.id == row_id))


def _row(session: Session, c: Conflict, me: str | None, titles: dict[tuple[str, str], str],
         users: dict[str, str], formatter: ValueFormatter) -> ConflictRow:
    currency = _currency(session, c.entity, c.row_id)
    kept_value = decoded(c.entity, c.field_name, c.winning_value)
    lost_value = decoded(c.entity, c.field_name, c.losing_value)
    names = reference_names(session, [v for v in (kept_value, lost_value) if isinstance(v, str)]
                            + [x for v in (kept_value, lost_value) if isinstance(v, list)
                               for x in v])
    shown = replace(formatter, names=names)

    def side(value: Any, user_id: str | None, hlc: str) -> ConflictSide:
        return ConflictSide(value, shown.text(c.entity, c.field_name, value, currency),
                            users.get(user_id or "", "") or THE_OFFICE, _clock_time(hlc),
                            bool(me) and user_id == me)

    return ConflictRow(
        c.id, c.entity, c.row_id, titles[(c.entity, c.row_id)], c.field_name,
        field_label(c.entity, c.field_name),
        side(kept_value, c.winner_user_id, c.winning_hlc),
        side(lost_value, c.loser_user_id, c.losing_hlc), c.created_at,
        is_free_text(c.entity, c.field_name), c.policy)


def open_conflicts(store: Store, formatter: ValueFormatter | None = None) -> list[ConflictRow]:
    """Open conflicts, newest first, with readable record names and values."""
    formatter = formatter or ValueFormatter()
    me = current_user_id(store)
    query = (select(Conflict).where(Conflict.deleted.is_(False),
                                    Conflict.status == ConflictStatus.OPEN.value)
             .order_by(Conflict.created_at.desc(), Conflict.id.desc()))
    with store.read() as session:
        found = list(session.scalars(query))
        titles = record_titles(session, [(c.entity, c.row_id) for c in found])
        users = reference_names(session, [u for c in found
                                          for u in (c.winner_user_id, c.loser_user_id) if u])
        return [_row(session, c, me, titles, users, formatter) for c in found]


def count_open_conflicts(store: Store) -> int:
    with store.read() as session:
        query = select(func.count()).select_from(Conflict).where(
            Conflict.deleted.is_(False), Conflict.status == ConflictStatus.OPEN.value)
        return int(session.scalar(query) or 0)


def default_merge(row: ConflictRow) -> str:
    """Both texts, the kept one first, for the user to edit before merging."""
    texts = [str(s.value) for s in (row.kept, row.overridden) if s.value not in (None, "")]
    if len(texts) == 2 and texts[1] in texts[0]:
        return texts[0]
    return "\n".join(texts)


def _refused(message: str) -> ValidationFailed:
    return ValidationFailed([Problem("", "invalid_value", message)])


def _chosen(row: ConflictRow, resolution: ConflictResolution, merged: str | None) -> Any:
    if resolution is ConflictResolution.KEEP_MINE:
        return row.mine.value
    if resolution is ConflictResolution.KEEP_THEIRS:
        return row.theirs.value
    if not row.mergeable:
        raise _refused(Message.of(QT_TRANSLATE_NOOP(
            "Messages", "{field} cannot be merged; keep one of the two values."),
            field=row.field_label))
    return (merged or "").strip() or None


def resolve_conflict(store: Store, conflict_id: str, resolution: ConflictResolution | str,
                     merged_value: str | None = None) -> Changes:
    """Resolve an open conflict: the record's field gets the chosen value (when it does not
    hold it already) and the conflict is marked resolved — one transaction, both synced."""
    resolution = ConflictResolution(resolution)
    row = next((r for r in open_conflicts(store) if r.id == conflict_id), None)
    if row is None:
        raise LookupError(QT_TRANSLATE_NOOP(
            "Messages", "This conflict is already resolved or no longer on this computer."))
    value = _chosen(row, resolution, merged_value)
    me = current_user_id(store)
    with store.write() as session:
        conflict = session.get(Conflict, conflict_id)
        if conflict is None or conflict.status != ConflictStatus.OPEN.value:
            raise LookupError(QT_TRANSLATE_NOOP("Messages",
                                                "This conflict was resolved meanwhile."))
        _write_choice(store, session, row, value)
        store.record(session, "conflict", conflict_id, {
            "status": ConflictStatus.RESOLVED.value, "resolution": resolution.value,
            "resolved_by": me})
    return changes("conflict", [conflict_id, row.row_id], row.entity)


def _write_choice(store: Store, session: Session, row: ConflictRow, value: Any) -> None:
    spec = spec_for(row.entity)
    record = session.get(spec.model, row.row_id)
    if row.field_name == "deleted":
        if value and record is not None and not record.deleted:  # type: ignore[attr-defined]
            store.record_delete(session, row.entity, row.row_id)
        elif not value and (record is None or record.deleted):  # type: ignore[attr-defined]
            raise _refused(QT_TRANSLATE_NOOP(
                "Messages", "This record was deleted meanwhile; it cannot be kept."))
        return
    if record is None or record.deleted:  # type: ignore[attr-defined]
        raise _refused(gone(row.entity))
    if getattr(record, row.field_name) == value:
        return  # it already holds the chosen value: resolving needs no record write
    if not spec.writable(row.field_name):
        raise _refused(Message.of(
            QT_TRANSLATE_NOOP("Messages", "Only the office can change {field}."),
            field=row.field_label))
    store.record(session, row.entity, row.row_id, {row.field_name: value})


__all__ = ["EMPTY", "ConflictResolution", "ConflictRow", "ConflictSide", "count_open_conflicts",
           "default_merge", "open_conflicts", "resolve_conflict"]
