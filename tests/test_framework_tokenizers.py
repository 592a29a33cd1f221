"""A model id that reaches only a framework's tokenizer parameter (`frameworks.tokenizers`:
LangChain's `from_tiktoken_encoder(model_name=)` and `TokenTextSplitter(model_name=)`,
LlamaIndex's `get_tokenizer()`) is never sent: the framework asks tiktoken for its tokenizer,
which knows OpenAI's names only. It stays OpenAI's, as at `tiktoken.encoding_for_model()`;
one chosen at run time is ML207's. knowledge_gpt's chunker had such a default (`model_name=
"gpt-3.5-turbo"`): mapped to a DeepSeek id, its splitter raised KeyError."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .conftest import ACME_DIR
from .test_model_labels import migrated

# knowledge_gpt's shape: the default reaches only the splitter's tokenizer
CHUNKING = (
    "from langchain.text_splitter import RecursiveCharacterTextSplitter\n\n\n"
    'def split_pages(pages, size, overlap=0, model_name="gpt-3.5-turbo"):\n'
    "    splitter = RecursiveCharacterTextSplitter.from_tiktoken_encoder(\n"
    "        model_name=model_name,\n"
    "        chunk_size=size,\n"
    "        chunk_overlap=overlap,\n"
    "    )\n"
    "    return [part for page in pages for part in splitter.split_text(page)]\n"
)
COUNTER_NOTE = (
    "default of model_name = 'gpt-3.5-turbo' "
    "(RecursiveCharacterTextSplitter.from_tiktoken_encoder() on line 5 reads it): a token "
    "counter's model, which no request of the module sends; apply leaves it OpenAI's, which "
    "tiktoken knows"
)


def splitter_warning(
    call: str, provider: str = "an Acme Cloud", encoding: str = "o200k_base"
) -> str:
    """ML207 on a splitter given a token counter's setting: catching KeyError keeps it."""
    return (
        f"{call} gets the model at run time: after the switch it names {provider} model, "
        f"which tiktoken does not know (KeyError); catch KeyError and fall back to encoding_name="
        f'"{encoding}", by hand (counting with it alone would ignore model_name)'
    )


def rows(found):
    return [(line, rule, fix, message) for line, _, rule, _, fix, message in found]


def test_a_default_only_a_splitter_counts_with_stays_openais(registry):
    found, after = migrated(registry, CHUNKING, provider="deepseek")
    assert after == CHUNKING
    assert rows(found) == [
        (4, "ML204", "none", COUNTER_NOTE),
        (
            6,
            "ML207",
            "manual",
            splitter_warning("LangChain's from_tiktoken_encoder()", "a DeepSeek"),
        ),
    ]


def test_scan_has_no_model_rewrite_and_apply_leaves_the_file(tmp_path, monkeypatch):
    (tmp_path / "chunking.py").write_text(CHUNKING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "-p", "deepseek", "--format", "json"])
    assert result.exit_code == 0, result.stdout
    findings = json.loads(result.stdout)["findings"]
    assert [(f["line"], f["rule"], f["fix"]) for f in findings] == [
        (4, "ML204", "none"),
        (5, "ML208", "manual"),
        (6, "ML207", "manual"),
    ]
    result = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stdout
    assert (tmp_path / "chunking.py").read_text(encoding="utf-8") == CHUNKING


@pytest.mark.parametrize(
    "text",
    [
        "from langchain_text_splitters import RecursiveCharacterTextSplitter\n\n"
        "SPLITTER = RecursiveCharacterTextSplitter.from_tiktoken_encoder(\n"
        '    model_name="gpt-3.5-turbo", chunk_size=300\n)\n',
        # positionally: (encoding_name, model_name)
        "from langchain_text_splitters import CharacterTextSplitter\n\n"
        'SPLITTER = CharacterTextSplitter.from_tiktoken_encoder("cl100k_base", "gpt-4o")\n',
        "from langchain.text_splitter import TokenTextSplitter\n\n"
        'SPLITTER = TokenTextSplitter(model_name="gpt-4", chunk_size=300)\n',
        # a model id given as the encoding: not sent either
        "from langchain_text_splitters import TokenTextSplitter\n\n"
        'SPLITTER = TokenTextSplitter(encoding_name="gpt-4")\n',
        'from llama_index.core import get_tokenizer\n\nTOKENIZE = get_tokenizer("gpt-4o")\n',
        # LlamaIndex's counter given tiktoken's own lookup
        "import tiktoken\nfrom llama_index.core.callbacks import TokenCountingHandler\n\n"
        "COUNTER = TokenCountingHandler(\n"
        '    tokenizer=tiktoken.encoding_for_model("gpt-3.5-turbo").encode\n)\n',
    ],
)
def test_a_model_written_at_a_tokenizer_parameter_is_left_unreported(registry, text):
    assert migrated(registry, text) == ([], text)


