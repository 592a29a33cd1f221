"""Requests through clients of other services' own SDKs (Groq, Together: `frameworks/
other_sdks.py`) are theirs, shaped as OpenAI's (`client.chat.completions.create`) or not.

Session 61's trials (t61e, g1): in a module not importing openai, `apply --provider deepseek`
rewrote `MODEL = "gpt-4o-mini"` sent only through `Groq()` to DeepSeek's model (ML204) and gave
the request DeepSeek's thinking switch (ML118), and a literal `model="gpt-4o"` on a Together
client was ML206/ML118/ML111's "SDK call through a client this module does not trace"; in a
module importing openai, `self.client = Groq()` was a probable OpenAI client (ML005, ML101,
ML201, ML111, ML118)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli_findings import cli, finding_rows, run_json, write_here

GROQ_CONSTANT = """import os

from groq import Groq

MODEL = "gpt-4o-mini"

client = Groq(api_key=os.environ["GROQ_API_KEY"])


def ask(prompt, model=MODEL):
    return client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": prompt}],
        temperature=1.5,
    )
"""

GROQ_CLASS = """from groq import Groq


class Bot:
    def __init__(self, model="gpt-4o"):
        self.client = Groq()
        self.model = model

    def ask(self, prompt):
        return self.client.chat.completions.create(
            model=self.model, messages=[{"role": "user", "content": prompt}]
        )
"""

TOGETHER_DEFAULT = """from together import Together

client = Together()


def ask(prompt, model="gpt-4o-mini"):
    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}])
"""

ASYNC_GROQ_LITERAL = """import groq

client = groq.AsyncGroq()


async def ask(prompt):
    return await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": prompt}], n=3
    )
"""


@pytest.mark.parametrize("text", [GROQ_CONSTANT, GROQ_CLASS, TOGETHER_DEFAULT, ASYNC_GROQ_LITERAL])
def test_a_module_without_openai_is_neither_reported_nor_edited(tmp_path, monkeypatch, text):
    write_here(tmp_path, monkeypatch, {"app.py": text})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert (code, report["findings"]) == (0, [])
    assert cli("apply", ".", "--provider", "deepseek", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_bytes() == text.encode()
    assert cli("check", ".", "--provider", "deepseek").exit_code == 0


MIXED = """from groq import Groq
from openai import OpenAI


class Bot:
    def __init__(self):
        self.client = Groq()
        self.oai = OpenAI()

    def fast(self, prompt):
        return self.client.chat.completions.create(
            model="llama-3.1-8b-instant", messages=[{"role": "user", "content": prompt}], n=2
        )

    def smart(self, prompt):
        return self.oai.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": prompt}]
        )
"""


def test_a_groq_client_beside_an_openai_one_leaves_the_openai_findings_as_they_were(
    tmp_path, monkeypatch
):
    """Before: the Groq request (line 11) was a probable OpenAI request: ML005 manual, ML101,
    ML118 manual, ML201 manual on 'llama-3.1-8b-instant', ML111 manual on n=2."""
    write_here(tmp_path, monkeypatch, {"app.py": MIXED})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert finding_rows(report, "line", "column", "rule", "fix") == [
        (8, 20, "ML001", "safe"),
        (16, 16, "ML101", "none"),
        (16, 16, "ML118", "review"),
        (17, 19, "ML201", "review"),
    ]
    assert cli("apply", ".", "--provider", "deepseek", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == MIXED_AFTER
    assert cli("apply", ".", "--provider", "deepseek", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == MIXED_AFTER


MIXED_AFTER = """import os

from groq import Groq
from openai import OpenAI


class Bot:
    def __init__(self):
        self.client = Groq()
        self.oai = OpenAI(
            api_key=os.environ["DEEPSEEK_API_KEY"],
            base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
        )

    def fast(self, prompt):
        return self.client.chat.completions.create(
            model="llama-3.1-8b-instant", messages=[{"role": "user", "content": prompt}], n=2
        )

    def smart(self, prompt):
        return self.oai.chat.completions.create(
            extra_body={"thinking": {"type": "disabled"}},
            model="deepseek-v4-pro", messages=[{"role": "user", "content": prompt}]
        )
"""


def test_a_constant_sent_through_groq_and_the_module_client_is_left_to_a_person(
    tmp_path, monkeypatch
):
    """A module importing openai: the constant sent only through Groq stays; one also sent
    through the module-level client is left (ML202, manual, s63): mapped, as before, Groq got
    the provider's model too."""
    text = (
        "import openai\nfrom groq import Groq\n\n"
        "groq_client = Groq()\n"
        'GROQ_MODEL = "gpt-4o-mini"\n'
        'SHARED = "gpt-4o"\n\n\n'
        "def fast(prompt, model=GROQ_MODEL):\n"
        "    return groq_client.chat.completions.create(model=model, messages=[])\n\n\n"
        "def both(prompt):\n"
        "    groq_client.chat.completions.create(model=SHARED, messages=[])\n"
        "    return openai.chat.completions.create(model=SHARED, messages=[])\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": text})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    # before: also (5, "ML204", "review"), GROQ_MODEL rewritten to deepseek-flash
    assert finding_rows(report, "line", "rule", "fix") == [
        (6, "ML202", "manual"),
        (15, "ML102", "manual"),
        (15, "ML118", "review"),
    ]
    assert finding_rows(report, "message", rules=["ML202"]) == [
        (
            "constant SHARED = 'gpt-4o' (used as model= on line 15) is also sent as model= on "
            "line 14 to groq_client.chat.completions.create(), a request through another "
            "service's own SDK client, which never reaches OpenAI: mapped, that request would "
            "get 'deepseek-v4-pro' too; apply leaves it: give the OpenAI requests a setting of "
            "their own, by hand",
        )
    ]


