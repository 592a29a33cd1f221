"""ML601/ML401 on a LangChain class built from a factory's `**kwargs` behind an optional
OPENAI_BASE_URL override (t47a, gpt-researcher's `from_provider` and `Memory`): apply gives
the mapping the provider's base URL and key where the caller gives none (or None, under either
name) in place of the override, and the embeddings settings the provider needs; where the
module writes or passes another base-URL or key entry, it is left to a person with that form
shown."""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urlsplit

import libcst as cst
import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.dict_writes import lacks
from migrate_llm.rules.python import check_python

from . import network_guard
from .loopback_run import run_guarded
from .test_e2e_app import HTTPX_ALIAS, clean_env

URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
# Qwen's other regions, sharing DASHSCOPE_API_KEY: the key fill takes them too (s63)
QWEN_REGIONS = (
    '"https://dashscope-intl.aliyuncs.com/compatible-mode/v1", '
    '"https://dashscope-us.aliyuncs.com/compatible-mode/v1", '
    '"https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1"'
)

# the trial's reproduction (t47a repro/provider.py), in our words
FACTORY = """import os

from langchain_openai import ChatOpenAI


def get_llm(spec, **kwargs):
    provider, model = spec.split(":", 1)
    if provider == "openai":
        if "openai_api_base" not in kwargs and os.environ.get("OPENAI_BASE_URL"):
            kwargs["openai_api_base"] = os.environ["OPENAI_BASE_URL"]
        return ChatOpenAI(model=model, **kwargs)
    raise ValueError(provider)
"""
FACTORY_AFTER = f"""import os

from langchain_openai import ChatOpenAI


def get_llm(spec, **kwargs):
    provider, model = spec.split(":", 1)
    if provider == "openai":
        if not kwargs.get("openai_api_base"):
            kwargs["openai_api_base"] = kwargs.pop("base_url", None) or os.environ.get(
                "DASHSCOPE_BASE_URL",
                "{URL}",
            )
        if not kwargs.get("openai_api_key") and str(kwargs["openai_api_base"]).rstrip(
            "/"
        ).lower() in (
            os.environ.get(
                "DASHSCOPE_BASE_URL",
                "{URL}",
            )
            .rstrip("/")
            .lower(),
            "{URL}",
            "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
            "https://dashscope-us.aliyuncs.com/compatible-mode/v1",
            "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",
        ):
            kwargs["openai_api_key"] = (
                kwargs.pop("api_key", None) or os.environ["DASHSCOPE_API_KEY"]
            )
        return ChatOpenAI(model=model, **kwargs)
    raise ValueError(provider)
"""

EMBEDDINGS = """import os


class Memory:
    def __init__(self, provider, model, **embedding_kwargs):
        if provider == "openai":
            from langchain_openai import OpenAIEmbeddings

            # custom OpenAI-compatible APIs
            if "openai_api_base" not in embedding_kwargs and os.environ.get("OPENAI_BASE_URL"):
                embedding_kwargs["openai_api_base"] = os.environ["OPENAI_BASE_URL"]

            self.embeddings = OpenAIEmbeddings(model=model, **embedding_kwargs)
"""
EMBEDDINGS_AFTER = f"""import os


class Memory:
    def __init__(self, provider, model, **embedding_kwargs):
        if provider == "openai":
            from langchain_openai import OpenAIEmbeddings

            # custom OpenAI-compatible APIs
            if not embedding_kwargs.get("openai_api_base"):
                embedding_kwargs["openai_api_base"] = embedding_kwargs.pop(
                    "base_url", None
                ) or os.environ.get(
                    "DASHSCOPE_BASE_URL",
                    "{URL}",
                )
            if not embedding_kwargs.get("openai_api_key") and str(
                embedding_kwargs["openai_api_base"]
            ).rstrip("/").lower() in (
                os.environ.get(
                    "DASHSCOPE_BASE_URL",
                    "{URL}",
                )
                .rstrip("/")
                .lower(),
                "{URL}",
                "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
                "https://dashscope-us.aliyuncs.com/compatible-mode/v1",
                "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",
            ):
                embedding_kwargs["openai_api_key"] = (
                    embedding_kwargs.pop("api_key", None)
                    or os.environ["DASHSCOPE_API_KEY"]
                )
            embedding_kwargs.setdefault("check_embedding_ctx_length", False)
            embedding_kwargs.setdefault("chunk_size", 10)

            self.embeddings = OpenAIEmbeddings(model=model, **embedding_kwargs)
"""


