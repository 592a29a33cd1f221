"""Clients however they are built (issue 9): aliases, star imports, `default_factory=`, factory
functions, dicts of clients, `**kwargs`/`*args` constructors, and the import-time key pattern.

Each `apply` case gives the exact text after the client rules' edits (no line wrapping: the
layout pass is tested elsewhere), checks that it parses and that a second run edits nothing.
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
import sys
import textwrap
import traceback
from dataclasses import dataclass

import libcst as cst
import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.clients import CLIENT_RULES
from migrate_llm.rules.python import check_python
from migrate_llm.rules.python_context import PythonContext

KEY = 'os.environ["ACME_API_KEY"]'
KEY_AT_IMPORT = 'os.environ.get("ACME_API_KEY", "unset")'
URL = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
NO_WRAP = 10_000


def apply(registry, text: str, rules=CLIENT_RULES) -> str:
    """The text after `apply` for acme with `rules`; it parses and a second run edits nothing."""
    ctx = RuleContext(registry, registry.get("acme"))
    after, _ = migrate_text(text, "python", "app.py", check_python(text, ctx, rules), NO_WRAP)
    ast.parse(after)
    again = check_python(after, ctx, rules)
    assert [f.message for f in again if f.edit is not None] == []
    return after


def findings(registry, text: str, provider: str | None = "acme", rules=CLIENT_RULES):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [(f.line, f.rule, f.fix.value, f.message) for f in check_python(text, ctx, rules)]


def call_kinds(registry, text: str) -> list[tuple[int, str]]:
    """(line, kind) of every SDK call: "client" when traced to a construction."""
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    kinds: list[tuple[int, str]] = []

    class Calls(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            info = ctx.sdk_call(node)
            if info is not None:
                kinds.append((ctx.position(node)[0][0], info.kind))

    ctx.module.visit(Calls())
    return kinds


APPLY_CASES = [
    pytest.param(
        "from openai import OpenAI as Backend\n\nllm = Backend(timeout=5)\n",
        f"import os\n\nfrom openai import OpenAI as Backend\n\n"
        f"llm = Backend(api_key={KEY_AT_IMPORT}, base_url={URL}, timeout=5)\n",
        id="import-alias",
    ),
    pytest.param(
        "import openai\n\nBackend = openai.AsyncOpenAI\n\n\ndef make():\n    return Backend()\n",
        f"import os\n\nimport openai\n\nBackend = openai.AsyncOpenAI\n\n\ndef make():\n"
        f"    return Backend(api_key={KEY}, base_url={URL})\n",
        id="assigned-alias",
    ),
    pytest.param(
        "from openai import *\n\nclient = OpenAI()\n",
        f"import os\n\nfrom openai import *\n\nclient = OpenAI(api_key={KEY_AT_IMPORT}, base_url={URL})\n",
        id="star-import",
    ),
    pytest.param(
        "from dataclasses import dataclass, field\n\nfrom openai import OpenAI\n\n\n@dataclass\n"
        "class Bot:\n    client: OpenAI = field(default_factory=OpenAI)\n",
        "import os\nfrom dataclasses import dataclass, field\n\nfrom openai import OpenAI\n\n\n"
        "@dataclass\nclass Bot:\n"
        f"    client: OpenAI = field(default_factory=lambda: OpenAI(api_key={KEY}, base_url={URL}))\n",
        id="dataclass-default-factory",
    ),
    pytest.param(
        "import attrs\nimport openai\n\n\n@attrs.define\nclass Bot:\n"
        "    client = attrs.field(factory=openai.AsyncAzureOpenAI)\n",
        "import os\n\nimport attrs\nimport openai\n\n\n@attrs.define\nclass Bot:\n"
        "    client = attrs.field(factory=lambda: openai.AsyncOpenAI("
        f"api_key={KEY}, base_url={URL}))\n",
        id="attrs-factory-azure",
    ),
    pytest.param(
        "import attr\nfrom openai import OpenAI\n\n\n@attr.s\nclass Bot:\n"
        "    llm = attr.ib(default=attr.Factory(OpenAI))\n",
        "import os\n\nimport attr\nfrom openai import OpenAI\n\n\n@attr.s\nclass Bot:\n"
        f"    llm = attr.ib(default=attr.Factory(lambda: OpenAI(api_key={KEY}, base_url={URL})))\n",
        id="attr-factory-wrapper",
    ),
    pytest.param(
        "from openai import OpenAI\n\n\ndef make() -> OpenAI:\n    return OpenAI(max_retries=1)\n",
        f"import os\n\nfrom openai import OpenAI\n\n\ndef make() -> OpenAI:\n"
        f"    return OpenAI(api_key={KEY}, base_url={URL}, max_retries=1)\n",
        id="factory-function",
    ),
    pytest.param(
        'from openai import OpenAI\n\nCLIENTS = {"a": OpenAI(), "b": OpenAI(timeout=3)}\n',
        f'import os\n\nfrom openai import OpenAI\n\nCLIENTS = {{"a": OpenAI(api_key={KEY_AT_IMPORT}, '
        f'base_url={URL}), "b": OpenAI(api_key={KEY_AT_IMPORT}, base_url={URL}, timeout=3)}}\n',
        id="dict-of-clients",
    ),
    pytest.param(
        "import os\n\nfrom openai import OpenAI\n\n"
        'kw = {"api_key": os.environ["OPENAI_API_KEY"], "timeout": 5, "organization": "org-1"}\n'
        "client = OpenAI(**kw)\n",
        "import os\n\nfrom openai import OpenAI\n\n"
        f'kw = {{"base_url": {URL}, "api_key": {KEY_AT_IMPORT}, "timeout": 5}}\n'
        "client = OpenAI(**kw)\n",
        id="kwargs-dict-built-here-is-edited",
    ),
    pytest.param(
        "from openai import OpenAI\n\n\ndef make():\n    settings = dict(timeout=5, project='p')\n"
        "    return OpenAI(max_retries=2, **settings)\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n"
        f"    settings = dict(api_key={KEY}, base_url={URL}, timeout=5)\n"
        "    return OpenAI(max_retries=2, **settings)\n",
        id="kwargs-dict-call-built-here-is-edited",
    ),
    pytest.param(
        "from openai import OpenAI\n\n\ndef make(**kw):\n    return OpenAI(**kw)\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(**kw):\n"
        f'    return OpenAI(**{{**kw, "api_key": kw.get("api_key") or {KEY_AT_IMPORT}, '
        f'"base_url": kw.get("base_url") or {URL}}})\n',
        id="kwargs-parameter-is-merged-its-values-first",
    ),
    pytest.param(
        "from openai import AsyncOpenAI\n\n\ndef make(**cfg):\n"
        "    return AsyncOpenAI(timeout=3, **cfg)\n",
        "import os\n\nfrom openai import AsyncOpenAI\n\n\ndef make(**cfg):\n"
        f'    return AsyncOpenAI(timeout=3, **{{**cfg, "api_key": cfg.get("api_key") or {KEY_AT_IMPORT}, '
        f'"base_url": cfg.get("base_url") or {URL}}})\n',
        id="async-kwargs-parameter-its-values-first",
    ),
    pytest.param(
        'from openai import OpenAI\n\n\ndef make(base):\n    return OpenAI(**{**base, "timeout": 5})\n',
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(base):\n"
        '    return OpenAI(**{**{**base, "timeout": 5}, "api_key": base.get("api_key") or '
        f'{KEY_AT_IMPORT}, "base_url": base.get("base_url") or {URL}}})\n',
        id="inline-dict-over-a-mapping-reads-that-mapping",
    ),
    pytest.param(
        'from openai import OpenAI\n\n\ndef make(base):\n    return OpenAI(**{"timeout": 5})\n',
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(base):\n"
        f'    return OpenAI(**{{"api_key": {KEY}, "base_url": {URL}, "timeout": 5}})\n',
        id="inline-dict-shown-in-full-gets-the-provider-values",
    ),
    pytest.param(
        "from openai import OpenAI\n\n\ndef make(kw):\n    kw['timeout'] = 3\n"
        "    return OpenAI(timeout=1, **kw)\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(kw):\n    kw['timeout'] = 3\n"
        f'    return OpenAI(timeout=1, **{{**kw, "api_key": kw.get("api_key") or {KEY_AT_IMPORT}, '
        f'"base_url": kw.get("base_url") or {URL}}})\n',
        id="kwargs-changed-elsewhere-is-merged",
    ),
    pytest.param(
        # the caller's Azure configuration (key, endpoint, deployment) is in `**kw`: ML002
        # leaves it, manual (it used to become a provider client given deployment names)
        "from openai import AzureOpenAI\n\n\ndef make(**kw):\n    return AzureOpenAI(**kw)\n",
        "from openai import AzureOpenAI\n\n\ndef make(**kw):\n    return AzureOpenAI(**kw)\n",
        id="azure-kwargs-parameter-is-left",
    ),
    pytest.param(
        "from openai import AzureOpenAI\n\n\ndef make():\n"
        '    kw = {"azure_endpoint": "https://x.openai.azure.com", "api_version": "2024-06-01"}\n'
        "    return AzureOpenAI(**kw)\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n"
        f'    kw = {{"api_key": {KEY}, "base_url": {URL}}}\n'
        "    return OpenAI(**kw)\n",
        id="azure-kwargs-dict-built-here-is-edited",
    ),
    pytest.param(
        "from openai import OpenAI\n\n\ndef make(*args):\n    return OpenAI(*args)\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(*args):\n"
        f"    return OpenAI(*args, api_key={KEY}, base_url={URL})\n",
        id="star-args",
    ),
    pytest.param(
        "from openai import OpenAI\n\n\ndef make(*args, **kw):\n"
        "    return OpenAI(*args, organization='o', **kw)\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(*args, **kw):\n"
        f'    return OpenAI(*args, **{{**kw, "api_key": kw.get("api_key") or {KEY_AT_IMPORT}, '
        f'"base_url": kw.get("base_url") or {URL}}})\n',
        id="star-args-and-kwargs",
    ),
    pytest.param(
        "from openai import OpenAI\n\n\ndef make(base, **kw):\n"
        "    return OpenAI(**base, timeout=3, **kw)\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(base, **kw):\n"
        '    return OpenAI(**{k: v for k, v in base.items() if k != "api_key" and k != "base_url"}, '
        'timeout=3, **{**kw, "api_key": kw.get("api_key") or base.get("api_key") or '
        f'{KEY_AT_IMPORT}, "base_url": kw.get("base_url") or base.get("base_url") or {URL}}})\n',
        id="two-mappings-each-read-before-the-provider",
    ),
    pytest.param(
        'from openai import OpenAI\n\n\ndef a():\n    kw = {"organization": "o",}\n'
        '    return OpenAI(**kw)\n\n\ndef b():\n    return OpenAI(organization="o",)\n',
        "import os\n\nfrom openai import OpenAI\n\n\ndef a():\n"
        f'    kw = {{"api_key": {KEY}, "base_url": {URL}}}\n    return OpenAI(**kw)\n\n\n'
        f"def b():\n    return OpenAI(api_key={KEY}, base_url={URL})\n",
        id="only-item-dropped-with-its-trailing-comma",
    ),
    pytest.param(
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\nclass Bot:\n    shared = OpenAI()\n\n"
        "    def __init__(self):\n        self.own = OpenAI()\n",
        f"import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(api_key={KEY_AT_IMPORT}, "
        f"base_url={URL})\n\n\nclass Bot:\n    shared = OpenAI(api_key={KEY_AT_IMPORT}, base_url={URL})\n\n"
        f"    def __init__(self):\n        self.own = OpenAI(api_key={KEY}, base_url={URL})\n",
        id="import-time-and-in-function-keys",
    ),
]


@pytest.mark.parametrize(("before", "after"), APPLY_CASES)
def test_apply(registry, before, after):
    assert apply(registry, before) == after


def test_traced_calls_count_as_client_calls(registry):
    text = (
        "from dataclasses import dataclass, field\n"
        "from openai import *\n"
        "from openai import OpenAI as Backend\n"
        "\n"
        "\n"
        "def make():\n"
        "    return Backend()\n"
        "\n"
        "\n"
        "async def amake() -> AsyncOpenAI:\n"
        "    return build_somehow()\n"
        "\n"
        "\n"
        'CLIENTS = {"a": OpenAI()}\n'
        "c = make()\n"
        "\n"
        "\n"
        "@dataclass\n"
        "class Bot:\n"
        "    llm = field(default_factory=Backend)\n"
        "\n"
        "    def __init__(self):\n"
        "        self.c = make()\n"
        "\n"
        "    async def go(self, other):\n"
        "        self.llm.chat.completions.create(model=m, messages=[])\n"
        "        self.c.chat.completions.create(model=m, messages=[])\n"
        '        CLIENTS["a"].embeddings.create(model=m, input="x")\n'
        '        CLIENTS.get("a").embeddings.create(model=m, input="x")\n'
        "        c.chat.completions.create(model=m, messages=[])\n"
        "        make().chat.completions.create(model=m, messages=[])\n"
        "        (await amake()).chat.completions.create(model=m, messages=[])\n"
        "        other.chat.completions.create(model=m, messages=[])\n"
    )
    assert call_kinds(registry, text) == [
        (26, "client"),
        (27, "client"),
        (28, "client"),
        (29, "client"),
        (30, "client"),
        (31, "client"),
        (32, "client"),
        (33, "probable"),
    ]


def test_factory_defined_after_its_use_is_traced(registry):
    text = (
        "import openai\n\n\ndef run():\n    c = make()\n"
        "    return c.chat.completions.create(model=m, messages=[])\n\n\n"
        "def make():\n    return build()\n\n\ndef build():\n    return openai.OpenAI()\n"
    )
    assert call_kinds(registry, text) == [(6, "client")]


def test_a_shadowed_alias_is_not_a_client(registry):
    text = (
        "from openai import OpenAI as Backend\n\n\ndef f(Backend):\n    return Backend()\n"
        "\n\nfrom openai import *\n\n\ndef g():\n    OpenAI = object\n    return OpenAI()\n"
    )
    assert findings(registry, text, provider=None) == []


def test_models_are_mapped_through_an_aliased_client(registry):
    text = (
        "from openai import OpenAI as Backend\n\nb = Backend()\n"
        'b.chat.completions.create(model="gpt-4o", messages=[])\n'
    )
    after = apply(registry, text, PYTHON_RULES)
    assert f"b = Backend(api_key={KEY_AT_IMPORT}, base_url={URL})" in after
    assert 'b.chat.completions.create(model="acme-large", messages=[])' in after


def test_migrated_forms_are_already_migrated(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        f"a = OpenAI(api_key={KEY_AT_IMPORT}, base_url={URL})\n"
        f"b = OpenAI(api_key={KEY}, base_url={URL})\n"
        f'c = OpenAI(**{{**kw, "api_key": {KEY}, "base_url": {URL}}})\n'
        f'd = OpenAI(**{{**kw, "api_key": kw.get("api_key") or {KEY_AT_IMPORT}, '
        f'"base_url": kw.get("base_url") or {URL}}})\n'
    )
    assert findings(registry, text) == [
        (5, "ML003", "none", "OpenAI() already points at Acme Cloud"),
        (6, "ML003", "none", "OpenAI() already points at Acme Cloud"),
        (7, "ML003", "none", "OpenAI() already points at Acme Cloud"),
        (8, "ML003", "none", "OpenAI() already points at Acme Cloud"),
    ]


def test_kwargs_messages(registry):
    text = (
        "from openai import AzureOpenAI, OpenAI\n\n\ndef make(**kw):\n    return OpenAI(**kw)\n\n\n"
        "def make_azure():\n"
        '    kw = dict(azure_endpoint="https://x.openai.azure.com", api_version="2024-06-01")\n'
        "    return AzureOpenAI(timeout=3, organization='o', **kw)\n"
    )
    assert findings(registry, text) == [
        (
            5,
            "ML001",
            "review",
            "OpenAI() talks to OpenAI (key from `**kw` or OPENAI_API_KEY); for Acme Cloud read "
            "the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
            "(default https://api.acme.example/v1); a key and base URL passed in `**kw` stay "
            "(Acme Cloud's are fallbacks): a key passed there without a base URL goes to Acme "
            "Cloud and must be an Acme Cloud key",
        ),
        (
            9,
            "ML002",
            "review",
            "this dict is passed to AzureOpenAI() as `**` arguments; it takes the key and base "
            "URL for Acme Cloud",
        ),
        (
            10,
            "ML002",
            "review",
            "AzureOpenAI() talks to Azure OpenAI (azure_endpoint, api_version); replace it with "
            "OpenAI() — for Acme Cloud read the key from ACME_API_KEY and the base URL from "
            "ACME_BASE_URL (default https://api.acme.example/v1) — and map each deployment name "
            "used as model= to a provider model; apply drops organization= (OpenAI's account "
            "id, which the SDK sends as the OpenAI-Organization header)",
        ),
    ]
    after = apply(registry, text)
    assert after.endswith(
        f"    kw = dict(api_key={KEY}, base_url={URL})\n    return OpenAI(timeout=3, **kw)\n"
    )


def test_a_mapping_not_safe_to_read_twice_is_left(registry):
    text = "from openai import OpenAI\n\n\ndef make():\n    return OpenAI(**load_settings())\n"
    assert findings(registry, text) == [
        (
            5,
            "ML001",
            "manual",
            "OpenAI() talks to OpenAI (key from `**load_settings()` or OPENAI_API_KEY); "
            "`**load_settings()` may hold your callers' key and base URL, which apply cannot "
            "keep: for Acme Cloud read the key from ACME_API_KEY and the base URL from "
            "ACME_BASE_URL (default https://api.acme.example/v1) where it holds none, by hand",
        )
    ]
    assert apply(registry, text) == text


def test_unused_azure_credential_is_reported_before_and_after(registry):
    text = (
        "from azure.identity import DefaultAzureCredential, get_bearer_token_provider\n"
        "from openai import AzureOpenAI\n\n"
        'token_provider = get_bearer_token_provider(DefaultAzureCredential(), "scope")\n'
        'client = AzureOpenAI(api_version="2024-06-01", azure_ad_token_provider=token_provider)\n'
    )
    unused = [f for f in findings(registry, text) if f[2] == "manual"]
    assert unused == [
        (
            4,
            "ML002",
            "manual",
            "`token_provider` is used only by AzureOpenAI(); once apply makes it OpenAI() "
            "nothing uses it: remove it (and the imports only it needs) by hand",
        )
    ]
    after = apply(registry, text)
    assert 'token_provider = get_bearer_token_provider(DefaultAzureCredential(), "scope")' in after
    assert findings(registry, after) == [
        (
            6,
            "ML002",
            "manual",
            "`token_provider` (an Azure credential) is not used any more: remove it (and the "
            "imports only it needs) by hand",
        ),
        (7, "ML003", "none", "OpenAI() already points at Acme Cloud"),
    ]


def test_untraced_receiver_is_reported_once(registry):
    text = (
        "import openai\n\n\ndef ask(client, q):\n"
        "    client.chat.completions.create(model=m, messages=q)\n"
        "    return client.chat.completions.create(model=m, messages=q)\n\n\n"
        "def other(client):\n    return client.embeddings.create(model=m, input='x')\n"
    )
    assert findings(registry, text) == [
        (
            5,
            "ML005",
            "manual",
            "`client` is not traced to a client built in this module (a parameter, an import or "
            "a call's result); calls through it are migrated for Acme Cloud: make sure the "
            "client it holds is built for Acme Cloud",
        )
    ]
    assert findings(registry, text, provider=None) == []


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_isolated(code: str, monkeypatch) -> Ran:
    """Run `code` as `python -c` would (fresh globals, `sys.argv == ["-c"]`) with the installed
    openai SDK and no OPENAI_*/ACME_*/AZURE_* variable set; the environment is restored
    afterwards. In this process: what is tested is what the SDK does with the generated code
    (it reads the environment when a client is built), and a subprocess would cost an SDK
    import per test."""
    for name in [k for k in os.environ if k.startswith(("OPENAI_", "ACME_", "AZURE_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setattr(sys, "argv", ["-c"])
    saved = dict(os.environ)
    out, err = io.StringIO(), io.StringIO()
    returncode = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})
    except Exception:
        err.write(traceback.format_exc())
        returncode = 1
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return Ran(returncode, out.getvalue(), err.getvalue())


def test_import_time_client_does_not_fail_at_import_in_function_one_names_the_variable(
    registry, monkeypatch
):
    migrated = apply(
        registry,
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef make():\n    return OpenAI()\n",
    )
    probe = textwrap.dedent(
        """
        import sys
        namespace = {}
        exec(compile(sys.argv[1] if len(sys.argv) > 1 else CODE, "app.py", "exec"), namespace)
        print("imported", namespace["client"].api_key)
        try:
            namespace["make"]()
        except KeyError as exc:
            print("KeyError", exc)
        """
    )
    result = run_isolated(f"CODE = {migrated!r}\n{probe}", monkeypatch)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["imported unset", "KeyError 'ACME_API_KEY'"]


def test_an_empty_key_would_fail_at_import_with_the_installed_sdk(monkeypatch):
    """Why the import-time default is "unset" and not "": openai>=1 takes "" for no key."""
    result = run_isolated(
        "import openai\ntry:\n    openai.OpenAI(api_key='', base_url='http://127.0.0.1:9/v1')\n"
        "    print('constructed')\nexcept openai.OpenAIError:\n    print('OpenAIError')\n",
        monkeypatch,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["OpenAIError"]


def test_client_generated_for_openai_v0_code_does_not_fail_at_import(registry, monkeypatch):
    migrated = apply(
        registry,
        "import openai\n\n\ndef ask(q):\n"
        '    return openai.ChatCompletion.create(model="gpt-4o", messages=q)\n',
        PYTHON_RULES,
    )
    assert f"client = openai.OpenAI(api_key={KEY_AT_IMPORT}, base_url={URL})" in migrated
    result = run_isolated(f"exec({migrated!r})\nprint('imported', client.api_key)", monkeypatch)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["imported", "unset"]


def test_what_a_mapping_holds_wins_over_the_provider(registry, monkeypatch):
    """A caller's key and server passed in `**kw` stay (crewAI's ollama and vllm clients
    went to the provider with its key); the provider's fill in what it does not hold, and
    no provider variable is read where the caller passed a key. An Azure client given the
    caller's mapping stays on Azure with its key and endpoint (ML002 leaves it: they must not
    go to the provider); the provider's replace those of a dict the module shows in full."""
    migrated = apply(
        registry,
        "from openai import AzureOpenAI, OpenAI\n\n\n"
        "def make(**kw):\n    return OpenAI(**kw)\n\n\n"
        "def make_azure(**kw):\n    return AzureOpenAI(**kw)\n\n\n"
        "def make_built():\n"
        '    kw = {"api_key": "old", "base_url": "https://api.openai.com/v1", "organization": "o"}\n'
        "    return OpenAI(**kw)\n",
    )
    local = "make(api_key='ollama', base_url='http://localhost:11434/v1', timeout=3)"
    probe = (
        f"exec({migrated!r})\nprint(type({local}).__name__)\n"
        "import os\nos.environ['ACME_API_KEY'] = 'acme-test'\n"
        f"clients = [\n    {local},\n    make(), make(api_key='mine'),\n"
        "    make(base_url='http://localhost:8000/v1', api_key=None),\n"
        "    make_azure(api_key='old', azure_endpoint='https://x.openai.azure.com',\n"
        "               api_version='2024-06-01', azure_deployment='d', max_retries=1),\n"
        "    make_built(),\n"
        "]\n"
        "for c in clients:\n"
        "    print(type(c).__name__, c.api_key, c.base_url, c.organization)\n"
    )
    result = run_isolated(probe, monkeypatch)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "OpenAI",  # built with ACME_API_KEY unset
        "OpenAI ollama http://localhost:11434/v1/ None",
        "OpenAI acme-test https://api.acme.example/v1/ None",
        "OpenAI mine https://api.acme.example/v1/ None",
        "OpenAI acme-test http://localhost:8000/v1/ None",
        "AzureOpenAI old https://x.openai.azure.com/openai/deployments/d/ None",
        "OpenAI acme-test https://api.acme.example/v1/ None",
    ]