def test_the_targets_own_sdk_still_gets_the_providers_model(tmp_path, monkeypatch):
    """ZhipuAI's client talks to Zhipu AI itself: with Zhipu AI the target, the OpenAI model
    sent through it is mapped as before (`[detect] sdk_clients`); with DeepSeek, left."""
    text = (
        'from zhipuai import ZhipuAI\n\nMODEL = "gpt-4o"\nclient = ZhipuAI()\n'
        "client.chat.completions.create(model=MODEL, messages=[])\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": text})
    _, zhipu = run_json("scan", ".", "--provider", "zhipu")
    assert finding_rows(zhipu, "line", "rule", "fix") == [
        (3, "ML204", "review"),
        (5, "ML118", "manual"),
    ]
    _, deepseek = run_json("scan", ".", "--provider", "deepseek")
    assert deepseek["findings"] == []


def test_an_unresolved_client_stays_a_probable_openai_one(tmp_path: Path, monkeypatch):
    """A client given as a parameter cannot be resolved: its request keeps the findings of
    an untraced SDK call."""
    text = (
        'MODEL = "gpt-4o-mini"\n\n\n'
        "def ask(client, prompt, model=MODEL):\n"
        "    return client.chat.completions.create(model=model, messages=[])\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": text})
    _, report = run_json("scan", ".", "--provider", "deepseek")
    assert finding_rows(report, "line", "rule", "fix") == [
        (1, "ML204", "review"),
        (5, "ML101", "none"),
        (5, "ML118", "review"),
    ]


def test_a_class_attribute_built_by_groq_is_groqs(tmp_path, monkeypatch):
    """Before: ML005 manual, ML101, ML118 manual and ML201 manual on the Groq request of a
    module importing openai."""
    text = (
        "import openai\nfrom groq import Groq\n\n\nclass Bot:\n    client = Groq()\n\n"
        "    def ask(self, prompt):\n"
        '        return self.client.chat.completions.create(model="llama-3.1-8b-instant", '
        "messages=[])\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": text})
    assert run_json("scan", ".", "--provider", "deepseek")[1]["findings"] == []


def test_a_groq_client_built_only_when_its_key_is_set_is_groqs(tmp_path, monkeypatch):
    """`Groq(api_key=KEY) if KEY else None` beside an Azure client (a module importing
    openai): before, ML005 manual, ML101, ML118 manual and ML201 manual on the Groq
    request."""
    text = (
        "import os\n\nfrom groq import Groq\nfrom openai import AzureOpenAI\n\n"
        'GROQ_API_KEY = os.environ.get("GROQ_API_KEY", "")\n'
        "groq_client = Groq(api_key=GROQ_API_KEY) if GROQ_API_KEY else None\n\n\n"
        "def fast(prompt):\n"
        '    return groq_client.chat.completions.create(model="llama-3.1-8b-instant", '
        "messages=[])\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": text})
    assert run_json("scan", ".", "--provider", "deepseek")[1]["findings"] == []


SUBCLASS_OPENAI = """from groq import Groq
from openai import OpenAI

MODEL = "gpt-4o-mini"


class Bot:
    def __init__(self):
        self.client = Groq()

    def ask(self, prompt):
        return self.client.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": prompt}]
        )


class OpenAIBot(Bot):
    def __init__(self):
        self.client = OpenAI()
"""

SUBCLASS_OPENAI_AFTER = """import os

from groq import Groq
from openai import OpenAI

MODEL = "deepseek-flash"


class Bot:
    def __init__(self):
        self.client = Groq()

    def ask(self, prompt):
        return self.client.chat.completions.create(
            extra_body={"thinking": {"type": "disabled"}},
            model=MODEL, messages=[{"role": "user", "content": prompt}]
        )


class OpenAIBot(Bot):
    def __init__(self):
        self.client = OpenAI(
            api_key=os.environ["DEEPSEEK_API_KEY"],
            base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
        )
"""

SETATTR_OPENAI = """from groq import Groq
from openai import OpenAI

MODEL = "gpt-4o-mini"


class Bot:
    def __init__(self, use_groq=False):
        self.client = Groq()
        if not use_groq:
            self.reset()

    def reset(self):
        setattr(self, "client", OpenAI())

    def ask(self, prompt):
        return self.client.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": prompt}]
        )
"""

