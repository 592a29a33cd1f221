"""Libraries that build their own OpenAI client from OpenAI's variables (ML670): spiceai, as
AbanteAI/mentat uses it. Each text runs the whole pipeline (prefilter, every Python rule)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

DEEPSEEK = (
    "(spiceai's default openai provider); for DeepSeek register a spice provider that reads "
    "DEEPSEEK_API_KEY and DEEPSEEK_BASE_URL, register DeepSeek's models with it and pass it as "
    "provider=, by hand"
)
HANDLER = (
    "from spice import Spice\n"
    "\n"
    "\n"
    "class Handler:\n"
    "    def __init__(self):\n"
    "        self.spice = Spice()\n"
    "\n"
    "    async def ask(self, messages, provider=None):\n"
    '        return await self.spice.get_response(messages=messages, model="gpt-4o",\n'
    "                                             provider=provider)\n"
)


def scanned(registry, text: str, provider: str | None = "deepseek"):
    """(line, column, rule, message) of every finding on `text` as app.py."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    return [(f.line, f.column, f.rule, f.message) for f in found]


def library_findings(registry, text: str, provider: str | None = "deepseek"):
    return [f for f in scanned(registry, text, provider) if f[2] == "ML670"]


def test_reported_once_at_the_first_construction(registry):
    text = HANDLER + "\n\nspare = Spice()\n"
    assert library_findings(registry, text) == [
        (
            6,
            22,
            "ML670",
            "Spice() sends its requests to OpenAI with OPENAI_API_KEY and OPENAI_API_BASE "
            + DEEPSEEK,
        )
    ]


def test_data_names_the_package_and_its_variables(registry):
    ctx = RuleContext(registry, registry.get("deepseek"))
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", HANDLER) or []
    assert [(f.rule, f.fix.value, dict(f.data)) for f in found if f.rule == "ML670"] == [
        (
            "ML670",
            "manual",
            {"library": "spiceai", "variables": ["OPENAI_API_KEY", "OPENAI_API_BASE"]},
        )
    ]


def test_model_strings_given_to_spice_stay_ml206_manual(registry):
    found = scanned(registry, HANDLER)
    assert [(line, rule) for line, _, rule, _ in found] == [(6, "ML670"), (9, "ML206")]
    assert found[1][3].startswith(
        "model='gpt-4o' goes to self.spice.get_response(), which is not an OpenAI SDK call, "
        "so apply leaves it"
    )


def test_reported_at_the_import_when_nothing_is_built(registry):
    text = "import spice.spice as sp\n\n\ndef client_class():\n    return sp.Spice\n"
    assert library_findings(registry, text) == [
        (
            1,
            1,
            "ML670",
            "spice sends its requests to OpenAI with OPENAI_API_KEY and OPENAI_API_BASE "
            + DEEPSEEK,
        )
    ]


def test_a_file_that_only_imports_spice_is_parsed(registry):
    assert library_findings(registry, "from spice import Spice\n") == [
        (
            1,
            1,
            "ML670",
            "spice sends its requests to OpenAI with OPENAI_API_KEY and OPENAI_API_BASE "
            + DEEPSEEK,
        )
    ]


def test_no_provider_gives_a_neutral_message(registry):
    assert library_findings(registry, "import spice\n\nclient = spice.Spice()\n", None) == [
        (
            3,
            10,
            "ML670",
            "Spice() sends its requests to OpenAI with OPENAI_API_KEY and OPENAI_API_BASE "
            "(spiceai's default openai provider); for another provider register a spice "
            "provider that reads its key and base URL variables, register its models with it "
            "and pass it as provider=, by hand (`migrate-llm scan --provider ID` names them)",
        )
    ]