def migrate(registry, text: str, provider: str = "qwen"):
    """(findings, text after apply); a second run finds nothing to edit."""
    ctx = RuleContext(registry, registry.get(provider))
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    return found, after, again


def rows(found, *rules: str):
    return [(f.line, f.rule, f.fix.value) for f in found if f.rule in rules]


def test_the_override_becomes_the_providers_fills(registry):
    found, after, again = migrate(registry, FACTORY)
    assert after == FACTORY_AFTER
    # the reads of OPENAI_BASE_URL go with the override ML601 replaces
    assert rows(found, "ML401", "ML601") == [
        (9, "ML401", "safe"),
        (10, "ML401", "safe"),
        (11, "ML601", "review"),
    ]
    [ml601] = [f for f in found if f.rule == "ML601"]
    assert ml601.message == (
        "ChatOpenAI() (LangChain) takes its base URL from `**kwargs` at run time and its key "
        "from `**kwargs` or OPENAI_API_KEY; apply gives `kwargs` Alibaba Qwen (DashScope / "
        "Model Studio)'s where the caller gives none, in place of the OPENAI_BASE_URL "
        "override (line 9: kept, an OpenAI base URL from it would take Alibaba Qwen "
        "(DashScope / Model Studio)'s key there): "
        'if not kwargs.get("openai_api_base"): kwargs["openai_api_base"] = '
        f'kwargs.pop("base_url", None) or os.environ.get("DASHSCOPE_BASE_URL", "{URL}"); '
        'if not kwargs.get("openai_api_key") and str(kwargs["openai_api_base"]).rstrip("/")'
        f'.lower() in (os.environ.get("DASHSCOPE_BASE_URL", "{URL}").rstrip("/").lower(), '
        f'"{URL}", {QWEN_REGIONS}): kwargs["openai_api_key"] = '
        'kwargs.pop("api_key", None) or os.environ["DASHSCOPE_API_KEY"]; Alibaba Qwen '
        "(DashScope / Model Studio)'s key only with its base URL: a caller passing a base URL "
        "of its own keeps the key it gives (none: the class reads OPENAI_API_KEY)"
    )
    assert ml601.severity.value == "error"
    assert [(f.rule, f.severity.value, f.message) for f in again if f.rule == "ML601"] == [
        (
            "ML601",
            "note",
            "ChatOpenAI() (LangChain) already points at Alibaba Qwen (DashScope / Model Studio)",
        )
    ]


def test_embeddings_get_the_settings_the_provider_needs(registry):
    found, after, _ = migrate(registry, EMBEDDINGS)
    assert after == EMBEDDINGS_AFTER
    [ml601] = [f for f in found if f.rule == "ML601"]
    assert (ml601.fix.value, ml601.data["entries"]) == (
        "review",
        ["openai_api_base", "openai_api_key", "check_embedding_ctx_length", "chunk_size"],
    )


def test_without_an_override_the_fills_go_right_before_the_call(registry):
    before = (
        "from langchain_openai import ChatOpenAI\n\n\ndef make(model, **kwargs):\n"
        '    kwargs.setdefault("stream_usage", True)\n'
        "    return ChatOpenAI(model=model, **kwargs)\n"
    )
    _, after, _ = migrate(registry, before, "acme")
    assert after == (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\ndef make(model, **kwargs):\n"
        '    kwargs.setdefault("stream_usage", True)\n'
        '    if not kwargs.get("base_url"):\n'
        '        kwargs["base_url"] = kwargs.pop("openai_api_base", None) or os.environ.get(\n'
        '            "ACME_BASE_URL", "https://api.acme.example/v1"\n'
        "        )\n"
        '    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (\n'
        '        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        '        .rstrip("/")\n'
        "        .lower(),\n"
        '        "https://api.acme.example/v1",\n'
        "    ):\n"
        '        kwargs["api_key"] = (\n'
        '            kwargs.pop("openai_api_key", None) or os.environ["ACME_API_KEY"]\n'
        "        )\n"
        "    return ChatOpenAI(model=model, **kwargs)\n"
    )


