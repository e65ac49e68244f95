"""Child process: desktop cold start on a big replica, then search and scroll timings, peak RSS.

Built the way desktop/ui/session.py builds the app after sign-in (offscreen Qt).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

STARTED_AT = time.time()  # as early as this module runs; the parent passes the real spawn time


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench.desktop_start")
    parser.add_argument("server_url")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--t0", type=float, default=STARTED_AT)
    parser.add_argument("--user", default="chen.jing")
    parser.add_argument("--search-iters", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    from desktop.app import collector_paused_for_start

    with collector_paused_for_start():  # as desktop.app.main imports the UI
        from PySide6.QtWidgets import QApplication

        from desktop.sync import sign_in
        from desktop.ui.events import AppEvents
        from desktop.ui.main_window import MainWindow
        from desktop.ui.runner import Runner
        from desktop.ui.sync_controller import SyncController, SyncSettings

    imported = time.time()
    app = QApplication(sys.argv[:1])
    store, api = sign_in(args.server_url, args.user, "fieldcrm", data_dir=args.data_dir,
                         device_name="bench desktop")
    signed_in = time.time()
    runner, events = Runner(app), AppEvents()
    controller = SyncController(store, api, events, SyncSettings())
    window = MainWindow(store, runner, events, controller)
    window.show()
    controller.start()
    model = window.accounts.model
    limit = time.monotonic() + args.timeout
    while (model.rowCount() == 0 or not window.isVisible()) and time.monotonic() < limit:
        app.processEvents()
        time.sleep(0.005)  # bounded polling; the replica is bootstrapped, so rarely taken
    app.processEvents()
    ready = time.time()
    result = {"cold_start_s": ready - args.t0, "imports_s": imported - args.t0,
              "signin_s": signed_in - imported, "window_s": ready - signed_in,
              "rows_shown": model.rowCount(), "accounts_total": model.total()}
    from bench.desktop_measure import scroll_ms, search_timings

    result.update(search_timings(app, window, store, args.search_iters))
    result.update(scroll_ms(app, window))
    store.wait_background()  # the sign-in's password check (64 MiB) counts too
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    controller.stop()
    runner.wait_idle()
    store.close()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
