"""Against a real server: a conflict resolved on one laptop clears on the colleague's too."""

from __future__ import annotations

from pathlib import Path

from desktop.services.accounts import get_account, list_accounts, save_account
from desktop.services.conflicts import open_conflicts, resolve_conflict
from desktop.sync import SyncEngine, sign_in
from tests.support.live_server import LiveServer


def test_resolving_is_a_synced_change_that_clears_the_conflict_everywhere(
        live_server: LiveServer, tmp_path: Path) -> None:
    li, li_api = sign_in(live_server.url, "li.wei", "fieldcrm", data_dir=tmp_path / "li")
    zhang, zhang_api = sign_in(live_server.url, "zhang.min", "fieldcrm",
                               data_dir=tmp_path / "zhang")
    try:
        for store, api in ((li, li_api), (zhang, zhang_api)):
            SyncEngine(store, api).sync()
        account_id = list_accounts(li, limit=1)[0].id
        save_account(li, account_id, {"phone": "+86 21 6100 0001"})
        save_account(zhang, account_id, {"phone": "+86 21 6100 0002"})
        for store, api in ((li, li_api), (zhang, zhang_api), (li, li_api)):
            SyncEngine(store, api).sync()
        [conflict] = open_conflicts(li)
        assert {conflict.mine.text, conflict.theirs.text} == {"+86 21 6100 0001",
                                                              "+86 21 6100 0002"}
        resolve_conflict(li, conflict.id, "keep_mine")
        SyncEngine(li, li_api).sync()
        assert li.outbox() == []  # the server took both the field and the resolution
        SyncEngine(zhang, zhang_api).sync()
        assert open_conflicts(zhang) == [] and open_conflicts(li) == []
        assert get_account(zhang, account_id).phone == conflict.mine.text  # type: ignore[union-attr]
    finally:
        li.close()
        zhang.close()
