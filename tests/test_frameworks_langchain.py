"""LangChain's OpenAI classes (ML601, ML602): exact before/after text with every rule running,
import paths and aliases, look-alikes untouched, idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.frameworks import langchain as lc
from migrate_llm.rules.base import RuleContext

from .framework_rewrites import assert_rewrites, migrate

KEY = 'api_key=os.environ.get("ACME_API_KEY", "unset")'
URL = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
OLD_KEY = 'openai_api_key=os.environ.get("ACME_API_KEY", "unset")'
OLD_URL = 'openai_api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'


def rules_of(change) -> list[str]:
    return [f.rule for f in change.findings]


CASES = [
    pytest.param(
        'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o-mini")\n',
        "import os\n\nfrom langchain_openai import ChatOpenAI\nllm = ChatOpenAI(\n"
        f'    {KEY},\n    {URL},\n    tiktoken_model_name="gpt-4o-mini",\n    model="acme-small",\n)\n',
        id="chat-current-path",
    ),
    pytest.param(
        "from langchain_openai import ChatOpenAI\n\n\ndef make():\n"
        '    return ChatOpenAI(model_name="gpt-4", temperature=0)\n',
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\ndef make():\n"
        "    return ChatOpenAI(\n"
        '        api_key=os.environ["ACME_API_KEY"],\n'
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '        tiktoken_model_name="gpt-4",\n'
        '        model_name="acme-large",\n'
        "        temperature=0,\n    )\n",
        id="model-name-in-function-reads-key-strictly",
    ),
    pytest.param(
        "from langchain_openai import ChatOpenAI as Chat\nllm = Chat()\n",
        "import os\n\nfrom langchain_openai import ChatOpenAI as Chat\nllm = Chat(\n"
        f'    {KEY},\n    {URL},\n    model="acme-small",\n    tiktoken_model_name="gpt-3.5-turbo",\n)\n',
        id="alias-and-default-model-added",
    ),
    pytest.param(
        'import langchain_openai as lo\nllm = lo.OpenAI(model="gpt-3.5-turbo-instruct")\n',
        "import os\n\nimport langchain_openai as lo\nllm = lo.OpenAI(\n"
        f'    {KEY},\n    {URL},\n    model="acme-small",\n)\n',
        id="module-alias-llm",
    ),
    pytest.param(
        "import os\nfrom langchain_openai import OpenAIEmbeddings\n"
        'emb = OpenAIEmbeddings(model="text-embedding-3-small", '
        'openai_api_key=os.environ["OPENAI_API_KEY"], organization="org-1")\n',
        "import os\nfrom langchain_openai import OpenAIEmbeddings\nemb = OpenAIEmbeddings(\n"
        f"    {URL},\n    check_embedding_ctx_length=False,\n    chunk_size=16,\n"
        '    model="acme-embed",\n'
        '    openai_api_key=os.environ.get("ACME_API_KEY", "unset"),\n)\n',
        id="embeddings-keep-keyword-drop-organization-add-ctx-length",
    ),
    pytest.param(
        "from langchain_openai import AzureOpenAIEmbeddings\n"
        'emb = AzureOpenAIEmbeddings(azure_deployment="emb", model="text-embedding-ada-002", '
        'api_version="2024-02-01")\n',
        "import os\n\nfrom langchain_openai import OpenAIEmbeddings\nemb = OpenAIEmbeddings(\n"
        f"    {KEY},\n    {URL},\n    check_embedding_ctx_length=False,\n    chunk_size=16,\n"
        '    model="acme-embed",\n)\n',
        id="azure-embeddings-become-plain",
    ),
    pytest.param(  # a chunk size written over the provider's batch limit is lowered to it
        "from langchain_openai import OpenAIEmbeddings\nemb = OpenAIEmbeddings(chunk_size=200)\n",
        "import os\n\nfrom langchain_openai import OpenAIEmbeddings\nemb = OpenAIEmbeddings(\n"
        f'    {KEY},\n    {URL},\n    model="acme-embed",\n'
        "    check_embedding_ctx_length=False,\n    chunk_size=16,\n)\n",
        id="embeddings-written-chunk-size-capped",
    ),
    pytest.param(
        "from langchain.chat_models import ChatOpenAI\n"
        'llm = ChatOpenAI(model="gpt-4o", openai_api_base="https://api.openai.com/v1")\n',
        "import os\n\nfrom langchain.chat_models import ChatOpenAI\nllm = ChatOpenAI(\n"
        f'    {OLD_KEY},\n    tiktoken_model_name="gpt-4o",\n    model="acme-large",\n    {OLD_URL},\n)\n',
        id="legacy-langchain-path-uses-field-names",
    ),
    pytest.param(
        "from langchain_community.llms import OpenAI\nllm = OpenAI(temperature=0.5)\n",
        "import os\n\nfrom langchain_community.llms import OpenAI\nllm = OpenAI(\n"
        f'    {OLD_KEY},\n    {OLD_URL},\n    model="acme-small",\n    temperature=0.5,\n)\n',
        id="community-llm",
    ),
    pytest.param(
        "import langchain_openai\nclient = langchain_openai.ChatOpenAI(model='gpt-4o')\n",
        "import os\n\nimport langchain_openai\nclient = langchain_openai.ChatOpenAI(\n"
        f'    {KEY},\n    {URL},\n    tiktoken_model_name="gpt-4o",\n'
        "    model='acme-large',\n)\n",
        id="quote-style-kept",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_rewrite(registry, before, after):
    assert_rewrites(registry, before, after)


UNTOUCHED = [
    pytest.param(
        "class ChatOpenAI:\n    def __init__(self, model=None):\n        pass\n\n\n"
        'llm = ChatOpenAI(model="gpt-4o")\n',
        id="own-class",
    ),
    pytest.param(
        "from myapp.llms import ChatOpenAI\nllm = ChatOpenAI()\n", id="own-module-same-name"
    ),
    pytest.param(
        "from langchain_openai import ChatOpenAI\n"
        'llm = ChatOpenAI(base_url="http://localhost:8000/v1", model="llama3")\n',
        id="local-server",
    ),
    pytest.param(
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
        'llm = ChatOpenAI(base_url="https://api.acme.example/v1", model="acme-large", '
        'api_key=os.environ["ACME_API_KEY"])\n',
        id="already-on-the-provider",
    ),
]


@pytest.mark.parametrize("before", UNTOUCHED)
def test_look_alikes_untouched(registry, before):
    change = migrate(registry, before)
    assert change.after == before
    assert [r for r in rules_of(change) if r in ("ML601", "ML602")] in ([], ["ML601"])


def test_other_provider_endpoint_is_a_note(registry):
    before = (
        "from langchain_openai import ChatOpenAI\n"
        'llm = ChatOpenAI(base_url="https://open.bigmodel.cn/api/paas/v4", model="glm-4-flash")\n'
    )
    change = migrate(registry, before)
    assert change.after == before
    [finding] = [f for f in change.findings if f.rule == "ML601"]
    assert finding.message == (
        "ChatOpenAI() (LangChain) points at Zhipu AI (GLM), not Acme Cloud; left as it is"
    )
    assert finding.fix.value == "none"


def test_dynamic_base_url_is_manual(registry):
    before = "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(base_url=settings.url)\n"
    change = migrate(registry, before)
    assert change.after == before
    [finding] = [f for f in change.findings if f.rule == "ML601"]
    assert finding.message == (
        "ChatOpenAI() (LangChain) takes its base URL from a value computed at run time and its "
        "key from OPENAI_API_KEY; make sure they are Acme Cloud's (https://api.acme.example/v1, "
        "the key from ACME_API_KEY)"
    )
    assert finding.fix.value == "manual"


def test_finding_data_and_no_duplicate_model_finding(registry):
    change = migrate(
        registry, 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o")\n'
    )
    assert rules_of(change) == ["ML601"]  # ML206 leaves the model to ML601
    [finding] = change.findings
    assert finding.fix.value == "review"
    assert finding.data == {
        "framework": "langchain",
        "class": "ChatOpenAI",
        "api_key_env": "ACME_API_KEY",
        "base_url_env": "ACME_BASE_URL",
        "model_from": "gpt-4o",
        "model_to": "acme-large",
    }


def test_provider_integration_named_in_data(registry):
    change = migrate(
        registry,
        'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o")\n',
        provider="qwen",
    )
    [finding] = [f for f in change.findings if f.rule == "ML601"]
    assert finding.data["langchain_integration"] == "langchain_community.chat_models.ChatTongyi"
    assert finding.data["model_to"] == "qwen4-max"
    assert finding.message.endswith(
        "(Alibaba Qwen (DashScope / Model Studio) also has its own LangChain class, "
        "langchain_community.chat_models.ChatTongyi)"
    )


def test_embeddings_on_the_provider_over_its_batch_limit_are_left_to_a_person(registry):
    text = (
        "import os\n\nfrom langchain_openai import OpenAIEmbeddings\n\n"
        'emb = OpenAIEmbeddings(base_url="https://api.acme.example/v1", model="acme-embed", '
        'api_key=os.environ["ACME_API_KEY"])\n'
    )
    [finding] = migrate(registry, text).findings
    assert (finding.rule, finding.fix.value, finding.message) == (
        "ML601",
        "manual",
        "OpenAIEmbeddings() (LangChain) already points at Acme Cloud; it sends up to 1000 "
        "inputs a request (by default), and Acme Cloud takes at most 16: pass chunk_size=16",
    )
    within = text.replace(")\n", ", chunk_size=16)\n")
    assert [f.severity.value for f in migrate(registry, within).findings] == ["note"]


def test_legacy_embeddings_get_a_manual_finding(registry):
    before = "from langchain.embeddings.openai import OpenAIEmbeddings\nemb = OpenAIEmbeddings()\n"
    change = migrate(registry, before)
    assert rules_of(change) == ["ML114", "ML601", "ML602"]  # ML114: vectors of another model
    assert "check_embedding_ctx_length" not in change.after  # the old class rejects it
    assert change.findings[2].fix.value == "manual"


def test_constant_model_is_mapped_where_written(registry):
    before = (
        "from langchain_openai import ChatOpenAI\n"
        'MODEL = "gpt-4o"\n\n\ndef make():\n    return ChatOpenAI(model=MODEL)\n'
    )
    change = migrate(registry, before)
    assert change.after == (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n"
        'MODEL = "acme-large"\n\n\ndef make():\n    return ChatOpenAI(\n'
        '        api_key=os.environ["ACME_API_KEY"],\n'
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '        tiktoken_model_name="gpt-4o",\n'
        "        model=MODEL,\n    )\n"
    )


def test_env_default_written_in_the_call_is_mapped_as_a_bound_one_is(registry):
    inline = (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
        'chat = ChatOpenAI(model=os.environ.get("OPENAI_MODEL", "gpt-4o"))\n'
    )
    bound = (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
        'name = os.environ.get("OPENAI_MODEL", "gpt-4o")\nchat = ChatOpenAI(model=name)\n'
    )
    change = migrate(registry, inline)
    assert change.after == (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\nchat = ChatOpenAI(\n"
        f"    {KEY},\n    {URL},\n"
        '    tiktoken_model_name="gpt-4o",\n'
        '    model=os.environ.get("OPENAI_MODEL", "acme-large"),\n)\n'
    )
    # ML601 maps the default it says it maps (no ML206 left on it); ML401 says the same of
    # OPENAI_MODEL in both forms
    [model] = [f for f in change.findings if f.rule == "ML601"]
    assert model.message.endswith("; model 'gpt-4o' (env default) -> 'acme-large'")
    assert (model.fix.value, model.data["model_to"]) == ("review", "acme-large")
    other = migrate(registry, bound)
    assert 'name = os.environ.get("OPENAI_MODEL", "acme-large")' in other.after
    left = [(f.rule, f.fix.value, f.message) for f in change.findings if f.fix.value == "manual"]
    assert left == [
        (f.rule, f.fix.value, f.message) for f in other.findings if f.fix.value == "manual"
    ]
    assert [rule for rule, _, _ in left] == ["ML401"]
    again = migrate(registry, change.after)
    assert again.after == change.after
    assert [f for f in again.findings if f.edit is not None] == []


def test_scan_without_provider_reports_manual(registry):
    ctx = RuleContext(registry, None)
    change = FileScanner(ctx, Path(".")).migrate_text(
        "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI()\n", "python", "a.py", "a.py"
    )
    assert [(f.rule, f.fix.value) for f in change.findings] == [("ML601", "manual")]


def test_every_table_class_is_found(registry):
    for qualname in lc.CLASSES:
        module, name = qualname.rsplit(".", 1)
        text = f"from {module} import {name}\nx = {name}()\n"
        change = migrate(registry, text)
        assert "ML601" in rules_of(change), qualname


def test_subclass_is_reported_for_a_person(registry):
    before = "from langchain_openai import ChatOpenAI\n\n\nclass MyChat(ChatOpenAI):\n    pass\n"
    change = migrate(registry, before)
    assert change.after == before
    assert [(f.rule, f.line, f.fix.value, f.message) for f in change.findings] == [
        (
            "ML601",
            4,
            "manual",
            "MyChat derives from ChatOpenAI (LangChain); its constructions are not rewritten: "
            "pass the key, base URL and model for Acme Cloud where it is built (or in its "
            "__init__)",
        )
    ]


def test_mapping_that_may_set_the_base_url_is_left_to_a_person(registry):
    before = (
        "from langchain_openai import ChatOpenAI\n\n\ndef make(info):\n"
        "    params = dict(temperature=0)\n"
        '    params.update(openai_api_base=info["url"])\n'
        "    return ChatOpenAI(**params)\n"
    )
    change = migrate(registry, before)
    assert change.after == before
    [finding] = [f for f in change.findings if f.rule == "ML601"]
    assert finding.message == (
        "ChatOpenAI() (LangChain) takes its base URL from `**params` at run time and its key "
        "from `**params` or OPENAI_API_KEY; make sure they are Acme Cloud's "
        "(https://api.acme.example/v1, the key from ACME_API_KEY): "
        + FILLS.replace("kwargs", "params")
        .replace('"base_url"', '"<base>"')
        .replace('"openai_api_base"', '"base_url"')
        .replace('"<base>"', '"openai_api_base"')
        .replace('"api_key"', '"<key>"')
        .replace('"openai_api_key"', '"api_key"')
        .replace('"<key>"', '"openai_api_key"')
    )


def test_text_completions_class_is_flagged_where_the_provider_lacks_the_endpoint(registry):
    text = "from langchain_openai import OpenAI\nllm = OpenAI()\n"
    [acme] = [f for f in migrate(registry, text).findings if f.rule == "ML601"]
    assert acme.message.endswith(
        "; OpenAI() calls the text completions endpoint, which Acme Cloud does not list: use "
        "ChatOpenAI, whose invoke() returns a message, not a string: take its .content where "
        "the code used the text"
    )
    assert acme.data["completions"] == "unknown"
    # qwen.toml: completions = "partial" (Beijing region, Qwen Coder models only)
    [qwen] = [f for f in migrate(registry, text, "qwen").findings if f.rule == "ML601"]
    assert qwen.message.endswith(
        "; OpenAI() calls the text completions endpoint, which Alibaba Qwen (DashScope / Model "
        "Studio) offers for some models only: use ChatOpenAI, whose invoke() returns a "
        "message, not a string: take its .content where the code used the text"
    )
    assert qwen.data["completions"] == "partial"


def test_local_names_are_the_class_names_and_their_import_aliases(registry):
    import libcst as cst

    from migrate_llm.rules.framework_classes import local_names
    from migrate_llm.rules.python_context import PythonContext

    def names(text: str) -> frozenset[str]:
        ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
        found = local_names(ctx, lc.CLASSES)
        assert local_names(ctx, lc.CLASSES) is found  # once per module and table
        return found

    own = frozenset(q.rsplit(".", 1)[1] for q in lc.CLASSES)
    assert "ChatOpenAI" in own
    assert names("import os\n") == own
    assert names("from langchain_openai import ChatOpenAI as Chat, OpenAI\n") == own | {"Chat"}
    assert names("from x import ChatOpenAIX as Other\n") == own
    assert names("from langchain_openai import (\n    ChatOpenAI\n    as\tLLM,\n)\n") == own | {
        "LLM"
    }


COMPLETION_PAGES = """from langchain.llms import OpenAI


