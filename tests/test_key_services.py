"""ML004 on a bare `sk-` key the code shows going to another service (t65a, gpt-author's
Stability AI key): the message names where it goes, never the provider's key variable."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.clients import HardcodedSecret
from migrate_llm.rules.python import check_python

KEY = "sk-Zx8Qw2Lm4Np6Rt8Vy0Ab2Cd4Ef6Gh8Ij0Kl2Mn4Op6Qr8St0"
PROVIDER_ADVICE = "hard-coded API key sk-Zx…t0; read it from ACME_API_KEY and rotate it"


def messages(registry, text: str) -> list[str]:
    ctx = RuleContext(registry, registry.get("acme"))
    return [f.message for f in check_python(text, ctx, (HardcodedSecret,))]


def test_a_key_sent_through_a_url_built_from_an_environment_default(registry):
    # gpt-author's create_cover_image: the key through two names, the host an env default
    text = (
        "import os\n\nimport requests\n\n"
        f'stability_key_value = "{KEY}"\n\n\n'
        "def cover(plot):\n"
        "    api_host = os.getenv('API_HOST', 'https://api.stability.ai')\n"
        "    api_key = stability_key_value\n"
        "    if api_key is None:\n"
        "        raise Exception('Missing key.')\n"
        "    return requests.post(\n"
        '        f"{api_host}/v1/generation/x/text-to-image",\n'
        '        headers={"Authorization": f"Bearer {api_key}"},\n'
        "    )\n"
    )
    assert messages(registry, text) == [
        "hard-coded API key sk-Zx…t0 in stability_key_value, named for Stability AI, not "
        "OpenAI or Acme Cloud; read it from an environment variable of its own and rotate it"
    ]
    renamed = text.replace("stability_key_value", "image_key")
    assert messages(registry, renamed) == [
        "hard-coded API key sk-Zx…t0, sent to api.stability.ai, not to OpenAI or Acme Cloud; "
        "read it from an environment variable of its own and rotate it"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # also sent to OpenAI
        "import requests\n\n"
        f'image_key = "{KEY}"\n'
        'requests.post("https://api.stability.ai/v1/x", headers={"k": image_key})\n'
        'requests.post("https://api.openai.com/v1/chat/completions", headers={"k": image_key})\n',
        # an OpenAI-style path on another host: a gateway that may serve the provider
        "import requests\n\n"
        f'key = "{KEY}"\n'
        'requests.post("https://gw.example/v1/chat/completions", headers={"k": key})\n',
        # also given to a function the module does not show
        "import requests\n\n"
        f'key = "{KEY}"\n'
        'requests.post("https://api.stability.ai/v1/x", headers={"k": key})\n'
        "log(key)\n",
        # a name for another service, but given to an OpenAI client
        f'from openai import OpenAI\n\nclaude_key = "{KEY}"\nc = OpenAI(api_key=claude_key)\n',
    ],
    ids=["also-openai", "gateway-path", "unknown-call", "openai-client"],
)
def test_a_key_not_shown_going_only_elsewhere_keeps_the_providers_variable(registry, text):
    assert messages(registry, text) == [PROVIDER_ADVICE]


def test_check_fails_and_apply_leaves_the_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "import requests\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
        f'image_key = "{KEY}"\n'
        'r = requests.post("https://api.stability.ai/v1/user", headers={"k": image_key})\n'
    )
    (tmp_path / "app.py").write_text(text)
    result = CliRunner().invoke(app, ["check", "app.py", "--provider", "qwen"])
    assert result.exit_code == 1
    assert (
        "app.py:5:13 ML004 hard-coded API key sk-Zx…t0, sent to api.stability.ai, not to OpenAI "
        "or Alibaba Qwen (DashScope / Model Studio); read it from an environment variable of "
        "its own and rotate it"
    ) in result.stdout.splitlines()
    assert "DASHSCOPE_API_KEY and rotate" not in result.stdout
    CliRunner().invoke(app, ["apply", "app.py", "--provider", "qwen", "--yes", "--allow-dirty"])
    assert KEY in (tmp_path / "app.py").read_text()