def test_attr_factory_attribute_is_traced(registry):
    text = (
        "import attr\nimport openai\n\n\n@attr.s\nclass Bot:\n"
        "    llm = attr.ib(default=attr.Factory(openai.AsyncOpenAI))\n\n"
        "    async def go(self):\n"
        "        return await self.llm.chat.completions.create(model=m, messages=[])\n"
    )
    assert call_kinds(registry, text) == [(10, "client")]


def test_a_client_bound_to_a_conditional_expression_is_traced(registry):
    """t43d D1: `OpenAI(...) if KEY else None` holds that client, as do two branches that
    build the same client; a branch holding something else, or another client, leaves it
    untraced."""
    text = (
        "from openai import AsyncOpenAI, OpenAI\n\n"
        "a = OpenAI() if KEY else None\n"
        'b = OpenAI() if KEY else OpenAI(base_url="http://localhost:8000/v1")\n'
        "c = None if KEY else (OpenAI() if LOCAL else None)\n"
        "d = OpenAI() if KEY else other\n"
        "e = OpenAI() if KEY else AsyncOpenAI()\n"
        "a.vector_stores.search(vector_store_id=v, query=q)\n"
        "b.chat.completions.create(model=m, messages=[])\n"
        "c.chat.completions.create(model=m, messages=[])\n"
        "d.chat.completions.create(model=m, messages=[])\n"
        "e.chat.completions.create(model=m, messages=[])\n"
    )
    assert call_kinds(registry, text) == [
        (8, "client"),
        (9, "client"),
        (10, "client"),
        (11, "probable"),
        (12, "probable"),
    ]
    vector_stores = (
        "from openai import OpenAI\n\nKEY = os.environ.get('APP_KEY')\n"
        "client = OpenAI(api_key=KEY) if KEY else None\n"
        'print(client.vector_stores.search(vector_store_id="vs_1", query="q"))\n'
    )
    assert findings(registry, vector_stores, provider="zhipu", rules=PYTHON_RULES)[-1] == (
        5,
        "ML101",
        "manual",
        "vector_stores.search() through an OpenAI client; Zhipu AI (GLM)'s vector_stores "
        "support is unconfirmed; test this call (see "
        "https://docs.bigmodel.cn/cn/guide/develop/openai/introduction)",
    )


