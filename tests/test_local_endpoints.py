"""A client that reads OPENAI_BASE_URL but falls back to the app's own server is not OpenAI's.

gpt-researcher's "custom" embeddings branch: `os.getenv("OPENAI_BASE_URL",
"http://localhost:1234/v1")` is LM Studio unless the variable is set. `apply` must not point
it at the provider; the variables it reads are renamed where they change together (a key and
its base URL), the local default stays.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .provider_run import run_on_provider
from .searched_text import Searched

# the end of ML003's advice on a base URL computed at run time: it may be the program's own
OWN = "in place of OpenAI's; a server of your own needs no change"

LOCAL = """import os

from langchain_openai import OpenAIEmbeddings
from openai import OpenAI

emb = OpenAIEmbeddings(
    model="nomic-embed-text",
    openai_api_key=os.getenv("OPENAI_API_KEY", "custom"),
    openai_api_base=os.getenv("OPENAI_BASE_URL", "http://localhost:1234/v1"),
)
client = OpenAI(base_url=os.getenv("OPENAI_BASE_URL", "http://localhost:1234/v1"))
"""


def findings(registry, text):
    return check_python(text, RuleContext(registry, registry.get("zhipu")), PYTHON_RULES)


def test_a_local_default_behind_openais_variable_is_left_and_named(registry):
    client_rows = [
        (f.line, f.rule, f.fix.value, f.message)
        for f in findings(registry, LOCAL)
        if f.rule in ("ML001", "ML003", "ML601")
    ]
    where = "environment variable OPENAI_BASE_URL (default http://localhost:1234/v1) at run time"
    assert client_rows == [
        (
            6,
            "ML601",
            "manual",
            f"OpenAIEmbeddings() (LangChain) takes its base URL from {where} and its key from "
            "OPENAI_API_KEY; make sure they are Zhipu AI (GLM)'s "
            "(https://open.bigmodel.cn/api/paas/v4, the key from ZAI_API_KEY), and pass "
            "check_embedding_ctx_length=False, chunk_size=64 there",
        ),
        (
            11,
            "ML003",
            "manual",
            f"OpenAI() takes its base URL from {where} and its key from OPENAI_API_KEY; make "
            "sure they are Zhipu AI (GLM)'s (https://open.bigmodel.cn/api/paas/v4, the key from "
            f"ZAI_API_KEY) {OWN}",
        ),
    ]


def test_apply_leaves_the_variables_of_a_local_default(registry):
    """The embeddings class's key and base URL read OpenAI's variables, the URL defaulting to
    LM Studio: renamed together, Zhipu's key went there while ZAI_BASE_URL was unset (trial
    37's G), so both stay, the key's message saying why. The client is given no key (the SDK
    reads OPENAI_API_KEY, which stays): its base URL's variable stays with it, or setting
    ZAI_BASE_URL would send the OpenAI key to Zhipu."""
    after, _ = migrate_text(LOCAL, "python", "app.py", findings(registry, LOCAL))
    assert after == LOCAL
    (key,) = [f for f in findings(registry, LOCAL) if f.rule == "ML401" and f.line == 8]
    assert (key.fix.value, key.message) == (
        "manual",
        "reads OPENAI_API_KEY, the key of OpenAIEmbeddings() on line 6, whose base URL "
        '`os.getenv("OPENAI_BASE_URL", "http://localhost:1234/v1")` defaults to a server on this '
        "machine: renamed, Zhipu AI (GLM)'s key would go there while ZAI_BASE_URL is unset; keep "
        "both for that server, or point both at Zhipu AI (GLM), by hand",
    )
    (left,) = [f for f in findings(registry, LOCAL) if f.rule == "ML401" and f.line == 11]
    assert (left.fix.value, left.message) == (
        "manual",
        "reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAI() on line 11, whose "
        "key (OPENAI_API_KEY, which it reads itself) apply leaves OpenAI's: switched, it would "
        "send that key to Zhipu AI (GLM); point both at Zhipu AI (GLM) (the key from "
        "ZAI_API_KEY) together, by hand",
    )


def test_an_openai_default_behind_the_variable_is_still_openais(registry):
    text = (
        "import os\nfrom openai import OpenAI\n"
        'c = OpenAI(base_url=os.getenv("OPENAI_BASE_URL", "https://api.openai.com/v1"))\n'
    )
    assert [f.rule for f in findings(registry, text) if f.rule in ("ML001", "ML003")] == ["ML001"]


CHAINS = """import os

from openai import OpenAI


def deepseek(url=None):
    base = url or os.getenv("DEEPSEEK_API_BASE") or "https://api.deepseek.com"
    return OpenAI(api_key=os.getenv("DEEPSEEK_API_KEY"), base_url=base)


def zhipu(cfg):
    base = cfg.base or os.getenv("ZAI_BASE_URL") or "https://open.bigmodel.cn/api/paas/v4"
    return OpenAI(api_key=os.getenv("OPENAI_API_KEY"), base_url=base)


def unset(url=None):
    return OpenAI(base_url=url or os.getenv("EXAMPLE_BASE_URL") or "", api_key="k")


def either(url=None):
    return OpenAI(base_url=url or os.getenv("OPENAI_BASE_URL") or "https://api.deepseek.com")