def answer(q):
    return OpenAI(model_name="gpt-3.5-turbo-instruct")(q)


def outline(topic):
    return OpenAI(model_name="text-davinci-003")(topic)
"""


def test_what_apply_cannot_change_is_said_again_once_on_the_provider(registry):
    # streamlit/llm-examples: pointed at Zhipu, the completions class and an OpenAI-only model
    # were a note ("already points at"), and check passed on requests that fail there
    after = migrate(registry, COMPLETION_PAGES, "zhipu").after
    again = [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in migrate(registry, after, "zhipu").findings
        if f.rule == "ML601"
    ]
    completions = (
        "OpenAI() calls the text completions endpoint, which Zhipu AI (GLM) does not list: "
        "use ChatOpenAI, whose invoke() returns a message, not a string: take its .content "
        "where the code used the text"
    )
    head = "OpenAI() (LangChain) already points at Zhipu AI (GLM); "
    assert [row[:3] for row in again] == [(7, "warning", "manual"), (15, "warning", "manual")]
    assert again[0][3] == head + completions
    assert again[1][3] == (
        head + completions + "; its model 'text-davinci-003' is OpenAI's: pass a Zhipu AI "
        "(GLM) model"
    )


def test_a_key_a_person_types_stays_with_the_class(registry):
    # streamlit/llm-examples' LangChain pages: the sidebar's key was replaced by ZAI_API_KEY
    text = (
        "import streamlit as st\nfrom langchain_openai import ChatOpenAI\n\n"
        'key = st.text_input("OpenAI API Key", type="password")\n'
        'llm = ChatOpenAI(model="gpt-4o", api_key=key)\n'
    )
    change = migrate(registry, text, "acme")
    prompt, finding = [f for f in change.findings if f.rule == "ML601"]
    assert (prompt.line, prompt.severity.value, prompt.fix.value, prompt.message) == (
        4,
        "warning",
        "review",
        "the prompt 'OpenAI API Key' asks for an OpenAI key, and the key typed there goes to "
        'Acme Cloud; apply writes "Acme Cloud API Key"',
    )
    assert finding.fix.value == "review"
    assert (
        "for Acme Cloud the base URL comes from ACME_BASE_URL (default "
        "https://api.acme.example/v1) and the key typed at run time (line 4) goes there: the "
        "prompt must ask for an Acme Cloud key" in finding.message
    )
    assert change.after == "import os\n\n" + text.replace(
        '"OpenAI API Key"', '"Acme Cloud API Key"'
    ).replace(
        'llm = ChatOpenAI(model="gpt-4o", api_key=key)\n',
        "llm = ChatOpenAI(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    tiktoken_model_name="gpt-4o",\n    model="acme-large",\n    api_key=key,\n)\n',
    )


def test_a_prompt_written_in_the_classs_key_is_reworded_with_the_class(registry):
    """The prompt lies in the rewrite of the construction, which writes it reworded; its own
    finding says so, and a second run has nothing left."""
    text = (
        "import getpass\n\nfrom langchain_community.chat_models import ChatOpenAI\n\n"
        'llm = ChatOpenAI(openai_api_key=getpass.getpass("Your OPENAI_API_KEY: "), '
        'model_name="gpt-4o")\n'
    )
    change = migrate(registry, text, "acme")
    assert [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in change.findings
        if f.message.startswith("the prompt")
    ] == [
        (
            5,
            "warning",
            "review",
            "the prompt 'Your OPENAI_API_KEY:' asks for an OpenAI key, and the key typed there "
            'goes to Acme Cloud; apply writes "Your ACME_API_KEY: "',
        )
    ]
    assert change.after == (
        "import getpass\nimport os\n\nfrom langchain_community.chat_models import ChatOpenAI\n\n"
        "llm = ChatOpenAI(\n"
        '    openai_api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    tiktoken_model_name="gpt-4o",\n'
        '    openai_api_key=getpass.getpass("Your ACME_API_KEY: "),\n'
        '    model_name="acme-large",\n)\n'
    )
    again = migrate(registry, change.after, "acme")
    assert [f.rule for f in again.findings if f.fix.value != "none"] == []


def test_a_prompt_naming_openai_otherwise_stays_reported_once_the_class_is_on_the_provider(
    registry,
):
    """Left to a person, also after apply (so `check` fails), once for two classes."""
    text = (
        "import os\n\nfrom langchain_openai import ChatOpenAI, OpenAIEmbeddings\n\n"
        'key = input("Key (from platform.openai.com): ")\n'
        "llm = ChatOpenAI(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    api_key=key,\n    model="acme-large",\n)\n'
        "emb = OpenAIEmbeddings(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    api_key=key,\n    model="acme-embed",\n    check_embedding_ctx_length=False,\n'
        "    chunk_size=16,\n)\n"
    )
    change = migrate(registry, text, "acme")
    assert change.after == text
    assert [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in change.findings
        if f.fix.value != "none"
    ] == [
        (
            5,
            "ML601",
            "warning",
            "manual",
            "the prompt 'Key (from platform.openai.com):' asks for an OpenAI key, and the key "
            "typed there goes to Acme Cloud: make it ask for an Acme Cloud key, by hand",
        )
    ]


def test_a_key_the_program_hands_the_class_stays_before_the_providers(registry):
    # the LlamaIndex trial's starter pack: a key passed in as a parameter was replaced
    text = (
        "from langchain_openai import ChatOpenAI\n\n\n"
        "def make(api_key):\n"
        '    return ChatOpenAI(model="gpt-4o", api_key=api_key)\n'
    )
    change = migrate(registry, text, "acme")
    [finding] = [f for f in change.findings if f.rule == "ML601"]
    assert finding.fix.value == "review"
    assert (
        "keep the key your code passes (`api_key`), with ACME_API_KEY when it is empty"
        in finding.message
    )
    assert 'api_key=api_key or os.environ.get("ACME_API_KEY", "unset")' in change.after


@pytest.mark.parametrize(
    ("call", "after"),
    [
        (
            'ChatOpenAI(base_url="https://api.acme.example/v1", model="acme-large")',
            "ChatOpenAI(\n"
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        base_url="https://api.acme.example/v1",\n'
            '        model="acme-large",\n'
            "    )",
        ),
        (
            'OpenAIEmbeddings(openai_api_base="https://api.acme.example/v1", model="acme-embed")',
            "OpenAIEmbeddings(\n"
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        openai_api_base="https://api.acme.example/v1",\n'
            '        model="acme-embed",\n'
            "    )",
        ),
    ],
)
def test_a_class_on_the_provider_that_reads_the_openai_key_gets_the_providers(
    registry, call, after
):
    """Pointed at the provider by hand with no key: the class reads OPENAI_API_KEY, and the
    OpenAI key would go to the provider. `apply` passes the provider's key (safe)."""
    cls = call.split("(")[0]
    before = f"from langchain_openai import {cls}\n\n\ndef make():\n    return {call}\n"
    change = migrate(registry, before)
    [finding] = [f for f in change.findings if f.rule == "ML601" and f.edit is not None]
    assert (finding.severity.value, finding.fix.value, finding.message) == (
        "warning",
        "safe",
        f"{cls}() (LangChain) already points at Acme Cloud, but takes its key from "
        "OPENAI_API_KEY: the OpenAI key would go to Acme Cloud; apply passes api_key from "
        "ACME_API_KEY",
    )
    assert change.after == (
        f"import os\n\nfrom langchain_openai import {cls}\n\n\ndef make():\n    return {after}\n"
    )
    again = migrate(registry, change.after)
    assert again.after == change.after
    assert [f.message for f in again.findings if "OPENAI_API_KEY" in f.message] == []


