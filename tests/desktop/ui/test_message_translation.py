"""Messages of the rules and services come out in the UI's language, values filled in."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from desktop.services.money import AmountError, parse_amount
from desktop.services.timeline import CODE_WORDS
from desktop.store import ValidationFailed
from desktop.sync import NetworkError, user_message
from desktop.ui.i18n import message_text
from shared.i18n import Message, exception_message
from shared.rules.readiness import TripFacts, assess
from shared.rules.validation import validate

NOW = datetime(2025, 3, 10, 9, 0)
CHINESE = {
    "Last refreshed {ago}": "上次刷新：{ago}",
    "{days} days ago": "{days} 天前",
    "No contacts on this laptop": "这台电脑上没有联系人",
    "{field} is required.": "必须填写{field}。",
    "Account name": "客户名称",
    "Territory": "区域",
    "“{text}” is not an amount (e.g. 12,500.00).": "“{text}”不是金额（例如 12,500.00）。",
    "Moved to {stage}": "已进入{stage}阶段",
    "proposal": "方案",
    "Cannot reach the FieldCRM server. You can keep working offline; changes will sync "
    "when the connection is back.": "无法连接 FieldCRM 服务器。可以继续离线工作。",
}


def _lrelease() -> str:
    found = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert found, "pyside6-lrelease is installed with PySide6"
    return found


@pytest.fixture()
def chinese(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """A translator for the Messages context, built from a small .ts like the real one."""
    root = ET.Element("TS", version="2.1", language="zh_CN")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = "Messages"
    for source, translation in CHINESE.items():
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation").text = translation
    ts, qm = tmp_path / "messages_zh_CN.ts", tmp_path / "messages_zh_CN.qm"
    ET.ElementTree(root).write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([_lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def _stale_facts() -> TripFacts:
    return TripFacts(visit_id="v", account_id="a", account_present=True, contacts=0,
                     open_opportunities=1, visits_known=2,
                     refreshed_at=NOW - timedelta(days=3, hours=2))


def test_a_readiness_reason_is_translated_with_its_age(chinese: None) -> None:
    stale, no_contacts = assess(_stale_facts(), NOW).reasons
    assert stale == "Last refreshed 3 days ago"  # the English stays as it was
    assert message_text(stale) == "上次刷新：3 天前"
    assert message_text(no_contacts) == "这台电脑上没有联系人"
    # Across a thread (or stored and read back as plain text) it still translates.
    assert message_text(pickle.loads(pickle.dumps(stale))) == "上次刷新：3 天前"
    assert message_text(str(no_contacts)) == "这台电脑上没有联系人"


def test_a_validation_problem_is_translated_with_its_field(chinese: None) -> None:
    problems = validate("account", {"name": "", "status": "active", "currency": "CNY"})
    assert [p.message for p in problems] == ["Account name is required.",
                                             "Territory is required."]
    assert message_text(problems[0].message) == "必须填写客户名称。"
    assert message_text(user_message(ValidationFailed(problems))) == \
        "必须填写客户名称。 必须填写区域。"


def test_service_errors_and_timeline_titles_are_translated(chinese: None) -> None:
    with pytest.raises(AmountError) as raised:
        parse_amount("十二")
    assert str(raised.value) == "“十二” is not an amount (e.g. 12,500.00)."
    assert message_text(exception_message(raised.value)) == "“十二”不是金额（例如 12,500.00）。"
    offline = user_message(NetworkError("timed out"))
    assert message_text(offline) == "无法连接 FieldCRM 服务器。可以继续离线工作。"
    moved = Message.of("Moved to {stage}", stage=CODE_WORDS["proposal"])
    assert (moved, message_text(moved)) == ("Moved to proposal", "已进入方案阶段")


def test_a_template_without_a_translation_stays_english_around_its_values(
        chinese: None) -> None:
    message = Message.of("No translation has {field} in it", field="Account name")
    assert message_text(message) == "No translation has 客户名称 in it"
