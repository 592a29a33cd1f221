"""Recognising secret-key-shaped tokens, and masking them."""

from __future__ import annotations

import pytest

from migrate_llm.secrets import (
    SECRET_KEY,
    find_secrets,
    is_openai_key,
    looks_like_secret,
    mask,
    mask_secrets,
)

KEY = "sk-proj-abcdefghijklmnop0123"


def test_keys_are_found_where_a_token_starts() -> None:
    text = f'key = "{KEY}"\nOPENAI_API_KEY={KEY}x\n(sk-{"a" * 16})'
    assert [m.group(0) for m in find_secrets(text)] == [KEY, KEY + "x", "sk-" + "a" * 16]
    assert [m.start() for m in find_secrets(text)] == [7, 52, 83]


def test_an_sk_inside_a_word_or_too_short_is_not_a_key() -> None:
    assert find_secrets("desk-abcdefghijklmnopqrstuvwxyz task-0123456789abcdef") == []
    assert find_secrets("sk-short sk-abcdefghijklmno") == []  # 15 characters after sk-
    assert find_secrets("no key here, " * 1000) == []
    assert not looks_like_secret("desk-abcdefghijklmnopqrstuvwxyz")
    assert looks_like_secret(f"Bearer {KEY}")


def test_a_slovak_text_to_speech_voice_is_not_a_key() -> None:
    # pyvideotrans lists Edge voices by name; the long ones were ML505 errors
    text = '{"Viktoria": "sk-SK-ViktoriaNeural", "x": "sk-SK-Viktoria0Neural1234"}'
    assert [m.group(0) for m in find_secrets(text)] == ["sk-SK-Viktoria0Neural1234"]


@pytest.mark.parametrize(
    ("key", "openai"),
    [
        ("sk-proj-Hq4Wd8Lz2Rk6Tv1Nb9Xc3Mf7", True),
        ("sk-svcacct-7Bn2Qx5Kw9Rt3Lm8Vd4Zp", True),
        ("sk-admin-Kd3Lq8Zr5Wt1Nv6Bx2Hm9Jc", True),
        ("sk-None-Fz6Qw2Ld8Kp4Rt9Vn1Xb3Mc", True),
        ("sk-Rz4Kp8Wq2Nd6T3BlbkFJVx9Lc3Hm7Bg1", True),  # a legacy user key: "OpenAI" in base64
        ("sk-4f9c2a7e1b8d3f6a0c5e9b2d7a4f1c8e", False),  # DeepSeek's and DashScope's shape
        ("sk-Lq7Wd2Zk9Rt4Nv8Bx3Hm6Jc1Fp5Gs0YaKe2Qw7Rt9Ln4Vb", False),  # Moonshot's shape
        ("sk-projectkey0123456789abc", False),
    ],
)
def test_an_openai_key_is_told_from_another_providers_sk_key(key: str, openai: bool) -> None:
    [found] = find_secrets(key)
    assert is_openai_key(found) is openai


def test_masking_keeps_enough_to_recognise_a_key_and_never_enough_to_use_it() -> None:
    assert mask(KEY) == "sk-pr…23"
    assert mask("sk-abcd") == "…"
    assert mask_secrets(f"key {KEY} and sk-{'b' * 20}.") == "key sk-pr…23 and sk-bb…bb."


def test_a_key_starts_only_after_a_non_word_character_or_the_text_s_start() -> None:
    """`sk-` counts where `\\bsk-` would: at the start, after punctuation or a space, never
    after a letter, digit or underscore (Unicode letters included)."""
    body = "a" * 16
    text = f"sk-{body} _sk-{body} ésk-{body} 9sk-{body} -sk-{body} é.sk-{body}"
    assert [m.start() for m in find_secrets(text)] == [0, 84, 106]
    assert mask_secrets(text) == f"sk-aa…aa _sk-{body} ésk-{body} 9sk-{body} -sk-aa…aa é.sk-aa…aa"


def test_a_search_from_inside_a_word_sees_the_letter_before_it() -> None:
    """A search started at a position (as a masked window of a longer text is) still sees the
    character before that position: `task-...` holds no key from its `s` on."""
    text = f"task-{'b' * 20} (sk-{'c' * 20})"
    assert SECRET_KEY.search(text, 2) is not None
    assert SECRET_KEY.search(text, 2).start() == 27  # type: ignore[union-attr]
    assert SECRET_KEY.match(text, 2) is None
    assert SECRET_KEY.fullmatch(f"sk-{'d' * 20}") is not None


def test_the_key_expression_is_led_by_its_literal() -> None:
    """Led by `sk-` (its `\\b` checked behind it), `re` skips ahead to each `sk-` rather than
    trying every position of a notebook's megabytes."""
    assert SECRET_KEY.pattern.startswith("sk-(?<=\\bsk-)")
