"""Code only run where the program's choice of service is another service than OpenAI.

A multi-provider program builds the client of each service in a branch that tests its name
(MoneyPrinterTurbo's `if adapter == "modelscope": client = OpenAI(api_key=api_key,
base_url=base_url)`): that client is the service's, with its own key and URL. apply had
given it the target's key and URL as fallbacks (t52k); ML003 leaves it, a note.

What counts: the body of an `if` (or `elif`) whose test compares a value with a string (`==`,
`in` a display of such strings) naming services other than OpenAI's (or Azure OpenAI's) and
the target's: a known service (`service_names.known_services`) or one the project picks its
services by (`RunFacts.service_names`: a gateway of its registry too).
"""

from __future__ import annotations

from typing import cast

import libcst as cst

from migrate_llm.frameworks.services import OPENAI_SERVICES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.service_names import known_services


def other_service_branch(ctx: PythonContext, node: cst.CSTNode) -> tuple[cst.If, str] | None:
    """The `if` whose body `node` stands in that runs only for another service than OpenAI
    and the target, with that service's name as written; None otherwise."""
    child = node
    for parent in reversed(ctx.ancestors(node)):
        if isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return None
        if isinstance(parent, cst.If) and parent.body is child:
            service = _tested_service(ctx, parent.test)
            if service is not None:
                return parent, service
        child = parent
    return None


def _tested_service(ctx: PythonContext, test: cst.BaseExpression) -> str | None:
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    if isinstance(target.operator, cst.Equal):
        texts = [string_value(test.left), string_value(target.comparator)]
        named = [t for t in texts if t is not None]
        return named[0] if len(named) == 1 and other_service(ctx, named[0]) else None
    right = target.comparator
    if isinstance(target.operator, cst.In) and isinstance(right, (cst.Tuple, cst.List, cst.Set)):
        texts = [string_value(e.value) for e in right.elements]
        if texts and all(t is not None and other_service(ctx, t) for t in texts):
            return cast(str, texts[0])
    return None


def other_service(ctx: PythonContext, name: str) -> bool:
    """Whether `name` names a service other than OpenAI's, Azure OpenAI's and the target's."""
    names = ctx.analyses.get(other_service)
    if names is None:
        names = ctx.analyses[other_service] = run_services(ctx.rules)
    return other_service_named(ctx.rules, name, cast(frozenset[str], names))


def run_services(rules: RuleContext) -> frozenset[str]:
    """The services a run knows by name, lower case: the known ones and those the project
    picks its services by."""
    return known_services(rules.registry) | {n.name.lower() for n in rules.facts.service_names}


def other_service_named(rules: RuleContext, name: str, names: frozenset[str]) -> bool:
    """Whether `name` is one of `names` (`run_services`) other than OpenAI's, Azure
    OpenAI's (with their provider files' aliases: `oai`, `aoai`) and the target's."""
    lowered = name.lower()
    target = rules.provider
    if lowered in OPENAI_SERVICES or target is None or lowered not in names:
        return False
    azure = (p for p in rules.registry.providers.values() if p.azure is not None)
    own = (target, rules.openai, *azure)
    return lowered not in {n.lower() for p in own for n in (p.id, *p.aliases)}
