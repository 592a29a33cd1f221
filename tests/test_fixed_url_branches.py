"""A program's branch for the provider's name that sends to a base URL written out (trial
t57a, D3).

gpt-researcher's `GenericLLMProvider.from_provider` has `elif provider == "dashscope":
ChatOpenAI(openai_api_base="https://dashscope.aliyuncs.com/compatible-mode/v1", ...)`. apply set
tests/test-openai-llm.py's `llm_provider = "openai"` to "dashscope": the requests then went to
that host whatever DASHSCOPE_BASE_URL said (the proxy or test server the Next line offers), and
with `--region intl` an intl key went to the cn host; check passed. Such a branch is not one
apply selects: the setting stays an error (ML204), its models with it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import load_registry
from migrate_llm.service_names import ServiceName, known_services, service_names

from . import network_guard
from .test_e2e_app import HTTPX_ALIAS, clean_env

CN = "https://dashscope.aliyuncs.com/compatible-mode/v1"
QWEN = "Alibaba Qwen (DashScope / Model Studio)"
# the shape of the trial's repros/min4_dashscope_branch, in our words
LLM = f"""import os

from langchain_openai import ChatOpenAI


def make_llm(service, **kwargs):
    if service == "openai":
        return ChatOpenAI(**kwargs)
    elif service == "dashscope":
        return ChatOpenAI(
            openai_api_base="{CN}",
            openai_api_key=os.environ["DASHSCOPE_API_KEY"],
            **kwargs,
        )
    raise ValueError(service)
"""
READ_URL = f'openai_api_base=os.environ.get("DASHSCOPE_BASE_URL", "{CN}"),'
SCRIPT = """from pkg.llm import make_llm

llm_provider = "openai"
model = "gpt-4o-mini"
print(make_llm(llm_provider, model=model).invoke("hi").content)
"""


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def project(tmp_path, llm: str = LLM):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "llm.py").write_text(llm)
    (tmp_path / "try_llm.py").write_text(SCRIPT)


def findings(tmp_path, *extra: str):
    result = CliRunner().invoke(
        app,
        ["check", str(tmp_path), "--provider", "qwen", "--no-cache", "--format", "json", *extra],
    )
    found = json.loads(result.stdout)["findings"]
    return result.exit_code, [f for f in found if f["path"].endswith("try_llm.py")]


def test_a_branch_names_the_base_urls_it_writes_out(registry):
    found = service_names("m.py", "m.py", LLM.encode(), known_services(registry))
    assert found == [
        ServiceName("dashscope", "m.py", "m.py", (), (CN,)),
        ServiceName("openai", "m.py", "m.py"),
    ]
    read = service_names(
        "m.py", "m.py", LLM.replace(f'openai_api_base="{CN}",', READ_URL).encode(),
        known_services(registry),
    )  # fmt: skip
    assert [n.fixed for n in read] == [(), ()]


@pytest.mark.parametrize(
    ("region", "said"),
    [([], "the cn region's"), (["--region", "intl"], "the cn region's, not intl's")],
)
def test_a_branch_with_its_url_written_out_is_not_selected(tmp_path, monkeypatch, region, said):
    monkeypatch.chdir(tmp_path)  # paths in messages relative to it
    project(tmp_path)
    result = CliRunner().invoke(
        app, ["apply", str(tmp_path), "--provider", "qwen", "--yes", *region]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "try_llm.py").read_text() == SCRIPT
    code, found = findings(tmp_path, *region)
    assert code == 1
    assert [(f["line"], f["rule"], f["severity"], f["fix"]) for f in found] == [
        (3, "ML204", "error", "manual"),
        (4, "ML204", "warning", "manual"),
    ]
    region_url = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1" if region else CN
    assert found[0]["message"] == (
        "llm_provider = \"openai\" beside the model settings on line 4 ('gpt-4o-mini') picks the "
        "service their models go to, OpenAI, with its key; the program picks its services by "
        f"such names and has entries for {QWEN}, but its branch for 'dashscope' (pkg/llm.py) "
        f"sends to {CN}, {said}, written out: it ignores DASHSCOPE_BASE_URL: apply leaves it "
        f"and those models; make the program pick {QWEN} there (key from DASHSCOPE_API_KEY, "
        f"base URL {region_url}) and select it here, by hand"
    )
    assert found[1]["message"].endswith(
        f"and the program has no {QWEN} entry reading DASHSCOPE_BASE_URL to pick there; change "
        "the two together, by hand"
    )


def test_a_branch_reading_the_providers_variable_is_selected(tmp_path):
    project(tmp_path, LLM.replace(f'openai_api_base="{CN}",', READ_URL))
    result = CliRunner().invoke(app, ["apply", str(tmp_path), "--provider", "qwen", "--yes"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "try_llm.py").read_text() == SCRIPT.replace(
        '"openai"', '"dashscope"'
    ).replace('"gpt-4o-mini"', '"qwen-plus"')
    assert findings(tmp_path) == (0, [])


@pytest.mark.frameworks
def test_the_script_left_does_not_reach_the_fixed_host(registry, tmp_path, server):
    """As applied, the script still selects the "openai" branch, which the same apply points
    at the provider: its request reaches DASHSCOPE_BASE_URL's server (the loopback) with
    DASHSCOPE_API_KEY, and no other host is asked (the guard), not the one the "dashscope"
    branch writes out."""
    project(tmp_path)
    result = CliRunner().invoke(app, ["apply", str(tmp_path), "--provider", "qwen", "--yes"])
    assert result.exit_code == 0, result.output
    env = clean_env(registry)
    env |= {"DASHSCOPE_API_KEY": "test-key", "DASHSCOPE_BASE_URL": server.base + "/v1"}
    guard = tmp_path / "guard"
    proc = subprocess.run(
        [sys.executable, "try_llm.py"],
        cwd=tmp_path,
        env=network_guard.subprocess_env(env, guard, HTTPX_ALIAS),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert network_guard.blocked_hosts(guard) == []
    assert proc.stdout == "reply from gpt-4o-mini\n"
    assert [(r.path, r.headers["authorization"], r.body["model"]) for r in server.requests] == [
        ("/v1/chat/completions", "Bearer test-key", "gpt-4o-mini")
    ]
