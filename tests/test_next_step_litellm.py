"""apply's closing "Next:" line where the run wrote litellm routes of the provider
(`acme/acme-large`): litellm reads its own variables for them (`[frameworks]
litellm_api_key_env`, `litellm_base_url_env` of the provider file), which the line names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .apply_summary import placeholder_step
from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
LITELLM = 'import litellm\n\nreply = litellm.completion(model="gpt-4o", messages=[])\n'
CREWAI = (
    'from crewai import Agent\n\nagent = Agent(role="r", goal="g", backstory="b", llm="gpt-4o")\n'
)
DSPY = 'import dspy\n\nlm = dspy.LM("openai/gpt-4o-mini")\n'
EXPORT = (
    "Next: export ACME_API_KEY=<your Acme Cloud key> (the OpenAI key does not work there). "
    "ACME_BASE_URL overrides the base URL https://api.acme.example/v1 (a proxy, a region, a "
    "test server)."
)


def export(read: Path, line: int) -> str:
    """EXPORT where apply wrote a key read with the placeholder "unset" (`read`, `line`)."""
    key, rest = EXPORT.split(" ACME_BASE_URL ", 1)
    return f"{key} {placeholder_step('Acme Cloud', f'{read}:{line}')} ACME_BASE_URL {rest}"


def apply(tmp_path: Path, text: str, *provider: str) -> tuple[str, str]:
    """The last line `apply --yes` prints for a module holding `text`, and the written text."""
    (tmp_path / "app.py").write_text(text)
    done = CliRunner().invoke(app, ["apply", str(tmp_path), *provider, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    return " ".join(done.stderr.splitlines()[-1:]), (tmp_path / "app.py").read_text()


def test_a_litellm_route_adds_the_variables_litellm_reads(tmp_path):
    last, written = apply(tmp_path, LITELLM, *ACME)
    assert 'model="acme/acme-large"' in written
    assert last == (
        f"{export(tmp_path / 'app.py', 7)} litellm's acme/ route reads ACME_API_KEY and ACME_API_BASE (not "
        "ACME_BASE_URL) where a call passes no api_key or api_base: export "
        "ACME_API_BASE=https://api.acme.example/v1 too."
    )


def test_a_route_nothing_else_reads_the_key_for_names_litellms_variables_alone(tmp_path):
    last, written = apply(tmp_path, CREWAI, *ACME)
    assert 'llm="acme/acme-large"' in written and "ACME_API_KEY" not in written
    assert last == (
        "Next: export ACME_API_KEY=<your Acme Cloud key> and "
        "ACME_API_BASE=https://api.acme.example/v1 (the OpenAI key does not work there): "
        "litellm's acme/ route reads them where a call passes no api_key or api_base."
    )


def test_litellms_openai_route_adds_nothing(tmp_path):
    last, written = apply(tmp_path, DSPY, *ACME)
    assert '"openai/acme-small"' in written
    assert last == export(tmp_path / "app.py", 7)


def test_deepseeks_route_names_deepseek_api_base(tmp_path):
    last, _ = apply(tmp_path, LITELLM, "--provider", "deepseek")
    assert last.endswith(
        "litellm's deepseek/ route reads DEEPSEEK_API_KEY and DEEPSEEK_API_BASE (not "
        "DEEPSEEK_BASE_URL) where a call passes no api_key or api_base: export "
        "DEEPSEEK_API_BASE=https://api.deepseek.com too."
    )


def test_a_provider_file_without_litellms_variables_points_at_litellms_page(tmp_path):
    own = tmp_path / "providers"
    own.mkdir()
    text = (ACME_DIR / "acme.toml").read_text()
    kept = [
        line for line in text.splitlines() if not line.startswith("litellm_") or "prefix" in line
    ]
    (own / "acme.toml").write_text("\n".join(kept) + "\n")
    project = tmp_path / "project"
    project.mkdir()
    last, _ = apply(project, LITELLM, "--providers-dir", str(own), "--provider", "acme")
    assert last == (
        f"{export(project / 'app.py', 7)} litellm's acme/ route reads its own key and base-URL variables where a call "
        "passes no api_key or api_base: see litellm's page for it."
    )


@pytest.mark.parametrize(
    ("text", "rule", "route"),
    [(LITELLM, "ML640", "acme"), (CREWAI, "ML690", "acme"), (DSPY, "ML640", None)],
)
def test_the_json_report_marks_a_models_litellm_route(tmp_path, monkeypatch, text, rule, route):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(text)
    scan = CliRunner().invoke(app, ["scan", ".", *ACME, "--format", "json"])
    (model,) = [
        f
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == rule and "model_to" in f["data"]
    ]
    assert model["data"].get("litellm_route") == route


def test_crewais_model_in_a_dotenv_on_litellms_route_is_marked_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "crew.py").write_text('from crewai import Agent\n\nagent = Agent(role="r")\n')
    (tmp_path / ".env").write_text("MODEL=gpt-4o\n")
    scan = CliRunner().invoke(app, ["scan", ".", *ACME, "--format", "json"])
    (model,) = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML503"]
    assert model["data"] == {
        "model_from": "gpt-4o",
        "model_to": "acme/acme-large",
        "litellm_route": "acme",
    }
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert (tmp_path / ".env").read_text() == "MODEL=acme/acme-large\n"
    assert done.stderr.splitlines()[-1].startswith(
        "Next: export ACME_API_KEY=<your Acme Cloud key> and ACME_API_BASE="
    )


# A module calling litellm with a model chosen at run time (no route written: ML640 leaves
# it), beside one building an OpenAI client apply points at the provider.
RUN_TIME = (
    "import os\n\nimport litellm\n\n"
    'reply = litellm.completion(model=os.environ["MODEL"], messages=[])\n'
)
CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n"


def apply_both(tmp_path: Path, *provider: str, litellm: str = RUN_TIME) -> str:
    """The last line `apply --yes` prints for app.py holding `litellm` and other.py an
    OpenAI client."""
    (tmp_path / "app.py").write_text(litellm)
    (tmp_path / "other.py").write_text(CLIENT)
    done = CliRunner().invoke(app, ["apply", str(tmp_path), *provider, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text() == litellm
    assert (tmp_path / "other.py").read_text() != CLIENT  # pointed at the provider
    return done.stderr.splitlines()[-1]


def test_a_module_calling_litellm_adds_litellms_base_url_beside_the_sdks(tmp_path):
    assert apply_both(tmp_path, *ACME) == (
        f"{export(tmp_path / 'other.py', 6)} A module calls litellm: its acme/ route reads ACME_API_KEY and ACME_API_BASE "
        "(not ACME_BASE_URL) where a call passes no api_key or api_base: export "
        "ACME_API_BASE=https://api.acme.example/v1 too."
    )


def test_deepseek_names_deepseek_api_base_for_litellm_and_deepseek_base_url_for_the_client(
    tmp_path,
):
    read = f"{tmp_path / 'other.py'}:6"
    assert apply_both(tmp_path, "--provider", "deepseek") == (
        "Next: export DEEPSEEK_API_KEY=<your DeepSeek key> (the OpenAI key does not work "
        f"there). {placeholder_step('DeepSeek', read)} "
        "DEEPSEEK_BASE_URL overrides the base URL https://api.deepseek.com (a proxy, a "
        "region, a test server). A module calls litellm: its deepseek/ route reads "
        "DEEPSEEK_API_KEY and DEEPSEEK_API_BASE (not DEEPSEEK_BASE_URL) where a call passes no "
        "api_key or api_base: export DEEPSEEK_API_BASE=https://api.deepseek.com too."
    )


def test_a_model_setting_both_read_names_litellms_variable_too(tmp_path):
    """A config entry litellm and an OpenAI client may both read: ML503 leaves it (no route
    written), the client is pointed at the provider."""
    (tmp_path / "config.toml").write_text('model = "gpt-4o"\n')
    litellm = (
        'import tomllib\n\nimport litellm\n\nMODEL = tomllib.load(open("config.toml", "rb"))'
        '["model"]\nreply = litellm.completion(model=MODEL, messages=[])\n'
    )
    assert apply_both(tmp_path, *ACME, litellm=litellm).endswith(
        "export ACME_API_BASE=https://api.acme.example/v1 too."
    )
    assert (tmp_path / "config.toml").read_text() == 'model = "gpt-4o"\n'


def test_litellms_own_key_variable_is_named_where_it_differs(tmp_path):
    own = tmp_path / "providers"
    own.mkdir()
    text = (ACME_DIR / "acme.toml").read_text()
    (own / "acme.toml").write_text(
        text.replace('litellm_api_key_env = "ACME_API_KEY"', 'litellm_api_key_env = "ACME_KEY"')
    )
    project = tmp_path / "project"
    project.mkdir()
    last = apply_both(project, "--providers-dir", str(own), "--provider", "acme")
    assert last == (
        f"{export(project / 'other.py', 6)} A module calls litellm: its acme/ route reads ACME_KEY and ACME_API_BASE "
        "(not ACME_BASE_URL) where a call passes no api_key or api_base: export "
        "ACME_KEY=<your Acme Cloud key> and ACME_API_BASE=https://api.acme.example/v1 too."
    )


def test_a_provider_without_litellms_variables_adds_nothing_for_a_module_calling_it(tmp_path):
    own = tmp_path / "providers"
    own.mkdir()
    text = (ACME_DIR / "acme.toml").read_text()
    kept = [line for line in text.splitlines() if not line.startswith("litellm_")]
    (own / "acme.toml").write_text("\n".join(kept) + "\n")
    project = tmp_path / "project"
    project.mkdir()
    last = apply_both(project, "--providers-dir", str(own), "--provider", "acme")
    assert last == export(project / "other.py", 6)


def test_without_a_module_calling_litellm_the_line_names_the_sdks_variable_alone(tmp_path):
    (tmp_path / "other.py").write_text(CLIENT)
    done = CliRunner().invoke(app, ["apply", str(tmp_path), *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert done.stderr.splitlines()[-1] == export(tmp_path / "other.py", 6)


def test_a_run_reading_only_the_providers_key_names_no_base_url_variable(tmp_path):
    """aider's shape (t41b D9): the key guard is switched and litellm gets its model at run
    time; nothing written reads DEEPSEEK_BASE_URL, so the line names litellm's for the
    call as it is, and DEEPSEEK_BASE_URL only for the code ML640 asks to write (t61c)."""
    guard = 'import os\n\nif "OPENAI_API_KEY" not in os.environ:\n    raise SystemExit(1)\n'
    (tmp_path / "app.py").write_text(RUN_TIME)
    (tmp_path / "guard.py").write_text(guard)
    done = CliRunner().invoke(
        app, ["apply", str(tmp_path), "--provider", "deepseek", "--yes", "--allow-dirty"]
    )
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "guard.py").read_text() == guard.replace("OPENAI_", "DEEPSEEK_")
    assert done.stderr.splitlines()[-1] == (
        "Next: export DEEPSEEK_API_KEY=<your DeepSeek key> (the OpenAI key does not work "
        "there). A module calls litellm: its deepseek/ route reads DEEPSEEK_API_KEY and "
        "DEEPSEEK_API_BASE where a call passes no api_key or api_base: export "
        "DEEPSEEK_API_BASE=https://api.deepseek.com too. Left for you asks to give litellm "
        f"calls ({tmp_path / 'app.py'}:5:34) api_base from DEEPSEEK_BASE_URL, as "
        "apply's edits do, and litellm does not read DEEPSEEK_API_BASE for a call given "
        "api_base: once you write that, export DEEPSEEK_BASE_URL=https://api.deepseek.com too."
    )


def test_litellm_calls_on_another_route_add_nothing(tmp_path):
    """Doriandarko/maestro calls litellm only with `gemini/...` models, which apply leaves:
    no call takes the provider's route, so litellm's variables are not named."""
    gemini = (
        "from litellm import completion\n\n"
        'completion(model="gemini/gemini-1.5-flash-latest", messages=[])\n'
    )
    assert apply_both(tmp_path, *ACME, litellm=gemini) == export(tmp_path / "other.py", 6)


def test_a_litellm_call_on_the_providers_route_already_names_litellms_variables(tmp_path):
    routed = 'from litellm import completion\n\ncompletion(model="acme/acme-large", messages=[])\n'
    assert apply_both(tmp_path, *ACME, litellm=routed) == (
        f"{export(tmp_path / 'other.py', 6)} A module calls litellm: its acme/ route reads ACME_API_KEY and ACME_API_BASE "
        "(not ACME_BASE_URL) where a call passes no api_key or api_base: export "
        "ACME_API_BASE=https://api.acme.example/v1 too."
    )


def test_zhipus_open_interpreter_run_names_both_base_url_variables_and_why(tmp_path):
    """t61c: Open Interpreter's model moved onto litellm's zai/ route, which reads ZAI_API_BASE,
    beside a litellm call whose model is chosen at run time, which ML640 asks to give
    `api_base=os.environ.get("ZAI_BASE_URL", ...)` (the variable apply's edits read): the
    line named ZAI_API_BASE alone, so a URL set there missed the hand-edited call."""
    text = (
        "import os\n\nimport litellm\nfrom interpreter import interpreter\n\n"
        'interpreter.llm.model = "gpt-4o"\n\n\n'
        "def ask(prompt):\n"
        '    return litellm.completion(model=os.environ["MODEL"], messages=[prompt])\n'
    )
    last, written = apply(tmp_path, text, "--provider", "zhipu")
    assert written == text.replace('= "gpt-4o"', '= "zai/glm-5.3"')
    assert last == (
        "Next: export ZAI_API_KEY=<your Zhipu AI (GLM) key> and "
        "ZAI_API_BASE=https://open.bigmodel.cn/api/paas/v4 (the OpenAI key does not work "
        "there): litellm's zai/ route reads them where a call passes no api_key or api_base. "
        "Where ZAI_API_KEY is unset or empty it sends OPENAI_API_KEY instead: unset "
        "OPENAI_API_KEY (and remove it from .env files) wherever it runs. Left for you asks "
        f"to give litellm calls ({tmp_path / 'app.py'}:10:37) api_base from ZAI_BASE_URL, "
        "as apply's edits do, and litellm does not read ZAI_API_BASE for a call given "
        "api_base: once you write that, export ZAI_BASE_URL=https://open.bigmodel.cn/api/paas/v4 "
        "too."
    )
