"""A setting of one module that another looks up in its table through a helper, a class
attribute or a method's parameter (ML204, `model_key_sources`); a table of another program of
the repository (ML204, ML503: `table_gaps.same_program`); a JSON fixture's labels (ML503); an
always-thinking model set on an attribute (ML118).

t63c on sweep: `DEFAULT_GPT4_MODEL = os.environ.get(..., "gpt-4-0125-preview")` reached
`ChatGPT.call_openai()` as `self.model`, went through `determine_model_from_chat_logger()`
(which returns its `model` parameter), and met `if model not in model_to_max_tokens: raise`:
mapped, every call raised. ML204 had left it only for a table of docs/sdk, an SDK with its
own pyproject.toml that no module of sweep imports, which it cited for many modules and for
the JSON fixtures whose GitHub `"topics"` ML503 rewrote. Exact findings, bytes, runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

ZHIPU = "Zhipu AI (GLM)"
CONFIG = 'import os\n\nDEFAULT_MODEL = os.environ.get("DEFAULT_MODEL", "gpt-4")\n'
# the lookup reached through a helper returning its argument, and a class attribute
HELPER = """from openai import OpenAI

from app.config import DEFAULT_MODEL

LIMITS = {"gpt-4": 8192, "gpt-4o": 128000}


def pick(model):
    return model


class Chat:
    model = DEFAULT_MODEL

    def limit(self, model=None):
        model = pick(model or self.model)
        if model not in LIMITS:
            raise ValueError(f"unknown model {model}")
        return LIMITS[model]

    def ask(self, q):
        return OpenAI().chat.completions.create(model=self.model, messages=q)
"""
# sweep's shape: a method's parameter filled by the class's own call, then a helper that
# raises or returns it
METHOD = """from openai import OpenAI

from app.config import DEFAULT_MODEL

LIMITS = {"gpt-4": 8192, "gpt-4o": 128000}


def allowed(user, model):
    if user == "blocked":
        raise PermissionError(user)
    return model


class Chat:
    model = DEFAULT_MODEL
    user = "anyone"

    def limit(self, model=None):
        model = model or self.model
        return self.checked(model=model)

    def checked(self, model=None):
        model = allowed(self.user, model=model)
        if model not in LIMITS:
            raise ValueError(f"unknown model {model}")
        return LIMITS[model]

    def ask(self, q):
        return OpenAI().chat.completions.create(model=self.model, messages=q)
"""


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.chdir(tmp_path)


def findings(rules: tuple[str, ...]) -> list[tuple[object, ...]]:
    result = CliRunner().invoke(app, ["scan", ".", "-p", "zhipu", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return [
        (f["path"], f["line"], f["rule"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] in rules
    ]


def apply() -> None:
    result = CliRunner().invoke(app, ["apply", ".", "-p", "zhipu", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output


def limit(tmp_path: Path, model: str | None = None) -> tuple[int, str, str]:
    """The program's token limit for its default model (or DEFAULT_MODEL=`model`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DEFAULT_"))}
    if model is not None:
        env["DEFAULT_MODEL"] = model
    code = "from app.chat import Chat\nprint(Chat().limit())"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    return done.returncode, done.stdout, done.stderr.strip().rpartition("\n")[2]


@pytest.mark.parametrize(("chat", "line"), [(HELPER, 17), (METHOD, 24)], ids=["helper", "method"])
def test_a_setting_a_helper_hands_to_a_lookup_is_left(tmp_path, monkeypatch, chat, line):
    files = {"app/__init__.py": "", "app/config.py": CONFIG, "app/chat.py": chat}
    project(tmp_path, monkeypatch, files)
    assert findings(("ML204",)) == [
        (
            "app/config.py",
            3,
            "ML204",
            "manual",
            f"env default 'gpt-4' of constant DEFAULT_MODEL maps to 'glm-4-plus' on {ZHIPU}, "
            f"but apply leaves it: model not in LIMITS on line {line} of app/chat.py looks it "
            "up, and LIMITS (line 5 of app/chat.py) has no entry for 'glm-4-plus' (the error "
            "the program raises there once mapped): add one, then change the constant, by hand",
            {"model_from": "gpt-4"},
        )
    ]
    apply()
    assert (tmp_path / "app/config.py").read_text() == CONFIG
    assert limit(tmp_path) == (0, "8192\n", "")
    # what apply wrote there before (t63c)
    assert limit(tmp_path, "glm-4-plus") == (1, "", "ValueError: unknown model glm-4-plus")


# docs/sdk: a program of its own (its pyproject.toml), which no module of the app imports;
# its table is looked up by keys it does not show (`ModelTable.open`)
SDK_TABLE = """LIMITS = {"gpt-4": 8192}


class Agent:
    model = "gpt-4o"

    def budget(self, model=None):
        return LIMITS[model or self.model]
"""
APP_SETTINGS = 'DEFAULT_MODEL = "gpt-4"\n'
FIXTURE = '{"model": "gpt-4", "repository": {"topics": ["ai", "gpt-4-32k", "llm"]}}\n'
ROOT = {
    "pyproject.toml": '[project]\nname = "app"\n',
    "app/__init__.py": "",
    "app/settings.py": APP_SETTINGS,
    "tests/hook.json": FIXTURE,
    "docs/sdk/pyproject.toml": '[project]\nname = "sdk"\n',
    "docs/sdk/src/__init__.py": "",
    "docs/sdk/src/agent.py": SDK_TABLE,
}
GAP = (
    "'gpt-4' is a key of LIMITS (line 1 of {}), which has no entry for 'glm-4-plus': where "
    "the program looks a model up there, LIMITS[model] raises KeyError for it"
)