DEEPSEEK_KEY = 'api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")'
DEEPSEEK_URL = 'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")'
THINKING_OFF = 'extra_body={"thinking": {"type": "disabled"}}'


def test_a_chat_model_mapped_to_one_that_thinks_gets_the_switch(registry):
    """gpt-4o answered at once; deepseek-v4-pro thinks unless told not to, and LangChain does
    not send the reasoning back with a tool-call turn (HTTP 400 on the next request)."""
    before = (
        'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o", temperature=0)\n'
    )
    change = migrate(registry, before, "deepseek")
    assert change.after == (
        "import os\n\nfrom langchain_openai import ChatOpenAI\nllm = ChatOpenAI(\n"
        f"    {DEEPSEEK_KEY},\n    {DEEPSEEK_URL},\n    {THINKING_OFF},\n"
        '    tiktoken_model_name="gpt-4o",\n    model="deepseek-v4-pro",\n    temperature=0,\n)\n'
    )
    (finding,) = change.findings
    assert finding.rule == "ML601" and finding.data["extra_body"] == {
        "thinking": {"type": "disabled"}
    }
    assert finding.message.endswith(
        "model 'gpt-4o' -> 'deepseek-v4-pro'; 'deepseek-v4-pro' thinks before it answers unless "
        'told not to, which \'gpt-4o\' did not: extra_body={"thinking": {"type": "disabled"}} '
        "turns that off (drop it where the program wants the reasoning)"
    )
    again = migrate(registry, change.after, "deepseek")
    assert again.after == change.after