"""


def test_a_chain_of_ors_points_where_its_last_url_does(registry):
    # never None; with nothing before it naming OpenAI, the URL it falls back to decides
    rows = [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in findings(registry, CHAINS)
        if f.rule in ("ML003", "ML401")
    ]
    assert rows == [
        (
            8,
            "ML003",
            "note",
            "manual",
            "OpenAI() points at DeepSeek, not Zhipu AI (GLM); left as it is",
        ),
        (13, "ML003", "note", "none", "OpenAI() already points at Zhipu AI (GLM)"),
        (
            13,
            "ML401",
            "warning",
            "safe",
            "reads OPENAI_API_KEY; Zhipu AI (GLM)'s key is in ZAI_API_KEY (the OpenAI key is not "
            "copied)",
        ),
        (
            17,
            "ML003",
            "warning",
            "manual",
            'OpenAI() takes its base URL from `url or os.getenv("EXAMPLE_BASE_URL") or ""` at '
            "run time; make sure it names Zhipu AI (GLM) (https://open.bigmodel.cn/api/paas/v4) "
            f"{OWN}",
        ),
        (
            21,
            "ML003",
            "warning",
            "manual",
            'OpenAI() takes its base URL from `url or os.getenv("OPENAI_BASE_URL") or '
            '"https://api.deepsee…` at run time and its key from OPENAI_API_KEY; make sure '
            "they are Zhipu AI (GLM)'s (https://open.bigmodel.cn/api/paas/v4, the key from "
            f"ZAI_API_KEY) {OWN}",
        ),
        (
            # the client reads OPENAI_API_KEY: renamed, the base URL would take it to Zhipu
            21,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAI() on line 21, "
            "whose key (OPENAI_API_KEY, which it reads itself) apply leaves OpenAI's: switched, it "
            "would send that key to Zhipu AI (GLM); point both at Zhipu AI (GLM) (the key from "
            "ZAI_API_KEY) together, by hand",
        ),
    ]


ALIAS = """import os
import warnings

from openai import OpenAI


def make():
    base = os.getenv("OPENAI_API_BASE") or os.getenv("OPENAI_BASE_URL") or "https://api.openai.com/v1"
    if os.environ.get("OPENAI_API_BASE"):
        warnings.warn("use OPENAI_BASE_URL", DeprecationWarning)
    return OpenAI(base_url=base)
"""


def test_openai_v0s_name_beside_the_current_one_is_left_to_remove(registry):
    # renamed too, both would read ZAI_BASE_URL, and the deprecation branch would warn
    # whenever the variable the user was told to set is set (mem0)
    rows = [
        (f.line, f.fix.value, f.message) for f in findings(registry, ALIAS) if f.rule == "ML401"
    ]
    # the client reads OPENAI_API_KEY itself: its base URL's variables, and OpenAI's URL the
    # chain falls back to, stay with that key (the old name too: it is that client's URL)
    kept = (
        "not switched: it is the base URL of OpenAI() on line 11, whose key (OPENAI_API_KEY, "
        "which it reads itself) apply leaves OpenAI's: switched, it would send that key to Zhipu "
        "AI (GLM); point both at Zhipu AI (GLM) (the key from ZAI_API_KEY) together, by hand"
    )
    assert rows[0] == (8, "manual", f"reads OPENAI_API_BASE; {kept}")
    assert rows[2] == (
        9,
        "manual",
        "reads OPENAI_API_BASE; not switched: it only shows or tests OPENAI_API_BASE, which the "
        "read on line 8 gives a client that is left (see there): renamed alone, it would name "
        "another endpoint than the one that client uses; both must name the same variable, by hand",
    )
    assert rows[1] == (8, "manual", f"reads OPENAI_BASE_URL; {kept}")
    urls = [
        (f.line, f.fix.value, f.message) for f in findings(registry, ALIAS) if f.rule == "ML402"
    ]
    assert urls == [(8, "manual", f"hard-coded OpenAI URL https://api.openai.com/v1; {kept}")]
    ctx = RuleContext(registry, registry.get("zhipu"))
    after, _ = migrate_text(ALIAS, "python", "app.py", check_python(ALIAS, ctx, PYTHON_RULES))
    assert after == ALIAS
    ml003 = [f.message for f in findings(registry, ALIAS) if f.rule == "ML003"]
    assert ml003 == [
        "OpenAI() takes its base URL from `base` at run time and its key from OPENAI_API_KEY; "
        "make sure they are Zhipu AI (GLM)'s (https://open.bigmodel.cn/api/paas/v4, the key "
        f"from ZAI_API_KEY) {OWN}"
    ]


def test_openai_v0s_name_stays_left_once_the_current_one_is_renamed(registry):
    """Given a key read that apply renames, the client's base URL moves too: the current name
    is renamed and the old one is still left, in the same words, once migrated."""
    text = ALIAS.replace(
        "return OpenAI(base_url=base)",
        'return OpenAI(api_key=os.environ["OPENAI_API_KEY"], base_url=base)',
    )
    ctx = RuleContext(registry, registry.get("zhipu"))
    after, _ = migrate_text(text, "python", "app.py", check_python(text, ctx, PYTHON_RULES))
    assert after == text.replace(
        '    base = os.getenv("OPENAI_API_BASE") or os.getenv("OPENAI_BASE_URL") or '
        '"https://api.openai.com/v1"\n',
        '    base = (\n        os.getenv("OPENAI_API_BASE")\n        or os.getenv("ZAI_BASE_URL")\n'
        '        or "https://open.bigmodel.cn/api/paas/v4"\n    )\n',
    ).replace('os.environ["OPENAI_API_KEY"]', 'os.environ["ZAI_API_KEY"]')
    left = [
        (f.line, f.fix.value, f.message)
        for f in findings(registry, after)
        if f.rule == "ML401" and "OPENAI_API_BASE" in f.message
    ]
    assert [(line, fix) for line, fix, _ in left] == [(9, "manual"), (13, "manual")]
    assert all("openai<1's name for OPENAI_BASE_URL" in message for _, _, message in left)


def test_the_text_is_searched_for_the_providers_name_once(registry):
    """Every read of openai<1's name searched the whole text for the provider's name of the
    variable: a search of the module for each read. It is searched for once."""
    counts = []
    for count in (5, 40):
        text = "import os\nfrom openai import OpenAI\n" + "".join(
            f"\n\ndef make_{i}():\n"
            '    base = os.getenv("OPENAI_API_BASE") or os.getenv("ZAI_BASE_URL")\n'
            "    return OpenAI(base_url=base)\n"
            for i in range(count)
        )
        words: list[str] = []
        ctx = RuleContext(registry, registry.get("zhipu"))
        found = check_python(Searched(text, words), ctx, PYTHON_RULES)
        reads = [f for f in found if f.rule == "ML401"]
        assert [(f.line, f.fix.value) for f in reads] == [
            (6 + 5 * i, "manual") for i in range(count)
        ]
        assert all(
            f.message.startswith("reads OPENAI_API_BASE; not switched: it is the base URL of")
            for f in reads
        )
        assert words.count('"ZAI_BASE_URL"') <= 1
        counts.append(len(words))
    assert counts[0] == counts[1]


FALLBACK = """import os

