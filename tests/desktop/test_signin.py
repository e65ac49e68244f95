"""Signing in online once, then offline against the stored verifier."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.sync import SignInError, last_session, sign_in
from tests.desktop.fakes import FakeApi, FakeServer

URL = "http://crm.test:8080"


def _factory(server: FakeServer, calls: list[FakeApi] | None = None):  # type: ignore[no-untyped-def]
    def make(base_url: str) -> FakeApi:
        api = FakeApi(server, base_url)
        if calls is not None:
            calls.append(api)
        return api
    return make


def test_online_sign_in_stores_the_session_but_never_the_password(tmp_path: Path) -> None:
    server = FakeServer()
    apis: list[FakeApi] = []
    store, api = sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path,
                         api_factory=_factory(server, apis))
    info = store.session_info()
    device = store.device_id
    store.close()

    assert info is not None and (info.username, info.role, info.device_id) == (
        "li.wei", "rep", device)
    assert api.token == "tok-li.wei"
    replica = tmp_path / "replicas" / "crm.test_8080" / "li.wei.sqlite"
    for file in replica.parent.iterdir():
        assert b"fieldcrm" not in file.read_bytes()
    again, _ = sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path,
                       api_factory=_factory(server, apis))
    again.close()
    assert [c.logins[0]["device_id"] for c in apis] == [device, device]
    assert last_session(tmp_path) == info


def test_offline_sign_in_works_with_the_right_password(tmp_path: Path) -> None:
    server = FakeServer()
    sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path, api_factory=_factory(server))[0].close()
    server.offline = True

    store, api = sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path,
                         api_factory=_factory(server))
    try:
        assert store.session_info() is not None and api.token == "tok-li.wei"
    finally:
        store.close()


def test_offline_sign_in_refuses_a_wrong_password(tmp_path: Path) -> None:
    server = FakeServer()
    sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path, api_factory=_factory(server))[0].close()
    server.offline = True

    with pytest.raises(SignInError, match="password is not correct"):
        sign_in(URL, "li.wei", "guess", data_dir=tmp_path, api_factory=_factory(server))


def test_the_first_sign_in_needs_the_server(tmp_path: Path) -> None:
    with pytest.raises(SignInError, match="first sign-in needs a connection"):
        sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path,
                api_factory=_factory(FakeServer(offline=True)))
    assert not list(tmp_path.rglob("*.sqlite"))
    assert last_session(tmp_path) is None


def test_wrong_credentials_online_are_refused_plainly(tmp_path: Path) -> None:
    with pytest.raises(SignInError, match="user name or password is not correct"):
        sign_in(URL, "li.wei", "nope", data_dir=tmp_path, api_factory=_factory(FakeServer()))