@pytest.mark.parametrize(
    "call",
    [
        'ChatOpenAI(model="gpt-4o", reasoning_effort="low")',
        'ChatOpenAI(model="gpt-4o", **settings)',
        'ChatOpenAI(model="o3")',
    ],
)
def test_a_choice_the_call_makes_or_a_reasoning_model_gets_no_switch(registry, call):
    before = f"from langchain_openai import ChatOpenAI\nsettings = {{}}\nllm = {call}\n"
    change = migrate(registry, before, "deepseek")
    assert "thinking" not in change.after
    assert all("extra_body" not in f.data for f in change.findings)


def test_an_extra_body_written_in_the_call_gets_the_switch_and_another_is_left(registry):
    before = (
        "from langchain_openai import ChatOpenAI\n"
        'llm = ChatOpenAI(model="gpt-4o", extra_body={"seed": 1})\n'
        'other = ChatOpenAI(model="gpt-4o", extra_body=BODY)\n'
    )
    change = migrate(registry, before, "deepseek")
    assert 'extra_body={"thinking": {"type": "disabled"}, "seed": 1}' in change.after
    assert "extra_body=BODY" in change.after
    added, left = (f for f in change.findings if f.rule == "ML601")
    assert added.data["extra_body"] == {"thinking": {"type": "disabled"}}
    assert 'apply adds "thinking": {"type": "disabled"} to its extra_body' in added.message
    assert "extra_body" not in left.data
    assert left.message.endswith(
        "; 'deepseek-v4-pro' thinks before it answers unless told not to, which 'gpt-4o' did "
        'not: add "thinking": {"type": "disabled"} to it in extra_body=BODY, by hand (ML118)'
    )


