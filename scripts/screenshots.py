"""Render the screenshots in docs/screenshots/ for every language and window size.

Each set runs in its own process against its own freshly seeded demo server, so runs
never see each other's edits. ``make screenshots``; ``--only today,accounts`` for a few.

- docs/screenshots/<name>.png                 English, 1366x768 (every screen; the README)
- docs/screenshots/zh_CN/<name>.png           简体中文, 1366x768 (every screen)
- docs/screenshots/1920x1080/<lang>/<name>.png  both languages at 1920x1080 (main screens)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from smoke import running_server  # scripts/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
MAIN_SCREENS = ("today,accounts,account_details,account_timeline,pipeline_board,"
                "opportunities,tasks,search_dialog,visit_plan_dialog,settings_dialog")
SETS = (  # (language, size, folder, screens)
    ("en", "1366x768", OUT, None),
    ("zh_CN", "1366x768", OUT / "zh_CN", None),
    ("en", "1920x1080", OUT / "1920x1080" / "en", MAIN_SCREENS),
    ("zh_CN", "1920x1080", OUT / "1920x1080" / "zh_CN", MAIN_SCREENS),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated screen names")
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for language, size, folder, screens in SETS:
        with tempfile.TemporaryDirectory() as work, running_server(Path(work), 200) as url:
            only = args.only or screens
            command = [sys.executable, "-m", "desktop.ui.screenshots", "--server", url,
                       "--out", str(folder), "--language", language, "--size", size]
            subprocess.run(command + (["--only", only] if only else []), cwd=ROOT, env=env,
                           check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
