"""`run_facts.slash_ids_elsewhere` reads the code of each call from its lines' offsets, found
once a module (`_Source`), as `ast.get_source_segment` gives it (which split the whole text
at every call: a tenth of the screening of a large module making many calls)."""

from __future__ import annotations

import ast

import pytest

from migrate_llm.run_facts import _Source, slash_ids_elsewhere

ROUTED = (
    "é = 'ü'\r\n"
    'client = OpenAI(base_url="https://openrouter.ai/api/v1")\r\n'
    'client.chat.completions.create(model="openai/gpt-4o")\r'
    'load_chat_model("openai/gpt-4o-mini")\n'
    "litellm.completion(\n"
    '    model="openai/o3",\n'
    ")\n"
)


@pytest.mark.parametrize(
    "text",
    [
        ROUTED,
        "a = 1;\x0cb = c('\u2028')\n\nd = e(\n)",
        's = """a\rb"""; t = q("""x\r\ny""", \'ü\')\r\nf(g(h(1)))',
    ],
)
def test_each_calls_code_is_what_get_source_segment_gives(text):
    source = _Source(text.encode())
    calls = [node for node in ast.walk(ast.parse(text)) if isinstance(node, ast.Call)]
    assert calls
    for call in calls:
        assert source.of(call) == (ast.get_source_segment(text, call) or "").encode()


def test_ids_sent_to_another_service_after_mixed_line_endings_and_non_ascii():
    assert slash_ids_elsewhere(ROUTED.encode()) == {"openai/gpt-4o", "openai/o3"}