from openai import OpenAI


def make_client(url=None):
    key = os.getenv("OPENAI_API_KEY")
    base = url or os.getenv("OPENAI_BASE_URL") or "https://api.openai.com/v1"
    return OpenAI(api_key=key, base_url=base)


reply = make_client().chat.completions.create(
    model="gpt-4o", messages=[{"role": "user", "content": "ping"}]
)
print(reply.choices[0].message.content)
"""


def test_a_chain_falling_back_to_openai_moves_with_its_key(registry, server, tmp_path):
    # apply renames the variable and replaces the URL, so the key read goes along (mem0)
    rows = [(f.rule, f.fix.value) for f in findings(registry, FALLBACK) if f.rule.startswith("ML")]
    assert ("ML003", "manual") not in rows
    assert rows.count(("ML401", "safe")) == 2
    ctx = RuleContext(registry, registry.get("zhipu"))
    after, _ = migrate_text(FALLBACK, "python", "app.py", check_python(FALLBACK, ctx, PYTHON_RULES))
    assert after == (
        FALLBACK.replace('"OPENAI_API_KEY"', '"ZAI_API_KEY", "unset"')
        .replace('"OPENAI_BASE_URL"', '"ZAI_BASE_URL"')
        .replace("https://api.openai.com/v1", "https://open.bigmodel.cn/api/paas/v4")
        .replace('model="gpt-4o"', 'model="glm-5.3"')
    )
    (tmp_path / "app.py").write_text(after)
    run_on_provider(Path("app.py"), tmp_path, registry.get("zhipu"), server, tmp_path / "guard")
    [request] = server.requests
    assert request.headers["authorization"] == "Bearer test-key"
    assert request.body["model"] == registry.get("zhipu").models["gpt-4o"]


def test_a_run_time_fallback_behind_the_providers_variable_is_named(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(cfg):\n"
        '    return OpenAI(base_url=os.environ.get("ZAI_BASE_URL", cfg.api_base), '
        'api_key=os.environ["ZAI_API_KEY"])\n'
    )
    [message] = [f.message for f in findings(registry, text) if f.rule == "ML003"]
    assert message == (
        "OpenAI() takes its base URL from environment variable ZAI_BASE_URL (else "
        "`cfg.api_base`) at run time; make sure it names Zhipu AI (GLM) "
        "(https://open.bigmodel.cn/api/paas/v4) wherever it is set: the key it sends is Zhipu "
        "AI (GLM)'s (ZAI_API_KEY)"
    )


HAND_MIGRATED = """import os

from openai import OpenAI

