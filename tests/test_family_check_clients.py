"""ML205 on a family check guarding the client apply points at the provider (t64e: RealChar's
`get_llm`, whose `"gpt-3.5-turbo"` default ML204 maps while `model.startswith("gpt")` stays):
before apply it says what to widen the test to; after apply, that the branch's client talks to
the provider already (not to give it the provider's key by hand), and check turns green once
the test accepts the provider's models. A branch keyed otherwise whose failing models reach a
`raise` says they fail it there (t68c), not that they get no key."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

LLM = (
    "import os\n"
    "from langchain.chat_models import ChatOpenAI\n\n\n"
    'def get_llm(model="gpt-3.5-turbo"):\n'
    '    model = os.getenv("LLM_MODEL", model)\n'
    '    if model.startswith("gpt"):\n'
    "        return ChatOpenAI(model=model)\n"
    '    raise ValueError(f"Invalid llm model: {model}")\n'
)
APPLIED = (
    "import os\n"
    "from langchain.chat_models import ChatOpenAI\n\n\n"
    'def get_llm(model="glm-4-flash"):\n'
    '    model = os.getenv("LLM_MODEL", model)\n'
    '    if model.startswith("gpt"):\n'
    "        return ChatOpenAI(\n"
    '            openai_api_key=os.environ["ZAI_API_KEY"],\n'
    "            openai_api_base=os.environ.get(\n"
    '                "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
    "            ),\n"
    "            model=model,\n"
    "        )\n"
    '    raise ValueError(f"Invalid llm model: {model}")\n'
)
TARGETS = [
    "glm-4-flash",
    "glm-4-plus",
    "glm-4-air-250414",
    "glm-4v-plus",
    "glm-4-long",
    "glm-5.3",
    "glm-4.7-flash",
    "cogview-4",
    "glm-asr-2512",
]


def ml205(result) -> list[tuple[int, str, str, dict]]:
    found = json.loads(result.stdout)["findings"]
    return [(f["line"], f["fix"], f["message"], f["data"]) for f in found if f["rule"] == "ML205"]


def test_scan_apply_check_and_the_widened_test(tmp_path, monkeypatch):
    path = tmp_path / "llm.py"
    path.write_bytes(LLM.encode())
    monkeypatch.chdir(tmp_path)
    scanned = CliRunner().invoke(app, ["scan", "-p", "zhipu", "--format", "json"])
    assert scanned.exit_code == 0
    assert ml205(scanned) == [
        (
            7,
            "manual",
            ".startswith('gpt') is an OpenAI model-family check: what apply maps OpenAI's 'gpt' "
            "models to ('glm-4-flash', 'glm-4-plus', 'glm-4-air-250414' and 6 more) never "
            "matches it, so the program's 'gpt' models fail it once mapped; make it accept Zhipu "
            "AI (GLM)'s models (starting with 'glm-') by hand",
            {"family": "gpt", "models_to": TARGETS},
        )
    ]
    applied = CliRunner().invoke(app, ["apply", "-p", "zhipu", "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    assert path.read_bytes() == APPLIED.encode()
    checked = CliRunner().invoke(app, ["check", "-p", "zhipu", "--format", "json"])
    assert checked.exit_code == 1
    [(line, fix, message, data)] = ml205(checked)
    assert (line, fix, data["family"]) == (7, "manual", "gpt")
    assert message == (
        ".startswith('gpt') is an OpenAI model-family check that picks the client for the "
        "models passing it (openai_api_key on line 9, which reads Zhipu AI (GLM)'s key, "
        f"ZAI_API_KEY): what apply maps OpenAI's 'gpt' models to ({_shown(data['models_to'])}) "
        "never matches it, so once mapped they fail it; that client already talks to Zhipu AI "
        "(GLM): make the test accept Zhipu AI (GLM)'s models (starting with 'glm-'), by hand"
    )
    path.write_bytes(APPLIED.replace('startswith("gpt")', 'startswith(("gpt", "glm-"))').encode())
    widened = CliRunner().invoke(app, ["check", "-p", "zhipu"])
    assert widened.exit_code == 0, widened.output


def test_a_branch_keyed_with_openais_key_keeps_the_key_advice(tmp_path, monkeypatch):
    text = APPLIED.replace('os.environ["ZAI_API_KEY"]', 'os.environ["OTHER_KEY"]')
    (tmp_path / "llm.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    checked = CliRunner().invoke(app, ["check", "-p", "zhipu", "--format", "json"])
    assert checked.exit_code == 1
    [(_, _, message, data)] = ml205(checked)
    assert message == (
        ".startswith('gpt') is an OpenAI model-family check that picks the key for the models "
        "passing it (openai_api_key on line 9): what apply maps OpenAI's 'gpt' models to "
        f"({_shown(data['models_to'])}) never matches it, so once mapped they fail it and reach "
        "the raise on line 15; make it accept Zhipu AI (GLM)'s models (starting with 'glm-') "
        "only once the key it picks for them is Zhipu AI (GLM)'s (ZAI_API_KEY), not an OpenAI "
        "key, by hand"
    )


def test_a_keyed_branch_whose_other_branch_returns_keeps_the_old_words(tmp_path, monkeypatch):
    """No raise where the models fail it: they get no key from it (t56a D1's advice)."""
    text = APPLIED.replace('os.environ["ZAI_API_KEY"]', 'os.environ["OTHER_KEY"]').replace(
        '    raise ValueError(f"Invalid llm model: {model}")\n', "    return None\n"
    )
    (tmp_path / "llm.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    checked = CliRunner().invoke(app, ["check", "-p", "zhipu", "--format", "json"])
    assert checked.exit_code == 1
    [(_, _, message, _data)] = ml205(checked)
    assert message.endswith(
        "never matches it, so once mapped they get no key from it; give them Zhipu AI (GLM)'s "
        "key (ZAI_API_KEY) by hand: made to accept them, it would send them the key it picks "
        "for OpenAI's models"
    )


def _shown(models: list[str]) -> str:
    shown = ", ".join(repr(m) for m in models[:3])
    return shown + (f" and {len(models) - 3} more" if len(models) > 3 else "")
