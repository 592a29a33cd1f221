"""A token counter's model followed past its parameter (t44d D2, LightRAG): a dataclass,
pydantic or attrs field read as `self.<field>`, a parameter default handed to
`super().__init__(model_name=...)` of the module's base class or stored in `self.X`, where
only tiktoken reads it. apply left such a default mapped (`deepseek-flash`), tiktoken raised
KeyError and every `LightRAG(...)` failed; now ML204 notes it and leaves it, and ML207 takes
an `except KeyError:` that raises again for no fallback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .test_model_labels import migrated

# the repros' shapes (/work/trial/t44d/repro), before apply
R2C = (
    "from dataclasses import dataclass, field\n"
    "import tiktoken\n\n\n"
    "@dataclass\n"
    "class Rag:\n"
    '    tiktoken_model_name: str = field(default="gpt-4o-mini")\n\n'
    "    def __post_init__(self):\n"
    "        self.enc = tiktoken.encoding_for_model(self.tiktoken_model_name)\n"
)
BASE = (
    "class Tokenizer:\n"
    "    def __init__(self, model_name: str, tokenizer):\n"
    "        self.model_name = model_name\n"
    "        self.tokenizer = tokenizer\n\n\n"
)
R2D = (
    "import tiktoken\n\n\n" + BASE + "class TiktokenTokenizer(Tokenizer):\n"
    '    def __init__(self, model_name: str = "gpt-4o-mini"):\n'
    "        tokenizer = tiktoken.encoding_for_model(model_name)\n"
    "        super().__init__(model_name=model_name, tokenizer=tokenizer)\n"
)
R2F = (
    BASE + "class TiktokenTokenizer(Tokenizer):\n"
    '    def __init__(self, model_name: str = "gpt-4o-mini"):\n'
    "        try:\n"
    "            import tiktoken\n"
    "        except ImportError:\n"
    '            raise ImportError("tiktoken is not installed.")\n\n'
    "        try:\n"
    "            tokenizer = tiktoken.encoding_for_model(model_name)\n"
    "            super().__init__(model_name=model_name, tokenizer=tokenizer)\n"
    "        except KeyError:\n"
    '            raise ValueError(f"Invalid model_name: {model_name}.")\n'
)
R2B = (
    "import tiktoken\n\n\n"
    "class TiktokenTokenizer:\n"
    '    def __init__(self, model_name: str = "gpt-4o-mini"):\n'
    "        try:\n"
    "            self.enc = tiktoken.encoding_for_model(model_name)\n"
    "        except KeyError:\n"
    '            raise ValueError(f"Invalid model_name: {model_name}.")\n'
)


def note(subject):
    return (
        f"{subject}: a token counter's model, which no request of the module sends; apply "
        "leaves it OpenAI's, which tiktoken knows"
    )


def run_time(raised=None, name="model_name"):
    """ML207 on a token counter's setting (`name`), which a fixed encoding would ignore."""
    why = f"KeyError: the except on line {raised} raises again" if raised else "KeyError"
    return (
        "tiktoken.encoding_for_model() gets the model at run time: after the switch it names a "
        f"DeepSeek model, which tiktoken does not know ({why}); catch KeyError and fall back "
        f'to tiktoken.get_encoding("o200k_base"), by hand (counting with it alone would ignore '
        f"{name})"
    )


def given(value, field):
    return (
        f"tiktoken.encoding_for_model() is given {value!r} ({field}), a DeepSeek model tiktoken "
        "does not know (KeyError); give it the OpenAI model it counted with, which tiktoken "
        'knows, or catch KeyError and fall back to tiktoken.get_encoding("o200k_base"), by hand'
    )


READS = "(tiktoken.encoding_for_model() on line {} reads it)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # r2c: a dataclass field only `__post_init__`'s lookup reads
        (
            R2C,
            [
                (
                    7,
                    "ML204",
                    "none",
                    note(f"field Rag.tiktoken_model_name = 'gpt-4o-mini' {READS.format(10)}"),
                )
            ],
        ),
        # r2d: handed to the module's base class, which stores it and never reads it
        (
            R2D,
            [
                (
                    11,
                    "ML204",
                    "none",
                    note(f"default of model_name = 'gpt-4o-mini' {READS.format(12)}"),
                ),
                (12, "ML207", "manual", run_time()),
            ],
        ),
        # r2f: the same inside a `try` whose `except KeyError:` raises ValueError (LightRAG)
        (
            R2F,
            [
                (
                    8,
                    "ML204",
                    "none",
                    note(f"default of model_name = 'gpt-4o-mini' {READS.format(15)}"),
                ),
                (15, "ML207", "manual", run_time(17)),
            ],
        ),
        # r2b: no fallback either
        (
            R2B,
            [
                (
                    5,
                    "ML204",
                    "none",
                    note(f"default of model_name = 'gpt-4o-mini' {READS.format(7)}"),
                ),
                (7, "ML207", "manual", run_time(8)),
            ],
        ),
    ],
)
def test_a_token_counters_model_is_noted_and_left(registry, text, expected):
    found, after = migrated(registry, text, provider="deepseek")
    assert after == text
    assert [(line, rule, fix, message) for line, _, rule, _, fix, message in found] == expected


