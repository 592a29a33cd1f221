"""The v1 clients `apply` builds for openai<1.0 code (LegacyClients, ML301): Azure settings,
a client built on first use when the key is set late, generated imports that never shadow
a name of the module, only the clients a module uses, tidy blank lines, and `check` passing
on what `apply` wrote.

Every rewrite: the exact text after `apply`, and a second run that changes nothing.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from . import network_guard
from .cli_findings import cli as _invoke
from .program_runner import run_python
from .test_legacy_rewrite import ACLIENT

GOLDEN_INPUT = Path(__file__).resolve().parent / "golden" / "input"


def migrate(registry, text: str, provider: str) -> str:
    """`apply --provider provider` on `text` (as app.py); asserts a second run changes
    nothing and has no edit left."""
    ctx = RuleContext(registry, registry.get(provider))
    scanner = FileScanner(ctx, Path("."))
    change = scanner.migrate_text(text, "python", "app.py", "app.py")
    assert change.error is None, change.error
    again = scanner.migrate_text(change.after, "python", "app.py", "app.py")
    assert again.after == change.after
    assert [f for f in again.findings if f.edit is not None] == []
    return change.after


# -- Azure ----------------------------------------------------------------------------------

AZURE = """import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2023-05-15"
openai.api_key = os.environ["AZURE_OPENAI_KEY"]


def ask(question):
    reply = openai.ChatCompletion.create(
        engine="support-gpt35", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content


def ask_again(question):
    return openai.ChatCompletion.create(deployment_id="support-gpt35", messages=[])
"""


def test_azure_settings_build_an_azure_client(registry):
    assert migrate(registry, AZURE, "openai") == (
        """import os

import openai

client = openai.AzureOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_KEY"],
    api_version="2023-05-15",
)


