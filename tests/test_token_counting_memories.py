"""ML208 on LangChain calls that count tokens with the model they are given
(`frameworks.tokenizers.MODEL_COUNTERS`): with one of LangChain's OpenAI classes, which count
with tiktoken whatever model or base URL they are given, each loads a tiktoken encoding that
tiktoken downloads from OpenAI's host. The migrated Memory notebook of llm-cookbook
(`ConversationTokenBufferMemory(llm=llm)`) stopped there under the guard while `check` was
green (t59b D1)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.prefilter import prefilters, worth_examining
from migrate_llm.registry import load_registry

from .conftest import ACME_DIR
from .test_tokenizer_downloads import DATA, NOTE

# a chat class as apply leaves it for acme (`tiktoken_model_name`: LangChain counts with it)
HEAD = (
    "import os\n\n"
    "from langchain.chains import ConversationalRetrievalChain, RetrievalQAWithSourcesChain\n"
    "from langchain.chat_models import ChatOpenAI\n"
    "from langchain.memory import ConversationSummaryBufferMemory, ConversationTokenBufferMemory\n"
    "from langchain_classic.memory import ConversationVectorStoreTokenBufferMemory\n\n"
    "llm = ChatOpenAI(\n"
    '    openai_api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
    '    openai_api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
    '    model="acme-small",\n'
    '    tiktoken_model_name="gpt-3.5-turbo",\n'
    ")\n"
)
LINE = HEAD.count("\n") + 1


def checked(tmp_path, monkeypatch, text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chat.py").write_text(text)
    args = ["check", ".", "--providers-dir", str(ACME_DIR), "-p", "acme", "--format", "json"]
    result = CliRunner().invoke(app, args)
    found = json.loads(result.stdout)["findings"]
    return result.exit_code, [
        (f["rule"], f["line"], f["column"], f["severity"], f["fix"], f["message"], f["data"])
        for f in found
    ]


@pytest.mark.parametrize(
    ("line", "column", "label"),
    [
        (
            "memory = ConversationTokenBufferMemory(llm=llm, max_token_limit=30)\n",
            10,
            "LangChain's ConversationTokenBufferMemory(), counting tokens with ChatOpenAI(),",
        ),
        (
            "memory = ConversationSummaryBufferMemory(llm=llm, max_token_limit=100)\n",
            10,
            "LangChain's ConversationSummaryBufferMemory(), counting tokens with ChatOpenAI(),",
        ),
        (
            "memory = ConversationVectorStoreTokenBufferMemory(llm=llm, retriever=r)\n",
            10,
            "LangChain's ConversationVectorStoreTokenBufferMemory(), counting tokens with "
            "ChatOpenAI(),",
        ),
        (
            "qa = ConversationalRetrievalChain.from_llm(llm, r, max_tokens_limit=3000)\n",
            6,
            "LangChain's ConversationalRetrievalChain.from_llm(), counting tokens with "
            "ChatOpenAI(),",
        ),
        (
            "qa = RetrievalQAWithSourcesChain.from_chain_type(\n"
            "    llm=llm, retriever=r, reduce_k_below_max_tokens=True\n)\n",
            6,
            "LangChain's RetrievalQAWithSourcesChain.from_chain_type(), counting tokens with "
            "ChatOpenAI(),",
        ),
        ('print(llm.get_num_tokens("hello"))\n', 7, "ChatOpenAI().get_num_tokens()"),
        (
            "n = llm.get_num_tokens_from_messages(m)\n",
            5,
            "ChatOpenAI().get_num_tokens_from_messages()",
        ),
    ],
)
def test_a_call_counting_with_an_openai_class_fails_check(
    tmp_path, monkeypatch, line, column, label
):
    assert checked(tmp_path, monkeypatch, HEAD + line) == (
        1,
        [("ML208", LINE, column, "warning", "manual", NOTE.format(label), DATA)],
    )


def test_the_model_built_in_place_or_in_another_cell_of_the_same_name(tmp_path, monkeypatch):
    # the notebook builds `llm` again in later cells; any construction reaching the call counts
    text = (
        "from langchain.memory import ConversationTokenBufferMemory\n"
        "from langchain_openai import ChatOpenAI, OpenAI\n\n"
        "if fast:\n    llm = OpenAI()\nelse:\n    llm = make_llm()\n"
        "memory = ConversationTokenBufferMemory(llm=llm)\n"
        "other = ConversationTokenBufferMemory(llm=ChatOpenAI())\n"
    )
    code, found = checked(tmp_path, monkeypatch, text)
    assert code == 1
    label = "LangChain's ConversationTokenBufferMemory(), counting tokens with OpenAI(),"
    assert [f for f in found if f[0] == "ML208"] == [
        ("ML208", 8, 10, "warning", "manual", NOTE.format(label), DATA)
    ]


@pytest.mark.parametrize(
    "line",
    [
        # told not to count, or not told to
        "qa = ConversationalRetrievalChain.from_llm(llm, r)\n",
        "qa = ConversationalRetrievalChain.from_llm(llm, r, max_tokens_limit=None)\n",
        "qa = RetrievalQAWithSourcesChain.from_chain_type(llm, reduce_k_below_max_tokens=False)\n",
        # a memory that counts nothing, and a model the module does not show
        "from langchain.memory import ConversationBufferMemory\n\n"
        "memory = ConversationBufferMemory(llm=llm)\n",
        "def remember(model):\n    return ConversationTokenBufferMemory(llm=model)\n",
        "print(model.get_num_tokens('x'))\n",
        # a class counting otherwise (Anthropic's API)
        "from langchain_anthropic import ChatAnthropic\n\n"
        "memory = ConversationTokenBufferMemory(llm=ChatAnthropic(model='claude-x'))\n",
        # the project says where tiktoken's files are
        'os.environ["TIKTOKEN_CACHE_DIR"] = "/opt/app/tiktoken"\n'
        "memory = ConversationTokenBufferMemory(llm=llm)\n",
    ],
)
def test_not_reported(tmp_path, monkeypatch, line):
    assert checked(tmp_path, monkeypatch, HEAD + line) == (0, [])


def test_apply_points_the_memorys_model_at_the_provider_and_check_then_fails(tmp_path, monkeypatch):
    """llm-cookbook's Memory notebook (t59b D1): apply rewrites the chat class (keeping an
    OpenAI model for LangChain's count: a provider's model raises NotImplementedError there)
    and reports the download at the memory; `--fail-on note` or not, check fails."""
    monkeypatch.chdir(tmp_path)
    original = (
        "from langchain.chat_models import ChatOpenAI\n"
        "from langchain.memory import ConversationTokenBufferMemory\n\n"
        "llm = ChatOpenAI(temperature=0.0)\n"
        "memory = ConversationTokenBufferMemory(llm=llm, max_token_limit=30)\n"
        'memory.save_context({"input": "AI is what?!"}, {"output": "Amazing!"})\n'
    )
    (tmp_path / "mem.py").write_text(original)
    base = [".", "--providers-dir", str(ACME_DIR), "-p", "acme"]
    applied = CliRunner().invoke(app, ["apply", *base, "--yes"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "mem.py").read_text() == (
        "import os\n\n"
        "from langchain.chat_models import ChatOpenAI\n"
        "from langchain.memory import ConversationTokenBufferMemory\n\n"
        "llm = ChatOpenAI(\n"
        '    openai_api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    openai_api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    model="acme-small",\n'
        '    tiktoken_model_name="gpt-3.5-turbo",\n'
        "    temperature=0.0,\n"
        ")\n"
        "memory = ConversationTokenBufferMemory(llm=llm, max_token_limit=30)\n"
        'memory.save_context({"input": "AI is what?!"}, {"output": "Amazing!"})\n'
    )
    check = CliRunner().invoke(app, ["check", *base, "--format", "json"])
    assert check.exit_code == 1
    [found] = json.loads(check.stdout)["findings"]
    label = "LangChain's ConversationTokenBufferMemory(), counting tokens with ChatOpenAI(),"
    assert (found["rule"], found["line"], found["column"], found["message"]) == (
        "ML208",
        13,
        10,
        NOTE.format(label),
    )


def test_a_counting_call_makes_a_module_worth_parsing_when_switching():
    openai = load_registry().openai
    switching, staying = prefilters(openai, switching=True), prefilters(openai, switching=False)
    for text in (
        "from langchain.memory import ConversationTokenBufferMemory as M\n\nm = M(llm=llm)\n",
        "n = llm.get_num_tokens_from_messages(messages)\n",
    ):
        assert worth_examining(switching, "python", text, False)
        assert not worth_examining(staying, "python", text, False)