def test_a_field_a_class_attribute_and_a_value_given_for_them(registry):
    text = (
        "from dataclasses import dataclass, field\n\n"
        "import tiktoken\n\n\n"
        "@dataclass\n"
        "class Counter:\n"
        '    model: str = field(default="gpt-4o-mini")\n'
        '    plain: str = "gpt-4o"\n\n'
        "    def __post_init__(self):\n"
        "        self.enc = tiktoken.encoding_for_model(self.model)\n"
        "        if not self.plain:\n"
        '            raise ValueError(f"no model {self.plain}")\n'
        "        self.other = tiktoken.encoding_for_model(self.plain)\n\n\n"
        'c = Counter(model="gpt-4o")\n'
    )
    found, after = migrated(registry, text, provider="deepseek")
    assert after == text
    assert [(line, rule, fix, message) for line, _, rule, _, fix, message in found] == [
        (8, "ML204", "none", note(f"field Counter.model = 'gpt-4o-mini' {READS.format(12)}")),
        (9, "ML204", "none", note(f"attribute Counter.plain = 'gpt-4o' {READS.format(15)}")),
        (12, "ML207", "manual", run_time(name="self.model")),
        (15, "ML207", "manual", run_time(name="self.plain")),
        (18, "ML204", "none", note(f"argument model of Counter() = 'gpt-4o' {READS.format(12)}")),
    ]


def test_a_pydantic_field(registry):
    text = (
        "import tiktoken\n"
        "from pydantic import BaseModel, Field\n\n\n"
        "class Settings(BaseModel):\n"
        '    count_model: str = Field("gpt-4o-mini")\n\n'
        "    def count(self, text):\n"
        "        return len(tiktoken.encoding_for_model(self.count_model).encode(text))\n"
    )
    found, after = migrated(registry, text, provider="deepseek")
    assert after == text
    assert [(line, rule, fix) for line, _, rule, _, fix, _ in found] == [
        (6, "ML204", "none"),
        (9, "ML207", "manual"),
    ]


def test_a_fallback_in_the_handler_is_no_warning(registry):
    text = R2B.replace(
        '            raise ValueError(f"Invalid model_name: {model_name}.")\n',
        '            self.enc = tiktoken.get_encoding("o200k_base")\n',
    )
    found, after = migrated(registry, text, provider="deepseek")
    assert after == text
    assert [(line, rule) for line, _, rule, _, _, _ in found] == [(5, "ML204")]


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        # the field also sent as a request's model: a setting, mapped as before
        (
            R2C.replace("tiktoken_model_name", "model").replace(
                "import tiktoken\n", "import openai\nimport tiktoken\n"
            )
            + "\n    def ask(self):\n"
            "        return openai.OpenAI().chat.completions.create(model=self.model, messages=[])\n",
            'field(default="gpt-4o-mini")',
            'field(default="deepseek-flash")',
        ),
        # handed to a base class from elsewhere (ChatOpenAI sends it)
        (
            "import tiktoken\n"
            "from langchain_openai import ChatOpenAI\n\n\n"
            "class Mine(ChatOpenAI):\n"
            '    def __init__(self, model_name: str = "gpt-4o-mini"):\n'
            "        self.enc = tiktoken.encoding_for_model(model_name)\n"
            "        super().__init__(model_name=model_name)\n",
            'model_name: str = "gpt-4o-mini"',
            'model_name: str = "deepseek-flash"',
        ),
        # stored, and the attribute read outside the class
        (
            R2D + "\n\ntok = TiktokenTokenizer()\nprint(tok.model_name)\n",
            'model_name: str = "gpt-4o-mini"',
            'model_name: str = "deepseek-flash"',
        ),
    ],
)
def test_a_value_that_may_go_elsewhere_is_still_mapped(registry, text, before, after):
    found, applied = migrated(registry, text, provider="deepseek")
    assert before not in applied and after in applied
    assert ("ML204", "review") in [(rule, fix) for _, _, rule, _, fix, _ in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # r2c as the old apply left it: the tokenizer-named field holds DeepSeek's model
        (
            R2C.replace("gpt-4o-mini", "deepseek-flash"),
            [(10, given("deepseek-flash", "field Rag.tiktoken_model_name"))],
        ),
        # r2f as it left it: the `except KeyError:` raises again
        (R2F.replace("gpt-4o-mini", "deepseek-flash"), [(15, run_time(17))]),
        (R2D.replace("gpt-4o-mini", "deepseek-flash"), [(12, run_time())]),
    ],
)
def test_a_default_the_old_apply_mapped_keeps_check_red(registry, text, expected):
    found, after = migrated(registry, text, provider="deepseek")
    assert after == text
    assert [(line, rule, message) for line, _, rule, _, _, message in found] == [
        (line, "ML207", message) for line, message in expected
    ]


def test_check_is_green_on_the_restored_field(tmp_path, monkeypatch):
    (tmp_path / "rag.py").write_text(R2C, encoding="utf-8")
    # ML208: the project says where tiktoken's files are (a note, not a warning)
    (tmp_path / ".env").write_text("TIKTOKEN_CACHE_DIR=/opt/app/tiktoken\n")
    monkeypatch.chdir(tmp_path)
    args = ["check", ".", "--provider", "deepseek", "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stdout
    apply = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert apply.exit_code == 0, apply.stdout
    assert (tmp_path / "rag.py").read_text(encoding="utf-8") == R2C
