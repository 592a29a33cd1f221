"""litellm models sent through OpenRouter (ML640) and litellm pins without the provider's route
(ML641), as the gpt-migrate trial found them (`openrouter/openai/gpt-4-32k`, `litellm==0.1.213`)."""

from __future__ import annotations

import pytest

from migrate_llm.frameworks.litellm import through_router

from .cli_findings import cli

ROUTED = """from litellm import completion


def run(prompt, model="openrouter/openai/gpt-4o"):
    return completion(model=model, messages=[{"role": "user", "content": prompt}])
"""
BARE = ROUTED.replace("openrouter/openai/gpt-4o", "gpt-4o")


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("openrouter/openai/gpt-4o", ("openrouter", "gpt-4o")),
        ("openrouter/anthropic/claude-3.5-sonnet", None),
        ("openai/gpt-4o", None),
        ("gpt-4o", None),
    ],
)
def test_which_models_go_to_openai_through_a_router(value, found):
    assert through_router(value) == found


def test_an_openai_model_through_openrouter_is_reported_and_left(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(ROUTED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    check = cli("check", ".", "--provider", "qwen")
    assert check.exit_code == 1
    assert check.stdout.splitlines()[0] == (
        "app.py:4:23 ML640 model='openrouter/openai/gpt-4o' of litellm.completion() is OpenAI's "
        "gpt-4o through OpenRouter: litellm sends it to openrouter.ai with OPENROUTER_API_KEY, "
        "not to Alibaba Qwen (DashScope / Model Studio); write 'dashscope/qwen4-max' with "
        'api_key=os.environ["DASHSCOPE_API_KEY"] or "unset" and api_base=os.environ.get('
        '"DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1") in its '
        "place, and no OpenRouter key, by hand"
    )
    done = cli("apply", ".", "--provider", "qwen", "--yes")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == ROUTED
    other = ROUTED.replace("openai/gpt-4o", "anthropic/claude-3.5-sonnet")
    (tmp_path / "app.py").write_text(other, encoding="utf-8")
    assert cli("check", ".", "--provider", "qwen").exit_code == 0


ML641 = (
    "ML641 litellm==0.1.213 has no dashscope/ route for Alibaba Qwen (DashScope / Model Studio) "
    "(litellm 1.74.2 is the first with it), on which apply writes the litellm calls and models "
    "it moves, with api_key= and api_base=: upgrade litellm to >=1.74.2"
)


def test_a_litellm_pin_without_the_route_keeps_check_red(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(BARE, encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("litellm==0.1.213\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = cli("apply", ".", "--provider", "qwen", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "dashscope/qwen4-max" in (tmp_path / "app.py").read_text(encoding="utf-8")
    check = cli("check", ".", "--provider", "qwen")
    assert check.exit_code == 1
    assert check.stdout.splitlines()[0] == f"requirements.txt:1:1 {ML641}"
    assert (tmp_path / "requirements.txt").read_text(encoding="utf-8") == "litellm==0.1.213\n"


@pytest.mark.parametrize(
    ("provider", "requirement", "reported"),
    [
        ("qwen", "litellm==1.74.1", True),
        ("qwen", "litellm==1.74.2", False),
        ("qwen", "litellm>=1.0", False),  # admits releases with the route
        ("qwen", "litellm<1.74", True),
        ("moonshot", "litellm==1.74.2", True),
        ("zhipu", "litellm~=1.80.7", False),
        ("zhipu", "litellm==1.80.7", True),
        ("deepseek", "litellm==1.14.4", True),
        ("deepseek", "litellm==1.53.1", False),
        ("siliconflow", "litellm==0.1.213", False),  # no litellm route of its own
        ("openai", "litellm==0.1.213", False),
    ],
)
def test_the_first_release_with_each_route(tmp_path, monkeypatch, provider, requirement, reported):
    (tmp_path / "app.py").write_text(BARE, encoding="utf-8")
    (tmp_path / "requirements.txt").write_text(f"{requirement}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    check = cli("check", ".", "--provider", provider, "--format", "json")
    assert ('"rule": "ML641"' in check.stdout) is reported