a = OpenAI(api_key=os.environ["ZAI_API_KEY"], base_url=os.environ["ZAI_BASE_URL"])
b = OpenAI(api_key=os.getenv("ZAI_API_KEY"), base_url=os.getenv("ZAI_BASE_URL"))
c = OpenAI(api_key=os.environ.get("ZHIPUAI_API_KEY"), base_url=os.environ.get("ZAI_BASE_URL"))
d = OpenAI(
    api_key=os.environ["ZAI_API_KEY"],
    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
)
e = OpenAI(api_key=os.environ["ZAI_API_KEY"], base_url=os.environ["LLM_BASE_URL"])
f = OpenAI(api_key=os.environ["LLM_KEY"], base_url=os.environ["ZAI_BASE_URL"])
"""


def test_a_client_on_the_providers_own_variables_is_a_note(registry, tmp_path):
    """Migrated by hand (the trial's N2): the key and the base URL both read the target's own
    variables (`api_key_env`, `base_url_env`, `detect.env_vars`), so check passes; a read with
    no default says what happens where the variable is unset. A variable of another name, or
    a key not the target's, still has to be checked where it is set (warning)."""
    own = "Zhipu AI (GLM)'s variables: migrated"
    unset = (
        "; where ZAI_BASE_URL is unset the SDK sends the key to OPENAI_BASE_URL or OpenAI: set "
        "it, or give the read Zhipu AI (GLM)'s URL as its default"
    )
    rows = [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in findings(registry, HAND_MIGRATED)
        if f.rule == "ML003"
    ]
    assert rows == [
        (
            5,
            "note",
            "none",
            f"OpenAI() reads its base URL from ZAI_BASE_URL and its key from ZAI_API_KEY, {own}",
        ),
        (
            6,
            "note",
            "manual",
            "OpenAI() reads its base URL from ZAI_BASE_URL and its key from ZAI_API_KEY, "
            f"{own}{unset}",
        ),
        (
            7,
            "note",
            "manual",
            "OpenAI() reads its base URL from ZAI_BASE_URL and its key from ZHIPUAI_API_KEY, "
            f"{own}{unset}",
        ),
        (8, "note", "none", "OpenAI() already points at Zhipu AI (GLM)"),
        (
            12,
            "warning",
            "manual",
            "OpenAI() takes its base URL from environment variable LLM_BASE_URL at run time; "
            "make sure it names Zhipu AI (GLM) (https://open.bigmodel.cn/api/paas/v4) wherever "
            "it is set: the key it sends is Zhipu AI (GLM)'s (ZAI_API_KEY)",
        ),
        (
            13,
            "warning",
            "manual",
            "OpenAI() takes its base URL from environment variable ZAI_BASE_URL at run time; "
            "make sure it names Zhipu AI (GLM) (https://open.bigmodel.cn/api/paas/v4) wherever "
            "it is set: it reads ZAI_BASE_URL, Zhipu AI (GLM)'s variable",
        ),
    ]
    (tmp_path / "app.py").write_text(
        HAND_MIGRATED.replace("e = ", "# e = ").replace("f = ", "# f = ")
    )
    checked = CliRunner().invoke(app, ["check", str(tmp_path), "-p", "zhipu"])
    assert checked.exit_code == 0, checked.output


def test_a_base_url_set_on_the_mapping_before_the_call_is_the_programs(registry):
    # simonw/llm: a configured model's own endpoint went into `kwargs["base_url"]`; the
    # provider's URL merged over it redirected every such model to the provider
    text = (
        "import openai\n\n\ndef client(api_base=None, key=None):\n    kwargs = {}\n"
        '    if api_base:\n        kwargs["base_url"] = api_base\n    kwargs["api_key"] = key\n'
        "    return openai.OpenAI(**kwargs)\n"
    )
    rows = [(f.line, f.rule, f.fix.value, f.edit) for f in findings(registry, text)]
    assert [row[:3] for row in rows if row[1] in ("ML001", "ML003")] == [(9, "ML003", "manual")]
    assert all(row[3] is None for row in rows)


ELSEWHERE = """from openai import OpenAI

local = OpenAI(base_url="http://localhost:8000/v1", api_key="none")
other = OpenAI(base_url="https://api.deepseek.com", api_key="sk-none")


class Bot:
    def __init__(self):
        self.llm = OpenAI(base_url="https://llm.example.org/v1", api_key="none")

    def ask(self, text):
        return self.llm.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}], max_tokens=5
        )


a = local.chat.completions.create(model="gpt-4o", messages=[], max_tokens=5, n=3)
b = other.chat.completions.create(model="gpt-4o-mini", messages=[], max_tokens=5)
"""


def test_calls_through_a_client_pointed_elsewhere_are_left_alone(registry):
    # gpt-prompt-engineer's OctoAI client: its `max_tokens` was renamed "safe" for the
    # provider and its Llama model checked against the provider's list, so `check` failed
    rows = [(f.line, f.rule, f.fix.value) for f in findings(registry, ELSEWHERE)]
    assert rows == [(3, "ML003", "none"), (4, "ML003", "manual"), (9, "ML003", "none")]
    after, _ = migrate_text(ELSEWHERE, "python", "app.py", findings(registry, ELSEWHERE))
    assert after == ELSEWHERE


def test_a_name_also_bound_to_an_openai_client_is_migrated(registry):
    text = (
        "import sys\n\nfrom openai import OpenAI\n\n"
        'client = OpenAI(base_url="http://localhost:8000/v1", api_key="none")\n'
        'if "--cloud" in sys.argv:\n    client = OpenAI()\n'
        'r = client.chat.completions.create(model="gpt-4o", messages=[])\n'
    )
    rows = [(f.line, f.rule) for f in findings(registry, text)]
    # ML118: the provider's glm-5.3 always thinks, which gpt-4o did not (a note)
    assert rows == [(5, "ML003"), (7, "ML001"), (8, "ML101"), (8, "ML118"), (8, "ML201")]


PROPERTY = """import os

import openai


class Chat:
    def __init__(self, api_token=None, api_base=None):
        self.api_token = api_token or os.getenv("OPENAI_API_KEY")
        self.api_base = api_base or "https://api.openai.com/v1"
        self.client = openai.OpenAI(**self._client_params)

    @property
    def _client_params(self):
        return {"api_key": self.api_token, "base_url": self.api_base}

    def ask(self, text):
        return self.client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}]
        )


chat = Chat(api_token="passed-key", api_base=os.getenv("OPENAI_BASE_URL"))
print(chat.ask("ping").choices[0].message.content)
"""


def test_a_mapping_a_property_builds_keeps_the_key_the_caller_passes(registry, server, tmp_path):
    # pandas-ai: `OpenAI(**self._client_params)` got the provider's key merged over the
    # `api_token=` its users pass ("safe"), and its own tests failed without the variable
    ctx = RuleContext(registry, registry.get("zhipu"))
    found = check_python(PROPERTY, ctx, PYTHON_RULES)
    assert [(f.line, f.rule, f.fix.value) for f in found if f.fix.value != "none"] == [
        (8, "ML401", "safe"),
        (9, "ML402", "safe"),
        (17, "ML118", "manual"),
        (18, "ML201", "review"),
        (22, "ML401", "safe"),
    ]
    after, _ = migrate_text(PROPERTY, "python", "app.py", found)
    assert after == (
        PROPERTY.replace('"OPENAI_API_KEY"', '"ZAI_API_KEY"')
        .replace(
            '"https://api.openai.com/v1"',
            'os.environ.get(\n            "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n        )',
        )
        .replace('model="gpt-4o"', 'model="glm-5.3"')
        .replace(
            'chat = Chat(api_token="passed-key", api_base=os.getenv("OPENAI_BASE_URL"))',
            'chat = Chat(\n    api_token="passed-key",\n'
            '    api_base=os.getenv("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n)',
        )
    )
    assert [f for f in check_python(after, ctx, PYTHON_RULES) if f.fix.value != "none"] == []
    (tmp_path / "app.py").write_text(after)
    run_on_provider(Path("app.py"), tmp_path, registry.get("zhipu"), server, tmp_path / "guard")
    [request] = server.requests
    assert request.headers["authorization"] == "Bearer passed-key"


def test_a_base_url_that_may_be_none_gets_the_providers_only_with_a_key_not_openais(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "def own(url=None):\n"
        '    return OpenAI(api_key=os.environ["OPENAI_API_KEY"], base_url=url)\n\n\n'
        "def passed(url=None, key=None):\n"
        "    return OpenAI(api_key=key, base_url=url)\n"
    )
    rows = [(f.line, f.rule, f.fix.value) for f in findings(registry, text)]
    # OpenAI's key, which ML401 leaves for such a client, must not follow the URL
    assert rows == [(7, "ML003", "manual"), (7, "ML401", "manual"), (11, "ML003", "review")]
    after, _ = migrate_text(text, "python", "app.py", findings(registry, text))
    assert after == text.replace(
        "    return OpenAI(api_key=key, base_url=url)\n",
        "    return OpenAI(\n"
        '        api_key=os.environ.get("ZAI_API_KEY", "unset")\n'
        "        if not url\n"
        "        else (\n"
        "            key\n"
        "            or (\n"
        '                os.environ.get("ZAI_API_KEY", "unset")\n'
        '                if str(url).rstrip("/").lower()\n'
        "                in (\n"
        "                    os.environ.get(\n"
        '                        "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        "                    )\n"
        '                    .rstrip("/")\n'
        "                    .lower(),\n"
        '                    "https://open.bigmodel.cn/api/paas/v4",\n'
        '                    "https://api.z.ai/api/paas/v4",\n'
        "                )\n"
        "                else key\n"
        "            )\n"
        "        ),\n"
        "        base_url=url\n"
        '        or os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "    )\n",
    )


def test_a_key_set_on_the_mapping_in_several_places_is_named_by_the_last(registry):
    # libcst gives a name's references as a set: the value named must not depend on its order
    branches = "".join(
        f'    {"if" if i == 1 else "elif"} mode == {i}:\n        kwargs["api_key"] = key{i}\n'
        for i in range(1, 7)
    )
    text = (
        "import openai\n\n\ndef client(mode, url, key1, key2, key3, key4, key5, key6):\n"
        '    kwargs = {"base_url": url}\n' + branches + "    return openai.OpenAI(**kwargs)\n"
    )
    [message] = [f.message for f in findings(registry, text) if f.rule == "ML003"]
    assert "its key from `key6` (OPENAI_API_KEY when that is None)" in message


def test_a_mapping_a_base_class_elsewhere_builds_is_left_for_a_person(registry):
    # pandas-ai's real layout: `_client_params` lives in the base class's module, and the
    # merged provider key discarded the `api_token=` its users pass
    text = (
        "import os\n\nimport openai\n\nfrom base import Base\n\n\nclass Chat(Base):\n"
        "    def __init__(self, api_token=None):\n"
        '        self.api_token = api_token or os.getenv("OPENAI_API_KEY")\n'
        "        self.client = openai.OpenAI(**self._client_params)\n"
    )
    rows = [(f.line, f.rule, f.fix.value, f.message) for f in findings(registry, text)]
    assert [r[:3] for r in rows] == [(10, "ML401", "safe"), (11, "ML003", "manual")]
    assert rows[1][3].startswith(
        "OpenAI() takes its base URL from `**self._client_params` at run time"
    )


def test_a_base_url_the_program_computes_may_be_its_own_server(registry):
    # Langchain-Chatchat: `api_address()` is the app's own API server; told to name the
    # provider there, a person would break the app
    text = (
        "import openai\n\nfrom app.utils import api_address\n\n\ndef local_client():\n"
        '    return openai.Client(base_url=f"{api_address()}/v1", api_key="local")\n'
    )
    # a host the program computes is not one it is handed: it may be OpenAI's, so not left
    # as always given (t64 review: only a parameter or run-time data is)
    rows = [(f.line, f.rule, f.fix.value, f.message) for f in findings(registry, text)]
    assert rows == [
        (
            7,
            "ML003",
            "manual",
            'Client() takes its base URL from `f"{api_address()}/v1"` at run time; make sure it '
            f"names Zhipu AI (GLM) (https://open.bigmodel.cn/api/paas/v4) {OWN}",
        )
    ]
    # its key "NONE" is one OpenAI refuses: the app's own server, said so and left
    rows = [
        (f.line, f.rule, f.fix.value, f.message)
        for f in findings(registry, text.replace('api_key="local"', 'api_key="NONE"'))
    ]
    assert rows == [
        (
            7,
            "ML003",
            "none",
            'Client() takes its base URL from `f"{api_address()}/v1"` at run time and the key '
            "'NONE', which only a server of your own takes (OpenAI refuses it); left as it is",
        )
    ]


ATTRIBUTE_CHAIN = """import os

from openai import OpenAI


class Embedder:
    def __init__(self, url=None, api_key=None):
        self._api_key = api_key or os.environ.get("OPENAI_API_KEY")
        self._url = url or os.environ.get("OPENAI_API_BASE_URL")
        self.client = OpenAI(base_url=self._url, api_key=self._api_key)
"""


def test_a_url_attribute_falling_back_to_openais_variable_gets_one_fallback(registry):
    """camel's embedder: ML401 gives the variable's read the provider's URL as its default, so
    the client needs no second fallback, and what apply writes passes `check`."""
    ctx = RuleContext(registry, registry.get("zhipu"))
    found = check_python(ATTRIBUTE_CHAIN, ctx, PYTHON_RULES)
    assert [(f.rule, f.line, f.fix.value) for f in found] == [
        ("ML401", 8, "safe"),
        ("ML401", 9, "safe"),
    ]
    after, _ = migrate_text(ATTRIBUTE_CHAIN, "python", "app.py", found)
    assert after == (
        "import os\n\nfrom openai import OpenAI\n\n\nclass Embedder:\n"
        "    def __init__(self, url=None, api_key=None):\n"
        # the key tied to the caller's URL (t60a D7): another server keeps the caller's key
        "        self._api_key = api_key or (\n"
        '            os.environ.get("ZAI_API_KEY")\n'
        "            if not url\n"
        '            or str(url).rstrip("/").lower()\n'
        "            in (\n"
        '                os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")\n'
        '                .rstrip("/")\n'
        "                .lower(),\n"
        '                "https://open.bigmodel.cn/api/paas/v4",\n'
        '                "https://api.z.ai/api/paas/v4",\n'
        "            )\n"
        "            else api_key\n"
        "        )\n"
        "        self._url = url or os.environ.get(\n"
        '            "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        "        )\n"
        "        self.client = OpenAI(base_url=self._url, api_key=self._api_key)\n"
    )
    assert [
        (f.rule, f.severity.value, f.fix.value, f.message) for f in findings(registry, after)
    ] == [("ML003", "note", "none", "OpenAI() already points at Zhipu AI (GLM)")]


def test_a_fallback_after_a_url_that_already_has_one_points_at_the_provider(registry):
    """An earlier apply's output (the fallback twice): the first operand is never None."""
    text = (
        'import os\n\nfrom openai import OpenAI\n\nURL = "https://open.bigmodel.cn/api/paas/v4"\n'
        "\n\nclass Embedder:\n    def __init__(self, url=None):\n"
        '        self._url = url or os.environ.get("ZAI_BASE_URL", URL)\n'
        "        self.client = OpenAI(\n"
        '            base_url=self._url or os.environ.get("ZAI_BASE_URL", URL),\n'
        '            api_key=os.environ["ZAI_API_KEY"],\n        )\n'
    )
    assert [(f.rule, f.fix.value, f.message) for f in findings(registry, text)] == [
        ("ML003", "none", "OpenAI() already points at Zhipu AI (GLM)")
    ]


def test_a_run_time_url_beside_the_providers_key_is_not_said_to_reach_openai(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\nclass Gen:\n"
        "    def __init__(self, base_url=None):\n        self.base_url = base_url\n\n"
        "    def _kwargs(self):\n"
        '        return {"api_key": os.environ["ZAI_API_KEY"], "base_url": self.base_url}\n\n'
        "    def client(self):\n        return OpenAI(**self._kwargs())\n"
    )
    assert [(f.rule, f.fix.value, f.message) for f in findings(registry, text)] == [
        (
            "ML003",
            "manual",
            "OpenAI() takes its base URL from `self.base_url` at run time (OpenAI's when that "
            "is None); make sure it names Zhipu AI (GLM) (https://open.bigmodel.cn/api/paas/v4) "
            "wherever it is set: the key it sends is Zhipu AI (GLM)'s (ZAI_API_KEY)",
        )
    ]


KWARGS_PROGRAM = """from openai import OpenAI


def make_client(**cfg):
    return OpenAI(**cfg)


hosted = make_client(timeout=30)
local = make_client(api_key="local-key", base_url="{local}")
ping = [{{"role": "user", "content": "ping"}}]
print(hosted.chat.completions.create(model="gpt-4o", messages=ping).choices[0].message.content)
print(local.chat.completions.create(model="llama3", messages=ping).choices[0].message.content)
"""


def test_a_callers_server_and_key_in_kwargs_stay_and_the_rest_reach_the_provider(
    registry, server, tmp_path
):
    """crewAI's ollama and vllm clients passed their own URL and key through `**cfg`: they
    keep them, a client given neither reaches the provider with its key."""
    text = KWARGS_PROGRAM.format(local=f"{server.base}/local")
    ctx = RuleContext(registry, registry.get("zhipu"))
    changes = check_python(text, ctx, PYTHON_RULES)
    assert [(f.rule, f.fix.value) for f in changes if f.edit is not None] == [
        ("ML001", "review"),
        ("ML201", "review"),
    ]
    after, _ = migrate_text(text, "python", "app.py", changes)
    (tmp_path / "app.py").write_text(after)
    run_on_provider(Path("app.py"), tmp_path, registry.get("zhipu"), server, tmp_path / "guard")
    sent = [(r.path, r.headers["authorization"], r.body["model"]) for r in server.requests]
    assert sent == [
        ("/chat/completions", "Bearer test-key", registry.get("zhipu").models["gpt-4o"]),
        ("/local/chat/completions", "Bearer local-key", "llama3"),
    ]


LOCAL_SERVER = """from openai import OpenAI

from app.settings import endpoint


class LocalModel:
    def __init__(self):
        self.client = OpenAI(base_url=endpoint(), api_key="not-needed")

    def ask(self, model_id, prompt):
        reply = self.client.chat.completions.create(
            model=model_id, messages=[{"role": "user", "content": prompt}]
        )
        return reply.choices[0].message.content


def ollama(url):
    return OpenAI(base_url=url, api_key="Ollama").chat.completions.create(
        model="llama3", messages=[]
    )


def hosted(url):
    return OpenAI(base_url=url, api_key="YOUR_API_KEY")
"""


def test_a_run_time_url_with_a_key_only_local_servers_take_is_left(registry, tmp_path):
    """devika's LM Studio client: a URL from its config and the key "not-needed", which OpenAI
    refuses, is a server of the program's own: a note, its requests and models left, `check`
    passes; a placeholder to replace with a real key is still for a person to check."""
    rows = [(f.line, f.rule, f.severity.value, f.message) for f in findings(registry, LOCAL_SERVER)]
    local = "which only a server of your own takes (OpenAI refuses it); left as it is"
    assert rows == [
        (
            8,
            "ML003",
            "note",
            f"OpenAI() takes its base URL from `endpoint()` at run time and the key "
            f"'not-needed', {local}",
        ),
        (
            18,
            "ML003",
            "note",
            f"OpenAI() takes its base URL from `url` at run time and the key 'Ollama', {local}",
        ),
        (
            24,
            "ML003",
            "warning",
            "OpenAI() takes its base URL from `url` at run time (OpenAI's when that is None); "
            "make sure it names Zhipu AI (GLM) (https://open.bigmodel.cn/api/paas/v4) " + OWN,
        ),
    ]
    # without the placeholder key: nothing is left that may reach OpenAI
    (tmp_path / "local.py").write_text(LOCAL_SERVER.split("\n\n\ndef hosted")[0] + "\n")
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(tmp_path), "-p", "zhipu", "--no-cache"])
    assert result.exit_code == 0, result.output
    before = (tmp_path / "local.py").read_bytes()
    result = runner.invoke(app, ["apply", str(tmp_path), "-p", "zhipu", "--yes"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "local.py").read_bytes() == before


DEFAULTED = """import os

import openai


def ollama(async_client=False, **kwargs):
    base_url = kwargs.pop("base_url", "http://localhost:11434/v1")
    api_key = kwargs.pop("api_key", "ollama")
    client = (
        openai.AsyncOpenAI(base_url=base_url, api_key=api_key)
        if async_client
        else openai.OpenAI(base_url=base_url, api_key=api_key)
    )
    return client


def served(opts):
    return openai.OpenAI(base_url=opts.get("url", "http://127.0.0.1:8000/v1"), api_key=opts.key)


def from_env(key):
    return openai.OpenAI(base_url=os.getenv("LLM_URL", "http://localhost:8080/v1"), api_key=key)


def vllm(url):
    key = os.getenv("VLLM_KEY", "EMPTY")
    return openai.OpenAI(base_url=url, api_key=key)
"""


def test_a_local_server_given_as_the_default_of_a_run_time_value_is_left(registry, tmp_path):
    """instructor's Ollama branch: `kwargs.pop("base_url", "http://localhost:11434/v1")` and
    `kwargs.pop("api_key", "ollama")`. A URL on this machine or a key only a local server
    takes, given as the default of a read (`.pop`, `.get`, `getenv`, through a name bound
    once), says the same as written: a note, the client and its models left, check passes."""
    rows = [(f.line, f.rule, f.severity.value, f.message) for f in findings(registry, DEFAULTED)]
    local = "which only a server of your own takes (OpenAI refuses it); left as it is"
    ollama = (
        "takes its base URL from `base_url` at run time (http://localhost:11434/v1 by default, "
        f"a server of your own) and the key 'ollama' by default, {local}"
    )
    assert rows == [
        (10, "ML003", "note", f"AsyncOpenAI() {ollama}"),
        (12, "ML003", "note", f"OpenAI() {ollama}"),
        (
            18,
            "ML003",
            "note",
            'OpenAI() takes its base URL from `opts.get("url", "http://127.0.0.1:8000/…` at run '
            "time (http://127.0.0.1:8000/v1 by default, a server of your own); left as it is",
        ),
        (
            22,
            "ML003",
            "note",
            "OpenAI() takes its base URL from environment variable LLM_URL at run time "
            "(http://localhost:8080/v1 by default, a server of your own); left as it is",
        ),
        (
            27,
            "ML003",
            "note",
            f"OpenAI() takes its base URL from `url` at run time and the key 'EMPTY' by default, "
            f"{local}",
        ),
    ]
    [ollama_finding] = [f for f in findings(registry, DEFAULTED) if f.line == 12]
    assert ollama_finding.data == {
        "client": "OpenAI",
        "endpoint": "custom",
        "url": "http://localhost:11434/v1",
    }
    (tmp_path / "local.py").write_text(DEFAULTED)
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(tmp_path), "-p", "zhipu", "--no-cache"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["apply", str(tmp_path), "-p", "zhipu", "--yes"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "local.py").read_text() == DEFAULTED


def test_a_default_elsewhere_popped_from_a_mapping_is_left_as_it_is(registry):
    # a default on another host: the URL is always given and never OpenAI's unless a caller
    # passes OpenAI's (t64a: MaxKB's clients for servers of their own), so no fallback is
    # added (t58b D2: none could be tied to the key) and nothing is left to a person
    text = (
        "import openai\n\n\ndef make(**kw):\n    return openai.OpenAI(\n"
        '        base_url=kw.pop("base_url", "https://llm.example.net/v1"),\n'
        '        api_key=kw.pop("api_key", "sk-placeholder"),\n    )\n'
    )
    [finding] = findings(registry, text)
    assert (finding.rule, finding.severity.value, finding.fix.value, finding.message) == (
        "ML003",
        "note",
        "none",
        'OpenAI() takes its base URL from `kw.pop("base_url", "https://llm.example…` at run '
        "time, always given (https://llm.example.net/v1 by default) and never OpenAI's; left "
        "as it is",
    )
    assert finding.edit is None


OWN_SETTINGS = """import os

from langchain_openai import ChatOpenAI
from openai import OpenAI

client = OpenAI(api_key=os.environ["VLLM_API_KEY"], base_url=os.environ["VLLM_API_BASE"])
llm = ChatOpenAI(
    model=MODEL,
    openai_api_key=os.getenv("NEBIUS_KEY"),
    openai_api_base=os.getenv("NEBIUS_BASE", "https://api.studio.nebius.ai/v1/"),
)
"""


def test_a_client_on_the_programs_own_settings_for_another_server_is_a_note(registry):
    """gpt-researcher's vLLM and Nebius branches: key and base URL both from variables of its
    own, named for that server: an error or warning there could never clear."""
    text = OWN_SETTINGS.replace("MODEL", '"meta-llama/Llama-3-8B"')
    rows = [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message) for f in findings(registry, text)
    ]
    own = "the program's own settings for a server of its own (neither is OpenAI's variable)"
    assert rows == [
        (
            6,
            "ML003",
            "note",
            "none",
            "OpenAI() takes its base URL from VLLM_API_BASE and its key from VLLM_API_KEY, "
            f"{own}; left as it is: set them to Zhipu AI (GLM)'s if they should reach it",
        ),
        (
            7,
            "ML601",
            "note",
            "none",
            "ChatOpenAI() (LangChain) takes its base URL from NEBIUS_BASE and its key from "
            f"NEBIUS_KEY, {own}; left as it is: set them to Zhipu AI (GLM)'s if they should "
            "reach it",
        ),
    ]


