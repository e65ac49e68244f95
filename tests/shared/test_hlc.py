"""Hybrid logical clocks order events causally even when wall clocks disagree."""

import pytest

from shared.hlc import Clock, InvalidClock, parse


class FakeTime:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_clock_readings_strictly_increase_even_when_time_stands_still():
    time = FakeTime(1_000)
    clock = Clock("dev", now_ms=time)
    readings = [clock.now() for _ in range(5)]
    assert readings == sorted(readings)
    assert len(set(readings)) == 5


def test_clock_never_goes_back_when_the_wall_clock_is_set_back():
    time = FakeTime(10_000)
    clock = Clock("dev", now_ms=time)
    before = clock.now()
    time.ms = 5_000
    assert clock.now() > before


def test_receiving_a_clock_from_ahead_moves_past_it():
    laptop = Clock("laptop", now_ms=FakeTime(1_000))
    server_reading = Clock("server", now_ms=FakeTime(9_000)).now()
    laptop.receive(server_reading)
    assert laptop.now() > server_reading


def test_string_order_is_clock_order():
    a = Clock("a", now_ms=FakeTime(999)).now()
    b = Clock("a", now_ms=FakeTime(1_000)).now()
    assert a < b
    assert parse(a) < parse(b)


def test_clock_resumes_from_its_last_persisted_value():
    first = Clock("dev", now_ms=FakeTime(50_000))
    last = first.now()
    restarted = Clock("dev", now_ms=FakeTime(1_000), last=last)
    assert restarted.now() > last


def test_node_ids_may_be_uuids():
    clock = Clock("0193a1b2-0000-7000-8000-000000000001", now_ms=FakeTime(1))
    assert parse(clock.now()).node == "0193a1b2-0000-7000-8000-000000000001"


@pytest.mark.parametrize("bad", ["", "12-3-x", "abc", "000000000000001-00000-", 42])
def test_malformed_clocks_are_refused(bad):
    with pytest.raises(InvalidClock):
        parse(bad)