def test_a_provider_without_the_switch_gets_none(registry):
    before = 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o")\n'
    assert "extra_body" not in migrate(registry, before, "qwen").after
    assert THINKING_OFF in migrate(registry, before, "moonshot").after


# the form `check` accepts, which the message of a mapping left to a person shows
FILLS = (
    '`if not kwargs.get("base_url"): kwargs["base_url"] = kwargs.pop("openai_api_base", None) '
    'or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")` and `if not '
    'kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (os.environ.get('
    '"ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/").lower(), '
    '"https://api.acme.example/v1"): kwargs["api_key"] = kwargs.pop("openai_api_key", None) '
    'or os.environ["ACME_API_KEY"]` before the call, where the caller gives none'
)
SPREAD_HEAD = (
    'import os\n\nfrom langchain_openai import ChatOpenAI\n\nURL = "https://api.acme.example/v1"\n'
)


@pytest.mark.parametrize(
    "body",
    [
        '    kwargs["base_url"] = URL\n    kwargs["api_key"] = os.environ["ACME_API_KEY"]\n',
        '    kwargs["base_url"] = URL\n    if "api_key" not in kwargs and "openai_api_key" not in kwargs:\n'
        '        kwargs["api_key"] = os.environ["ACME_API_KEY"]\n'
        '    print(kwargs.get("model"), kwargs["base_url"])\n',
    ],
    ids=["subscript", "reads-and-a-branch-on-another-key"],
)
def test_a_base_url_written_on_the_spread_before_the_call_is_its_keyword(registry, body):
    """t45e: `kwargs["base_url"] = URL` before `ChatOpenAI(**kwargs)` in straight-line code
    points the class there as `ChatOpenAI(base_url=URL, **kwargs)` does: not chosen at run
    time, so a hand fix onto the provider passes `check`."""
    before = f"{SPREAD_HEAD}\n\ndef make(**kwargs):\n{body}    return ChatOpenAI(**kwargs)\n"
    change = migrate(registry, before)
    assert change.after == before
    assert [(f.rule, f.severity.value, f.fix.value, f.message) for f in change.findings] == [
        ("ML601", "note", "none", "ChatOpenAI() (LangChain) already points at Acme Cloud")
    ]


