"""Screening's literal-led tests match exactly where the plain expressions they replace do."""

from __future__ import annotations

import ast
import random
import re

import pytest

from migrate_llm.engine import ScanOptions, scan
from migrate_llm.prefilter import Prefilter, _leads, _trie, _word, prefilters
from migrate_llm.registry import load_registry

TEXTS = [
    "ada",
    "metadata",
    "x = 'ada'",
    "_ada",
    "ada_",
    "ada-1",
    "(ada)",
    "9ada",
    "é ada",
    "éada",
    "中ada",
    "ada\nada",
    "sk-" + "a" * 16,
    "xsk-" + "a" * 16,
    "(sk-" + "a" * 16 + ")",
    "import os, openai",
    "reimport openai",
    "from  openai import OpenAI",
    "fromopenai",
    "",
]


@pytest.mark.parametrize(
    "literal, rest",
    [
        ("ada", ""),
        ("ada", r"\b"),
        ("sk-", "[a]{16,}"),
        ("import", r"\b[^\n]*\bopenai\b"),
        ("from", r"\s+openai\b"),
        ("-x", ""),
    ],
)
@pytest.mark.parametrize("text", TEXTS)
def test_a_word_led_test_matches_where_the_boundary_expression_does(literal, rest, text):
    held, pattern = _word(literal, rest)
    assert pattern is not None
    expected = re.search(rf"\b{re.escape(literal)}{rest}", text) is not None
    assert (held in text and pattern.search(text) is not None) is expected


def test_a_word_test_is_led_by_its_literal():
    assert _word("gpt-4", r"\b")[1].pattern.startswith("gpt\\-4(?<=")
    # a literal that starts with a non-word character keeps the boundary in front
    assert _word("-x")[1].pattern == r"\b\-x"


@pytest.mark.parametrize(
    "text, start, line, json",
    [
        ("import x", 0, True, False),
        ("a\n  \timport x", 5, True, False),
        ("a = 1; import x", 7, False, False),
        ("ximport x", 1, False, False),
        ('["import x"]', 2, False, True),
        ('[" \\n  from x"]', 7, False, True),
        ('["a\\nfrom x"]', 5, False, True),
        ('["a\\\\from x"]', 5, False, False),
        ('["a from x"]', 4, False, False),
    ],
)
def test_an_import_counts_at_the_start_of_a_line_or_of_a_cells_line(text, start, line, json):
    assert text[start:].startswith(("import", "from"))
    assert _leads(text, start, "line") is line
    assert _leads(text, start, "json") is json


def test_framework_imports_are_those_at_the_start_of_a_line():
    python = prefilters(load_registry().openai)["python"]
    text = (
        "import langchain\n"
        "  from llama_index.core import x  # indented in a block\n"
        "x = 1; import dspy\n"
        "from os import litellm\n"
        "\r\nimport instructor\n"
    )
    assert python.frameworks_imported(text) == {"langchain", "llama_index", "instructor"}
    notebook = prefilters(load_registry().openai)["notebook"]
    cells = '["import langchain\\n", "from os import litellm\\n", " \\n from dspy import x"]'
    assert notebook.frameworks_imported(cells) == {"langchain", "dspy"}


def test_a_case_insensitive_test_runs_where_the_lowercased_text_holds_its_word():
    folded = ((("openai",), re.compile(r"(?i:\bopenai\b)")),)
    prefilter = Prefilter((), folded=folded)
    assert prefilter.search("OpenAI==1.0\n")
    assert not prefilter.search("openairlines\n")
    assert not prefilter.search("requests\n")
    # `ı` (dotless i) matches `i` case-insensitively and `lower` leaves it as it is: text
    # that is not ASCII is always searched
    assert re.search(r"(?i:\bopenai\b)", "openaı") and prefilter.search("openaı\n")


@pytest.mark.parametrize("switching", [True, False])
def test_requirements_and_config_tests_read_case_and_spelling(switching):
    filters = prefilters(load_registry().openai, switching)
    requirements, config = filters["requirements"], filters["config"]
    assert requirements.search("OpenAI>=1\n") and requirements.search("openai\n")
    assert requirements.search("Llama_Index==0.9\n") is switching
    assert config.search('dependencies = ["LLAMA-INDEX>=0.9"]\n') is switching
    assert config.search('model = "gpt-4o"\n') and not config.search('x = "metadata"\n')
    assert config.search('openai = "^1.0"\n') and config.search("openai>=1\n")
    assert not config.search('description = "an openai helper"\n')


