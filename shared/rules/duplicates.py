"""Likely duplicates of a new account or contact: similar names (Chinese too), same phone or email.

Company names are compared after ``normalize_company`` (case, full-width forms,
brackets such as a city "(上海)", legal suffixes such as 有限公司 or "Co., Ltd." go)
by the Dice coefficient of their character bigrams, which needs no word segmentation
and so works for Chinese and English alike. The same phone number or email address
makes a duplicate whatever the names say. A contact's name only counts at the same
account (张伟 is a common name).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from shared.i18n import QT_TRANSLATE_NOOP, Message

Kind = Literal["account", "contact"]
MIN_PHONE_DIGITS = 7  # shorter digit runs (extensions, typos) never match

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
# Longest first; Chinese suffixes may repeat (…集团有限公司), so they are stripped in a loop.
_CN_SUFFIXES = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司",
                "分公司", "总公司", "集团", "公司")
_EN_SUFFIX = re.compile(
    r"(?:[\s,.&]+(?:trading\s+co(?:mpany)?|co(?:mpany)?|ltd|limited|inc|incorporated|corp"
    r"|corporation|llc|plc|gmbh|ag|s\.?a|b\.?v|pte|group|holdings?))+[\s,.]*$")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class DuplicateMatch:
    id: str
    score: float  # 0..1; 1.0 for the same normalized name or the same phone/email
    reasons: tuple[str, ...]


def _folded(text: str | None) -> str:
    """NFKC (full-width to half-width, full-width brackets too), lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def normalize_company(name: str | None) -> str:
    """The comparable core of a company name: "Amcor Packaging (Shanghai) Co., Ltd." -> "amcorpackaging"."""
    text = _BRACKETS.sub(" ", _folded(name))
    text = _EN_SUFFIX.sub("", " " + text).strip()
    changed = True
    while changed:
        changed = False
        for suffix in _CN_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)].rstrip(), True
    return _NOT_WORD.sub("", text)


def normalize_person(name: str | None) -> str:
    """A person's name without case, spacing or punctuation differences."""
    return _NOT_WORD.sub("", _folded(name))


def normalize_phone(phone: str | None) -> str:
    """Digits only, without the China country code (+86, 0086) or the trunk 0."""
    text = unicodedata.normalize("NFKC", phone or "").strip()
    digits = re.sub(r"\D", "", text)
    if text.startswith("+86") or digits.startswith("0086"):
        digits = digits.removeprefix("00").removeprefix("86")
    elif digits.startswith("86") and len(digits) >= 12:  # "86 21 …" written without the +
        digits = digits[2:]
    return digits.lstrip("0")


def normalize_email(email: str | None) -> str:
    return unicodedata.normalize("NFKC", email or "").strip().casefold()


def _bigrams(text: str) -> Counter[str]:
    if len(text) < 2:
        return Counter([text]) if text else Counter()
    return Counter(text[i:i + 2] for i in range(len(text) - 1))


def _dice(a: Counter[str], b: Counter[str]) -> float:
    size = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / size if size else 0.0


def name_similarity(a: str | None, b: str | None) -> float:
    """0..1 similarity of two company names (1.0: the same after normalizing)."""
    left, right = normalize_company(a), normalize_company(b)
    if not left or not right:
        return 0.0
    return 1.0 if left == right else _dice(_bigrams(left), _bigrams(right))


def _phones(record: Mapping[str, Any]) -> set[str]:
    found = {normalize_phone(record.get(key)) for key in ("phone", "mobile")}
    return {p for p in found if len(p) >= MIN_PHONE_DIGITS}


def _name_reason(similarity: float) -> str:
    if similarity == 1.0:
        return QT_TRANSLATE_NOOP("Messages", "Same name")
    return Message.of(QT_TRANSLATE_NOOP("Messages", "Similar name ({percent} %)"),
                      percent=round(similarity * 100))


def find_duplicates(kind: Kind, candidate: Mapping[str, Any],
                    existing: Iterable[Mapping[str, Any]],
                    threshold: float = 0.8) -> list[DuplicateMatch]:
    """Existing records (mappings with ``id``) that are likely *candidate*, best first."""
    if kind not in ("account", "contact"):
        raise ValueError(f"duplicates are looked for among accounts or contacts, not {kind!r}")
    normalize = normalize_company if kind == "account" else normalize_person
    name = normalize(candidate.get("name"))
    grams = _bigrams(name)
    phones = _phones(candidate)
    email = normalize_email(candidate.get("email")) if kind == "contact" else ""
    matches: list[DuplicateMatch] = []
    for record in existing:
        if candidate.get("id") is not None and record.get("id") == candidate.get("id"):
            continue  # the record being edited
        reasons: list[str] = []
        score = 0.0
        if phones & _phones(record):
            score, reasons = 1.0, [QT_TRANSLATE_NOOP("Messages", "Same phone number")]
        if email and email == normalize_email(record.get("email")):
            score, reasons = 1.0, [*reasons, QT_TRANSLATE_NOOP("Messages", "Same email address")]
        same_place = kind == "account" or candidate.get("account_id") == record.get("account_id")
        other = normalize(record.get("name")) if same_place else ""
        if name and other:
            similarity = 1.0 if name == other else _dice(grams, _bigrams(other))
            if similarity >= threshold:
                score = max(score, similarity)
                reasons.append(_name_reason(similarity))
        if score >= threshold and reasons:
            matches.append(DuplicateMatch(str(record.get("id")), round(score, 4), tuple(reasons)))
    matches.sort(key=lambda m: (-m.score, m.id))
    return matches
