"""`scan --format markdown`: a migration report to paste into a pull request or an issue."""

from __future__ import annotations

from collections import Counter, defaultdict

from migrate_llm.model import Finding, FixClass, ScanResult
from migrate_llm.registry import Provider

_REWRITTEN = (FixClass.SAFE, FixClass.REVIEW)


def _cell(text: str) -> str:
    """Text safe inside a Markdown line or table cell: no line break, no pipe, no HTML."""
    text = " ".join(text.split())
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def scan_markdown(result: ScanResult, provider: Provider | None) -> str:
    """The report: what `apply` rewrites, counted by category; what it leaves, as a checklist
    per file; the variables to set; the files that could not be read."""
    target = f"{provider.name} (`{provider.id}`)" if provider else "an OpenAI-compatible provider"
    acting = [f for f in result.findings if f.fix is not FixClass.NONE]
    rewritten = [f for f in acting if f.fix in _REWRITTEN]
    left = [f for f in acting if f.fix not in _REWRITTEN]
    files = len({f.path for f in acting})
    lines = [
        f"# Moving off the OpenAI API to {target}",
        "",
        f"{len(acting)} place{'s' * (len(acting) != 1)} in {files} of {result.files} "
        f"file{'s' * (result.files != 1)}: `migrate-llm apply` rewrites {len(rewritten)} "
        f"({sum(f.fix is FixClass.SAFE for f in rewritten)} safe, "
        f"{sum(f.fix is FixClass.REVIEW for f in rewritten)} to review); "
        f"{len(left)} {'are' if len(left) != 1 else 'is'} left for a person.",
    ]
    if provider is not None and not provider.passthrough_models:
        lines += [
            "",
            "## Variables to set",
            "",
            f"- [ ] `{provider.api_key_env}`: your {_cell(provider.name)} key (the OpenAI key "
            "does not work there)",
            f"- [ ] `{provider.base_url_env}` (optional): another base URL than "
            f"{provider.base_url} (a proxy, a region, a test server)"
            if provider.azure is None
            else f"- [ ] `{provider.base_url_env}`: your resource's endpoint, such as "
            f"{provider.base_url}",
        ]
    if rewritten:
        by_category: dict[str, Counter[FixClass]] = defaultdict(Counter)
        for finding in rewritten:
            by_category[finding.category][finding.fix] += 1
        lines += ["", "## Rewritten by `apply`", "", "| category | safe | to review |"]
        lines += ["| --- | ---: | ---: |"]
        for category, counts in sorted(by_category.items()):
            lines.append(f"| {category} | {counts[FixClass.SAFE]} | {counts[FixClass.REVIEW]} |")
    if left:
        lines += ["", "## Left for a person", ""]
        by_file: dict[str, list[Finding]] = defaultdict(list)
        for finding in left:
            by_file[finding.path].append(finding)
        for path, found in by_file.items():
            lines += [f"### `{_cell(path)}`", ""]
            for finding in sorted(found, key=lambda f: (f.category, f.line, f.column)):
                lines.append(
                    f"- [ ] {finding.where_in_file} **{finding.rule}** ({finding.category}, "
                    f"{finding.severity.value}): {_cell(finding.message)}"
                )
            lines.append("")
        lines.pop()
    if result.errors:
        lines += ["", "## Could not be read", ""]
        for error in result.errors:
            where = error.path + (f":{error.line}" if error.line else "")
            lines.append(f"- `{_cell(where)}`: {_cell(error.message)}")
    return "\n".join(lines) + "\n"
