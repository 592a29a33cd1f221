"""ML401 on OpenAI's key given to a litellm or DSPy call beside a base URL that is neither
OpenAI's nor the target's (a proxy read from a variable of the program's own, another host):
ML640 leaves such a call on that URL, so the read is left too (manual) and `check` fails on it;
renamed, the provider's key would go to that host. Beside the target's URL it is renamed."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json

PROVIDER = ["--provider", "deepseek"]

PROXY_CALL = """import os

import litellm


def ask(prompt):
    return litellm.completion(
        model="gpt-4o",
        api_base=os.environ["LLM_PROXY_URL"],
        api_key=os.environ["OPENAI_API_KEY"],
        messages=[{"role": "user", "content": prompt}],
    )
"""

LEFT = (
    "reads OPENAI_API_KEY, which goes to {callee} on line {line}, whose base URL "
    "(`{url}`) may be another provider's or a server of the program's own, which apply "
    "leaves: given DeepSeek's key (DEEPSEEK_API_KEY) it would send that key there; give that "
    "call the key its server takes, by hand"
)
DICT_LEFT = (
    "reads OPENAI_API_KEY, which goes with the base URL `{url}` of the same dict on line "
    "{line}, which may be another provider's or a server of the program's own and apply "
    "leaves as it is: given DeepSeek's key (DEEPSEEK_API_KEY) it would send that key there; "
    "give it the key its server takes, by hand"
)


def _run(*args: str):
    return CliRunner().invoke(app, [*args, *PROVIDER])


def _key_findings(root: Path) -> list[tuple[int, str, str]]:
    code, report = run_json("scan", *PROVIDER, str(root))
    assert code == 0, report
    return finding_rows(report, "line", "fix", "message", rules=("ML401",))


def test_the_key_of_a_call_to_a_proxy_is_left_and_check_fails(tmp_path):
    path = tmp_path / "app.py"
    path.write_text(PROXY_CALL)
    url = 'os.environ["LLM_PROXY_URL"]'
    assert _key_findings(tmp_path) == [
        (10, "manual", LEFT.format(callee="litellm.completion()", line=7, url=url))
    ]
    assert _run("apply", "--yes", str(tmp_path)).exit_code == 0
    assert path.read_text() == PROXY_CALL
    assert _run("check", str(tmp_path)).exit_code == 1


@pytest.mark.parametrize(
    ("call", "callee", "url"),
    [
        (
            'litellm.completion(model="gpt-4o", api_base=PROXY, api_key=KEY, messages=m)',
            "litellm.completion()",
            "PROXY",
        ),
        (
            'litellm.completion(model="gpt-4o", base_url=os.getenv("LLM_PROXY_URL"), '
            "api_key=KEY, messages=m)",
            "litellm.completion()",
            'os.getenv("LLM_PROXY_URL")',
        ),
        (
            'litellm.completion(model="openai/house-model", api_base=PROXY, api_key=KEY, '
            "messages=m)",
            "litellm.completion()",
            "PROXY",
        ),
        (
            'dspy.LM("openai/gpt-4o", api_base=os.environ["LLM_PROXY_URL"], api_key=KEY)',
            "dspy.LM()",
            'os.environ["LLM_PROXY_URL"]',
        ),
        (
            'litellm.completion(model="gpt-4o", api_base=os.environ["OTHER_API_BASE"], '
            "api_key=KEY, messages=m)",
            "litellm.completion()",
            'os.environ["OTHER_API_BASE"]',
        ),
    ],
)
def test_a_key_beside_another_base_url_is_left(tmp_path, call, callee, url):
    text = (
        "import os\n\nimport dspy\nimport litellm\n\n"
        'PROXY = "https://llm.example.com/v1"\nKEY = os.environ["OPENAI_API_KEY"]\n\n\n'
        f"def ask(m):\n    return {call}\n"
    )
    path = tmp_path / "app.py"
    path.write_text(text)
    assert _key_findings(tmp_path) == [(7, "manual", LEFT.format(callee=callee, line=11, url=url))]
    assert _run("apply", "--yes", str(tmp_path)).exit_code == 0
    assert "OPENAI_API_KEY" in path.read_text()


ROUTER = """import os

from litellm import Router

router = Router(
    model_list=[
        {
            "model_name": "main",
            "litellm_params": {
                "model": "gpt-4o",
                "api_base": "https://llm.example.com/v1",
                "api_key": os.environ["OPENAI_API_KEY"],
            },
        }
    ]
)
"""


def test_the_key_of_a_router_deployment_on_another_host_is_left(tmp_path):
    path = tmp_path / "app.py"
    path.write_text(ROUTER)
    url = '"https://llm.example.com/v1"'
    assert _key_findings(tmp_path) == [(12, "manual", DICT_LEFT.format(url=url, line=12))]
    assert _run("apply", "--yes", str(tmp_path)).exit_code == 0
    assert path.read_text() == ROUTER


@pytest.mark.parametrize(
    "base",
    [
        'os.environ["DEEPSEEK_BASE_URL"]',
        'os.environ["DEEPSEEK_API_BASE"]',  # litellm's variable for its deepseek route
        '"https://api.deepseek.com"',
    ],
)
def test_a_key_beside_the_targets_base_url_is_renamed(tmp_path, base):
    before = PROXY_CALL.replace('os.environ["LLM_PROXY_URL"]', base).replace(
        '"gpt-4o"', '"deepseek/deepseek-flash"'
    )
    path = tmp_path / "app.py"
    path.write_text(before)
    assert [(line, fix) for line, fix, _ in _key_findings(tmp_path)] == [(10, "safe")]
    assert _run("apply", "--yes", str(tmp_path)).exit_code == 0
    assert path.read_text() == before.replace("OPENAI_API_KEY", "DEEPSEEK_API_KEY")


NAMED_OPENAI_BASE = """import os

import litellm

base = os.getenv("OPENAI_BASE_URL")


def ask(prompt):
    return litellm.completion(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
        api_base=base,
        api_key=os.environ["OPENAI_API_KEY"],
    )
"""


def test_a_key_beside_openais_base_url_read_through_a_name_moves_with_it(tmp_path):
    """Review of session 57: the key's ML401 took `api_base=base` for another server ("give
    that call the key its server takes") while the base URL's said "point both at DeepSeek
    together". The name is followed to its read of OPENAI_BASE_URL: both are switched, and
    (session 58) ML640 maps the model too: at DeepSeek's URL gpt-4o-mini was refused."""
    path = tmp_path / "app.py"
    path.write_text(NAMED_OPENAI_BASE)
    assert _key_findings(tmp_path) == [
        (
            5,
            "safe",
            "reads OPENAI_BASE_URL; DeepSeek's base URL is in DEEPSEEK_BASE_URL (default "
            "https://api.deepseek.com)",
        ),
        (
            13,
            "safe",
            "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not "
            "copied)",
        ),
    ]
    assert _run("apply", "--yes", str(tmp_path)).exit_code == 0
    assert path.read_text() == NAMED_OPENAI_BASE.replace(
        'os.getenv("OPENAI_BASE_URL")', 'os.getenv("DEEPSEEK_BASE_URL", "https://api.deepseek.com")'
    ).replace("OPENAI_API_KEY", "DEEPSEEK_API_KEY").replace(
        '        model="gpt-4o-mini",\n',
        '        extra_body={"thinking": {"type": "disabled"}},\n'
        '        model="deepseek/deepseek-flash",\n',
    )