def ask(question):
    reply = client.chat.completions.create(
        model="support-gpt35", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content


def ask_again(question):
    return client.chat.completions.create(model="support-gpt35", messages=[])
"""
    )


def test_async_azure_without_key_or_version_reads_what_openai_0_read(registry):
    before = (
        "import openai\n\n"
        'openai.api_type = "azure"\n'
        'openai.api_base = "https://support.openai.azure.com/"\n\n\n'
        "async def ask(question):\n"
        '    return await openai.ChatCompletion.acreate(deployment_id="gpt35", messages=[])\n'
    )
    assert migrate(registry, before, "openai") == (
        "import asyncio\nimport functools\nimport os\n\nimport openai\n\n\n"
        "@functools.lru_cache(maxsize=1)\ndef _aclient_on(loop):\n"
        "    return openai.AsyncAzureOpenAI(\n"
        '        azure_endpoint="https://support.openai.azure.com/",\n'
        '        api_key=openai.api_key or os.environ.get("OPENAI_API_KEY", "unset"),\n'
        '        api_version=os.environ.get("OPENAI_API_VERSION", "2023-05-15"),\n'
        f"    )\n\n\n{ACLIENT}\n\n"
        "async def ask(question):\n"
        '    return await _aclient().chat.completions.create(model="gpt35", messages=[])\n'
    )


def test_azure_ad_key_is_a_token(registry):
    before = (
        "import openai\n"
        'openai.api_type = "azure_ad"\n'
        'openai.api_base = "https://support.openai.azure.com/"\n'
        'openai.api_version = "2023-07-01-preview"\n'
        "openai.api_key = token_provider()\n"
        'openai.Embedding.create(engine="ada", input="x")\n'
    )
    # the token comes from a function: no constructor can take it after the imports, and
    # a client has no setter for it: left for a person, said so
    ctx = RuleContext(registry, registry.get("openai"))
    change = FileScanner(ctx, Path(".")).migrate_text(before, "python", "app.py", "app.py")
    left = [(f.line, f.rule, f.fix.value) for f in change.findings if f.rule == "ML301"]
    assert (2, "ML301", "manual") in left
    hoistable = before.replace("token_provider()", 'os.environ["AZURE_AD_TOKEN"]')
    hoistable = "import os\n" + hoistable
    assert migrate(registry, hoistable, "openai") == (
        "import os\nimport openai\n\n"
        "client = openai.AzureOpenAI(\n"
        '    azure_endpoint="https://support.openai.azure.com/",\n'
        '    azure_ad_token=os.environ["AZURE_AD_TOKEN"],\n'
        '    api_version="2023-07-01-preview",\n'
        ")\n"
        'client.embeddings.create(model="ada", input="x")\n'
    )


def test_switching_provider_leaves_the_azure_settings_for_the_deployments_to_map(registry):
    # deleted "safe", the deployment went to the provider as a model with check green (t62a)
    after = migrate(registry, AZURE, "acme")
    assert after.startswith(
        "import os\n\nimport openai\n\n"
        "client = openai.OpenAI(\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        ")\n\n"
        'openai.api_type = "azure"\n'
        'openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]\n'
        'openai.api_version = "2023-05-15"\n'
        'openai.api_key = os.environ["AZURE_OPENAI_KEY"]\n\n\n'
        "def ask(question):\n"
    )
    for gone in ("engine=", "deployment_id="):
        assert gone not in after


# -- a client built on first use ----------------------------------------------------------

LATE_KEY = """import openai


def init(key, base_url):
    openai.api_key = key
    openai.api_base = base_url


def ask(question):
    reply = openai.ChatCompletion.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content
"""

LAZY_CLIENT = """@functools.lru_cache(maxsize=None)
def _client():
    return openai.OpenAI(
        api_key=openai.api_key or os.environ.get("OPENAI_API_KEY", "unset"),
        base_url=openai.base_url,
        organization=openai.organization,
    )
"""


def test_key_set_in_a_function_gives_a_client_built_on_first_use(registry):
    assert migrate(registry, LATE_KEY, "openai") == (
        "import functools\nimport os\n\nimport openai\n\n\n" + LAZY_CLIENT + "\n\n"
        """def init(key, base_url):
    _client().api_key = key
    _client().base_url = base_url


def ask(question):
    reply = _client().chat.completions.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content
"""
    )


def test_settings_made_under_an_if_or_from_later_code_are_late(registry):
    before = (
        "import openai\n\n"
        'if __name__ == "__main__":\n'
        "    openai.api_key = load_key()\n\n\n"
        "async def ask(q):\n"
        '    return await openai.ChatCompletion.acreate(model="gpt-4", messages=[])\n'
    )
    assert migrate(registry, before, "openai") == (
        "import functools\nimport os\n\nimport openai\n\n\n"
        "@functools.lru_cache(maxsize=None)\n"
        "def _aclient():\n"
        "    return openai.AsyncOpenAI(\n"
        '        api_key=openai.api_key or os.environ.get("OPENAI_API_KEY", "unset"),\n'
        "        base_url=openai.base_url,\n"
        "        organization=openai.organization,\n"
        "    )\n\n\n"
        'if __name__ == "__main__":\n'
        "    _aclient().api_key = load_key()\n\n\n"
        "async def ask(q):\n"
        '    return await _aclient().chat.completions.create(model="gpt-4", messages=[])\n'
    )
    constant_later = (
        "import openai\n\nopenai.api_key = KEY\n"
        'KEY = "from-a-constant"\n'
        'openai.Completion.create(model="gpt-3.5-turbo-instruct", prompt="hi")\n'
    )
    after = migrate(registry, constant_later, "openai")
    assert "_client().api_key = KEY\n" in after
    assert '_client().completions.create(model="gpt-3.5-turbo-instruct", prompt="hi")' in after


def test_settings_made_once_after_the_imports_keep_the_eager_client(registry):
    before = (
        "import os\n\nimport openai\n\n"
        'openai.api_key = os.environ["KEY"]\n\n\n'
        "def ask():\n"
        '    return openai.ChatCompletion.create(model="gpt-4", messages=[])\n'
    )
    assert migrate(registry, before, "openai") == (
        "import os\n\nimport openai\n\n"
        "client = openai.OpenAI(\n"
        '    api_key=os.environ["KEY"], base_url=openai.base_url, organization=openai.organization\n'
        ")\n\n\n"
        "def ask():\n"
        '    return client.chat.completions.create(model="gpt-4", messages=[])\n'
    )


def test_switching_provider_sets_the_late_settings_on_the_client(registry):
    after = migrate(registry, LATE_KEY, "acme")
    assert (
        "def init(key, base_url):\n"
        # the provider's key only with the provider's URL: `base_url`, set below, is compared
        "    client.api_key = key or (\n"
        '        os.environ.get("ACME_API_KEY", "unset")\n'
        "        if not base_url\n"
        '        or str(base_url).rstrip("/").lower()\n'
        "        in (\n"
        '            os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/").lower(),\n'
        '            "https://api.acme.example/v1",\n'
        "        )\n"
        '        else "unset"\n'
        "    )\n"
        '    client.base_url = base_url or os.environ.get("ACME_BASE_URL", '
        '"https://api.acme.example/v1")\n'
    ) in after
    assert "client = openai.OpenAI(\n" in after
    assert "lru_cache" not in after


# -- generated imports never shadow a name of the module ------------------------------------

FRAMEWORK = """from langchain.llms import OpenAI
from openai import ChatCompletion

llm = OpenAI(temperature=0)


def ask(question):
    return ChatCompletion.create(model="gpt-4", messages=[])
"""


def test_a_framework_class_named_openai_is_not_shadowed(registry):
    assert migrate(registry, FRAMEWORK, "openai") == (
        """import os

import openai
from langchain.llms import OpenAI

client = openai.OpenAI(
    api_key=openai.api_key or os.environ.get("OPENAI_API_KEY", "unset"),
    base_url=openai.base_url,
    organization=openai.organization,
)

llm = OpenAI(temperature=0)


def ask(question):
    return client.chat.completions.create(model="gpt-4", messages=[])
"""
    )


def test_a_module_binding_openai_gets_an_alias(registry):
    before = (
        "from openai import ChatCompletion\n\n"
        "openai = None\n\n\n"
        "class AsyncOpenAI:\n    pass\n\n\n"
        "async def ask(q):\n"
        '    return await ChatCompletion.acreate(model="gpt-4", messages=[])\n'
    )
    assert migrate(registry, before, "openai") == (
        "import asyncio\nimport functools\nimport os\n\nimport openai as openai_sdk\n\n\n"
        "@functools.lru_cache(maxsize=1)\ndef _aclient_on(loop):\n"
        "    return openai_sdk.AsyncOpenAI(\n"
        '        api_key=openai_sdk.api_key or os.environ.get("OPENAI_API_KEY", "unset"),\n'
        "        base_url=openai_sdk.base_url,\n"
        "        organization=openai_sdk.organization,\n"
        f"    )\n\n\n{ACLIENT}\n\n"
        "openai = None\n\n\n"
        "class AsyncOpenAI:\n    pass\n\n\n"
        "async def ask(q):\n"
        '    return await _aclient().chat.completions.create(model="gpt-4", messages=[])\n'
    )


def test_the_sdk_class_imported_already_is_used_as_it_is(registry):
    before = (
        "from openai import ChatCompletion, OpenAI\n\n"
        "other = OpenAI()\n"
        'ChatCompletion.create(model="gpt-4", messages=[])\n'
    )
    assert migrate(registry, before, "openai") == (
        "from openai import OpenAI\n\n"
        "client = OpenAI()\n\n"
        "other = OpenAI()\n"
        'client.chat.completions.create(model="gpt-4", messages=[])\n'
    )


# -- only what the module uses; tidy layout -------------------------------------------------


def test_a_module_using_only_acreate_gets_only_the_async_client(registry):
    before = (
        "from openai import ChatCompletion\n\n\n"
        "async def ask(q):\n"
        '    return await ChatCompletion.acreate(model="gpt-4", messages=[])\n'
    )
    assert migrate(registry, before, "acme") == (
        "import asyncio\nimport functools\nimport os\n\nfrom openai import AsyncOpenAI\n\n\n"
        "@functools.lru_cache(maxsize=1)\ndef _aclient_on(loop):\n"
        "    return AsyncOpenAI(\n"
        '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        f"    )\n\n\n{ACLIENT}\n\n"
        "async def ask(q):\n"
        '    return await _aclient().chat.completions.create(model="acme-large", messages=[])\n'
    )


def test_removed_settings_leave_no_run_of_blank_lines(registry):
    before = (
        "import openai\n"
        "from openai import ChatCompletion\n\n"
        'openai.api_key = "local-key"\n\n'
        "chat = ChatCompletion\n\n"
        'openai.organization = "org-1"\n\n'
        "TIMEOUT = 3\n"
    )
    assert migrate(registry, before, "openai") == (
        "import openai\n\n"
        'client = openai.OpenAI(api_key="local-key", base_url=openai.base_url, '
        'organization="org-1")\n\n'
        "chat = client.chat.completions\n\n"
        "TIMEOUT = 3\n"
    )


# -- run time -------------------------------------------------------------------------------


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "PROXY" not in k.upper()}
    env.update(extra)
    return network_guard.subprocess_env(env, tmp_path / "guard")


def test_migrated_azure_module_calls_the_deployment(registry, server, tmp_path):
    (tmp_path / "app.py").write_text(migrate(registry, AZURE, "openai"), encoding="utf-8")
    env = _env(tmp_path, AZURE_OPENAI_ENDPOINT=server.base, AZURE_OPENAI_KEY="azure-key")
    program = "import app\nprint(app.ask('hello'))\nprint(app.ask_again('again').id)\n"
    proc = run_python(["-c", program], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("reply from ")
    paths = [r.path for r in server.requests]
    assert (
        paths == ["/openai/deployments/support-gpt35/chat/completions?api-version=2023-05-15"] * 2
    )
    assert {r.headers["api-key"] for r in server.requests} == {"azure-key"}


def test_migrated_module_imports_without_a_key_and_uses_the_one_init_sets(
    registry, server, tmp_path
):
    (tmp_path / "app.py").write_text(migrate(registry, LATE_KEY, "openai"), encoding="utf-8")
    program = (
        "import app\n"  # no key anywhere yet: the import must work, as it did with openai<1
        f"app.init('first-key', {server.base + '/v1'!r})\n"
        "print(app.ask('one'))\n"
        f"app.init('second-key', {server.base + '/v1'!r})\n"
        "print(app.ask('two'))\n"
    )
    proc = run_python(["-c", program], cwd=tmp_path, env=_env(tmp_path), timeout=60)
    assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert [line.startswith("reply from ") for line in proc.stdout.splitlines()] == [True] * 2
    assert [r.path for r in server.requests] == ["/v1/chat/completions"] * 2
    assert [r.headers["authorization"] for r in server.requests] == [
        "Bearer first-key",
        "Bearer second-key",
    ]


SETTINGS = (
    "import os\n\nimport openai\n\n"
    'openai.api_key = os.environ["SERVICE_KEY"]\n'
    'openai.api_base = os.environ["SERVICE_URL"]\n'
)
CALLER = (
    "import openai\n\n\ndef ask(q):\n"
    '    r = openai.ChatCompletion.create(model="gpt-4", messages=[{"role": "user", '
    '"content": q}])\n'
    '    return r["choices"][0]["message"]["content"]\n'
)


@pytest.mark.parametrize("with_settings", [True, False])
def test_a_caller_leaving_its_settings_to_another_module_builds_its_client_on_first_use(
    tmp_path, with_settings
):
    from migrate_llm.engine import ScanOptions, plan, write

    (tmp_path / "app.py").write_text(CALLER, encoding="utf-8")
    if with_settings:
        (tmp_path / "settings.py").write_text(SETTINGS, encoding="utf-8")
    options = ScanOptions(paths=(tmp_path,), provider="openai", cwd=tmp_path)
    for planned in plan(options).planned:
        assert write(planned) is None
    migrated = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert ("def _client():" in migrated) is with_settings
    assert ("\nclient = openai.OpenAI(" in migrated) is not with_settings


def test_a_settings_module_imported_after_the_caller_still_configures_its_requests(
    server, tmp_path
):
    """openai<1.0 read `openai.api_key` at each request, so `import app; import settings`
    worked; the migrated caller builds its client on first use, after settings has run."""
    from migrate_llm.engine import ScanOptions, plan, write

    (tmp_path / "app.py").write_text(CALLER, encoding="utf-8")
    (tmp_path / "settings.py").write_text(SETTINGS, encoding="utf-8")
    options = ScanOptions(paths=(tmp_path,), provider="openai", cwd=tmp_path)
    for planned in plan(options).planned:
        assert write(planned) is None
    program = "import app\nimport settings\nprint(app.ask('hello'))\n"
    env = _env(tmp_path, SERVICE_KEY="settings-key", SERVICE_URL=server.base + "/v1")
    proc = run_python(["-c", program], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("reply from gpt-4")
    assert [r.path for r in server.requests] == ["/v1/chat/completions"]
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer settings-key"]


# -- own output passes own check ------------------------------------------------------------


def _check(root: Path) -> tuple[int, set[tuple[str, str, str]]]:
    result = _invoke("check", root, "--provider", "openai", "--format", "json")
    report = json.loads(result.stdout)
    found = {(Path(f["path"]).name, f["rule"], f["message"]) for f in report["findings"]}
    return result.exit_code, found


def _apply(root: Path) -> None:
    result = _invoke("apply", root, "--provider", "openai", "--yes", "--allow-dirty")
    assert result.exit_code in (0, 1), result.output


def test_check_after_apply_reports_nothing_apply_wrote(tmp_path, monkeypatch):
    """Over the golden input, `check` after `apply` finds only what the user's own code
    already had before (a hard-coded key, an Azure client, a URL computed at run time):
    nothing on the clients `apply` wrote."""
    root = tmp_path / "project"
    shutil.copytree(GOLDEN_INPUT, root)
    monkeypatch.chdir(tmp_path)
    _, before = _check(root)
    _apply(root)
    _, after = _check(root)
    assert after - before == set()


CASES = {
    "late_key.py": LATE_KEY,
    "framework.py": FRAMEWORK,
    "settings_once.py": "import os\n\nimport openai\n\n"
    'openai.api_base = os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")\n'
    'openai.api_key = os.environ["OPENAI_API_KEY"]\n\n\n'
    "def ask(q):\n"
    '    return openai.ChatCompletion.create(model="gpt-4", messages=[])\n',
    "only_async.py": "from openai import ChatCompletion\n\n\n"
    "async def ask(q):\n"
    '    return await ChatCompletion.acreate(model="gpt-4", messages=[])\n',
}


def test_check_passes_on_what_apply_wrote(tmp_path, monkeypatch):
    root = tmp_path / "project"
    root.mkdir()
    for name, text in CASES.items():
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _apply(root)
    assert _check(root) == (0, set())


def test_check_passes_on_the_azure_client_apply_wrote(tmp_path, monkeypatch):
    root = tmp_path / "project"
    root.mkdir()
    (root / "azure_app.py").write_text(AZURE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _apply(root)
    assert _check(root) == (0, set())


# -- the layout helpers ---------------------------------------------------------------------


def test_setup_function_gets_two_blank_lines_around_it():
    from migrate_llm.imports import add_setup

    text = "import openai\n\nTIMEOUT = 3\n"
    factory = "@functools.lru_cache(maxsize=None)\ndef _client():\n    return openai.OpenAI()"
    assert add_setup(text, [factory]) == ("import openai\n\n\n" + factory + "\n\n\nTIMEOUT = 3\n")
    assert add_setup(add_setup(text, [factory]), [factory]) == add_setup(text, [factory])


def test_generated_aliased_import_is_added_once():
    from migrate_llm.imports import add_import

    text = "import os\n\nopenai = None\n"
    once = add_import(text, "import openai as openai_sdk")
    assert once == "import os\n\nimport openai as openai_sdk\n\nopenai = None\n"
    assert add_import(once, "import openai as openai_sdk") == once


def test_blank_lines_left_between_two_statements_are_cut_to_one():
    from migrate_llm.layout import collapse_blank_lines

    before = 'import openai\n\nopenai.api_key = "k"\n\nx = 1\n\n\ndef f():\n    pass\n'
    after = "import openai\n\n\nx = 1\n\n\ndef f():\n    pass\n"
    assert collapse_blank_lines(before, after) == (
        "import openai\n\nx = 1\n\n\ndef f():\n    pass\n"
    )
    own = "x = 1\n\n\ny = 2\n"  # two blank lines the file had between the same lines
    assert collapse_blank_lines(own, own) == own


def test_a_key_and_url_the_program_sets_from_its_config_move_onto_the_client(registry):
    # chatgpt_telegram_bot's config.yml `openai_api_key` / `openai_api_base` were dropped
    # "safe", and nothing said the settings were no longer read; then deleted as review
    # (t62a: the user's own server was silently replaced by the provider's)
    before = (
        "import openai\n\nimport settings\n\n"
        "openai.api_key = settings.api_key\n"
        "if settings.api_base is not None:\n"
        "    openai.api_base = settings.api_base\n"
        'openai.organization = "org"\n'
        'openai.ChatCompletion.create(model="gpt-4o", messages=[])\n'
    )
    ctx = RuleContext(registry, registry.get("acme"))
    change = FileScanner(ctx, Path(".")).migrate_text(before, "python", "app.py", "app.py")
    rows = [(f.line, f.fix.value, f.message) for f in change.findings if f.rule == "ML301"]
    assert rows == [
        (
            5,
            "review",
            "openai.api_key is openai<1.0 configuration; the clients of openai>=1 do not read "
            "it: apply sets the key your code sets (`settings.api_key`) on the client it builds "
            "instead (client.api_key = ...), with ACME_API_KEY when it is empty and the base URL "
            'your code sets is Acme Cloud\'s (else "unset"): it must be an Acme Cloud key',
        ),
        (
            7,
            "review",
            "openai.api_base is openai<1.0 configuration; the clients of openai>=1 do not read "
            "it: apply sets the base URL your code sets (`settings.api_base`) on the client it "
            "builds instead (client.base_url = ...), with ACME_BASE_URL when it is empty: it "
            "must name Acme Cloud's base URL or a server of your own, which then gets the key "
            'your code sets, else "unset": ACME_API_KEY goes only with Acme Cloud\'s URL '
            "(client.api_key = ... if ... else ...)",
        ),
        (
            8,
            "safe",
            "openai.organization is openai<1.0 configuration, OpenAI's account id (the SDK "
            "sends it as the OpenAI-Organization header); apply deletes it: the client it builds "
            "for Acme Cloud is given none",
        ),
    ]
    assert change.after.split("\n)\n\n", 1)[1] == (
        # the provider's key only where the URL the code sets is empty or the provider's
        "client.api_key = settings.api_key or (\n"
        '    os.environ.get("ACME_API_KEY", "unset")\n'
        "    if not settings.api_base\n"
        '    or str(settings.api_base).rstrip("/").lower()\n'
        "    in (\n"
        '        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/").lower(),\n'
        '        "https://api.acme.example/v1",\n'
        "    )\n"
        '    else "unset"\n'
        ")\n"
        "if settings.api_base is not None:\n"
        "    client.base_url = settings.api_base or os.environ.get(\n"
        '        "ACME_BASE_URL", "https://api.acme.example/v1"\n'
        "    )\n"
        'client.chat.completions.create(model="acme-large", messages=[])\n'
    )
