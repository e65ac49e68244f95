"""User settings survive upgrades and corrupt files; replicas live per server and user."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import paths
from desktop.settings import Settings, load_settings, save_settings


def test_missing_settings_give_defaults_and_saved_ones_come_back(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings(sync_interval_s=60, language="system")
    wanted = Settings(server_url="https://crm.example.cn", last_username="li.wei",
                      sync_interval_s=120, language="zh_CN")
    save_settings(wanted, tmp_path)
    assert load_settings(tmp_path) == wanted


def test_a_corrupt_settings_file_falls_back_to_defaults_and_is_kept(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert load_settings(tmp_path) == Settings()
    [kept] = tmp_path.glob("settings.json.corrupt-*")
    assert kept.read_text(encoding="utf-8") == "{not json"


def test_old_settings_are_upgraded_and_bad_values_replaced(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps(
        {"version": 1, "server": "http://10.0.0.5:8000", "sync_interval_min": 5,
         "language": "klingon", "last_username": 42}), encoding="utf-8")
    assert load_settings(tmp_path) == Settings(server_url="http://10.0.0.5:8000",
                                               sync_interval_s=300)


def test_config_and_data_dirs_follow_the_environment(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDCRM_CONFIG_DIR", str(tmp_path / "cfg"))
    monkeypatch.setenv("FIELDCRM_DATA_DIR", str(tmp_path / "data"))
    save_settings(Settings(last_username="zhang.min"))
    assert (tmp_path / "cfg" / "settings.json").exists()
    assert paths.replica_path("https://crm.example.cn", "li.wei") == (
        tmp_path / "data" / "replicas" / "crm.example.cn_443" / "li.wei.sqlite")


def test_each_server_and_user_has_its_own_replica(tmp_path: Path) -> None:
    a = paths.replica_path("http://127.0.0.1:5000", "li.wei", tmp_path)
    b = paths.replica_path("http://127.0.0.1:5001", "li.wei", tmp_path)
    c = paths.replica_path("http://127.0.0.1:5000", "../zhang min", tmp_path)
    assert len({a, b, c}) == 3 and c.parent == a.parent and not c.name.startswith(".")
