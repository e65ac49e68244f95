"""The Qt binding the app ships with survives a long day of signals (no refcount leak)."""

import sys

import pytest
from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal(int, bool, object)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True and None are immortal from 3.12")
def test_emitting_signals_does_not_eat_references_to_true_or_none(qapp):
    # A binding that drops a reference per emit makes the app abort ("bool_dealloc")
    # after a few thousand background jobs, syncs or keystrokes.
    emitter = _Emitter()
    count = [0]
    emitter.happened.connect(lambda *args: count.__setitem__(0, count[0] + 1))
    emits = 5_000
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(emits):
        emitter.happened.emit(i, True, None)
    assert count[0] == emits
    # Unrelated objects come and go meanwhile, so allow a little noise; a leaking
    # binding loses one reference per emit.
    assert abs(sys.getrefcount(True) - before_true) < emits // 10
    assert abs(sys.getrefcount(None) - before_none) < emits // 10
