"""Before creating an account or contact: likely duplicates already in the replica.

Candidates come from the search index and a few SQL look-ups (name fragments, phone
digits, email), never from reading every row into Python; ``shared.rules.duplicates``
then decides which of those few are likely the same record.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.services.search import live
from desktop.store import Store, search_index
from shared.models import Account, Contact
from shared.rules.duplicates import (
    DuplicateMatch,
    find_duplicates,
    normalize_company,
    normalize_email,
    normalize_phone,
)

Kind = Literal["account", "contact"]
PROBES = 4  # name fragments looked up in the index
PER_PROBE = 200
PHONE_TAIL = 8  # digits of a phone number matched in SQL before the exact comparison
_WORD = re.compile(r"\w{2,}", re.UNICODE)


@dataclass(frozen=True)
class RecordSummary:
    kind: str
    id: str
    name: str
    detail: str  # city and phone of an account; title and account of a contact
    account_id: str


@dataclass(frozen=True)
class DuplicateLine:
    record: RecordSummary
    match: DuplicateMatch


def likely_duplicates(store: Store, kind: Kind,
                      candidate_values: Mapping[str, Any]) -> list[DuplicateLine]:
    """Existing accounts or contacts that are probably *candidate_values*, best first."""
    if kind not in ("account", "contact"):
        raise ValueError(f"duplicates are looked for among accounts or contacts, not {kind!r}")
    with store.read() as session:
        records = (_account_candidates(session, candidate_values) if kind == "account"
                   else _contact_candidates(session, candidate_values))
        by_id = {r["id"]: r for r in records}
        matches = find_duplicates(kind, candidate_values, by_id.values())
        return [DuplicateLine(_summary(kind, by_id[m.id]), m) for m in matches]


def name_probes(name: str | None) -> list[str]:
    """A few fragments of the name's core that a similar name very likely contains too."""
    core = normalize_company(name)
    words = _WORD.findall(unicodedata.normalize("NFKC", name or "").casefold())
    probes = [w for w in words if w in core and not w.isdigit()]
    if len(core) >= 3 and not probes:
        probes = [core]
    fragments: list[str] = []
    for word in probes or ([core] if core else []):
        if len(word) <= 3:
            fragments.append(word)
            continue
        step = max(1, (len(word) - 3) // 2)
        fragments += [word[i:i + 3] for i in range(0, len(word) - 2, step)]
    return list(dict.fromkeys(fragments))[:PROBES]


def _account_candidates(session: Session, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    ids: set[str] = set()
    for probe in name_probes(values.get("name")):
        ids.update(search_index.matches(session, "account", probe, PER_PROBE))
    phone_where = _phone_like(Account.phone, values.get("phone"))
    if phone_where is not None:
        ids.update(session.scalars(select(Account.id).where(phone_where).limit(PER_PROBE)))
    if not ids:
        return []
    rows = session.execute(select(Account.id, Account.name, Account.phone, Account.city)
                           .where(Account.id.in_(ids), live(Account)))
    return [dict(r._mapping, account_id=r.id) for r in rows]


def _contact_candidates(session: Session, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    where = []
    if values.get("account_id"):  # names only count at the same account: read those few
        where.append(Contact.account_id == values["account_id"])
    email = normalize_email(values.get("email"))
    if email:
        where.append(func.lower(func.trim(Contact.email)) == email)
    for number in {values.get("phone"), values.get("mobile")}:
        for column in (Contact.phone, Contact.mobile):
            clause = _phone_like(column, number)
            if clause is not None:
                where.append(clause)
    if not where:
        return []
    rows = session.execute(
        select(Contact.id, Contact.name, Contact.email, Contact.phone, Contact.mobile,
               Contact.title, Contact.account_id, Account.name.label("account_name"))
        .join(Account, Account.id == Contact.account_id, isouter=True)
        .where(Contact.deleted.is_(False), or_(*where)).limit(PER_PROBE * 2))
    return [dict(r._mapping) for r in rows]


def _phone_like(column: Any, phone: str | None) -> Any:
    """Rows whose stored number holds the last digits in order, whatever the spacing."""
    digits = normalize_phone(phone)
    if len(digits) < 7:
        return None
    pattern = "%" + "%".join(digits[-PHONE_TAIL:]) + "%"
    return column.like(pattern)


def _summary(kind: str, record: Mapping[str, Any]) -> RecordSummary:
    if kind == "account":
        detail = " · ".join(p for p in (record.get("city"), record.get("phone")) if p)
    else:
        detail = " · ".join(p for p in (record.get("title"), record.get("account_name"),
                                        record.get("email") or record.get("mobile")
                                        or record.get("phone")) if p)
    return RecordSummary(kind, str(record["id"]), str(record.get("name") or ""), detail,
                         str(record.get("account_id") or ""))
