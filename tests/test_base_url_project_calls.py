"""A read of OPENAI_BASE_URL whose value goes to a function or class of the project imported
from another module (ML401).

The module cannot see what that function builds: gpt-researcher's `kwargs["openai_api_base"]
= base_url`, then `get_llm(provider, **kwargs)`, which does `ChatOpenAI(**kwargs)` in another
module and gives it no key, so ChatOpenAI reads OPENAI_API_KEY. Renamed, the read sent that
key to DashScope. Given no key beside it, such a read is left (manual); given one, the key and
the base URL change together. Each migration is checked: safe/review findings are exactly its
edits, and a second run edits nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

QWEN = "Alibaba Qwen (DashScope / Model Studio)"

PROVIDER = """from langchain_openai import ChatOpenAI


def get_llm(provider, **kwargs):
    if provider == "openai":
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


class GenericLLMProvider:
    @classmethod
    def from_provider(cls, provider, **kwargs):
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
        '"OPENAI_BASE_URL", None', '"DASHSCOPE_BASE_URL", None'
    )
