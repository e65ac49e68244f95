"""The password check of a sign-in (Argon2, ~0.16 s of CPU) is kept out of the app's start:
an offline sign-in gets its answer, a refused one costs no hashing, an online one keeps or
replaces the verifier when the app has settled (or on close)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desktop.sync import SignInError, sign_in
from desktop.sync.signin import PasswordCheck
from tests.desktop.fakes import FakeApi, FakeServer

URL = "http://crm.test:8080"


@pytest.fixture
def verifies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The passwords Argon2 checked against a stored verifier."""
    checked: list[str] = []
    real = PasswordHasher.verify

    def verify(self: PasswordHasher, stored: str, password: str) -> bool:
        checked.append(password)
        return real(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", verify)
    return checked


def test_a_refused_check_is_never_hashed(verifies: list[str]) -> None:
    check = PasswordCheck(PasswordHasher().hash("fieldcrm"), "guess")
    check.cancel()
    assert check.verified() is False
    assert verifies == []


def test_offline_the_check_answers_at_once(verifies: list[str]) -> None:
    stored = PasswordHasher().hash("fieldcrm")
    assert PasswordCheck(stored, "fieldcrm").verified() is True
    assert PasswordCheck(stored, "guess").verified() is False
    assert verifies == ["fieldcrm", "guess"]


def test_online_the_verifier_is_checked_later_and_kept_or_replaced(
        tmp_path: Path, verifies: list[str]) -> None:
    server = FakeServer()

    def api(password: str):  # type: ignore[no-untyped-def]
        return lambda base_url: FakeApi(server, base_url, passwords={"li.wei": password})

    store, _ = sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path, api_factory=api("fieldcrm"))
    first = store.session_secrets()[1]
    store.close()
    store, _ = sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path, api_factory=api("fieldcrm"))
    store.close()  # waits for the check, which the idle process lets run
    assert verifies == ["fieldcrm"]
    store, _ = sign_in(URL, "li.wei", "n3w-Secret", data_dir=tmp_path,
                       api_factory=api("n3w-Secret"))
    store.close()
    assert verifies == ["fieldcrm", "n3w-Secret"]

    server.offline = True
    store, _ = sign_in(URL, "li.wei", "n3w-Secret", data_dir=tmp_path,
                       api_factory=api("n3w-Secret"))
    assert store.session_secrets()[1] not in (None, first)
    store.close()
    with pytest.raises(SignInError, match="password is not correct"):
        sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path, api_factory=api("n3w-Secret"))


def test_a_refused_password_online_costs_no_hashing(tmp_path: Path, verifies: list[str]) -> None:
    server = FakeServer()
    sign_in(URL, "li.wei", "fieldcrm", data_dir=tmp_path,
            api_factory=lambda url: FakeApi(server, url))[0].close()
    with pytest.raises(SignInError, match="user name or password is not correct"):
        sign_in(URL, "li.wei", "guess", data_dir=tmp_path,
                api_factory=lambda url: FakeApi(server, url))
    for thread in threading.enumerate():  # the refused sign-in's check, done or dropped
        if thread.name == "password check":
            thread.join()
    assert verifies == []