GUARD = (
    'if not kwargs.get("{0}") and str(kwargs["{2}"]).rstrip("/").lower() in ({3}, '
    '"https://api.acme.example/v1"): '
    'kwargs["{0}"] = kwargs.pop("{1}", None) or os.environ["ACME_API_KEY"]'
)
# as apply writes it, on its lines: the key tied to the base URL the function writes (a
# caller's own base URL gets none of the provider's key)
GUARD_LINES = {
    compared: (
        '    if not kwargs.get("{0}") and str(kwargs["{2}"]).rstrip("/").lower() in (\n'
        f"        {read},\n"
        '        "https://api.acme.example/v1",\n'
        "    ):\n"
    )
    for compared, read in (
        ("URL", 'URL.rstrip("/").lower()'),
        (
            "env",
            'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/").lower()',
        ),
    )
}
ENV_READ = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/").lower()'
KEY_LINE = '        kwargs["{0}"] = kwargs.pop("{1}", None) or os.environ["ACME_API_KEY"]\n'


@pytest.mark.parametrize(
    ("body", "key", "base", "compared"),
    [
        (
            '    kwargs["openai_api_base"] = os.environ.get("ACME_BASE_URL", URL)\n',
            "openai_api_key",
            "openai_api_base",
            "env",
        ),
        (
            '    kwargs.setdefault("openai_api_base", URL)\n',
            "openai_api_key",
            "openai_api_base",
            "URL",
        ),
        ("    kwargs.update(base_url=URL, temperature=0)\n", "api_key", "base_url", "URL"),
        (
            '    kwargs["base_url"] = URL\n    kwargs.setdefault("base_url", "http://localhost:8000/v1")\n',
            "api_key",
            "base_url",
            "URL",
        ),
    ],
    ids=["alias-env-default", "setdefault", "update", "setdefault-after-a-write"],
)
def test_a_base_url_written_on_the_spread_gets_the_key_beside_it(
    registry, body, key, base, compared
):
    """t50 (L2): with the base URL alone on the caller's `**kwargs`, the class read
    OPENAI_API_KEY where the caller passed no key and sent the OpenAI key to the provider,
    `check` green. apply writes the key entry, under the name going with the base URL's."""
    before = f"{SPREAD_HEAD}\n\ndef make(**kwargs):\n{body}    return ChatOpenAI(**kwargs)\n"
    change = migrate(registry, before)
    other = "api_key" if key == "openai_api_key" else "openai_api_key"
    line = GUARD.format(
        key, other, base, ENV_READ if compared == "env" else 'URL.rstrip("/").lower()'
    )
    written = GUARD_LINES[compared].format(key, other, base) + KEY_LINE.format(key, other)
    assert change.after == before.replace("    return", written + "    return")
    assert [(f.rule, f.severity.value, f.fix.value, f.message) for f in change.findings] == [
        (
            "ML601",
            "warning",
            "review",
            "ChatOpenAI() (LangChain) already points at Acme Cloud, but takes its key from "
            "`**kwargs` or OPENAI_API_KEY: where `kwargs` holds none (or None), the OpenAI key would go "
            f"to Acme Cloud; apply sets Acme Cloud's right before the call: {line}",
        )
    ]


