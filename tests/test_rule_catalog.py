"""`migrate-llm rules` reads the rules' documentation from catalog.json; the catalog says exactly
what the rule classes say, and the wheel carries it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from migrate_llm.rules import all_rules
from migrate_llm.rules.catalog import (
    REGENERATE,
    SOURCE,
    documented_rule,
    documented_rules,
    entry,
    main,
    render,
)

ROOT = Path(__file__).resolve().parents[1]
STALE = f"src/migrate_llm/rules/catalog.json is stale: run `{REGENERATE}`"


def test_catalog_file_is_what_the_rules_say():
    assert SOURCE.read_text(encoding="utf-8") == render(all_rules()), STALE


def test_documented_rules_equal_the_rule_classes():
    live = all_rules()
    documented = documented_rules()
    assert [r.code for r in documented] == [r.code for r in live], STALE
    for doc, rule in zip(documented, live, strict=True):
        assert entry(doc) == entry(rule), STALE
        assert (doc.name, doc.category, doc.severity, doc.fix) == (
            rule.name,
            rule.category,
            rule.severity,
            rule.fix,
        )
        assert doc.summary() == rule.summary()
        assert doc.docs() == rule.docs()
        assert doc.examples == rule.examples


def test_catalog_entry_of_a_rule():
    data = entry(documented_rule("ml001"))
    assert data["code"] == "ML001"
    assert data["name"] == "client-to-openai"
    assert (data["category"], data["severity"], data["fix"]) == ("client", "error", "safe")
    assert data["summary"] == "An OpenAI client that talks to api.openai.com."
    assert data["docs"].startswith(
        "An OpenAI client that talks to api.openai.com.\n\n## What it does\n"
    )
    assert set(data["examples"][0]) == {"before", "finds", "message", "provider", "path", "after"}


def test_unknown_code_has_no_documentation():
    assert documented_rule("ML999") is None
    assert documented_rule(" ml001 ").code == "ML001"


def test_check_flag_reports_a_fresh_catalog(capsys):
    assert main(["--check"]) == 0, STALE
    assert capsys.readouterr().err == ""


def test_catalog_without_a_flag_is_a_usage_error(capsys):
    assert main([]) == 2
    assert capsys.readouterr().err == (
        "usage: python -m migrate_llm.rules.catalog --write | --check\n"
    )


def test_module_runs_as_a_script():
    proc = subprocess.run(
        [sys.executable, "-m", "migrate_llm.rules.catalog", "--bad"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("usage: ")


def test_wheel_includes_the_catalog():
    from hatchling.builders.wheel import WheelBuilder

    shipped = {f.distribution_path for f in WheelBuilder(str(ROOT)).recurse_included_files()}
    assert "migrate_llm/rules/catalog.json" in shipped
    assert json.loads(SOURCE.read_text(encoding="utf-8"))[0]["code"] == "ML001"
