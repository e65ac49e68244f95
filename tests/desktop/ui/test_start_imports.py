"""What the app's start leaves for later: up to the first screen, a replica at the current
schema loads no migration machinery and no sync engine; the first sync round then brings
the engine and runs (each in a fresh interpreter, where ``sys.modules`` tells the truth)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.store.migrate import backup_file

ROOT = Path(__file__).resolve().parents[3]

# The start as bench/desktop_start.py and desktop/ui/session.py wire it, against the fake
# server; prints which modules were loaded when Today had its data, and after one round.
START = """
import json, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from desktop.sync import sign_in
from desktop.ui.events import AppEvents
from desktop.ui.main_window import MainWindow
from desktop.ui.runner import Runner
from desktop.ui.sync_controller import SyncController, SyncSettings
from tests.desktop.fakes import FakeApi, FakeServer

WATCHED = ("alembic", "mako", "desktop.sync.engine", "requests")
app = QApplication(sys.argv[:1])
server = FakeServer()
store, api = sign_in("http://crm.test:8080", "li.wei", "fieldcrm", data_dir=Path(sys.argv[1]),
                     api_factory=lambda url: FakeApi(server, url))
runner, events = Runner(app), AppEvents()
controller = SyncController(store, api, events, SyncSettings(sync_interval_s=3600))
window = MainWindow(store, runner, events, controller)
window.show()
controller.start(sync_first=False)
limit = time.monotonic() + 60  # a bound on the loop, not a measurement
while window.today.data is None and time.monotonic() < limit:
    app.processEvents()
    time.sleep(0.01)
at_start = {name: name in sys.modules for name in WATCHED}
rounds = []
controller.sync_finished.connect(lambda _report: rounds.append("finished"))
controller.sync_failed.connect(lambda message: rounds.append(message))
controller.sync_now()
while not rounds and time.monotonic() < limit:
    app.processEvents()
    time.sleep(0.01)
print(json.dumps({"today_loaded": window.today.data is not None, "at_start": at_start,
                  "rounds": rounds, "engine_after": "desktop.sync.engine" in sys.modules,
                  "rows": window.accounts.model.rowCount()}))
controller.stop()
runner.wait_idle()
store.close()
"""


def _start(data_dir: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-c", START, str(data_dir)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_first_screen_needs_no_migrations_and_no_sync_engine(
        replica_template: Path, tmp_path: Path) -> None:
    target = tmp_path / "replicas" / "crm.test_8080" / "li.wei.sqlite"
    target.parent.mkdir(parents=True)
    backup_file(replica_template, target)

    result = _start(tmp_path)

    assert result["today_loaded"] and result["rows"]
    assert result["at_start"] == {"alembic": False, "mako": False,
                                  "desktop.sync.engine": False, "requests": False}
    assert result["rounds"] == ["finished"]  # the engine comes with the first round
    assert result["engine_after"]
