"""A rule's examples as `migrate-llm rules CODE` shows them: run for a real provider.

The examples in the rules are written for a made-up provider (`acme`, in the tests' provider
directory) so that their text does not change when a provider's facts do. For people, each
is run again for the first built-in provider (by id) that the rule treats the same way: it
reports, or not, and edits, or not, as for the made-up one. The message and the text `apply`
writes come from that run.
"""

from __future__ import annotations

from dataclasses import dataclass

from migrate_llm.formats import classify
from migrate_llm.registry import Registry
from migrate_llm.rules.base import Example, Rule, RuleContext


@dataclass(frozen=True)
class ShownExample:
    """One example for people: the code, the provider it is scanned for, what is reported
    (None when nothing is) and what `apply` writes (None when it writes nothing)."""

    before: str
    path: str
    finds: bool
    provider: str | None = None
    message: str | None = None
    after: str | None = None


def _run(rule: type[Rule], example: Example, registry: Registry, provider: str | None):
    from migrate_llm.engine import migrate_text
    from migrate_llm.rules import python_rules
    from migrate_llm.rules.config_files import check_config
    from migrate_llm.rules.python import check_python

    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    if rule in python_rules():
        findings = check_python(example.before, ctx, (rule,))
    else:
        findings = check_config(example.path, example.before, ctx, rules=(rule,))  # type: ignore[arg-type]
    if not findings:
        return None, None
    edited = [f for f in findings if f.edit is not None]
    after = None
    if edited:
        kind = classify(example.path) or "python"
        after, _ = migrate_text(example.before, kind, example.path, findings)
    return findings[0].message, after


def shown_example(rule: type[Rule], example: Example, registry: Registry) -> ShownExample:
    """`example` as shown: run for its provider when `registry` has it, else the same case
    for another provider of `registry`; as written when none behaves the same."""
    if example.path.endswith(".ipynb"):  # a notebook rule's example is one cell
        return ShownExample(example.before, example.path, example.finds, example.provider)
    if example.provider is None or example.provider in registry.providers:
        message, after = _run(rule, example, registry, example.provider)
        finds = message is not None
        return ShownExample(example.before, example.path, finds, example.provider, message, after)
    for pid in registry.ids:
        candidate = registry.providers[pid]
        if candidate.passthrough_models or candidate.azure is not None:
            continue  # OpenAI itself, or models named per deployment: not the usual target
        message, after = _run(rule, example, registry, pid)
        if (message is not None) == example.finds and (after is not None) == (
            example.after is not None
        ):
            return ShownExample(example.before, example.path, example.finds, pid, message, after)
    return ShownExample(
        example.before, example.path, example.finds, example.provider, example.message
    )


def shown_examples(rule: type[Rule], registry: Registry) -> list[ShownExample]:
    """The examples `rules CODE` shows: two that report and one that does not."""
    finds = [e for e in rule.examples if e.finds][:2]
    silent = [e for e in rule.examples if not e.finds][:1]
    return [shown_example(rule, e, registry) for e in (*finds, *silent)]
