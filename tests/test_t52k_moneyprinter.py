"""MoneyPrinterTurbo on Hunyuan (trial t52k): a registry of twenty services, each with its own
default model and base URL, read by one generic client.

- D1/D5: apply made AIHubMix's `default_model="gpt-4o-mini"` Hunyuan's while its entry kept
  aihubmix.com (check green); EvoLink's and their tests were ML204 noise. An entry beside
  another server's base URL is that server's; a function picking another service by a
  selector (`config.app["llm_provider"] = "aihubmix"`) sets that service's models.
- D7: OpenAI's entry moved its URL and kept its model ("a module calls litellm"): the model
  beside OpenAI's URL goes where the URL does.
- D2: `patch.object(svc, "AzureOpenAI")` became `"OpenAI"` while svc's AzureOpenAI() stayed.
- D4: `with genai.Client() as client: client.models.generate_content(...)` was an OpenAI call.
- D6: the ModelScope branch's client got HUNYUAN_* fallbacks.
- D8: config.toml's reader was named as the skill that only copies the example there.
"""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.gitignored import readers
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.service_names import known_services, service_names
from tests import network_guard
from tests.loopback_run import run_guarded
from tests.loopback_server import LoopbackServer
from tests.program_runner import run_python

from .cli_findings import finding_rows, run_json, write

HUNYUAN = "Tencent Hunyuan"
HOST = '"HUNYUAN_BASE_URL", "https://api.hunyuan.cloud.tencent.com/v1"'

REGISTRY = """from dataclasses import dataclass

from openai import OpenAI


@dataclass(frozen=True)
class Spec:
    pid: str
    default_model: str = ""
    default_base_url: str = ""


REGISTRY = {
    "openai": Spec("openai", default_model="gpt-4o", default_base_url="https://api.openai.com/v1"),
    "aihubmix": Spec("aihubmix", default_model="gpt-4o-mini", default_base_url="https://aihubmix.com/v1"),
}


def ask(pid, key, prompt):
    s = REGISTRY[pid]
    client = OpenAI(api_key=key, base_url=s.default_base_url)
    reply = client.chat.completions.create(model=s.default_model, messages=[{"role": "user", "content": prompt}])
    return reply.choices[0].message.content
"""

OPENAI_ENTRY = f"""    "openai": Spec(
        "openai",
        default_model="hunyuan-turbos-latest",
        default_base_url=os.environ.get(
            {HOST}
        ),
    ),
"""


def _findings(root: Path, *rules: str, path: str = ".") -> list[tuple]:
    code, report = run_json("scan", path, "--provider", "hunyuan", "--no-cache")
    assert code == 0, report
    fields = ("path", "line", "rule", "severity", "fix", "message")
    return finding_rows(report, *fields, rules=rules)


def _apply(*paths: str) -> None:
    done = CliRunner().invoke(
        app, ["apply", *paths, "--provider", "hunyuan", "--yes", "--allow-dirty", "--no-cache"]
    )
    assert done.exit_code == 0, done.output


# --- D1, D5, D7: a registry of services -------------------------------------------------------


def test_a_gateways_entry_keeps_its_model_and_openais_moves_whole(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"reg.py": REGISTRY})
    assert _findings(tmp_path, "ML204") == [
        (
            "reg.py",
            14,
            "ML204",
            "warning",
            "review",
            f"argument default_model of Spec() = 'gpt-4o' maps to 'hunyuan-turbos-latest' on "
            f"{HUNYUAN}",
        ),
        (
            "reg.py",
            15,
            "ML204",
            "note",
            "none",
            "argument default_model of Spec() = 'gpt-4o-mini' is set beside the base URL "
            "https://aihubmix.com/v1, another server's: that server's model, which no request "
            "sends to OpenAI; apply leaves it",
        ),
    ]
    _apply(".")
    after = (tmp_path / "reg.py").read_text()
    assert after.startswith("import os\nfrom dataclasses import dataclass\n")
    assert OPENAI_ENTRY in after
    assert (
        '    "aihubmix": Spec("aihubmix", default_model="gpt-4o-mini", '
        'default_base_url="https://aihubmix.com/v1"),\n' in after
    )
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "hunyuan", "--no-cache"])
    assert checked.exit_code == 0, checked.stdout

    # OpenAI's entry reaches Hunyuan with Hunyuan's key and model; nothing else is reached
    server = LoopbackServer().start()
    try:
        (tmp_path / "run.py").write_text('from reg import ask\nprint(ask("openai", "", "hi"))\n')
        env = {"HUNYUAN_API_KEY": "hy-key", "HUNYUAN_BASE_URL": server.base + "/v1"}
        proc, blocked = run_guarded("run.py", tmp_path, env)
        assert (blocked, proc.returncode) == ([], 0), proc.stderr
        (request,) = server.requests
    finally:
        server.stop()
    assert (request.path, request.body["model"]) == (
        "/v1/chat/completions",
        "hunyuan-turbos-latest",
    )
    assert request.headers["authorization"] == "Bearer hy-key"


