"""The one broadcast every view listens to: something in the replica changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    """Injected into every view; ``data_changed`` carries a ``desktop.store.Changes``."""

    data_changed = Signal(object)
