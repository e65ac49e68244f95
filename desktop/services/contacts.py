"""Contacts: the people at an account."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.services.records import record_save, to_row
from desktop.services.times import utcnow
from desktop.store import Changes, Store
from shared.models import Contact

EDITABLE_FIELDS = ("name", "title", "email", "phone", "mobile", "is_primary", "notes")


@dataclass(frozen=True)
class ContactRow:
    id: str
    account_id: str
    name: str
    title: str | None
    email: str | None
    phone: str | None
    mobile: str | None
    is_primary: bool
    notes: str | None
    pending: bool = False


def contacts_of(store: Store, account_id: str) -> list[ContactRow]:
    """The account's live contacts, primary contact first, then by name."""
    pending = store.pending_ids("contact")
    query = (select(Contact).where(Contact.account_id == account_id,
                                   Contact.deleted.is_(False))
             .order_by(Contact.is_primary.desc(), Contact.name))
    with store.read() as session:
        return [to_row(ContactRow, c, pending=c.id in pending)
                for c in session.scalars(query)]


def get_contact(store: Store, contact_id: str) -> ContactRow | None:
    with store.read() as session:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.deleted:
            return None
        return to_row(ContactRow, contact, pending=False)


def save_contact(store: Store, contact_id: str | None, account_id: str,
                 values: Mapping[str, Any]) -> tuple[str, Changes]:
    """Create or edit a contact of *account_id*; raises ValidationFailed."""
    data = {k: v for k, v in values.items() if k in EDITABLE_FIELDS}
    if contact_id is None:
        data["account_id"] = account_id
        data.setdefault("is_primary", False)
        data.setdefault("created_at", utcnow())
    return record_save(store, "contact", contact_id, data)
