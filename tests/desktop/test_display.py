"""The app explains, instead of crashing, when a machine cannot show its window."""

import ctypes.util

from desktop import display


def test_no_display_is_detected(monkeypatch):
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(display.sys, "platform", "linux")
    assert not display.has_display()
    monkeypatch.setenv("DISPLAY", ":0")
    assert display.has_display()


def test_missing_qt_libraries_are_named_by_package(monkeypatch):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(display.sys, "platform", "linux")
    real = ctypes.util.find_library
    monkeypatch.setattr(display.ctypes.util, "find_library",
                        lambda name: None if name == "xcb-cursor" else real(name) or name)
    assert display.missing_x11_packages() == ["libxcb-cursor0"]
    message = display.missing_libraries_message(["libxcb-cursor0"])
    assert "apt-get install libxcb-cursor0" in message


def test_offscreen_platform_needs_no_x11_libraries(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(display.ctypes.util, "find_library", lambda name: None)
    assert display.missing_x11_packages() == []
