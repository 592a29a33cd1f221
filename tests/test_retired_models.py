"""Models a provider retired (`[retired]` of its file): requests for them fail, on the OpenAI
client (ML201), on litellm's route for the provider (ML640) and in config files (ML503), so
each is an error left to a person with what to use instead, and `check` fails on it."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits
from migrate_llm.errors import ProviderError
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.registry import Registry, Retirement, load_registry, parse_provider
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config
from migrate_llm.rules.python import check_python

from .conftest import TINY_PROVIDER

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ADVICE = "use acme-medium (with temperature at most 1) instead, by hand"
ROUTED = "use acme/acme-medium (with temperature at most 1) instead, by hand"
GONE = "Acme Cloud retired it on 2025-12-01, so requests for it fail"
DATA = {"model_from": "acme-old", "replacement": "acme-medium", "retired_on": "2025-12-01"}


def python(registry: Registry, text: str, provider: str = "acme") -> tuple[str, list[Finding]]:
    ctx = RuleContext(registry, registry.get(provider))
    findings = check_python(text, ctx, PYTHON_RULES)
    return apply_edits(text, [f.edit for f in findings if f.edit is not None])[0], findings


def config(registry: Registry, path: str, text: str) -> tuple[str, list[Finding]]:
    ctx = RuleContext(registry, registry.get("acme"))
    findings = check_config(path, text, ctx)
    return apply_edits(text, [f.edit for f in findings if f.edit is not None])[0], findings


def retired(findings: list[Finding]) -> list[tuple[str, int, str]]:
    return [(f.rule, f.line, f.message) for f in findings if "retired" in f.message]


def test_the_openai_client_with_a_retired_model_is_an_error_left_to_a_person(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'c = OpenAI(api_key=os.environ["ACME_API_KEY"], base_url="https://api.acme.example/v1")\n'
        'c.chat.completions.create(model="acme-old", messages=[])\n'
        'MODEL = "acme-old"\n'
        "c.chat.completions.create(model=MODEL, messages=[])\n"
    )
    after, findings = python(registry, text)
    assert after == text
    assert retired(findings) == [
        ("ML201", 6, f"model 'acme-old': {GONE}; {ADVICE}"),
        ("ML202", 7, f"constant MODEL = 'acme-old' (used as model= on line 8): {GONE}; {ADVICE}"),
    ]
    found = next(f for f in findings if f.rule == "ML201")
    assert (found.fix, found.severity, found.data) == (FixClass.MANUAL, Severity.ERROR, DATA)


def test_a_litellm_call_on_the_providers_route_is_reported_like_the_native_client(registry):
    text = (
        "import os\n\nimport litellm\n\n\ndef ask(q):\n"
        '    return litellm.completion(model="acme/acme-old", messages=q)\n\n\n'
        "def think(q):\n"
        "    return litellm.completion(\n"
        '        model="acme/acme-old",\n'
        '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "        messages=q,\n    )\n\n\n"
        "def proxied(q):\n"
        '    return litellm.completion(model="acme/acme-old", api_base="http://localhost:4000", '
        "messages=q)\n\n\n"
        'router = litellm.Router(model_list=[{"model_name": "chat", '
        '"litellm_params": {"model": "acme/acme-old"}}])\n'
    )
    after, findings = python(registry, text)
    assert after == text
    shown = "model='acme/acme-old' of"
    assert retired(findings) == [
        ("ML640", 7, f"{shown} litellm.completion(): {GONE}; {ROUTED}"),
        ("ML640", 12, f"{shown} litellm.completion(): {GONE}; {ROUTED}"),
        ("ML640", 22, f"{shown} a Router deployment: {GONE}; {ROUTED}"),
    ]
    first = findings[[f.rule for f in findings].index("ML640")]
    assert (first.fix, first.severity) == (FixClass.MANUAL, Severity.ERROR)
    assert first.data == {**DATA, "model_from": "acme/acme-old", "replacement": "acme/acme-medium"}


def test_a_framework_class_with_a_retired_model_is_reported_like_the_native_client(registry):
    text = (
        "import os\n\n"
        "from langchain_openai import ChatOpenAI\n"
        "from llama_index.llms.openai import OpenAI\n\n"
        'MODEL = "acme-old"\n'
        'KEY = os.environ["ACME_API_KEY"]\n'
        'chat = ChatOpenAI(model="acme-old", base_url="https://api.acme.example/v1", api_key=KEY)\n'
        'other = ChatOpenAI(model=MODEL, base_url="https://api.acme.example/v1", api_key=KEY)\n'
        'llm = OpenAI(model="acme-old", api_base="https://api.acme.example/v1", api_key=KEY)\n'
        'proxied = ChatOpenAI(model="acme-old", base_url="http://localhost:4000/v1")\n'
        "current = ChatOpenAI(\n"
        '    model="acme-large", base_url="https://api.acme.example/v1", api_key=KEY\n'
        ")\n"
    )
    after, findings = python(registry, text)
    assert after == text
    assert retired(findings) == [
        (
            "ML202",
            6,
            f"constant MODEL = 'acme-old' (used as model= of ChatOpenAI() on line 9): "
            f"{GONE}; {ADVICE}",
        ),
        ("ML201", 8, f"model 'acme-old' of ChatOpenAI(): {GONE}; {ADVICE}"),
        ("ML201", 10, f"model 'acme-old' of OpenAI(): {GONE}; {ADVICE}"),
    ]
    first = next(f for f in findings if f.rule == "ML201")
    assert (first.fix, first.severity, first.data) == (FixClass.MANUAL, Severity.ERROR, DATA)
    assert not [f for f in findings if f.rule in ("ML201", "ML202") and f.line == 12]


def test_a_framework_class_sent_to_openai_keeps_its_migration_beside_the_error(registry):
    text = 'from langchain_openai import ChatOpenAI\n\nchat = ChatOpenAI(model="acme-old")\n'
    after, findings = python(registry, text)
    assert [(f.rule, f.fix) for f in findings] == [
        ("ML601", FixClass.REVIEW),
        ("ML201", FixClass.MANUAL),
    ]
    assert 'model="acme-old"' in after and "ACME_API_KEY" in after


def test_a_bare_retired_id_is_not_litellms_route(registry):
    text = 'import litellm\nlitellm.completion(model="acme-old", messages=[])\n'
    assert retired(python(registry, text)[1]) == []


@pytest.mark.parametrize(
    ("path", "text", "line", "value", "advice"),
    [
        ("config.yaml", "llm:\n  model: acme/acme-old\n", 2, "acme/acme-old", ROUTED),
        (".env", "CHAT_MODEL=acme-old\n", 1, "acme-old", ADVICE),
        ("settings.json", '{"models": ["acme-large", "acme-old"]}\n', 1, "acme-old", ADVICE),
    ],
)
def test_a_config_value_naming_a_retired_model(registry, path, text, line, value, advice):
    after, findings = config(registry, path, text)
    assert after == text
    assert retired(findings) == [("ML503", line, f"{value}: {GONE}; {advice}")]
    assert findings[0].fix is FixClass.MANUAL and findings[0].severity is Severity.ERROR


def test_a_catalogue_record_of_a_retired_model_is_left_with_the_record_to_add(registry):
    text = "- name: acme/acme-old\n  weak_model_name: acme/acme-old\n- name: gpt-4o\n"
    after, findings = config(registry, "settings.yml", text)
    assert after == text
    assert [(f.line, f.message) for f in findings] == [
        (
            1,
            "acme/acme-old names a record of a catalogue of per-model settings (name:), a model "
            "Acme Cloud retired on 2025-12-01: apply leaves the record; add one for "
            "acme/acme-medium by hand",
        ),
        (
            3,
            "gpt-4o names a record of a catalogue of per-model settings (name:): apply leaves "
            "the record, as its settings are gpt-4o's, not acme-large's; add one for acme-large "
            "by hand",
        ),
    ]


def test_deepseeks_retired_models_fail_check_everywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chat.py").write_text(
        "import litellm\n\n"
        'reply = litellm.completion(model="deepseek/deepseek-chat", messages=[])\n'
    )
    (tmp_path / "settings.yaml").write_text("reasoner:\n  model: deepseek-reasoner\n")
    runner = CliRunner()
    check = runner.invoke(app, ["check", ".", "--provider", "deepseek", "--format", "json"])
    assert check.exit_code == 1
    found = [
        (f["path"], f["rule"], f["fix"], f["data"]) for f in json.loads(check.stdout)["findings"]
    ]
    assert found == [
        (
            "chat.py",
            "ML640",
            "manual",
            {
                "model_from": "deepseek/deepseek-chat",
                "replacement": "deepseek/deepseek-flash",
                "retired_on": "2026-07-24",
            },
        ),
        (
            "settings.yaml",
            "ML503",
            "manual",
            {
                "model_from": "deepseek-reasoner",
                "replacement": "deepseek-flash",
                "retired_on": "2026-07-24",
            },
        ),
    ]
    message = json.loads(check.stdout)["findings"][0]["message"]
    assert message == (
        "model='deepseek/deepseek-chat' of litellm.completion(): DeepSeek retired it on "
        "2026-07-24, so requests for it fail; use deepseek/deepseek-flash (with thinking "
        'disabled: extra_body={"thinking": {"type": "disabled"}}) instead, by hand'
    )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    done = runner.invoke(app, ["apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_deepseeks_file_lists_its_retired_models():
    deepseek = load_registry().get("deepseek")
    assert deepseek.retirement("deepseek-chat") == Retirement(
        "deepseek-flash",
        dt.date(2026, 7, 24),
        'with thinking disabled: extra_body={"thinking": {"type": "disabled"}}',
    )
    assert deepseek.to_json()["retired"]["deepseek-reasoner"] == {
        "use": "deepseek-flash",
        "on": "2026-07-24",
        "how": "thinking on, its default",
    }
    assert deepseek.retirement("deepseek-flash") is None


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ('"tiny-1" = "tiny-2"', 'retired.tiny-1: expected a table such as { use = "<model>" }'),
        ('"tiny-1" = { use = "tiny 2" }', "retired.tiny-1.use: 'tiny 2' is not a model id"),
        ('"tiny-1" = { use = "tiny-2", when = 2026-01-01 }', "retired.tiny-1.when: unknown key"),
        ('"tiny-1" = { use = "tiny-2", on = "soon" }', "retired.tiny-1.on: expected a date"),
    ],
)
def test_a_bad_retired_entry_names_its_key(table, problem):
    data = tomllib.loads(f"{TINY_PROVIDER}\n[retired]\n{table}\n")
    with pytest.raises(ProviderError) as error:
        parse_provider(data, "tiny.toml", "tiny")
    assert str(error.value).startswith(f"tiny.toml: {problem}")


def test_a_retired_model_outside_a_request_is_reported_where_it_is_written(registry):
    """A retired id in a setting no request names as it is (a constant given as a parameter's
    default, an environment default, a table, a return) fails the same way once it is sent."""
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'c = OpenAI(api_key=os.environ["ACME_API_KEY"], base_url="https://api.acme.example/v1")\n'
        'DEFAULT_MODEL = "acme-old"\n'
        'MODEL_NAME = os.getenv("MODEL_NAME", "acme-old")\n'
        'MODELS = {"chat": "acme-old"}\n\n\n'
        "def pick(kind):\n"
        '    """Returns "acme-old" for anything but chat."""\n'
        '    return MODELS[kind] if kind == "chat" else "acme-old"\n\n\n'
        "def ask(q, model=DEFAULT_MODEL):\n"
        "    return c.chat.completions.create(model=model, messages=q)\n\n\n"
        "c.chat.completions.create(model=MODEL_NAME, messages=[])\n"
    )
    after, findings = python(registry, text)
    assert after == text
    assert retired(findings) == [
        ("ML204", 6, f"constant DEFAULT_MODEL = 'acme-old': {GONE}; {ADVICE}"),
        ("ML204", 7, f"env default 'acme-old' of constant MODEL_NAME: {GONE}; {ADVICE}"),
        ("ML204", 8, f"entry 'chat' of MODELS = 'acme-old': {GONE}; {ADVICE}"),
        ("ML204", 13, f"model 'acme-old': {GONE}; {ADVICE}"),
    ]
    assert {f.data["replacement"] for f in findings if "retired" in f.message} == {"acme-medium"}


def test_a_retired_id_of_another_provider_is_not_the_targets(registry):
    text = 'from openai import OpenAI\n\nc = OpenAI()\nMODEL = "acme-old"\n'
    assert retired(python(registry, text, "deepseek")[1]) == []


def test_a_retired_model_on_litellms_route_outside_a_request_is_reported_with_the_route(
    registry,
):
    """aider's `MODEL_ALIASES = {"deepseek": "deepseek/deepseek-chat"}`: the route a module
    calling litellm writes before a retired id does not hide it."""
    text = (
        "import litellm\n\n"
        'MODEL_ALIASES = {"old": "acme/acme-old", "bare": "acme-old"}\n'
        'PICKS = {"x": "acme/acme-old"}\n\n\n'
        "def ask(alias, q):\n"
        "    return litellm.completion(model=MODEL_ALIASES.get(alias, alias), messages=q)\n"
    )
    after, findings = python(registry, text)
    assert after == text
    assert retired(findings) == [
        ("ML204", 3, f"entry 'old' of MODEL_ALIASES = 'acme/acme-old': {GONE}; {ROUTED}"),
        ("ML204", 3, f"entry 'bare' of MODEL_ALIASES = 'acme-old': {GONE}; {ADVICE}"),
        ("ML204", 4, f"model 'acme/acme-old': {GONE}; {ROUTED}"),
    ]
    first = findings[[f.rule for f in findings].index("ML204")]
    assert (first.fix, first.severity) == (FixClass.MANUAL, Severity.ERROR)
    assert first.data == {**DATA, "model_from": "acme/acme-old", "replacement": "acme/acme-medium"}


def test_a_retired_model_on_litellms_route_is_not_the_targets_where_litellm_reads_nothing(
    registry,
):
    """`acme/acme-old` is litellm's route only where litellm may read it (another gateway
    names its models so too): a module of a project that never calls litellm says nothing."""
    text = 'from openai import OpenAI\n\nc = OpenAI()\nMODELS = {"x": "acme/acme-old"}\n'
    assert retired(python(registry, text)[1]) == []


def test_a_check_for_a_retired_model_is_a_note_not_a_failing_request(registry):
    """aider's `if "deepseek-reasoner" in name:` chooses what to send a model: no request
    names the retired id there, so it is an ML205 note (`check` passes), not ML204's error."""
    text = (
        "import litellm\n\n\n"
        "def send(name, q):\n"
        '    if "acme-old" in name:\n'
        "        q = q[1:]\n"
        '    if name.startswith("acme/acme-old"):\n'
        "        q = q[1:]\n"
        '    if name == "acme-old":\n'
        "        q = q[1:]\n"
        "    return litellm.completion(model=name, messages=q)\n"
    )
    after, findings = python(registry, text)
    assert after == text
    tail = "never passes it; if the branch is meant for that model too, change the check by hand"
    old = "is a check for a model Acme Cloud retired on 2025-12-01, not a request"
    assert [(f.rule, f.line, f.message) for f in findings if f.rule in ("ML204", "ML205")] == [
        ("ML205", 5, f"'acme-old' in ... {old}: 'acme-medium', which replaces it, {tail}"),
        (
            "ML205",
            7,
            f".startswith('acme/acme-old') {old}: 'acme/acme-medium', which replaces it, {tail}",
        ),
        ("ML205", 9, f"comparison with 'acme-old' {old}: 'acme-medium', which replaces it, {tail}"),
    ]
    notes = [f for f in findings if f.rule == "ML205"]
    assert {(f.severity, f.fix) for f in notes} == {(Severity.NOTE, FixClass.MANUAL)}
    assert notes[0].data == DATA


