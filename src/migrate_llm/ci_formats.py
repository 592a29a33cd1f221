"""`check` reports for CI: plain text, SARIF 2.1.0, GitHub annotations and step summary.

Pure functions from a ScanResult to a string or a JSON-ready dict; the caller writes them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from urllib.parse import quote

from migrate_llm import __version__
from migrate_llm.model import FileError, Finding, ScanResult, Severity
from migrate_llm.report import IGNORED_HEADING, printable, summary_line
from migrate_llm.rules.base import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "migrateLlm/v1"
SUMMARY_MAX_ROWS = 50
GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def _one_line(text: str) -> str:
    return printable(" ".join(text.splitlines()))


def _where(error: FileError) -> str:
    return printable(error.path) + (f":{error.line}" if error.line is not None else "")


def text_report(result: ScanResult) -> str:
    """`path:line:col CODE message` per finding, `path[:line]: error: message` per
    unscannable file, then the summary line."""
    lines = [f"{printable(f.where)} {f.rule} {_one_line(f.message)}" for f in result.findings]
    lines += [f"{_where(e)}: error: {_one_line(e.message)}" for e in result.errors]
    if result.ignored:
        lines.append(IGNORED_HEADING)
        lines += [f"  {printable(path)}" for path in result.ignored]
    lines.append(summary_line(result))
    return "".join(line + "\n" for line in lines)


# SARIF


def _artifact_location(path: str) -> dict[str, str]:
    """A relative path under %SRCROOT%, or a file: URI for an absolute one, percent-encoded."""
    if path.startswith("/") or path[1:3] in (":/", ":\\"):
        return {"uri": "file://" + quote(("" if path.startswith("/") else "/") + path, safe="/:")}
    return {"uri": quote(path, safe="/"), "uriBaseId": "%SRCROOT%"}


def _rule_descriptor(rule: type[Rule]) -> dict[str, object]:
    docs = rule.docs()
    full = docs.partition("\n")[2].strip() or rule.summary()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": full},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": {"category": rule.category, "fix": rule.fix.value},
    }


def _fingerprints(findings: Sequence[Finding]) -> list[str]:
    """sha256 of path, rule and message, plus `:n` for the n-th identical one in a file:
    stable when lines move, distinct for repeated findings."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        digest = hashlib.sha256("\0".join((f.path, f.rule, f.message)).encode()).hexdigest()
        seen[digest] += 1
        out.append(f"{digest}:{seen[digest]}")
    return out


def _in_file(finding: Finding) -> tuple[dict[str, int], str]:
    """The finding's region in the file, and its message. In a notebook the region is the
    line of the JSON text that stores the cell's line, and the message names the cell."""
    if finding.cell is None:
        region = {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": finding.end_line,
            "endColumn": finding.end_column,
        }
        return region, finding.message
    line = finding.data.get("file_line")
    region = {"startLine": line if isinstance(line, int) else 1}
    return region, f"cell {finding.cell}, line {finding.line}: {finding.message}"


def _sarif_result(finding: Finding, index: int | None, fingerprint: str) -> dict[str, object]:
    properties: dict[str, object] = {"fix": finding.fix.value, "category": finding.category}
    if finding.cell is not None:
        properties["cell"] = finding.cell
    region, message = _in_file(finding)
    result: dict[str, object] = {"ruleId": finding.rule}
    if index is not None:
        result["ruleIndex"] = index
    result |= {
        "level": finding.severity.value,
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact_location(finding.path),
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": properties,
    }
    return result


def _notification(error: FileError) -> dict[str, object]:
    location: dict[str, object] = {"artifactLocation": _artifact_location(error.path)}
    if error.line is not None:
        location["region"] = {"startLine": error.line}
    return {
        "level": "error",
        "message": {"text": error.message},
        "locations": [{"physicalLocation": location}],
    }


def sarif_report(result: ScanResult, rules: Sequence[type[Rule]]) -> dict[str, object]:
    """A SARIF 2.1.0 log with one run; `rules` (normally all of them) fix each ruleIndex.

    Columns count Unicode code points (`columnKind`); end columns are exclusive.
    """
    index = {rule.code: i for i, rule in enumerate(rules)}
    fingerprints = _fingerprints(result.findings)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "migrate-llm",
                        "version": __version__,
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not result.errors,
                        "toolExecutionNotifications": [_notification(e) for e in result.errors],
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": [
                    _sarif_result(f, index.get(f.rule), fp)
                    for f, fp in zip(result.findings, fingerprints, strict=True)
                ],
            }
        ],
    }


# GitHub Actions


def _escape_data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{_escape_data(message)}"


def github_annotations(result: ScanResult) -> str:
    """One `::error|warning|notice file=...,line=...::message` workflow command per finding,
    `::error file=...[,line=...]::message` per unscannable file, then the summary line."""
    lines = []
    for f in result.findings:
        region, message = _in_file(f)
        properties: dict[str, object] = {"file": f.path, "line": region["startLine"]}
        if "startColumn" in region:
            properties |= {
                "col": region["startColumn"],
                "endLine": region["endLine"],
                "endColumn": region["endColumn"],
            }
        lines.append(_command(GITHUB_COMMAND[f.severity], properties | {"title": f.rule}, message))
    for e in result.errors:
        where: dict[str, object] = {"file": e.path}
        if e.line is not None:
            where["line"] = e.line
        lines.append(_command("error", where, e.message))
    lines.append(summary_line(result))
    return "".join(line + "\n" for line in lines)


def _cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def step_summary(result: ScanResult) -> str:
    """Markdown for `$GITHUB_STEP_SUMMARY`: summary line, counts by category and severity,
    the first 50 findings, the first 50 files that could not be scanned."""
    out = ["### migrate-llm check", "", summary_line(result)]
    if result.findings:
        counts = Counter((f.category, f.severity) for f in result.findings)
        totals = Counter(f.category for f in result.findings)
        out += ["", "| category | findings | error | warning | note |", "|---|--:|--:|--:|--:|"]
        for category in sorted(totals):
            by_severity = " | ".join(str(counts[category, s]) for s in Severity)
            out.append(f"| {_cell(category)} | {totals[category]} | {by_severity} |")
        out += ["", "| file:line | rule | severity | message |", "|---|---|---|---|"]
        for f in result.findings[:SUMMARY_MAX_ROWS]:
            out.append(
                f"| {_cell(f.where.rsplit(':', 1)[0])} | {f.rule} | {f.severity.value} "
                f"| {_cell(f.message)} |"
            )
        if len(result.findings) > SUMMARY_MAX_ROWS:
            out += ["", f"and {len(result.findings) - SUMMARY_MAX_ROWS} more"]
    if result.errors:
        out += ["", "Could not scan:", ""]
        shown = result.errors[:SUMMARY_MAX_ROWS]
        out += [f"- {_cell(_where(e))}: {_cell(e.message)}" for e in shown]
        if len(result.errors) > SUMMARY_MAX_ROWS:
            out.append(f"- and {len(result.errors) - SUMMARY_MAX_ROWS} more")
    return "".join(line + "\n" for line in out)
