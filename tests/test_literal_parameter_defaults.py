"""A model default whose parameter's type is a `Literal[...]` of OpenAI names (t68a,
agentscope's `openai_create_image_variation(..., model: Literal["dall-e-2"] = "dall-e-2")`).

apply rewrote the default alone, leaving `model: Literal["dall-e-2"] = "cogview-4"`: a
default outside its type, and a tool schema made from the signature offering
`{"const": "dall-e-2", "default": "cogview-4"}`. ML202 (a default sent as model=) and ML204
(a setting) now leave such a default, as ML204 leaves a pydantic field's: ML205 reports the
Literal, and a person changes the type and the default together. A Literal that already
holds the mapped model does not hold the default.
"""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .cli_findings import invoke, write

VARY = (
    "from typing import Literal\n\n"
    "import openai\n\n\n"
    'def vary(image: str, api_key: str, model: Literal["dall-e-2"] = "dall-e-2") -> str:\n'
    "    client = openai.OpenAI(api_key=api_key)\n"
    '    with open(image, "rb") as f:\n'
    "        return client.images.create_variation(model=model, image=f).data[0].url\n"
)
LEFT = (
    "default of model = 'dall-e-2' (used as model= on line 9) maps to 'cogview-4' on Zhipu AI "
    '(GLM), but apply leaves it: the parameter\'s type Literal["dall-e-2"] is a Literal[...] '
    "without 'cogview-4', so the default would fall outside it, and what reads the signature "
    "(a type checker, a tool schema made from it) would still name the OpenAI model; add "
    "'cogview-4' to that Literal (ML205), then change this default, by hand"
)


def migrate(registry, text: str):
    ctx = RuleContext(registry, registry.get("acme"))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def model_rows(change) -> list[tuple]:
    return [
        (f.rule, f.line, f.fix.value, f.message)
        for f in change.findings
        if f.rule in ("ML202", "ML204")
    ]


def test_the_default_is_left_with_its_type(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"vary.py": VARY})
    code, out = invoke("check", "vary.py", "--provider", "zhipu")
    assert code == 1
    assert f"vary.py:6:65 ML202 {LEFT}" in out.splitlines()
    code, out = invoke("apply", ".", "--provider", "zhipu", "--yes", "--allow-dirty")
    assert code == 0, out
    after = (tmp_path / "vary.py").read_text(encoding="utf-8")
    # the client moves; the signature stays as it was
    assert 'model: Literal["dall-e-2"] = "dall-e-2") -> str:' in after
    assert "cogview-4" not in after
    assert 'os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")' in after
    code, out = invoke("check", "vary.py", "--provider", "zhipu")
    assert code == 1
    moved = LEFT.replace("on line 9", "on line 13")  # the client's construction grew
    assert f"vary.py:7:65 ML202 {moved}" in out.splitlines()


CLIENT = (
    "import os\nfrom typing import Literal, Optional\n\nfrom openai import OpenAI\n\n"
    'client = OpenAI(api_key=os.environ["ACME_API_KEY"], base_url="https://api.acme.example/v1")'
    "\n\n\n"
)


def test_an_optional_literal_holds_the_default_too(registry):
    text = CLIENT + (
        'def ask(q, model: Optional[Literal["gpt-4o-mini"]] = "gpt-4o-mini"):\n'
        "    return client.chat.completions.create(model=model, messages=q)\n"
    )
    change = migrate(registry, text)
    assert model_rows(change) == [
        (
            "ML202",
            9,
            "manual",
            "default of model = 'gpt-4o-mini' (used as model= on line 10) maps to 'acme-small' "
            "on Acme Cloud, but apply leaves it: the parameter's type "
            "Optional[Literal[\"gpt-4o-mini\"]] is a Literal[...] without 'acme-small', so the "
            "default would fall outside it, and what reads the signature (a type checker, a "
            "tool schema made from it) would still name the OpenAI model; add 'acme-small' to "
            "that Literal (ML205), then change this default, by hand",
        )
    ]
    assert change.after == text