def test_silent_when_modernising(registry):
    assert scanned(registry, "from spice import Spice\n\nclient = Spice()\n", "openai") == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("from spice.errors import APIError\n\nraise APIError()\n", id="errors-only"),
        pytest.param("from .spice import Spice\n\nclient = Spice()\n", id="relative-import"),
        pytest.param("import spicelib\n\nclient = spicelib.Spice()\n", id="other-module"),
        pytest.param(
            "class Spice:\n    pass\n\n\nspice = Spice()\nspice.get_response([])\n",
            id="own-class",
        ),
    ],
)
def test_silent_without_the_library_client(registry, text):
    assert library_findings(registry, text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "from spice import Spice\nfrom spice.providers import Provider\n\n"
            'DEEPSEEK = Provider("deepseek", make_client)\nclient = Spice()\n\n\n'
            "async def ask(messages, provider=None):\n"
            '    return await client.get_response(messages, "deepseek-chat", provider)\n',
            id="provider-registered",
        ),
        pytest.param(
            "from spice import Spice\n\nfrom .backends import DEEPSEEK\n\nclient = Spice()\n\n\n"
            "async def ask(messages):\n"
            '    await client.get_response(messages, "deepseek-chat", provider=DEEPSEEK)\n'
            '    return client.count_tokens("hi", "deepseek-chat", DEEPSEEK)\n',
            id="provider-passed-per-call",
        ),
        pytest.param(
            'from spice import Spice\n\nclient = Spice("claude-3-opus", provider="anthropic")\n',
            id="early-spice-provider",
        ),
    ],
)
def test_silent_with_a_provider_of_its_own(registry, text):
    assert library_findings(registry, text) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param(
            "from spice import Spice\nfrom spice.providers import OPEN_AI, Provider\n\n"
            'DEEPSEEK = Provider("deepseek", make_client)\nclient = Spice()\n'
            "client.load_provider(OPEN_AI)\n",
            5,
            id="openai-provider-loaded",
        ),
        pytest.param(
            "from spice import Spice\n\nclient = Spice()\n\n\n"
            "async def ask(messages, provider):\n"
            '    await client.get_response(messages, "deepseek-chat", provider="deepseek")\n'
            "    return await client.get_response(messages, provider=provider)\n",
            3,
            id="one-call-picks-at-run-time",
        ),
        pytest.param(
            "from spice import Spice\n\nclient = Spice()\n"
            'client.get_embeddings_sync(["x"], "text-embedding-3-small", "open_ai")\n',
            3,
            id="old-openai-name",
        ),
    ],
)
def test_reported_when_openai_may_still_be_picked(registry, text, line):
    assert [f[:3] for f in library_findings(registry, text)] == [(line, 10, "ML670")]


def test_check_fails_on_a_project_whose_only_openai_use_is_spice(tmp_path, monkeypatch):
    (tmp_path / "llm.py").write_text(
        "from spice import Spice\n\nclient = Spice()\n"
        'reply = client.get_response([], model="deepseek-flash", provider=None)\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "-p", "deepseek", "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=llm.py,line=3,col=10,endLine=3,endColumn=15,title=ML670::Spice() sends "
        "its requests to OpenAI with OPENAI_API_KEY and OPENAI_API_BASE " + DEEPSEEK
    )
    assert result.stdout.splitlines()[1:] == [
        "1 finding for deepseek in 1 of 1 file; 1 error, 0 warning, 0 note"
    ]


# trulens' OpenAI feedback provider (trulens_eval 0.x, trulens-providers-openai 2.x)
TRULENS_DEEPSEEK = (
    "; for DeepSeek pass it client=openai.OpenAI(base_url=..., api_key=...) reading "
    "DEEPSEEK_API_KEY and DEEPSEEK_BASE_URL and model_engine= one of DeepSeek's models, by hand"
)
TRULENS_EVAL_HEAD = (
    "sends its requests to OpenAI with OPENAI_API_KEY and OPENAI_BASE_URL (trulens_eval's "
    "OpenAI feedback provider, gpt-3.5-turbo unless given model_engine=)"
)