# the module's own class and function that hand the model to a splitter alone (tokenizer_flow)
FLOWS = [
    "from langchain_text_splitters import TokenTextSplitter\n\n\n"
    "class Chunker:\n"
    "    def __init__(self, model):\n"
    "        self.model = model\n\n"
    "    def split(self, text):\n"
    "        return TokenTextSplitter(model_name=self.model).split_text(text)\n\n\n"
    'chunker = Chunker("gpt-3.5-turbo")\n',
    "from langchain_text_splitters import RecursiveCharacterTextSplitter\n\n\n"
    "def split(text, model):\n"
    "    splitter = RecursiveCharacterTextSplitter.from_tiktoken_encoder(model_name=model)\n"
    "    return splitter.split_text(text)\n\n\n"
    'parts = split("some text", "gpt-4o")\n',
    # through a staticmethod called on `self`
    "from llama_index.core.utils import get_tokenizer\n\n\n"
    "class Counter:\n"
    "    @staticmethod\n"
    "    def tokenize(model, text):\n"
    "        return get_tokenizer(model)(text)\n\n"
    "    def count(self, text):\n"
    '        return len(self.tokenize("gpt-4o", text))\n',
]


@pytest.mark.parametrize("text", FLOWS)
def test_a_model_passed_on_only_to_a_tokenizer_parameter_is_left(registry, text):
    assert migrated(registry, text) == ([], text)


def test_a_model_also_sent_is_mapped_and_the_splitter_keeps_openais(registry):
    # the default reaches both: the request gets the provider's model (ML202, as before),
    # and the splitter, given the same value, the OpenAI model it had (ML207), as tiktoken is
    text = (
        "from langchain_text_splitters import RecursiveCharacterTextSplitter\n"
        "from openai import OpenAI\n\n"
        'client = OpenAI(api_key="sk-x", base_url="https://api.acme.example/v1")\n\n\n'
        'def answer(question, document, model="gpt-4o"):\n'
        "    splitter = RecursiveCharacterTextSplitter.from_tiktoken_encoder(model_name=model)\n"
        "    context = splitter.split_text(document)[0]\n"
        "    return client.chat.completions.create(\n"
        '        model=model, messages=[{"role": "user", "content": context + question}]\n'
        "    )\n"
    )
    found, after = migrated(registry, text)
    assert [r[:3] for r in rows(found) if r[1].startswith("ML2")] == [
        (7, "ML202", "review"),
        (8, "ML207", "review"),
    ]
    assert rows(found)[-1][3] == kept(
        "LangChain's from_tiktoken_encoder() is given model", "default of model, line 7"
    )
    assert after == text.replace('model="gpt-4o"):', 'model="acme-large"):').replace(
        "(model_name=model)", '(model_name="gpt-4o")'
    )


def kept(given: str, where: str, old: str = "gpt-4o", new: str = "acme-large") -> str:
    """ML207's message where apply gives a lookup the OpenAI model a mapped setting held."""
    return (
        f"{given}, {old!r} ({where}), which apply maps to {new!r}, an Acme Cloud model "
        f"tiktoken does not know (KeyError); apply gives it {old!r} instead: tokens are "
        f"counted as that OpenAI model counts them (an estimate for {new})"
    )


