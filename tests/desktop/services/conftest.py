"""A replica signed in as li.wei, with a couple of accounts to work on."""

from __future__ import annotations

import pytest

from desktop.services.accounts import save_account
from desktop.store import Store
from desktop.store.state import save_session
from tests.desktop.conftest import TERRITORY_ID, USER_ID


@pytest.fixture
def crm(store: Store) -> Store:
    with store.write() as session:
        save_session(session, server_url="http://crm.test:8080",
                     user={"id": USER_ID, "username": "li.wei", "display_name": "Li Wei",
                           "role": "rep"},
                     device_id=store.device_id, token="t", password_verifier="v")
    return store


@pytest.fixture
def account_id(crm: Store) -> str:
    new_id, _ = save_account(crm, None, {"name": "上海精密机械有限公司", "city": "上海",
                                         "tier": "A", "territory_id": TERRITORY_ID})
    return new_id
