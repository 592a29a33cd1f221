"""Where a module names OpenAI's environment variables, and what it does with them.

One analysis per module, shared by the environment rules (ML401, ML404) and the raw-HTTP
rule (ML403): every read and write of an environment variable, and for each the string
literals its name can come from (the argument itself, a constant, the list a loop walks, a
dict entry), so that a literal is switched only where the module shows how it is used.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import langchain as lc
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.env_wrappers import wrapped_read
from migrate_llm.rules.framework_args import argument
from migrate_llm.rules.node_classes import derives
from migrate_llm.rules.python_context import (
    ENV_NAME,
    PythonContext,
    last_name,
    string_value,
)
from migrate_llm.rules.ui_handlers import handler_input

# An OpenAI variable named inside a longer text ("Please set OPENAI_API_KEY").
NAME_IN_TEXT = re.compile(r"(?<![A-Za-z0-9_])(?:AZURE_)?OPENAI_[A-Z0-9_]*[A-Z0-9](?![A-Za-z0-9_])")
_MAX_DEPTH = 6
# the names LangChain's helpers reading a variable are called by (`lc.ENV_READERS`)
_HELPER_NAMES = frozenset(name.rsplit(".", 1)[1] for name in lc.ENV_READERS)
# the names the SDK table's readers and writers of a variable are called by (`getenv`, `get`,
# decouple's `config`), and `unsetenv`
_CALLED_NAMES = frozenset(
    name.rsplit(".", 1)[1]
    for name in sdk.ENV_READERS | sdk.ENV_WRITERS | sdk.ENV_UPDATERS | {"os.unsetenv"}
)


def helper_read(
    ctx: PythonContext, call: cst.Call
) -> tuple[cst.BaseExpression, cst.BaseExpression | None] | None:
    """The variable's name and the fallback value (None where none is given) of a call of one
    of LangChain's helpers reading a variable (`get_from_env("k", "OPENAI_API_BASE",
    default=URL)`: the string "OPENAI_API_BASE" and URL); None for other calls."""
    if last_name(call.func) not in _HELPER_NAMES:
        return None
    for name in sorted(ctx.qualnames(call.func) & lc.ENV_READERS.keys()):
        position, env_key = lc.ENV_READERS[name]
        variable = argument(call, env_key, position)
        if variable is None:
            return None
        default = argument(call, lc.ENV_READER_DEFAULT, position + 1)
        return variable.value, default.value if default is not None else None
    return None


@dataclass(frozen=True)
class NameSource:
    """A string (or, in `environ.update(X=v)`, a keyword) naming an environment variable.

    `via`: "" when the literal is the access's own argument, else the name it travels
    through (`KEY_VAR`, `REQUIRED`).
    """

    node: cst.CSTNode
    value: str
    via: str = ""


@dataclass(frozen=True)
class EnvAccess:
    """A read or write of an environment variable.

    `node`: the whole access (call, subscript, comparison, assignment); `sources`: where the
    variable's name comes from (empty when the module does not show it); `value`: what a
    write stores.
    """

    node: cst.CSTNode
    kind: str  # "read" | "write"
    sources: tuple[NameSource, ...]
    value: cst.BaseExpression | None = None
    name_expr: cst.CSTNode | None = None

    @property
    def names(self) -> set[str]:
        return {s.value for s in self.sources}


@dataclass
class EnvNames:
    """The environment accesses of one module (see `env_names`)."""

    ctx: PythonContext
    accesses: list[EnvAccess] = field(default_factory=list)
    by_node: dict[int, EnvAccess] = field(default_factory=dict)
    by_source: dict[int, list[EnvAccess]] = field(default_factory=dict)
    # (id(scope), name) -> values stored into `name[...] = v` / passed to `name.update(v)`
    item_values: dict[tuple[int, str], list[cst.BaseExpression]] = field(default_factory=dict)
    # every call, and every (value, targets) bound by `=` or `with ... as`, in source order:
    # the raw-HTTP analysis reads them instead of walking the module again
    calls: list[cst.Call] = field(default_factory=list)
    bindings: list[tuple[cst.BaseExpression, list[cst.BaseExpression]]] = field(
        default_factory=list
    )
    # the node holding each node (by id) on the paths down to the nodes asked about
    _parents: dict[int, cst.CSTNode] = field(default_factory=dict, repr=False)
    _computed: dict[str, tuple[EnvAccess, str] | None] = field(default_factory=dict, repr=False)
    _state_prompts: dict[str, cst.Call | None] = field(default_factory=dict, repr=False)

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The node holding `node` (None for the module, and for whitespace, comments and
        operators: see `_TOKENS`). Found with those of the other nodes on the path down to
        it (`PythonContext.path_to`), on the first question about one of them: a walk of
        the whole top-level statement holding it made a module with reads in every function
        walk all of its nodes once more."""
        found = self._parents.get(id(node))
        if found is not None:
            return found
        at = self.ctx.indices().get(id(node))
        node_type = type(node)
        if not at or (_KINDS[node_type] if node_type in _KINDS else _kind(node_type)) is None:
            return None  # not recorded, the module, or a token (which holds only tokens)
        nodes, parents = self.ctx.nodes, self._parents
        path = self.ctx.path_to(at)
        for above, below in itertools.pairwise(path):
            parents[id(nodes[below])] = nodes[above]
        return parents[id(node)]

    def ancestors(self, node: cst.CSTNode):
        current = self.parent(node)
        while current is not None:
            yield current
            current = self.parent(current)

    def line(self, node: cst.CSTNode) -> int:
        return self.ctx.position(node)[0][0]

    # -- following names ------------------------------------------------------------

    def values(self, name: cst.Name) -> list[cst.BaseExpression] | None:
        """The expressions `name` may hold where it is used: its assigned values, or the
        elements of the collection a `for` loop over it walks. None when some binding is not
        shown (a parameter, an import, a computed iterable)."""
        bindings = self.ctx.bindings(name)
        if not bindings:
            return None
        found: list[cst.BaseExpression] = []
        for binding in bindings:
            target = getattr(binding, "node", None)
            if not isinstance(target, cst.Name):
                return None
            assigned = self.ctx.index.assigned.get(id(target))
            if assigned is not None:
                found.append(assigned)
                continue
            loop = self.parent(target)
            if isinstance(loop, (cst.For, cst.CompFor)) and loop.target is target:
                elements = self.elements(loop.iter)
                if elements is None:
                    return None
                found.extend(elements)
                continue
            return None
        return found

    def shown_values(self, name: cst.Name) -> tuple[list[cst.BaseExpression], bool]:
        """The values `name` is assigned in the module where it is used, and whether some
        binding is not shown (a parameter, an import, a loop): `api_key = api_key or
        os.environ["OPENAI_API_KEY"]` in a function taking `api_key` gives that value, open."""
        found: list[cst.BaseExpression] = []
        opened = False
        for binding in self.ctx.bindings(name):
            target = getattr(binding, "node", None)
            assigned = self.ctx.index.assigned.get(id(target)) if target is not None else None
            if isinstance(target, cst.Name) and assigned is not None:
                found.append(assigned)
            else:
                opened = True
        return found, opened or not found

    def elements(self, expr: cst.BaseExpression, depth: int = 0) -> list | None:
        """The elements of a list/tuple/set literal (or the keys of a dict literal), through
        names bound to one."""
        if depth > _MAX_DEPTH:
            return None
        if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
            if any(isinstance(e, cst.StarredElement) for e in expr.elements):
                return None
            return [e.value for e in expr.elements]
        if isinstance(expr, cst.Dict):
            keys = [e.key for e in expr.elements if isinstance(e, cst.DictElement)]
            return keys if len(keys) == len(expr.elements) else None
        if isinstance(expr, cst.Name):
            held = self.values(expr)
            if held is None or len(held) != 1:
                return None
            return self.elements(held[0], depth + 1)
        return None

    def sources(
        self, expr: cst.CSTNode, via: str = "", depth: int = 0
    ) -> tuple[NameSource, ...] | None:
        """The string literals an expression naming a variable can evaluate to; None when the
        module does not show them all."""
        if depth > _MAX_DEPTH:
            return None
        value = string_value(expr)
        if value is not None:
            return (NameSource(expr, value, via),)
        if isinstance(expr, cst.Name):
            held = self.values(expr)
            if not held:
                return None
            found: list[NameSource] = []
            for item in held:
                more = self.sources(item, self._via(expr), depth + 1)
                if more is None:
                    return None
                found.extend(more)
            return tuple(found)
        looked_up = self._dict_lookup(expr)
        if looked_up is not None:
            container, key = looked_up
            for element in self._dict_entries(container):
                if string_value(element.key) == key:
                    return self.sources(element.value, via or key, depth + 1)
        return None

    def _via(self, name: cst.Name) -> str:
        """The name a value travels through: the collection a loop walks, else the name."""
        for binding in self.ctx.bindings(name):
            target = getattr(binding, "node", None)
            loop = self.parent(target) if target is not None else None
            if isinstance(loop, (cst.For, cst.CompFor)) and isinstance(loop.iter, cst.Name):
                return loop.iter.value
        return name.value

    def _dict_lookup(self, expr: cst.CSTNode) -> tuple[cst.BaseExpression, str] | None:
        """(dict expression, key) for `D["k"]` and `D.get("k")`."""
        if (
            isinstance(expr, cst.Subscript)
            and len(expr.slice) == 1
            and isinstance(expr.slice[0].slice, cst.Index)
        ):
            key = string_value(expr.slice[0].slice.value)
            return (expr.value, key) if key is not None else None
        if (
            isinstance(expr, cst.Call)
            and isinstance(expr.func, cst.Attribute)
            and expr.func.attr.value == "get"
            and expr.args
        ):
            key = string_value(expr.args[0].value)
            return (expr.func.value, key) if key is not None else None
        return None

    def _dict_entries(self, expr: cst.BaseExpression, depth: int = 0) -> list[cst.DictElement]:
        if isinstance(expr, cst.Dict):
            return [e for e in expr.elements if isinstance(e, cst.DictElement)]
        if isinstance(expr, cst.Name) and depth < _MAX_DEPTH:
            held = self.values(expr) or []
            return [e for h in held for e in self._dict_entries(h, depth + 1)]
        looked_up = self._dict_lookup(expr)
        if looked_up is not None and depth < _MAX_DEPTH:
            container, key = looked_up
            for item in self._dict_entries(container, depth + 1):
                if string_value(item.key) == key:
                    return self._dict_entries(item.value, depth + 1)
        return []

    def scope_key(self, name: cst.Name) -> tuple[int, str] | None:
        scope = self.ctx.scope(name)
        return (id(scope), name.value) if scope is not None else None

    # -- classification ---------------------------------------------------------------

    def is_prompt(self, expr: cst.BaseExpression | None, depth: int = 0) -> cst.Call | None:
        """The prompt (`sdk.PROMPT_READERS`: `getpass.getpass(...)`, `input(...)`,
        prompt_toolkit's `prompt(...)`) whose result `expr` is, if any."""
        if expr is None or depth > _MAX_DEPTH:
            return None
        if (key := self.state_key(expr)) is not None:
            return self.state_prompt(key)
        if isinstance(expr, cst.Call):
            if self.prompt_call(expr):
                return expr
            # `getpass.getpass(...).strip()`
            if isinstance(expr.func, cst.Attribute) and expr.func.attr.value in ("strip", "rstrip"):
                return self.is_prompt(expr.func.value, depth + 1)
            return None
        if isinstance(expr, cst.Name):
            held = self.values(expr)
            if held and len(held) == 1:
                return self.is_prompt(held[0], depth + 1)
            if not held:  # a parameter a web UI hands a text box's value (Gradio)
                return handler_input(self, expr)
        return None

    def state_key(self, expr: cst.BaseExpression) -> str | None:
        """The key of Streamlit's session state that `expr` reads (`st.session_state.k`,
        `st.session_state["k"]`, `st.session_state.get("k")`), else None."""
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.args:
            if expr.func.attr.value != "get":
                return None
            state, key = expr.func.value, string_value(expr.args[0].value)
        elif isinstance(expr, cst.Attribute):
            state, key = expr.value, expr.attr.value
        elif (
            isinstance(expr, cst.Subscript)
            and len(expr.slice) == 1
            and isinstance(expr.slice[0].slice, cst.Index)
        ):
            state, key = expr.value, string_value(expr.slice[0].slice.value)
        else:
            return None
        if key is None or not isinstance(state, (cst.Name, cst.Attribute)):
            return None
        return key if sdk.SESSION_STATE in self.ctx.qualnames(state) else None

    def unset_state_read(self, expr: cst.BaseExpression | None) -> bool:
        """Whether `expr` is `st.session_state.get("k")` (or with None as its default): None
        until the entry is set, and a client given None as its key reads OPENAI_API_KEY."""
        if not isinstance(expr, cst.Call) or self.state_key(expr) is None:
            return False
        default = expr.args[1].value if len(expr.args) > 1 else None
        return default is None or (isinstance(default, cst.Name) and default.value == "None")

    def state_entry(self, node: cst.CSTNode) -> bool:
        """Whether the string `node` names an entry of Streamlit's session state where it is
        read or written (`st.session_state["OPENAI_KEY"]`, `st.session_state.get(
        "OPENAI_API_KEY", "")`): a name of the program's, not an environment variable."""
        holder = self.parent(node)
        if isinstance(holder, cst.Index):
            holder = self.parent(holder)
            holder = self.parent(holder) if holder is not None else None
            if not isinstance(holder, cst.Subscript) or self.state_key(holder) is None:
                return False
            return cast(cst.Index, holder.slice[0].slice).value is node
        elif isinstance(holder, cst.Arg):
            holder = self.parent(holder)
            return (
                isinstance(holder, cst.Call)
                and holder.args[0].value is node
                and self.state_key(holder) is not None
            )
        return False

    def state_prompt(self, key: str) -> cst.Call | None:
        """The one Streamlit prompt of the module whose answer session state holds under
        `key`: given `key=key` (`sdk.STATE_PROMPT_READERS`), or whose answer the module stores
        there (`st.session_state["k"] = box`, knowledge_gpt's sidebar); None where two prompts
        do, or the module stores anything else but an empty value there."""
        if key not in self._state_prompts:
            self._state_prompts[key] = None  # a value read back from the same entry: none
            self._state_prompts[key] = self._state_prompt(key)
        return self._state_prompts[key]

    def _state_prompt(self, key: str) -> cst.Call | None:
        found: list[cst.Call] = []
        for value, targets in self.bindings:
            if not any(self.state_key(t) == key for t in targets):
                continue
            stored = string_value(value)
            if stored == "" or (isinstance(value, cst.Name) and value.value == "None"):
                continue
            prompt = self.is_prompt(value)
            if prompt is None or not self.ctx.qualnames(prompt.func) & sdk.STATE_PROMPT_READERS:
                return None
            found.append(prompt)
        found += [
            call
            for call in self.calls
            if any(
                a.keyword is not None
                and a.keyword.value == sdk.STATE_PROMPT_KEY
                and string_value(a.value) == key
                for a in call.args
            )
            and self.ctx.qualnames(call.func) & sdk.STATE_PROMPT_READERS
        ]
        return found[0] if found and all(p is found[0] for p in found) else None

    def prompt_call(self, call: cst.Call) -> bool:
        """Whether `call` asks a person (`sdk.PROMPT_READERS`), also through a builder bound
        once to a name (`session = PromptSession()`, then `session.prompt(...)`)."""
        func = call.func
        if self.ctx.qualnames(func) & sdk.PROMPT_READERS:
            return True
        if isinstance(func, cst.Name):
            return func.value in sdk.PROMPT_READERS and all(
                type(b).__name__ == "BuiltinAssignment" for b in self.ctx.bindings(func)
            )
        return self.prompt_builder(call) is not None

    def prompt_builder(self, call: cst.Call) -> cst.Call | None:
        """The call building the prompt that `call`, a method of it, asks
        (`sdk.PROMPT_BUILDERS`): `PromptSession(...)` of `PromptSession(...).prompt()`, or
        bound once to the name the method is called on."""
        func = call.func
        if not isinstance(func, cst.Attribute):
            return None
        built = func.value
        if isinstance(built, cst.Name):
            held = self.values(built)
            built = held[0] if held and len(held) == 1 else built
        if not isinstance(built, cst.Call):
            return None
        for name in sorted(self.ctx.qualnames(built.func)):
            if func.attr.value in sdk.PROMPT_BUILDERS.get(name, ()):
                return built
        return None

    # -- writes under a computed name ---------------------------------------------------

    def computed_write(self, variable: str) -> tuple[EnvAccess, str] | None:
        """The first write of the module under a name computed at run time that can spell
        `variable` (`os.environ[f"{p.upper()}_API_KEY"] = key` can set OPENAI_API_KEY), and
        that name's shape with `*` for each computed piece (`*_API_KEY`). A name with no
        literal piece (a parameter, a loop over a config's items) says nothing of what it
        sets and is not counted."""
        if variable not in self._computed:
            self._computed[variable] = self._computed_write(variable)
        return self._computed[variable]

    def _computed_write(self, variable: str) -> tuple[EnvAccess, str] | None:
        for access in self.accesses:
            if access.kind != "write" or access.sources or access.name_expr is None:
                continue
            for shape in self._shapes(access.name_expr):
                if _spells(shape, variable):
                    shown = "".join("*" if p is None else p for p in shape)
                    return access, re.sub(r"\*+", "*", shown)
        return None

    def _shapes(self, expr: cst.CSTNode, depth: int = 0) -> list[tuple[str | None, ...]]:
        """The shapes a variable's name can take: its literal pieces, None for each piece
        computed at run time (`f"{p.upper()}_API_KEY"` -> (None, "_API_KEY")). Case is not
        kept apart (`.upper()` and the like pass through)."""
        value = string_value(expr)
        if value is not None:
            return [(value,)]
        if depth > _MAX_DEPTH:
            return [(None,)]
        if isinstance(expr, cst.FormattedString):
            return [
                tuple(
                    p.value if isinstance(p, cst.FormattedStringText) else None for p in expr.parts
                )
            ]
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            lefts, rights = self._shapes(expr.left, depth + 1), self._shapes(expr.right, depth + 1)
            return [a + b for a in lefts for b in rights][:_MAX_SHAPES]
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Modulo):
            template = string_value(expr.left)
            return [_pieces(template, _PERCENT)] if template is not None else [(None,)]
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
            method, held = expr.func.attr.value, expr.func.value
            if method in _SAME_NAME_METHODS:
                return self._shapes(held, depth + 1)
            template = string_value(held)
            if method == "format" and template is not None:
                return [_pieces(template, _BRACES)]
        if isinstance(expr, cst.Name):
            held_values = self.values(expr)
            if held_values:
                found = [s for v in held_values for s in self._shapes(v, depth + 1)]
                return found[:_MAX_SHAPES]
        return [(None,)]

    def openai_sources(self, access: EnvAccess) -> list[NameSource]:
        """The OpenAI variables `access` names; the target's own variables are not among
        them (Azure OpenAI's AZURE_OPENAI_API_KEY is OpenAI-shaped, and the target's)."""
        own = own_variables(self.ctx.rules)
        return [s for s in access.sources if ENV_NAME.match(s.value) and s.value not in own]


# Methods that give a name back in another case or trimmed: its shape stays.
_SAME_NAME_METHODS = frozenset({"upper", "lower", "casefold", "strip", "lstrip", "rstrip"})
_PERCENT = re.compile(r"%[-#0 +]*[0-9*]*(?:\.[0-9*]+)?[a-zA-Z]")
_BRACES = re.compile(r"\{[^{}]*\}")
_MAX_SHAPES = 16


def _pieces(template: str, placeholder: re.Pattern[str]) -> tuple[str | None, ...]:
    """A `%` or `str.format` template's shape: its text, None for each placeholder."""
    pieces: list[str | None] = []
    at = 0
    for match in placeholder.finditer(template):
        pieces += [template[at : match.start()], None]
        at = match.end()
    return (*pieces, template[at:])


def _spells(shape: tuple[str | None, ...], variable: str) -> bool:
    """Whether a name of this shape, with some literal piece, can be `variable` (any case)."""
    if not any(shape):
        return False
    pattern = "".join(".*" if p is None else re.escape(p) for p in shape)
    return re.fullmatch(pattern, variable, re.IGNORECASE | re.DOTALL) is not None


def if_testing(names: EnvNames, node: cst.CSTNode) -> cst.If | None:
    """The `if` whose test the read `node` is, or is part of through `not`, `and`/`or`,
    comparisons (`os.getenv(X) is None`) and `:=` (marvin's slackbot: `if not (k :=
    os.getenv(X))`, the name then holding what the test read): a test whose value goes
    nowhere else but that name."""
    test = testing(names, node)
    return test if isinstance(test, cst.If) else None


def testing(names: EnvNames, node: cst.CSTNode) -> cst.If | cst.While | cst.IfExp | None:
    """The `if`, `while` or `x if test else y` whose test the read `node` is, or is part of
    (as in `if_testing`)."""
    child = node
    for parent in names.ancestors(node):
        # the exact types: `isinstance` goes through ABCMeta (asked of every read)
        if type(parent) in _TESTS:
            return parent if parent.test is child else None
        if type(parent) not in _TESTED:
            return None
        child = parent
    return None


_TESTS = frozenset({cst.If, cst.While, cst.IfExp})
_TESTED = frozenset({cst.UnaryOperation, cst.BooleanOperation, cst.Comparison, cst.NamedExpr})


def own_variables(rules: RuleContext) -> set[str]:
    """The target's own variables when switching to it: OpenAI-shaped ones among them are not
    OpenAI's (Azure OpenAI's AZURE_OPENAI_API_KEY)."""
    provider = rules.provider
    if not rules.switching or provider is None:
        return set()
    own = {provider.api_key_env, provider.base_url_env}
    if provider.azure is not None:
        own.add(provider.azure.api_version_env)
    return own


def switched_key_variables(rules: RuleContext) -> frozenset[str]:
    """OpenAI's key variables whose reads ML401 points at the target's key variable: Azure
    OpenAI's (`sdk.AZURE_KEY_VAR`) only when the target is Azure OpenAI."""
    provider = rules.provider
    return sdk.switched_key_vars(azure=provider is not None and provider.azure is not None)


_WATCHED = (cst.Call, cst.Assign, cst.AugAssign, cst.WithItem, cst.Subscript, cst.Comparison)
# Whitespace, comments and operators: they hold only nodes of these types, nothing asks for
# their parent, and they are most of the nodes of a module (the analysis skips them).
_TOKENS = (
    cst.BaseParenthesizableWhitespace,
    cst.TrailingWhitespace,
    cst.EmptyLine,
    cst.Newline,
    cst.Comment,
    cst.Comma,
    cst.Dot,
    cst.Colon,
    cst.Semicolon,
    cst.AssignEqual,
    cst.LeftParen,
    cst.RightParen,
    cst.LeftSquareBracket,
    cst.RightSquareBracket,
    cst.LeftCurlyBrace,
    cst.RightCurlyBrace,
    cst.BaseBinaryOp,
    cst.BaseBooleanOp,
    cst.BaseCompOp,
    cst.BaseUnaryOp,
    cst.BaseAugOp,
)


# By node type: None for the tokens (whitespace, comments, operators: skipped with what they
# hold, only tokens), else whether the collector wants it (`_Collector.on_visit`).
_KINDS: dict[type, bool | None] = {}


def _kind(node_type: type) -> bool | None:
    kind = _KINDS[node_type] = None if derives(node_type, _TOKENS) else derives(node_type, _WATCHED)
    return kind


class _Collector:
    def __init__(self, names: EnvNames) -> None:
        self.names = names
        self.ctx = names.ctx
        self.pending: list[tuple] = []
        # id(Subscript) -> the value stored into it: the target of `=` or of `+=` and the like
        self.stored: dict[int, cst.BaseExpression] = {}

    def run(self) -> None:
        """Every node of the module the collector wants, in the order a traversal meets them
        (a loop over the recorded order, skipping the tokens: cheaper than a visitor's calls
        on every node)."""
        nodes, ends = self.ctx.nodes, self.ctx.ends
        kinds = _KINDS
        on_visit = self.on_visit
        i, count = 0, len(nodes)
        while i < count:
            node_type = type(nodes[i])
            watch = kinds[node_type] if node_type in kinds else _kind(node_type)
            if watch is None:
                i = ends[i]
                continue
            if watch:
                on_visit(nodes[i])
            i += 1

    def on_visit(self, node: cst.CSTNode) -> None:
        if isinstance(node, cst.Call):
            self.names.calls.append(node)
            self._call(node)
        elif isinstance(node, cst.Assign):
            self.names.bindings.append((node.value, [t.target for t in node.targets]))
            for target in node.targets:
                if isinstance(target.target, cst.Subscript):
                    self.stored[id(target.target)] = node.value
        elif isinstance(node, cst.AugAssign):
            if isinstance(node.target, cst.Subscript):
                self.stored[id(node.target)] = node.value
        elif isinstance(node, cst.WithItem) and node.asname is not None:
            self.names.bindings.append((node.item, [node.asname.name]))
        elif isinstance(node, cst.Subscript):
            self._subscript(node)
        elif isinstance(node, cst.Comparison):
            self._comparison(node)

    def _is_environ(self, node: cst.CSTNode) -> bool:
        return last_name(node) == "environ" and "os.environ" in self.ctx.qualnames(node)

    def _call(self, node: cst.Call) -> None:
        func = node.func
        attr = last_name(func)
        if attr is None:
            return
        names: set[str] | frozenset[str] = frozenset()
        if attr in _CALLED_NAMES:
            names = self.ctx.qualnames(func)
            if names & sdk.ENV_UPDATERS:
                self._update(node)
            elif names & sdk.ENV_WRITERS and len(node.args) >= 2:
                self.pending.append(("write", node, node.args[0].value, node.args[1].value))
            elif names & sdk.ENV_READERS and node.args:
                self.pending.append(("read", node, node.args[0].value, None))
        if (
            isinstance(func, cst.Name)
            and not names & (sdk.ENV_READERS | sdk.ENV_UPDATERS)
            and attr not in _HELPER_NAMES
            and wrapped_read(self.ctx, node, NAME_IN_TEXT)
        ):
            # the project's own `getenv("OPENAI_API_KEY", default)` wrapping os.getenv
            self.pending.append(("read", node, node.args[0].value, None))
        if attr in _HELPER_NAMES:  # LangChain's `get_from_dict_or_env(values, "k", "NAME")`
            for name in sorted(self.ctx.qualnames(func) & lc.ENV_READERS.keys()):
                position, env_key = lc.ENV_READERS[name]
                arg = argument(node, env_key, position)
                if arg is not None:
                    self.pending.append(("read", node, arg.value, None))
                break
        if (
            attr == "update"
            and isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and node.args
        ):
            key = self.names.scope_key(func.value)
            if key is not None:
                self.names.item_values.setdefault(key, []).extend(a.value for a in node.args)

    def _update(self, node: cst.Call) -> None:
        for arg in node.args:
            if arg.keyword is not None:
                self.pending.append(("write", node, arg.keyword, arg.value))
            elif isinstance(arg.value, cst.Dict) and not arg.star:
                for element in arg.value.elements:
                    if isinstance(element, cst.DictElement):
                        self.pending.append(("write", node, element.key, element.value))

    def _subscript(self, node: cst.Subscript) -> None:
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return
        value = self.stored.get(id(node))  # met before: an assignment precedes its target
        kind = "read" if value is None else "write"
        if self._is_environ(node.value):
            self.pending.append((kind, node, node.slice[0].slice.value, value))
        elif value is not None and isinstance(node.value, cst.Name):  # a write
            key = self.names.scope_key(node.value)
            if key is not None:
                self.names.item_values.setdefault(key, []).append(value)

    def _comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) != 1:
            return
        target = node.comparisons[0]
        if isinstance(target.operator, (cst.In, cst.NotIn)) and self._is_environ(target.comparator):
            self.pending.append(("read", node, node.left, None))

    def finish(self) -> None:
        names = self.names
        for kind, node, name_expr, value in self.pending:
            if (
                isinstance(name_expr, cst.Name)
                and kind == "write"
                and isinstance(names.parent(name_expr), cst.Arg)
            ):
                sources: tuple[NameSource, ...] | None = (NameSource(name_expr, name_expr.value),)
            else:
                sources = names.sources(name_expr)
            access = EnvAccess(node, kind, sources or (), value, name_expr)
            names.accesses.append(access)
            names.by_node[id(node)] = access
            for source in access.sources:
                names.by_source.setdefault(id(source.node), []).append(access)


def env_names(ctx: PythonContext) -> EnvNames:
    """The environment analysis of a module, computed once and shared by the rules (kept on
    the context: a cache keyed by the context would keep every module alive, since the
    analysis refers to its context)."""
    found = ctx.analyses.get(env_names)
    if found is None:
        found = EnvNames(ctx)
        collector = _Collector(found)
        collector.run()
        collector.finish()
        ctx.analyses[env_names] = found
    return cast(EnvNames, found)