def test_openais_entry_maps_its_model_beside_its_url_where_litellm_is_called(tmp_path, monkeypatch):
    """D7: the litellm branch takes its own model; the one beside OpenAI's URL goes with it."""
    monkeypatch.chdir(tmp_path)
    program = REGISTRY + (
        "\n\ndef ask_litellm(model, prompt):\n    import litellm\n\n"
        '    return litellm.completion(model=model, messages=[{"role": "user", "content": prompt}])\n'
    )
    write(tmp_path, {"reg.py": program})
    assert [row[1:5] for row in _findings(tmp_path, "ML204")] == [
        (14, "ML204", "warning", "review"),
        (15, "ML204", "note", "none"),
    ]
    _apply(".")
    assert OPENAI_ENTRY in (tmp_path / "reg.py").read_text()


SPECS = """from dataclasses import dataclass


@dataclass(frozen=True)
class LLMProviderSpec:
    provider_id: str
    label: str
    adapter: str = "openai_compatible"
    default_model: str = ""
    default_base_url: str = ""


LLM_PROVIDER_REGISTRY = (
    LLMProviderSpec("moonshot", "Kimi", default_model="kimi-k2", default_base_url="https://api.moonshot.cn/v1"),
    LLMProviderSpec("openai", "OpenAI", default_model="gpt-4o", default_base_url="https://api.openai.com/v1"),
    LLMProviderSpec("gemini", "Gemini", adapter="gemini", default_model="gemini-2.5-pro"),
    LLMProviderSpec("modelscope", "ModelScope", adapter="modelscope", default_model="Qwen/Qwen3-8B"),
    LLMProviderSpec("aihubmix", "AIHubMix", default_model="gpt-4o-mini", default_base_url="https://aihubmix.com/v1"),
)
"""

LLM = """from openai import OpenAI


def generate(adapter, api_key, base_url, model_name, prompt):
    messages = [{"role": "user", "content": prompt}]
    if adapter == "modelscope":
        client = OpenAI(api_key=api_key, base_url=base_url)
        return client.chat.completions.create(model=model_name, messages=messages, stream=True)
    client = OpenAI(api_key=api_key, base_url=base_url)
    return client.chat.completions.create(model=model_name, messages=messages)
"""

TESTS = """from app import llm

config = {}


def test_aihubmix_default():
    config["llm_provider"] = "aihubmix"
    assert llm.sent() == {"model": "gpt-4o-mini", "messages": []}


def test_openai_default():
    config["llm_provider"] = "openai"
    assert llm.sent() == {"model": "gpt-4o-mini", "messages": []}
"""


def test_registry_rows_name_the_services_the_program_picks(registry):
    names = service_names("m.py", "m.py", SPECS.encode(), known_services(registry))
    # the ids' place and the labels' both name two known services or more
    assert [n.name for n in names] == [
        "AIHubMix",
        "Gemini",
        "Kimi",
        "ModelScope",
        "OpenAI",
        "aihubmix",
        "gemini",
        "modelscope",
        "moonshot",
        "openai",
    ]


