"""LangChain's ChatOpenAI moved to Kimi (t47e, gpt-engineer): the value a model fixes its
temperature at is written where the class sends one whether given or not
(`[fixed_values]`), a model chosen at run time gets the value to pass (manual),
`max_tokens=` becomes `max_completion_tokens=` (ML112's words), and ML205 leaves a family
check that guards OpenAI's price table or already accepts the provider's models."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.errors import ProviderError
from migrate_llm.model import FixClass, Severity

from .test_frameworks_fixed_params import CURRENT, IMPORTS, THINKING_OFF, migrate, parameters
from .test_model_params import parsed

KEY = '    api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
URL = '    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
HEAD = "kimi-k2.6 (mapped from gpt-4o) fixes temperature on Moonshot AI (Kimi): "
OLD_RELEASES = (
    "ChatOpenAI from langchain_openai sends temperature=0.7 when not given before "
    "langchain-openai 0.3.0"
)
RENAMED = (
    "Moonshot AI (Kimi) takes max_completion_tokens=, not max_tokens=: renamed (unconfirmed: "
    "max_tokens is marked deprecated in the API reference (read on Kimi's staging site); 'not "
    "honored' on kimi-k2.6 per a reseller's copy) (langchain-openai>=0.2.10 sends either as "
    "max_completion_tokens; earlier releases and langchain_community's class send max_tokens "
    "and pass max_completion_tokens on through model_kwargs, with a warning)"
)


def kimi(registry, text: str) -> tuple[str, list]:
    """What apply writes for Kimi and the findings of request parameters; a second run
    changes nothing and says no parameter again."""
    change = migrate(registry, text, "moonshot")
    assert change.error is None
    again = migrate(registry, change.after, "moonshot")
    assert again.after == change.after
    assert parameters(again) == []
    return change.after, parameters(change)


def shown(findings) -> list[tuple[int, int, FixClass, str, dict]]:
    return [(f.line, f.column, f.fix, f.message, dict(f.data)) for f in findings]


def test_a_given_temperature_gets_the_value_with_thinking_turned_off(registry):
    after, found = kimi(registry, CURRENT + 'llm = ChatOpenAI(model="gpt-4o", temperature=0.1)\n')
    assert after == IMPORTS + CURRENT + (
        f"llm = ChatOpenAI(\n{KEY}{URL}{THINKING_OFF}"
        '    tiktoken_model_name="gpt-4o",\n    model="kimi-k2.6",\n    temperature=0.6,\n)\n'
    )
    assert shown(found) == [
        (
            2,
            34,
            FixClass.REVIEW,
            HEAD + "temperature=0.6 is written in place of 0.1, its value with thinking turned "
            f"off: {OLD_RELEASES}, so removing it would not do (temperature=1.0 where the "
            "switch is dropped)",
            {
                "model": "kimi-k2.6",
                "model_from": "gpt-4o",
                "param": "temperature",
                "fact": "fixed",
                "glob": "kimi-k2.6",
                "value": 0.6,
            },
        )
    ]


def test_an_environment_default_model_is_read_as_apply_maps_it(registry):
    text = (
        "import os\n\n" + CURRENT + "\n"
        'llm = ChatOpenAI(model=os.getenv("MODEL_NAME", "gpt-4o"), temperature=0.1)\n'
    )
    after, found = kimi(registry, text)
    assert after == "import os\n\n" + CURRENT + (
        f"\nllm = ChatOpenAI(\n{KEY}{URL}{THINKING_OFF}"
        '    tiktoken_model_name="gpt-4o",\n'
        '    model=os.getenv("MODEL_NAME", "kimi-k2.6"),\n'
        "    temperature=0.6,\n)\n"
    )
    assert [(f.fix, f.data["value"]) for f in found] == [(FixClass.REVIEW, 0.6)]


def test_a_class_sending_its_default_is_given_the_value(registry):
    after, found = kimi(registry, CURRENT + 'llm = ChatOpenAI(model="gpt-4o", max_tokens=4096)\n')
    assert after == IMPORTS + CURRENT + (
        f"llm = ChatOpenAI(\n{KEY}{URL}{THINKING_OFF}"
        '    tiktoken_model_name="gpt-4o",\n'
        "    temperature=0.6,\n"
        '    model="kimi-k2.6",\n'
        "    max_completion_tokens=4096,\n)\n"
    )
    assert shown(found) == [
        (
            2,
            7,
            FixClass.REVIEW,
            HEAD + f"temperature=0.6 is passed, its value with thinking turned off: "
            f"{OLD_RELEASES} (temperature=1.0 where the switch is dropped)",
            {
                "model": "kimi-k2.6",
                "model_from": "gpt-4o",
                "param": "temperature",
                "fact": "fixed",
                "glob": "kimi-k2.6",
                "default": "0.7",
                "value": 0.6,
            },
        ),
        (
            2,
            34,
            FixClass.SAFE,
            RENAMED,
            {"param": "max_tokens", "renamed_to": "max_completion_tokens"},
        ),
    ]


def test_a_model_that_always_thinks_and_the_deprecated_class(registry):
    after, found = kimi(
        registry, CURRENT + 'llm = ChatOpenAI(model="o3", temperature=0.2, max_tokens=100)\n'
    )
    assert after == IMPORTS + CURRENT + (
        f"llm = ChatOpenAI(\n{KEY}{URL}"
        '    tiktoken_model_name="o3",\n    model="kimi-k3",\n    temperature=1.0,\n'
        "    max_completion_tokens=100,\n)\n"
    )
    assert found[0].message == (
        "kimi-k3 (mapped from o3) fixes temperature on Moonshot AI (Kimi): temperature=1.0 is "
        f"written in place of 0.2, its value when thinking: {OLD_RELEASES}, so removing it "
        "would not do (unconfirmed: third-party sources only: an error text quoted in an issue "
        '("only 1 is allowed"))'
    )
    community = "from langchain_community.chat_models import ChatOpenAI\n"
    after, found = kimi(registry, community + 'llm = ChatOpenAI(model="gpt-4o")\n')
    # t49d: the switch in its model_kwargs (it has no extra_body field), so thinking is off
    assert '    model_kwargs={"extra_body": {"thinking": {"type": "disabled"}}},\n' in after
    assert "    temperature=0.6,\n" in after
    assert [(f.fix, f.message) for f in found] == [
        (
            FixClass.REVIEW,
            HEAD + "temperature=0.6 is passed, its value with thinking turned off: ChatOpenAI "
            "from langchain_community.chat_models sends temperature=0.7 when not given "
            "(temperature=1.0 where the switch is dropped)",
        )
    ]


def test_a_model_chosen_at_run_time_is_left_with_the_value_to_pass(registry):
    text = (
        CURRENT + "\n\nclass AI:\n"
        '    def __init__(self, model_name="gpt-4o", temperature=0.1):\n'
        "        self.model_name = model_name\n"
        "        self.temperature = temperature\n"
        "        self.llm = ChatOpenAI(model=self.model_name, temperature=self.temperature)\n"
    )
    change = migrate(registry, text, "moonshot")
    assert "            temperature=self.temperature,\n" in change.after
    [finding] = parameters(change)
    assert (finding.line, finding.column, finding.fix, finding.severity) == (
        8,
        54,
        FixClass.MANUAL,
        Severity.WARNING,
    )
    assert finding.message == (
        "the model of ChatOpenAI from langchain_openai is chosen at run time, and every Moonshot "
        "AI (Kimi) model that apply maps OpenAI's chat models to fixes temperature (kimi-k2.6 at "
        "1.0, kimi-k3 at 1.0): it is given temperature=self.temperature; pass temperature=1.0 "
        "where it sends one of them, by hand (unconfirmed: third-party sources only: an error "
        'text quoted in an issue ("only 1 is allowed"))'
    )
    assert finding.data == {
        "model": None,
        "param": "temperature",
        "fact": "fixed",
        "values": {"kimi-k2.6": 1.0, "kimi-k3": 1.0},
    }
    # said again once the class points at Kimi: check keeps failing until a person passes it
    assert [f.message for f in parameters(migrate(registry, change.after, "moonshot"))] == [
        finding.message
    ]
    fixed = change.after.replace("temperature=self.temperature", "temperature=1.0")
    assert parameters(migrate(registry, fixed, "moonshot")) == []


def test_check_passes_after_apply(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(
        CURRENT + 'llm = ChatOpenAI(model="gpt-4o", temperature=0.1, max_tokens=4096)\n'
    )
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["check", ".", "--provider", "moonshot"]).exit_code == 1
    assert runner.invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"]).exit_code == 0
    after = runner.invoke(app, ["check", ".", "--provider", "moonshot"])
    assert after.exit_code == 0, after.stdout


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (
            '[fixed_values."tiny-r"]\ntemperature = { thinking = 1.0 }\n',
            'providers/tiny.toml: fixed_values.tiny-r.temperature: [model_params."tiny-r"] does '
            'not mark it "fixed"',
        ),
        (
            '[model_params."tiny-r"]\ntemperature = "fixed"\n'
            '[fixed_values."tiny-r"]\ntemperature = { hot = 1.0 }\n',
            "providers/tiny.toml: fixed_values.tiny-r.temperature: expected { thinking = "
            "<number>, thinking_off = <number> }",
        ),
    ],
)
def test_fixed_values_are_checked(extra, error):
    with pytest.raises(ProviderError) as raised:
        parsed(extra)
    assert str(raised.value) == error


def test_fixed_values_are_read_by_glob():
    tiny = parsed(
        '[model_params."tiny-r*"]\ntemperature = "fixed"\n'
        '[fixed_values."tiny-r*"]\ntemperature = { thinking = 1, thinking_off = 0.6 }\n'
    )
    assert tiny.fixed_value("tiny-r2", "temperature", "thinking_off") == (0.6, "tiny-r*")
    assert tiny.fixed_value("tiny-r2", "top_p", "thinking") is None
    assert tiny.to_json()["fixed_values"] == {
        "tiny-r*": {"temperature": {"thinking": 1, "thinking_off": 0.6}}
    }


PRICE_GATE = (
    "from langchain_community.callbacks.openai_info import get_openai_token_cost_for_model\n\n\n"
    "class TokenUsageLog:\n"
    "    def __init__(self, model_name):\n"
    "        self.model_name = model_name\n\n"
    "    def is_openai_model(self) -> bool:\n"
    '        return "gpt" in self.model_name.lower()\n\n'
    "    def usage_cost(self, n):\n"
    "        if not self.is_openai_model():\n"
    "            {}\n"
    "        return get_openai_token_cost_for_model(self.model_name, n)\n"
)


def ml205(registry, text: str) -> list[tuple[int, int, Severity, FixClass, str, dict]]:
    change = migrate(registry, text, "moonshot")
    assert change.after == text
    return [
        (f.line, f.column, f.severity, f.fix, f.message, dict(f.data))
        for f in change.findings
        if f.rule == "ML205"
    ]


def test_a_family_check_guarding_openais_price_table_is_left(registry):
    assert ml205(registry, PRICE_GATE.format("return None")) == [
        (
            9,
            16,
            Severity.NOTE,
            FixClass.NONE,
            "'gpt' in ... is an OpenAI model-family check: it guards "
            "get_openai_token_cost_for_model() (line 14), which looks the model up in OpenAI's "
            "price table: Moonshot AI (Kimi)'s models are not in it, and the other branch "
            "handles the models it does not know; leave it",
            {"guards": "get_openai_token_cost_for_model"},
        )
    ]
    # where the other branch raises, the provider's models would fail there: still a warning
    [(_, _, severity, fix, message, _)] = ml205(
        registry, PRICE_GATE.format('raise ValueError("no price")')
    )
    assert (severity, fix) == (Severity.WARNING, FixClass.MANUAL)
    assert "make it accept Moonshot AI (Kimi)'s models by hand" in message


def test_a_family_check_accepting_the_providers_models_in_an_or_is_left(registry):
    text = (
        CURRENT + "\n\nclass AI:\n"
        '    def __init__(self, model_name="kimi-k2.6"):\n'
        '        self.vision = ("gpt-4-turbo" in model_name) or model_name.startswith('
        '"kimi-k2.6")\n'
        "        self.llm = ChatOpenAI(model=model_name)\n"
    )
    change = migrate(registry, text, "moonshot")
    assert [f for f in change.findings if f.rule == "ML205"] == []
    alone = 'def vision(m):\n    return "gpt-4-turbo" in m or m == "other"\n'
    assert [f.rule for f in migrate(registry, alone, "moonshot").findings] == ["ML205"]
    family = 'def vision(m):\n    return "gpt-4-turbo" in m or "kimi" in m\n'
    assert list(migrate(registry, family, "moonshot").findings) == []


def test_the_provider_file_says_where_the_values_come_from(registry):
    moonshot = registry.get("moonshot")
    assert moonshot.fixed_value("kimi-k2.6", "temperature", "thinking") == (1.0, "kimi-k2.6")
    assert moonshot.fixed_value("kimi-k3", "temperature", "thinking_off") is None
    assert Path(moonshot.source).name == "moonshot.toml"
