"""Recognising secret-key-shaped tokens, and masking them."""

from __future__ import annotations

from migrate_llm.secrets import find_secrets, looks_like_secret, mask, mask_secrets

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


def test_masking_keeps_enough_to_recognise_a_key_and_never_enough_to_use_it() -> None:
    assert mask(KEY) == "sk-pr…23"
    assert mask("sk-abcd") == "…"
    assert mask_secrets(f"key {KEY} and sk-{'b' * 20}.") == "key sk-pr…23 and sk-bb…bb."