def _expressions(prefilter: Prefilter) -> list:
    found = [pattern for _, pattern in prefilter.tests if pattern is not None]
    found += [*prefilter.quoted, *(pattern for _, pattern in prefilter.folded)]
    return found + list(prefilter.framework_imports)


def test_an_expression_is_compiled_only_when_a_text_needs_it():
    filters = prefilters(load_registry().openai)
    every = {id(e): e for f in filters.values() for e in _expressions(f)}.values()
    assert len(every) > 40 and all(e._compiled is None for e in every)
    python = filters["python"]
    # no anchor: only the quoted model stems and the framework imports are looked for
    assert not python.search("print(1)\n")
    tried = [*python.quoted, *python.framework_imports]
    assert {id(e) for e in every if e._compiled is not None} == {id(e) for e in tried}
    assert python.search('import os\nMODEL = "gpt-4o"\n')
    compiled = [e for e in every if e._compiled is not None]
    assert len(list(python.framework_imports)) < len(compiled) < len(_expressions(python))
    assert all(e._compiled.pattern == e.pattern for e in compiled)


@pytest.mark.parametrize("seed", range(30))
def test_a_trie_of_literals_matches_exactly_those_literals(seed):
    rng = random.Random(seed)
    alphabet = "ab-.4o\"'\\"
    literals = {
        "".join(rng.choices(alphabet, k=rng.randint(0, 5))) for _ in range(rng.randint(1, 9))
    }
    expression = re.compile(_trie(literals))
    words = literals | {"".join(rng.choices(alphabet, k=rng.randint(0, 6))) for _ in range(200)}
    for word in words:
        assert (expression.fullmatch(word) is not None) == (word in literals), (literals, word)
    assert _trie(["gpt-4", "gpt-5", "o1", "o1-"]) == r"(?:gpt\-(?:4|5)|o1(?:\-)?)"


# pieces of Python that hold the anchors, or hold them only in part, or none
PIECES = [
    "import openai\n",
    "openai.api_key = KEY\n",
    "    openai.api_base = 'https://x'\n",
    "openai.api_type == 'azure'\n",
    "x = OPENAI_API_KEY\n",
    "key = 'sk-" + "a" * 20 + "'\n",
    "MODEL = 'gpt-4o'\n",
    "from agents import Agent\n",
    "OpenAI()\n",
    "open(ai)\n",
    "from base import *\n",
    "\r",
    "# migrate-llm: ignore[ML101]\n",
    "print(1)\n",
]


@pytest.mark.parametrize("seed", range(40))
def test_judging_a_text_is_searching_it_and_looking_for_openai_once(seed):
    from migrate_llm import run_facts
    from migrate_llm.prefilter import judged, worth_examining

    rng = random.Random(seed)
    filters = prefilters(load_registry().openai)
    for _ in range(30):
        text = "".join(rng.choices(PIECES, k=rng.randint(0, 6)))
        for kind, prefilter in (("python", filters["python"]), ("notebook", filters["notebook"])):
            passed, holds = prefilter.judge(text)
            assert passed == prefilter.search(text) and holds == ("openai" in text), text
            for unused in (False, True):
                worth, holds = judged(filters, kind, text, unused)
                assert worth == worth_examining(filters, kind, text, unused)
                assert holds == ("openai" in text)
        assert filters["config"].judge(text)[1] == ("openai" in text)
        # a module's settings are looked for only where the text holds `openai`, as before
        data = text.encode()
        before = run_facts._OPENAI_DOT(data) is not None and bool(
            run_facts._MODULE_SETTING.search(data)
        )
        after = judged(filters, "python", text, False)[1] and before
        assert after == before, text


KEY = "sk-" + "a" * 40


