"""Defects left by session 53's trials: a camel model's config read as its request's
arguments and `client=` without `api_key=` (t53g); one finding per place where two rules say
the same (t53d/t53j); the legacy `functions=` where tools are "partial" (t53z, Hunyuan);
lanarky 0.8's removed `from_chain` and an imported `env_prefix` (t53l)."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import Finding, FixClass, Severity, one_per_place

from .cli_findings import finding_rows, run_json, write_here

CAMEL_HEAD = (
    "from camel.configs import ChatGPTConfig\n"
    "from camel.models import ModelFactory\n"
    "from camel.types import ModelPlatformType\n\n"
)


def _run(tmp_path, monkeypatch, files: dict[str, str], *args: str) -> list[tuple]:
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("scan", ".", *args, "--no-cache")
    assert code == 0, report
    fields = ("path", "line", "column", "rule", "severity", "fix", "message")
    return finding_rows(report, *fields)


def _apply(tmp_path, *args: str) -> None:
    result = CliRunner().invoke(app, ["apply", ".", *args, "--yes", "--no-cache"])
    assert result.exit_code == 0, result.stderr


_TEMPERATURE = (
    "temperature 0.0 is outside the range MiniMax accepts, [0.01, 1.0]; use 0.01 (unconfirmed: "
    "lower bound is open (0 rejected); 0.01 is migrate-llm's stand-in)"
)


def test_a_camel_config_on_the_providers_platform_is_checked_as_the_request(tmp_path, monkeypatch):
    """t53g D3: `ChatGPTConfig(temperature=0.0)` given to camel's MINIMAX platform (what
    ML670 tells a person to write) went to MiniMax, which rejects 0, with `check` green."""
    source = CAMEL_HEAD + (
        "model = ModelFactory.create(\n"
        "    model_platform=ModelPlatformType.MINIMAX,\n"
        '    model_type="MiniMax-M2.5",\n'
        "    model_config_dict=ChatGPTConfig(temperature=0.0, max_tokens=100).as_dict(),\n"
        ")\n"
        'other = ModelFactory.create("minimax", "MiniMax-M2.5", {"top_p": 0, "seed": 1})\n'
        'qwen = ModelFactory.create(ModelPlatformType.QWEN, "qwen-plus", {"top_p": 0})\n'
    )
    found = _run(tmp_path, monkeypatch, {"app.py": source}, "--provider", "minimax")
    assert found == [
        ("app.py", 8, 49, "ML111", "warning", "review", _TEMPERATURE),
        (
            "app.py",
            8,
            54,
            "ML112",
            "warning",
            "manual",
            "MiniMax takes max_completion_tokens=, not max_tokens= (unconfirmed: AgentScope: "
            "max_tokens is deprecated; the official text-chat reference still documents "
            'max_tokens (maximum 2048)); rename the entry "max_tokens" by hand (apply leaves '
            "the dict: ChatGPTConfig (camel) takes only its own fields: give "
            "model_config_dict= a dict)",
        ),
        (
            "app.py",
            10,
            66,
            "ML111",
            "warning",
            "review",
            "top_p 0 is outside the range MiniMax accepts, [0.01, 1.0]; use 0.01 (unconfirmed: "
            "lower bound is open; 0.01 is migrate-llm's stand-in)",
        ),
        (
            "app.py",
            10,
            69,
            "ML115",
            "warning",
            "review",
            "MiniMax-M2.5 does not take seed on MiniMax: seed= is removed (unconfirmed: "
            "MiniMax's schema lacks these fields; AgentScope strips them (not measured))",
        ),
    ]
    _apply(tmp_path, "--provider", "minimax")
    assert (tmp_path / "app.py").read_text() == source.replace(
        "temperature=0.0", "temperature=0.01"
    ).replace('{"top_p": 0, "seed": 1}', '{"top_p": 0.01}')


def test_a_camel_config_through_a_name_and_an_openai_url_apply_moves(tmp_path, monkeypatch):
    """OpenAI's platform given OpenAI's URL goes to the provider once apply rewrites the URL;
    a config built in a name used once is edited there; OpenAI's platform without a URL stays
    on OpenAI (ML670) and its config waits until it is moved."""
    source = (
        "import os\n\n"
        + CAMEL_HEAD
        + (
            "config = ChatGPTConfig(temperature=0.0)\n"
            "moved = ModelFactory.create(\n"
            "    ModelPlatformType.OPENAI,\n"
            '    "gpt-4o-mini",\n'
            "    config.as_dict(),\n"
            '    url=os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1"),\n'
            '    api_key=os.environ["OPENAI_API_KEY"],\n'
            ")\n"
            "left = ModelFactory.create(\n"
            '    ModelPlatformType.OPENAI, "gpt-4o-mini", {"temperature": 0}\n'
            ")\n"
        )
    )
    found = _run(tmp_path, monkeypatch, {"app.py": source}, "--provider", "minimax")
    assert [f[1:6] for f in found if f[3] in ("ML111", "ML670")] == [
        (7, 36, "ML111", "warning", "review"),
        (15, 8, "ML670", "error", "manual"),
    ]


def test_camels_openai_platform_given_a_client_without_a_key(tmp_path, monkeypatch):
    """t53g D4: camel's OpenAI backend requires OPENAI_API_KEY when built, even with a
    client of one's own, and builds its async client from api_key= and url=."""
    source = CAMEL_HEAD + (
        "from openai import OpenAI\n\n"
        'client = OpenAI(api_key="k", base_url="http://127.0.0.1:9/v1")\n'
        'model = ModelFactory.create(ModelPlatformType.OPENAI, "m", client=client)\n'
        "fine = ModelFactory.create(\n"
        '    ModelPlatformType.OPENAI, "m", client=client, api_key=client.api_key,\n'
        "    url=client.base_url,\n"
        ")\n"
    )
    found = _run(tmp_path, monkeypatch, {"app.py": source}, "--provider", "minimax")
    assert [f for f in found if f[3] == "ML670"] == [
        (
            "app.py",
            8,
            9,
            "ML670",
            "error",
            "manual",
            "ModelFactory.create() is given client=client but no api_key=: camel's OpenAI "
            "backend still requires OPENAI_API_KEY when it is built (@api_keys_required) and "
            "raises ValueError where it is unset, as it is once the program no longer uses "
            "OpenAI, and builds its async client (without async_client=) from api_key= and "
            "url=, OPENAI_API_KEY and OpenAI's URL by default; pass api_key=client.api_key, "
            "url=client.base_url (or async_client= too), by hand",
        )
    ]


