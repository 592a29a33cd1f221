"""ML508 and ML507 read the provider's file for what a config mapping's model does with its
sampling and token values (t52a: OpenManus's `config.toml`, `temperature = 0.0` beside gpt-4o
mapped to kimi-k2.6, which takes only 1.0, or 0.6 with thinking off: every request got HTTP
400 while check was green; and ML507 still warned at `max_tokens = 32768`, the 32K or more
moonshot.toml advises)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.compat_summary import parameter_counts
from migrate_llm.model import FixClass, Severity
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

from .test_config_edits import migrate

CONFIG = '[llm]\nmodel = "gpt-4o"\nmax_tokens = 4096\ntemperature = 0.0\n'
UNCONFIRMED = (
    " (unconfirmed: third-party reports, for temperature and top_p; n and the penalties not "
    "measured)"
)
REJECTED = (
    "kimi-k2.6, to which apply maps gpt-4o, fixes temperature at 1.0 (0.6 with thinking off) "
    "and Moonshot AI (Kimi) rejects other values: temperature 0.0 (line 4) makes every request "
    'fail (HTTP 400); set 1.0, or 0.6 where the program sends {"thinking": {"type": '
    '"disabled"}} in extra_body, or have the program not send temperature, by hand' + UNCONFIRMED
)


def found(registry: Registry, text: str, provider: str = "moonshot", path: str = "config.toml"):
    return [
        (f.rule, f.line, f.column, f.severity, f.fix, f.message)
        for f in migrate(registry, path, text, provider)[1]
        if f.rule in ("ML507", "ML508")
    ]


def test_a_temperature_the_mapped_model_rejects_is_an_error(registry: Registry) -> None:
    rows = found(registry, CONFIG)
    assert [row[:5] for row in rows] == [
        ("ML507", 2, 9, Severity.WARNING, FixClass.MANUAL),
        ("ML508", 4, 15, Severity.ERROR, FixClass.MANUAL),
    ]
    assert rows[1][5] == REJECTED


def test_after_apply_the_provider_model_keeps_it_an_error(registry: Registry) -> None:
    moved = CONFIG.replace('"gpt-4o"', '"kimi-k2.6"')
    (row,) = [r for r in found(registry, moved) if r[0] == "ML508"]
    assert row[5] == REJECTED.replace("kimi-k2.6, to which apply maps gpt-4o,", "kimi-k2.6")


@pytest.mark.parametrize("value", ["1.0", "1", "0.6"])
def test_a_value_the_model_takes_in_a_mode_it_may_run_in_is_left(registry, value) -> None:
    text = CONFIG.replace("temperature = 0.0", f"temperature = {value}")
    assert [r for r in found(registry, text) if r[0] == "ML508"] == []


def test_check_reports_it_with_data_and_a_suppression_records_the_choice(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.toml").write_text(CONFIG.replace('"gpt-4o"', '"kimi-k2.6"'))
    checked = CliRunner().invoke(app, ["check", ".", "-p", "moonshot", "--format", "json"])
    assert checked.exit_code == 1
    (finding,) = [f for f in json.loads(checked.stdout)["findings"] if f["rule"] == "ML508"]
    assert (finding["severity"], finding["fix"], finding["data"]) == (
        "error",
        "manual",
        {"model": "kimi-k2.6", "param": "temperature", "value": "0.0", "allowed": [1.0, 0.6]},
    )
    (tmp_path / "config.toml").write_text(
        '[llm]\nmodel = "kimi-k2.6"  # migrate-llm: ignore[ML507]\nmax_tokens = 4096\n'
        "temperature = 0.0  # migrate-llm: ignore[ML508]\n"
    )
    settled = CliRunner().invoke(app, ["check", ".", "-p", "moonshot"])
    assert (settled.exit_code, settled.stdout) == (0, "0 findings for moonshot in 0 of 1 file\n")


def _fixed_at(param: str, value: str, line: int, allowed: str, model: str = "kimi-k2.6") -> str:
    return (
        f"{model} fixes {param} at {allowed} and Moonshot AI (Kimi) rejects other values: "
        f"{param} {value} (line {line}) makes every request fail (HTTP 400); set {allowed}, or "
        f"have the program not send {param}, by hand" + UNCONFIRMED
    )


def test_top_p_n_and_the_penalties_are_named_at_the_value_of_either_mode(registry):
    """Kimi's parameter table fixes top_p at 0.95, n at 1 and both penalties at 0 for
    kimi-k2.6, one value thinking or not (an autogen client config's `top_p: 1.0`); a value
    it takes is left (`presence_penalty: 0.0`, `n: 1`)."""
    text = (
        "llm:\n  model: kimi-k2.6\n  top_p: 1.0\n  presence_penalty: 0.0\n  n: 1\n"
        "  frequency_penalty: 0.5\n  n_ctx: 3\n  max_tokens: 32768\n"
        "  extra_body:\n    thinking:\n      type: disabled\n"
    )
    assert [(r[0], r[1], r[3], r[5]) for r in found(registry, text, path="config.yaml")] == [
        ("ML508", 3, Severity.ERROR, _fixed_at("top_p", "1.0", 3, "0.95")),
        ("ML508", 6, Severity.ERROR, _fixed_at("frequency_penalty", "0.5", 6, "0")),
    ]
    several = '[llm]\nmodel = "gpt-4o"\nn = 2\npresence_penalty = -0.5\n'
    assert [r[5] for r in found(registry, several) if r[0] == "ML508"] == [
        _fixed_at("n", "2", 3, "1").replace("kimi-k2.6", "kimi-k2.6, to which apply maps gpt-4o,"),
        _fixed_at("presence_penalty", "-0.5", 4, "0").replace(
            "kimi-k2.6", "kimi-k2.6, to which apply maps gpt-4o,"
        ),
    ]


def test_the_data_holds_the_value_alone_and_a_doubt_of_the_values_is_said(registry):
    """kimi-k2.5's values were read on Kimi's staging site (moonshot.toml's `[uncertain]`)."""
    text = "llm:\n  model: kimi-k2.5\n  top_p: 0.9\n"
    ctx = RuleContext(registry, registry.get("moonshot"))
    (finding,) = [f for f in check_config("config.yaml", text, ctx) if f.rule == "ML508"]
    assert finding.data == {
        "model": "kimi-k2.5",
        "param": "top_p",
        "value": "0.9",
        "allowed": [0.95],
    }
    assert finding.message == _fixed_at("top_p", "0.9", 3, "0.95", "kimi-k2.5").replace(
        "measured)",
        "measured; read on Kimi's staging site (test-platform.kimi.ai), whose table names "
        "kimi-k2.5 where the published one names kimi-k2.6)",
    )


def test_a_fixed_parameter_whose_value_the_file_does_not_give_is_not_reported(registry):
    """kimi-k3 fixes top_p too, but moonshot.toml gives no value for it: only third-party
    reports say which it takes."""
    text = "llm:\n  model: kimi-k3\n  top_p: 1.0\n  max_tokens: 32768\n"
    assert found(registry, text, path="config.yaml") == []


def test_where_the_file_does_not_say_another_value_is_rejected_it_is_a_warning(registry):
    moonshot = registry.get("moonshot")
    params = {k: v for k, v in moonshot.params.items() if k != "fixed_other_value"}
    quiet = dataclasses.replace(moonshot, params=params)
    findings = check_config("config.toml", CONFIG, RuleContext(registry, quiet))
    (finding,) = [f for f in findings if f.rule == "ML508"]
    assert (finding.severity, finding.message) == (
        Severity.WARNING,
        "kimi-k2.6, to which apply maps gpt-4o, fixes temperature at 1.0 (0.6 with thinking "
        "off): a request sending 0.0 (line 4) may fail; set 1.0, or 0.6 where the program sends "
        '{"thinking": {"type": "disabled"}} in extra_body, or have the program not send '
        "temperature, by hand",
    )


def test_a_value_in_a_params_mapping_inside_counts_and_a_held_mapping_does_not(registry):
    nested = "agent:\n  model: gpt-4o\n  params:\n    temperature: 0.2\n"
    assert [r[:2] for r in found(registry, nested, path="agent.yaml")] == [("ML508", 4)]
    held = (
        "llm:\n  base_url: https://api.openai.com/v1\n  api_key: ${OPENAI_API_KEY}\n"
        "  model: gpt-4o\n  temperature: 0.2\n"
    )
    assert found(registry, held, path="agent.yaml") == []


def test_a_provider_whose_models_fix_nothing_has_nothing_to_report(registry) -> None:
    assert [r[0] for r in found(registry, CONFIG, "deepseek")] == ["ML507"]


def test_counted_as_a_parameter_the_model_fixes(registry: Registry) -> None:
    findings = migrate(registry, "config.toml", CONFIG, "moonshot")[1]
    assert parameter_counts([f for f in findings if f.rule == "ML508"]) == {
        "parameter the model fixes": (1, 0)
    }


# --- ML507: the limit the provider advises for the reasoning (moonshot.toml: 32K or more) ---


@pytest.mark.parametrize("limit", ["32768", "32000", "65536"])
def test_a_limit_as_large_as_the_provider_advises_is_not_reported(registry, limit) -> None:
    text = CONFIG.replace("4096", limit).replace("temperature = 0.0", "temperature = 1.0")
    assert found(registry, text) == []


def test_a_smaller_limit_names_the_advised_size(registry: Registry) -> None:
    (row,) = [r for r in found(registry, CONFIG) if r[0] == "ML507"]
    assert row[5] == (
        "kimi-k2.6, to which apply maps gpt-4o, thinks before it answers unless told not to, "
        "which gpt-4o did not (replies and stream deltas carry reasoning_content, temperature is "
        "fixed at 1.0 and other values are rejected, a tool loop must send the reasoning back), "
        "and the reasoning counts against max_tokens: 4096 (line 3): at the default effort it "
        'may use all of it and leave the reply empty; have the program send {"thinking": '
        '{"type": "disabled"}} in these requests\' extra_body (its entries written in this '
        "mapping, also under extra_body:, settle this warning), or raise the limit (to 32000 or "
        "more), or map gpt-4o to a model that does not think (--model gpt-4o=NAME), by hand"
    )


def test_without_an_advised_size_any_limit_is_reported(registry: Registry) -> None:
    text = CONFIG.replace("4096", "32768")
    assert [r[0] for r in found(registry, text, "deepseek")] == ["ML507"]
