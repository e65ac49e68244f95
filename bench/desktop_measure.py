"""Search and scroll timings on a running main window (used by bench.desktop_start)."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import func, select

from bench.stats import median, percentile
from desktop.services.accounts import list_accounts
from desktop.store import Store
from shared.models import Account

SCROLL_STEPS = 25


def search_terms(store: Store, count: int) -> list[str]:
    """Substrings of real account names spread over the replica (Chinese and English)."""
    with store.read() as session:
        total = int(session.scalar(select(func.count()).select_from(Account)) or 0)
        step = max(1, total // max(1, count))
        names = [session.scalar(select(Account.name).order_by(Account.id).offset(i * step)
                                .limit(1)) for i in range(count)]
    terms = []
    for name in filter(None, names):
        middle = len(name) // 2
        terms.append(name[max(0, middle - 1):middle + 2].strip() or name[:3])
    return terms


def search_timings(app: Any, window: Any, store: Store, count: int) -> dict[str, Any]:
    """list_accounts (the service) and the view's whole filter (query, count, repaint)."""
    terms = search_terms(store, count)
    service, ui = [], []
    view = window.accounts
    for term in terms:
        started = time.perf_counter()
        list_accounts(store, term)
        service.append((time.perf_counter() - started) * 1000)
        view.search.blockSignals(True)  # skip the typing debounce timer: time the work itself
        view.search.setText(term)
        view.search.blockSignals(False)
        started = time.perf_counter()
        view.apply_filter()
        app.processEvents()
        ui.append((time.perf_counter() - started) * 1000)
    view.search.setText("")
    view.apply_filter()
    app.processEvents()
    return {"search_terms": terms, "search_ms_p50": median(service),
            "search_ms_p90": percentile(service, 90), "search_ui_ms_p50": median(ui),
            "search_ui_ms_max": max(ui) if ui else None}


def scroll_ms(app: Any, window: Any) -> dict[str, Any]:
    """Jump to the bottom repeatedly (each jump makes the model fetch the next page)."""
    table = window.accounts.table
    bar = table.verticalScrollBar()
    steps = []
    for _ in range(SCROLL_STEPS):
        started = time.perf_counter()
        bar.setValue(bar.maximum())
        app.processEvents()
        steps.append((time.perf_counter() - started) * 1000)
    return {"scroll_step_ms_p50": median(steps), "scroll_step_ms_max": max(steps),
            "scroll_rows_loaded": window.accounts.model.rowCount()}
