"""Baselines: exact file format, stability when lines move, counts, secrets, strict loading."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest

from migrate_llm.baseline import (
    Baseline,
    LineReader,
    fingerprint,
    load_baseline,
    write_baseline,
)
from migrate_llm.errors import ConfigError
from migrate_llm.model import Finding, FixClass, Severity

SECRET = "sk-proj-abcdefghijklmnopqrstuvwxyz0123"

APP = """\
import openai

client = openai.OpenAI()
openai.api_key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123"
"""


def finding(path: str, line: int, rule: str = "ML001") -> Finding:
    return Finding(rule, "client", Severity.ERROR, FixClass.SAFE, "message", line, 1, line, 5, path)


def scan(cwd: Path, rule_lines: dict[str, str]) -> list[Finding]:
    """Stand-in for a scan: a finding of `rule` on every line of app.py that contains `text`."""
    lines = (cwd / "app.py").read_text().splitlines()
    return [
        finding("app.py", number, rule)
        for rule, text in rule_lines.items()
        for number, line in enumerate(lines, 1)
        if text in line
    ]


RULES = {"ML001": "openai.OpenAI()", "ML030": "api_key", "ML010": "import openai"}


@pytest.fixture
def project(tmp_path):
    (tmp_path / "app.py").write_text(APP)
    return tmp_path


def test_fingerprint_normalises_whitespace_and_hashes():
    assert fingerprint("  client  =\topenai.OpenAI( ) \n") == fingerprint(
        "client = openai.OpenAI( )"
    )
    assert fingerprint("import openai") == hashlib.sha256(b"import openai").hexdigest()[:16]
    assert fingerprint("import openai") == "c52abe60f2a9d309"  # pinned: baselines must stay valid
    assert fingerprint("import  openai") != fingerprint("importopenai")


def test_line_reader_reads_lines_and_tolerates_gone_files(project):
    lines = LineReader(project)
    assert lines.line("app.py", 3) == "client = openai.OpenAI()"
    assert lines.line("app.py", 0) == ""
    assert lines.line("app.py", 99) == ""
    assert lines.line("gone.py", 1) == ""
    (project / "app.py").write_text("changed\n")
    assert lines.line("app.py", 1) == "import openai"  # read once


def test_write_then_load_round_trip(project):
    findings = [*scan(project, RULES), finding("app.py", 3)]  # a second ML001 on line 3
    target = project / "baseline.json"
    assert write_baseline(target, findings, LineReader(project)) == 3
    assert target.read_text() == (
        "{\n"
        '  "findings": [\n'
        "    {\n"
        '      "count": 2,\n'
        '      "fingerprint": "6d02a4c68f9f617a",\n'
        '      "path": "app.py",\n'
        '      "rule": "ML001"\n'
        "    },\n"
        "    {\n"
        '      "count": 1,\n'
        '      "fingerprint": "c52abe60f2a9d309",\n'
        '      "path": "app.py",\n'
        '      "rule": "ML010"\n'
        "    },\n"
        "    {\n"
        '      "count": 1,\n'
        '      "fingerprint": "e0516d11dc61200a",\n'
        '      "path": "app.py",\n'
        '      "rule": "ML030"\n'
        "    }\n"
        "  ],\n"
        '  "tool": "migrate-llm",\n'
        '  "version": 1\n'
        "}\n"
    )
    baseline = load_baseline(target)
    assert baseline.entries == {
        ("app.py", "ML001", "6d02a4c68f9f617a"): 2,
        ("app.py", "ML010", "c52abe60f2a9d309"): 1,
        ("app.py", "ML030", "e0516d11dc61200a"): 1,
    }
    assert baseline.source == target
    assert baseline.new_findings(findings, LineReader(project)) == []
    assert baseline.fixed(findings, LineReader(project)) == 0


def test_write_is_deterministic_atomic_and_shareable(project):
    target = project / "baseline.json"
    findings = scan(project, RULES)
    write_baseline(target, findings, LineReader(project))
    first = target.read_bytes()
    write_baseline(target, list(reversed(findings)), LineReader(project))
    assert target.read_bytes() == first
    assert sorted(p.name for p in project.iterdir()) == ["app.py", "baseline.json"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_write_into_a_missing_directory_is_a_config_error(project):
    target = project / "no" / "baseline.json"
    with pytest.raises(ConfigError) as info:
        write_baseline(target, [], LineReader(project))
    assert str(info.value) == f"{target}: cannot write baseline: No such file or directory"


def test_empty_baseline(project):
    target = project / "b.json"
    assert write_baseline(target, [], LineReader(project)) == 0
    assert json.loads(target.read_text()) == {"version": 1, "tool": "migrate-llm", "findings": []}
    new = scan(project, RULES)
    assert load_baseline(target).new_findings(new, LineReader(project)) == new


def baseline_for(project: Path) -> Baseline:
    target = project / "baseline.json"
    write_baseline(target, scan(project, RULES), LineReader(project))
    return load_baseline(target)


def test_finding_on_a_moved_line_is_still_covered(project):
    baseline = baseline_for(project)
    (project / "app.py").write_text('"""Docs."""\n\nimport os\n' + APP.replace("\n\n", "\n\n\n"))
    findings = scan(project, RULES)
    assert [f.line for f in findings] == [7, 8, 4]  # all moved
    assert baseline.new_findings(findings, LineReader(project)) == []
    assert baseline.fixed(findings, LineReader(project)) == 0


def test_reindented_line_is_still_covered(project):
    baseline = baseline_for(project)
    (project / "app.py").write_text(APP.replace("client = ", "if True:\n    client  =  "))
    assert baseline.new_findings(scan(project, RULES), LineReader(project)) == []


def test_edited_line_is_new(project):
    baseline = baseline_for(project)
    (project / "app.py").write_text(APP.replace("client =", "llm ="))
    findings = scan(project, RULES)
    new = baseline.new_findings(findings, LineReader(project))
    assert [(f.rule, f.line) for f in new] == [("ML001", 3)]
    assert baseline.fixed(findings, LineReader(project)) == 1  # the old line is gone


def test_second_identical_finding_beyond_the_count_is_new(project):
    baseline = baseline_for(project)
    (project / "app.py").write_text(APP + "client = openai.OpenAI()\n")
    findings = scan(project, RULES)
    new = baseline.new_findings(findings, LineReader(project))
    assert [(f.rule, f.line) for f in new] == [("ML001", 5)]  # the first copy stays covered
    assert baseline.fixed(findings, LineReader(project)) == 0


def test_new_findings_keep_the_given_order(project):
    baseline = Baseline({})
    findings = [finding("b.py", 1), finding("a.py", 2), finding("a.py", 1)]
    assert baseline.new_findings(findings, LineReader(project)) == findings


def test_same_line_in_another_file_or_rule_is_new(project):
    baseline = baseline_for(project)
    (project / "other.py").write_text(APP)
    moved = [finding("other.py", 3), finding("app.py", 3, "ML002")]
    assert baseline.new_findings(moved, LineReader(project)) == moved


def test_fixed_counts_findings_no_longer_present(project):
    baseline = baseline_for(project)
    (project / "app.py").write_text(APP.replace('openai.api_key = "' + SECRET + '"\n', ""))
    findings = scan(project, RULES)
    assert baseline.new_findings(findings, LineReader(project)) == []
    assert baseline.fixed(findings, LineReader(project)) == 1
    assert baseline.fixed([], LineReader(project)) == 3


def test_a_secret_on_the_line_never_reaches_the_file(project):
    target = project / "baseline.json"
    write_baseline(target, scan(project, {"ML030": "api_key"}), LineReader(project))
    data = target.read_bytes()
    assert SECRET.encode() not in data
    assert b"sk-" not in data
    assert b"api_key" not in data


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "{",
            "not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        ("[]", "not a baseline: expected an object with version, tool and findings"),
        (
            '{"version": 1, "tool": "migrate-llm"}',
            "not a baseline: expected an object with version, tool and findings",
        ),
        (
            '{"version": 1, "tool": "ruff", "findings": []}',
            "not a migrate-llm baseline (tool is 'ruff')",
        ),
        (
            '{"version": 2, "tool": "migrate-llm", "findings": []}',
            "unsupported baseline version 2 (expected 1)",
        ),
        (
            '{"version": true, "tool": "migrate-llm", "findings": []}',
            "unsupported baseline version True (expected 1)",
        ),
        ('{"version": 1, "tool": "migrate-llm", "findings": {}}', "findings: expected a list"),
        (
            '{"version": 1, "tool": "migrate-llm", "findings": [1]}',
            "findings[0]: expected an object with path, rule, fingerprint, count",
        ),
        (
            '{"version": 1, "tool": "migrate-llm", "findings": [{"path": "a.py", "rule": "ML001", "fingerprint": "0123456789abcdef"}]}',
            "findings[0]: expected an object with path, rule, fingerprint, count",
        ),
        (
            '{"version": 1, "tool": "migrate-llm", "findings": [{"path": "", "rule": "ML001", "fingerprint": "0123456789abcdef", "count": 1}]}',
            "findings[0].path: expected a non-empty string",
        ),
        (
            '{"version": 1, "tool": "migrate-llm", "findings": [{"path": "a.py", "rule": "E501", "fingerprint": "0123456789abcdef", "count": 1}]}',
            "findings[0].rule: expected a rule code such as ML001",
        ),
        (
            '{"version": 1, "tool": "migrate-llm", "findings": [{"path": "a.py", "rule": "ML001", "fingerprint": "import openai", "count": 1}]}',
            "findings[0].fingerprint: expected 16 lowercase hex digits",
        ),
        (
            '{"version": 1, "tool": "migrate-llm", "findings": [{"path": "a.py", "rule": "ML001", "fingerprint": "0123456789abcdef", "count": 0}]}',
            "findings[0].count: expected a whole number >= 1",
        ),
    ],
)
def test_bad_baseline_files(tmp_path, text, problem):
    source = tmp_path / "baseline.json"
    source.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_baseline(source)
    assert str(info.value) == f"{source}: {problem}"


def test_missing_baseline_file(tmp_path):
    source = tmp_path / "nope.json"
    with pytest.raises(ConfigError) as info:
        load_baseline(source)
    assert str(info.value) == f"{source}: baseline file not found"


def test_repeated_entries_add_up(tmp_path):
    entry = {"path": "a.py", "rule": "ML001", "fingerprint": "0123456789abcdef", "count": 1}
    source = tmp_path / "baseline.json"
    source.write_text(json.dumps({"version": 1, "tool": "migrate-llm", "findings": [entry, entry]}))
    assert load_baseline(source).entries == {("a.py", "ML001", "0123456789abcdef"): 2}