SETATTR_OPENAI_AFTER = """import os

from groq import Groq
from openai import OpenAI

MODEL = "deepseek-flash"


class Bot:
    def __init__(self, use_groq=False):
        self.client = Groq()
        if not use_groq:
            self.reset()

    def reset(self):
        setattr(
            self,
            "client",
            OpenAI(
                api_key=os.environ["DEEPSEEK_API_KEY"],
                base_url=os.environ.get(
                    "DEEPSEEK_BASE_URL", "https://api.deepseek.com"
                ),
            ),
        )

    def ask(self, prompt):
        return self.client.chat.completions.create(
            extra_body={"thinking": {"type": "disabled"}},
            model=MODEL, messages=[{"role": "user", "content": prompt}]
        )
"""


@pytest.mark.parametrize(
    ("text", "rows", "after"),
    [
        (
            SUBCLASS_OPENAI,
            [
                (4, 9, "ML202", "review"),
                (12, 16, "ML101", "none"),
                (12, 16, "ML118", "review"),
                (19, 23, "ML001", "safe"),
            ],
            SUBCLASS_OPENAI_AFTER,
        ),
        (
            SETATTR_OPENAI,
            [
                (4, 9, "ML202", "review"),
                (14, 33, "ML001", "safe"),
                (17, 16, "ML005", "manual"),
                (17, 16, "ML101", "none"),
                (17, 16, "ML118", "review"),
            ],
            SETATTR_OPENAI_AFTER,
        ),
    ],
    ids=["subclass", "setattr"],
)
def test_an_openai_client_the_instance_may_hold_keeps_the_request_openais(
    tmp_path, monkeypatch, text, rows, after
):
    """`self.client = Groq()` in the class of the request, but a subclass of the module
    assigns `self.client = OpenAI()`, or the class sets it by `setattr(self, "client",
    OpenAI())`: the request may go through the OpenAI client apply points at DeepSeek. Before
    (session 62), only the class's own `self.client =` was read: the request was Groq's, MODEL
    stayed 'gpt-4o-mini' (sent to DeepSeek) and check was green (rc 0)."""
    write_here(tmp_path, monkeypatch, {"app.py": text})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert finding_rows(report, "line", "column", "rule", "fix") == rows
    assert cli("check", ".", "--provider", "deepseek").exit_code == 1
    for _ in range(2):  # and again: nothing more to do
        assert cli("apply", ".", "--provider", "deepseek", "--yes").exit_code == 0
        assert (tmp_path / "app.py").read_bytes() == after.encode()
    assert cli("check", ".", "--provider", "deepseek").exit_code == 0


def test_an_openai_client_set_on_an_instance_outside_the_class_counts(tmp_path, monkeypatch):
    """`bot.client = OpenAI()` after `bot = Bot()`: Bot's `self.client` may be it."""
    text = (
        SUBCLASS_OPENAI.split("\n\nclass OpenAIBot")[0] + "\n\nbot = Bot()\nbot.client = OpenAI()\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": text})
    _, report = run_json("scan", ".", "--provider", "deepseek")
    assert finding_rows(report, "line", "column", "rule", "fix") == [
        (4, 9, "ML202", "review"),
        (12, 16, "ML101", "none"),
        (12, 16, "ML118", "review"),
        (18, 14, "ML001", "safe"),
    ]


def test_a_groq_client_assigned_by_a_base_class_is_groqs(tmp_path, monkeypatch):
    """The request in a subclass, `self.client = Groq()` in its base, nothing else writing
    it (a module importing openai): Groq's. Before, read as an OpenAI client (ML101, ML118
    manual, ML201 manual); a sibling class through the same base holding an OpenAI client
    does not change that, a `setattr(self, name, value)` with a name chosen at run time
    does."""
    text = (
        "import openai\nfrom groq import Groq\n\n\n"
        "class Base:\n    def __init__(self):\n        self.client = Groq()\n\n\n"
        "class Bot(Base):\n    def ask(self, prompt):\n"
        '        return self.client.chat.completions.create(model="llama-3.1-8b-instant", '
        "messages=[])\n\n\n"
        "class Other(Base):\n    def __init__(self):\n        self.client = openai.OpenAI()\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": text})
    _, report = run_json("scan", ".", "--provider", "deepseek")
    assert finding_rows(report, "line", "rule", "fix") == [(17, "ML001", "safe")]
    (tmp_path / "app.py").write_text(
        text.replace(
            "class Bot(Base):\n",
            "class Bot(Base):\n    def load(self, name, value):\n"
            "        setattr(self, name, value)\n\n",
        ),
        encoding="utf-8",
    )
    _, report = run_json("scan", ".", "--provider", "deepseek")
    assert finding_rows(report, "line", "rule", "fix") == [
        (15, "ML101", "none"),
        (15, "ML118", "manual"),
        (15, "ML201", "manual"),
        (20, "ML001", "safe"),
    ]
