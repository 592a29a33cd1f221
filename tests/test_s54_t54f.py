"""Defects of trial t54f (STORM -> siliconflow, AgentGPT -> yi): an `azure/` model through a
project's litellm wrapper (A), a test expecting OpenAI's URL of the code under test (C),
findings that stayed once followed (D), and `apply -` on a DSPy subclass built from another
module (E). B (lanarky 0.8's streaming) is in test_s54_trial_leftovers."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json, write_here

SF_KEY = 'api_key=os.environ["SILICONFLOW_CN_API_KEY"]'
SF_BASE = 'api_base=os.environ.get("SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1")'


def _scan(tmp_path, monkeypatch, files: dict[str, str], *args: str) -> list[tuple]:
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("scan", ".", *args, "--no-cache")
    assert code == 0, report
    return finding_rows(report, "path", "line", "rule", "severity", "fix", "message")


LM = """import litellm


class LitellmModel:
    def __init__(self, model, **kwargs):
        self.model = model
        self.kwargs = kwargs

    def __call__(self, prompt):
        return litellm.completion(model=self.model, messages=[], **self.kwargs)
"""
APP = """from lm import LitellmModel

plain = LitellmModel(model="gpt-4o-mini", max_tokens=10)
azure = LitellmModel(model="azure/gpt-4o-mini", max_tokens=10)
"""


def test_azure_route_through_a_litellm_wrapper_is_reported_as_a_bare_id_is(tmp_path, monkeypatch):
    """t54f A: STORM's `LitellmModel(model="azure/gpt-4o-mini")` had no finding."""
    found = _scan(tmp_path, monkeypatch, {"lm.py": LM, "app.py": APP}, "-p", "siliconflow")
    assert [f for f in found if f[0] == "app.py"] == [
        (
            "app.py",
            3,
            "ML204",
            "warning",
            "manual",
            # s66 hL: the project's own wrapper is followed to litellm's model (SiliconFlow
            # has no litellm route of its own: the openai/ route with its URL and key)
            "argument model of LitellmModel() = 'gpt-4o-mini' maps to "
            "'Qwen/Qwen3-235B-A22B-Instruct-2507' on SiliconFlow, but LitellmModel() hands "
            "model on to litellm's model through the project's code, which sends a model "
            "without a provider prefix to OpenAI: write "
            "'openai/Qwen/Qwen3-235B-A22B-Instruct-2507' with SiliconFlow's api_base and key "
            "there, by hand",
        ),
        (
            "app.py",
            4,
            "ML206",
            "warning",
            "manual",
            "model='azure/gpt-4o-mini' goes to LitellmModel(), which is not an OpenAI SDK call, "
            "so apply leaves it; it talks to Azure OpenAI: 'azure/gpt-4o-mini' is litellm's "
            "azure route, which sends the deployment 'gpt-4o-mini' to the resource of api_base "
            "(else AZURE_API_BASE) with api_key (else AZURE_API_KEY) and api_version (else "
            "AZURE_API_VERSION); for SiliconFlow write "
            "'openai/Qwen/Qwen3-235B-A22B-Instruct-2507' (what gpt-4o-mini maps to) with "
            f"{SF_KEY} and {SF_BASE}, and no api_version, by hand",
        ),
    ]