def test_a_literal_holding_the_mapped_model_lets_the_default_move(registry):
    text = CLIENT + (
        'def ask(q, model: Literal["gpt-4o", "acme-large"] = "gpt-4o"):\n'
        "    return client.chat.completions.create(model=model, messages=q)\n"
    )
    change = migrate(registry, text)
    assert model_rows(change) == [
        (
            "ML202",
            9,
            "review",
            "default of model = 'gpt-4o' (used as model= on line 10) maps to 'acme-large' on "
            "Acme Cloud",
        )
    ]
    assert change.after == text.replace('= "gpt-4o"', '= "acme-large"')


def test_a_setting_default_is_left_as_well(registry):
    text = (
        CLIENT + 'def settings(model: Literal["gpt-4o"] = "gpt-4o"):\n    return {"model": model}\n'
    )
    change = migrate(registry, text)
    assert model_rows(change) == [
        (
            "ML204",
            9,
            "manual",
            "default of model = 'gpt-4o' maps to 'acme-large' on Acme Cloud, but apply leaves "
            'it: the parameter\'s type Literal["gpt-4o"] is a Literal[...] without '
            "'acme-large', so the default would fall outside it, and what reads the signature "
            "(a type checker, a tool schema made from it) would still name the OpenAI model; "
            "add 'acme-large' to that Literal (ML205), then change this default, by hand",
        )
    ]
    assert change.after == text


DRAW = (
    "from typing import Literal\n\n"
    "import openai\n\n\n"
    'def draw(prompt: str, model: Literal["dall-e-2", "dall-e-3"] = "dall-e-2"):\n'
    '    kwargs = {"model": model, "prompt": prompt}\n'
    '    if model != "dall-e-2":\n'
    '        kwargs["quality"] = "hd"\n'
    "    return openai.OpenAI().images.generate(**kwargs)\n\n\n"
    'def edit(image, prompt: str, model: Literal["dall-e-2", "gpt-image-1"] = "dall-e-2"):\n'
    '    kwargs = {"model": model, "prompt": prompt, "image": image}\n'
    "    return openai.OpenAI().images.edit(**kwargs)\n"
)
COMPARED = (
    "draw.py:8:17 ML205 comparison with OpenAI model 'dall-e-2': Zhipu AI (GLM)'s model "
    "names never equal it; apply leaves it: 'dall-e-3', which this module names too, maps to "
    "'cogview-4' as well, so accepting 'cogview-4' here would send that model down this "
    "branch; "
)
BECOMES = (
    "the module's own 'dall-e-2' becomes 'cogview-4' (ML204), which this branch does not take "
    "until you change it; "
)


def test_a_comparison_does_not_say_a_held_default_becomes_the_provider_model(tmp_path, monkeypatch):
    """t68f (agentscope's `_openai_tools.py`): ML205 on `model != "dall-e-2"` said the module's
    own 'dall-e-2' "becomes 'cogview-4' (ML204)" while ML204 leaves both defaults for their
    Literal types; it now asks ML204's reason (`literal_hold_reason`). Where the other
    default is a plain `str`, ML204 maps it and the sentence stays."""
    monkeypatch.chdir(tmp_path)
    plain = DRAW.replace('Literal["dall-e-2", "gpt-image-1"]', "str")
    write(tmp_path, {"draw.py": DRAW, "plain.py": plain})
    code, out = invoke("check", "draw.py", "--provider", "zhipu")
    assert code == 1
    [line] = [x for x in out.splitlines() if x.startswith("draw.py:8:17 ")]
    assert line == COMPARED + "change the check by hand"
    code, out = invoke("check", "plain.py", "--provider", "zhipu")
    assert code == 1
    [line] = [x for x in out.splitlines() if x.startswith("plain.py:8:17 ")]
    assert line == COMPARED.replace("draw.py", "plain.py") + BECOMES + "change the check by hand"
    assert "plain.py:13:43 ML204 default of model = 'dall-e-2' maps to 'cogview-4'" in out