def test_a_test_picking_a_gateway_and_another_services_branch_are_left(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = {"app/__init__.py": "", "app/specs.py": SPECS, "app/llm.py": LLM}
    write(tmp_path, {**files, "test/test_llm.py": TESTS})
    assert _findings(tmp_path, "ML003", "ML204") == [
        (
            "app/llm.py",
            7,
            "ML003",
            "note",
            "none",
            "OpenAI() takes its base URL from `base_url` at run time in the branch `if adapter "
            "== \"modelscope\"`, the client the program builds for 'modelscope', not OpenAI; "
            "left as it is",
        ),
        (
            "app/llm.py",
            9,
            "ML003",
            "warning",
            "review",
            "OpenAI() takes its base URL from `base_url` at run time (OpenAI's when that is "
            "None) and its key from `api_key` (OPENAI_API_KEY when that is None); for Tencent "
            "Hunyuan it falls back to HUNYUAN_BASE_URL (default "
            "https://api.hunyuan.cloud.tencent.com/v1), its key HUNYUAN_API_KEY where no URL is "
            "given, in place of `api_key` (given for OpenAI's URL, it must not go to Tencent "
            "Hunyuan's), and HUNYUAN_API_KEY when `api_key` is empty where the URL given is "
            "Tencent Hunyuan's (its variable's value or its URL in any spelling); another server "
            "keeps the key the program gives it, which must be "
            "a Tencent Hunyuan key on Tencent Hunyuan's URL",
        ),
        (
            "app/specs.py",
            15,
            "ML204",
            "warning",
            "review",
            f"argument default_model of LLMProviderSpec() = 'gpt-4o' maps to "
            f"'hunyuan-turbos-latest' on {HUNYUAN}",
        ),
        (
            "app/specs.py",
            18,
            "ML204",
            "note",
            "none",
            "argument default_model of LLMProviderSpec() = 'gpt-4o-mini' is set beside the base "
            "URL https://aihubmix.com/v1, another server's: that server's model, which no "
            "request sends to OpenAI; apply leaves it",
        ),
        (
            "test/test_llm.py",
            8,
            "ML204",
            "note",
            "none",
            "entry 'model' = 'gpt-4o-mini' is set where `config[\"llm_provider\"] = "
            "\"aihubmix\"` (line 7) picks the service 'aihubmix': that service's model, which no "
            "request sends to OpenAI; apply leaves it",
        ),
        (
            "test/test_llm.py",
            13,
            "ML204",
            "warning",
            "review",
            f"entry 'model' = 'gpt-4o-mini' maps to 'hunyuan-turbos-latest' on {HUNYUAN}",
        ),
    ]
    _apply(".")
    migrated = (tmp_path / "app/llm.py").read_text()
    assert (
        '    if adapter == "modelscope":\n        client = OpenAI(api_key=api_key, base_url=base_url)\n'
        in migrated
    )
    assert migrated.count("HUNYUAN_API_KEY") == 2  # no URL given, or an empty key on its URL
    assert (tmp_path / "test/test_llm.py").read_text() == TESTS.replace(
        '"openai"\n    assert llm.sent() == {"model": "gpt-4o-mini"',
        '"openai"\n    assert llm.sent() == {"model": "hunyuan-turbos-latest"',
    )


# --- D2: a double of an Azure class apply leaves ------------------------------------------------

SVC = """from openai import AzureOpenAI


def ask(api_key, endpoint, prompt):
    client = AzureOpenAI(api_key=api_key, api_version="2024-02-15-preview", azure_endpoint=endpoint)
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
"""

SVC_TEST = """from unittest.mock import patch

from pkg import svc


def test_azure():
    with patch.object(svc, "AzureOpenAI") as az:
        svc.ask("k", "https://e.openai.azure.com", "hi")
    az.assert_called_once()
"""


def test_a_double_of_an_azure_client_apply_leaves_stays(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"pkg/__init__.py": "", "pkg/svc.py": SVC, "test_svc.py": SVC_TEST})
    assert [row[:5] for row in _findings(tmp_path, "ML002")] == [
        ("pkg/svc.py", 5, "ML002", "error", "manual")
    ]
    _apply(".")
    assert (tmp_path / "pkg/svc.py").read_text() == SVC
    assert (tmp_path / "test_svc.py").read_text() == SVC_TEST
    env = network_guard.subprocess_env({"PATH": os.environ.get("PATH", "")}, tmp_path / "guard")
    proc = run_python(["-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=tmp_path, env=env)
    assert proc.stdout.strip().splitlines()[-1].startswith("1 passed"), proc.stdout


# --- D4: another SDK's client under the same name --------------------------------------------

GENAI = """import os

from openai import OpenAI


def gen(provider, prompt, key):
    if provider == "gemini":
        from google import genai
        with genai.Client(api_key=key) as client:
            return client.models.generate_content(model="gemini-2.0-flash", contents=prompt).text
    client = OpenAI(api_key=key, base_url="https://api.openai.com/v1")
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
"""


def test_a_gemini_client_named_as_the_openai_one_is_not_openai(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": GENAI})
    assert [row[1:5] for row in _findings(tmp_path, "ML101", "ML201", "ML203")] == [
        (12, "ML101", "note", "none"),
        (12, "ML201", "warning", "review"),
    ]
    scanned = CliRunner().invoke(app, ["scan", ".", "--provider", "hunyuan", "--no-cache"])
    assert " models " not in scanned.stdout


# --- D8: the module that reads a gitignored config -------------------------------------------


def test_the_module_loading_a_config_is_named_before_one_copying_it(tmp_path):
    config = str(tmp_path / "config.toml")
    (tmp_path / "docs").mkdir()
    (tmp_path / "app").mkdir()
    skill = tmp_path / "app" / "agent.py"
    skill.write_text(
        "import shutil\n\n\ndef ensure(root):\n"
        '    shutil.copy2(root / "config.example.toml", root / "config.toml")\n'
    )
    loader = tmp_path / "app" / "settings.py"
    loader.write_text(
        "import os\n\nimport toml\n\n"
        "root_dir = os.path.dirname(os.path.dirname(__file__))\n"
        'config_file = f"{root_dir}/config.toml"\n'
        "config = toml.load(config_file)\n"
    )
    modules = [str(skill), str(loader)]
    assert readers([config], modules, [str(tmp_path)]) == {config: (str(loader), 6)}
    assert readers([config], modules[:1], [str(tmp_path)]) == {config: (str(skill), 5)}


def test_a_name_rebound_to_an_openai_client_is_openais_again(registry):
    text = (
        "from google import genai\nfrom openai import OpenAI\n\n\ndef ask(key):\n"
        "    client = genai.Client(api_key=key)\n"
        "    if key:\n        client = OpenAI()\n"
        "    return client.models.list()\n"
    )
    found = check_python(text, RuleContext(registry, registry.get("hunyuan")), PYTHON_RULES)
    assert [(f.line, f.rule) for f in found if f.rule == "ML101"] == [(9, "ML101")]
