"""Field-level merge: sequential edits apply, concurrent ones follow the field's policy."""

from shared.models.base import MergePolicy
from shared.sync.merge import Incoming, append_texts, bound_clock, merge_field

OLD = "000000000001000-00000-server"
MINE = "000000000002000-00000-laptopA"
THEIRS = "000000000003000-00000-laptopB"


def test_first_write_of_a_field_applies():
    result = merge_field(MergePolicy.LWW, None, None, Incoming("new", MINE, None))
    assert (result.value, result.hlc, result.changed, result.conflict) == ("new", MINE, True, None)


def test_an_edit_made_on_the_current_value_applies_without_conflict():
    result = merge_field(MergePolicy.LWW, "old", OLD, Incoming("new", MINE, OLD))
    assert result.value == "new" and result.conflict is None


def test_sequential_edit_applies_even_if_its_clock_is_lower():
    # The author saw the stored value, so this is not a race whatever the clocks say.
    result = merge_field(MergePolicy.LWW, "old", THEIRS, Incoming("new", MINE, THEIRS))
    assert result.value == "new" and result.conflict is None
    assert result.hlc == THEIRS


def test_concurrent_lww_later_clock_wins_and_the_loser_is_kept():
    result = merge_field(MergePolicy.LWW, "theirs", THEIRS, Incoming("mine", MINE, OLD))
    assert result.value == "theirs" and not result.changed
    assert result.conflict is not None
    assert result.conflict.losing_value == "mine" and result.conflict.incoming_lost


def test_concurrent_lww_incoming_later_clock_wins_and_stored_value_is_kept():
    result = merge_field(MergePolicy.LWW, "mine", MINE, Incoming("theirs", THEIRS, OLD))
    assert result.value == "theirs" and result.changed
    assert result.conflict.losing_value == "mine" and not result.conflict.incoming_lost


def test_replaying_the_same_write_changes_nothing():
    result = merge_field(MergePolicy.LWW, "mine", MINE, Incoming("mine", MINE, OLD))
    assert not result.changed and result.conflict is None


def test_concurrent_equal_values_are_not_a_conflict():
    result = merge_field(MergePolicy.LWW, "same", MINE, Incoming("same", THEIRS, OLD))
    assert result.conflict is None and result.hlc == THEIRS


def test_server_wins_keeps_the_stored_value_even_against_a_later_clock():
    result = merge_field(MergePolicy.SERVER_WINS, 100, OLD, Incoming(999, THEIRS, None))
    assert result.value == 100 and result.conflict.losing_value == 999


def test_append_keeps_both_contributions():
    result = merge_field(MergePolicy.APPEND, "Met buyer.\nAgreed trial.", THEIRS,
                         Incoming("Met buyer.\nSent samples.", MINE, OLD))
    assert "Agreed trial." in result.value and "Sent samples." in result.value
    assert result.value.count("Met buyer.") == 1
    assert result.conflict is not None
    # The kept text is attributed to its own author, not to the later writer.
    assert result.conflict.winning_hlc == THEIRS and result.conflict.losing_hlc == MINE


def test_append_attributes_the_stored_text_even_when_the_incoming_clock_is_later():
    result = merge_field(MergePolicy.APPEND, "Agreed trial.", MINE,
                         Incoming("Sent samples.", THEIRS, OLD))
    assert result.hlc == THEIRS
    assert result.conflict.winning_hlc == MINE and result.conflict.losing_hlc == THEIRS


def test_append_texts_edge_cases():
    assert append_texts(None, "a") == "a"
    assert append_texts("a\nb", "b") == "a\nb"
    assert append_texts("a", "a\nb") == "a\nb"
    assert append_texts("客户很满意", "需要报价") == "客户很满意\n需要报价"


def test_clock_bound_clamps_only_clocks_too_far_ahead():
    assert bound_clock(1_000, 900, 300) == 1_000
    assert bound_clock(86_400_000, 1_000, 300) == 1_300
