"""The fields each entity's rules read are declared (RULE_FIELDS): the server skips the
rules for a merge that changes none of them, so a rule reading anything else must fail here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Date, DateTime

from shared.models import ENTITIES, enums
from shared.rules.validation import RULE_FIELDS, RULES, validate

WORDS = sorted({str(member) for kind in vars(enums).values()
                if isinstance(kind, type) and issubclass(kind, enums.enum.Enum)
                for member in kind} | set(enums.CURRENCIES))
VALUES = st.one_of(
    st.none(), st.sampled_from(WORDS), st.text(max_size=8),
    st.sampled_from(["", "  ", "a@b.cn", "+86 21 5555 0100", "www.example.com", "CN"]),
    st.integers(-5, 400), st.booleans(), st.lists(st.sampled_from(["c1", "c2", 3]), max_size=2))
# Dates and times as the models hold them (a date column never holds a datetime).
TEMPORAL = {Date: st.dates(date(2026, 1, 1), date(2026, 1, 3)),
            DateTime: st.datetimes(datetime(2026, 1, 1), datetime(2026, 1, 3))}


def values_of(entity: str, name: str) -> st.SearchStrategy[Any]:
    kind = type(ENTITIES[entity].table.columns[name].type)
    return st.one_of(VALUES, TEMPORAL[kind]) if kind in TEMPORAL else VALUES


class Recording(Mapping[str, Any]):
    """A record's values that remember which of them were read."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.held = values
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        self.read.add(name)
        return self.held[name]

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("rules read named fields, not the whole record")

    def __len__(self) -> int:
        return len(self.held)


def records() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    return st.sampled_from(sorted(RULES)).flatmap(lambda entity: st.tuples(
        st.just(entity),
        st.fixed_dictionaries({"id": st.sampled_from(["r1", "r2"]),
                               **{name: values_of(entity, name)
                                  for name in ENTITIES[entity].fields}})))


def test_every_entity_with_rules_declares_what_they_read() -> None:
    assert RULE_FIELDS.keys() == RULES.keys()
    for entity, fields in RULE_FIELDS.items():
        assert fields <= set(ENTITIES[entity].fields), entity


@settings(max_examples=600, deadline=None)
@given(records())
def test_the_rules_read_only_the_declared_fields(record: tuple[str, dict[str, Any]]) -> None:
    entity, values = record
    recording = Recording(values)
    RULES[entity](recording)
    assert recording.read <= RULE_FIELDS[entity] | {"id"}


@settings(max_examples=600, deadline=None)
@given(records(), st.data())
def test_changing_other_fields_gives_the_same_problems(record: tuple[str, dict[str, Any]],
                                                       data: st.DataObject) -> None:
    entity, values = record
    others = sorted(set(ENTITIES[entity].fields) - RULE_FIELDS[entity])
    changed = dict(values)
    for name in data.draw(st.lists(st.sampled_from(others), unique=True)) if others else []:
        changed[name] = data.draw(values_of(entity, name))
    assert validate(entity, changed) == validate(entity, values)