def test_azure_route_in_a_module_naming_no_openai_model_is_read(tmp_path, monkeypatch):
    """STORM's utils.py names no OpenAI model but `"azure/gpt-4o-mini"`: it was not read. A
    wrapper whose name says nothing of litellm is reported only for an OpenAI deployment
    name; a setting (no call) is not ML206's."""
    app = (
        "from .lm import Wrapper\n\n\ndef check():\n"
        '    a = Wrapper(model="azure/gpt-4o-mini")\n'
        '    b = Wrapper(model="azure/my-deployment")\n'
        '    NAME = "azure/gpt-4o"\n'
        "    return a, b, NAME\n"
    )
    found = _scan(tmp_path, monkeypatch, {"pkg/utils.py": app}, "-p", "siliconflow")
    assert [f[1:5] for f in found] == [(5, "ML206", "warning", "manual")]
    assert found[0][5].startswith(
        "model='azure/gpt-4o-mini' goes to Wrapper(), which is not an OpenAI SDK call, so "
        "apply leaves it; if it goes to litellm, it talks to Azure OpenAI: "
    )
    # without a provider: what to use instead is scan --provider's
    found = _scan(tmp_path, monkeypatch, {"lm.py": LM, "app.py": APP})
    assert [f[5] for f in found if f[:2] == ("app.py", 4)] == [
        "model='azure/gpt-4o-mini' goes to LitellmModel(), which is not an OpenAI SDK call, so "
        "apply leaves it; it talks to Azure OpenAI: 'azure/gpt-4o-mini' is litellm's azure "
        "route, which sends the deployment 'gpt-4o-mini' to the resource of api_base (else "
        "AZURE_API_BASE) with api_key (else AZURE_API_KEY) and api_version (else "
        "AZURE_API_VERSION); `migrate-llm scan --provider ID` says what to use instead"
    ]


FACTORY = """def get_base(custom):
    return "https://api.openai.com/v1" if custom else "x"
"""
FACTORY_TEST = """import unittest

from app.factory import get_base, make


def test_custom_key():
    base = get_base(True)
    assert base == "https://api.openai.com/v1"


def test_echo():
    cfg = make(api_base="https://api.openai.com/v1")
    assert cfg.api_base == "https://api.openai.com/v1"


class T(unittest.TestCase):
    def test_custom_key(self):
        self.assertEqual(get_base(True), "https://api.openai.com/v1")
"""
EXPECTED = (
    "OpenAI URL https://api.openai.com/v1 expected by a test ({}): the value comes from the "
    "code under test, and once that code points at 01.AI (Yi) (apply's rewrite, or the "
    "variables a settings field's finding names) the test fails; expect "
    "https://api.lingyiwanwu.com/v1 (or the read of YI_BASE_URL the code makes) there by hand, "
    "with the code it tests"
)


def test_an_assert_of_the_url_the_code_under_test_gives_is_a_warning(tmp_path, monkeypatch):
    """t54f C: AgentGPT's `assert base == "https://api.openai.com/v1"` of
    `get_base_and_headers` was a note ("the code for other servers runs"); apply rewrote the
    URL that function returns and the tests failed."""
    files = {
        "app/__init__.py": "",
        "app/factory.py": FACTORY,
        "tests/test_factory.py": FACTORY_TEST,
    }
    found = _scan(tmp_path, monkeypatch, files, "-p", "yi")
    assert [f[1:] for f in found if f[0] == "tests/test_factory.py"] == [
        (
            8,
            "ML402",
            "warning",
            "manual",
            EXPECTED.format("assert ... == 'https://api.openai.com/v1'"),
        ),
        (
            12,
            "ML402",
            "warning",
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1; not switched: the test asserts it on "
            "line 13 (assert ... == 'https://api.openai.com/v1'): replace both by hand, with its "
            "key, or the test fails",
        ),
        (
            13,
            "ML402",
            "note",
            "none",
            "OpenAI URL https://api.openai.com/v1 expected by a test (assert ... == "
            "'https://api.openai.com/v1') that gives it itself on line 12: it checks what it "
            "handed in; left",
        ),
        (
            18,
            "ML402",
            "warning",
            "manual",
            EXPECTED.format("'https://api.openai.com/v1' of self.assertEqual()"),
        ),
    ]
    assert [f[1:5] for f in found if f[0] == "app/factory.py"] == [(2, "ML402", "warning", "safe")]


WRAPPED = """from langchain.chat_models import ChatOpenAI

from app.settings import settings


class WrappedChatOpenAI(ChatOpenAI):
    max_tokens: int


def create_model(model_name):
    model = WrappedChatOpenAI
    kwargs = {
        "openai_api_base": settings.openai_api_base,
        "openai_api_key": settings.openai_api_key,
        "model": model_name,
    }
    return model(**kwargs)
"""


