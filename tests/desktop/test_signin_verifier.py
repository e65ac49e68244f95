"""The offline verifier follows the password the server last accepted online."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.sync import SignInError, sign_in
from tests.desktop.fakes import FakeApi, FakeServer

URL = "http://crm.test:8080"


def _server_knowing(server: FakeServer, password: str) -> Callable[[str], FakeApi]:
    return lambda base_url: FakeApi(server, base_url, passwords={"li.wei": password})


def _sign_in(tmp_path: Path, server: FakeServer, password: str, *,
             accepted: str | None = None) -> str | None:
    """Sign in (closing the replica again); returns the stored verifier."""
    store, _ = sign_in(URL, "li.wei", password, data_dir=tmp_path,
                       api_factory=_server_knowing(server, accepted or password))
    try:
        store.wait_background()
        return store.session_secrets()[1]
    finally:
        store.close()


def test_a_password_changed_on_the_server_then_works_offline(tmp_path: Path) -> None:
    server = FakeServer()
    _sign_in(tmp_path, server, "fieldcrm")
    _sign_in(tmp_path, server, "n3w-Secret")  # changed on the server meanwhile
    server.offline = True

    store, api = sign_in(URL, "li.wei", "n3w-Secret", data_dir=tmp_path,
                         api_factory=_server_knowing(server, "n3w-Secret"))
    store.close()
    assert api.token == "tok-li.wei"
    with pytest.raises(SignInError, match="password is not correct"):
        sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path,
                api_factory=_server_knowing(server, "n3w-Secret"))


def test_closing_right_after_sign_in_still_keeps_the_new_password(tmp_path: Path) -> None:
    server = FakeServer()
    _sign_in(tmp_path, server, "fieldcrm")
    store, _ = sign_in(URL, "li.wei", "n3w-Secret", data_dir=tmp_path,
                       api_factory=_server_knowing(server, "n3w-Secret"))
    store.close()  # waits for the verifier being made in the background
    server.offline = True

    again, _ = sign_in(URL, "li.wei", "n3w-Secret", data_dir=tmp_path,
                       api_factory=_server_knowing(server, "n3w-Secret"))
    again.close()


def test_the_same_password_again_keeps_the_verifier_and_offline_sign_in(
        tmp_path: Path) -> None:
    server = FakeServer()
    first = _sign_in(tmp_path, server, "fieldcrm")
    assert first is not None and "fieldcrm" not in first
    assert _sign_in(tmp_path, server, "fieldcrm") == first
    server.offline = True

    store, _ = sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path,
                       api_factory=_server_knowing(server, "fieldcrm"))
    store.close()
    with pytest.raises(SignInError, match="password is not correct"):
        sign_in(URL, "li.wei", "n3w-Secret", data_dir=tmp_path,
                api_factory=_server_knowing(server, "fieldcrm"))


def test_a_refused_password_online_leaves_the_verifier_alone(tmp_path: Path) -> None:
    server = FakeServer()
    first = _sign_in(tmp_path, server, "fieldcrm")
    with pytest.raises(SignInError, match="user name or password is not correct"):
        _sign_in(tmp_path, server, "guess", accepted="fieldcrm")
    assert _sign_in(tmp_path, server, "fieldcrm") == first


def test_an_unreadable_verifier_is_replaced_by_the_next_online_sign_in(tmp_path: Path) -> None:
    server = FakeServer()
    store, _ = sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path,
                       api_factory=_server_knowing(server, "fieldcrm"))
    store.replace_password_verifier(store.session_secrets()[1], "not an argon2 hash")
    store.close()
    assert _sign_in(tmp_path, server, "fieldcrm") != "not an argon2 hash"
    server.offline = True

    again, _ = sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path,
                       api_factory=_server_knowing(server, "fieldcrm"))
    again.close()
