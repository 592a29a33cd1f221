"""The GitHub Actions job summary: `check --format github` appends its Markdown to the file
that `$GITHUB_STEP_SUMMARY` names (outside Actions the variable is unset and nothing happens)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from migrate_llm.ci_formats import step_summary
from migrate_llm.errors import MigrateError
from migrate_llm.model import ScanResult

VARIABLE = "GITHUB_STEP_SUMMARY"


def append_step_summary(result: ScanResult, environ: Mapping[str, str] = os.environ) -> None:
    """Append the summary of `result` to `$GITHUB_STEP_SUMMARY` when it is set."""
    target = environ.get(VARIABLE)
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write(step_summary(result))
    except OSError as exc:
        raise MigrateError(f"cannot write {VARIABLE} {target}: {exc.strerror or exc}") from None
