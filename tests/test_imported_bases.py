"""ML115 and ML112 on a request spreading `**self.params` that a base class of another module
of the project builds (`base_fields`, `rules.imported_bases`).

Trial 59c's D1 across modules: `Settings` in base.py sets the sampling fields and builds
`params` from them (`params["max_tokens"] = self.max_tokens` beside), `Chat(Settings)` in
chat.py sets `model = "kimi-k2.6"` and sends `create(**self.params)`. The rules read chat.py
alone: check passed with no finding while every request carried values the model rejects.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

BASE = (
    "class Settings:\n"
    "    temperature: float = 0\n"
    "    presence_penalty: float = 0.6\n"
    "    max_tokens: int = 1000\n"
    "{model}"
    "\n"
    "    @property\n"
    "    def params(self):\n"
    '        params = {"model": self.model, "temperature": self.temperature,\n'
    '                  "presence_penalty": self.presence_penalty}\n'
    '        params["max_tokens"] = self.max_tokens\n'
    "        return params\n"
)
CHAT = (
    "import os\n\nimport openai\n\nfrom .base import Settings\n\n\n"
    "class Chat(Settings):\n"
    "{model}"
    "\n"
    "    def __init__(self):\n"
    "        self.client = openai.OpenAI(\n"
    '            api_key=os.getenv("MOONSHOT_API_KEY"),\n'
    '            base_url=os.getenv("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
    "        ).chat.completions\n"
    "\n"
    "    def ask(self, q):\n"
    '        return self.client.create(messages=[{"role": "user", "content": q}], **self.params)\n'
)
KIMI = '    model = "kimi-k2.6"\n'


def project(tmp_path, monkeypatch, chat_model: str = KIMI, base_model: str = "", base: str = BASE):
    pkg = tmp_path / "proj" / "pkg"
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "base.py").write_text(base.replace("{model}", base_model))
    (pkg / "chat.py").write_text(CHAT.replace("{model}", chat_model))
    monkeypatch.chdir(tmp_path / "proj")  # paths shown as `check .` shows them
    return tmp_path / "proj"


def check(root, *options: str) -> tuple[int, list[tuple]]:
    args = ["check", ".", "-p", "moonshot", "--format", "json", *options]
    result = CliRunner().invoke(app, args)
    found = [
        (f["rule"], f["path"], f["line"], f["column"], f["severity"], f["fix"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] in ("ML112", "ML115")
    ]
    return result.exit_code, found


def fixed(param: str, line: int, model_from: str | None = None, at: int = 18) -> tuple:
    data = {
        "model": "kimi-k2.6",
        "model_from": model_from,
        "param": param,
        "fact": "fixed",
        "glob": "kimi-k2.6",
        "built_in": f"pkg/base.py:{line}",
    }
    return ("ML115", "pkg/chat.py", at, 78, "warning", "manual", data)


def max_tokens(line: int, at: int = 18) -> tuple:
    data = {"built_in": f"pkg/base.py:{line}"}
    return ("ML112", "pkg/chat.py", at, 78, "warning", "manual", data)


def test_the_subclass_model_fixes_what_the_base_of_another_module_builds(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch)
    assert check(root, "--no-cache") == (
        1,
        [max_tokens(10), fixed("presence_penalty", 9), fixed("temperature", 8)],
    )
    result = CliRunner().invoke(
        app, ["check", ".", "-p", "moonshot", "--format", "json", "--no-cache"]
    )
    messages = {
        (f["rule"], f["data"].get("param")): f["message"]
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] in ("ML112", "ML115")
    }
    assert messages[("ML115", "temperature")] == (
        'kimi-k2.6 fixes temperature on Moonshot AI (Kimi): remove the entry "temperature" '
        "(the model ignores or rejects it) (apply leaves the dict: Settings.params builds it "
        "on line 8 of pkg/base.py)"
    )
    assert messages[("ML112", None)].startswith(
        "Moonshot AI (Kimi) takes max_completion_tokens=, not max_tokens= (unconfirmed: "
    )
    assert messages[("ML112", None)].endswith(
        '; rename the entry "max_tokens" by hand (apply leaves the dict: Settings.params '
        "builds it on line 10 of pkg/base.py)"
    )
    # apply edits neither module: the entries are the base's, for a person
    before = {p.name: p.read_bytes() for p in (root / "pkg").iterdir()}
    applied = CliRunner().invoke(app, ["apply", ".", "-p", "moonshot", "--yes"])
    assert applied.exit_code == 0
    assert {p.name: p.read_bytes() for p in (root / "pkg").iterdir()} == before


def test_the_base_default_model_mapped_by_apply_decides_where_the_subclass_sets_none(
    tmp_path, monkeypatch
):
    root = project(tmp_path, monkeypatch, chat_model="", base_model='    model = "gpt-4o-mini"\n')
    assert check(root, "--no-cache") == (
        1,
        [
            max_tokens(11, at=17),
            fixed("presence_penalty", 10, "gpt-4o-mini", at=17),
            fixed("temperature", 9, "gpt-4o-mini", at=17),
        ],
    )


def test_a_model_taking_the_sampling_leaves_the_token_rename_alone(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch, chat_model='    model = "moonshot-v1-8k"\n')
    assert check(root, "--no-cache") == (1, [max_tokens(10)])
    renamed = BASE.replace('params["max_tokens"]', 'params["max_completion_tokens"]')
    root = project(tmp_path, monkeypatch, chat_model='    model = "moonshot-v1-8k"\n', base=renamed)
    assert check(root, "--no-cache") == (0, [])


def test_a_subclass_building_the_dict_itself_is_read_as_its_own(tmp_path, monkeypatch):
    own = KIMI + '\n    @property\n    def params(self):\n        return {"model": self.model}\n'
    root = project(tmp_path, monkeypatch, chat_model=own)
    # nothing for ML112/ML115; ML118 warns: kimi-k2.6 thinks, no switch in the dict (t62d)
    assert check(root, "--no-cache") == (1, [])


def test_editing_the_base_checks_the_subclass_again_from_the_cache(tmp_path, monkeypatch):
    root = project(
        tmp_path, monkeypatch, chat_model="", base_model='    model = "moonshot-v1-8k"\n'
    )
    cache = tmp_path / "cache"
    assert check(root, "--cache-dir", str(cache)) == (1, [max_tokens(11, at=17)])
    assert check(root, "--cache-dir", str(cache)) == (1, [max_tokens(11, at=17)])
    # only base.py changes: its model now fixes the sampling chat.py's request spreads
    (root / "pkg" / "base.py").write_text(BASE.replace("{model}", '    model = "kimi-k2.6"\n'))
    expected = [
        max_tokens(11, at=17),
        fixed("presence_penalty", 10, at=17),
        fixed("temperature", 9, at=17),
    ]
    assert check(root, "--cache-dir", str(cache)) == (1, expected)
    # and the person's fix (the entries removed, the limit renamed) turns it green
    fixed_base = (
        BASE.replace("{model}", '    model = "kimi-k2.6"\n')
        .replace(', "temperature": self.temperature,\n', "}\n")
        .replace('                  "presence_penalty": self.presence_penalty}\n', "")
        .replace('params["max_tokens"]', 'params["max_completion_tokens"]')
    )
    (root / "pkg" / "base.py").write_text(fixed_base)
    assert check(root, "--cache-dir", str(cache)) == (0, [])