def test_camels_openai_compatible_model_gets_no_fallback_of_the_provider(tmp_path, monkeypatch):
    """t53g D7: the client of camel's OpenAI-compatible model (its base URL `self._url`, set
    by its base class from OPENAI_COMPATIBILITY_API_BASE_URL) got MINIMAX_API_KEY as its
    key's fallback, which then went to whatever server that URL names."""
    source = (
        "import os\n\nfrom openai import OpenAI\n\n\nclass Compatible(Base):\n"
        "    def __init__(self, api_key=None, url=None):\n"
        '        api_key = api_key or os.environ.get("OPENAI_COMPATIBILITY_API_KEY")\n'
        '        url = url or os.environ.get("OPENAI_COMPATIBILITY_API_BASE_URL")\n'
        "        super().__init__(api_key, url)\n"
        "        self._client = OpenAI(base_url=self._url, api_key=self._api_key)\n"
    )
    found = _run(tmp_path, monkeypatch, {"m.py": source}, "--provider", "minimax")
    assert [f for f in found if f[3] == "ML003"] == [
        (
            "m.py",
            11,
            24,
            "ML003",
            "warning",
            "manual",
            "OpenAI() takes its base URL from `self._url` at run time (OpenAI's when that is "
            "None) and its key from `self._api_key` (OPENAI_API_KEY when that is None); make "
            "sure they are MiniMax's (https://api.minimaxi.com/v1, the key from "
            "MINIMAX_API_KEY) in place of OpenAI's; a server of your own needs no "
            "change",
        )
    ]
    _apply(tmp_path, "--provider", "minimax")
    assert "MINIMAX_API_KEY" not in (tmp_path / "m.py").read_text()


