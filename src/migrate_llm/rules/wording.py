"""How messages list words."""

from __future__ import annotations

from collections.abc import Sequence


def and_listed(words: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    *first, last = words
    return f"{', '.join(first)} and {last}" if first else last


def record_done(code: str, why: str, comments: bool = True) -> str:
    """How a person records as done a finding `check` cannot see fixed (`why`: "check cannot
    see what they hold"): a suppression comment on the finding's line (`comments`: the file
    takes `#` comments), else a baseline (`check --write-baseline`, then `--baseline`)."""
    if comments:
        return (
            f"record that with `# migrate-llm: ignore[{code}]` at the end of this line (or in a "
            f"`check --baseline` file), as {why}"
        )
    return (
        "record that in a baseline (`check --write-baseline FILE`, then `check --baseline "
        f"FILE`), as {why}"
    )
