"""Python rules: libcst visitors that run together in one batched traversal per file."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

import libcst as cst

from migrate_llm.collector import uncollected
from migrate_llm.import_reach import withhold_unreached
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules import node_constructors
from migrate_llm.rules.base import Rule, RuleContext
from migrate_llm.rules.module_pieces import Cut, StatementLines, parse_in_pieces
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.rules.v0_libraries import KEPT_CALLS_RULE, kept_v0_library, v0_unpointed
from migrate_llm.rules.version_gates import v0_only_gate
from migrate_llm.secrets import mask_secrets

SNIPPET_WIDTH = 60


class PythonRule(Rule, cst.BatchableCSTVisitor):
    """A read-only visitor that reports findings on one module.

    `silent_when_modernising`: the rule has nothing to say when the target is OpenAI itself
    (`--provider openai`, which only moves openai<1.0 code to v1).
    """

    silent_when_modernising: ClassVar[bool] = False

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.findings: list[Finding] = []

    @property
    def provider(self):
        return self.ctx.rules.provider

    def report(
        self,
        node: cst.CSTNode,
        message: str,
        *,
        severity: Severity | None = None,
        fix: FixClass | None = None,
        edit: Edit | None = None,
        data: Mapping[str, object] | None = None,
    ) -> None:
        start, end = self.ctx.position(node)
        gate = v0_only_gate(self.ctx, node) if self.category == "legacy" else None
        if gate is not None:
            # the branch for openai<1.0 of code that runs on both: migrated, it would not run
            # where it is meant to (and its module client would fail to import there)
            what = message.split("; ", 1)[0]
            shown = self.snippet(gate)
            message = f"{what}; runs only on openai<1 (gated by `{shown}`); left as it is"
            severity, fix, edit = Severity.NOTE, FixClass.NONE, None
            data = {**(data or {}), "gated_by": shown}
        elif self.category == "legacy" and (kept := kept_v0_library(self.ctx, self.code)):
            # the module runs on openai<1 for a package: its own openai<1 code stays there too
            what = message.split("; ", 1)[0]
            message = f"{what}; left on openai<1: {kept.words}, so this code stays there too"
            severity, fix, edit = Severity.NOTE, FixClass.NONE, None
            data = {**(data or {}), "kept_for": kept.name}
            unpointed = v0_unpointed(self.ctx, kept)
            if unpointed and self.code == KEPT_CALLS_RULE:
                message += f"; {unpointed}"
                severity, fix = Severity.ERROR, FixClass.MANUAL
        self.record(
            self.make_finding(message, start, end, severity=severity, fix=fix, edit=edit, data=data)
        )

    def record(self, finding: Finding) -> None:
        """Add `finding` to the rule's findings."""
        self.findings.append(finding)

    def remove_statement(
        self,
        small: cst.BaseSmallStatement,
        also_removed: Callable[[cst.BaseSmallStatement], bool] = lambda _: False,
    ) -> Edit | None:
        """An edit deleting the line of a one-statement line. The last statement of a block
        whose other statements are all `also_removed` becomes `pass` instead (an empty block
        would not parse). None for other statements."""
        found = self.ctx.index.statements.get(id(small))
        if found is None:
            return None
        line, members, module = found
        others = [m for m in members if m is not small]
        if (
            not module
            and members[-1] is small
            and all(m is not None and also_removed(m) for m in others)
        ):
            return Edit(self.ctx.span(small), "pass")
        (first, _), (last, _) = self.ctx.position(line)
        starts = self.ctx.lines.starts
        end = starts[last] if last < len(starts) else len(self.ctx.text)
        return Edit(Span(starts[first - 1], end), "")

    def snippet(self, node: cst.CSTNode) -> str:
        """Source of a node on one line, shortened, with any secret masked."""
        return snippet(self.ctx, node)


class DeferredRule(PythonRule):
    """A rule that decides once the traversal is over: `finish` runs once, after the
    traversal (`check_python` calls `finished`) or, for an instance made outside one, when its
    findings are first read; with what every rule's visits gathered (ML205's edits, say). A
    finding reported during the traversal (`report`, `record`) is added without finishing:
    finishing then would decide with half the module read (t68a: a served model's note
    reported before the defaults after it were seen lost them)."""

    def __init__(self, ctx: PythonContext) -> None:
        self._finished = False
        super().__init__(ctx)

    @property
    def findings(self) -> list[Finding]:
        return self.finished()

    @findings.setter
    def findings(self, value: list[Finding]) -> None:
        self._findings = value

    def finished(self) -> list[Finding]:
        """The findings, `finish` run first if it has not run."""
        if not self._finished:
            self._finished = True
            self.finish()
        return self._findings

    def record(self, finding: Finding) -> None:
        self._findings.append(finding)

    def finish(self) -> None:
        raise NotImplementedError


def snippet(ctx: PythonContext, node: cst.CSTNode) -> str:
    """Source of a node on one line, shortened, with any secret masked."""
    code = " ".join(ctx.module.code_for_node(node).split())
    if len(code) > SNIPPET_WIDTH:
        code = code[: SNIPPET_WIDTH - 1] + "…"
    return mask_secrets(code)


@functools.cache
def _batchable_method_names(klass: type) -> tuple[str, ...]:
    """The `visit_*` / `leave_*` methods of a batchable visitor class that are not no-op stubs."""
    return tuple(
        name
        for name in dir(klass)
        if name.startswith(("visit_", "leave_"))
        and callable(getattr(klass, name))
        and not getattr(getattr(klass, name), "_is_no_op", False)
    )


