"""A model setting apply maps that also reaches tiktoken's lookup (t48b defect 3): the same
apply gives the lookup the OpenAI model the setting held (ML207, review), so the program's
token counter keeps working. NeedleInAHaystack's provider class kept its `model_name` default
in `self.model_name`, sent it as `model=` and gave it to `tiktoken.encoding_for_model()` in
the constructor: mapped alone, every `OpenAI()` raised KeyError for `kimi-k2.6`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .test_model_labels import migrated

# the trial's repro (t48b r4), NeedleInAHaystack's providers/openai.py reduced
PROVIDER = (
    "import tiktoken\n"
    "from openai import AsyncOpenAI\n\n\n"
    "class Provider:\n"
    '    def __init__(self, model_name: str = "gpt-3.5-turbo-0125"):\n'
    "        self.model_name = model_name\n"
    '        self.client = AsyncOpenAI(api_key="k", base_url="https://api.moonshot.cn/v1")\n'
    "        self.tokenizer = tiktoken.encoding_for_model(self.model_name)\n\n"
    "    async def ask(self, prompt):\n"
    "        reply = await self.client.chat.completions.create(\n"
    '            model=self.model_name, messages=[{"role": "user", "content": prompt}]\n'
    "        )\n"
    "        return reply.choices[0].message.content\n"
)


def kept(given: str, old: str, where: str, new: str, provider: str = "an Acme Cloud") -> str:
    return (
        f"tiktoken.encoding_for_model() is given {given}{old!r} ({where}), which apply maps to "
        f"{new!r}, {provider} model tiktoken does not know (KeyError); apply gives it {old!r} "
        f"instead: tokens are counted as that OpenAI model counts them (an estimate for {new})"
    )


def rows(found):
    return [(line, rule, fix, message) for line, _, rule, _, fix, message in found]


def test_the_trial_repro_keeps_the_openai_model_for_tiktoken(registry):
    found, after = migrated(registry, PROVIDER, provider="moonshot")
    # the default model thinks unless told not to: ML118 passes the switch (t48b, session 48)
    assert after == PROVIDER.replace(
        'model_name: str = "gpt-3.5-turbo-0125"', 'model_name: str = "kimi-k2.6"'
    ).replace(
        "encoding_for_model(self.model_name)", 'encoding_for_model("gpt-3.5-turbo-0125")'
    ).replace(
        "create(\n            model=",
        'create(\n            extra_body={"thinking": {"type": "disabled"}},\n            model=',
    )
    assert [r for r in rows(found) if r[1] in ("ML204", "ML207")] == [
        (
            6,
            "ML204",
            "review",
            "default of model_name = 'gpt-3.5-turbo-0125' maps to 'kimi-k2.6' on Moonshot AI "
            "(Kimi)",
        ),
        (
            9,
            "ML207",
            "review",
            kept(
                "self.model_name, ",
                "gpt-3.5-turbo-0125",
                "default of model_name, line 6",
                "kimi-k2.6",
                "a Moonshot AI (Kimi)",
            ),
        ),
    ]


BOT = "import tiktoken\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
ASK = "    return client.chat.completions.create(model={}, messages=[])\n"


@pytest.mark.parametrize(
    ("body", "before", "after", "message"),
    [
        # a constant not named like a model, sent as model= (ML202): was mapped unreported
        (
            'DEFAULT = "gpt-4o"\n\n\ndef ask(text):\n'
            "    n = len(tiktoken.encoding_for_model(DEFAULT).encode(text))\n"
            + ASK.format("DEFAULT"),
            "encoding_for_model(DEFAULT)",
            'encoding_for_model("gpt-4o")',
            kept("DEFAULT, ", "gpt-4o", "constant DEFAULT, line 5", "acme-large"),
        ),
        # a parameter's default, read by both in the function
        (
            '\ndef ask(text, model="gpt-4o-mini"):\n'
            "    n = len(tiktoken.encoding_for_model(model).encode(text))\n" + ASK.format("model"),
            "encoding_for_model(model)",
            'encoding_for_model("gpt-4o-mini")',
            kept("model, ", "gpt-4o-mini", "default of model, line 6", "acme-small"),
        ),
        # a variable of the function, also sent
        (
            '\ndef ask(text):\n    model = "gpt-4o"\n'
            "    n = len(tiktoken.encoding_for_model(model).encode(text))\n" + ASK.format("model"),
            "encoding_for_model(model)",
            'encoding_for_model("gpt-4o")',
            kept("model, ", "gpt-4o", "variable model, line 7", "acme-large"),
        ),
        # a class attribute read as self.name
        (
            '\nclass Bot:\n    name: str = "gpt-4o"\n\n    def __init__(self):\n'
            "        self.enc = tiktoken.encoding_for_model(self.name)\n\n"
            "    def ask(self):\n"
            "        return client.chat.completions.create(model=self.name, messages=[])\n",
            "encoding_for_model(self.name)",
            'encoding_for_model("gpt-4o")',
            kept("self.name, ", "gpt-4o", "attribute Bot.name, line 7", "acme-large"),
        ),
        # through a name bound to the attribute, in a try whose KeyError handler raises again
        (
            '\nclass Bot:\n    def __init__(self, model_name="gpt-4o"):\n'
            "        self.model_name = model_name\n"
            "        m = self.model_name\n        try:\n"
            "            self.enc = tiktoken.encoding_for_model(m)\n"
            "        except KeyError:\n"
            '            raise ValueError(f"no tokenizer for {m}")\n\n'
            "    def ask(self):\n"
            "        return client.chat.completions.create(model=self.model_name, messages=[])\n",
            "encoding_for_model(m)",
            'encoding_for_model("gpt-4o")',
            kept("m, ", "gpt-4o", "default of model_name, line 7", "acme-large"),
        ),
        # a variable bound twice, both read by the lookup and sent: the first in the text
        (
            '\ndef ask(text, cheap):\n    model = "gpt-4o"\n    if cheap:\n'
            '        model = "gpt-4o-mini"\n'
            "    n = len(tiktoken.encoding_for_model(model).encode(text))\n" + ASK.format("model"),
            "encoding_for_model(model)",
            'encoding_for_model("gpt-4o")',
            kept("model, ", "gpt-4o", "variable model, line 7", "acme-large"),
        ),
        # two literals reach it: the first in the text
        (
            '\nclass Bot:\n    def __init__(self, model="gpt-4o"):\n'
            "        self.model = model\n\n    def cheap(self):\n"
            '        self.model = "gpt-3.5-turbo"\n\n'
            "    def count(self, text):\n"
            "        return len(tiktoken.encoding_for_model(self.model).encode(text))\n\n"
            "    def ask(self):\n"
            "        return client.chat.completions.create(model=self.model, messages=[])\n",
            "encoding_for_model(self.model)",
            'encoding_for_model("gpt-4o")',
            kept("self.model, ", "gpt-4o", "default of model, line 7", "acme-large"),
        ),
    ],
)
def test_a_mapped_setting_reaching_the_lookup_is_replaced_there(
    registry, body, before, after, message
):
    text = BOT + body
    found, applied = migrated(registry, text)
    assert before in text and before not in applied and after in applied
    assert [r for r in rows(found) if r[1] == "ML207"] == [
        (text[: text.index(before)].count("\n") + 1, "ML207", "review", message)
    ]
    # the settings themselves are mapped as before
    assert '"gpt-4o"' not in applied.replace(after, "")
    assert '"gpt-4o-mini"' not in applied.replace(after, "")


COUNTER = (
    "import tiktoken\n\n\n"
    "def count(text):\n"
    '    model = "gpt-4o-mini"\n'
    "    return len(tiktoken.encoding_for_model(model).encode(text))\n"
)


def test_a_variable_only_tiktoken_reads_is_a_token_counters_and_stays(registry):
    # given the literal instead, the variable would be read nowhere (ruff F841): ML204 leaves
    # it, naming the lookup, and ML207 has nothing to say (t48b, found beside defect 3)
    found, after = migrated(registry, COUNTER)
    assert after == COUNTER
    assert rows(found) == [
        (
            5,
            "ML204",
            "none",
            "variable model = 'gpt-4o-mini' (tiktoken.encoding_for_model() on line 6 reads "
            "it): a token counter's model, which no request of the module sends; apply leaves "
            "it OpenAI's, which tiktoken knows",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a token counter's default (ML204 leaves it): a caller may pass the provider's model
        'import tiktoken\n\n\ndef count(text, model="gpt-4o"):\n'
        "    return len(tiktoken.encoding_for_model(model).encode(text))\n",
        # the variable is bound twice, only tiktoken reads it: a token counter's, left (and
        # what input() gives may still be the provider's model)
        "import tiktoken\n\n\ndef count(text, cheap):\n"
        '    model = "gpt-4o"\n    if cheap:\n        model = input()\n'
        "    return len(tiktoken.encoding_for_model(model).encode(text))\n",
    ],
)
def test_without_a_mapped_literal_the_lookup_stays_a_warning(registry, text):
    found, after = migrated(registry, text)
    lookups = [r for r in rows(found) if r[1] == "ML207"]
    assert [(rule, fix) for _, rule, fix, _ in lookups] == [("ML207", "manual")]
    assert "encoding_for_model(model)" in after


def test_a_model_the_provider_serves_already_is_left(registry):
    text = PROVIDER.replace("gpt-3.5-turbo-0125", "kimi-k2.6")
    found, after = migrated(registry, text, provider="moonshot")
    assert after == text
    assert [r[:3] for r in rows(found) if r[1] == "ML207"] == [(9, "ML207", "manual")]


def test_scan_says_review_and_check_passes_after_apply(tmp_path, monkeypatch):
    (tmp_path / "prov.py").write_text(PROVIDER, encoding="utf-8")
    # ML208: the project says where tiktoken's files are (a note, not a warning)
    (tmp_path / ".env").write_text("TIKTOKEN_CACHE_DIR=/opt/app/tiktoken\n")
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "moonshot", "--format", "json"])
    found = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML207"]
    assert [(f["line"], f["fix"], f["data"]) for f in found] == [
        (9, "review", {"tokenizer_model": "gpt-3.5-turbo-0125"})
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    check = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert check.exit_code == 0, check.stdout
    source = (tmp_path / "prov.py").read_text(encoding="utf-8")
    assert 'tiktoken.encoding_for_model("gpt-3.5-turbo-0125")' in source


# the trial's repro (t48d r7): open-interpreter's count_tokens, in a project calling litellm
COUNT_TOKENS = (
    "import tiktoken\n\n\n"
    'def count_tokens(text="", model="gpt-4"):\n'
    '    if "/" in model:\n'
    '        model = model.split("/")[-1]\n'
    "    try:\n"
    "        encoder = tiktoken.encoding_for_model(model)\n"
    "    except KeyError:\n"
    '        print(f"Could not find tokenizer for {model}. Defaulting to gpt-4 tokenizer.")\n'
    '        encoder = tiktoken.encoding_for_model("gpt-4")\n'
    "    return len(encoder.encode(text))\n"
)
CHAT = (
    "import litellm\n\n\n"
    "def ask(messages):\n"
    '    return litellm.completion(model="gpt-4o", messages=messages)\n'
)


def test_a_default_the_counter_takes_a_piece_of_stays_with_a_note(tmp_path, monkeypatch):
    (tmp_path / "tok.py").write_text(COUNT_TOKENS, encoding="utf-8")
    (tmp_path / "chat.py").write_text(CHAT, encoding="utf-8")
    # ML208: the project says where tiktoken's files are (a note, not a warning)
    (tmp_path / ".env").write_text("TIKTOKEN_CACHE_DIR=/opt/app/tiktoken\n")
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "deepseek", "--format", "json"])
    found = [
        f
        for f in json.loads(scan.stdout)["findings"]
        if f["path"] == "tok.py" and f["rule"] != "ML208"
    ]
    assert [(f["line"], f["rule"], f["severity"], f["fix"], f["message"]) for f in found] == [
        (
            4,
            "ML204",
            "note",
            "none",
            "default of model = 'gpt-4' (tiktoken.encoding_for_model() on line 8 reads it): a "
            "token counter's model, which no request of the module sends; apply leaves it "
            "OpenAI's, which tiktoken knows",
        )
    ]
    assert CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"]).exit_code == 0
    assert (tmp_path / "tok.py").read_text(encoding="utf-8") == COUNT_TOKENS
    assert CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"]).exit_code == 0


@pytest.mark.parametrize(
    "sent",
    [
        # the piece is sent too
        "    return litellm.completion(model=model, messages=[])\n",
        # the piece is handed to something the module does not show
        "    return other(model)\n",
    ],
)
def test_a_piece_of_the_default_that_reaches_more_than_the_counter_is_mapped(registry, sent):
    text = (
        "import litellm\nimport tiktoken\n\n\n"
        'def ask(text="", model="gpt-4o"):\n'
        '    model = model.split("/")[-1]\n'
        "    n = len(tiktoken.encoding_for_model(model).encode(text))\n" + sent
    )
    found, after = migrated(registry, text)
    assert [r[:3] for r in rows(found) if r[1] == "ML204"] == [(5, "ML204", "review")]
    assert 'def ask(text="", model="acme' in after
