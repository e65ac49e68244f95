"""Stacked pages that are built when first shown or asked for (their modules imported then).

The app starts on Today; the other screens cost imports, queries and widgets that the first
paint need not wait for. Until it is built, an empty widget holds a page's place.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QStackedWidget, QWidget

Builder = Callable[[], QWidget]


class PageStack(QStackedWidget):
    """``page(i)`` builds page *i* the first time; ``show_page(i)`` builds it and shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._builders: dict[int, Builder] = {}

    def add_page(self, page: QWidget | Builder) -> int:
        """Append a built page, or a function that builds it when it is first needed."""
        if isinstance(page, QWidget):
            return self.addWidget(page)
        index = self.addWidget(QWidget())
        self._builders[index] = page
        return index

    def is_built(self, index: int) -> bool:
        return index not in self._builders

    def page(self, index: int) -> QWidget:
        builder = self._builders.pop(index, None)
        if builder is not None:
            placeholder = self.widget(index)
            assert placeholder is not None
            built = builder()
            was_current = self.currentIndex() == index
            self.insertWidget(index, built)  # the placeholder moves one down
            if was_current:
                self.setCurrentWidget(built)
            self.removeWidget(placeholder)
            placeholder.deleteLater()
        widget = self.widget(index)
        assert widget is not None
        return widget

    @Slot(int)
    def show_page(self, index: int) -> None:
        if 0 <= index < self.count():
            self.page(index)
        self.setCurrentIndex(index)