def test_a_dict_built_in_the_function_is_filled_too(registry):
    before = (
        "from langchain_openai import ChatOpenAI\n\n\ndef make(model, temperature):\n"
        "    params = {'temperature': temperature}\n"
        "    if model:\n        params['model'] = model\n"
        "    return ChatOpenAI(**params)\n"
    )
    _, after, _ = migrate(registry, before, "acme")
    assert after == (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\ndef make(model, temperature):\n"
        "    params = {'temperature': temperature}\n"
        "    if model:\n        params['model'] = model\n"
        '    if not params.get("base_url"):\n'
        '        params["base_url"] = params.pop("openai_api_base", None) or os.environ.get(\n'
        '            "ACME_BASE_URL", "https://api.acme.example/v1"\n'
        "        )\n"
        '    if not params.get("api_key") and str(params["base_url"]).rstrip("/").lower() in (\n'
        '        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        '        .rstrip("/")\n'
        "        .lower(),\n"
        '        "https://api.acme.example/v1",\n'
        "    ):\n"
        '        params["api_key"] = (\n'
        '            params.pop("openai_api_key", None) or os.environ["ACME_API_KEY"]\n'
        "        )\n"
        "    return ChatOpenAI(**params)\n"
    )


FILLS = (
    ': `if not kwargs.get("openai_api_base"): kwargs["openai_api_base"] = kwargs.pop('
    f'"base_url", None) or os.environ.get("DASHSCOPE_BASE_URL", "{URL}")` and `if not '
    'kwargs.get("openai_api_key") and str(kwargs["openai_api_base"]).rstrip("/").lower() in '
    f'(os.environ.get("DASHSCOPE_BASE_URL", "{URL}").rstrip("/").lower(), "{URL}", '
    f"{QWEN_REGIONS}): "
    'kwargs["openai_api_key"] = kwargs.pop("api_key", None) '
    'or os.environ["DASHSCOPE_API_KEY"]` before the call, where the caller gives none'
)


@pytest.mark.parametrize(
    ("change", "by"),
    [
        # an alias written elsewhere: both would be present, and `base_url` wins in pydantic
        (
            '        kwargs["openai_api_base"] = os.environ["OPENAI_BASE_URL"]\n',
            '        kwargs["openai_api_base"] = os.environ["OPENAI_BASE_URL"]\n'
            '        if spec == "openai:custom":\n'
            '            kwargs["base_url"] = os.environ["LLM_URL"]\n',
        ),
        # a key written on the mapping (it would go with the provider's URL)
        (
            '    if provider == "openai":\n',
            '    kwargs["api_key"] = os.environ.get("OPENAI_API_KEY")\n'
            '    if provider == "openai":\n',
        ),
        # the mapping handed on: what the callee writes does not show
        (
            '    if provider == "openai":\n',
            '    tweak(kwargs)\n    if provider == "openai":\n',
        ),
        # a caller in the module passing a base URL, or a mapping that may hold one
        ("", 'llm = get_llm("openai:qwen-plus", base_url="http://localhost:8000/v1")\n'),
        ("", 'llm = get_llm("openai:qwen-plus", **settings)\n'),
    ],
    ids=["alias-written", "key-written", "handed-on", "caller-passes-alias", "caller-spreads"],
)
def test_left_to_a_person_where_another_entry_may_go_with_it(registry, change, by):
    before = FACTORY.replace(change, by) if change else FACTORY + by
    assert before != FACTORY
    found, after, _ = migrate(registry, before)
    assert after == before
    [ml601] = [f for f in found if f.rule == "ML601"]
    assert ml601.fix.value == "manual" and ml601.severity.value == "error"
    # the form check accepts is shown (with the alias the module writes, where it writes both)
    assert ml601.message.endswith("before the call, where the caller gives none")
    assert {f.fix.value for f in found if f.rule == "ML401"} == {"manual"}


HAND_FIX = f"""import os

from langchain_openai import ChatOpenAI


def get_llm(model, **kwargs):
    if "openai_api_base" not in kwargs:
        kwargs["openai_api_base"] = os.environ.get("DASHSCOPE_BASE_URL", "{URL}")
    if "openai_api_key" not in kwargs and kwargs["openai_api_base"] == os.environ.get(
        "DASHSCOPE_BASE_URL", "{URL}"
    ):
        kwargs["openai_api_key"] = os.environ["DASHSCOPE_API_KEY"]
    return ChatOpenAI(model=model, **kwargs)
"""
# the key not tied to the base URL: a caller's own base URL would get the provider's key
HAND_FIX_UNTIED = f"""import os

from langchain_openai import ChatOpenAI


def get_llm(model, **kwargs):
    if "openai_api_base" not in kwargs:
        kwargs["openai_api_base"] = os.environ.get("DASHSCOPE_BASE_URL", "{URL}")
    kwargs.setdefault("openai_api_key", os.environ["DASHSCOPE_API_KEY"])
    return ChatOpenAI(model=model, **kwargs)
"""


