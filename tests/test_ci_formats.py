"""CI report formats: exact text and GitHub lines, the step summary, SARIF against its schema."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, ValidationError

from migrate_llm import __version__
from migrate_llm.ci_formats import github_annotations, sarif_report, step_summary, text_report
from migrate_llm.engine import ScanOptions, scan
from migrate_llm.model import FileError, Finding, FixClass, ScanResult, Severity
from migrate_llm.rules import all_rules
from migrate_llm.rules.base import Rule
from migrate_llm.secrets import SECRET_KEY

ROOT = Path(__file__).parents[1]
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
RULES = all_rules()
E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTE


def finding(rule, category, severity, fix, message, start, end, path="app/main.py"):
    return Finding(rule, category, severity, fix, message, *start, *end, path=path)


FINDINGS = (
    finding("ML001", "client", E, FixClass.SAFE, "OpenAI() talks to OpenAI", (3, 10), (3, 18)),
    finding(
        "ML004", "secret", E, FixClass.MANUAL, "API key sk-pr…CD written into the source",
        (5, 11), (5, 62),
    ),
    finding(
        "ML201", "model", W, FixClass.REVIEW, "model 'gpt-4o' maps to 'glm-5.1' | Zhipu",
        (7, 19), (7, 27),
    ),
    finding(
        "ML101", "api-call", N, FixClass.SAFE, "100% done, see: here\nnext line",
        (2, 1), (4, 2), path="my app/run.py",
    ),
)  # fmt: skip
ERRORS = (FileError("broken.py", "invalid syntax", 4), FileError("data/big.json", "too large"))
RESULT = ScanResult("zhipu", 10, FINDINGS, ERRORS, parsed=7)
EMPTY = ScanResult("zhipu", 3)
SUMMARY = (
    "4 findings for zhipu in 2 of 10 files; 2 error, 1 warning, 1 note; "
    "2 files could not be scanned"
)


def validate(log: dict) -> None:
    """Valid SARIF 2.1.0 once serialised, with every URI free of spaces."""
    data = json.loads(json.dumps(log))
    Draft4Validator(SCHEMA).validate(data)
    uris = re.findall(r'"uri": "([^"]*)"', json.dumps(data))
    assert all(" " not in uri for uri in uris)


def test_schema_is_the_oasis_draft4_schema_and_bites():
    Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/")
    log = sarif_report(RESULT, RULES)
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(ValidationError):
        validate(log)


# text


def test_text_report_exact():
    assert text_report(RESULT).splitlines(keepends=True) == [
        "app/main.py:3:10 ML001 OpenAI() talks to OpenAI\n",
        "app/main.py:5:11 ML004 API key sk-pr…CD written into the source\n",
        "app/main.py:7:19 ML201 model 'gpt-4o' maps to 'glm-5.1' | Zhipu\n",
        "my app/run.py:2:1 ML101 100% done, see: here next line\n",
        "broken.py:4: error: invalid syntax\n",
        "data/big.json: error: too large\n",
        SUMMARY + "\n",
    ]


def test_text_report_empty_is_the_summary_line():
    assert text_report(EMPTY) == "0 findings for zhipu in 0 of 3 files\n"


# GitHub


def test_github_annotations_exact():
    assert github_annotations(RESULT).splitlines(keepends=True) == [
        "::error file=app/main.py,line=3,col=10,endLine=3,endColumn=18,title=ML001"
        "::OpenAI() talks to OpenAI\n",
        "::error file=app/main.py,line=5,col=11,endLine=5,endColumn=62,title=ML004"
        "::API key sk-pr…CD written into the source\n",
        "::warning file=app/main.py,line=7,col=19,endLine=7,endColumn=27,title=ML201"
        "::model 'gpt-4o' maps to 'glm-5.1' | Zhipu\n",
        "::notice file=my app/run.py,line=2,col=1,endLine=4,endColumn=2,title=ML101"
        "::100%25 done, see: here%0Anext line\n",
        "::error file=broken.py,line=4::invalid syntax\n",
        "::error file=data/big.json::too large\n",
        SUMMARY + "\n",
    ]


def test_github_escapes_property_values():
    odd = finding("ML001", "client", E, FixClass.SAFE, "a\r\nb%", (1, 1), (1, 2), "x,y:1%.py")
    error = FileError("p:q,r.py", "bad: x, y\n")
    lines = github_annotations(ScanResult(None, 2, (odd,), (error,))).splitlines()
    assert lines[0] == (
        "::error file=x%2Cy%3A1%25.py,line=1,col=1,endLine=1,endColumn=2,title=ML001::a%0D%0Ab%25"
    )
    assert lines[1] == "::error file=p%3Aq%2Cr.py::bad: x, y%0A"


def test_github_empty_is_the_summary_line():
    assert github_annotations(EMPTY) == "0 findings for zhipu in 0 of 3 files\n"


# step summary


def test_step_summary_exact():
    assert step_summary(RESULT).splitlines() == [
        "### migrate-llm check",
        "",
        SUMMARY,
        "",
        "| category | findings | error | warning | note |",
        "|---|--:|--:|--:|--:|",
        "| api-call | 1 | 0 | 0 | 1 |",
        "| client | 1 | 1 | 0 | 0 |",
        "| model | 1 | 0 | 1 | 0 |",
        "| secret | 1 | 1 | 0 | 0 |",
        "",
        "| file:line | rule | severity | message |",
        "|---|---|---|---|",
        "| app/main.py:3 | ML001 | error | OpenAI() talks to OpenAI |",
        "| app/main.py:5 | ML004 | error | API key sk-pr…CD written into the source |",
        "| app/main.py:7 | ML201 | warning | model 'gpt-4o' maps to 'glm-5.1' \\| Zhipu |",
        "| my app/run.py:2 | ML101 | note | 100% done, see: here next line |",
        "",
        "Could not scan:",
        "",
        "- broken.py:4: invalid syntax",
        "- data/big.json: too large",
    ]


def test_step_summary_empty():
    assert step_summary(EMPTY) == "### migrate-llm check\n\n0 findings for zhipu in 0 of 3 files\n"


@pytest.mark.parametrize(("count", "more"), [(50, None), (53, "and 3 more")])
def test_step_summary_cuts_at_50_findings(count, more):
    many = tuple(replace(FINDINGS[0], line=i + 1, end_line=i + 1) for i in range(count))
    lines = step_summary(ScanResult("zhipu", 1, many)).splitlines()
    rows = [line for line in lines if line.startswith("| app/main.py:")]
    assert len(rows) == 50
    assert rows[-1] == "| app/main.py:50 | ML001 | error | OpenAI() talks to OpenAI |"
    assert lines[-1] == (more or rows[-1])


# SARIF


def test_sarif_validates_and_has_the_run():
    log = sarif_report(RESULT, RULES)
    validate(log)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("migrate-llm", __version__)
    assert [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_rule_descriptor():
    log = sarif_report(EMPTY, RULES)
    descriptors = {d["id"]: d for d in log["runs"][0]["tool"]["driver"]["rules"]}
    for rule in RULES:
        d = descriptors[rule.code]
        assert d["name"] == rule.name
        assert d["shortDescription"] == {"text": rule.summary()}
        assert d["fullDescription"]["text"] == rule.docs().split("\n", 1)[1].strip()
        assert d["help"] == {"text": rule.docs(), "markdown": rule.docs()}
        assert d["defaultConfiguration"] == {"level": rule.severity.value}
        assert d["properties"] == {"category": rule.category, "fix": rule.fix.value}


def test_sarif_one_line_docs_fall_back_to_the_summary():
    class OneLine(Rule):
        """Only a summary."""

        code, name, category = "ML999", "one-line", "test"

    (d,) = sarif_report(EMPTY, [OneLine])["runs"][0]["tool"]["driver"]["rules"]
    assert d["fullDescription"] == {"text": "Only a summary."}
    assert d["defaultConfiguration"] == {"level": "warning"}


def test_sarif_results():
    run = sarif_report(RESULT, RULES)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["ML001", "ML004", "ML201", "ML101"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert [r["level"] for r in results] == ["error", "error", "warning", "note"]
    assert results[3]["message"] == {"text": "100% done, see: here\nnext line"}
    assert results[3]["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "my%20app/run.py", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 2, "startColumn": 1, "endLine": 4, "endColumn": 2},
            }
        }
    ]
    assert results[2]["properties"] == {"fix": "review", "category": "model"}
    for r in results:
        assert re.fullmatch(r"[0-9a-f]{64}:1", r["partialFingerprints"]["migrateLlm/v1"])


def test_sarif_unscannable_files_are_notifications():
    (invocation,) = sarif_report(RESULT, RULES)["runs"][0]["invocations"]
    assert invocation == {
        "executionSuccessful": False,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": "invalid syntax"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": "broken.py", "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": 4},
                        }
                    }
                ],
            },
            {
                "level": "error",
                "message": {"text": "too large"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": "data/big.json", "uriBaseId": "%SRCROOT%"}
                        }
                    }
                ],
            },
        ],
    }


def test_sarif_empty_result_validates():
    log = sarif_report(EMPTY, RULES)
    validate(log)
    run = log["runs"][0]
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_fingerprints_survive_moves_and_tell_repeats_apart():
    moved = replace(FINDINGS[0], line=30, end_line=30)
    twice = ScanResult("zhipu", 1, (FINDINGS[0], moved))
    first, second = (r["partialFingerprints"]["migrateLlm/v1"] for r in _results(twice))
    assert first.split(":")[0] == second.split(":")[0]
    assert (first[-2:], second[-2:]) == (":1", ":2")
    alone = _results(ScanResult("zhipu", 1, (moved,)))[0]
    assert alone["partialFingerprints"]["migrateLlm/v1"] == first


def _results(result: ScanResult) -> list[dict]:
    return sarif_report(result, RULES)["runs"][0]["results"]


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/abs/my dir/x.py", {"uri": "file:///abs/my%20dir/x.py"}),
        ("C:/work/x.py", {"uri": "file:///C:/work/x.py"}),
        ("src/ü.py", {"uri": "src/%C3%BC.py", "uriBaseId": "%SRCROOT%"}),
    ],
)
def test_sarif_uris(path, location):
    result = ScanResult(None, 1, (replace(FINDINGS[0], path=path),))
    validate(sarif_report(result, RULES))
    (r,) = _results(result)
    assert r["locations"][0]["physicalLocation"]["artifactLocation"] == location


def test_secrets_appear_only_masked():
    outputs = [
        text_report(RESULT),
        github_annotations(RESULT),
        step_summary(RESULT),
        json.dumps(sarif_report(RESULT, RULES), ensure_ascii=False),
    ]
    for out in outputs:
        assert "sk-pr…CD" in out
        assert not SECRET_KEY.search(out)
    sarif = json.loads(outputs[-1])["runs"][0]["results"][1]
    assert sarif["message"]["text"] == "API key sk-pr…CD written into the source"
    assert "sk-" not in json.dumps(sarif["partialFingerprints"])


def test_sarif_of_a_real_scan_validates():
    result = scan(ScanOptions(paths=(ROOT / "examples",), provider="zhipu", cwd=ROOT))
    assert result.findings
    log = sarif_report(result, RULES)
    validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == len(result.findings)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "examples/chat-app/chat_app/client.py" in uris