@pytest.mark.parametrize(
    ("text", "in_code"),
    [
        # a comment line, at any indentation
        ("# Needs OPENAI_API_KEY\nimport os\n", False),
        ("def f():\n    # set OPENAI_API_KEY first\n    return 1\n", False),
        ('# the default is "gpt-4o"\nMODEL = None\n', False),
        ("# calls api.openai.com\nx = 1\n", False),
        # the same words in code, or after code on the line (its `#` may be in a string)
        ('import os\nos.environ["OPENAI_API_KEY"]\n', True),
        ("x = 1  # OPENAI_API_KEY\n", True),
        ('s = "#"  # "gpt-4o"\n', True),
        ('# OPENAI_API_KEY\nMODEL = "gpt-4o"\n', True),
        # a line that starts with `#` inside a string written over several lines is string
        ('HELP = """\n# export OPENAI_API_KEY=...\n"""\n', True),
        ('HELP = f"""{1}\n# export OPENAI_API_KEY=...\n"""\n', True),
        # an import test counts where the tree imports a module named openai
        ('"""Retries on RateLimitError from openai."""\nx = 1\n', False),
        ("# import openai\nx = 1\n", False),
        ("from openai import OpenAI\n", True),
        ("import openai.error as errors\n", True),
        ("def f():\n    from openai.lib.azure import AzureOpenAI\n", True),
        # the SDK's types alone: test doubles and annotations, nothing a rule reports
        ("def f():\n    from openai.types import Model\n", False),
        ("from openai.types.chat import ChatCompletion\nChatCompletion(id='x')\n", False),
        ("from langchain.llms import openai\n", True),
        ('"""from openai import OpenAI"""\nimport openai_helpers\n', False),
        # a key counts in a comment too (the rules report it there)
        (f"# {KEY}\nx = 1\n", True),
        # a settings class whose field reads OPENAI_API_KEY by its name; another class's
        # parameter of that name is nothing
        ("class S(BaseSettings):\n    openai_api_key: str\n", True),
        ("class S(pydantic_settings.BaseSettings):\n    x: int\n    openai_base_url: str\n", True),
        ("def f(openai_api_key: str):\n    return 1\n", False),
        # nothing to begin with
        ("x = 1\n", False),
    ],
)
def test_only_what_code_holds_counts_not_its_comments(text, in_code):
    python = prefilters(load_registry().openai)["python"]
    assert python.in_code(text, ast.parse(text)) is in_code


def test_a_module_that_names_openai_in_comments_only_is_not_parsed_by_libcst(tmp_path, monkeypatch):
    from migrate_llm.rules import python

    parsed: list[str] = []
    real = python.check_python

    def counting(text, *args, **kwargs):
        parsed.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(python, "check_python", counting)
    monkeypatch.chdir(tmp_path)
    comment = "# Needs OPENAI_API_KEY\n\n\ndef ask(client, m):\n    return client.chat(m)\n"
    code = 'import os\n\nKEY = os.environ["OPENAI_API_KEY"]\n'
    (tmp_path / "comment.py").write_text(comment, encoding="utf-8")
    (tmp_path / "code.py").write_text(code, encoding="utf-8")
    result = scan(ScanOptions(paths=(tmp_path,), cwd=tmp_path, jobs=1))
    assert parsed == [code]
    assert [(f.path, f.rule) for f in result.findings] == [("code.py", "ML401")]


def test_a_settings_module_without_openai_reports_the_field_that_reads_its_key(tmp_path):
    # the usual layout: the settings in a module of their own, the client elsewhere
    settings = (
        "from pydantic_settings import BaseSettings\n\n\n"
        "class Settings(BaseSettings):\n    openai_api_key: str\n    debug: bool = False\n"
    )
    (tmp_path / "config.py").write_text(settings, encoding="utf-8")
    result = scan(ScanOptions(paths=(tmp_path,), cwd=tmp_path, jobs=1, provider="deepseek"))
    assert [(f.path, f.line, f.column, f.rule, f.fix.value) for f in result.findings] == [
        ("config.py", 5, 5, "ML401", "review")
    ]


