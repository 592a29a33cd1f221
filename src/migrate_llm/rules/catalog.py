"""The rules' documentation as data, so that `migrate-llm rules` does not import the rules.

Python rules are libcst visitors: listing them would import libcst. `catalog.json`, next to
this module, holds what `rules` and `rules CODE` show (code, name, category, severity, fix
class, summary, docs, examples, and the examples as run for a built-in provider, which depend
on the provider files too), written from the rule classes by

    python -m migrate_llm.rules.catalog --write

`--check` exits 1 when the file differs from the rules; tests/test_rule_catalog.py fails then.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import sys
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from migrate_llm.model import FixClass, Severity
from migrate_llm.rule_docs import ShownExample
from migrate_llm.rules.base import Example, Rule

if TYPE_CHECKING:
    from migrate_llm.registry import Registry

FILE_NAME = "catalog.json"
SOURCE = Path(__file__).with_name(FILE_NAME)
REGENERATE = "python -m migrate_llm.rules.catalog --write"


def entry(rule: type[Rule], registry: Registry | None = None) -> dict[str, Any]:
    """One rule as JSON data; with `registry`, its examples as `rules CODE` shows them, run
    for that registry's providers (see `migrate_llm.rule_docs`)."""
    shown = []
    if registry is not None:
        from migrate_llm.rule_docs import shown_examples

        shown = [dataclasses.asdict(s) for s in shown_examples(rule, registry)]
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity.value,
        "fix": rule.fix.value,
        "summary": rule.summary(),
        "docs": rule.docs(),
        "examples": [dataclasses.asdict(example) for example in rule.examples],
        "shown": shown,
    }


def render(rules: Sequence[type[Rule]]) -> str:
    """The text of `catalog.json` for `rules`, examples shown for the built-in providers."""
    from migrate_llm.registry import load_registry

    registry = load_registry()
    return json.dumps([entry(r, registry) for r in rules], indent=1, ensure_ascii=False) + "\n"


def _documented(data: dict[str, Any]) -> type[Rule]:
    """A Rule subclass that carries one entry's documentation (and reports nothing)."""
    namespace = {
        "__doc__": data["docs"],
        "__module__": __name__,
        "code": data["code"],
        "name": data["name"],
        "category": data["category"],
        "severity": Severity(data["severity"]),
        "fix": FixClass(data["fix"]),
        "examples": tuple(Example(**e) for e in data["examples"]),
        "shown": tuple(ShownExample(**e) for e in data.get("shown", ())),
    }
    return cast("type[Rule]", type(f"Documented{data['code']}", (Rule,), namespace))


@functools.cache
def documented_rules() -> tuple[type[Rule], ...]:
    """Every rule's documentation, in code order, read from the packaged catalog."""
    text = (files("migrate_llm.rules") / FILE_NAME).read_text(encoding="utf-8")
    return tuple(_documented(data) for data in json.loads(text))


def documented_rule(code: str) -> type[Rule] | None:
    """The documentation of the rule `code` (any case), or None."""
    wanted = code.strip().upper()
    return next((r for r in documented_rules() if r.code == wanted), None)


def main(argv: Sequence[str]) -> int:
    """`--write`: regenerate catalog.json from the rules; `--check`: exit 1 when it is stale."""
    from migrate_llm.rules import all_rules

    if list(argv) not in (["--write"], ["--check"]):
        sys.stderr.write("usage: python -m migrate_llm.rules.catalog --write | --check\n")
        return 2
    text = render(all_rules())
    current = SOURCE.read_text(encoding="utf-8") if SOURCE.exists() else None
    if argv[0] == "--check":
        if current != text:
            sys.stderr.write(f"{SOURCE} is stale: run `{REGENERATE}`\n")
            return 1
        return 0
    if current != text:
        SOURCE.write_text(text, encoding="utf-8")
        sys.stderr.write(f"wrote {SOURCE}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
