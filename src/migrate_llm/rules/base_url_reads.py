"""A base URL of OpenAI's in Python code: the provider's URL as the default of a read of
OpenAI's base-URL variable (ML401), and why a read, or OpenAI's URL written out (ML402), is
left as it is (`url_left`)."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import other_sdks
from migrate_llm.model import Edit, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.code_templates import path_url_expr
from migrate_llm.rules.env_names import EnvAccess, EnvNames, NameSource, env_names, testing
from migrate_llm.rules.env_read_facts import direct_source, in_message
from migrate_llm.rules.env_roles import base_url_variables, key_variables
from migrate_llm.rules.key_destinations import (
    Destination,
    on_azure,
    other_client,
    url_destination,
)
from migrate_llm.rules.kwargs_fill import in_filled_override
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.shut_down_apis import shut_down_words
from migrate_llm.rules.url_keys import (
    kept_branch_reads,
    kept_key,
    key_name,
    other_service_key,
)


class BaseUrlReads(PythonRule):
    """ML401's part for reads of OpenAI's base-URL variables: their default, and the reads
    it leaves."""

    def _url_read(self, edit: Edit, read: cst.CSTNode, source: NameSource) -> Edit:
        """The rename `edit` of a base-URL variable's read, with the provider's base URL as
        the default where the read has none: `os.getenv("OPENAI_BASE_URL")` is None when the
        variable is unset, which a client takes for OpenAI's URL, and the provider's key would
        go there; `os.environ["OPENAI_BASE_URL"]` becomes `os.environ.get(...)`: the
        provider's variable is optional, and a KeyError where it is unset would stop the
        program (where a chain of `or`s gives a value after it, without the default). Also
        for a test (`if os.environ.get(X):`): always true then, as the reads it guards get the
        same default. A chain ending in `or None` after the read (`self.base_url or
        os.getenv(X) or None`, crewAI's OpenAI class) gives None where the variable is unset,
        so that None becomes the provider's URL (t60b)."""
        if source.value not in base_url_variables(self.ctx) or len(edit.text) < 2:
            return edit
        default = self._default(edit.text[-1])
        if default is None:
            return edit
        if (none := self._trailing_none(read)) is not None:
            url, end = default.removeprefix(", "), self.ctx.span(none)
            if isinstance(read, cst.Subscript) and self._names_source(read, source):
                after = self.ctx.text[self.ctx.span(read).end : end.start]
                text = f"{self.ctx.code(read.value)}.get({edit.text}){after}{url}"
                return Edit(Span(self.ctx.span(read).start, end.end), text)
            if self._alone(read, source):
                between = self.ctx.text[edit.span.end : end.start]
                return Edit(Span(edit.span.start, end.end), f"{edit.text}{between}{url}")
            return edit
        if isinstance(read, cst.Subscript) and self._names_source(read, source):
            default = default if self._last(read) else ""
            text = f"{self.ctx.code(read.value)}.get({edit.text}{default})"
            return Edit(self.ctx.span(read), text)
        if self._alone(read, source) and self._last(read):
            return replace(edit, text=f"{edit.text}{default}")
        if (given := self._computed_default(read, source)) is not None and self._last(read):
            # `os.getenv(X, os.getenv("MY_PROXY_URL"))`: that value, else the provider's URL;
            # kept as it was, an unset proxy variable left None, OpenAI's URL to a client, and
            # the provider's key went to api.openai.com (t64b: DB-GPT's chatgpt_utils)
            between = self.ctx.text[self.ctx.span(source.node).end : self.ctx.span(given).start]
            code = self.ctx.code(given)
            if isinstance(given, (cst.IfExp, cst.Lambda, cst.NamedExpr)) and not given.lpar:
                code = f"({code})"
            url = default.removeprefix(", ")
            return Edit(
                Span(edit.span.start, self.ctx.span(given).end),
                f"{edit.text}{between}{code} or {url}",
            )
        if (none := self._none_default(read, source)) is not None and self._last(read):
            # `os.environ.get(X, None)`: None as the default is OpenAI's URL to a client, as
            # the missing default is (a settings module read by a factory elsewhere, t58d)
            between = self.ctx.text[self.ctx.span(source.node).end : self.ctx.span(none).start]
            url = default.removeprefix(", ")
            return Edit(
                Span(edit.span.start, self.ctx.span(none).end), f"{edit.text}{between}{url}"
            )
        return edit

    def _computed_default(self, read: cst.CSTNode, source: NameSource) -> cst.BaseExpression | None:
        """The default of `read`, a call naming the variable by `source`, where it is computed
        at run time and may be None (`os.getenv(X, os.getenv("MY_PROXY_URL"))`, `os.getenv(X,
        y if c else None)`, DB-GPT's `os.getenv("AZURE_OPENAI_ENDPOINT") if ... else None`):
        not a literal, nor a chain already ending in one, nor a name bound to one, and holding
        no read of OpenAI's key or base-URL variables (whose own edit would overlap). Else
        None."""
        none = self._none_default(read, source)
        if none is not None or not isinstance(read, cst.Call) or len(read.args) != 2:
            return None
        first, second = read.args
        if first.value is not source.node or first.keyword is not None:
            return None
        if any(arg.star for arg in read.args) or (
            second.keyword is not None and second.keyword.value != "default"
        ):
            return None
        value = second.value
        last = value
        while isinstance(last, cst.BooleanOperation) and isinstance(last.operator, cst.Or):
            last = last.right
        if isinstance(last, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return None
        if (bound := self.ctx.resolve_literal(last)) is not None and bound[1]:
            return None  # a constant bound to a URL (or to a read with one as its default)
        if _literal_default(self.ctx, last):
            # `os.getenv(X, os.getenv("LLM_BASE", URL))`: never None; an OpenAI URL there is
            # ML402's, whose edit a fallback around it would overlap and drop
            return None
        names = env_names(self.ctx)
        renamed = key_variables(self.ctx) | base_url_variables(self.ctx)
        at = self.ctx.index_of(value)
        for inner in self.ctx.nodes[at : self.ctx.ends[at]]:
            access = names.by_node.get(id(inner))
            if access is not None and any(s.value in renamed for s in names.openai_sources(access)):
                return None
        return value

    @staticmethod
    def _none_default(read: cst.CSTNode, source: NameSource) -> cst.Name | None:
        """The `None` given as the default of `read`, a call naming the variable by `source`
        (`os.getenv(X, None)`, `os.environ.get(X, default=None)`); else None."""
        if (
            not isinstance(read, cst.Call)
            or len(read.args) != 2
            or read.args[0].value is not source.node
            or read.args[0].keyword is not None
            or any(arg.star for arg in read.args)
        ):
            return None
        second = read.args[1]
        if second.keyword is not None and second.keyword.value != "default":
            return None
        value = second.value
        return value if isinstance(value, cst.Name) and value.value == "None" else None

    @staticmethod
    def _names_source(read: cst.Subscript, source: NameSource) -> bool:
        """Whether `read` is `os.environ[<source>]`."""
        return (
            len(read.slice) == 1
            and isinstance(read.slice[0].slice, cst.Index)
            and read.slice[0].slice.value is source.node
        )

    @staticmethod
    def _alone(read: cst.CSTNode, source: NameSource) -> bool:
        """Whether `read` is a call given the variable's name alone (`os.getenv(<source>)`)."""
        return (
            isinstance(read, cst.Call)
            and len(read.args) == 1
            and read.args[0].value is source.node
            and not read.args[0].keyword
            and not read.args[0].star
        )

    def _trailing_none(self, read: cst.CSTNode) -> cst.Name | None:
        """The `None` closing the chain of `or`s `read` stands in, where only reads of
        OpenAI's base-URL variables stand between them (`x or os.getenv(NAME) or None`;
        crewAI's `... or os.getenv("OPENAI_BASE_URL") or os.getenv("OPENAI_API_BASE") or
        None`, whose second read ML401 leaves to a person); else None."""
        from migrate_llm.rules.clients import env_var_read  # clients imports this module

        node: cst.CSTNode = read
        after = False  # `read` is behind us: each right operand now follows it
        for parent in reversed(self.ctx.ancestors(read)):
            if not isinstance(parent, cst.BooleanOperation) or not isinstance(
                parent.operator, cst.Or
            ):
                return None
            if parent.left is node:
                after, right = True, parent.right
                if isinstance(right, cst.Name) and right.value == "None":
                    return right if self._last(parent) else None
                found = env_var_read(self.ctx, right)
                if found is None or found[0] not in base_url_variables(self.ctx):
                    return None
            elif after:
                return None  # `a or (read or None)`: not a shape written
            node = parent
        return None

    def _last(self, read: cst.CSTNode) -> bool:
        """Whether nothing follows `read` in a chain of `or`s (`os.getenv(NAME) or URL`)."""
        node: cst.CSTNode = read
        for parent in reversed(self.ctx.ancestors(read)):
            if not isinstance(parent, cst.BooleanOperation) or not isinstance(
                parent.operator, cst.Or
            ):
                break
            if parent.left is node:
                return False
            node = parent
        return True

    def _default(self, quote: str) -> str | None:
        """`, "<the provider's base URL>"`, the default a base-URL read is given; None for an
        Azure OpenAI target, or where the module builds an Azure client left to a person."""
        rules = self.ctx.rules
        if (
            rules.provider is None
            or rules.provider.azure is not None
            or rules.base_url is None
            or self._azure_left()
        ):
            return None
        return f", {quote}{rules.base_url}{quote}"

    def _azure_left(self) -> bool:
        """Whether the module builds an Azure client that ML002 leaves to a person (from a
        `**` mapping its class builds in part elsewhere): a base URL it may take beside its
        `azure_endpoint` must stay None when unset (pandas-ai's Azure class raised
        "base_url and azure_endpoint are mutually exclusive")."""
        from migrate_llm.rules.clients import azure_left  # clients imports this module

        return any(azure_left(self.ctx, call) for call in self.ctx.index.constructions)

    def _urls_left(self, names: EnvNames, reads: list[EnvAccess]) -> dict[int, str]:
        """Why reads of OpenAI's base-URL variables by a literal of their own are left, by the
        id of their node: the value goes where the key beside it stays OpenAI's
        (`url_destination`), or the read goes with one so left under a test of the variable
        (`if os.environ.get(X): kw["base_url"] = os.environ[X]`: renamed alone, the test would
        pass on the provider's variable, or its default, while the read needs OpenAI's)."""
        urls = [
            (a, source.value)
            for a in reads
            if (source := direct_source(names, a)) is not None
            and source.value in base_url_variables(self.ctx)
        ]
        left: dict[int, str] = {}
        for access, variable in urls:
            reason = endpoint_left(self, access.node, variable) or url_left(
                self, names, access.node
            )
            if reason:
                left[id(access.node)] = reason
        if not left:
            return left
        units = []
        for access, variable in urls:
            test = testing(names, access.node)
            if test is None:
                continue
            span = self.ctx.span(test)
            units.append(
                [
                    a
                    for a, named in urls
                    if named == variable
                    and span.start <= self.ctx.span(a.node).start
                    and self.ctx.span(a.node).end <= span.end
                ]
            )
        changed = True
        while changed:
            changed = False
            for unit in units:
                first = next((a for a in unit if id(a.node) in left), None)
                if first is None:
                    continue
                line = self.ctx.line_label(names.line(first.node))
                for other in unit:
                    if id(other.node) not in left:
                        left[id(other.node)] = (
                            f"it goes with the read on {line} (a test of the variable and a read "
                            "it guards), which is left (see there): both must name the same "
                            "variable, by hand"
                        )
                        changed = True
        # a read that only shows or tests the variable follows the one left for a client
        # (LightRAG's `get_openai_provider_name()` beside its docx parser's client, t53a)
        guarding = {id(a.node) for unit in units if len(unit) > 1 for a in unit}
        for access, variable in urls:
            if id(access.node) in left or id(access.node) in guarding:
                continue  # a test and the reads it guards go together (above)
            if in_message(self.ctx, access.node):
                continue  # a read in a message follows the read left (env_reads._shown_reads)
            if not shown_only(self.ctx, names, access.node):
                continue
            first = next((a for a, named in urls if named == variable and id(a.node) in left), None)
            if first is not None:
                line = self.ctx.line_label(names.line(first.node))
                left[id(access.node)] = (
                    f"it only shows or tests {variable}, which the read on {line} gives a client "
                    "that is left (see there): renamed alone, it would name another endpoint than "
                    "the one that client uses; both must name the same variable, by hand"
                )
        return left

    def _url_left(self, names: EnvNames, accesses: list[EnvAccess], name: str) -> str | None:
        """Why the reads of a base-URL variable named through a constant, a loop or a dict are
        left: one's value goes where the key beside it stays OpenAI's (`url_destination`)."""
        if name not in base_url_variables(self.ctx):
            return None
        return next(filter(None, (url_left(self, names, a.node) for a in accesses)), None)


def _literal_default(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` is a read of a variable with a string written as its default
    (`os.getenv("LLM_BASE", "https://...")`, also after `or`s or within another such read):
    never None, nor empty."""
    from migrate_llm.rules.clients import env_var_read  # clients imports this module

    read = env_var_read(ctx, value)
    if read is None or read[1] is None:
        return False
    default = read[1]
    while isinstance(default, cst.BooleanOperation) and isinstance(default.operator, cst.Or):
        default = default.right
    if isinstance(default, (cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(default, cst.SimpleString):
        return bool(string_value(default))  # `""` is as empty as None to a client
    return _literal_default(ctx, default)


def shown_only(ctx: PythonContext, names: EnvNames, read: cst.CSTNode) -> bool:
    """Whether the value of `read` is only shown or tested, as it is or through the name it
    is assigned to (`url = os.getenv(X)`, the name's only assignment in its scope): each use
    a test (`if url:`, `url is None`), a part of a string (an f-string, `+`, `%`), a message
    (`print`, `logging`, an exception) or what a function returns inside such a string."""
    uses: list[cst.CSTNode] = [read]
    assign = names.parent(read)
    if isinstance(assign, cst.Assign) and assign.value is read:
        if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name):
            return False
        target = assign.targets[0].target
        bindings = [b for b in ctx.bindings(target) if getattr(b, "node", None) is target]
        if len(bindings) != 1 or len(ctx.bindings(target)) != 1:
            return False
        uses = [reference.node for reference in bindings[0].references]
    return bool(uses) and all(_shown(ctx, names, use) for use in uses)


def _shown(ctx: PythonContext, names: EnvNames, use: cst.CSTNode) -> bool:
    """Whether `use` is a test, or stands in a string or a message (`shown_only`)."""
    if in_message(ctx, use):
        return True
    node = use
    for parent in reversed(ctx.ancestors(use)):
        if isinstance(parent, (cst.If, cst.While, cst.IfExp)) and parent.test is node:
            return True
        if isinstance(parent, (cst.FormattedStringExpression, cst.FormattedString)):
            return True
        if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
            node = parent
            continue
        if isinstance(parent, (cst.Comparison, cst.ComparisonTarget, cst.BooleanOperation)):
            node = parent
            continue
        return isinstance(parent, cst.BinaryOperation) and any(
            isinstance(side, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString))
            for side in (parent.left, parent.right)
        )
    return False


def _unserved_client(ctx: PythonContext, call: cst.CSTNode) -> str:
    """The APIs of a plain client ML001/ML003 leave on OpenAI because the target serves none
    of its requests (`unserved_left`), as words; "" for any other call."""
    from migrate_llm.rules.clients import unserved_left  # it imports this module
    from migrate_llm.rules.unserved_clients import unserved_only

    if not isinstance(call, cst.Call) or not unserved_left(ctx, call):
        return ""
    return " and ".join(unserved_only(ctx, call) or ())


def filled_callee(rule: PythonRule, names: EnvNames, url: cst.CSTNode, variable: str) -> str:
    """Where a read `url` of OpenAI's base-URL variable `variable` goes, with no key, to a
    function or class of another module of the project that gives its client the provider's
    key where the caller gives none (`gives_provider_key`): why it is switched (left, the
    client would go to the host that variable names whenever it is set); "" for any other
    read."""
    from migrate_llm.rules.filled_callees import gives_provider_key
    from migrate_llm.rules.project_calls import project_import

    ctx = rule.ctx
    destination = url_destination(ctx, names, url, lambda key: kept_key(ctx, names, key))
    call = destination.call if destination is not None else None
    if destination is None or destination.kind != "project" or not isinstance(call, cst.Call):
        return ""
    if not gives_provider_key(ctx, call):
        return ""
    provider = cast(Provider, rule.provider)
    return (
        f"; it goes to {rule.snippet(call.func)}() on {ctx.line_label(ctx.position(call)[0][0])}"
        f" (imported from {project_import(ctx, call)}) with no key beside it, which gives the "
        f"client built there {provider.name}'s key (from {provider.api_key_env}) where the "
        f"caller gives none: left as it is, its requests would go to the host {variable} "
        f"names whenever that is set, not to {provider.name}"
    )


def target_key_to_openai(rule: PythonRule, names: EnvNames, url: cst.CSTNode) -> str:
    """Why a read `url` of OpenAI's base-URL variable with no default (or OpenAI's URL for
    one) is an error as the code stands: it gives an SDK client its base URL, OpenAI's while
    the variable is unset, and the key beside it reads the provider's key variable (the user
    renamed the key read as ML401 said, not yet this one: t63b): the provider's key goes to
    OpenAI. "" for any other read. (Another provider's key there leaves the read instead:
    `key_destinations.url_destination`; a key read given a class with no base URL is
    `key_destinations.provider_key_to_openai`.)"""
    from migrate_llm.rules.clients import env_var_read  # clients imports this module
    from migrate_llm.rules.key_destinations import keys_beside_url

    ctx, provider = rule.ctx, rule.provider
    read = env_var_read(ctx, cast(cst.BaseExpression, url))
    if provider is None or read is None:
        return ""
    openai = ctx.rules.openai.base_url.rstrip("/")
    default = string_value(read[1]) if read[1] is not None else None
    if read[1] is not None and (default or "").rstrip("/") != openai:
        return ""  # a default of its own: not OpenAI's URL when unset
    parent = names.parent(url)
    if isinstance(parent, cst.BooleanOperation) and parent.left is url:
        after = parent.right
        if not (
            (isinstance(after, cst.Name) and after.value == "None")
            or (string_value(after) or "").rstrip("/") == openai
        ):
            return ""  # `read or "http://localhost:8000/v1"`: another fallback
    for call, key in keys_beside_url(ctx, names, url):
        if not isinstance(call, cst.Call) or ctx.constructed_client(call) is None:
            continue
        held = _provider_key_read(rule, names, key)
        if held is None:
            continue
        line, at = ctx.line_label, ctx.position
        return (
            f"; as the code stands, {provider.name}'s key goes to OpenAI: this read gives "
            f"{rule.snippet(call.func)}() on {line(at(call)[0][0])} its base URL, OpenAI's "
            f"({openai}) while {read[0]} is unset, and that client's key reads "
            f"{provider.api_key_env} ({line(at(held)[0][0])}): apply reads "
            f"{provider.base_url_env} here, with {provider.name}'s URL as its default"
        )
    return ""


def _provider_key_read(
    rule: PythonRule, names: EnvNames, key: cst.BaseExpression, depth: int = 3
) -> cst.BaseExpression | None:
    """The read of the provider's key variable `key` is (`os.environ.get("DASHSCOPE_API_KEY")`,
    with `or` a default), or a name bound only to one, else None."""
    from migrate_llm.rules.clients import env_var_read  # clients imports this module

    provider = rule.provider
    while isinstance(key, cst.BooleanOperation) and isinstance(key.operator, cst.Or):
        key = key.left
    if isinstance(key, cst.Name) and depth:
        held = names.values(key)
        if held is None or len(held) != 1:
            return None
        return _provider_key_read(rule, names, held[0], depth - 1)
    read = env_var_read(rule.ctx, key)
    if provider is None or read is None or read[0] != provider.api_key_env:
        return None
    return key


def endpoint_default(read: cst.CSTNode) -> tuple[str, str] | None:
    """The literal default of an environment read (`os.environ.get(X, "<url>")`, `os.getenv`)
    where it ends in an endpoint path (`sdk.endpoint_path`), with that path; None elsewhere:
    the program takes the variable for a whole endpoint it posts to as it is."""
    if not isinstance(read, cst.Call):
        return None
    given = next((a for a in read.args if a.keyword and a.keyword.value == "default"), None)
    if given is None and len(read.args) >= 2 and read.args[1].keyword is None:
        given = read.args[1]
    url = string_value(given.value) if given is not None else None
    path = sdk.endpoint_path(url) if url is not None else None
    return (url, path) if url is not None and path is not None else None


def endpoint_left(rule: PythonRule, read: cst.CSTNode, variable: str) -> str:
    """Why a read of OpenAI's base-URL `variable` whose default is a whole endpoint
    (`"https://api.openai.com/v1/chat/completions"`, MindSearch's OPENAI_API_BASE) is left:
    renamed to the provider's variable, which holds its base URL without the path (apply's
    Next line, the .env line it writes), its requests would go to the base URL. "" where
    its default is no endpoint, or no provider is chosen."""
    found = endpoint_default(read)
    provider, base = rule.provider, rule.ctx.rules.base_url
    if found is None or provider is None or base is None:
        return ""
    url, path = found
    return (
        f"its default {url} is a whole endpoint (it ends in {path}), so the code takes "
        f"{variable} for the URL it posts to, while {provider.base_url_env} holds "
        f"{provider.name}'s base URL without the path ({base}, as apply's Next line and the "
        f".env line it writes set it): renamed, its requests would go to the base URL; read "
        f"`{path_url_expr(provider, base, path)}` there, with {provider.name}'s key beside it, "
        "by hand"
    )


def url_left(rule: PythonRule, names: EnvNames, url: cst.CSTNode) -> str:
    """Why a base URL (a read of OpenAI's variable, or OpenAI's URL written out) is left as it
    is: where its value goes with OpenAI's key (`url_destination`); "" where it is not."""
    ctx = rule.ctx
    destination = url_destination(ctx, names, url, lambda key: kept_key(ctx, names, key))
    if destination is None or in_filled_override(ctx, url):
        return ""  # in an override ML601 replaces with the provider's key and base URL
    call = destination.call
    line = ctx.line_label(ctx.position(call)[0][0])
    provider = rule.provider.name if rule.provider else "the provider"
    holder = f"{rule.snippet(call.func)}()" if isinstance(call, cst.Call) else "the dict"
    openai = ctx.rules.openai
    if destination.kind == "unserved" and destination.surface in openai.shut_down:
        return (
            f"it is the base URL of {holder} on {line}, a call to the {destination.surface} API, "
            f"which {provider} does not offer, and apply leaves that call as it is; "
            f"{shut_down_words(openai, rule.provider, (destination.surface,), 'that call')}"
        )
    if destination.kind == "unserved":
        surface = destination.surface
        return (
            f"it is the base URL of {holder} on {line}, a call to the {surface} API, which "
            f"{provider} does not offer, and apply leaves that call as it is: switched, it would "
            f"send the call and its key to {provider}; keep it on OpenAI, or point it at a "
            f"provider that serves {surface} (its key and base URL), by hand"
        )
    key = rule.provider.api_key_env if rule.provider else "the provider's key variable"
    if destination.kind == "paired":
        paired = cast(cst.BaseExpression, destination.key)
        at = ctx.line_label(ctx.position(paired)[0][0])
        return (
            f"it goes to {holder} on {line} with the key read `{rule.snippet(paired)}` on {at}, "
            f"which apply leaves (see there): renamed alone, it would send OpenAI's key to "
            f"{provider}; point both at {provider} (the key from {key}) together, by hand"
        )
    if destination.kind == "entry" and isinstance(call, cst.Assign):
        base_env = rule.provider.base_url_env if rule.provider else "its base-URL variable"
        return (
            f"it is stored as `{rule.snippet(call.targets[0].target)}` on {line}, beside an "
            f"entry of the same mapping for OpenAI's key, whose value "
            f"({_key_words(rule, destination.key)}) apply leaves OpenAI's: what reads the two "
            f"together (a child process's openai SDK given the mapping as its environment) "
            f"would send that key to {provider}; keep both, or fill both entries from "
            f"{provider}'s variables ({key} and {base_env}) under the names they have, by hand"
        )
    if destination.kind == "v0":
        given = destination.key
        sent = (
            f"the key `{rule.snippet(given)}` (on {ctx.line_label(ctx.position(given)[0][0])})"
            if isinstance(given, cst.BaseExpression)
            else "OPENAI_API_KEY, which openai<1 reads at import (the module sets no key)"
        )
        return (
            f"it goes to openai.api_base on {line}, which apply leaves for the module's "
            f"openai<1 code (ML301 says why), and openai<1 sends {sent} with it: renamed "
            f"alone, it would send OpenAI's key to {provider}; point openai.api_key and "
            f"openai.api_base at {provider} (the key from {key}) together, by hand"
        )
    if destination.kind == "project":
        from migrate_llm.rules.filled_callees import gives_provider_key
        from migrate_llm.rules.project_calls import project_import

        if gives_provider_key(ctx, cast(cst.Call, call)):
            return ""  # switched: the provider's key goes with it there (t57a D2)

        return (
            f"it goes to {holder} on {line}, the project's own (imported from "
            f"{project_import(ctx, cast(cst.Call, call))}), with no key beside it: a client built "
            "there from it keeps OpenAI's key (OPENAI_API_KEY, which it reads itself, or the key "
            f"given it there): switched, it would send that key to {provider}; pass {provider}'s "
            f"key (from {key}) with it, or point both at {provider} where that client is built, "
            "by hand"
        )
    # a client ML001 leaves on OpenAI for APIs the target lacks: switching it together with
    # its key would not help either
    unserved = _unserved_client(ctx, call) if destination.kind in ("left", "key") else ""
    if unserved and set(unserved.split(" and ")) <= set(openai.shut_down):
        return (
            f"it is the base URL of {holder} on {line}, whose only requests are {unserved}, "
            f"which {provider} does not serve: apply leaves that client on OpenAI with its key "
            f"(see its finding); "
            f"{shut_down_words(openai, rule.provider, unserved.split(' and '), 'that client')}"
        )
    if unserved:
        return (
            f"it is the base URL of {holder} on {line}, whose only requests are {unserved}, "
            f"which {provider} does not serve: apply leaves that client on OpenAI with its key "
            f"(see its finding); keep both, or point them at a provider that serves {unserved} "
            "(its key and base URL) together, by hand"
        )
    if destination.kind == "left" and on_azure(ctx, call):
        return _left_on_azure(rule, names, url, destination, line, key)
    if destination.kind == "left":
        return (
            f"it is the base URL of {holder} on {line}, which apply leaves talking to OpenAI or "
            f"Azure OpenAI (see its finding) with its key ({_key_words(rule, destination.key)}): "
            f"switched, it would send that key to {provider}; point both at {provider} (the key "
            f"from {key}) together, by hand"
        )
    if destination.kind == "empty" and isinstance(destination.key, cst.BaseExpression):
        return (
            f"it is the base URL of {holder} on {line}, whose key "
            f"(`{rule.snippet(destination.key)}`) may be None, and the SDK then sends "
            f"OPENAI_API_KEY: switched, it would send that key to {provider}; make that key "
            f"{provider}'s where it is None (from {key}), then switch both, by hand"
        )
    other = (
        other_service_key(ctx, names, destination.key)
        if isinstance(destination.key, cst.BaseExpression)
        else None
    )
    if other is not None:
        owner = cast(Provider, ctx.rules.other_providers_key(other))
        return (
            f"it is the base URL of {holder} on {line}, whose key (from {other}) is "
            f"{owner.name}'s: switched, it would send that key to {provider}; leave it, or "
            f"point both at {provider} (the key from {key}) together, by hand"
        )
    if destination.kind == "sdk":
        qualname = min(ctx.qualnames(cast(cst.Call, call).func) & other_sdks.CLIENT_CLASSES)
        return (
            f"it is the base URL of {holder} on {line}, a client of another service's own SDK "
            f"({qualname}), which sends that service's key, not OpenAI's: switched, it would "
            f"send that key to {provider}; leave it, or point that client at {provider} (the "
            f"key from {key}) by hand"
        )
    return (
        f"it is the base URL of {holder} on {line}, whose key "
        f"({_key_words(rule, destination.key)}) apply leaves OpenAI's: switched, it would send "
        f"that key to {provider}; point both at {provider} (the key from {key}) together, by hand"
    )


def _left_on_azure(
    rule: PythonRule,
    names: EnvNames,
    url: cst.CSTNode,
    destination: Destination,
    line: str,
    key: str,
) -> str:
    """Why a base-URL read is left that goes to an Azure client or class `apply` leaves on
    Azure OpenAI (directly, or through an attribute of `self`: `left_through_attribute`)."""
    from migrate_llm.rules.clients import setting  # clients imports this module

    ctx = rule.ctx
    call = cast(cst.Call, destination.call)
    provider = rule.provider.name if rule.provider else "the provider"
    holder = f"{rule.snippet(call.func)}()"
    where = f"it is the base URL of {holder}"
    if destination.through is not None:
        where = f"it goes{through_words(rule, destination)} to {holder}"
    raises = ""
    if ctx.constructed_client(call) is not None and setting(ctx, call, "azure_endpoint"):
        raises = " (beside its azure_endpoint, it raises)"
    also = ""
    if other := other_words(rule, names, url, call, url=True):
        also = f"; it also goes to {other}, which needs {provider}'s base URL apart"
    words = _key_words(rule, destination.key, sdk.AZURE_KEY_VAR)
    return (
        f"{where} on {line}, which stays on Azure OpenAI (apply leaves it, see its finding): "
        f"switched, it would take that client's key ({words}) to {provider}{raises}; point "
        f"that call at {provider} (the key from {key}), by hand{also}"
    )


def through_words(rule: PythonRule, destination: Destination) -> str:
    """ " as `self.x` (through `**self._params`, ...)" for a value going to a client through
    an attribute of `self` (`left_through_attribute`), else ""."""
    if destination.through is None:
        return ""
    via = f" as `{rule.snippet(destination.through)}`"
    if destination.mapping is not None:
        via += (
            f" (through `**{rule.snippet(destination.mapping)}`, which the module does not show "
            "whole)"
        )
    return via


def other_words(
    rule: PythonRule, names: EnvNames, read: cst.CSTNode, left: cst.CSTNode, url: bool = False
) -> str:
    """Another client the value of `read` goes to besides `left` (`other_client`), said; ""
    if none."""
    other = other_client(rule.ctx, names, read, left, url)
    if other is None:
        return ""
    return f"{rule.snippet(other.func)}() on {rule.ctx.line_label(rule.ctx.position(other)[0][0])}"


def _key_words(
    rule: PythonRule, key: cst.BaseExpression | cst.Arg | None, read: str = "OPENAI_API_KEY"
) -> str:
    """Where the key a base URL goes with comes from, in words (`read`: the variable the
    client reads without one)."""
    from migrate_llm.rules.clients import env_var_read  # clients imports this module

    if key is None:
        return f"{read}, which it reads itself"
    if isinstance(key, cst.Arg):
        return f"from `**{rule.snippet(key.value)}`, else {read}"
    named = string_value(key)
    entry = rule.ctx.ancestors(key)[-1]
    said: str | None = None
    if isinstance(entry, cst.Arg) and entry.keyword is not None:
        said = entry.keyword.value
    else:
        said = string_value(entry.key) if isinstance(entry, cst.DictElement) else None
    if said is not None and key_name(said, key):
        # `env_var="OPENAI_API_KEY"` of a record, a name that stays (`url_keys.name_left`)
        return f"{said} naming {named} as the variable to read it from, which stays"
    if named in sdk.KEY_VARS_TO_SWITCH:  # a dict entry so named (`_named_key_left`)
        return f"the entry {named}, which holds that variable's value at run time"
    env = env_var_read(rule.ctx, key)
    if env is not None:
        return f"from {env[0]}"
    ctx = rule.ctx
    kept = kept_branch_reads(ctx, env_names(ctx), key)
    if kept:  # `key` set in branches, one of them from OPENAI_API_KEY (RD-Agent)
        reads = " and ".join(
            f"the read of {r.sources[0].value} on {ctx.line_label(ctx.position(r.node)[0][0])}"
            for r in kept
        )
        return f"`{rule.snippet(key)}`, which may hold {reads}"
    return f"`{rule.snippet(key)}`"
