"""Golden before/after cases for `apply` on Python code, each checked for idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner, ParseFailure, migrate_text
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.rules.base import RuleContext

# The key of a client built at import time is read with a placeholder default, so that
# importing the module works without the variable set.
KEY = 'api_key=os.environ.get("ACME_API_KEY", "unset")'
URL = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
ACME_ENV = f"    {KEY},\n    {URL},\n"


def migrate(registry, text, provider="acme", region=None, models=(), name="app.py"):
    ctx = RuleContext(registry, registry.get(provider), region, dict(models))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", name, name)


CASES = [
    pytest.param(
        "from openai import OpenAI\nclient = OpenAI()\n",
        f"import os\n\nfrom openai import OpenAI\nclient = OpenAI(\n{ACME_ENV})\n",
        id="bare-client",
    ),
    pytest.param(
        "import os\nimport openai as oa\n\nclient = oa.AsyncOpenAI(timeout=30, max_retries=2)\n",
        "import os\nimport openai as oa\n\n"
        f"client = oa.AsyncOpenAI(\n{ACME_ENV}    timeout=30,\n    max_retries=2,\n)\n",
        id="async-alias-keeps-other-arguments",
    ),
    pytest.param(
        'import openai\nc = openai.Client(api_key="sk-proj-0123456789abcdefghijKL", organization="org-1")\n',
        f"import os\n\nimport openai\nc = openai.Client(\n    {URL},\n    {KEY},\n)\n",
        id="secret-and-organization-removed",
    ),
    pytest.param(
        "import os\nfrom openai import OpenAI\n\n\ndef make():\n    return OpenAI(\n"
        '        api_key=os.environ["OPENAI_API_KEY"],  # the key\n'
        "        timeout=20,\n    )\n",
        "import os\nfrom openai import OpenAI\n\n\ndef make():\n    return OpenAI(\n"
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '        api_key=os.environ["ACME_API_KEY"],  # the key\n'
        "        timeout=20,\n    )\n",
        id="multi-line-call-keeps-layout-and-comments",
    ),
    pytest.param(
        "from openai import AzureOpenAI\n"
        'c = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="2024-06-01", timeout=5)\n',
        f"import os\n\nfrom openai import OpenAI\nc = OpenAI(\n{ACME_ENV}    timeout=5,\n)\n",
        id="azure-client-becomes-plain",
    ),
    pytest.param(
        'from openai import OpenAI\nc = OpenAI(base_url="http://localhost:8000/v1")\n',
        None,
        id="own-server-left-alone",
    ),
    pytest.param(
        '"""Models."""\nfrom openai import OpenAI\n\nMODEL = "gpt-4o"\nclient = OpenAI()\n\n\n'
        "def ask(q, embed_model='text-embedding-3-small'):\n"
        "    client.embeddings.create(model=embed_model, input=q)\n"
        "    return client.chat.completions.create(model=MODEL, messages=q)\n",
        '"""Models."""\nimport os\n\nfrom openai import OpenAI\n\nMODEL = "acme-large"\n'
        f"client = OpenAI(\n{ACME_ENV})\n\n\n"
        "def ask(q, embed_model='acme-embed'):\n"
        "    client.embeddings.create(model=embed_model, input=q)\n"
        "    return client.chat.completions.create(model=MODEL, messages=q)\n",
        id="constants-and-defaults-keep-their-quotes",
    ),
    pytest.param(
        "import os\n\n"
        'KEY = os.environ["OPENAI_API_KEY"]\n'
        'URL = os.getenv("OPENAI_BASE_URL", "https://api.openai.com/v1")\n'
        'ORG = os.getenv("OPENAI_ORG_ID")\n',
        "import os\n\n"
        'KEY = os.environ["ACME_API_KEY"]\n'
        'URL = os.getenv("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        'ORG = os.getenv("OPENAI_ORG_ID")\n',
        id="env-reads-switch-variables-not-values",
    ),
    pytest.param(
        "import openai\nopenai.api_key = key\nopenai.base_url = 'https://api.openai.com/v1/'\n"
        'openai.chat.completions.create(model="gpt-4o-mini", messages=[])\n',
        'import os\n\nimport openai\nopenai.api_key = os.environ.get("ACME_API_KEY", "unset")\n'
        'openai.base_url = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
        '.rstrip("/") + "/"\n'
        'openai.chat.completions.create(model="acme-small", messages=[])\n',
        id="module-client-configuration",
    ),
    pytest.param(
        "from openai import OpenAI\r\nc = OpenAI()\r\nc.chat.completions.create(model='gpt-4', messages=[])\r\n",
        "import os\r\n\r\nfrom openai import OpenAI\r\n"
        f"c = OpenAI(\r\n    {KEY},\r\n    {URL},\r\n)\r\n"
        "c.chat.completions.create(model='acme-large', messages=[])\r\n",
        id="crlf-stays-crlf",
    ),
    pytest.param(
        "import requests\nrequests.post('https://api.openai.com/v1/chat/completions', json={})\n",
        None,
        id="raw-http-reported-not-rewritten",
    ),
    pytest.param("import json\nprint(json.dumps({}))\n", None, id="nothing-to-do"),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_apply_golden(registry, before, after):
    change = migrate(registry, before)
    assert change.error is None
    assert change.after == (before if after is None else after)
    again = migrate(registry, change.after)
    assert again.after == change.after
    assert [f for f in again.findings if f.edit is not None] == []


def test_region_and_model_overrides(registry):
    before = "from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model='gpt-4o')\n"
    change = migrate(registry, before, region="intl", models=[("gpt-4o", "acme-custom")])
    assert 'os.environ.get("ACME_BASE_URL", "https://intl.acme.example/v1")' in change.after
    assert "model='acme-custom'" in change.after


def test_unknown_model_is_left_with_candidates(registry):
    before = "from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model='o1-pro')\n"
    change = migrate(registry, before)
    assert "model='o1-pro'" in change.after
    (left,) = [f for f in change.left if f.rule == "ML201"]
    assert (left.fix, left.severity) == (FixClass.MANUAL, Severity.WARNING)
    assert "choose one of acme-large, acme-medium, acme-small" in left.message


@pytest.mark.parametrize(("provider", "mapped"), [("qwen", None), ("siliconflow", "keeps")])
def test_a_completions_model_is_left_where_the_provider_serves_completions_in_part(
    registry, provider, mapped
):
    """The table's models are chat models; qwen serves /completions with Coder models only
    (Beijing), DeepSeek only FIM on its /beta base: the model is left, not a chat model put
    there. A provider that serves completions gets the table's model."""
    before = (
        "from openai import OpenAI\nc = OpenAI()\n"
        'c.completions.create(model="gpt-3.5-turbo-instruct", prompt="Say hi")\n'
    )
    change = migrate(registry, before, provider=provider)
    target = registry.get(provider)
    (found,) = [f for f in (*change.fixed, *change.left) if f.rule == "ML201"]
    if mapped is None:
        assert 'model="gpt-3.5-turbo-instruct"' in change.after
        assert (found.fix, found.message) == (
            FixClass.MANUAL,
            "model 'gpt-3.5-turbo-instruct' is sent to the completions API, which "
            f"{target.name} serves only in part (ML101), with models of its own: a chat model "
            f"there may be refused; choose one it serves there (see {target.docs}) or move the "
            "call to chat.completions, by hand (or pass --model gpt-3.5-turbo-instruct=NAME)",
        )
    else:
        new = target.map_model("gpt-3.5-turbo-instruct")
        assert (found.fix, f'model="{new}"' in change.after) == (FixClass.REVIEW, True)