PROMPT_APP = """import os
import streamlit as st
from agno.agent import Agent
from agno.models.openai import OpenAIChat

key = st.text_input("OpenAI API Key", value=os.getenv("OPENAI_API_KEY", ""))
if key:
    st.write(Agent(model=OpenAIChat(id="gpt-4o", api_key=key)).run("hi").content)
"""


def test_a_prompt_two_rules_report_is_one_finding(tmp_path, monkeypatch):
    """t53j N2: the prompt was reported by ML401 (the key's read) and ML685 (agno's class
    it is given to) with one message; one finding per place and message, the lower code."""
    found = _run(tmp_path, monkeypatch, {"app.py": PROMPT_APP}, "--provider", "doubao")
    assert [f[1:6] for f in found] == [
        (6, 21, "ML401", "warning", "review"),
        (6, 45, "ML401", "warning", "safe"),
        (8, 26, "ML685", "error", "review"),
    ]
    assert found[0][6].startswith("the prompt 'OpenAI API Key' asks for an OpenAI key")


def test_one_per_place_keeps_the_most_severe_then_the_lowest_code():
    def finding(rule: str, severity: Severity, message: str = "m", column: int = 1) -> Finding:
        return Finding(rule, "c", severity, FixClass.MANUAL, message, 1, column, 1, 9)

    found = [
        finding("ML685", Severity.WARNING),
        finding("ML401", Severity.WARNING),
        finding("ML404", Severity.ERROR),
        finding("ML401", Severity.WARNING, "other"),
        finding("ML685", Severity.WARNING, column=2),
    ]
    assert [(f.rule, f.message, f.column) for f in one_per_place(found)] == [
        ("ML404", "m", 1),
        ("ML401", "other", 1),
        ("ML685", "m", 2),
    ]


FUNCTIONS = (
    "from openai import OpenAI\nc = OpenAI()\n"
    'c.chat.completions.create(model="MODEL", messages=[], '
    'functions=[{"name": "f", "parameters": {}}], function_call={"name": "f"})\n'
)


def test_legacy_functions_where_tools_are_partial_get_a_note(tmp_path, monkeypatch):
    """t53z: smol-developer's `functions=` request on Hunyuan (tools "partial", the legacy
    parameters not in its file): a note; a model `[params] tool_models` leaves out (Spark's
    lite) takes no tools at all: a warning; tools true or `functions` stated: as before."""
    source = FUNCTIONS.replace("MODEL", "gpt-4o")
    found = _run(tmp_path, monkeypatch, {"app.py": source}, "--provider", "hunyuan")
    assert [f[1:] for f in found if f[3] == "ML111"] == [
        (
            3,
            56,
            "ML111",
            "note",
            "manual",
            "functions= is OpenAI's legacy function calling: Tencent Hunyuan's provider file "
            "does not say it takes it, and gives tools as partial (some models only); test the "
            "request on hunyuan-turbos-latest, or rewrite it as tools=",
        ),
        (
            3,
            101,
            "ML111",
            "note",
            "manual",
            "function_call= is OpenAI's legacy function calling: Tencent Hunyuan's provider "
            "file does not say it takes it, and gives tools as partial (some models only); test "
            "the request on hunyuan-turbos-latest, or rewrite it as tool_choice=",
        ),
    ]
    lite = FUNCTIONS.replace("MODEL", "gpt-3.5-turbo")
    found = _run(tmp_path, monkeypatch, {"app.py": lite}, "--provider", "spark")
    assert next(f[4:] for f in found if f[3] == "ML111") == (
        "warning",
        "manual",
        "functions= is OpenAI's legacy function calling: iFLYTEK Spark's provider file does "
        "not say it takes it, and lite takes no tools: map it to a model that does, and "
        "rewrite it as tools=, by hand",
    )
    for provider in ("spark", "qwen", "minimax"):  # a model taking tools; tools true
        found = _run(tmp_path, monkeypatch, {"app.py": source}, "--provider", provider)
        assert not [f for f in found if f[3] == "ML111" and "legacy" in f[6]], provider