def test_a_client_built_only_if_a_key_it_would_no_longer_read_is_set_is_left(registry):
    """t43d D1: given the provider's key, `OpenAI(api_key=KEY) if KEY else None` with `KEY =
    ""` would never be built; one whose key is an environment read ML401 moves keeps its
    test on the key the client reads."""
    text = 'from openai import OpenAI\n\nKEY = ""\nclient = OpenAI(api_key=KEY) if KEY else None\n'
    assert findings(registry, text) == [
        (
            4,
            "ML001",
            "manual",
            "OpenAI() talks to OpenAI (key from `KEY`); for Acme Cloud read the key from "
            "ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1); it is built only if `KEY` is set, a key it would "
            "then no longer read: test ACME_API_KEY there instead, by hand",
        )
    ]
    assert apply(registry, text) == text
    read = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'KEY = os.environ.get("OPENAI_API_KEY", "")\n'
        "client = OpenAI(api_key=KEY) if KEY else None\n"
    )
    assert apply(registry, read, PYTHON_RULES) == (
        "import os\n\nfrom openai import OpenAI\n\n"
        'KEY = os.environ.get("ACME_API_KEY", "")\n'
        f"client = OpenAI(base_url={URL}, api_key={KEY_AT_IMPORT}) if KEY else None\n"
    )
    # a key the program hands it is kept, and so is the test on it
    passed = (
        "from openai import OpenAI\n\n\ndef make(key):\n"
        "    return OpenAI(api_key=key) if key else None\n"
    )
    assert findings(registry, passed)[0][:3] == (5, "ML001", "review")
