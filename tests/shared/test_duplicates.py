"""Duplicate detection before creating an account or contact."""

import pytest

from shared.rules.duplicates import (
    find_duplicates,
    name_similarity,
    normalize_company,
    normalize_email,
    normalize_phone,
)

EXISTING_ACCOUNTS = [
    {"id": "amcor-cn", "name": "安姆科包装有限公司", "phone": "+86 21 5555 0100"},
    {"id": "amcor-en", "name": "Amcor Packaging", "phone": None},
    {"id": "sh-print", "name": "上海印刷有限公司", "phone": "+86 21 6666 0101"},
    {"id": "bj-pack", "name": "Beijing Packaging Co., Ltd.", "phone": ""},
]


@pytest.mark.parametrize("name,core", [
    ("安姆科包装(上海)有限公司", "安姆科包装"),
    ("安姆科包装（上海）有限公司", "安姆科包装"),
    ("海尔集团股份有限公司", "海尔"),
    ("Amcor Packaging (Shanghai) Co., Ltd.", "amcorpackaging"),
    ("ＡＭＣＯＲ　Packaging Limited", "amcorpackaging"),
    ("Acme Trading Co., Ltd.", "acme"),
    ("Acme Inc.", "acme"),
    ("  Co., Ltd. ", ""),
])
def test_company_names_lose_case_width_brackets_and_legal_suffixes(name, core):
    assert normalize_company(name) == core


def test_the_same_company_in_other_dress_is_a_perfect_match():
    assert name_similarity("安姆科包装(上海)有限公司", "安姆科包装有限公司") == 1.0
    assert name_similarity("Amcor Packaging (Shanghai) Co., Ltd.", "Amcor Packaging") == 1.0


def test_names_sharing_only_a_common_word_are_not_alike():
    assert name_similarity("上海包装有限公司", "上海印刷有限公司") < 0.5
    assert name_similarity("Shanghai Packaging Co., Ltd.", "Beijing Packaging Co., Ltd.") < 0.7
    assert name_similarity("", "Amcor") == 0.0


@pytest.mark.parametrize("phone", ["+86 21 5555 0100", "021-5555 0100", "(021) 5555-0100",
                                   "0086 21 55550100", "86 21 5555 0100", "２１５５５５０１００"])
def test_phone_formats_normalise_to_the_same_digits(phone):
    assert normalize_phone(phone) == "2155550100"


def test_mobiles_with_and_without_country_code_agree():
    assert normalize_phone("+86 139-0000-0000") == normalize_phone("13900000000")
    assert normalize_phone("+1 415 555 0100") == "14155550100"
    assert normalize_phone(None) == ""


def test_emails_ignore_case_and_spaces():
    assert normalize_email("  Li.Wei@Amcor.COM ") == "li.wei@amcor.com"


def test_a_chinese_name_with_a_bracketed_city_finds_the_existing_account():
    matches = find_duplicates("account", {"name": "安姆科包装(上海)有限公司"}, EXISTING_ACCOUNTS)
    assert [(m.id, m.score, m.reasons) for m in matches] == [("amcor-cn", 1.0, ("Same name",))]


def test_an_english_name_with_suffixes_finds_the_existing_account():
    matches = find_duplicates("account", {"name": "Amcor Packaging (Shanghai) Co., Ltd."},
                              EXISTING_ACCOUNTS)
    assert [m.id for m in matches] == ["amcor-en"]


def test_the_same_phone_is_a_duplicate_whatever_the_name():
    matches = find_duplicates("account", {"name": "Totally Different", "phone": "021 6666 0101"},
                              EXISTING_ACCOUNTS)
    assert [(m.id, m.reasons) for m in matches] == [("sh-print", ("Same phone number",))]


def test_similar_names_rank_below_exact_ones_and_common_words_are_not_duplicates():
    existing = [*EXISTING_ACCOUNTS, {"id": "amcor-sh", "name": "上海安姆科包装有限公司"}]
    matches = find_duplicates("account", {"name": "安姆科包装有限公司"}, existing)
    assert [m.id for m in matches] == ["amcor-cn", "amcor-sh"]
    assert matches[1].reasons[0].startswith("Similar name")
    assert find_duplicates("account", {"name": "上海包装有限公司"}, EXISTING_ACCOUNTS) == []
    assert find_duplicates("account", {"name": "Shanghai Packaging Ltd."},
                           EXISTING_ACCOUNTS) == []


def test_the_record_being_edited_is_not_its_own_duplicate():
    candidate = {"id": "amcor-cn", "name": "安姆科包装有限公司"}
    assert find_duplicates("account", candidate, EXISTING_ACCOUNTS[:1]) == []


def test_contacts_match_on_email_or_phone_anywhere_and_on_name_at_the_same_account():
    existing = [
        {"id": "c1", "account_id": "a1", "name": "张伟", "email": "zhang.wei@amcor.com",
         "phone": None, "mobile": "+86 139 0000 0001"},
        {"id": "c2", "account_id": "a2", "name": "张伟", "email": None, "phone": None,
         "mobile": None},
    ]
    by_name = find_duplicates("contact", {"account_id": "a1", "name": "张 伟"}, existing)
    assert [(m.id, m.reasons) for m in by_name] == [("c1", ("Same name",))]
    by_email = find_duplicates("contact", {"account_id": "a9", "name": "Wei Zhang",
                                           "email": "Zhang.Wei@amcor.com"}, existing)
    assert [(m.id, m.reasons) for m in by_email] == [("c1", ("Same email address",))]
    by_mobile = find_duplicates("contact", {"account_id": "a9", "name": "W. Zhang",
                                            "phone": "13900000001"}, existing)
    assert [m.id for m in by_mobile] == ["c1"]


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        find_duplicates("visit", {"name": "x"}, [])  # type: ignore[arg-type]
