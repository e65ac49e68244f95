"""On a slow link every round trip counts: a sync that pushes an edit asks the server once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.sync import SyncApi, SyncEngine, sign_in
from shared.models import Account
from tests.e2e.replicas import PASSWORD, connect, live_accounts
from tests.support.live_server import LiveServer


class CountingApi(SyncApi):
    """The real client, counting the requests it sends."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requests: list[str] = []

    def push(self, mutations: list[dict[str, Any]],
             pull: tuple[int, int] | None = None) -> dict[str, Any]:
        self.requests.append("push")
        return super().push(mutations, pull)

    def pull(self, after: int, limit: int) -> dict[str, Any]:
        self.requests.append("pull")
        return super().pull(after, limit)


def test_a_sync_with_one_edit_is_one_request_and_brings_a_colleagues_change(
        live_server: LiveServer, tmp_path: Path) -> None:
    store, api = sign_in(live_server.url, "li.wei", PASSWORD, data_dir=tmp_path / "li",
                         device_name="li", api_factory=CountingApi)
    assert isinstance(api, CountingApi)
    zhang = connect(live_server.url, "zhang.min", tmp_path / "zhang")
    try:
        engine = SyncEngine(store, api, retries=0)
        engine.sync()
        zhang.engine.sync()
        first, second = (a.id for a in live_accounts(store)[:2])
        with zhang.store.write() as session:
            zhang.store.record(session, "account", second, {"phone": "+86 21 5555 0102"})
        zhang.engine.sync()

        api.requests.clear()
        with store.write() as session:
            store.record(session, "account", first, {"phone": "+86 21 5555 0101"})
        report = engine.sync()

        assert api.requests == ["push"]
        assert report.pushed == 1 and report.pulled >= 2  # its own echo and Zhang's edit
        with store.read() as session:
            assert session.get(Account, second).phone == "+86 21 5555 0102"
        assert store.outbox() == []
        zhang.engine.sync()
        with zhang.store.read() as session:
            assert session.get(Account, first).phone == "+86 21 5555 0101"
        # Nothing to push: one pull, as before.
        api.requests.clear()
        engine.sync()
        assert api.requests == ["pull"]
    finally:
        store.close()
        api.close()
        zhang.close()
