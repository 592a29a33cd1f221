"""What a dict display given as `extra_body` sends (`rules/extra_body_entries.py`), as ML116
and ML118 read it: its entries after its last `**`, which later keys make win whatever the
spread mapping holds (t68f: agentscope's `{**kwargs.get("extra_body", {}), "tool_stream":
True}` stayed red on ML116); an entry written before a `**` may be replaced by it."""

from __future__ import annotations

import libcst as cst
import pytest

from migrate_llm.rules.extra_body_entries import body_entries

from .cli_findings import invoke, write


@pytest.mark.parametrize(
    ("text", "sure", "spread"),
    [
        ('{"tool_stream": True}', ["tool_stream"], False),
        ('{**kw, "tool_stream": True}', ["tool_stream"], True),
        ('{"tool_stream": True, **kw}', [], True),
        ('{"a": 1, **kw, "b": 2, **more, "c": 3}', ["c"], True),
        ("{}", [], False),
    ],
)
def test_the_entries_a_display_surely_sends(text, sure, spread):
    found = body_entries(cst.parse_expression(text))
    assert found is not None
    assert (list(found.sure), found.spread) == (sure, spread)


def test_anything_but_a_display_is_not_known():
    assert body_entries(cst.parse_expression("dict(tool_stream=True)")) is None
    assert body_entries(cst.parse_expression("body")) is None


ASK = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "def ask(q, extra):\n"
    "    return client.chat.completions.create(\n"
    '        model="gpt-4o-mini", messages=q, extra_body=BODY\n'
    "    )\n"
)
ML118 = (
    "app.py:7:12 ML118 deepseek-flash thinks before it answers unless told not to, which "
    "gpt-4o-mini did not (replies and stream deltas carry reasoning_content, temperature is "
    'ignored, a tool loop must send the reasoning back): add "thinking": {"type": "disabled"} '
    "to the extra_body it sends, after its last ** (later keys win; apply edits only a dict in "
    "the call that spreads none)"
)


@pytest.mark.parametrize(
    ("body", "found"),
    [
        # the switch after the spread is sent whatever `extra` holds: thinking is off
        ('{**extra, "thinking": {"type": "disabled"}}', []),
        # before it, `extra` may replace it
        ('{"thinking": {"type": "disabled"}, **extra}', [ML118]),
    ],
)
def test_ml118_reads_the_switch_after_a_spread(tmp_path, monkeypatch, body, found):
    monkeypatch.chdir(tmp_path)
    before = ASK.replace("BODY", body)
    write(tmp_path, {"app.py": before})
    code, out = invoke("check", "app.py", "--provider", "deepseek")
    assert code == 1  # ML201 maps the model either way
    assert [line for line in out.splitlines() if " ML118 " in line] == found
    code, out = invoke("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty")
    assert code == 0, out
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert after.count(body) == 1  # the extra_body is left as written