@pytest.mark.parametrize(
    "body",
    [
        '    return ChatOpenAI(**{**kwargs, "base_url": URL, "api_key": os.environ["ACME_API_KEY"]})\n',
    ],
    ids=["in-the-call"],
)
def test_a_base_url_a_dict_display_sets_after_its_spreads_is_its_keyword(registry, body):
    before = f"{SPREAD_HEAD}\n\ndef make(**kwargs):\n{body}"
    change = migrate(registry, before)
    assert change.after == before
    assert [(f.rule, f.message) for f in change.findings] == [
        ("ML601", "ChatOpenAI() (LangChain) already points at Acme Cloud")
    ]


@pytest.mark.parametrize(
    "function",
    [
        'def make(fast, **kwargs):\n    if fast:\n        kwargs["base_url"] = URL\n'
        "    return ChatOpenAI(**kwargs)\n",
        'def make(**kwargs):\n    kwargs["base_url"] = URL\n    kwargs.pop("base_url")\n'
        "    return ChatOpenAI(**kwargs)\n",
        'def make(extra, **kwargs):\n    kwargs["base_url"] = URL\n    kwargs.update(extra)\n'
        "    return ChatOpenAI(**kwargs)\n",
        'def make(other, **kwargs):\n    kwargs["base_url"] = URL\n    if other:\n'
        '        kwargs["base_url"] = other\n    return ChatOpenAI(**kwargs)\n',
        'def make(**kwargs):\n    kwargs["base_url"] = URL\n    tweak(kwargs)\n'
        "    return ChatOpenAI(**kwargs)\n",
        'def make(**kwargs):\n    def setup():\n        kwargs["base_url"] = URL\n\n'
        "    setup()\n    return ChatOpenAI(**kwargs)\n",
        'def make(urls, **kwargs):\n    kwargs["base_url"] = URL\n    for url in urls:\n'
        '        yield ChatOpenAI(**kwargs)\n        kwargs["base_url"] = url\n',
        'def make(fast, **kwargs):\n    if fast:\n        kwargs["base_url"] = "https://api.openai.com/v1"\n'
        '    kwargs.setdefault("base_url", URL)\n    return ChatOpenAI(**kwargs)\n',
    ],
    ids=[
        "in-a-branch",
        "popped",
        "updated-from-elsewhere",
        "overwritten-in-a-branch",
        "handed-to-a-function",
        "in-a-nested-function",
        "overwritten-when-a-loop-comes-back",
        "setdefault-after-a-write-in-a-branch",
    ],
)
def test_a_base_url_the_spread_may_not_hold_at_the_call_stays_chosen_at_run_time(
    registry, function
):
    before = f"{SPREAD_HEAD}\n\n{function}"
    change = migrate(registry, before)
    assert change.after == before
    [finding] = [f for f in change.findings if f.rule == "ML601"]
    assert (finding.severity.value, finding.fix.value, finding.message) == (
        "error",
        "manual",
        "ChatOpenAI() (LangChain) takes its base URL from `**kwargs` at run time and its key "
        "from `**kwargs` or OPENAI_API_KEY; make sure they are Acme Cloud's "
        "(https://api.acme.example/v1, the key from ACME_API_KEY): " + FILLS,
    )