def test_fixed_and_left_findings(registry):
    before = (
        'from openai import OpenAI\nc = OpenAI(api_key="sk-0123456789abcdefghijKL")\n'
        'c.moderations.create(input="x")\nc.chat.completions.create(model=m, messages=[])\n'
    )
    change = migrate(registry, before)
    assert sorted(f.rule for f in change.fixed) == ["ML001", "ML004"]
    assert [(f.rule, f.severity) for f in change.left] == [
        ("ML101", Severity.ERROR),
        ("ML101", Severity.NOTE),
        ("ML203", Severity.NOTE),  # model=m
    ]


def test_client_of_unserved_apis_only_is_left_on_openai(registry):
    """t49g/t49e: a client whose every request is to an API the target lacks keeps its URL
    and key (pointed at the target, each request would fail); ML001 says why."""
    before = (
        "from openai import OpenAI\nc = OpenAI()\n\n\ndef check(text):\n"
        '    return c.moderations.create(input=text, model="text-moderation-latest")\n'
    )
    change = migrate(registry, before)
    assert change.after == before
    assert [(f.rule, f.fix) for f in change.findings] == [
        ("ML001", FixClass.MANUAL),
        ("ML101", FixClass.MANUAL),
        ("ML201", FixClass.MANUAL),
    ]
    assert change.findings[0].message == (
        "OpenAI() talks to OpenAI (key from OPENAI_API_KEY); its only requests are "
        "moderations, which Acme Cloud does not serve: apply leaves it (base URL and key); "
        "keep it on OpenAI or point it at a provider that serves moderations, with that "
        "provider's key, by hand"
    )
    assert change.findings[0].data["unserved"] == ["moderations"]


@pytest.mark.parametrize(
    "use",
    [
        "c.chat.completions.create(model=m, messages=[])",  # one served request
        "send(c)",  # passed on: its requests are not all seen
        "ask = c.moderations.create",  # aliased
    ],
)
def test_client_with_other_uses_is_rewritten(registry, use):
    before = f'from openai import OpenAI\nc = OpenAI()\nc.moderations.create(input="x")\n{use}\n'
    change = migrate(registry, before)
    assert "ACME_BASE_URL" in change.after
    assert [f.fix for f in change.findings if f.rule == "ML001"] == [FixClass.SAFE]


