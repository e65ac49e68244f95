"""Can this machine show the Qt window? Checks the display and Qt's X11 system libraries."""

from __future__ import annotations

import ctypes.util
import os
import sys

# Shared libraries Qt's xcb platform plugin loads, and the Debian/Ubuntu package of each.
XCB_LIBRARIES: dict[str, str] = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "GL": "libgl1",
    "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3",
}


def has_display() -> bool:
    """True when Qt has somewhere to draw: an X or Wayland display, or a chosen platform."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def missing_x11_packages() -> list[str]:
    """Debian packages whose libraries Qt needs on X11 and that are not installed."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM") or not os.environ.get(
            "DISPLAY"):
        return []
    return [pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None]


def missing_libraries_message(packages: list[str]) -> str:
    return ("FieldCRM cannot open its window: Qt needs system libraries that are not "
            f"installed. Install them with:\n  sudo apt-get install {' '.join(packages)}")
