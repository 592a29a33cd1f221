"""A rule deciding once the traversal is over (`DeferredRule`) decides on the whole module,
whatever it reported on the way (t68a, agentscope's `_openai_tools.py`).

ML202 reports a default the provider already serves as a note during the traversal, and maps
the OpenAI defaults once it is over. Reporting the note ran that decision at once: an OpenAI
default of a function below one with a served default was never reported nor mapped, and the
request sent `gpt-4o` to the provider with check green. The same two functions in the other
order were mapped.
"""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .cli_findings import invoke, write

# a client the code already points at the provider
CLIENT = (
    "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
    '    api_key=os.environ.get("ACME_API_KEY"), base_url="https://api.acme.example/v1"\n'
    ")\n\n\n"
)
SERVED = (
    'def describe(q, model="{served}"):\n'
    "    return client.chat.completions.create(model=model, messages=q)\n"
)
OPENAI = (
    'def ask(q, model="gpt-4o"):\n'
    "    return client.chat.completions.create(model=model, messages=q)\n"
)


ZHIPU_CLIENT = (
    "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
    '    api_key=os.environ.get("ZAI_API_KEY"), base_url="https://open.bigmodel.cn/api/paas/v4"\n'
    ")\n\n\n"
)


def module(served: str, served_first: bool, client: str = CLIENT) -> str:
    first, second = SERVED.format(served=served), OPENAI
    if not served_first:
        first, second = second, first
    return client + first + "\n\n" + second


def migrate(registry, text: str, provider: str):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def ml202(change) -> list[tuple[str, str, str]]:
    return [
        (f.severity.value, f.fix.value, f.message) for f in change.findings if f.rule == "ML202"
    ]


def test_both_orders_give_the_same_findings_and_edits(registry):
    mapped = (
        "warning",
        "review",
        "default of model = 'gpt-4o' (used as model= on line {line}) maps to 'acme-large' on "
        "Acme Cloud",
    )
    served = (
        "note",
        "none",
        "default of model = 'acme-large' (used as model= on line {line}) is one of Acme "
        "Cloud's models",
    )
    below = migrate(registry, module("acme-large", served_first=True), "acme")
    above = migrate(registry, module("acme-large", served_first=False), "acme")
    assert ml202(below) == [
        (served[0], served[1], served[2].format(line=11)),
        (mapped[0], mapped[1], mapped[2].format(line=15)),
    ]
    assert ml202(above) == [
        (mapped[0], mapped[1], mapped[2].format(line=11)),
        (served[0], served[1], served[2].format(line=15)),
    ]
    assert below.after == module("acme-large", served_first=True).replace(
        '"gpt-4o"', '"acme-large"'
    )
    assert above.after == module("acme-large", served_first=False).replace(
        '"gpt-4o"', '"acme-large"'
    )
    for change in (below, above):
        again = migrate(registry, change.after, "acme")
        assert again.after == change.after
        assert [f for f in again.findings if f.edit is not None] == []


def test_check_is_red_while_the_openai_default_is_sent(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = module("glm-4.6v", served_first=True, client=ZHIPU_CLIENT)
    write(tmp_path, {"app.py": before})
    code, out = invoke("check", "app.py", "--provider", "zhipu")
    assert (code, out) == (
        1,
        "app.py:14:18 ML202 default of model = 'gpt-4o' (used as model= on line 15) maps to "
        "'glm-5.3' on Zhipu AI (GLM)\n"
        "1 finding for zhipu in 1 of 1 file; 0 error, 1 warning, 0 note\n",
    )
    code, out = invoke("apply", "app.py", "--provider", "zhipu", "--yes", "--allow-dirty")
    assert code == 0, out
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert after == before.replace('"gpt-4o"', '"glm-5.3"')
    assert invoke("check", "app.py", "--provider", "zhipu")[0] == 0


def test_a_config_text_above_a_setting_leaves_it_mapped(registry):
    # ML204 reported a model in a config text during the traversal by appending to its
    # findings, which decided the settings at once: the dict entry below was never mapped
    text = (
        "import yaml\nfrom langchain_openai import ChatOpenAI\n\n"
        'CONFIG = yaml.safe_load("""\nllm:\n  model: gpt-4o\n""")\n\n'
        'DEFAULTS = {"model_name": "gpt-4o-mini"}\n'
        "llm = ChatOpenAI(**DEFAULTS)\n"
    )
    change = migrate(registry, text, "acme")
    assert [(f.line, f.fix.value, f.message) for f in change.findings if f.rule == "ML204"] == [
        (
            6,
            "manual",
            "'gpt-4o' (llm.model in the config text) maps to 'acme-large' on Acme Cloud; apply "
            "leaves text in a string as it is (the program writes or reads it as a config "
            "file): change it there by hand, with the base URL and key beside it",
        ),
        (9, "review", "entry 'model_name' = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud"),
    ]
    assert 'DEFAULTS = {"model_name": "acme-small"}' in change.after
    assert "  model: gpt-4o\n" in change.after