def test_a_table_of_another_program_is_not_cited(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, ROOT)
    assert findings(("ML204", "ML503")) == [
        (
            "app/settings.py",
            1,
            "ML204",
            "review",
            f"constant DEFAULT_MODEL = 'gpt-4' maps to 'glm-4-plus' on {ZHIPU}",
            {"model_from": "gpt-4", "model_to": "glm-4-plus"},
        ),
        (  # the SDK's own lookup, in its own module
            "docs/sdk/src/agent.py",
            5,
            "ML204",
            "manual",
            f"attribute Agent.model = 'gpt-4o' maps to 'glm-5.3' on {ZHIPU}, but apply leaves "
            "it: LIMITS[model or self.model] on line 8 looks it up, and LIMITS has no entry for "
            "'glm-5.3' (a KeyError once mapped): add one, then change the attribute, by hand",
            {"model_from": "gpt-4o"},
        ),
        (
            "tests/hook.json",
            1,
            "ML503",
            "review",
            f"gpt-4 is an OpenAI model; it maps to glm-4-plus on {ZHIPU}",
            {"model_from": "gpt-4", "model_to": "glm-4-plus"},
        ),
    ]
    apply()
    assert (tmp_path / "app/settings.py").read_text() == 'DEFAULT_MODEL = "glm-4-plus"\n'
    # the repository's topics, labels beside the setting, stay as GitHub sent them
    assert (tmp_path / "tests/hook.json").read_text() == FIXTURE.replace(
        '"model": "gpt-4"', '"model": "glm-4-plus"'
    )
    assert (tmp_path / "docs/sdk/src/agent.py").read_text() == SDK_TABLE


def test_a_table_of_the_same_program_is_cited(tmp_path, monkeypatch):
    files = {**ROOT, "app/limits.py": SDK_TABLE}
    del files["docs/sdk/src/agent.py"]
    project(tmp_path, monkeypatch, files)
    left = [
        f for f in findings(("ML204", "ML503")) if f[0] in ("app/settings.py", "tests/hook.json")
    ]
    gap = GAP.format("app/limits.py")
    data = {"model_from": "gpt-4", "model_to": "glm-4-plus", "table": "app/limits.py:1"}
    assert left == [
        (
            "app/settings.py",
            1,
            "ML204",
            "manual",
            f"constant DEFAULT_MODEL = 'gpt-4' maps to 'glm-4-plus' on {ZHIPU}, but apply leaves "
            f"it: {gap}; add one there, then change the constant, by hand",
            data,
        ),
        (
            "tests/hook.json",
            1,
            "ML503",
            "manual",
            f"gpt-4 is an OpenAI model; it maps to glm-4-plus on {ZHIPU}, but apply leaves it: "
            f"{gap}; add one there, then change this value, by hand",
            data,
        ),
    ]


ATTRIBUTE_BOT = """from openai import OpenAI


class Bot:
    model = None

    def ask(self, q):
        self.model = "{model}"
        client = OpenAI()
        return client.chat.completions.create(model=self.model, max_tokens=4096, messages=q)
"""


def test_an_always_thinking_model_set_on_an_attribute_is_reported_before_and_after(
    tmp_path, monkeypatch
):
    project(tmp_path, monkeypatch, {"bot.py": ATTRIBUTE_BOT.format(model="gpt-4o")})
    limit_clause = (
        "always thinks before it answers (no switch turns it off){}, and the reasoning counts "
        "against max_tokens=4096: at the default effort it may use all of it and leave the "
        'reply empty; pass reasoning_effort="low", or {}, by hand; no limit clears this '
        "warning (the provider's file names no size the reasoning needs; a larger one only "
        "leaves it more room): where the requests are settled otherwise (an effort sent where "
        "this call does not show it), record that with `# migrate-llm: ignore[ML118]` on the "
        "call's first line"
    )
    thinks_not = (
        ", which gpt-4o did not (replies and stream deltas carry reasoning_content, the "
        "provider file does not say whether a tool loop must send the reasoning back)"
    )
    assert findings(("ML118",)) == [
        (
            "bot.py",
            10,
            "ML118",
            "manual",
            "glm-5.3 (apply's mapping of self.model = 'gpt-4o' on line 8) "
            + limit_clause.format(
                thinks_not, "map gpt-4o to a model that can stop thinking (--model gpt-4o=NAME)"
            ),
            {},
        )
    ]
    apply()
    text = (tmp_path / "bot.py").read_text()
    assert 'self.model = "glm-5.3"' in text
    # a provider model written on the attribute, as apply wrote it: warned still
    assert findings(("ML118",)) == [
        (
            "bot.py",
            17,
            "ML118",
            "manual",
            "glm-5.3 (self.model = 'glm-5.3' on line 10) "
            + limit_clause.format("", "choose a model that can stop thinking"),
            {},
        )
    ]
