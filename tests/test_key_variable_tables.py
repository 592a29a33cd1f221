"""A table of which variable holds each service's key (aider's `keymap = dict(openai=
"OPENAI_API_KEY", deepseek="DEEPSEEK_API_KEY", ...)`, its onboarding's `[("DEEPSEEK_API_KEY",
"deepseek"), ("OPENAI_API_KEY", "gpt-4o")]`): OpenAI's entry is OpenAI's and stays. ML401 said
"make it name DEEPSEEK_API_KEY by hand", which would break the openai entry and repeat the
deepseek one (t41b D5). Where the provider has an entry it is a note; where it has none, the
advice is to add one."""

from __future__ import annotations

import pytest

from .test_key_reads_left import migrated


def ml401(change) -> list[tuple[int, str, str, str]]:
    return [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in change.findings
        if f.rule == "ML401"
    ]


BESIDE = (
    "names OPENAI_API_KEY in a table of services' key variables, beside DEEPSEEK_API_KEY: "
    "OpenAI's entry stays for OpenAI"
)


@pytest.mark.parametrize(
    "table",
    [
        'KEYS = dict(openai="OPENAI_API_KEY", deepseek="DEEPSEEK_API_KEY")\n',
        'KEYS = {"deepseek": "DEEPSEEK_API_KEY", "openai": "OPENAI_API_KEY"}\n',
        'KEYS = [("DEEPSEEK_API_KEY", "ds"), ("OPENAI_API_KEY", "oa")]\n',
    ],
)
def test_openais_entry_beside_the_providers_is_a_note(registry, tmp_path, table) -> None:
    text = "import os\n\n" + table + "\n\ndef has_key(kind):\n    return kind in os.environ\n"
    change = migrated(registry, tmp_path, text)
    assert change.after == text
    assert ml401(change) == [(3, "note", "none", BESIDE)]


def test_a_table_without_the_providers_entry_asks_for_one(registry, tmp_path) -> None:
    text = 'KEYS = {"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY"}\n'
    change = migrated(registry, tmp_path, text)
    assert change.after == text
    assert ml401(change) == [
        (
            1,
            "warning",
            "manual",
            "names OPENAI_API_KEY in a table of services' key variables (ANTHROPIC_API_KEY "
            "beside it) that has no entry for DeepSeek: OpenAI's stays for OpenAI; add one "
            "naming DEEPSEEK_API_KEY by hand if the program looks DeepSeek's key up there",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        'NAMES = {"key": "OPENAI_API_KEY", "url": "OPENAI_BASE_URL"}\n',
        'PAIRS = [("OPENAI_API_KEY", 1), ("HOME", 2)]\n',
    ],
)
def test_openais_variables_alone_are_no_table_of_services(registry, tmp_path, text) -> None:
    change = migrated(registry, tmp_path, text)
    assert [m.split(",")[0] for *_, m in ml401(change)][:1] == ["names OPENAI_API_KEY"]
    assert all("table of services" not in m for *_, m in ml401(change))
