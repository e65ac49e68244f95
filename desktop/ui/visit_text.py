"""A visit's status and purpose in the UI's language (light: Today needs them at start)."""

from __future__ import annotations

from desktop.services.visit_plans import OUTCOMES, PURPOSES, template_label
from desktop.ui.i18n import message_text, translate
from shared.i18n import QT_TRANSLATE_NOOP
from shared.models.enums import VisitStatus

STATUS_LABELS = {
    VisitStatus.PLANNED.value: QT_TRANSLATE_NOOP("VisitStatus", "Planned"),
    VisitStatus.IN_PROGRESS.value: QT_TRANSLATE_NOOP("VisitStatus", "In progress"),
    VisitStatus.COMPLETED.value: QT_TRANSLATE_NOOP("VisitStatus", "Completed"),
    VisitStatus.CANCELLED.value: QT_TRANSLATE_NOOP("VisitStatus", "Cancelled"),
}


def status_text(status: str) -> str:
    """A visit status in the UI's language."""
    label = STATUS_LABELS.get(status)
    return translate("VisitStatus", label) if label else status


def purpose_text(purpose: str | None) -> str:
    """A stored purpose or outcome as the rep reads it: a template's label translated, the
    rep's own words as they are."""
    if purpose in _TEMPLATE_KEYS:
        return message_text(template_label(purpose))
    return purpose or ""


_TEMPLATE_KEYS = {t.key for t in (*PURPOSES, *OUTCOMES)}
