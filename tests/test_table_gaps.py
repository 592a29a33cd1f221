"""Settings whose models a table keyed by OpenAI model of the project's code lacks once mapped
(ML204, ML205, ML503: `table_gaps`), and family checks that pick a key (ML205).

t56a D4: gpt_academic looks every model it is given up in `model_info`. apply wrote
`qwen-flash` into docker-compose.yml's `LLM_MODEL` and `qwen-flash`, `qwen4-max` into its
`AVAIL_LLM_MODELS` menu (and `text-embedding-v4` into config.py's `EMBEDDING_MODEL`, looked up
in `embed_model_info`): KeyError 'qwen-flash'; once a person added the `qwen-flash` entry the
table's finding went away though `qwen4-max` still had none. Now each of them is left, naming
the table and the models it lacks, until the table has every one. t56a D3: ML205 said Qwen's
models never match `startswith("text-embedding-")`, which `text-embedding-v4` does; and its
advice on a family check picking the key of the models passing it (gpt_academic's
`select_api_key()`) was to make it accept Qwen's models, which sends them the OpenAI key.
Exact messages, bytes after apply, the program's run.
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

CONFIG = (
    'LLM_MODEL = "gpt-3.5-turbo"\n'
    'AVAIL_LLM_MODELS = ["gpt-3.5-turbo", "gpt-4"]\n'
    'EMBEDDING_MODEL = "text-embedding-3-small"\n'
)
TOOLBOX = """import os

import config


def get_conf(name):
    return os.environ.get(name, getattr(config, name))


def chat_kwargs():
    LLM_MODEL = get_conf("LLM_MODEL")
    return {"llm_model": LLM_MODEL, "embed_model": get_conf("EMBEDDING_MODEL")}


def max_token(llm_kwargs):
    from bridge import model_info

    return model_info[llm_kwargs["llm_model"]]["max_token"]
"""
BRIDGE = """model_info = {
    "gpt-3.5-turbo": {"max_token": 16385},
    "gpt-4": {"max_token": 8192},
}
embed_model_info = {"text-embedding-3-small": {"dimension": 1536}}
"""
EMBED = """from bridge import embed_model_info


def dimension(llm_kwargs):
    return embed_model_info[llm_kwargs["embed_model"]]["dimension"]
"""
COMPOSE = """services:
  app:
    image: app
    environment:
      LLM_MODEL: 'gpt-3.5-turbo'
      AVAIL_LLM_MODELS: '["gpt-3.5-turbo", "gpt-4"]'
