"""A read of OPENAI_BASE_URL whose value goes to a function or class of the project imported
from another module (ML401).

gpt-researcher's `kwargs["openai_api_base"] = base_url`, then `get_llm(provider, **kwargs)`,
which does `ChatOpenAI(**kwargs)` in another module. Where that module gives it no key,
ChatOpenAI reads OPENAI_API_KEY: renamed, the read sent that key to DashScope (trial 37), so it
is left (manual). Where it gives the provider's key where the caller gives none (ML601's fill,
or that form already written), left, the read sent DashScope's key to OPENAI_BASE_URL's host
(t57a D2): it is switched, the key and base URL together. Given a key beside it, the key and
the base URL change together. Each migration is checked: safe/review findings are exactly its
edits, and a second run edits nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import load_registry

from . import network_guard
from .loopback_server import LoopbackServer
from .test_e2e_app import HTTPX_ALIAS, clean_env

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
CN = "https://dashscope.aliyuncs.com/compatible-mode/v1"
# `os.environ.get("OPENAI_BASE_URL", None)` of a method as apply renames it: the None default,
# OpenAI's URL to a client, becomes the provider's (t58d)
PROVIDER_URL_READ = f'(\n            "DASHSCOPE_BASE_URL", "{CN}"\n        )'


@pytest.fixture(scope="module")
def registry():
    return load_registry()


# `kwargs.update(DEFAULTS)`: entries the module does not show, so ML601 cannot give the
# mapping the provider's key (manual): ChatOpenAI reads OPENAI_API_KEY
PROVIDER = """from langchain_openai import ChatOpenAI

DEFAULTS = {"temperature": 0}


def get_llm(provider, **kwargs):
    if provider == "openai":
        kwargs.update(DEFAULTS)
        return ChatOpenAI(**kwargs)
    raise ValueError(provider)
"""

LLM = """import os
from {module} import get_llm


def chat(model, provider="openai"):
    kwargs = {{"model": model}}
    if provider == "openai":
        base_url = os.environ.get("OPENAI_BASE_URL", None)
        if base_url:
            kwargs["openai_api_base"] = base_url
    return get_llm(provider, **kwargs).invoke("hi")