def test_a_module_that_asks_tiktoken_for_a_models_tokenizer_is_examined(tmp_path):
    """It names nothing of OpenAI's, yet its model is the provider's after the switch."""
    text = (
        "import tiktoken\n\n\ndef count(text, model):\n"
        "    return len(tiktoken.encoding_for_model(model).encode(text))\n"
    )
    (tmp_path / "tokens.py").write_text(text, encoding="utf-8")
    result = scan(ScanOptions(paths=(tmp_path,), cwd=tmp_path, jobs=1, provider="moonshot"))
    assert [(f.path, f.line, f.column, f.rule) for f in result.findings] == [
        ("tokens.py", 5, 16, "ML208"),  # the download of its encoding, a warning
        ("tokens.py", 5, 44, "ML207"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        'import tiktoken\n\nENC = tiktoken.encoding_for_model("gpt-3.5-turbo")\n',
        'import tiktoken\n\nENC = tiktoken.get_encoding("cl100k_base")\n',
        "from langchain_text_splitters import TokenTextSplitter\n\nS = TokenTextSplitter()\n",
    ],
)
def test_a_fixed_encoding_load_is_a_reason_to_parse_when_switching(text):
    """tiktoken downloads the encoding from OpenAI's host: ML208's warning, when switching
    (t58c D1); without a target no rule reports it."""
    python = prefilters(load_registry().openai, False)["python"]
    assert python.in_code(text, ast.parse(text)) is False
    assert prefilters(load_registry().openai, True)["python"].in_code(text, ast.parse(text))


def test_a_tokenizer_call_is_a_reason_to_parse_only_in_code(tmp_path):
    commented = 'import tiktoken\n\n# ENC = tiktoken.encoding_for_model("gpt-3.5-turbo")\n'
    python = prefilters(load_registry().openai, True)["python"]
    assert python.in_code(commented, ast.parse(commented)) is False
    # a variable there is the program's model: worth it when switching only (ML207)
    text = "import tiktoken\n\n\ndef count(model):\n    return tiktoken.encoding_for_model(model)\n"
    assert prefilters(load_registry().openai, True)["python"].in_code(text, ast.parse(text))
    assert not prefilters(load_registry().openai, False)["python"].in_code(text, ast.parse(text))


CONFIG_PIECES = [
    'model: "gpt-4o"\n',
    "MODEL=o3-mini\n",
    "openai<1\n",
    "openai = '^1.0'\n",
    "dependencies = ['llama-index']\n",
    "text-align: left\n",
    "chatgpt-4o-latest\n",
    "OPENAI_API_KEY=\n",
    "egg=openai\n",
    "radar: 1\n",
    "{}\n",
]


@pytest.mark.parametrize("seed", range(20))
def test_the_config_anchors_change_no_verdict(seed):
    # the anchors only spare a text that holds none of them its forty tests
    rng = random.Random(seed)
    config = prefilters(load_registry().openai)["config"]
    unanchored = Prefilter(config.tests, folded=config.folded)
    assert config.anchors and not unanchored.anchors
    for _ in range(40):
        text = "".join(rng.choices(CONFIG_PIECES, k=rng.randint(0, 5)))
        assert config.search(text) == unanchored.search(text), text


@pytest.mark.parametrize(
    ("text", "reached"),
    [
        # an integration deriving from LlamaIndex's OpenAILike: nothing ML611 reads
        (
            "from llama_index.llms.openai_like import OpenAILike\n\n\n"
            "class Groq(OpenAILike):\n    pass\n",
            False,
        ),
        # a construction: ML611 reads what it sends once it points at the provider
        (
            "from llama_index.llms.openai_like import OpenAILike\n\n"
            'llm = OpenAILike(model="m", api_base="https://x")\n',
            True,
        ),
        # a class deriving from a table's class still counts
        (
            "from llama_index.llms.openai import OpenAI\n\n\nclass Mine(OpenAI):\n    pass\n",
            True,
        ),
    ],
)
def test_a_name_only_a_call_of_counts_is_not_reached_by_a_subclass(text, reached):
    from migrate_llm.prefilter import FrameworkImports

    python = prefilters(load_registry().openai)["python"]
    assert FrameworkImports(python).reach(ast.parse(text), text) is reached


