"""Readable names of records (for lists of conflicts, outbox entries, history)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from desktop.services.fields import entity_label
from desktop.services.records import names_by_id
from shared.i18n import QT_TRANSLATE_NOOP, Message
from shared.models import ENTITIES

THE_OFFICE = QT_TRANSLATE_NOOP("Messages", "the office")  # who wrote a change made on the server
SOMEONE = QT_TRANSLATE_NOOP("Messages", "someone")  # a user who is not on this computer

# The attribute that names a record of each entity in a list.
TITLE_ATTR = {"account": "name", "contact": "name", "opportunity": "name", "task": "title",
              "visit": "purpose", "user": "display_name", "territory": "name"}

Key = tuple[str, str]


def record_titles(session: Session, keys: Iterable[Key]) -> dict[Key, str]:
    """``{(entity, id): name}``; a record that is not on this computer gets its kind and id."""
    wanted = set(keys)
    found: dict[Key, str] = {}
    for entity in {e for e, _ in wanted}:
        ids = [i for e, i in wanted if e == entity]
        if entity in TITLE_ATTR:
            model = ENTITIES[entity].model
            names = names_by_id(session, model, ids, TITLE_ATTR[entity])
            found.update({(entity, i): n for i, n in names.items() if n})
    for entity, row_id in wanted - set(found):
        found[(entity, row_id)] = Message.of("{record} {id}", record=entity_label(entity),
                                             id=row_id[:8])
    return found


def reference_names(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """``{id: name}`` for ids that may point at any titled record (owners, accounts…)."""
    wanted = {i for i in ids if isinstance(i, str) and i}
    found: dict[str, str] = {}
    for entity, attr in TITLE_ATTR.items():
        if not wanted - set(found):
            break
        names = names_by_id(session, ENTITIES[entity].model, wanted - set(found), attr)
        found.update({i: n for i, n in names.items() if n})
    return found
