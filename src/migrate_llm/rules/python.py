"""Python rules: libcst visitors that run together in one batched traversal per file."""

from __future__ import annotations

import libcst as cst

from migrate_llm.model import Edit, Finding, FixClass, Severity
from migrate_llm.rules.base import Rule, RuleContext
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.secrets import mask_secrets

SNIPPET_WIDTH = 60


class PythonRule(Rule, cst.BatchableCSTVisitor):
    """A read-only visitor that reports findings on one module."""

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
    ) -> None:
        start, end = self.ctx.position(node)
        self.findings.append(
            self.make_finding(message, start, end, severity=severity, fix=fix, edit=edit)
        )

    def snippet(self, node: cst.CSTNode) -> str:
        """Source of a node on one line, shortened, with any secret masked."""
        code = " ".join(self.ctx.module.code_for_node(node).split())
        if len(code) > SNIPPET_WIDTH:
            code = code[: SNIPPET_WIDTH - 1] + "…"
        return mask_secrets(code)


def check_python(text: str, ctx: RuleContext, rules: tuple[type[PythonRule], ...]) -> list[Finding]:
    """Parse `text` once and run every rule over it; raises libcst.ParserSyntaxError."""
    module = cst.parse_module(text)
    pctx = PythonContext(module, ctx)
    visitors = [rule(pctx) for rule in rules]
    cst.visit_batched(pctx.module, visitors)
    findings = [f for v in visitors for f in v.findings]
    return sorted(findings, key=lambda f: (f.line, f.column, f.rule))