"""


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def scanned(root: Path, name: str) -> list[tuple[int, str, str, str]]:
    """ML401's findings in `name`, from `scan --format json` for qwen (run in `root`)."""
    result = CliRunner().invoke(
        app, ["scan", str(root), "-p", "qwen", "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    return [
        (f["line"], f["fix"], f["severity"], f["message"])
        for f in findings
        if f["rule"] == "ML401" and f["path"].endswith(name)
    ]


def applied(root: Path) -> None:
    result = CliRunner().invoke(app, ["apply", str(root), "-p", "qwen", "--yes"])
    assert result.exit_code == 0, result.output


def reason(call: str, line: int, module: str) -> str:
    return (
        f"reads OPENAI_BASE_URL; not switched: it goes to {call} on line {line}, the project's "
        f"own (imported from {module}), with no key beside it: a client built there from it "
        "keeps OpenAI's key (OPENAI_API_KEY, which it reads itself, or the key given it there): "
        f"switched, it would send that key to {QWEN}; pass {QWEN}'s key (from DASHSCOPE_API_KEY) "
        f"with it, or point both at {QWEN} where that client is built, by hand"
    )


@pytest.mark.parametrize(
    ("module", "shown"),
    [("pkg.provider", "pkg.provider"), (".provider", ".provider")],
    ids=["absolute-import-of-its-own-package", "relative-import"],
)
def test_a_base_url_spread_into_a_project_function_of_another_module_stays(tmp_path, module, shown):
    """The repro of trial 37 (B): renamed, the OpenAI key that ChatOpenAI reads in
    pkg/provider.py went to DashScope."""
    llm = LLM.format(module=module)
    root = project(
        tmp_path, {"pkg/__init__.py": "", "pkg/provider.py": PROVIDER, "pkg/llm.py": llm}
    )
    assert scanned(root, "pkg/llm.py") == [(8, "manual", "warning", reason("get_llm()", 11, shown))]
    applied(root)
    assert (root / "pkg" / "llm.py").read_text() == llm


GIVEN = """import os
from pkg.provider import get_llm


def by_keyword(model):
    return get_llm("openai", model=model, base_url=os.getenv("OPENAI_BASE_URL"))


def by_dict(model):
    options = {"model": model, "openai_api_base": os.getenv("OPENAI_BASE_URL")}
    return get_llm("openai", options)
"""


def test_a_base_url_given_to_a_project_function_by_keyword_or_in_a_dict_stays(tmp_path):
    root = project(
        tmp_path, {"pkg/__init__.py": "", "pkg/provider.py": PROVIDER, "pkg/llm.py": GIVEN}
    )
    assert scanned(root, "pkg/llm.py") == [
        (6, "manual", "warning", reason("get_llm()", 6, "pkg.provider")),
        (10, "manual", "warning", reason("get_llm()", 11, "pkg.provider")),
    ]
    applied(root)
    assert (root / "pkg" / "llm.py").read_text() == GIVEN


WITH_KEY = """import os
from pkg.provider import get_llm


def chat(model):
    kwargs = {"model": model}
    kwargs["openai_api_key"] = os.environ["OPENAI_API_KEY"]
    kwargs["openai_api_base"] = os.environ.get("OPENAI_BASE_URL")
    return get_llm("openai", **kwargs)
"""


def test_a_base_url_given_to_a_project_function_with_its_key_moves_with_it(tmp_path):
    """The module gives the key beside the base URL: both are renamed, together."""
    root = project(
        tmp_path, {"pkg/__init__.py": "", "pkg/provider.py": PROVIDER, "pkg/llm.py": WITH_KEY}
    )
    assert [(line, fix) for line, fix, _, _ in scanned(root, "pkg/llm.py")] == [
        (7, "safe"),
        (8, "safe"),
    ]
    applied(root)
    assert (root / "pkg" / "llm.py").read_text() == WITH_KEY.replace(
        "OPENAI_API_KEY", "DASHSCOPE_API_KEY"
    ).replace(
        'os.environ.get("OPENAI_BASE_URL")',
        "os.environ.get(\n"
        '        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "    )",
    )


THROUGH_A_WRAPPER = """import os


def get_llm(provider, **kwargs):
    from gpt_researcher.llm_provider import GenericLLMProvider

    return GenericLLMProvider.from_provider(provider, **kwargs)


def create_chat_completion(model, provider):
    provider_kwargs = {"model": model}
    if provider == "openai":
        base_url = os.environ.get("OPENAI_BASE_URL", None)
        if base_url:
            provider_kwargs["openai_api_base"] = base_url
    return get_llm(provider, **provider_kwargs)
"""

GENERIC = """from langchain_openai import ChatOpenAI

DEFAULTS = {"temperature": 0}


class GenericLLMProvider:
    @classmethod
    def from_provider(cls, provider, **kwargs):
        kwargs.update(DEFAULTS)
        return cls(ChatOpenAI(**kwargs))
"""


def test_a_base_url_spread_through_a_function_of_the_module_into_the_projects_stays(tmp_path):
    """gpt-researcher's utils/llm.py: the mapping goes to `get_llm(**kwargs)` of the module,
    which spreads it into a class of its own package (an absolute import)."""
    root = project(
        tmp_path,
        {
            "gpt_researcher/__init__.py": "",
            "gpt_researcher/llm_provider/__init__.py": "from .base import GenericLLMProvider\n",
            "gpt_researcher/llm_provider/base.py": GENERIC,
            "gpt_researcher/utils/__init__.py": "",
            "gpt_researcher/utils/llm.py": THROUGH_A_WRAPPER,
        },
    )
    call = "GenericLLMProvider.from_provider()"
    assert scanned(root, "utils/llm.py") == [
        (13, "manual", "warning", reason(call, 7, "gpt_researcher.llm_provider"))
    ]
    applied(root)
    assert (root / "gpt_researcher" / "utils" / "llm.py").read_text() == THROUGH_A_WRAPPER


def test_a_base_url_given_to_another_librarys_function_is_renamed(tmp_path):
    """A function of an installed library (not a module of the project) is not followed here:
    the read is renamed as before."""
    llm = LLM.format(module="llmkit.provider")
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/llm.py": llm})
    assert [(line, fix) for line, fix, _, _ in scanned(root, "pkg/llm.py")] == [(8, "safe")]
    applied(root)
    assert (root / "pkg" / "llm.py").read_text() == llm.replace(
        '("OPENAI_BASE_URL", None)', PROVIDER_URL_READ
    )


# t57a D2: a callee whose `**kwargs` ML601 gives the provider's key where the caller gives none
FILLED = """from langchain_openai import ChatOpenAI


def get_llm(provider, **kwargs):
    if provider == "openai":
        return ChatOpenAI(**kwargs)
    raise ValueError(provider)
"""
FILLED_AFTER = f"""import os

from langchain_openai import ChatOpenAI


def get_llm(provider, **kwargs):
    if provider == "openai":
        if not kwargs.get("base_url"):
            kwargs["base_url"] = kwargs.pop("openai_api_base", None) or os.environ.get(
                "DASHSCOPE_BASE_URL",
                "{CN}",
            )
        if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip(
            "/"
        ).lower() in (
            os.environ.get(
                "DASHSCOPE_BASE_URL",
                "{CN}",
            )
            .rstrip("/")
            .lower(),
            "{CN}",
            "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
            "https://dashscope-us.aliyuncs.com/compatible-mode/v1",
            "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",
        ):
            kwargs["api_key"] = (
                kwargs.pop("openai_api_key", None) or os.environ["DASHSCOPE_API_KEY"]
            )
        return ChatOpenAI(**kwargs)
    raise ValueError(provider)
"""


def switched(call: str, line: int, module: str) -> str:
    return (
        f"reads OPENAI_BASE_URL; {QWEN}'s base URL is in DASHSCOPE_BASE_URL (default {CN}); it "
        f"goes to {call} on line {line} (imported from {module}) with no key beside it, which "
        f"gives the client built there {QWEN}'s key (from DASHSCOPE_API_KEY) where the caller "
        "gives none: left as it is, its requests would go to the host OPENAI_BASE_URL names "
        f"whenever that is set, not to {QWEN}"
    )


def checked(root: Path) -> tuple[int, list[tuple[str, int, str, str, str]]]:
    result = CliRunner().invoke(
        app, ["check", str(root), "-p", "qwen", "--format", "json", "--no-cache"]
    )
    found = json.loads(result.stdout)["findings"]
    return result.exit_code, [
        (Path(f["path"]).name, f["line"], f["rule"], f["severity"], f["fix"]) for f in found
    ]


def test_a_base_url_going_to_a_callee_apply_gives_the_providers_key_is_switched(tmp_path):
    """Left, OPENAI_BASE_URL's host got DashScope's key from the fill in pkg/provider.py;
    switched with it, key and base URL are DashScope's together, and check passes."""
    llm = LLM.format(module="pkg.provider")
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/provider.py": FILLED, "pkg/llm.py": llm})
    assert scanned(root, "pkg/llm.py") == [
        (8, "safe", "error", switched("get_llm()", 11, "pkg.provider"))
    ]
    applied(root)
    assert (root / "pkg" / "llm.py").read_text() == llm.replace(
        '("OPENAI_BASE_URL", None)', PROVIDER_URL_READ
    )
    assert (root / "pkg" / "provider.py").read_text() == FILLED_AFTER
    assert checked(root) == (0, [])


def test_a_base_url_going_to_a_callee_filled_already_is_an_error_check_reports(tmp_path):
    """The trial's state after apply: pkg/provider.py holds the fill, pkg/llm.py still
    passes OPENAI_BASE_URL there."""
    llm = LLM.format(module="pkg.provider")
    root = project(
        tmp_path, {"pkg/__init__.py": "", "pkg/provider.py": FILLED_AFTER, "pkg/llm.py": llm}
    )
    assert checked(root) == (1, [("llm.py", 8, "ML401", "error", "safe")])
    assert scanned(root, "pkg/llm.py") == [
        (8, "safe", "error", switched("get_llm()", 11, "pkg.provider"))
    ]


def ml401_of(root: Path, given: str, name: str) -> list[tuple[int, str, str, str]]:
    """ML401's findings in `name` from `scan <given>` for qwen (run in `root`)."""
    result = CliRunner().invoke(
        app, ["scan", str(root / given), "-p", "qwen", "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    return [
        (f["line"], f["fix"], f["severity"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML401" and f["path"].endswith(name)
    ]


def test_a_base_url_going_to_a_callee_the_run_does_not_edit_stays(tmp_path):
    """Review of t57a D2: `apply pkg/llm.py` (the caller only) does not fill pkg/provider.py,
    whose ChatOpenAI(**kwargs) then reads OPENAI_API_KEY: switched alone, the base URL sent
    that key to DashScope. Left (manual), as for a callee that gives no key."""
    llm = LLM.format(module="pkg.provider")
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/provider.py": FILLED, "pkg/llm.py": llm})
    assert ml401_of(root, "pkg/llm.py", "pkg/llm.py") == [
        (8, "manual", "warning", reason("get_llm()", 11, "pkg.provider"))
    ]
    result = CliRunner().invoke(app, ["apply", str(root / "pkg" / "llm.py"), "-p", "qwen", "--yes"])
    assert result.exit_code == 0, result.output
    assert (root / "pkg" / "llm.py").read_text() == llm
    assert (root / "pkg" / "provider.py").read_text() == FILLED


def test_a_base_url_going_to_a_callee_whose_fill_is_suppressed_stays(tmp_path):
    """The whole project given, but the callee's line suppresses ML601: apply leaves it, so
    the caller's read stays too."""
    llm = LLM.format(module="pkg.provider")
    ignored = FILLED.replace(
        "ChatOpenAI(**kwargs)\n", "ChatOpenAI(**kwargs)  # migrate-llm: ignore[ML601]\n"
    )
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/provider.py": ignored, "pkg/llm.py": llm})
    assert scanned(root, "pkg/llm.py") == [
        (8, "manual", "warning", reason("get_llm()", 11, "pkg.provider"))
    ]
    applied(root)
    assert (root / "pkg" / "llm.py").read_text() == llm
    assert (root / "pkg" / "provider.py").read_text() == ignored


def test_a_base_url_going_to_a_callee_filled_already_moves_with_the_caller_alone(tmp_path):
    """The fill already written in the callee counts though the run holds the caller only."""
    llm = LLM.format(module="pkg.provider")
    root = project(
        tmp_path, {"pkg/__init__.py": "", "pkg/provider.py": FILLED_AFTER, "pkg/llm.py": llm}
    )
    assert ml401_of(root, "pkg/llm.py", "pkg/llm.py") == [
        (8, "safe", "error", switched("get_llm()", 11, "pkg.provider"))
    ]
    result = CliRunner().invoke(app, ["apply", str(root / "pkg" / "llm.py"), "-p", "qwen", "--yes"])
    assert result.exit_code == 0, result.output
    assert (root / "pkg" / "llm.py").read_text() == llm.replace(
        '("OPENAI_BASE_URL", None)', PROVIDER_URL_READ
    )
    assert (root / "pkg" / "provider.py").read_text() == FILLED_AFTER


def test_a_base_url_spread_through_a_function_of_the_module_into_a_filled_class_moves(tmp_path):
    """gpt-researcher's shape: `get_llm(**kwargs)` of the module hands the mapping to
    `GenericLLMProvider.from_provider`, re-exported by its package, which apply fills."""
    generic = GENERIC.replace("        kwargs.update(DEFAULTS)\n", "")
    root = project(
        tmp_path,
        {
            "gpt_researcher/__init__.py": "",
            "gpt_researcher/llm_provider/__init__.py": "from .base import GenericLLMProvider\n",
            "gpt_researcher/llm_provider/base.py": generic,
            "gpt_researcher/utils/__init__.py": "",
            "gpt_researcher/utils/llm.py": THROUGH_A_WRAPPER,
        },
    )
    call = "GenericLLMProvider.from_provider()"
    assert scanned(root, "utils/llm.py") == [
        (13, "safe", "error", switched(call, 7, "gpt_researcher.llm_provider"))
    ]
    applied(root)
    assert (root / "gpt_researcher" / "utils" / "llm.py").read_text() == (
        THROUGH_A_WRAPPER.replace('("OPENAI_BASE_URL", None)', PROVIDER_URL_READ)
    )
    assert checked(root) == (0, [])


RUN = """import sys

sys.path.insert(0, ".")
from pkg.llm import chat

print(chat("qwen-plus").content)
"""


@pytest.mark.frameworks
def test_no_key_reaches_the_host_openai_base_url_names(registry, tmp_path):
    """Run as applied with OPENAI_BASE_URL still set (docker-compose passes it on): the
    request, with DASHSCOPE_API_KEY, reaches DASHSCOPE_BASE_URL's server, and the server
    OPENAI_BASE_URL names receives nothing."""
    llm = LLM.format(module="pkg.provider")
    root = project(
        tmp_path,
        {"pkg/__init__.py": "", "pkg/provider.py": FILLED, "pkg/llm.py": llm, "run.py": RUN},
    )
    applied(root)
    other, qwen = LoopbackServer().start(), LoopbackServer().start()
    try:
        env = clean_env(registry) | {
            "OPENAI_BASE_URL": other.base + "/v1",
            "DASHSCOPE_BASE_URL": qwen.base + "/v1",
            "DASHSCOPE_API_KEY": "test-key",
        }
        guard = tmp_path / "guard"
        proc = subprocess.run(
            [sys.executable, "run.py"],
            cwd=root,
            env=network_guard.subprocess_env(env, guard, HTTPX_ALIAS),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        other.stop()
        qwen.stop()
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert network_guard.blocked_hosts(guard) == []
    assert proc.stdout == "reply from qwen-plus\n"
    assert other.requests == []
    assert [(r.path, r.headers["authorization"], r.body["model"]) for r in qwen.requests] == [
        ("/v1/chat/completions", "Bearer test-key", "qwen-plus")
    ]