def test_trulens_provider_under_an_alias_is_reported_at_its_construction(registry):
    text = (
        "from trulens_eval import Feedback\nfrom trulens_eval import OpenAI as fOpenAI\n\n"
        "provider = fOpenAI()\nf = Feedback(provider.relevance)\n"
    )
    assert library_findings(registry, text) == [
        (4, 12, "ML670", "fOpenAI() " + TRULENS_EVAL_HEAD + TRULENS_DEEPSEEK)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "from trulens_eval.feedback.provider.openai import OpenAI\n",
        "from trulens_eval.feedback import OpenAI\n",
        "from trulens_eval.feedback.provider import OpenAI as Judge\n",
    ],
)
def test_trulens_provider_imported_alone_is_reported_at_the_import(registry, text):
    assert library_findings(registry, text) == [
        (1, 1, "ML670", "trulens_eval " + TRULENS_EVAL_HEAD + TRULENS_DEEPSEEK)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "import trulens_eval\n\ntru = trulens_eval.Tru()\n",
        "from trulens_eval import Feedback, Tru\n",
        "import openai\nfrom trulens_eval import OpenAI\n\n"
        "provider = OpenAI(client=openai.OpenAI(base_url=URL, api_key=KEY))\n",
        'from trulens_eval import OpenAI\n\nprovider = OpenAI(base_url=URL, model_engine="m")\n',
    ],
)
def test_trulens_without_its_openai_provider_or_pointed_elsewhere_is_left(registry, text):
    assert library_findings(registry, text) == []


def test_trulens_provider_built_once_without_a_client_is_reported(registry):
    text = (
        "from trulens_eval import OpenAI\n\nmine = OpenAI(client=CLIENT)\n"
        'judge = OpenAI(model_engine="gpt-4")\n'
    )
    found = scanned(registry, text)
    assert [f[:3] for f in found] == [(3, 8, "ML670"), (4, 29, "ML206")]


def test_trulens_azure_and_new_package_providers(registry):
    azure = (
        "from trulens_eval.feedback.provider.openai import AzureOpenAI\n\n"
        'judge = AzureOpenAI(deployment_name="gpt-35-turbo", client=CLIENT)\n'
    )
    assert library_findings(registry, azure) == [
        (
            3,
            9,
            "ML670",
            "AzureOpenAI() sends its requests to Azure OpenAI with AZURE_OPENAI_ENDPOINT, "
            "AZURE_OPENAI_API_KEY and OPENAI_API_VERSION (trulens_eval's AzureOpenAI feedback "
            "provider); for DeepSeek use its OpenAI provider instead and pass it "
            "client=openai.OpenAI(base_url=..., api_key=...) reading DEEPSEEK_API_KEY and "
            "DEEPSEEK_BASE_URL and model_engine= one of DeepSeek's models, by hand",
        )
    ]
    new = "from trulens.providers.openai import OpenAI\n\nprovider = OpenAI()\n"
    assert library_findings(registry, new) == [
        (
            3,
            12,
            "ML670",
            "OpenAI() sends its requests to OpenAI with OPENAI_API_KEY and OPENAI_BASE_URL "
            "(trulens' OpenAI feedback provider, gpt-4o-mini unless given model_engine=)"
            + TRULENS_DEEPSEEK,
        )
    ]


def test_trulens_data_names_the_package(registry):
    ctx = RuleContext(registry, registry.get("deepseek"))
    text = "from trulens.providers.openai import OpenAI\n\nprovider = OpenAI()\n"
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    assert [(f.rule, f.fix.value, dict(f.data)) for f in found] == [
        (
            "ML670",
            "manual",
            {
                "library": "trulens-providers-openai",
                "variables": ["OPENAI_API_KEY", "OPENAI_BASE_URL"],
            },
        )
    ]


def test_check_fails_on_a_trulens_feedback_provider(tmp_path, monkeypatch):
    (tmp_path / "evals.py").write_text(
        "from trulens_eval import OpenAI as fOpenAI, Feedback\n\n"
        "provider = fOpenAI()\nf = Feedback(provider.relevance)\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "-p", "deepseek", "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=evals.py,line=3,col=12,endLine=3,endColumn=19,title=ML670::fOpenAI() "
        + TRULENS_EVAL_HEAD
        + TRULENS_DEEPSEEK,
        "1 finding for deepseek in 1 of 1 file; 1 error, 0 warning, 0 note",
    ]