LANARKY = """[tool.poetry.dependencies]
python = "^3.11"
openai = "^0.28"
langchain = "^0.0.339"
lanarky = "^0.7.15"
"""
LANARKY_APP = """from lanarky.responses import StreamingResponse


def respond(chain, q):
    return StreamingResponse.from_chain(chain, {"q": q})
"""


def test_ml504_names_what_lanarky_08_removed(tmp_path, monkeypatch):
    """t53l D1: AgentGPT's six `StreamingResponse.from_chain` calls failed with
    AttributeError once lanarky was moved to 0.8 as ML504 said."""
    files = {"pyproject.toml": LANARKY, "app.py": LANARKY_APP}
    found = _run(tmp_path, monkeypatch, files, "--provider", "yi")
    assert [f for f in found if f[0] == "pyproject.toml" and f[1] == 5] == [
        (
            "pyproject.toml",
            5,
            1,
            "ML504",
            "warning",
            "manual",
            'lanarky = "^0.7.15" calls openai.aiosession in its StreamingResponse, which '
            'openai>=1 removed; migrated code needs openai>=1 (openai = "^0.28" here): upgrade '
            "lanarky to >=0.8.0; 0.8.0 removed StreamingResponse.from_chain(chain, inputs, "
            "...) (AttributeError where the code calls it): build "
            "lanarky.adapters.langchain.responses.StreamingResponse(chain=chain, "
            'config={"inputs": inputs, "callbacks": [TokenStreamingCallbackHandler('
            'output_key=chain.output_key, mode="text")]}) there (the handler from '
            "lanarky.adapters.langchain.callbacks: without it nothing is streamed); 0.8 sends "
            "server-sent events (event: completion, data: <token>), not 0.7's raw text, so the "
            "client reading the stream must parse them",
        )
    ]


def test_a_prefix_imported_from_a_module_of_the_project_is_read_there(tmp_path, monkeypatch):
    """t53l: AgentGPT's `env_prefix=ENV_PREFIX` (`REWORKD_PLATFORM_` in its constants
    module) was shown as `<ENV_PREFIX>`: the variable to set is named now."""
    settings = (
        "from pydantic_settings import BaseSettings, SettingsConfigDict\n\n"
        "from app.constants import ENV_PREFIX\n\n\nclass Settings(BaseSettings):\n"
        "    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX)\n\n"
        '    base: str = "https://api.openai.com/v1"\n    api_key: str = "unset"\n'
    )
    files = {
        "app/__init__.py": "",
        "app/constants.py": 'ENV_PREFIX: str = "REWORKD_PLATFORM_"\n',
        "app/settings.py": settings,
    }
    found = _run(tmp_path, monkeypatch, files, "--provider", "yi")
    assert [f[6] for f in found] == [
        "hard-coded OpenAI URL https://api.openai.com/v1, the default of settings field "
        "Settings.base, which pydantic reads from REWORKD_PLATFORM_BASE first: a default read "
        "of YI_BASE_URL would not replace it, so it is left; set REWORKD_PLATFORM_BASE to "
        "https://api.lingyiwanwu.com/v1 and REWORKD_PLATFORM_API_KEY to 01.AI (Yi)'s key "
        "(the field api_key) there, by hand (code left on OpenAI that reads the key field then "
        "needs OpenAI's key from its own variable); check cannot see where the program runs: "
        "once they are set, say so with `# migrate-llm: ignore[ML402]` on this line"
    ]
