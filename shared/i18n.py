"""Translatable messages without Qt: the rules and services speak English, the UI translates.

Shared code never imports Qt (the server uses it too), so it marks its texts with
``QT_TRANSLATE_NOOP("Messages", ...)`` — a no-op here, but the name Qt's ``lupdate`` looks
for, so the texts land in the translation sources. Texts with values in them are
:class:`Message` objects: a ``str`` (the English text, so logs, JSON and tests keep working)
that also carries its template and values, so the UI can translate the template and fill the
values in afterwards (``desktop.ui.i18n.message_text``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MESSAGES = "Messages"  # the translation context of every shared/service message


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    """Mark *text* for translation in *context*; returns it unchanged."""
    return text


class Message(str):
    """English text, plus the template and values it was made from.

    ``Message.of(QT_TRANSLATE_NOOP("Messages", "Last refreshed {ago}"), ago=...)`` is the
    string ``"Last refreshed 3 hours ago"``; ``.template`` and ``.values`` let a translator
    put the values into another language's sentence. Values may be Messages themselves.
    """

    template: str
    values: dict[str, Any]

    @classmethod
    def of(cls, template: str, **values: Any) -> Message:
        message = cls(template.format(**values) if values else template)
        message.template = template
        message.values = values
        return message

    def __reduce__(self) -> tuple[Any, ...]:  # survive pickling (Qt signals, threads)
        return (_rebuild, (getattr(self, "template", str(self)), getattr(self, "values", {})))


def _rebuild(template: str, values: dict[str, Any]) -> Message:
    return Message.of(template, **values)


def joined(separator: str, parts: Iterable[str]) -> Message:
    """*parts* joined by *separator* (``"a · b"``), each part still translatable on its own.

    The template is only placeholders and the separator (``"{p0} · {p1}"``): nothing for a
    translator, so it is not marked; ``message_text`` translates each part.
    """
    items = list(parts)
    glue = separator.replace("{", "{{").replace("}", "}}")
    template = glue.join(f"{{p{i}}}" for i in range(len(items)))
    return Message.of(template, **{f"p{i}": part for i, part in enumerate(items)})


def exception_message(exc: BaseException) -> str:
    """The message an exception was raised with — the :class:`Message` itself when it was
    one (``str(exc)`` would give only its English) — for ``message_text``."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return exc.args[0]
    return str(exc)