def _get_visitors(self: cst.BatchableCSTVisitor) -> dict[str, Callable[..., object]]:
    return {name: getattr(self, name) for name in _batchable_method_names(type(self))}


# libcst collects each metadata provider's visitor methods with `inspect.getmembers` on every
# file (a tenth of a scan); they depend on the class only, so they are looked up once.
cst.BatchableCSTVisitor.get_visitors = _get_visitors  # type: ignore[method-assign,assignment]


def parse_module(text: str, cuts: Sequence[Cut] = ()) -> cst.Module:
    """`cst.parse_module(text)`, without the checks libcst's node constructors make on what
    they are given (a seventh of the parse; the parser builds only nodes that pass them) and
    with constructors that store the fields straight into their slots
    (`node_constructors`). With a libcst whose constructors do more than check, they run
    as they are. With `cuts` (`module_pieces.cuts`), parsed a piece at a time. The tree a
    pass reading the module again made (`parsed_again`) is given once more, if this is the
    next parse and of the same text."""
    if _handed:
        handed, module = _handed.pop()
        if not cuts and handed == text:
            return module
    with node_constructors.unchecked():
        return parse_in_pieces(text, cuts, cst.parse_module)


# The largest text whose tree `parsed_again` keeps for the next parse (a tree takes some 75
# times its text)
HANDED_CHARS = 64 << 10
# the tree of the text a pass parsed last (`parsed_again`), until the next parse of any text
_handed: list[tuple[str, cst.Module]] = []


def parsed_again(text: str) -> cst.Module:
    """`parse_module(text)` for a pass of the screening reading a module again, its tree
    kept for the next parse (libcst's trees are never changed): where that is the rules'
    examination of the same module (`check` of a module that a pass reads), it is parsed
    once, not twice. A text longer than `HANDED_CHARS` is not kept."""
    module = parse_module(text)
    if len(text) <= HANDED_CHARS:
        _handed.append((text, module))
    return module


@functools.cache
def _visit_methods(rule: type[PythonRule]) -> tuple[tuple[str, str], ...]:
    """(node type, method name) for each `visit_X` a rule class defines itself.

    Computed once per class: libcst's own batching introspects every visitor on every file,
    which cost half the scan time.
    """
    found = {}
    for klass in reversed(rule.__mro__):
        if klass.__module__.startswith("migrate_llm."):
            for name in vars(klass):
                if name.startswith("visit_"):
                    found[name[len("visit_") :]] = name
    return tuple(found.items())


def dispatch(pctx: PythonContext, visitors: list[PythonRule]) -> None:
    """One walk over the module that calls each rule's `visit_X` for the nodes of type X, in
    the order `module.visit` meets them."""
    table: dict[type, list[Callable[[cst.CSTNode], object]]] = {}
    by_name: dict[str, list[Callable[[cst.CSTNode], object]]] = {}
    for visitor in visitors:
        for node_type, name in _visit_methods(type(visitor)):
            by_name.setdefault(node_type, []).append(getattr(visitor, name))
    get = table.get
    for node in pctx.nodes:
        methods = get(type(node))
        if methods is None:
            kind = type(node)
            methods = table[kind] = by_name.get(kind.__name__, [])
        if methods:  # a type no rule visits: no iterator made for its nodes
            for method in methods:
                method(node)


def check_python(
    text: str,
    ctx: RuleContext,
    rules: tuple[type[PythonRule], ...],
    line_label: Callable[[int], str] | None = None,
    cuts: Sequence[Cut] = (),
    path: str = "",
    statements: Sequence[StatementLines] = (),
    v1_pin: str = "",
) -> list[Finding]:
    """Parse `text` once and run every rule over it, the cycle collector off meanwhile
    (`uncollected`); raises libcst.ParserSyntaxError. `line_label` names a line in messages
    (see PythonContext.line_label); `cuts`, where a long text may be cut to be parsed
    (`parse_module`); `path`, the file's (PythonContext.path); `statements`, the lines of
    its top-level statements (`module_pieces.statement_lines`), where the positions of
    their nodes are looked for; `v1_pin`, see PythonContext.v1_pin. An edit needing an
    import that cannot reach its code is taken off (`withhold_unreached`)."""
    with uncollected():
        findings = _findings(text, ctx, rules, line_label, cuts, path, statements, v1_pin)
    findings = withhold_unreached(findings, text, line_label)
    return sorted(findings, key=lambda f: (f.line, f.column, f.rule))


def _findings(
    text: str,
    ctx: RuleContext,
    rules: tuple[type[PythonRule], ...],
    line_label: Callable[[int], str] | None,
    cuts: Sequence[Cut],
    path: str,
    statements: Sequence[StatementLines],
    v1_pin: str = "",
) -> list[Finding]:
    """The findings of `rules` on `text`, in no order; the tree is unreachable on return."""
    module = parse_module(text, cuts)
    pctx = PythonContext(module, ctx, text, line_label, path, statements)
    pctx.v1_pin = v1_pin
    modernising = ctx.provider is not None and not ctx.switching
    visitors = [rule(pctx) for rule in rules if not (modernising and rule.silent_when_modernising)]
    try:
        dispatch(pctx, visitors)
        for visitor in visitors:
            if isinstance(visitor, DeferredRule):
                visitor.finished()
        return [f for v in visitors for f in v.findings]
    finally:
        pctx.release()
