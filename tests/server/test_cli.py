"""The fieldcrm-server command line: init, create-territory, create-user, seed-demo, reassign."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from server.cli import main
from server.db import create_db_engine
from server.demo import EAST, SOUTH
from server.tables import change_log, memberships
from shared.models import Account, Territory, User


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite'}"


def _count(url: str, table: object) -> int:
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(table)) or 0)  # type: ignore[arg-type]
    finally:
        engine.dispose()


def test_init_creates_the_schema(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database-url", url, "init"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert _count(url, User) == 0


def test_create_user_with_territories(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database-url", url, "create-territory", "华北 North China"]) == 0
    code = main(["--database-url", url, "create-user", "--username", "zhao.lei",
                 "--password", "s3cret!", "--display-name", "赵磊", "--role", "manager",
                 "--territory", "华北 North China", "--territory", "西南 Southwest"])
    assert code == 0
    assert "created user zhao.lei" in capsys.readouterr().out
    assert _count(url, Territory) == 2 and _count(url, memberships) == 2


def test_duplicates_are_refused_plainly(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--database-url", url, "create-user", "--username", "a", "--password", "secret",
            "--display-name", "A"]
    assert main(args) == 0
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "Traceback" not in err
    assert main(["--database-url", url, "create-territory", "T"]) == 0
    assert main(["--database-url", url, "create-territory", "T"]) == 1


def test_seed_demo_once_then_refuses(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database-url", url, "seed-demo", "--accounts", "5", "--seed", "3"]) == 0
    assert "li.wei" in capsys.readouterr().out
    assert main(["--database-url", url, "seed-demo", "--accounts", "5"]) == 1
    assert "already holds data" in capsys.readouterr().err
    assert _count(url, Account) == 5


def test_usage_errors_exit_2(url: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--database-url", url, "create-user", "--username", "x"])
    assert exc.value.code == 2


def test_reassign_account_moves_it_and_evicts_it_from_the_old_territory(
        url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database-url", url, "seed-demo", "--accounts", "4"]) == 0
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            east, south = (conn.scalar(select(Territory.id).where(Territory.name == n))
                           for n in (EAST, SOUTH))
            account_id = conn.scalar(select(Account.id).where(Account.territory_id == east))
    finally:
        engine.dispose()
    args = ["--database-url", url, "reassign-account", str(account_id)]
    assert main([*args, "--territory", "Atlantis"]) == 1
    assert "no territory 'Atlantis'" in capsys.readouterr().err
    assert main([*args, "--territory", SOUTH, "--by", "chen.jing"]) == 0
    assert f"moved account {account_id}" in capsys.readouterr().out
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.scalar(select(Account.territory_id)
                               .where(Account.id == account_id)) == south
            evictions = conn.execute(select(change_log.c.territory_id, change_log.c.moved_to)
                                     .where(change_log.c.row_id == account_id,
                                            change_log.c.evicted.is_(True))).all()
    finally:
        engine.dispose()
    assert [tuple(e) for e in evictions] == [(east, south)]
    assert main([*args, "--territory", SOUTH]) == 0
    assert "already in" in capsys.readouterr().out
