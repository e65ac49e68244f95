"""Run ``fieldcrm-server`` administration commands against a test database."""

from __future__ import annotations

import subprocess

from tests.support.live_server import REPO_ROOT, _cli, _env


def cli(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_cli(database_url, *args), cwd=REPO_ROOT, env=_env(), text=True,
                          capture_output=True, timeout=120)