def _quoted_texts() -> list[str]:
    """Every module of this repository, and each stem, family and name fragment quoted as
    code writes them (double, single, escaped in a notebook's JSON), beside a near miss."""
    from pathlib import Path

    from migrate_llm.openai_sdk import MODEL_NAME_FRAGMENTS, family_heads

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(errors="replace") for p in sorted(root.glob("*/**/*.py"))]
    patterns = load_registry().openai.model_patterns
    names = {re.split(r"[*?\[]", p, maxsplit=1)[0] for p in patterns}
    names |= {stem[: len(head) + 1] for stem, head in family_heads(patterns) if head}
    names |= {
        f"{lead}{w}{end}"
        for w in MODEL_NAME_FRAGMENTS
        for lead in ("", "-", "4-")
        for end in ("", "-")
    }
    for name in sorted(names):
        for quote in ('"', "'", '\\"'):
            texts.append(f"x = {quote}{name}{quote}\ny = {quote}{name[1:]}x{quote}, {quote}\n")
    return texts


def test_the_quoted_model_tests_look_ahead_of_the_quote_without_changing_a_match():
    """The lookahead after the quote (`_ahead`) is a shortcut: without it, each quoted
    expression finds the same matches in the same places."""
    python = prefilters(load_registry().openai)["python"]
    led = [q for q in python.quoted if q.pattern.startswith(('"(?=[', "'(?=["))]
    assert len(led) == 2
    texts = _quoted_texts()
    for expression in led:
        rest = expression.pattern[1:].partition("])")[2]
        plain = re.compile(expression.pattern[0] + rest)
        found = [[m.span() for m in expression.compiled().finditer(t)] for t in texts]
        assert found == [[m.span() for m in plain.finditer(t)] for t in texts]
        assert sum(map(bool, found)) > 100


PORTKEY_ONLY = [
    'from portkey_ai import Portkey\n\nclient = Portkey(api_key=KEY, virtual_key="openai-vk")\n',
    'import portkey_ai\n\nclient = portkey_ai.AsyncPortkey(api_key=KEY, provider="@openai")\n',
    "from portkey_ai import Portkey\n\n"
    'CONFIG = {"targets": [{"provider": "openai"}, {"provider": "anthropic"}]}\n'
    "client = Portkey(api_key=KEY, config=CONFIG)\n",
]


@pytest.mark.parametrize("text", PORTKEY_ONLY)
def test_a_module_building_a_gateways_client_is_examined(tmp_path, text):
    """s62: a Portkey client passing its requests on to OpenAI (ML009) in a module naming
    OpenAI nowhere else was never parsed, and check passed (rc 0): the gateways table's
    client modules are framework imports, triggered by their class names."""
    python = prefilters(load_registry().openai)["python"]
    assert python.frameworks_imported(text) == {"portkey_ai"}
    assert python.framework_passes(text)
    assert not python.framework_passes("import portkey_ai\n\nportkey_ai.api_key = KEY\n")
    (tmp_path / "gateway.py").write_text(text, encoding="utf-8")
    result = scan(ScanOptions(paths=(tmp_path,), cwd=tmp_path, jobs=1, provider="qwen"))
    assert [(f.path, f.line, f.column, f.rule, f.severity.value) for f in result.findings] == [
        ("gateway.py", text.count("\n"), 10, "ML009", "error")
    ]


def test_promptflow_files_pass_the_config_test_by_their_type_lines():
    # ML698: pf's type names are case and all (`OpenAI`, no lowercase "openai" in the file);
    # a flow's LLM node as pf writes it; a `litellm`, `serverless` or `llm` word alone is not
    config = prefilters(load_registry().openai, True)["config"]
    assert config.search("name: c\ntype: OpenAI\napi_key: <user-input>\n")
    assert config.search("name: c\ntype: AzureOpenAI\napi_base: x\n")
    assert config.search("name: c\ntype: open_ai\n") and config.search("type: serverless\n")
    assert config.search("nodes:\n- name: ask\n  type: llm\n")
    assert not config.search("provider: litellm\nllm: fast\n")
    assert not config.search("service: my-serverless-app\nprovider: aws\n")
    assert not config.search("type: OpenAIish\n")
    assert not config.rules_out(b"name: c\ntype: OpenAI\napi_key: <user-input>\n")
    # the fast gate: no anchor in a file naming `llm` or `litellm` (before, `llm` was one)
    assert [a for a in config.anchors if a in "llm: fast\nkind: serverless\n"] == []