def test_a_subclass_built_with_key_base_and_model_is_not_reported(tmp_path, monkeypatch):
    """t54f D: AgentGPT's WrappedChatOpenAI, built as `model(**kwargs)` with the key, the
    base URL and the model from its settings, stayed ML601 once those settings were set."""
    found = _scan(tmp_path, monkeypatch, {"app/factory.py": WRAPPED}, "-p", "yi")
    assert [f for f in found if f[2] == "ML601"] == []
    # a construction passing no base URL keeps it
    partial = WRAPPED.replace('        "openai_api_base": settings.openai_api_base,\n', "")
    found = _scan(tmp_path, monkeypatch, {"app/factory.py": partial}, "-p", "yi")
    assert [f[1:3] for f in found if f[2] == "ML601"] == [(6, "ML601")]


SETTINGS = """from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_file=".env")

    openai_api_base: str = "https://api.openai.com/v1"{}
    openai_api_key: str = "unset"
"""


def test_the_settings_finding_says_how_to_mark_it_done(tmp_path, monkeypatch):
    """t54f D: the settings field's finding can be followed only where the program runs; its
    own marker, as it says, makes check quiet."""
    files = {"settings.py": SETTINGS.format("")}
    found = _scan(tmp_path, monkeypatch, files, "-p", "yi")
    assert [f[5].split("; ")[-1] for f in found if f[2] == "ML402"] == [
        "check cannot see where the program runs: once they are set, say so with "
        "`# migrate-llm: ignore[ML402]` on this line"
    ]
    write_here(
        tmp_path, monkeypatch, {"settings.py": SETTINGS.format("  # migrate-llm: ignore[ML402]")}
    )
    result = CliRunner().invoke(app, ["check", ".", "-p", "yi", "--no-cache"])
    assert result.exit_code == 0, result.stdout


LEAK = """import os
from sub.mylm import MyLM

lm = MyLM(model="Qwen/Qwen3-8B", api_key=os.environ["SILICONFLOW_CN_API_KEY"], model_type="chat")
"""


def test_apply_stdin_reads_an_imported_dspy_subclass_or_says_why_not(tmp_path, monkeypatch):
    """t54f E: `apply - < leak_sub.py` printed its input unchanged and said nothing; the
    directory run migrates the construction."""
    write_here(tmp_path, monkeypatch, {"sub/__init__.py": "", "sub/mylm.py": MYLM})
    result = CliRunner().invoke(app, ["apply", "-", "-p", "siliconflow"], input=LEAK)
    assert result.exit_code == 0
    assert result.stdout == (
        "import os\nfrom sub.mylm import MyLM\n\nlm = MyLM(\n"
        '    model="Qwen/Qwen3-8B",\n'
        '    api_key=os.environ.get("SILICONFLOW_CN_API_KEY", "unset"),\n'
        "    api_base=os.environ.get(\n"
        '        "SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1"\n'
        '    ).rstrip("/")\n    + "/",\n    model_type="chat",\n)\n'
    )
    assert "note" not in result.stderr
    # from another directory its module is not found: the input as it was, and why
    (tmp_path / "other").mkdir()
    monkeypatch.chdir(tmp_path / "other")
    result = CliRunner().invoke(app, ["apply", "-", "-p", "siliconflow"], input=LEAK)
    assert (result.exit_code, result.stdout) == (0, LEAK)
    assert result.stderr == (
        "<stdin>: note: MyLM comes from sub.mylm, which is not found from the current "
        "directory, so apply cannot tell what it derives from (a subclass of dspy.OpenAI is "
        "migrated where it is built): run apply on the project's directory, or pipe the file "
        "from there\n"
    )


MYLM = "import dspy\n\n\nclass MyLM(dspy.OpenAI):\n    pass\n"