def test_openais_url_written_on_the_spread_before_the_call_is_migrated_as_a_keyword(registry):
    """As `ChatOpenAI(base_url="https://api.openai.com/v1", **kwargs)` is: the URL written
    is switched (ML402) and the provider's settings merged over the mapping (ML601)."""
    before = (
        "from langchain_openai import ChatOpenAI\n\n\ndef make(**kwargs):\n"
        '    kwargs["base_url"] = "https://api.openai.com/v1"\n'
        "    return ChatOpenAI(**kwargs)\n"
    )
    change = migrate(registry, before)
    assert [(f.line, f.rule, f.fix.value) for f in change.findings] == [
        (5, "ML402", "safe"),
        (6, "ML601", "review"),
    ]
    assert change.after == (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\ndef make(**kwargs):\n"
        '    kwargs["base_url"] = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        "    return ChatOpenAI(\n"
        "        **{\n"
        "            **kwargs,\n"
        '            "api_key": os.environ["ACME_API_KEY"],\n'
        '            "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '            "model": kwargs.get("model") or kwargs.get("model_name") or "acme-small",\n'
        '            "tiktoken_model_name": kwargs.get("tiktoken_model_name") or "gpt-3.5-turbo",\n'
        "        }\n"
        "    )\n"
    )
    again = migrate(registry, change.after)
    assert again.after == change.after
    assert [(f.rule, f.message) for f in again.findings if f.rule == "ML601"] == [
        ("ML601", "ChatOpenAI() (LangChain) already points at Acme Cloud")
    ]


def test_check_passes_a_hand_fix_written_on_the_spread(tmp_path):
    """The trial's hand fix (t45e repro/kw3): `check` was red on a class pointed at qwen."""
    (tmp_path / "lit.py").write_text(
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\ndef make(**kwargs):\n"
        '    kwargs["base_url"] = "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        '    kwargs["api_key"] = os.environ["DASHSCOPE_API_KEY"]\n'
        "    return ChatOpenAI(**kwargs)\n"
    )
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--provider", "qwen", "--no-cache"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("chunk", "code"), [("10", 0), ("16", 1)])
def test_a_batch_size_written_on_the_spread_counts(tmp_path, chunk, code):
    """t45h N1: `kw["chunk_size"] = 10`, as ML601 asks for qwen's 10 inputs a request, was
    still read as the class's default of 1000."""
    (tmp_path / "emb.py").write_text(
        "import os\n\nfrom langchain_openai import OpenAIEmbeddings\n\n\ndef make(model, **kw):\n"
        '    kw["base_url"] = "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        '    kw["api_key"] = os.environ["DASHSCOPE_API_KEY"]\n'
        '    kw["check_embedding_ctx_length"] = False\n'
        f'    kw["chunk_size"] = {chunk}\n'
        "    return OpenAIEmbeddings(model=model, **kw)\n"
    )
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--provider", "qwen", "--no-cache"])
    assert result.exit_code == code, result.output
    if code:
        assert "it sends up to 16 inputs a request (chunk_size=16)" in result.output