@pytest.mark.parametrize(("text", "code"), [(HAND_FIX, 0), (HAND_FIX_UNTIED, 1)])
def test_check_passes_the_hand_fix_in_the_projects_conditional_form(tmp_path, text, code):
    """t47a defect 3: `if K not in kw: kw[K] = <the provider's URL>` sets it where the caller
    gives none, on every path, as `kw.setdefault(K, ...)` does; the key only with that URL
    (untied, check stays red)."""
    (tmp_path / "llm.py").write_text(text)
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--provider", "qwen", "--no-cache"])
    assert result.exit_code == code, result.output


def test_a_provider_url_only_when_its_variable_is_set_stays_an_error(registry):
    """Tested first, `os.environ["DASHSCOPE_BASE_URL"]` does not stop the program where it is
    unset: the class then takes OpenAI's URL, with the provider's key."""
    text = HAND_FIX.replace(
        '    if "openai_api_base" not in kwargs:\n'
        f'        kwargs["openai_api_base"] = os.environ.get("DASHSCOPE_BASE_URL", "{URL}")\n',
        '    if "openai_api_base" not in kwargs and os.environ.get("DASHSCOPE_BASE_URL"):\n'
        '        kwargs["openai_api_base"] = os.environ["DASHSCOPE_BASE_URL"]\n',
    )
    found, after, _ = migrate(registry, text)
    assert after == text
    [ml601] = [f for f in found if f.rule == "ML601"]
    assert (ml601.severity.value, ml601.fix.value) == ("error", "manual")
    assert ml601.message == (
        "ChatOpenAI() (LangChain) takes its base URL from `**kwargs` at run time and its key "
        "from DASHSCOPE_API_KEY; make sure they are Alibaba Qwen (DashScope / Model Studio)'s "
        f"({URL}, the key from DASHSCOPE_API_KEY)" + FILLS
    )


def test_findings_json(tmp_path, monkeypatch):
    (tmp_path / "provider.py").write_text(FACTORY)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["scan", ".", "--provider", "qwen", "--format", "json", "--no-cache"]
    )
    found = json.loads(result.stdout)["findings"]
    [ml601] = [f for f in found if f["rule"] == "ML601"]
    assert (ml601["line"], ml601["severity"], ml601["fix"]) == (11, "error", "review")
    assert ml601["data"] == {
        "framework": "langchain",
        "class": "ChatOpenAI",
        "api_key_env": "DASHSCOPE_API_KEY",
        "base_url_env": "DASHSCOPE_BASE_URL",
        "mapping": "kwargs",
        "entries": ["openai_api_base", "openai_api_key"],
        "override_line": 9,
    }
    assert [(f["line"], f["fix"]) for f in found if f["rule"] == "ML401"] == [
        (9, "safe"),
        (10, "safe"),
    ]


APP = (
    FACTORY
    + EMBEDDINGS.split("\n", 1)[1]
    + """

if __name__ == "__main__":
    import json

    reply = get_llm("openai:qwen-plus").invoke("Say hello.")
    vectors = Memory("openai", "text-embedding-v4").embeddings.embed_documents(
        [f"document {i}" for i in range(12)]
    )
    print(json.dumps({"answer": reply.content, "vectors": len(vectors)}))
"""
)


