"""The helpers the commands use: baseline filtering, the GitHub step summary, verify's
endpoint and key. They never print; problems are raised as MigrateError."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrate_llm.cli_support.baseline_filter import record_baseline, without_baseline
from migrate_llm.cli_support.step_summary import append_step_summary
from migrate_llm.cli_support.verify_env import Endpoint, endpoint_from_env
from migrate_llm.errors import MigrateError
from migrate_llm.model import Finding, FixClass, ScanResult, Severity


def finding(path: str, line: int, rule: str = "ML001") -> Finding:
    return Finding(rule, "client", Severity.ERROR, FixClass.SAFE, "m", line, 1, line, 5, path)


def test_endpoint_from_the_provider_variables(registry):
    acme = registry.get("acme")
    environ = {"ACME_API_KEY": " k-1 ", "ACME_BASE_URL": "http://127.0.0.1:9/v1"}
    assert endpoint_from_env(acme, None, environ) == Endpoint("http://127.0.0.1:9/v1", "k-1")


def test_endpoint_falls_back_to_the_catalogue_url_of_the_region(registry):
    acme = registry.get("acme")
    environ = {"ACME_API_KEY": "k", "ACME_BASE_URL": "  "}
    assert endpoint_from_env(acme, "intl", environ).base_url == "https://intl.acme.example/v1"
    assert endpoint_from_env(acme, None, environ).base_url == "https://api.acme.example/v1"


def test_endpoint_without_a_key_or_with_an_unknown_region_raises(registry):
    acme = registry.get("acme")
    with pytest.raises(MigrateError) as missing:
        endpoint_from_env(acme, None, {"OPENAI_API_KEY": "sk-x"})
    assert (
        str(missing.value) == "ACME_API_KEY is not set: export ACME_API_KEY=<your Acme Cloud key>"
    )
    with pytest.raises(MigrateError, match="mars"):
        endpoint_from_env(acme, "mars", {"ACME_API_KEY": "k"})


def test_step_summary_appends_only_when_the_variable_is_set(tmp_path):
    result = ScanResult(provider="acme", files=1, findings=(finding("app.py", 2),))
    target = tmp_path / "summary.md"
    target.write_text("earlier\n", encoding="utf-8")
    append_step_summary(result, {})
    assert target.read_text(encoding="utf-8") == "earlier\n"
    append_step_summary(result, {"GITHUB_STEP_SUMMARY": str(target)})
    text = target.read_text(encoding="utf-8")
    assert text.startswith("earlier\n### migrate-llm check\n")


def test_step_summary_that_cannot_be_written_raises(tmp_path):
    result = ScanResult(provider="acme", files=0)
    with pytest.raises(MigrateError) as failed:
        append_step_summary(result, {"GITHUB_STEP_SUMMARY": str(tmp_path / "no" / "summary.md")})
    assert str(failed.value) == (
        f"cannot write GITHUB_STEP_SUMMARY {tmp_path / 'no' / 'summary.md'}: "
        "No such file or directory"
    )


def test_baseline_round_trip_keeps_new_findings_and_counts_fixed_ones(tmp_path):
    (tmp_path / "app.py").write_text("a = 1\nb = 2\nc = 3\n", encoding="utf-8")
    old = ScanResult(
        "acme", 1, (finding("app.py", 1), finding("app.py", 2)), scanned=frozenset({"app.py"})
    )
    baseline = tmp_path / "baseline.json"
    assert record_baseline(baseline, old, tmp_path) == 2
    assert [e["rule"] for e in json.loads(baseline.read_text())["findings"]] == ["ML001", "ML001"]

    new = ScanResult(
        "acme", 1, (finding("app.py", 2), finding("app.py", 3)), scanned=frozenset({"app.py"})
    )
    filtered = without_baseline(new, baseline, tmp_path)
    assert [f.line for f in filtered.result.findings] == [3]
    assert filtered.fixed == 1
    assert (filtered.result.provider, filtered.result.files) == ("acme", 1)


def test_baseline_entries_of_files_not_scanned_are_neither_matched_nor_fixed(tmp_path):
    (tmp_path / "app.py").write_text("a = 1\n", encoding="utf-8")
    scanned_other = ScanResult("acme", 1, (finding("app.py", 1),), scanned=frozenset({"app.py"}))
    baseline = tmp_path / "baseline.json"
    record_baseline(baseline, scanned_other, tmp_path)
    elsewhere = ScanResult("acme", 1, (), scanned=frozenset({"lib.py"}))
    filtered = without_baseline(elsewhere, baseline, tmp_path)
    assert (filtered.result.findings, filtered.fixed) == ((), 0)


def test_missing_baseline_raises(tmp_path):
    with pytest.raises(MigrateError):
        without_baseline(ScanResult("acme", 0), Path(tmp_path / "none.json"), tmp_path)


def test_model_overrides_are_pairs_and_a_bad_one_raises():
    from migrate_llm.cli_support.scan_options import model_overrides

    assert model_overrides([" gpt-4o = glm-4-plus", "a=b"]) == (
        ("gpt-4o", "glm-4-plus"),
        ("a", "b"),
    )
    assert model_overrides(None) == ()
    with pytest.raises(MigrateError) as bad:
        model_overrides(["gpt-4o"])
    assert str(bad.value) == "--model takes OLD=NEW (such as gpt-4o=glm-4-plus), got 'gpt-4o'"


def test_scan_options_put_flags_over_the_config(tmp_path):
    from migrate_llm.cli_support.scan_options import scan_options

    (tmp_path / "pyproject.toml").write_text(
        '[tool.migrate-llm]\nprovider = "qwen"\nexclude = ["build/"]\n[tool.migrate-llm.models]\n'
        '"gpt-4o" = "qwen-max"\n',
        encoding="utf-8",
    )
    flags = dict(paths=[tmp_path], exclude=["gen/"], providers_dir=None, no_gitignore=True, jobs=1)
    options = scan_options(provider=None, model=["gpt-4o-mini=qwen-turbo"], **flags)
    assert (options.paths, options.provider, options.use_gitignore, options.jobs) == (
        (tmp_path,),
        "qwen",
        False,
        1,
    )
    assert options.exclude == ("build/", "gen/")
    assert dict(options.models) == {"gpt-4o": "qwen-max", "gpt-4o-mini": "qwen-turbo"}
    assert scan_options(provider="zhipu", **flags).provider == "zhipu"


def test_scan_options_without_a_provider_where_one_is_needed_raise(tmp_path):
    from migrate_llm.cli_support.scan_options import scan_options

    flags = dict(exclude=None, providers_dir=None, no_gitignore=False, jobs=0)
    assert scan_options(paths=[tmp_path], provider=None, **flags).provider is None
    with pytest.raises(MigrateError) as missing:
        scan_options(paths=[tmp_path], provider=None, needs_provider="apply", **flags)
    assert str(missing.value) == (
        "apply needs a provider: pass --provider ID or set provider in [tool.migrate-llm]"
    )
