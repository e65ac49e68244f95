"""The one table-model template: a column enum, custom roles, and lazy page loading.

A model lists frozen rows. Subclasses declare their columns (``Column`` entries keyed
by an enum member) and how to load a page; the base shows them, hands the row out under
``RowRole``, and fetches further pages only as the view scrolls (``canFetchMore``), so
a list of 100,000 accounts opens as fast as one of 100.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.ui.i18n import translate
from shared.i18n import QT_TRANSLATE_NOOP

RowT = TypeVar("RowT")
Index = QModelIndex | QPersistentModelIndex

PENDING_MARK = QT_TRANSLATE_NOOP("RowTableModel", "● not synced")  # show via pending_mark()
PENDING_COLOR = QColor("#b26a00")
OVERDUE_COLOR = QColor("#c62828")


class Roles(enum.IntEnum):
    """Custom data roles every list model answers."""

    ROW = Qt.ItemDataRole.UserRole + 1  # the frozen row itself
    ID = Qt.ItemDataRole.UserRole + 2  # the row's id
    PENDING = Qt.ItemDataRole.UserRole + 3  # True when the row has unsynced local changes
    SORT = Qt.ItemDataRole.UserRole + 4  # a sortable value for the proxy


@dataclass(frozen=True)
class Column(Generic[RowT]):
    """``header`` is English, marked ``QT_TRANSLATE_NOOP("<Model class>", "Name")``; the model
    translates it when the view asks for it."""

    key: enum.Enum
    header: str
    text: Callable[[RowT], str]
    sort: Callable[[RowT], Any] | None = None
    align_right: bool = False
    color: Callable[[RowT], QColor | None] | None = None


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Frozen rows in a table; subclasses set ``columns`` and implement ``load_page``.

    Column headers are translated in ``header_context`` — by default the name of the class
    that declares ``columns`` (so ``OutboxModel`` marks its headers
    ``QT_TRANSLATE_NOOP("OutboxModel", "Time")``).
    """

    columns: Sequence[Column[RowT]] = ()
    page_size = 200
    header_context: str | None = None

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []
        self._exhausted = True

    # -- what subclasses provide -----------------------------------------------------
    def load_page(self, offset: int, limit: int) -> list[RowT]:
        raise NotImplementedError

    def row_color(self, row: RowT) -> QColor | None:
        """A text colour for the whole row (e.g. overdue), or None."""
        return None

    def row_pending(self, row: RowT) -> bool:
        return bool(getattr(row, "pending", False))

    # -- loading -----------------------------------------------------------------------
    def reload(self) -> None:
        """Drop what is shown and load the first page again (after a change or filter)."""
        self.beginResetModel()
        self._rows = self.load_page(0, self.page_size)
        self._exhausted = len(self._rows) < self.page_size
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        page = self.load_page(len(self._rows), self.page_size)
        self._exhausted = len(page) < self.page_size
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    # -- Qt model interface ----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return translate(self._header_context(), self.columns[section].header)
        return None

    def _header_context(self) -> str:
        if self.header_context:
            return self.header_context
        return next((cls.__name__ for cls in type(self).__mro__ if "columns" in vars(cls)),
                    type(self).__name__)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Roles.ROW:
            return row
        if role == Roles.ID:
            return getattr(row, "id", None)
        if role == Roles.PENDING:
            return self.row_pending(row)
        if role == Roles.SORT:
            return column.sort(row) if column.sort else column.text(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            color = column.color(row) if column.color else None
            color = color if color is not None else self.row_color(row)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- helpers for views -------------------------------------------------------------
    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def column_of(self, key: enum.Enum) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def find_row(self, row_id: str) -> int:
        """Index of the loaded row with *row_id*, or -1."""
        return next((i for i, r in enumerate(self._rows) if getattr(r, "id", None) == row_id),
                    -1)


def pending_mark() -> str:
    """"● not synced" in the UI's language."""
    return translate("RowTableModel", PENDING_MARK)


def pending_text(row: Any) -> str:
    return pending_mark() if getattr(row, "pending", False) else ""


def pending_color(row: Any) -> QColor | None:
    return PENDING_COLOR if getattr(row, "pending", False) else None


def sort_key_or_empty(value: Any) -> Any:
    """Sort values the proxy can compare (None last as an empty string)."""
    return "" if value is None else value
