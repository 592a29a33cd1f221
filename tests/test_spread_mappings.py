"""A mapping one module fills and another spreads into a request (`wrapper_params.py`,
`WrapperParam.spread`; `rules/imported_wrappers.py`; ML111).

khoj (t55a D1): gpt.py sets `model_kwargs["response_format"] = {"type": "json_schema", ...}`
and passes `model_kwargs=model_kwargs` to utils.py's `completion_with_backoff(...,
model_kwargs: dict = {})`, which sends `client.beta.chat.completions.stream(...,
**model_kwargs)`. Zhipu takes json_object only and answered 400; check was green, since
neither module alone shows both the value and the request.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.wrapper_params import may_call_spreading, wrapper_params

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
# a client already pointed at Acme Cloud: nothing else for apply to do
LLM = (
    "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
    '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
    '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n'
    "\n\ndef complete(prompt, model, opts: dict = {}):\n"
    '    opts["temperature"] = opts.get("temperature", 0.2)\n'
    '    messages = [{"role": "user", "content": prompt}]\n'
    "    return client.chat.completions.create(model=model, messages=messages, **opts)\n"
)
ASK = (
    "from app.llm import complete\n\n\n"
    "def answer(prompt, schema=None, as_json=False):\n"
    "    opts = {}\n"
    "    if schema is not None:\n"
    '        opts["response_format"] = {"type": "json_schema", "json_schema": {"name": "A"}}\n'
    "    elif as_json:\n"
    '        opts["response_format"] = {"type": "json_object"}\n'
    '    return complete(prompt, "acme-large", opts=opts)\n\n\n'
    "def vote(prompt):\n"
    '    return complete(prompt, "acme-large", {"n": 3, "temperature": 1.5})\n'
)
SPREAD = "which spreads it into the request on line 14 of app/llm.py"


def project(tmp_path: Path, llm: str = LLM, ask: str = ASK) -> Path:
    files = {
        "requirements.txt": "openai>=1\n",
        "app/__init__.py": "",
        "app/llm.py": llm,
        "app/ask.py": ask,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def run(*args: str) -> tuple[int, list[tuple]]:
    result = CliRunner().invoke(app, [*args, ".", *ACME, "--format", "json", "--no-cache"])
    found = [
        (f["path"], f["rule"], f["line"], f["column"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML111"
    ]
    return result.exit_code, found


def test_the_table_holds_the_entries_a_spread_parameter_sends(registry):
    ctx = RuleContext(registry, registry.get("acme"))
    found = sorted(
        (p.function, p.param, p.position, p.keyword, p.model, p.line)
        for p in wrapper_params("/p/app/llm.py", "app/llm.py", LLM.encode(), ctx)
        if p.spread
    )
    # not temperature, which complete() writes, nor the model, which the request gives itself
    assert found == [
        ("complete", "opts", 2, keyword, False, 14)
        for keyword in sorted(
            (
                "n",
                "top_p",
                "tool_choice",
                "function_call",
                "response_format",
                "reasoning_effort",
                # those ML111 reports the presence of (t64d)
                "functions",
                "logprobs",
                "seed",
                "parallel_tool_calls",
                "stream_options",
            )
        )
    ]


def test_an_entry_set_by_the_caller_is_checked_where_it_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    expected = [
        (
            "app/ask.py",
            "ML111",
            7,
            35,
            "manual",
            'response_format type "json_schema" (an entry of argument opts of complete(), '
            f"{SPREAD}) is not accepted by Acme Cloud (accepted: text, json_object); use "
            "json_object and describe the schema in the prompt",
        ),
        (
            "app/ask.py",
            "ML111",
            14,
            49,
            "manual",
            f"n=3 (an entry of argument opts of complete(), {SPREAD}) asks for more choices "
            "than Acme Cloud returns (at most 1); make several requests instead",
        ),
    ]
    assert run("scan") == (0, expected)
    assert run("check") == (1, expected)
    result = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "app/ask.py").read_text() == ASK  # left to a person


def test_a_mapping_the_callee_uses_otherwise_is_not_followed(tmp_path, monkeypatch):
    logged = LLM.replace('    messages = [{"role"', '    print(opts)\n    messages = [{"role"')
    monkeypatch.chdir(project(tmp_path, llm=logged))
    assert run("check") == (0, [])


def test_the_callers_are_screened_by_the_functions_name():
    assert may_call_spreading(
        "from app.llm import complete\ncomplete(p)\n", frozenset({"complete"})
    )
    assert not may_call_spreading("complete = 1\n", frozenset({"complete"}))
    assert not may_call_spreading("from app.llm import complete\n", frozenset({"complete"}))


def test_a_key_set_in_two_branches_of_one_module_is_checked_in_each(registry):
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "def ask(schema, kind):\n"
        "    kwargs = {}\n"
        "    if schema:\n"
        '        kwargs["response_format"] = {"type": "json_schema", "json_schema": schema}\n'
        "    else:\n"
        '        kwargs["response_format"] = {"type": kind}\n'
        '    return client.chat.completions.create(model="acme-large", messages=[], **kwargs)\n'
    )
    ctx = RuleContext(registry, registry.get("acme"))
    found = [
        (f.line, f.column, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML111"
    ]
    assert found == [
        (
            9,
            37,
            'response_format type "json_schema" is not accepted by Acme Cloud (accepted: text, '
            "json_object); use json_object and describe the schema in the prompt",
        )
    ]
