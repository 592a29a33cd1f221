"""An OpenAI model id the module passes to its own class or function, where only tiktoken
reads it (gpt_academic's `LazyloadTiktoken("gpt-3.5-turbo")`, kept in `self.model`): as
with `tiktoken.encoding_for_model("gpt-3.5-turbo")` written at the call, neither ML205 nor
ML207 reports it, and apply leaves it. A value that may come from elsewhere keeps ML207; a
literal read elsewhere than by tiktoken keeps ML205."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR
from .test_model_labels import migrated

STORED = (
    "import tiktoken\n\n\n"
    "class LazyTok:\n"
    "    def __init__(self, model):\n"
    "        self.model = model\n\n"
    "    def encode(self, text):\n"
    "        return tiktoken.encoding_for_model(self.model).encode(text)\n\n\n"
    'tok35 = LazyTok("gpt-3.5-turbo")\n'
    "count = lambda txt: len(tok35.encode(txt))\n"
)
# gpt_academic's shape: the attribute handed to a cached static method that asks tiktoken
THROUGH_METHOD = (
    "from functools import lru_cache\n\n"
    "import tiktoken\n\n\n"
    "class LazyTok:\n"
    "    def __init__(self, model):\n"
    "        self.model = model\n\n"
    "    @staticmethod\n"
    "    @lru_cache(maxsize=128)\n"
    "    def get_encoder(model):\n"
    "        return tiktoken.encoding_for_model(model)\n\n"
    "    def encode(self, *args, **kwargs):\n"
    "        return self.get_encoder(self.model).encode(*args, **kwargs)\n\n"
    "    def decode(self, *args, **kwargs):\n"
    "        return self.get_encoder(self.model).decode(*args, **kwargs)\n\n\n"
    'tokenizer_gpt35 = LazyTok("gpt-3.5-turbo")\n'
    'tokenizer_gpt4 = LazyTok(model="gpt-4")\n'
)
FUNCTION = (
    "import tiktoken\n\n\n"
    "def count(text, model):\n"
    "    return len(tiktoken.encoding_for_model(model).encode(text))\n\n\n"
    'n = count("hello", "gpt-4o")\n'
)


@pytest.mark.parametrize("text", [STORED, THROUGH_METHOD, FUNCTION])
def test_a_model_only_tiktoken_reads_is_left_unreported(registry, text):
    found, after = migrated(registry, text)
    assert (found, after) == ([], text)


RUN_TIME = (
    "tiktoken.encoding_for_model() gets the model at run time: after the switch it names an "
    "Acme Cloud model, which tiktoken does not know (KeyError); count with "
    'tiktoken.get_encoding("o200k_base") or catch KeyError, by hand'
)
# ... where `self.model` is the counter's setting, read by tiktoken alone: a fixed encoding
# would ignore it
SETTING_RUN_TIME = (
    "tiktoken.encoding_for_model() gets the model at run time: after the switch it names an "
    "Acme Cloud model, which tiktoken does not know (KeyError); catch KeyError and fall back "
    'to tiktoken.get_encoding("o200k_base"), by hand (counting with it alone would ignore '
    "self.model)"
)
PASSED = (
    "'gpt-3.5-turbo' (passed to LazyTok()) is an OpenAI model id: if it reaches a request or "
    "a model check, Acme Cloud will not know it; change it by hand"
)


COUNTED = (
    "argument 1 of LazyTok() = 'gpt-3.5-turbo' (tiktoken.encoding_for_model() on line 10 reads "
    "it): a token counter's model, which no request of the module sends; apply leaves it "
    "OpenAI's, which tiktoken knows"
)


@pytest.mark.parametrize(
    "tail",
    [
        # another value, chosen at run time
        'mine = LazyTok(os.environ["MODEL"])\n',
        # the class used otherwise than called (a subclass may pass anything)
        "class Mine(LazyTok):\n    pass\n",
    ],
)
def test_a_value_from_elsewhere_keeps_the_run_time_warning(registry, tail):
    # the literal still reaches tiktoken alone: a token counter's model, noted and left
    text = "import os\n" + STORED + tail
    found, after = migrated(registry, text)
    assert after == text
    assert [(line, rule, fix, message) for line, _, rule, _, fix, message in found] == [
        (10, "ML207", "manual", SETTING_RUN_TIME),
        (13, "ML204", "none", COUNTED),
    ]


@pytest.mark.parametrize(
    "tail",
    [
        # the attribute read outside the class (it may reach a request)
        "print(tok35.model)\n",
        # the attribute set again
        'tok35.model = os.environ["MODEL"]\n',
    ],
)
def test_a_value_read_from_elsewhere_keeps_both_findings(registry, tail):
    text = "import os\n" + STORED + tail
    found, after = migrated(registry, text)
    assert after == text
    assert [(line, rule, fix, message) for line, _, rule, _, fix, message in found] == [
        (10, "ML207", "manual", RUN_TIME),
        (13, "ML205", "manual", PASSED),
    ]


def test_a_default_only_tiktoken_reads_is_left_with_the_run_time_warning(registry):
    # stored in `self.model`, which only tiktoken reads: a token counter's default (t44d D2)
    text = STORED.replace("def __init__(self, model)", 'def __init__(self, model="gpt-4o")')
    text += "other = LazyTok()\n"
    found, after = migrated(registry, text)
    assert after == text
    assert [(line, rule, severity) for line, _, rule, severity, _, _ in found] == [
        (5, "ML204", "note"),
        (9, "ML207", "warning"),
        (12, "ML204", "note"),
    ]


def test_check_passes_on_a_tokenizer_only_class(tmp_path, monkeypatch):
    (tmp_path / "tok.py").write_text(STORED)
    # ML208: the project says where tiktoken's files are (a note, not a warning)
    (tmp_path / ".env").write_text("TIKTOKEN_CACHE_DIR=/opt/app/tiktoken\n")
    monkeypatch.chdir(tmp_path)
    args = ["check", ".", "--providers-dir", str(ACME_DIR), "--provider", "acme"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stdout