@pytest.mark.frameworks
def test_the_migrated_factories_run_on_the_provider(registry, server, tmp_path, monkeypatch):
    project = tmp_path / "app"
    project.mkdir()
    (project / "assistant.py").write_text(APP)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert result.exit_code == 0, result.stderr
    check = CliRunner().invoke(app, ["check", ".", "--provider", "qwen"])
    assert check.exit_code == 0, check.stdout
    env = clean_env(registry)
    env |= {"DASHSCOPE_API_KEY": "test-key", "DASHSCOPE_BASE_URL": server.base + "/v1"}
    guard = tmp_path / "guard"
    proc = subprocess.run(
        [sys.executable, "assistant.py"],
        cwd=project,
        env=network_guard.subprocess_env(env, guard, HTTPX_ALIAS),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert network_guard.blocked_hosts(guard) == []
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {
        "answer": "reply from qwen-plus",
        "vectors": 12,
    }
    sent = [(urlsplit(r.path).path, r.headers["authorization"], r.body) for r in server.requests]
    assert [(path, key, body["model"]) for path, key, body in sent] == [
        ("/v1/chat/completions", "Bearer test-key", "qwen-plus"),
        ("/v1/embeddings", "Bearer test-key", "text-embedding-v4"),
        ("/v1/embeddings", "Bearer test-key", "text-embedding-v4"),
    ]
    # text, ten inputs a request at most
    assert [body["input"] for _, _, body in sent[1:]] == [
        [f"document {i}" for i in range(10)],
        ["document 10", "document 11"],
    ]


def test_uses_in_a_branch_below_the_call_do_not_count(registry):
    """gpt-researcher's `from_provider`: later branches rebind `kwargs`, hand it on in a dict
    and write other classes' base URLs; none runs before this call."""
    before = FACTORY.replace(
        "    raise ValueError(provider)\n",
        '    if provider == "bedrock":\n'
        '        kwargs = {"model_id": model, "model_kwargs": kwargs}\n'
        '        kwargs["base_url"] = os.environ["BEDROCK_URL"]\n'
        "        return kwargs\n"
        "    raise ValueError(provider)\n",
    )
    _, after, _ = migrate(registry, before)
    assert after == FACTORY_AFTER.replace(
        "    raise ValueError(provider)\n",
        '    if provider == "bedrock":\n'
        '        kwargs = {"model_id": model, "model_kwargs": kwargs}\n'
        '        kwargs["base_url"] = os.environ["BEDROCK_URL"]\n'
        "        return kwargs\n"
        "    raise ValueError(provider)\n",
    )


def test_a_write_after_the_call_does_not_count(registry):
    before = (
        "from langchain_openai import ChatOpenAI\n\n\ndef make(**kwargs):\n"
        "    llm = ChatOpenAI(**kwargs)\n"
        '    kwargs["base_url"] = "http://localhost:8000/v1"\n'
        "    return llm\n"
    )
    found, after, _ = migrate(registry, before, "acme")
    assert rows(found, "ML601") == [(5, "ML601", "review")]
    assert after == (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\ndef make(**kwargs):\n"
        '    if not kwargs.get("base_url"):\n'
        '        kwargs["base_url"] = kwargs.pop("openai_api_base", None) or os.environ.get(\n'
        '            "ACME_BASE_URL", "https://api.acme.example/v1"\n'
        "        )\n"
        '    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (\n'
        '        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        '        .rstrip("/")\n'
        "        .lower(),\n"
        '        "https://api.acme.example/v1",\n'
        "    ):\n"
        '        kwargs["api_key"] = (\n'
        '            kwargs.pop("openai_api_key", None) or os.environ["ACME_API_KEY"]\n'
        "        )\n"
        "    llm = ChatOpenAI(**kwargs)\n"
        '    kwargs["base_url"] = "http://localhost:8000/v1"\n'
        "    return llm\n"
    )


# -- t50e D1: the key is read only where the caller passes none ------------------------------

# knowledge_gpt's core/utils.py, in our words: main.py always passes the key typed in the UI
KEY_FROM_CALLER = """from langchain.chat_models import ChatOpenAI


def get_llm(model, **kwargs):
    return ChatOpenAI(model=model, **kwargs)
"""
KEY_FROM_CALLER_AFTER = """import os

from langchain.chat_models import ChatOpenAI


def get_llm(model, **kwargs):
    if not kwargs.get("openai_api_base"):
        kwargs["openai_api_base"] = kwargs.pop("base_url", None) or os.environ.get(
            "SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1"
        )
    if not kwargs.get("openai_api_key") and str(kwargs["openai_api_base"]).rstrip(
        "/"
    ).lower() in (
        os.environ.get("SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1")
        .rstrip("/")
        .lower(),
        "https://api.siliconflow.cn/v1",
    ):
        kwargs["openai_api_key"] = (
            kwargs.pop("api_key", None) or os.environ["SILICONFLOW_CN_API_KEY"]
        )
    return ChatOpenAI(model=model, **kwargs)
"""


def test_a_key_the_caller_passes_is_not_read_from_the_providers_variable(registry):
    """t50e D1: `kwargs.setdefault("openai_api_key", os.environ[VAR])` read VAR first, so a
    caller passing the key (under either name) got KeyError without the variable."""
    found, after, again = migrate(registry, KEY_FROM_CALLER, "siliconflow")
    assert after == KEY_FROM_CALLER_AFTER
    [ml601] = [f for f in found if f.rule == "ML601"]
    assert ml601.fix.value == "review"
    assert ml601.message.endswith(
        ': if not kwargs.get("openai_api_base"): kwargs["openai_api_base"] = kwargs.pop('
        '"base_url", None) or os.environ.get("SILICONFLOW_BASE_URL", '
        '"https://api.siliconflow.cn/v1"); if not kwargs.get("openai_api_key") and '
        'str(kwargs["openai_api_base"]).rstrip("/").lower() in (os.environ.get('
        '"SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1").rstrip("/").lower(), '
        '"https://api.siliconflow.cn/v1"): kwargs["openai_api_key"] = kwargs.pop("api_key", '
        'None) or os.environ["SILICONFLOW_CN_API_KEY"]; SiliconFlow\'s key only with its base '
        "URL: a caller passing a base URL of its own keeps the key it gives (none: the class "
        "reads OPENAI_API_KEY)"
    )
    assert [(f.rule, f.severity.value) for f in again] == [("ML601", "note")]


def test_the_guard_keeps_the_blocks_indentation(registry):
    before = KEY_FROM_CALLER.replace("    return", "\treturn")
    _, after, _ = migrate(registry, before, "siliconflow")
    assert (
        '\tif not kwargs.get("openai_api_key") and str(kwargs["openai_api_base"]).rstrip(\n'
        '\t\t"/"\n'
        "\t).lower() in (\n"
        '\t\tos.environ.get("SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1")\n'
        '\t\t.rstrip("/")\n'
        "\t\t.lower(),\n"
        '\t\t"https://api.siliconflow.cn/v1",\n'
        "\t):\n"
        '\t\tkwargs["openai_api_key"] = (\n'
        '\t\t\tkwargs.pop("api_key", None) or os.environ["SILICONFLOW_CN_API_KEY"]\n'
        "\t\t)\n"
        "\treturn ChatOpenAI("
    ) in after


@pytest.mark.parametrize(
    ("test", "done"),
    [
        ('"openai_api_key" not in kwargs', True),
        ('"api_key" not in kwargs and "openai_api_key" not in kwargs', True),
        # another setting's name tested too: the key may be missing where that is given
        ('"openai_api_key" not in kwargs and "model" not in kwargs', False),
        ('"openai_api_key" not in kwargs or "api_key" not in kwargs', False),
        ('"openai_api_key" not in other and "api_key" not in kwargs', False),
        # apply's form: also where the caller gives None or ""
        ('not kwargs.get("openai_api_key") and not kwargs.get("api_key")', True),
        ('not kwargs.get("openai_api_key") and "api_key" not in kwargs', True),
        ('not kwargs.get("openai_api_key", "x")', False),
        ('not other.get("openai_api_key")', False),
        ('kwargs.get("openai_api_key")', False),
        # apply's key tied to the provider's base URL (the URL entry set just before)
        ('not kwargs.get("openai_api_key") and kwargs["openai_api_base"] == url', True),
        ('not kwargs.get("openai_api_key") and kwargs["model"] == url', False),
        ('not kwargs.get("openai_api_key") and other["openai_api_base"] == url', False),
        # the same, compared as `code_templates.same_url` writes it (any case, any slash)
        (
            'not kwargs.get("openai_api_key") and '
            'str(kwargs["openai_api_base"]).rstrip("/").lower() in (url, "https://x")',
            True,
        ),
        ('not kwargs.get("openai_api_key") and kwargs["openai_api_base"] in urls', False),
        (
            'not kwargs.get("openai_api_key") and '
            'str(other["openai_api_base"]).rstrip("/").lower() in (url, "https://x")',
            False,
        ),
    ],
)
def test_a_guard_over_the_keys_names_counts_as_a_setdefault(test, done):
    """`dict_writes.lacks`, which `clients._guarded_write` reads a guarded write with."""
    assert lacks(cst.parse_expression(test), "openai_api_key", "kwargs") is done


FACTORY_MODULE = """from langchain_openai import ChatOpenAI


def get_llm(model, **kwargs):
    return ChatOpenAI(model=model, **kwargs)
"""
CALLER_MODULE = """import sys

from llm import get_llm

typed = sys.argv[1:]
llm = get_llm("qwen-plus", openai_api_key=typed[0]) if typed else get_llm("qwen-plus")
print(llm.invoke("Say hello.").content)
"""


@pytest.mark.frameworks
def test_the_callers_key_reaches_the_provider_without_its_variable(
    registry, server, tmp_path, monkeypatch
):
    """langchain_openai's class: apply writes `api_key`; the caller (another module) passes
    `openai_api_key`, the other name of the same field, which must win."""
    project = tmp_path / "app"
    project.mkdir()
    (project / "llm.py").write_text(FACTORY_MODULE)
    (project / "main.py").write_text(CALLER_MODULE)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (
        '    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (\n'
        "        os.environ.get(\n"
        f'            "DASHSCOPE_BASE_URL", "{URL}"\n'
        "        )\n"
        '        .rstrip("/")\n'
        "        .lower(),\n"
        f'        "{URL}",\n'
        '        "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",\n'
        '        "https://dashscope-us.aliyuncs.com/compatible-mode/v1",\n'
        '        "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",\n'
        "    ):\n"
        '        kwargs["api_key"] = (\n'
        '            kwargs.pop("openai_api_key", None) or os.environ["DASHSCOPE_API_KEY"]\n'
        "        )\n"
    ) in (project / "llm.py").read_text()
    check = CliRunner().invoke(app, ["check", ".", "--provider", "qwen"])
    assert check.exit_code == 0, check.stdout
    base = clean_env(registry) | {"DASHSCOPE_BASE_URL": server.base + "/v1"}
    guard = tmp_path / "guard"
    runs = [  # (provider variable set, key the caller passes)
        (False, "sk-typed"),
        (True, "sk-typed"),
        (True, None),
    ]
    for variable, typed in runs:
        env = base | ({"DASHSCOPE_API_KEY": "env-key"} if variable else {})
        proc = subprocess.run(
            [sys.executable, "main.py", *([typed] if typed else [])],
            cwd=project,
            env=network_guard.subprocess_env(env, guard, HTTPX_ALIAS),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert proc.stdout.strip() == "reply from qwen-plus"
    assert network_guard.blocked_hosts(guard) == []
    assert [(urlsplit(r.path).path, r.headers["authorization"]) for r in server.requests] == [
        ("/v1/chat/completions", "Bearer sk-typed"),
        ("/v1/chat/completions", "Bearer sk-typed"),
        ("/v1/chat/completions", "Bearer env-key"),
    ]


# -- a caller giving None for the base URL (or the key), under either name --------------------

# the fill under the override's names (openai_api_base, openai_api_key) and under the default
# ones (base_url, api_key), for a chat and an embeddings class
NONE_FACTORIES = (
    FACTORY
    + "\n\ndef make_llm(model, **kwargs):\n    return ChatOpenAI(model=model, **kwargs)\n"
    + EMBEDDINGS.split("\n", 1)[1]
)
NONE_CALLERS = """import json

from llm import Memory, get_llm, make_llm

GIVEN = [  # what a wrapper hands on where its own settings are unset
    {"base_url": None},
    {"openai_api_base": None},
    {"base_url": ""},
    {"base_url": None, "api_key": None},
    {"openai_api_base": "", "openai_api_key": None},
]
answers = []
for given in GIVEN:
    answers.append(get_llm("openai:qwen-plus", **given).invoke("Say hello.").content)
    answers.append(make_llm("qwen-plus", **given).invoke("Say hello.").content)
    memory = Memory("openai", "text-embedding-v4", **given)
    answers.append(len(memory.embeddings.embed_documents(["a document"])))
print(json.dumps(answers))
"""


@pytest.mark.frameworks
def test_a_base_url_the_caller_gives_as_none_is_the_providers(registry, server, tmp_path):
    """`kwargs.setdefault("openai_api_base", URL)` kept a caller's `openai_api_base=None`
    (the class then took OPENAI_BASE_URL or api.openai.com, with the provider's key), and a
    `base_url=None` beside the provider's `openai_api_base` won (pydantic takes the alias;
    `OpenAIEmbeddings` refuses both names). OPENAI_API_KEY holds a sentinel that must not
    reach the provider either."""
    (tmp_path / "llm.py").write_text(NONE_FACTORIES)
    (tmp_path / "main.py").write_text(NONE_CALLERS)
    result = CliRunner().invoke(
        app, ["apply", str(tmp_path), "--provider", "qwen", "--yes", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    check = CliRunner().invoke(app, ["check", str(tmp_path), "--provider", "qwen", "--no-cache"])
    assert check.exit_code == 0, check.output
    env = {
        "DASHSCOPE_API_KEY": "test-key",
        "DASHSCOPE_BASE_URL": server.base + "/v1",
        "OPENAI_API_KEY": "sk-openai-sentinel-0123456789",
    }
    proc, blocked = run_guarded("main.py", tmp_path, env)
    assert blocked == [], proc.stderr[-3000:]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout) == ["reply from qwen-plus", "reply from qwen-plus", 1] * 5
    sent = [(urlsplit(r.path).path, r.headers["authorization"]) for r in server.requests]
    chat = ("/v1/chat/completions", "Bearer test-key")
    assert sent == [chat, chat, ("/v1/embeddings", "Bearer test-key")] * 5


# t57a D5: ML601's own advice for another class built from the same mapping
SPREAD_COPY = f"""import os

from langchain_openai import OpenAIEmbeddings


def embeddings(provider, model, **embedding_kwargs):
    if provider == "custom":
        return OpenAIEmbeddings(
            model=model,
            openai_api_key=os.environ["DASHSCOPE_API_KEY"],
            openai_api_base=os.getenv("DASHSCOPE_BASE_URL", "{URL}"),
            check_embedding_ctx_length=False,
            **{{**embedding_kwargs, "chunk_size": 10}},
        )
    if not embedding_kwargs.get("openai_api_base"):
        embedding_kwargs["openai_api_base"] = embedding_kwargs.pop("base_url", None) or os.environ.get(
            "DASHSCOPE_BASE_URL", "{URL}"
        )
    if not embedding_kwargs.get("openai_api_key") and embedding_kwargs[
        "openai_api_base"
    ] == os.environ.get("DASHSCOPE_BASE_URL", "{URL}"):
        embedding_kwargs["openai_api_key"] = (
            embedding_kwargs.pop("api_key", None) or os.environ["DASHSCOPE_API_KEY"]
        )
    embedding_kwargs.setdefault("check_embedding_ctx_length", False)
    embedding_kwargs.setdefault("chunk_size", 10)
    return OpenAIEmbeddings(model=model, **embedding_kwargs)
"""


@pytest.mark.parametrize(
    "copy",
    [
        '**{**embedding_kwargs, "chunk_size": 10}',
        "**dict(embedding_kwargs, chunk_size=10)",
        "chunk_size=10,\n            **embedding_kwargs",
    ],
)
def test_a_copy_of_the_mapping_with_a_chunk_size_leaves_the_filled_class_alone(tmp_path, copy):
    """A dict spread or `dict(...)` merge of the mapping (ML601's advice for the custom
    branch) is a read of it, like `**mapping` beside `chunk_size=10`: the fills before the
    other class still settle its base URL and key, so check passes."""
    text = SPREAD_COPY.replace('**{**embedding_kwargs, "chunk_size": 10}', copy)
    assert copy in text
    (tmp_path / "emb.py").write_text(text)
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "--provider", "qwen", "--no-cache", "--format", "json"]
    )
    assert (result.exit_code, json.loads(result.stdout)["findings"]) == (0, []), result.output


def test_a_write_in_a_copy_of_the_mapping_is_not_a_write_of_it(tmp_path):
    """The copy's key entry does not reach the mapping itself: the class built from the
    mapping still reads OPENAI_API_KEY where the caller gives none (ML601: apply sets the
    provider's)."""
    text = SPREAD_COPY.replace(
        '    if not embedding_kwargs.get("openai_api_key") and embedding_kwargs[\n'
        '        "openai_api_base"\n'
        f'    ] == os.environ.get("DASHSCOPE_BASE_URL", "{URL}"):\n'
        '        embedding_kwargs["openai_api_key"] = (\n'
        '            embedding_kwargs.pop("api_key", None) or os.environ["DASHSCOPE_API_KEY"]\n'
        "        )\n",
        "",
    ).replace('"chunk_size": 10}', '"chunk_size": 10, "openai_api_key": "x"}')
    (tmp_path / "emb.py").write_text(text)
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "--provider", "qwen", "--no-cache", "--format", "json"]
    )
    found = [
        (f["line"], f["rule"], f["severity"], f["fix"])
        for f in json.loads(result.stdout)["findings"]
    ]
    assert (result.exit_code, found) == (1, [(21, "ML601", "warning", "review")]), result.output