def test_openais_url_or_model_beside_the_programs_own_variables_stay_reported(registry):
    text = OWN_SETTINGS.replace("MODEL", '"gpt-4o"').replace(
        'os.environ["VLLM_API_BASE"]', 'os.getenv("VLLM_API_BASE", "https://api.openai.com/v1")'
    )
    rows = [(f.line, f.rule, f.fix.value) for f in findings(registry, text)]
    assert ("ML003", "none") not in [(r, fix) for _, r, fix in rows]
    assert (7, "ML601", "none") not in rows


def test_an_embeddings_class_left_is_told_the_providers_batch_limit(registry):
    """DashScope takes 10 inputs a request where LangChain sends 1000: a class whose base URL
    is chosen at run time, left to a person, is told both settings it needs there (t37b's H);
    a chunk size already given is not asked for."""
    text = (
        "import os\n\nfrom langchain_openai import OpenAIEmbeddings\n\n"
        'emb = OpenAIEmbeddings(model="m", openai_api_base=os.environ["EMB_URL"]CHUNK)\n'
    )
    ctx = RuleContext(registry, registry.get("qwen"))

    def advice(chunk: str) -> str:
        found = check_python(text.replace("CHUNK", chunk), ctx, PYTHON_RULES)
        (message,) = [f.message for f in found if f.rule == "ML601"]
        return message.rpartition("the key from DASHSCOPE_API_KEY)")[2]

    assert advice("") == ", and pass check_embedding_ctx_length=False, chunk_size=10 there"
    assert advice(", chunk_size=5") == ", and pass check_embedding_ctx_length=False there"


