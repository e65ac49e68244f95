"""Wire codec and entity registry: typed values in, clear errors for wrong ones."""

from datetime import date, datetime

import pytest

from shared.ids import is_valid_id, new_id
from shared.models import ENTITIES, MergePolicy, spec_for
from shared.sync.codec import FieldTypeError, decode_value, encode_value


def test_dates_round_trip_through_the_wire():
    spec = spec_for("opportunity")
    assert decode_value(spec, "expected_close", encode_value(date(2027, 1, 31))) == date(2027, 1, 31)
    visit = spec_for("visit")
    when = datetime(2026, 12, 1, 9, 30)
    assert decode_value(visit, "actual_start", encode_value(when)) == when
    assert decode_value(visit, "actual_start", "2026-12-01T09:30:00Z") == when


@pytest.mark.parametrize("entity,field,value", [
    ("account", "annual_revenue_cents", "lots"),
    ("account", "annual_revenue_cents", True),
    ("contact", "is_primary", "yes"),
    ("opportunity", "expected_close", "next week"),
    ("account", "name", 42),
    ("account", "name", None),
    ("account", "country", "x" * 3),
])
def test_wrong_types_are_refused_with_the_field_named(entity, field, value):
    with pytest.raises(FieldTypeError) as err:
        decode_value(spec_for(entity), field, value)
    assert err.value.field == field


def test_every_note_field_appends_and_credit_limit_is_server_owned():
    for spec in ENTITIES.values():
        if "notes" in spec.fields:
            assert spec.policies["notes"] is MergePolicy.APPEND
    assert spec_for("account").policies["credit_limit_cents"] is MergePolicy.SERVER_WINS
    assert spec_for("account").policies["phone"] is MergePolicy.LWW


def test_clients_cannot_write_reference_data():
    assert not spec_for("user").writable("display_name")
    assert spec_for("conflict").writable("status")
    assert not spec_for("conflict").writable("losing_value")
    assert spec_for("account").writable("phone")


def test_ids_are_time_ordered_uuids():
    ids = [new_id() for _ in range(1000)]
    assert ids == sorted(ids)
    assert all(is_valid_id(i) for i in ids[:10])
    assert len(set(ids)) == 1000


def test_datetimes_with_an_offset_travel_as_utc():
    from datetime import timedelta, timezone

    shanghai = timezone(timedelta(hours=8))
    assert encode_value(datetime(2026, 12, 1, 17, 0, tzinfo=shanghai)) == "2026-12-01T09:00:00"
    visit = spec_for("visit")
    assert decode_value(visit, "actual_start", "2026-12-01T17:00:00+08:00") == datetime(
        2026, 12, 1, 9, 0)