"""
FILES = {
    "config.py": CONFIG,
    "toolbox.py": TOOLBOX,
    "bridge.py": BRIDGE,
    "embed.py": EMBED,
    "docker-compose.yml": COMPOSE,
}
QWEN = "Alibaba Qwen (DashScope / Model Studio)"
INFO = "model_info (line 1 of bridge.py)"
LOOKUP = "model_info[llm_kwargs['llm_model']] on line 18 of toolbox.py"
RUN = "from toolbox import chat_kwargs, max_token\nprint(max_token(chat_kwargs()))"


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)


def findings(rules: tuple[str, ...] = ("ML204", "ML205", "ML503")) -> list[tuple[object, ...]]:
    result = CliRunner().invoke(app, ["scan", ".", "-p", "qwen", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] in rules
    ]


def apply() -> None:
    result = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output


def run(tmp_path: Path, llm_model: str) -> tuple[int, str, str]:
    """The program's token limit for the model the compose file's environment sets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env["LLM_MODEL"] = llm_model
    done = subprocess.run(
        [sys.executable, "-c", RUN], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    return done.returncode, done.stdout, done.stderr.strip().rpartition("\n")[2]


def list_gap(missing: str, them: str) -> str:
    return (
        f"'gpt-3.5-turbo', 'gpt-4' are keys of {INFO}, which has no entry for {missing}: where "
        f"the program looks a model up there, model_info[model] raises KeyError for {them}"
    )


def test_settings_a_table_lacks_the_mapped_model_for_are_left(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, FILES)
    assert findings(("ML204", "ML503")) == [
        (
            "config.py",
            1,
            "ML204",
            "warning",
            "manual",
            f"constant LLM_MODEL = 'gpt-3.5-turbo' maps to 'qwen-flash' on {QWEN}, but apply "
            f"leaves it: {LOOKUP} looks it up, and {INFO} has no entry for 'qwen-flash' (a "
            "KeyError once mapped): add one, then change the constant, by hand",
            {"model_from": "gpt-3.5-turbo"},
        ),
        (
            "config.py",
            3,
            "ML204",
            "warning",
            "manual",
            f"constant EMBEDDING_MODEL = 'text-embedding-3-small' maps to 'text-embedding-v4' on "
            f"{QWEN}, but apply leaves it: 'text-embedding-3-small' is a key of embed_model_info "
            "(line 5 of bridge.py), which has no entry for 'text-embedding-v4': where the "
            "program looks a model up there, embed_model_info[model] raises KeyError for it; "
            "add one there, then change the constant, by hand",
            {
                "model_from": "text-embedding-3-small",
                "model_to": "text-embedding-v4",
                "table": "bridge.py:5",
            },
        ),
        (
            "docker-compose.yml",
            5,
            "ML503",
            "warning",
            "manual",
            f"gpt-3.5-turbo is an OpenAI model; it maps to qwen-flash on {QWEN}, but apply leaves "
            f"it: {LOOKUP} looks LLM_MODEL up, and {INFO} has no entry for 'qwen-flash' (a "
            "KeyError once mapped); add one there, then change this value, by hand",
            {"model_from": "gpt-3.5-turbo", "model_to": "qwen-flash", "table": "bridge.py:1"},
        ),
        (
            "docker-compose.yml",
            6,
            "ML503",
            "warning",
            "manual",
            "'gpt-3.5-turbo', 'gpt-4' in the list in AVAIL_LLM_MODELS are OpenAI model ids: "
            f"{list_gap(repr('qwen-flash') + ', ' + repr('qwen4-max'), 'them')}; apply adds "
            "nothing to the list while model_info lacks them: add entries for them there, by hand",
            {
                "models_from": ["gpt-3.5-turbo", "gpt-4"],
                "models_to": ["qwen-flash", "qwen4-max"],
                "missing": ["qwen-flash", "qwen4-max"],
                "table": "bridge.py:1",
            },
        ),
    ]
    python_list = next(f for f in findings(("ML205",)) if f[0] == "config.py")
    assert python_list[1:6] == (
        2,
        "ML205",
        "warning",
        "manual",
        "'gpt-3.5-turbo', 'gpt-4' in a list are OpenAI model ids: code that checks models "
        f"against them may reject {QWEN}'s models; apply adds nothing: "
        f"{list_gap(repr('qwen-flash') + ', ' + repr('qwen4-max'), 'them')}; add entries for "
        "them there, then add them here, by hand",
    )
    apply()
    for name, text in FILES.items():
        assert (tmp_path / name).read_text() == text
    # the compose service's environment still names a model the table has
    assert run(tmp_path, "gpt-3.5-turbo") == (0, "16385\n", "")
    # what apply wrote there before (t56a run/C-compose6)
    assert run(tmp_path, "qwen-flash") == (1, "", "KeyError: 'qwen-flash'")


def test_after_a_partial_hand_fix_only_the_models_with_entries_are_written(tmp_path, monkeypatch):
    """The person adds the `qwen-flash` entry ML204 asked for: the settings of
    gpt-3.5-turbo are mapped, and the lists stay left, naming `qwen4-max` alone, until the
    table has it too."""
    bridge = BRIDGE.replace("}\nembed", '    "qwen-flash": {"max_token": 1000000},\n}\nembed')
    project(tmp_path, monkeypatch, {**FILES, "bridge.py": bridge})
    gap = list_gap(repr("qwen4-max"), "it")
    assert [f[:5] for f in findings()] == [
        ("bridge.py", 2, "ML205", "note", "none"),  # model_info has a Qwen key now
        ("bridge.py", 6, "ML205", "warning", "manual"),  # embed_model_info: no Qwen key
        ("config.py", 1, "ML204", "warning", "review"),
        ("config.py", 2, "ML205", "warning", "manual"),
        ("config.py", 3, "ML204", "warning", "manual"),
        ("docker-compose.yml", 5, "ML503", "warning", "review"),
        ("docker-compose.yml", 6, "ML503", "warning", "manual"),
    ]
    found = {(f[0], f[1]): f[5] for f in findings()}
    assert found["config.py", 2].endswith(
        f"apply adds nothing: {gap}; add an entry for it there, then add it here, by hand"
    )
    assert found["docker-compose.yml", 6] == (
        f"'gpt-3.5-turbo', 'gpt-4' in the list in AVAIL_LLM_MODELS are OpenAI model ids: {gap}; "
        "apply adds nothing to the list while model_info lacks it: add an entry for it there, by "
        "hand"
    )
    apply()
    assert (tmp_path / "config.py").read_text() == CONFIG.replace(
        'LLM_MODEL = "gpt-3.5-turbo"', 'LLM_MODEL = "qwen-flash"'
    )
    assert (tmp_path / "docker-compose.yml").read_text() == COMPOSE.replace(
        "LLM_MODEL: 'gpt-3.5-turbo'", "LLM_MODEL: 'qwen-flash'"
    )
    assert run(tmp_path, "qwen-flash") == (0, "1000000\n", "")
    # the table gets its last entry: the lists gain both models
    added = '"qwen-flash": {"max_token": 1000000},\n'
    full = bridge.replace(added, added + '    "qwen4-max": {"max_token": 262144},\n')
    (tmp_path / "bridge.py").write_text(full)
    apply()
    assert (tmp_path / "docker-compose.yml").read_text() == (
        COMPOSE.replace("LLM_MODEL: 'gpt-3.5-turbo'", "LLM_MODEL: 'qwen-flash'").replace(
            '"gpt-4"]', '"gpt-4", "qwen-flash", "qwen4-max"]'
        )
    )
    assert (tmp_path / "config.py").read_text() == CONFIG.replace(
        'LLM_MODEL = "gpt-3.5-turbo"', 'LLM_MODEL = "qwen-flash"'
    ).replace('"gpt-4"]', '"gpt-4", "qwen-flash", "qwen4-max"]')


def test_a_provider_model_written_where_the_table_lacks_it_stays_reported(tmp_path, monkeypatch):
    """An earlier apply (or a person) wrote `qwen4-max` into the compose file's `LLM_MODEL`,
    which toolbox.py looks up in `model_info`; the table has `qwen-flash` only: check stays
    red on it."""
    bridge = BRIDGE.replace("}\nembed", '    "qwen-flash": {"max_token": 1000000},\n}\nembed')
    compose = COMPOSE.replace("LLM_MODEL: 'gpt-3.5-turbo'", "LLM_MODEL: 'qwen4-max'")
    project(tmp_path, monkeypatch, {**FILES, "bridge.py": bridge, "docker-compose.yml": compose})
    assert findings(("ML503",))[0] == (
        "docker-compose.yml",
        5,
        "ML503",
        "warning",
        "manual",
        f"qwen4-max is {QWEN}'s model, but {LOOKUP} looks LLM_MODEL up, and {INFO} has no entry "
        "for 'qwen4-max' (a KeyError): add an entry for it there, by hand",
        {"model_to": "qwen4-max", "table": "bridge.py:1"},
    )
    result = CliRunner().invoke(app, ["check", ".", "-p", "qwen", "--no-cache"])
    assert result.exit_code == 1
    assert run(tmp_path, "qwen4-max") == (1, "", "KeyError: 'qwen4-max'")


EMBED_KEY = """def key_for(model, keys):
    if model.startswith("text-embedding-"):
        return keys["embed"]
    raise RuntimeError("no key for " + model)
"""
EMBED_SIZE = """def size(model):
    if model.startswith("text-embedding-"):
        return 1536
    return 0
"""
SELECT = """def is_openai_api_key(key):
    return key.startswith("sk-")


def select_api_key(keys, llm_model):
    found = []
    if llm_model.startswith("gpt-") or llm_model.startswith("one-api-"):
        for k in keys.split(","):
            if is_openai_api_key(k):
                found.append(k)
    return found
"""


def ml205(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> list[tuple[object, ...]]:
    project(tmp_path, monkeypatch, {"keys.py": text})
    return [f[1:] for f in findings(("ML205",))]


def test_a_family_check_qwen_models_match_is_not_said_never_to(tmp_path, monkeypatch):
    """`text-embedding-v4` passes `startswith("text-embedding-")`: where the branch picks a
    key it gets, a note says whose key that must be; elsewhere nothing is said."""
    assert ml205(tmp_path, monkeypatch, EMBED_KEY) == [
        (
            2,
            "ML205",
            "note",
            "manual",
            ".startswith('text-embedding-') is an OpenAI model-family check that picks the key "
            f"for the models passing it (keys on line 3): {QWEN}'s 'text-embedding-v4' passes "
            "it, so it is sent the key it picks for OpenAI's models; make sure that is "
            f"{QWEN}'s key (DASHSCOPE_API_KEY), not an OpenAI key",
            {"family": "text-embedding-", "models_to": ["text-embedding-v4"]},
        )
    ]
    assert ml205(tmp_path, monkeypatch, EMBED_SIZE) == []


def test_a_family_check_picking_the_key_says_to_give_the_provider_its_key(tmp_path, monkeypatch):
    picked = "is_openai_api_key() on line 9"
    assert ml205(tmp_path, monkeypatch, SELECT)[0] == (
        7,
        "ML205",
        "warning",
        "manual",
        ".startswith('gpt-') is an OpenAI model-family check that picks the key for the models "
        f"passing it ({picked}): what apply maps OpenAI's 'gpt-' models to ('qwen4-max', "
        "'qwen-plus', 'qwen3-vl-plus' and 1 more) never matches it, so once mapped they get no "
        f"key from it; give them {QWEN}'s key (DASHSCOPE_API_KEY) by hand: made to accept them, "
        "it would send them the key it picks for OpenAI's models",
        {"family": "gpt-", "models_to": ["qwen4-max", "qwen-plus", "qwen3-vl-plus", "qwen-flash"]},
    )
    # made to accept Qwen's models by hand (t56a's edit): they get the OpenAI-format keys
    fixed = SELECT.replace('llm_model.startswith("one-api-")', 'llm_model.startswith("qwen-")')
    assert ml205(tmp_path, monkeypatch, fixed) == [
        (
            7,
            "ML205",
            "note",
            "manual",
            ".startswith('gpt-') is an OpenAI model-family check that picks the key for the "
            f"models passing it ({picked}): {QWEN}'s 'qwen-plus', 'qwen-flash' pass it, so they "
            "are sent the key it picks for OpenAI's models; make sure that is "
            f"{QWEN}'s key (DASHSCOPE_API_KEY), not an OpenAI key",
            {"family": "gpt-", "models_to": ["qwen-plus", "qwen-flash"]},
        )
    ]


def test_a_family_check_no_table_entry_maps_names_the_provider_models_it_matches(registry):
    """No entry of the provider's table maps OpenAI's `dall-e` models, but a tier's model
    matches the check: it is not said that none does."""
    from dataclasses import replace

    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    acme = registry.get("acme")
    text = 'def pick(model):\n    if model.startswith("dall-e"):\n        return 1\n    return 0\n'

    def messages(provider) -> list[str]:
        found = check_python(text, RuleContext(registry, provider), PYTHON_RULES)
        return [f.message for f in found if f.rule == "ML205"]

    assert messages(acme) == [
        ".startswith('dall-e') is an OpenAI model-family check: Acme Cloud's model names never "
        "match it; change the check by hand"
    ]
    drawing = replace(acme, tiers={**acme.tiers, "image": "dall-e-acme"})
    assert messages(drawing) == [
        ".startswith('dall-e') is an OpenAI model-family check: of Acme Cloud's models only "
        "'dall-e-acme' matches it; change the check by hand"
    ]
