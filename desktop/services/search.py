"""Global search (Ctrl+K): any substring of accounts, contacts, deals and visit notes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session

from desktop.services.times import local_text
from desktop.store import Store, search_index
from shared.models import Account, Contact, Opportunity, Visit

KINDS = ("account", "contact", "opportunity", "visit")
CANDIDATES = 200  # index hits read per kind before the best few are picked


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "account" | "contact" | "opportunity" | "visit"
    id: str
    title: str
    subtitle: str
    account_id: str | None  # the account to open (the account itself for an account hit)


@dataclass(frozen=True)
class SearchGroup:
    kind: str
    hits: tuple[SearchHit, ...]


@dataclass(frozen=True)
class SearchResults:
    text: str
    groups: tuple[SearchGroup, ...]  # only kinds with hits, in KINDS order

    @property
    def empty(self) -> bool:
        return not self.groups


def search(store: Store, text: str, limit_per_kind: int = 8) -> SearchResults:
    """Live records containing *text* (any case, Chinese included), grouped by kind."""
    needle = " ".join(text.split())
    groups: list[SearchGroup] = []
    if not needle:
        return SearchResults(needle, ())
    with store.read() as session:
        for kind in KINDS:
            ids = search_index.matches(session, kind, needle, CANDIDATES)
            hits = _HITS[kind](session, ids) if ids else []
            hits.sort(key=lambda hit: _rank(hit, needle))
            if hits:
                groups.append(SearchGroup(kind, tuple(hits[:limit_per_kind])))
    return SearchResults(needle, tuple(groups))


def _rank(hit: SearchHit, needle: str) -> tuple[int, int, str]:
    """Title starting with the text first, then title containing it, then the rest."""
    title = hit.title.casefold()
    wanted = needle.casefold()
    place = 0 if title.startswith(wanted) else 1 if wanted in title else 2
    return place, len(hit.title), hit.title


def live(model: Any) -> Any:
    # "+deleted": SQLite would otherwise scan the deleted index rather than look ids up.
    return literal_column(f"+{model.__tablename__}.deleted") == 0


def _join(*parts: Any) -> str:
    return " · ".join(str(p) for p in parts if p)


def _accounts(session: Session, ids: list[str]) -> list[SearchHit]:
    rows = session.execute(select(Account.id, Account.name, Account.city, Account.phone,
                                  Account.tier).where(Account.id.in_(ids), live(Account)))
    return [SearchHit("account", i, name, _join(tier and f"[{tier}]", city, phone), i)
            for i, name, city, phone, tier in rows]


def _contacts(session: Session, ids: list[str]) -> list[SearchHit]:
    rows = session.execute(
        select(Contact.id, Contact.name, Contact.title, Contact.email, Contact.account_id,
               Account.name).join(Account, Account.id == Contact.account_id, isouter=True)
        .where(Contact.id.in_(ids), live(Contact)))
    return [SearchHit("contact", i, name, _join(title, account, email), account_id)
            for i, name, title, email, account_id, account in rows]


def _opportunities(session: Session, ids: list[str]) -> list[SearchHit]:
    rows = session.execute(
        select(Opportunity.id, Opportunity.name, Opportunity.stage, Opportunity.account_id,
               Account.name).join(Account, Account.id == Opportunity.account_id, isouter=True)
        .where(Opportunity.id.in_(ids), live(Opportunity)))
    return [SearchHit("opportunity", i, name, _join(account, stage), account_id)
            for i, name, stage, account_id, account in rows]


def _visits(session: Session, ids: list[str]) -> list[SearchHit]:
    rows = session.execute(
        select(Visit.id, Visit.purpose, Visit.notes, Visit.actual_start, Visit.planned_start,
               Visit.account_id, Account.name)
        .join(Account, Account.id == Visit.account_id, isouter=True)
        .where(Visit.id.in_(ids), live(Visit)))
    return [SearchHit("visit", i, purpose or _first_line(notes) or "Visit",
                      _join(account, local_text(actual or planned, "%Y-%m-%d")), account_id)
            for i, purpose, notes, actual, planned, account_id, account in rows]


def _first_line(notes: str | None) -> str:
    return (notes or "").strip().splitlines()[0][:80] if (notes or "").strip() else ""


_HITS: dict[str, Callable[[Session, list[str]], list[SearchHit]]] = {
    "account": _accounts, "contact": _contacts, "opportunity": _opportunities,
    "visit": _visits,
}
