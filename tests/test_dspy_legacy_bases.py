"""The base URL of DSPy's legacy `dspy.OpenAI` (ML640). dspy 2.4 hands `api_base` to openai's
module-level client as it is (`openai.base_url = api_base`), which joins each request's path to
it as written: without a trailing slash every request went to `/v1chat/completions` (t53e)."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.run_facts import RunFacts

from . import network_guard
from .framework_rewrites import applied
from .program_runner import run_python
from .test_key_spreads import found

SLASH_NOTE = (
    "which may end without a slash: dspy hands it to openai's module-level client, which joins "
    "each request's path to it as written (`.../v1chat/completions`: 404); apply ends it with one"
)


@pytest.mark.parametrize(
    ("base", "after"),
    [
        (
            '"https://api.deepseek.com"',
            'lm = dspy.OpenAI(\n    model="deepseek-v4-pro", api_base="https://api.deepseek.com/", '
            'model_type="chat"\n)\n',
        ),
        (
            "os.environ['DEEPSEEK_BASE_URL']",
            'lm = dspy.OpenAI(\n    model="deepseek-v4-pro",\n'
            '    api_base=os.environ[\'DEEPSEEK_BASE_URL\'].rstrip("/") + "/",\n'
            '    model_type="chat",\n)\n',
        ),
    ],
)
def test_a_providers_base_url_without_a_slash_is_reported_and_ended(registry, base, after):
    text = (
        "import os\n\nimport dspy\n\n"
        f'lm = dspy.OpenAI(model="deepseek-v4-pro", api_base={base}, model_type="chat")\n'
    )
    assert found(registry, text, "ML640") == [
        (5, "ML640", "review", f"dspy.OpenAI() is given api_base={base}, {SLASH_NOTE}")
    ]
    assert applied(registry, text, "deepseek") == "import os\n\nimport dspy\n\n" + after


@pytest.mark.parametrize(
    "base",
    [
        '"https://api.deepseek.com/"',
        'os.environ["DEEPSEEK_BASE_URL"] + "/"',
        "f\"{os.environ['DEEPSEEK_BASE_URL']}/\"",
        "settings.base",  # not known: not reported
        '"http://localhost:8000/v1"',  # another host: the program's own choice
    ],
)
def test_a_base_url_ending_with_a_slash_or_not_the_providers_is_left(registry, base):
    text = (
        "import os\n\nimport dspy\n\n"
        f'lm = dspy.OpenAI(model="deepseek-v4-pro", api_base={base}, model_type="chat")\n'
    )
    assert found(registry, text, "ML640") == []


def test_a_project_kept_on_openai_v0_gets_the_base_url_as_it_is(registry):
    """openai<1 joins `/chat/completions` to `openai.api_base`: no slash there."""
    ctx = RuleContext(registry, registry.get("deepseek"), facts=RunFacts(openai_v0_kept=True))
    text = 'import dspy\n\nlm = dspy.OpenAI(model="gpt-4o")\n'
    edits = [f.edit.text for f in check_python(text, ctx, PYTHON_RULES) if f.edit is not None]
    assert any(
        'api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")' in e
        and "rstrip" not in e
        for e in edits
    )
    unslashed = 'import os\nimport dspy\n\nlm = dspy.OpenAI(model="deepseek-v4-pro", api_base=os.environ["DEEPSEEK_BASE_URL"], model_type="chat")\n'
    assert [f for f in check_python(unslashed, ctx, PYTHON_RULES) if f.rule == "ML640"] == []


# What dspy 2.4's `GPT3` does with its keywords (dsp/modules/gpt3.py, in our words): the key and
# base URL go to openai's module-level client as given, and `model_type="chat"` picks the chat API.
FAKE_DSPY = """import openai


class OpenAI:
    def __init__(self, model, api_key=None, api_base=None, model_type=None, **kwargs):
        if api_key:
            openai.api_key = api_key
        if api_base:
            openai.base_url = api_base
        self.model, self.model_type, self.kwargs = model, model_type, kwargs

    def __call__(self, prompt):
        assert self.model_type == "chat", "the test server answers the chat API only"
        reply = openai.chat.completions.create(
            model=self.model, messages=[{"role": "user", "content": prompt}], **self.kwargs
        )
        return [reply.choices[0].message.content]
"""
PROGRAM = """import os

import dspy

lm = dspy.OpenAI(model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"], max_tokens=50)
print(lm("ping"))
"""


@pytest.mark.parametrize("slash", ["", "/"])
def test_migrated_dspy_openai_reaches_the_providers_chat_path(
    registry, server, tmp_path, monkeypatch, slash
):
    provider = registry.get("qwen")
    (tmp_path / "dspy").mkdir()
    (tmp_path / "dspy" / "__init__.py").write_text(FAKE_DSPY)
    (tmp_path / "bot.py").write_text(PROGRAM)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "bot.py", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    check = CliRunner().invoke(app, ["check", "bot.py", "--provider", "qwen"])
    assert check.exit_code == 0, check.stdout

    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {provider.api_key_env: "test-key", provider.base_url_env: server.base + path + slash}
    guard = tmp_path / "guard"
    proc = run_python(["bot.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard))
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (request,) = server.requests
    assert (request.method, request.path) == ("POST", f"{path}/chat/completions")
    assert request.headers["authorization"] == "Bearer test-key"
    assert request.body["model"] == provider.map_model("gpt-4o")


def test_a_base_url_in_a_dict_several_constructions_spread_is_reported_once(registry):
    """STORM's `openai_kwargs`, spread into five constructions of its `OpenAIModel`."""
    text = (
        "import os\n\nimport dspy\n\n"
        'kw = {"api_base": os.environ["DEEPSEEK_BASE_URL"], "model_type": "chat"}\n'
        'a = dspy.OpenAI(model="deepseek-v4-pro", **kw)\n'
        'b = dspy.OpenAI(model="deepseek-flash", **kw)\n'
    )
    assert [f[:3] for f in found(registry, text, "ML640")] == [(5, "ML640", "review")]
    assert applied(registry, text, "deepseek") == text.replace(
        'kw = {"api_base": os.environ["DEEPSEEK_BASE_URL"], "model_type": "chat"}\n',
        'kw = {\n    "api_base": os.environ["DEEPSEEK_BASE_URL"].rstrip("/") + "/",\n'
        '    "model_type": "chat",\n}\n',
    )


def test_the_chat_api_missing_from_a_spread_dict_is_a_warning(registry):
    """t53e vNoType: the provider's model and base URL in STORM's `openai_kwargs`, no
    `model_type`: every call went to /v1/completions with a raw prompt, `check` green."""
    text = (
        "import os\n\nimport dspy\n\n"
        'kw = {"api_base": os.environ["DEEPSEEK_BASE_URL"].rstrip("/") + "/"}\n'
        'lm = dspy.OpenAI(model="deepseek-v4-pro", **kw)\n'
    )
    assert found(registry, text, "ML640") == [
        (
            6,
            "ML640",
            "manual",
            "dspy.OpenAI() sends model='deepseek-v4-pro' to the legacy /completions endpoint "
            "(without model_type it takes the chat API only for a name holding one of gpt-3.5, "
            'turbo, gpt-4), and neither the call nor `**kw` gives it: pass model_type="chat", '
            "by hand",
        )
    ]
    given = text.replace('+ "/"}', '+ "/", "model_type": "chat"}')
    assert found(registry, given, "ML640") == []
