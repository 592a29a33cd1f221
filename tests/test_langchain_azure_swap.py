"""LangChain's Azure classes moved to a provider (t58c D2): the plain class replaces them, the
deployment becomes the model where none is given, and one given the provider's base URL by
hand (which langchain-openai refuses, or sends Azure's paths and key to) stays an error with
that rewrite until it is the plain class. Exact text and fix classes, `check` before and
after `apply`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

DS_URL = 'os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")'
DS_KEY = 'os.environ["DEEPSEEK_API_KEY"]'
ON_TARGET = (
    "AzureChatOpenAI() (LangChain) is an Azure class given DeepSeek's base URL, which it does "
    "not work with (it is refused beside azure_endpoint, and otherwise sends Azure's deployment "
    "paths, with AZURE_OPENAI_API_KEY where given no key); apply replaces it with ChatOpenAI "
    "without its Azure settings ({settings}); for DeepSeek read the key from DEEPSEEK_API_KEY "
    "and the base URL from DEEPSEEK_BASE_URL (default https://api.deepseek.com){tail}"
)


def migrate(registry, text: str, provider: str = "deepseek"):
    ctx = RuleContext(registry, registry.get(provider))
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert change.error is None, change.error
    again = FileScanner(ctx, Path(".")).migrate_text(change.after, "python", "app.py", "app.py")
    assert again.after == change.after
    assert [f for f in again.findings if f.edit is not None] == []
    return change, again


def rows(findings, *rules: str):
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in findings
        if f.rule in rules
    ]


# t58c repro 1: gpt-engineer's branch after a person added the provider's base URL
REPRO1 = (
    "import os\n\nfrom langchain_openai import AzureChatOpenAI\n\n\n"
    "def make_llm(endpoint, deployment):\n"
    "    return AzureChatOpenAI(\n"
    f"        base_url={DS_URL},\n"
    "        azure_endpoint=endpoint,\n"
    '        openai_api_version="2024-05-01-preview",\n'
    "        deployment_name=deployment,\n"
    "        model=deployment,\n"
    "{key}"
    "    )\n"
)
REPRO1_AFTER = (
    "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\n"
    "def make_llm(endpoint, deployment):\n"
    "    return ChatOpenAI(\n"
    "{key}"
    f"        base_url={DS_URL},\n"
    "        model=deployment,\n"
    "{given}"
    "    )\n"
)


@pytest.mark.parametrize("given_key", [False, True])
def test_an_azure_class_given_the_provider_url_is_replaced_by_the_plain_class(registry, given_key):
    key = f"        api_key={DS_KEY},\n" if given_key else ""
    text = REPRO1.format(key=key)
    change, again = migrate(registry, text)
    # the provider's own key read is kept where it stands; else the provider's is added
    after = REPRO1_AFTER.format(key="" if given_key else f"        api_key={DS_KEY},\n", given=key)
    assert change.after == after
    message = ON_TARGET.format(
        settings="azure_endpoint, openai_api_version, deployment_name",
        tail="; model from `deployment` at run time: make sure it names a DeepSeek model",
    )
    assert rows(change.findings, "ML601") == [(7, "ML601", "error", "review", message)]
    assert rows(again.findings, "ML601") == [
        (7, "ML601", "note", "none", "ChatOpenAI() (LangChain) already points at DeepSeek")
    ]


# t58c repro 2: no azure_endpoint, LangChain's check turned off; the key from the environment
REPRO2 = (
    "import os\n\nfrom langchain_openai import AzureChatOpenAI\n\n"
    "llm = AzureChatOpenAI(\n"
    f"    base_url={DS_URL},\n"
    "    validate_base_url=False,\n"
    '    openai_api_version="2024-05-01-preview",\n'
    '    deployment_name="deepseek-flash",\n'
    '    model="deepseek-flash",\n'
    ")\n"
)


def test_check_fails_on_an_azure_class_at_the_provider_until_apply_swaps_it(
    registry, tmp_path, monkeypatch
):
    (tmp_path / "bot.py").write_text(REPRO2)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    before = runner.invoke(app, ["check", ".", "-p", "deepseek", "--format", "json"])
    assert before.exit_code == 1
    found = json.loads(before.stdout)["findings"]
    assert [(f["line"], f["rule"], f["severity"], f["fix"]) for f in found] == [
        (5, "ML601", "error", "review")
    ]
    assert found[0]["message"] == ON_TARGET.format(
        settings="validate_base_url, openai_api_version, deployment_name", tail=""
    )
    applied = runner.invoke(app, ["apply", ".", "-p", "deepseek", "--yes"])
    assert applied.exit_code == 0, applied.stderr
    assert (tmp_path / "bot.py").read_text() == (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
        "llm = ChatOpenAI(\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        f"    base_url={DS_URL},\n"
        '    model="deepseek-flash",\n'
        ")\n"
    )
    after = runner.invoke(app, ["check", ".", "-p", "deepseek"])
    assert after.exit_code == 0, after.stdout


QWEN_URL = (
    'os.environ.get("DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1")'
)


def test_an_azure_key_given_to_the_class_at_the_provider_is_replaced(registry):
    text = (
        "import os\n\nfrom langchain_openai import AzureOpenAIEmbeddings\n\n"
        "emb = AzureOpenAIEmbeddings(\n"
        '    api_key=os.environ["AZURE_OPENAI_API_KEY"],\n'
        f"    base_url={QWEN_URL},\n"
        '    azure_deployment="text-embedding-v4",\n'
        ")\n"
    )
    change, _ = migrate(registry, text, "qwen")
    assert change.after == (
        "import os\n\nfrom langchain_openai import OpenAIEmbeddings\n\n"
        "emb = OpenAIEmbeddings(\n"
        '    model="text-embedding-v4",\n'
        "    check_embedding_ctx_length=False,\n"
        "    chunk_size=10,\n"
        '    api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
        f"    base_url={QWEN_URL},\n"
        ")\n"
    )
    name = "Alibaba Qwen (DashScope / Model Studio)"
    message = (
        f"AzureOpenAIEmbeddings() (LangChain) is an Azure class given {name}'s base URL, which "
        "it does not work with (it is refused beside azure_endpoint, and otherwise sends "
        "Azure's deployment paths, with AZURE_OPENAI_API_KEY where given no key); apply "
        "replaces it with OpenAIEmbeddings without its Azure settings (azure_deployment= "
        f"becomes model=); for {name} read the key from DASHSCOPE_API_KEY and the base URL "
        "from DASHSCOPE_BASE_URL (default https://dashscope.aliyuncs.com/compatible-mode/v1)"
    )
    assert rows(change.findings, "ML601") == [(5, "ML601", "error", "review", message)]


@pytest.mark.parametrize(
    ("deployment", "after", "tail"),
    [
        (
            '"gpt-4o"',
            '    model="deepseek-v4-pro",\n    extra_body={"thinking": {"type": "disabled"}},\n'
            '    tiktoken_model_name="gpt-4o",\n',
            "; model 'gpt-4o' -> 'deepseek-v4-pro'; 'deepseek-v4-pro' thinks before it answers "
            'unless told not to, which \'gpt-4o\' did not: extra_body={"thinking": {"type": '
            '"disabled"}} turns that off (drop it where the program wants the reasoning)',
        ),
        ('"deepseek-flash"', '    model="deepseek-flash",\n', ""),
    ],
)
def test_a_deployment_literal_is_mapped_as_the_model(registry, deployment, after, tail):
    text = (
        "from langchain_openai import AzureChatOpenAI\n\n"
        f'llm = AzureChatOpenAI(azure_deployment={deployment}, api_version="2024-06-01")\n'
    )
    change, _ = migrate(registry, text)
    assert change.after == (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
        "llm = ChatOpenAI(\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        f"    base_url={DS_URL},\n"
        f"{after}"
        ")\n"
    )
    message = (
        "AzureChatOpenAI() (LangChain) talks to Azure OpenAI; apply replaces it with ChatOpenAI "
        "without its Azure settings (api_version, azure_deployment= becomes model=); for "
        "DeepSeek read the key from DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL "
        f"(default https://api.deepseek.com){tail}"
    )
    assert rows(change.findings, "ML601") == [(3, "ML601", "error", "review", message)]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        ('azure_deployment="prod-gpt4", ', "model 'prod-gpt4' names an Azure deployment"),
        ("", "it names no model (its deployment picks it)"),
    ],
)
def test_an_azure_class_without_a_model_apply_can_tell_is_left_with_the_swap_said(
    registry, arguments, said
):
    text = (
        "from langchain_openai import AzureChatOpenAI\n\n"
        f'llm = AzureChatOpenAI({arguments}api_version="2024-06-01")\n'
    )
    change, _ = migrate(registry, text)
    assert change.after == text
    message = (
        f"AzureChatOpenAI() (LangChain) talks to Azure OpenAI; {said}: pass model= a provider "
        "model, then run apply again, which replaces it with ChatOpenAI (an Azure class does "
        "not work at a provider's base URL)"
    )
    assert rows(change.findings, "ML601") == [(3, "ML601", "error", "manual", message)]


def test_an_azure_class_pointed_at_another_provider_is_left(registry):
    text = (
        "import os\n\nfrom langchain_openai import AzureChatOpenAI\n\n"
        "llm = AzureChatOpenAI(\n"
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        '    azure_deployment="gpt-4o",\n'
        ")\n"
    )
    # pointed at another provider than the target: said, not rewritten
    change, _ = migrate(registry, text, "qwen")
    assert change.after == text
    assert rows(change.findings, "ML601") == [
        (
            5,
            "ML601",
            "note",
            "none",
            "AzureChatOpenAI() (LangChain) points at DeepSeek, not Alibaba Qwen (DashScope / "
            "Model Studio); left as it is",
        )
    ]
