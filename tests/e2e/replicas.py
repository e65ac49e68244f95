"""Helpers for end-to-end tests: a signed-in client, and canonical dumps of a replica."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.store import Store
from desktop.sync import SyncApi, SyncEngine, sign_in
from shared.models import ENTITIES, Account
from shared.sync.codec import encode_value

PASSWORD = "fieldcrm"


@dataclass
class Client:
    username: str
    store: Store
    api: SyncApi
    engine: SyncEngine

    def close(self) -> None:
        self.store.close()
        self.api.close()


def connect(url: str, username: str, data_dir: Path) -> Client:
    store, api = sign_in(url, username, PASSWORD, data_dir=data_dir, device_name=username)
    return Client(username, store, api, SyncEngine(store, api, retries=0))


Dump = dict[str, dict[str, dict[str, Any]]]


def dump(store: Store) -> Dump:
    """Every replicated row of every table, field for field, clocks and tombstones included."""
    result: Dump = {}
    with store.read() as session:
        for entity, spec in ENTITIES.items():
            rows = session.execute(select(spec.table)).mappings()
            result[entity] = {row["id"]: {k: encode_value(v) for k, v in row.items()}
                              for row in rows}
    return result


def differences(a: Dump, b: Dump) -> list[str]:
    """Readable differences between two dumps (empty when they are equal)."""
    found: list[str] = []
    for entity in ENTITIES:
        left, right = a.get(entity, {}), b.get(entity, {})
        for row_id in sorted(set(left) ^ set(right)):
            found.append(f"{entity} {row_id} only in {'first' if row_id in left else 'second'}")
        for row_id in sorted(set(left) & set(right)):
            for name in sorted(set(left[row_id]) | set(right[row_id])):
                if left[row_id].get(name) != right[row_id].get(name):
                    found.append(f"{entity} {row_id}.{name}: {left[row_id].get(name)!r} "
                                 f"!= {right[row_id].get(name)!r}")
    return found


def live_accounts(store: Store) -> list[Account]:
    with store.read() as session:
        return list(session.scalars(
            select(Account).where(Account.deleted.is_(False)).order_by(Account.id)))