def test_a_constant_named_like_a_model_is_mapped_and_its_splitter_keeps_openais(registry):
    # as with tiktoken: a module constant is a setting apply maps, and the splitter is given
    # the OpenAI model the constant held
    text = (
        "from langchain_text_splitters import TokenTextSplitter\n\n"
        'MODEL_NAME = "gpt-4o"\n'
        "SPLITTER = TokenTextSplitter(model_name=MODEL_NAME)\n"
    )
    found, after = migrated(registry, text)
    assert [r[:3] for r in rows(found)] == [(3, "ML204", "review"), (4, "ML207", "review")]
    assert rows(found)[1][3] == kept(
        "LangChain's TokenTextSplitter() is given MODEL_NAME", "constant MODEL_NAME, line 3"
    )
    assert after == (
        "from langchain_text_splitters import TokenTextSplitter\n\n"
        'MODEL_NAME = "acme-large"\n'
        'SPLITTER = TokenTextSplitter(model_name="gpt-4o")\n'
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the encoding, or no model at all: tiktoken is not asked for a model's tokenizer
        (
            "from langchain_text_splitters import TokenTextSplitter\n\n\n"
            "def split(text, encoding):\n"
            "    return TokenTextSplitter(encoding_name=encoding).split_text(text)\n",
            [],
        ),
        (
            "from langchain_text_splitters import TokenTextSplitter\n\n\n"
            "def split(text):\n"
            "    return TokenTextSplitter(model_name=None).split_text(text)\n",
            [],
        ),
        # the returned tokenizer called at once: one lookup, one finding
        (
            "from llama_index.core import get_tokenizer\n\n\n"
            "def count(text, model):\n"
            "    return len(get_tokenizer(model)(text))\n",
            [
                (
                    5,
                    "ML207",
                    "manual",
                    "LlamaIndex's get_tokenizer() gets the model at run time: after the switch "
                    "it names an Acme Cloud model, which tiktoken does not know (KeyError); catch "
                    "KeyError and fall back to set_global_tokenizer(tiktoken.get_encoding("
                    '"o200k_base").encode), by hand (counting with it alone would ignore model)',
                )
            ],
        ),
        # a KeyError caught around it
        (
            "from langchain_text_splitters import TokenTextSplitter\n\n\n"
            "def split(text, model):\n"
            "    try:\n"
            "        splitter = TokenTextSplitter(model_name=model)\n"
            "    except KeyError:\n"
            '        splitter = TokenTextSplitter(encoding_name="o200k_base")\n'
            "    return splitter.split_text(text)\n",
            [],
        ),
    ],
)
def test_what_ml207_says_of_a_framework_tokenizer(registry, text, expected):
    # the rules themselves: a module naming nothing of OpenAI's is not screened in (prefilter)
    ctx = RuleContext(registry, registry.get("acme"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule != "ML208"]
    assert [(f.line, f.rule, f.fix.value, f.message) for f in found] == expected
    assert all(f.edit is None for f in found)


def test_check_passes_on_a_splitter_given_openais_model(tmp_path, monkeypatch):
    # its model is OpenAI's on purpose (ML207 leaves it); only the download of its encoding
    # fails check (ML208), until a file of the project says where the files are
    (tmp_path / "chunks.py").write_text(FLOWS[0], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["check", ".", "--providers-dir", str(ACME_DIR), "--provider", "acme"]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 1, result.stdout
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["ML208"]
    (tmp_path / ".env").write_text("TIKTOKEN_CACHE_DIR=/opt/app/tiktoken\n", encoding="utf-8")
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize(
    ("name", "requirements", "encoding"),
    [
        ("requirements.txt", "langchain==0.0.334\ntiktoken==0.4.0\n", "cl100k_base"),
        ("requirements.txt", "tiktoken<0.7\n", "cl100k_base"),
        ("pyproject.toml", '[tool.poetry.dependencies]\ntiktoken = "^0.4.0"\n', "cl100k_base"),
        ("requirements.txt", "tiktoken>=0.4\n", "o200k_base"),  # admits 0.7.0
        ("requirements.txt", "tiktoken==0.7.0\n", "o200k_base"),
        ("requirements.txt", "langchain==0.0.334\n", "o200k_base"),
    ],
)
def test_the_advised_encoding_is_one_the_projects_tiktoken_has(
    tmp_path, monkeypatch, name, requirements, encoding
):
    """t50h N2 (knowledge_gpt pins tiktoken==0.4.0): following `encoding_name="o200k_base"`
    gave `ValueError: Unknown encoding o200k_base`, which came in tiktoken 0.7.0."""
    (tmp_path / "chunking.py").write_text(CHUNKING, encoding="utf-8")
    (tmp_path / name).write_text(requirements, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "-p", "deepseek", "--format", "json"])
    assert result.exit_code == 0, result.stdout
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "ML207"]
    assert [f["message"] for f in found] == [
        splitter_warning("LangChain's from_tiktoken_encoder()", "a DeepSeek", encoding)
    ]
