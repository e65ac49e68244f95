"""The desktop composition root: arguments, logging, sign-in, main window, sync (``fieldcrm``)."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop import display, paths
from desktop.settings import LANGUAGES, load_settings, save_settings
from desktop.sync import user_message

log = logging.getLogger("desktop")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fieldcrm", description="FieldCRM desktop app")
    parser.add_argument("--server", help="sync server URL, e.g. https://crm.example.com")
    parser.add_argument("--user", help="sign in automatically as this user (demo)")
    parser.add_argument("--password", help="password for --user (demo only)")
    parser.add_argument("--data-dir", type=Path, help="where replicas and logs are kept")
    parser.add_argument("--language", choices=LANGUAGES,
                        help="UI language for this run (default: the one in Settings)")
    parser.add_argument("--verbose", action="store_true", help="log debug detail")
    return parser.parse_args(list(argv) if argv is not None else None)


def setup_logging(data_dir: Path, verbose: bool) -> None:
    root = logging.getLogger()
    if any(getattr(h, "fieldcrm", False) for h in root.handlers):
        return  # main() called again in the same process (tests): configure once
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.fieldcrm = True  # type: ignore[attr-defined]
    root.addHandler(console)
    try:
        (data_dir / "logs").mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(data_dir / "logs" / "fieldcrm.log", maxBytes=2_000_000,
                                      backupCount=3, encoding="utf-8")
    except OSError:
        return  # a read-only disk must not stop the app; the console still gets warnings
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)


def check_server(server_url: str | None) -> int:
    """The no-display path: say so, and check that the server answers (for smoke tests)."""
    print("FieldCRM needs a graphical display to show its window; none was found "
          "(set DISPLAY, or QT_QPA_PLATFORM=offscreen).")
    if not server_url:
        return 0
    from desktop.sync import SyncApi

    try:
        answer = SyncApi(server_url).health()
    except Exception as exc:  # plain words, never a traceback
        print(f"Server {server_url}: {user_message(exc)}")
        return 1
    schema = answer.get("schema", {})
    print(f"Server {server_url} answers: status {answer.get('status', '?')}, "
          f"schema {schema.get('min', '?')}..{schema.get('current', '?')}.")
    return 0


@contextmanager
def collector_paused_for_start() -> Iterator[None]:
    """The UI's first import (Qt, SQLAlchemy, the models: ~0.4 s, most of the start) with
    the cyclic garbage collector paused: it would run some dozens of times over objects that
    all live as long as the app (modules, classes). They are frozen out of later collections
    afterwards. Only the first time in a process (tests call main() again)."""
    if "desktop.ui.session" in sys.modules or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = args.data_dir or paths.data_dir()
    setup_logging(data_dir, args.verbose)
    if not display.has_display():
        return check_server(args.server)
    missing = display.missing_x11_packages()
    if missing:  # Qt would abort the process with a cryptic plugin error
        print(display.missing_libraries_message(missing), file=sys.stderr)
        return 1
    with collector_paused_for_start():
        from desktop.ui.session import run_gui  # Qt is imported only when there is a display

    settings = load_settings()
    server_url = args.server or settings.server_url
    session = run_gui(data_dir, server_url, args.user, args.password, settings.sync_interval_s,
                      language=args.language or settings.language)
    if session is not None:  # reloaded: the Settings dialog may have saved changes meanwhile
        save_settings(load_settings().with_changes(server_url=session.server_url,
                                                   last_username=session.username))
    return 0


if __name__ == "__main__":
    sys.exit(main())
