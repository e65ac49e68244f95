"""Starting ``fieldcrm`` where there is no display: a plain message, and a server check."""

from __future__ import annotations

import pytest

from desktop.app import main
from tests.support.live_server import LiveServer


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FIELDCRM_CONFIG_DIR", str(tmp_path / "config"))


@pytest.mark.usefixtures("no_display")
def test_without_a_display_main_says_so_and_exits_0(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert main(["--data-dir", str(tmp_path)]) == 0
    assert "needs a graphical display" in capsys.readouterr().out


@pytest.mark.usefixtures("no_display")
def test_without_a_display_main_checks_the_server(capsys, tmp_path,  # type: ignore[no-untyped-def]
                                                  live_server: LiveServer) -> None:
    assert main(["--server", live_server.url, "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"Server {live_server.url} answers: status ok" in out


@pytest.mark.usefixtures("no_display")
def test_an_unreachable_server_is_reported_in_plain_words(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert main(["--server", "http://127.0.0.1:9", "--data-dir", str(tmp_path)]) == 1
    assert "Cannot reach the FieldCRM server" in capsys.readouterr().out


def test_the_screenshot_script_renders_every_screen(live_server: LiveServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.screenshots import render_all

    saved = render_all(live_server.url, tmp_path / "shots", tmp_path / "data")
    names = {p.stem for p in saved}
    assert {"signin", "accounts", "account_details", "visit_dialog", "tasks",
            "conflicts", "outbox_rejected", "account_history"} <= names
    assert all(p.stat().st_size > 5000 for p in saved)
