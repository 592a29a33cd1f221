"""A notebook whose pip line installs openai<1, which apply moves to openai>=1 (ML506), while
apply leaves some of its openai<1 code: the messages about that code say it raises
APIRemovedInV1 under the new pin, not that openai<1 still sends it to OpenAI (t65a:
gpt-author's `!pip install openai==0.28` beside `openai.Image.create()` for Qwen). The same
wording holds after apply, when the line asks for openai>=1."""

from __future__ import annotations

import json
import subprocess
import sys

from .cli_findings import cli, write_here
from .notebook_builder import STYLES, cell, notebook

SOURCE = (
    "{pip}\n"
    "import openai, os\n"
    "openai.api_key = os.environ['OPENAI_API_KEY']\n"
    "img = openai.Image.create(prompt='a cover', n=1, size='512x512')\n"
    "r = openai.ChatCompletion.create(model='gpt-4', messages=[{{'role': 'user', 'content': "
    "'hi'}}])\n"
)
PIN = "the pip line on cell 1, line 1 installs openai>=1 once apply has run (ML506)"
ML301 = (
    "ML301 error openai.api_key is openai<1.0 configuration; pass api_key= to the client; "
    "apply leaves it while apply leaves some of the module's openai<1 requests as they are "
    f"(see ML302): {PIN}, where those requests raise APIRemovedInV1 and nothing reads this "
    "setting; rewrite them for openai>=1 (ML302), then delete this line, by hand"
)
ML401 = (
    "ML401 warning reads OPENAI_API_KEY, which goes to `openai.api_key` on cell 1, line {line}, "
    "a line apply leaves for the module's openai<1 code (ML301 says why): "
    f"{PIN}, where that code raises APIRemovedInV1 and sends no key; remove this read with "
    "ML301's line once that code is rewritten, by hand"
)
ML302 = (
    "ML302 error openai.Image.create() was removed in openai 1.0; use client.images.generate(); "
    "Alibaba Qwen (DashScope / Model Studio) has no OpenAI-compatible images API; this call "
    "fails after the switch (see https://www.alibabacloud.com/help/en/model-studio/"
    "compatibility-of-openai-with-dashscope); doubao, ernie, siliconflow, zhipu offer it"
)


def _write(tmp_path, monkeypatch, pip: str) -> None:
    text = STYLES["jupyter"](notebook(cell(SOURCE.format(pip=pip))))
    write_here(tmp_path, monkeypatch, {"nb.ipynb": text})


def _left(stderr: str) -> list[str]:
    return [
        line.strip().removeprefix("nb.ipynb:")
        for line in stderr.splitlines()
        if any(f" {code} " in line for code in ("ML301", "ML302", "ML401"))
    ]


def test_apply_says_what_the_left_code_does_under_the_pin_it_writes(tmp_path, monkeypatch):
    _write(tmp_path, monkeypatch, "!pip install openai==0.28")
    done = cli("apply", ".", "-p", "qwen", "--yes", "--allow-dirty", "--no-cache")
    assert done.exit_code == 0, done.stderr
    assert _left(done.stderr) == [
        f"cell 1:3:1 {ML301}",
        f"cell 1:3:18 {ML401.format(line=3)}",
        f"cell 1:4:7 {ML302}",
    ]
    source = "".join(json.loads((tmp_path / "nb.ipynb").read_text())["cells"][0]["source"])
    assert source.startswith('!pip install "openai>=1"\nimport openai, os\n')
    assert "openai.Image.create(prompt='a cover'" in source
    # so it does, under openai>=1
    run = "import openai\nopenai.api_key = 'x'\nopenai.Image.create(prompt='a cover')\n"
    proc = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "\nopenai.lib._old_api.APIRemovedInV1: \n" in proc.stderr
    assert "You tried to access openai.Image" in proc.stderr
    # and check says the same of the migrated notebook (its lines moved by the client apply
    # wrote)
    checked = cli("check", ".", "-p", "qwen", "--no-cache")
    assert checked.exit_code == 1
    assert [line for line in checked.stdout.splitlines() if " ML301 " in line] == [
        "nb.ipynb:cell 1:10:1 " + ML301.replace("ML301 error ", "ML301 ")
    ]
    assert [line for line in checked.stdout.splitlines() if " ML401 " in line] == [
        "nb.ipynb:cell 1:10:18 " + ML401.format(line=10).replace("ML401 warning ", "ML401 ")
    ]


def test_without_a_pip_line_openai_1_is_not_claimed(tmp_path, monkeypatch):
    _write(tmp_path, monkeypatch, "# no pip line")
    done = cli("scan", ".", "-p", "qwen", "--no-cache")
    assert done.exit_code == 0
    assert "installs openai>=1" not in done.stdout
    assert "openai<1 sends the module's requests with this setting" in done.stdout