FOUNDRY = """from foundry_local import FoundryLocalManager
from openai import AsyncOpenAI, OpenAI

manager = FoundryLocalManager("phi-4-mini")
client = AsyncOpenAI(base_url=manager.endpoint, api_key=manager.api_key)


class Bot:
    def __init__(self):
        self.local = FoundryLocalManager()
        self.client = OpenAI(base_url=self.local.endpoint, api_key=self.local.api_key)

    def ask(self, text):
        reply = self.client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}]
        )
        return reply.choices[0].message.content


direct = OpenAI(base_url=FoundryLocalManager("phi-4-mini").endpoint, api_key="unused")
"""


def test_the_server_a_local_model_manager_runs_is_left(registry, tmp_path):
    """Semantic Kernel's foundry_local_chatbot.py (t46c D6): `manager.endpoint` is the server
    Foundry Local runs on this machine and `manager.api_key` a word it ignores, so the client
    is a note as LM Studio's is: no fallback to the provider's URL or key (which the program
    would then send to localhost), its requests and models left, `check` passes."""
    local = "the server Foundry Local runs on this machine (a server of your own, whatever key it is given); left as it is"
    rows = [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in check_python(
            FOUNDRY, RuleContext(registry, registry.get("moonshot")), PYTHON_RULES
        )
    ]
    assert rows == [
        (
            5,
            "ML003",
            "note",
            "none",
            f"AsyncOpenAI() takes its base URL from `manager.endpoint`, {local}",
        ),
        (
            11,
            "ML003",
            "note",
            "none",
            f"OpenAI() takes its base URL from `self.local.endpoint`, {local}",
        ),
        (
            20,
            "ML003",
            "note",
            "none",
            f'OpenAI() takes its base URL from `FoundryLocalManager("phi-4-mini").endpoint`, {local}',
        ),
    ]
    [first] = [f for f in findings(registry, FOUNDRY) if f.line == 5]
    assert first.data == {
        "client": "AsyncOpenAI",
        "endpoint": "custom",
        "local_server": "Foundry Local",
    }
    (tmp_path / "chat.py").write_text(FOUNDRY)
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(tmp_path), "-p", "moonshot", "--no-cache"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["apply", str(tmp_path), "-p", "moonshot", "--yes"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "chat.py").read_text() == FOUNDRY


def test_another_objects_endpoint_is_still_a_run_time_url(registry):
    """Only the classes of the table give a local server's URL: `settings.endpoint` may be
    anything, and gets the provider's fallbacks as before."""
    text = FOUNDRY.replace(
        'manager = FoundryLocalManager("phi-4-mini")', "from config import manager"
    )
    rows = [
        (f.line, f.rule, f.fix.value)
        for f in check_python(text, RuleContext(registry, registry.get("moonshot")), PYTHON_RULES)
        if f.line == 5
    ]
    assert rows == [(5, "ML003", "review")]