@pytest.mark.parametrize(
    ("key", "unserved"),
    [
        ('os.environ["OPENAI_API_KEY"]', True),  # read in the call: left with it
        ("cfg.key", False),  # a key the program keeps: it may hold the provider's
        ("settings.OPENAI_API_KEY", False),  # a setting ML401 may switch to the provider's
    ],
)
def test_only_a_client_reading_openais_key_itself_is_left_for_its_unserved_apis(
    registry, key, unserved
):
    """Left on OpenAI, a client handed a key the program keeps would send there whatever
    that holds, the provider's key once ML401 switches the setting (DocsGPT's embedder read
    `settings.OPENAI_API_KEY`): only one reading OpenAI's key variable itself is left for
    its unserved APIs; the others are what ML001 makes of them without this."""
    before = (
        "import os\n\nfrom openai import OpenAI\n\nfrom app import cfg, settings\n\n"
        f"c = OpenAI(api_key={key})\n"
        'c.moderations.create(input="x")\n'
    )
    change = migrate(registry, before)
    [ml001] = [f for f in change.findings if f.rule == "ML001"]
    assert ("unserved" in ml001.data) is unserved
    assert ("its only requests are moderations" in ml001.message) is unserved


def test_identity_target_switches_nothing(registry):
    before = (
        "import os\nfrom openai import OpenAI\n"
        'c = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n'
        'c.chat.completions.create(model="gpt-4o", messages=[])\n'
    )
    change = migrate(registry, before, provider="openai")
    assert change.after == before
    assert [f.rule for f in change.findings] == ["ML101"]


def test_a_rewrite_that_would_not_parse_is_refused():
    finding_edit = Edit(Span(0, 1), "def (")
    from migrate_llm.model import Finding

    finding = Finding(
        "ML001", "client", Severity.ERROR, FixClass.SAFE, "m", 1, 1, 1, 2, edit=finding_edit
    )
    with pytest.raises(ParseFailure, match="the migrated code would not parse"):
        migrate_text("x = 1\n", "python", "app.py", [finding])


def test_file_that_does_not_parse_is_reported_and_left(registry):
    change = migrate(registry, "import openai\ndef f(:\n")
    assert change.after == change.before
    assert change.error is not None and change.error.line == 2


def test_moderation_model_mapped_to_a_chat_model_warns(registry):
    """t49g: `--model text-moderation-latest=glm-4-flash` is applied as asked, with a warning
    that the moderations API refuses a chat model."""
    before = (
        "from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model=m, messages=[])\n"
        'c.moderations.create(input="x", model="text-moderation-latest")\n'
    )
    change = migrate(registry, before, models={"text-moderation-latest": "acme-small"})
    assert 'c.moderations.create(input="x", model="acme-small")' in change.after
    found = [f for f in change.findings if f.rule == "ML201"]
    assert [(f.fix, f.message) for f in found] == [
        (
            FixClass.REVIEW,
            "model 'text-moderation-latest' maps to 'acme-small' on Acme Cloud (by --model or "
            "the configuration), a chat model, but this request goes to the moderations API, "
            "where a chat model is refused; Acme Cloud has no OpenAI-compatible moderations API "
            "(see https://docs.acme.example/openai): keep it on OpenAI or point it at a provider "
            "that serves moderations (its key and base URL), by hand; no catalogued provider "
            "offers it",
        )
    ]


def test_zhipu_moderation_model_is_its_own(registry):
    """t49g: Zhipu's content-safety model id is one of its models (no "neither" warning), and
    its /moderations is not OpenAI's (false: a different schema)."""
    zhipu = registry.get("zhipu")
    assert zhipu.serves("moderation") and zhipu.support("moderations") is False
    before = 'from openai import OpenAI\nc = OpenAI()\nc.moderations.create(input="x", model="moderation")\n'
    change = migrate(registry, before, provider="zhipu")
    assert change.after == before
    assert [(f.rule, f.fix) for f in change.findings] == [
        ("ML001", FixClass.MANUAL),
        ("ML101", FixClass.MANUAL),
        ("ML201", FixClass.NONE),
    ]


def test_unserved_client_bound_on_another_path_to_azure_is_left(registry):
    """t49e: DocsGPT's embedder binds `self.client` to AzureOpenAI() or OpenAI(); the plain
    one's only request is one the target lacks (images on Acme): it stays on OpenAI."""
    before = (
        "from openai import AzureOpenAI, OpenAI\n\n\nclass Draw:\n"
        "    def __init__(self, azure):\n        if azure:\n"
        "            self.client = AzureOpenAI(api_version=V)\n        else:\n"
        "            self.client = OpenAI()\n\n"
        "    def run(self, p):\n        return self.client.images.generate(prompt=p)\n"
    )
    change = migrate(registry, before)
    assert "            self.client = OpenAI()\n" in change.after
    assert [f.fix for f in change.findings if f.rule == "ML001"] == [FixClass.MANUAL]