def test_deepseeks_aliases_fail_check_where_another_module_calls_litellm(tmp_path, monkeypatch):
    """aider's shape: the aliases in one module, litellm called in another; a check for a
    retired model alone leaves `check` green."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "aliases.py").write_text(
        'MODEL_ALIASES = {"deepseek": "deepseek/deepseek-chat"}\n\n\n'
        "def quirks(name):\n"
        '    return "deepseek-reasoner" in name\n'
    )
    (tmp_path / "send.py").write_text(
        "import litellm\n\nfrom aliases import MODEL_ALIASES\n\n\n"
        "def send(alias, q):\n"
        "    # migrate-llm: ignore[ML640]\n"
        "    return litellm.completion(model=MODEL_ALIASES[alias], messages=q)\n"
    )
    runner = CliRunner()
    files = ["aliases.py", "send.py", "--provider", "deepseek"]
    scan = runner.invoke(app, ["scan", *files, "--format", "json"])
    found = [
        (f["path"], f["line"], f["rule"], f["severity"], f["data"].get("replacement"))
        for f in json.loads(scan.stdout)["findings"]
    ]
    assert found == [
        ("aliases.py", 1, "ML204", "error", "deepseek/deepseek-flash"),
        ("aliases.py", 5, "ML205", "note", "deepseek-flash"),
        # a model chosen at run time: DeepSeek's models think unless told not to (t48d)
        ("send.py", 8, "ML118", "note", None),
    ]
    assert runner.invoke(app, ["check", *files]).exit_code == 1
    (tmp_path / "aliases.py").write_text(
        'MODEL_ALIASES = {"deepseek": "deepseek/deepseek-flash"}\n\n\n'
        "def quirks(name):\n"
        '    return "deepseek-reasoner" in name\n'
    )
    check = runner.invoke(app, ["check", *files])
    assert check.exit_code == 0, check.stdout
