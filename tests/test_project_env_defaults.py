"""A model another module of the project reads from the environment with an OpenAI default
counts, for ML205, as the module's own (`env_model_defaults.py`, `rules/project_defaults.py`).

chatgpt-telegram-bot (t49b D1): `main.py` reads `OPENAI_MODEL` with `"gpt-4o"` and computes
`int(os.environ.get("MAX_TOKENS", default_max_tokens(model)))`; `openai_helper.py`'s
`default_max_tokens` tests the model against its tuples and returns None for one in none of
them. ML204 wrote the provider's model as the default, ML205 left the tuples (they rival each
other), and the migrated bot died at start on `int(None)`. Within one module ML205 adds what
the module's own default maps to; the other module's default now counts the same, for the
tuples the module tests a value against.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.env_model_defaults import EnvDefault, env_defaults, may_default
from migrate_llm.rules.base import RuleContext
from migrate_llm.run_facts import DEFAULTS_ENV_MODEL, RunFacts, facts_of

from .conftest import ACME_DIR
from .loopback_run import run_guarded

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
MAIN = (
    "import os\n\nfrom helper import Helper, default_max_tokens\n\n"
    'model = os.environ.get("OPENAI_MODEL", "{default}")\n'
    'tokens = int(os.environ.get("MAX_TOKENS", default_max_tokens(model)))\n'
    'Helper({{"model": model, "max_tokens": tokens}})\n'
    "print(tokens)\n"
)
# a client already pointed at Acme Cloud: apply changes only what the tests are about
# (acme: gpt-4o and gpt-4-turbo -> acme-large, gpt-4o-mini and gpt-3.5-turbo -> acme-small)
HELPER = (
    "import os\n\nfrom openai import OpenAI\n\n"
    'TURBO_MODELS = ("gpt-4-turbo",)\n'
    "FOUR_O_MODELS = {four_o}\n"
    'OLD_MODELS = ("gpt-3.5-turbo",)\n'
    "\n\n{uses}\n\n"
    "class Helper:\n"
    "    def __init__(self, config):\n"
    "        self.client = OpenAI(\n"
    '            api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
    '            base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
    "        )\n"
    "        self.config = config\n"
)
TESTED = (
    "def default_max_tokens(model):\n"
    "    if model in TURBO_MODELS:\n"
    "        return 4096\n"
    "    if model in FOUR_O_MODELS:\n"
    "        return 16384\n"
    "    if model in OLD_MODELS:\n"
    "        return 2048"
)
FOUR_O = '("gpt-4o", "gpt-4o-mini")'
HEAD = "code that checks models against {} may reject Acme Cloud's models; "
RIVAL = (
    "{model!r} maps to {target!r}, and so does {rival!r} of the tuple on line {line}, which "
    "does not hold {model!r}: with {target!r} in both, the code could not tell them apart; "
    "change the checks by hand"
)
SMALL = RIVAL.format(model="gpt-4o-mini", target="acme-small", rival="gpt-3.5-turbo", line=7)
OLD = "'gpt-3.5-turbo' in a tuple is an OpenAI model id: " + HEAD.format("it") + "apply leaves it: "
OLD += RIVAL.format(model="gpt-3.5-turbo", target="acme-small", rival="gpt-4o-mini", line=6)
FOUR_O_IDS = "'gpt-4o', 'gpt-4o-mini' in a tuple are OpenAI model ids: " + HEAD.format("them")
TURBO_ID = "'gpt-4-turbo' in a tuple is an OpenAI model id: " + HEAD.format("it")


def project(tmp_path: Path, default: str = "gpt-4o", four_o: str = FOUR_O, uses: str = TESTED):
    (tmp_path / "main.py").write_text(MAIN.format(default=default))
    (tmp_path / "helper.py").write_text(HELPER.format(four_o=four_o, uses=uses))
    (tmp_path / "requirements.txt").write_text("openai>=1\n")
    return tmp_path


def ml205(*flags: str) -> list[tuple]:
    result = CliRunner().invoke(app, ["scan", ".", *ACME, "--format", "json", *flags])
    assert result.exit_code == 0, result.output
    return [
        (f["line"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML205"
    ]


def apply() -> None:
    result = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output


def test_the_tuple_the_default_is_in_gains_what_it_maps_to(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    assert ml205("--no-cache") == [
        (
            5,
            "manual",
            TURBO_ID + "apply leaves it: 'gpt-4o', the project's default (OPENAI_MODEL in "
            "main.py), maps to 'acme-large' too and is not in it, so adding 'acme-large' would "
            "change what the code does with it; change the check by hand",
        ),
        (
            6,
            "review",
            FOUR_O_IDS + "apply adds what the project's default 'gpt-4o' (OPENAI_MODEL in "
            "main.py) maps to ('acme-large') beside them, and no more: " + SMALL,
        ),
        (7, "manual", OLD),
    ]
    apply()
    assert (tmp_path / "main.py").read_text() == MAIN.format(default="acme-large")
    assert (tmp_path / "helper.py").read_text() == HELPER.format(
        four_o='("gpt-4o", "gpt-4o-mini", "acme-large")', uses=TESTED
    )
    # the migrated program starts: its default is in the tuple it was in
    proc, blocked = run_guarded("main.py", tmp_path, {"ACME_API_KEY": "test-key"})
    assert blocked == [] and proc.returncode == 0, proc.stderr
    assert proc.stdout == "16384\n"


def test_a_second_apply_changes_nothing_and_check_stays_red(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    apply()
    files = {p: p.read_bytes() for p in tmp_path.glob("*.py")}
    apply()
    assert {p: p.read_bytes() for p in tmp_path.glob("*.py")} == files
    check = CliRunner().invoke(app, ["check", ".", *ACME, "--no-cache"])
    assert check.exit_code == 1  # the tuples of gpt-4-turbo and gpt-3.5-turbo are left


def test_a_tuple_holding_what_the_default_maps_to_gains_nothing(tmp_path, monkeypatch):
    four_o = '("gpt-4o", "gpt-4o-mini", "acme-large")'
    monkeypatch.chdir(project(tmp_path, four_o=four_o))
    apply()
    assert (tmp_path / "helper.py").read_text() == HELPER.format(four_o=four_o, uses=TESTED)
    proc, blocked = run_guarded("main.py", tmp_path, {"ACME_API_KEY": "test-key"})
    assert blocked == [] and proc.returncode == 0, proc.stderr
    assert proc.stdout == "16384\n"


def test_tuples_no_value_is_tested_against_gain_nothing(tmp_path, monkeypatch):
    menu = (
        "def default_max_tokens(model):\n"
        "    return 4096\n\n\n"
        "def menu():\n"
        "    return [*TURBO_MODELS, *FOUR_O_MODELS, *OLD_MODELS]"
    )
    monkeypatch.chdir(project(tmp_path, uses=menu))
    left = FOUR_O_IDS + "apply leaves it: "
    left += RIVAL.format(model="gpt-4o", target="acme-large", rival="gpt-4-turbo", line=5)
    assert [f[:2] for f in ml205("--no-cache")] == [(5, "manual"), (6, "manual"), (7, "manual")]
    assert ml205("--no-cache")[1][2] == left
    apply()
    assert (tmp_path / "helper.py").read_text() == HELPER.format(four_o=FOUR_O, uses=menu)


def test_a_change_of_the_default_reaches_a_cached_scan(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    past = time.time() - 60  # a file written just now is not kept (`cache.RACY_NS`)
    os.utime(tmp_path / "helper.py", (past, past))
    assert [f[1] for f in ml205()] == ["manual", "review", "manual"]
    # helper.py's bytes are unchanged; main.py now defaults to a model of another tuple
    (tmp_path / "main.py").write_text(MAIN.format(default="gpt-3.5-turbo"))
    found = ml205()
    assert [f[1] for f in found] == ["manual", "manual", "review"]
    # no rival takes it from the tuple the default is in (as for a module's own default)
    assert found[2][2] == (
        "'gpt-3.5-turbo' in a tuple is an OpenAI model id: " + HEAD.format("it") + "apply adds "
        "what it maps to ('acme-small') beside it"
    )


def test_the_defaults_a_module_reads_from_the_environment(registry):
    ctx = RuleContext(registry, registry.get("acme"))
    data = (
        b"import os\nfrom os import getenv\n"
        b'A = os.environ.get("OPENAI_MODEL", "gpt-4o")\n'
        b'B = getenv("SMALL_MODEL", default="gpt-4o-mini")\n'
        b'C = os.getenv("LOG_LEVEL", "info")\n'
        b'D = os.getenv(NAME, "gpt-4-turbo")\n'
        b'E = settings.get("MODEL", "gpt-4")\n'
    )
    assert may_default(data)
    assert sorted(env_defaults("/p/m.py", "m.py", data, ctx.openai.serves)) == [
        EnvDefault("/p/m.py", "m.py", "NAME", "gpt-4-turbo"),
        EnvDefault("/p/m.py", "m.py", "OPENAI_MODEL", "gpt-4o"),
        EnvDefault("/p/m.py", "m.py", "SMALL_MODEL", "gpt-4o-mini"),
    ]
    for other in (b'os.getenv("PORT", "8080")\n', b'os.getenv("URL", "https://x.example")\n'):
        assert not may_default(other)
    assert facts_of("python", data, True, True, None) & DEFAULTS_ENV_MODEL
    assert not facts_of("python", data, False, True, None) & DEFAULTS_ENV_MODEL
    entry = EnvDefault("/p/m.py", "m.py", "OPENAI_MODEL", "gpt-4o")
    assert RunFacts.of_bits(0, env_model_defaults=[entry]).key != RunFacts.of_bits(0).key
