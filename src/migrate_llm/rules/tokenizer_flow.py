"""Model names only tiktoken reads: OpenAI model ids a module passes to its own functions and
classes, whose parameters (and the `self` attributes they are stored in) reach nothing but
`tiktoken.encoding_for_model()` or a framework's tokenizer parameter (`tokenizer_calls`:
LangChain's `from_tiktoken_encoder(model_name=...)`).

gpt_academic's `LazyloadTiktoken("gpt-3.5-turbo")` keeps the name in `self.model` and hands
it to tiktoken alone: the name is never sent, tiktoken knows it, and it keeps working after the
switch, as `tiktoken.encoding_for_model("gpt-3.5-turbo")` written at the call does. ML205
leaves such a literal unreported and ML207 the lookup it reaches.
"""

from __future__ import annotations

from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.call_parameters import parameter_for
from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value
from migrate_llm.rules.tokenizer_calls import (
    named_tokenizer_argument,
    tokenizer_argument,
    tokenizer_call,
)

# a parameter (by id) or an attribute of `self` in a class (by the class's id and the name)
_Node = tuple[int, str]
_STARRED = ("*", "**")


class TokenizerFlow:
    """The closed flows of one module from OpenAI model literals to tokenizer lookups.

    A flow is the parameters and `self` attributes a value passes through: every value
    written there is an OpenAI model id the target does not serve, given as an argument of a
    call to the module's own function, method or class (a constant or a default is a
    setting `apply` maps: not one), or another node of the flow; every read of it is the
    model of a tokenizer lookup or is passed on to another node. Calls made from elsewhere
    than the module are not seen, as with a name written at the lookup itself.
    """

    @classmethod
    def of(cls, ctx: PythonContext) -> TokenizerFlow:
        if cls not in ctx.analyses:
            ctx.analyses[cls] = cls(ctx)
        return cast(TokenizerFlow, ctx.analyses[cls])

    def __init__(self, ctx: PythonContext) -> None:
        self.ctx = ctx
        self.closed: dict[_Node, bool] = {}
        self.params: dict[int, cst.Param] = {}
        self.classes: dict[int, cst.ClassDef] = {}
        self._attributes: dict[str, list[cst.Attribute]] | None = None

    def literal_to_tokenizer(self, call: cst.Call, arg: cst.Arg) -> bool:
        """Whether `arg` of `call` (an OpenAI model literal) only reaches tokenizer lookups."""
        param = self.parameter_of(call, arg)
        return param is not None and self._closed(self._param(param))

    def lookup_of_literals(self, model: cst.BaseExpression) -> bool:
        """Whether the model of a tokenizer lookup (a parameter, `self.X`) only ever holds
        OpenAI model literals of a closed flow."""
        node = self._source(model)
        return node is not None and self._closed(node)

    # --- the flow ----------------------------------------------------------------------------

    def _closed(self, start: _Node) -> bool:
        if start in self.closed:
            return self.closed[start]
        seen, todo = {start}, [start]
        # reads that end at tiktoken or at a Hugging Face tokenizer, OpenAI ids written
        ends = {"lookup": 0, "named": 0, "literal": 0}
        ok = True
        while todo and ok:
            node = todo.pop()
            reads, writes = self._uses(node)
            if reads is None or writes is None:
                ok = False
                break
            for step in [*map(self._read, reads), *map(self._written, writes)]:
                if step is None:
                    ok = False
                elif isinstance(step, str):
                    ends[step] += 1
                elif step not in seen:
                    seen.add(step)
                    todo.append(step)
        result = ok and ends["literal"] > 0 and ends["lookup"] > 0
        for node in seen:
            self.closed[node] = result
        return result

    def _uses(self, node: _Node) -> tuple[list[cst.CSTNode] | None, list[cst.CSTNode] | None]:
        """The reads of a node and the values written to it (None: not all known)."""
        if node[1] == "":
            param = self.params[node[0]]
            return self._param_reads(param), self._param_values(param)
        owner = self.classes[node[0]]
        reads: list[cst.CSTNode] = []
        writes: list[cst.CSTNode] = []
        for attr in self.attributes().get(node[1], ()):
            if not self_attribute(attr):
                return None, None  # `tok.model`: read where the flow cannot follow it
            if self.class_of(attr) is not owner:
                continue
            parent = self._parent(attr)
            if isinstance(parent, cst.AssignTarget):
                assign = self._parent(parent)
                if not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
                    return None, None
                writes.append(assign.value)
            elif isinstance(parent, (cst.AugAssign, cst.AnnAssign)) and parent.target is attr:
                if isinstance(parent, cst.AugAssign) or parent.value is None:
                    return None, None
                writes.append(parent.value)
            else:
                reads.append(attr)
        return reads, writes

    def _read(self, read: cst.CSTNode) -> _Node | str | None:
        """Where a read of a node goes: "lookup", another node, or None (elsewhere)."""
        parent = self._parent(read)
        if isinstance(parent, cst.Arg) and parent.value is read:
            call = self._parent(parent)
            if not isinstance(call, cst.Call) or parent.star in _STARRED:
                return None
            if tokenizer_call(self.ctx, call) is not None:
                return "lookup" if tokenizer_argument(self.ctx, call, parent) else None
            if named_tokenizer_argument(self.ctx, call, parent):
                return "named"  # a Hugging Face tokenizer's repository: counts tokens too
            param = self.parameter_of(call, parent)
            return self._param(param) if param is not None else None
        if isinstance(parent, cst.Assign) and parent.value is read and len(parent.targets) == 1:
            target = parent.targets[0].target
            if isinstance(target, cst.Attribute) and self_attribute(target):
                return self._attribute(target)
        return None

    def _written(self, value: cst.CSTNode) -> _Node | str | None:
        """What a value written to a node is: "literal" (an OpenAI model id given as an
        argument of a call), another node, or None (anything else)."""
        model = string_value(value)
        if model is not None:
            rules = self.ctx.rules
            provider = rules.provider
            if not isinstance(self._parent(value), cst.Arg) or not rules.openai.serves(model):
                return None
            return None if provider is not None and provider.serves(model) else "literal"
        if isinstance(value, cst.BaseExpression):
            return self._source(value)
        return None

    def _source(self, value: cst.BaseExpression) -> _Node | None:
        """The node `value` reads: a parameter bound once, or `self.X` in a class."""
        if isinstance(value, cst.Attribute) and self_attribute(value):
            return self._attribute(value)
        if isinstance(value, cst.Name):
            bound = self.ctx.bindings(value)
            param = getattr(bound[0], "node", None) if len(bound) == 1 else None
            if isinstance(param, cst.Param):
                return self._param(param)
        return None

    def _param(self, param: cst.Param) -> _Node:
        self.params[id(param)] = param
        return (id(param), "")

    def _attribute(self, attr: cst.Attribute) -> _Node | None:
        owner = self.class_of(attr)
        if owner is None:
            return None
        self.classes[id(owner)] = owner
        return (id(owner), attr.attr.value)

    # --- parameters and the calls that give them values ----------------------------------------

    def _param_reads(self, param: cst.Param) -> list[cst.CSTNode] | None:
        """The reads of a parameter bound nowhere else in its function."""
        bound = self.ctx.bindings(param.name)
        if len(bound) != 1 or not isinstance(bound[0], Assignment) or bound[0].node is not param:
            return None
        return [access.node for access in bound[0].references]

    def _param_values(self, param: cst.Param) -> list[cst.CSTNode] | None:
        """The values the module's calls of the parameter's function give it; None where a
        call cannot be read (star arguments), the function is used otherwise than called,
        or a call leaves it its default (a setting of its own)."""
        function = self._parent(self._parent(param))
        if not isinstance(function, cst.FunctionDef):
            return None
        calls = self._calls_of(function)
        if not calls:
            return None
        values: list[cst.CSTNode] = []
        for call in calls:
            if any(a.star in _STARRED for a in call.args):
                return None
            arg = next((a for a in call.args if self.parameter_of(call, a) is param), None)
            if arg is not None:
                values.append(arg.value)
            elif param.default is not None:
                return None
        return values

    def _calls_of(self, function: cst.FunctionDef) -> list[cst.Call] | None:
        """Every call of `function` in the module (of its class, for `__init__`); None when
        it is also used another way (passed on, subclassed) or is not found."""
        owner = self._method_of(function)
        name = function.name.value
        if owner is None or name == "__init__":
            defined = owner if owner is not None else function
            bound = self.ctx.bindings(defined.name)
            if len(bound) != 1 or not isinstance(bound[0], Assignment):
                return None
            uses = [access.node for access in bound[0].references]
        else:
            uses = [a for a in self.attributes().get(name, ()) if self.class_of(a) is owner]
            if len(uses) != len(self.attributes().get(name, ())):
                return None  # `Tok.encode(...)`, another class's method of that name
        calls = []
        for use in uses:
            call = self._parent(use)
            if not isinstance(call, cst.Call) or call.func is not use:
                return None
            calls.append(call)
        return calls

    def parameter_of(self, call: cst.Call, arg: cst.Arg) -> cst.Param | None:
        """The parameter of the module's own function, class (its `__init__`) or method of the
        class (`self.m(...)`, `cls.m(...)`) that `call` calls which `arg` gives a value
        (`call_parameters`)."""
        found = parameter_for(self.ctx, call, arg)
        return found[1] if found is not None else None

    # --- the module's structure ----------------------------------------------------------------

    def attributes(self) -> dict[str, list[cst.Attribute]]:
        """Every attribute access of the module, by attribute name (computed once)."""
        if self._attributes is None:
            found: dict[str, list[cst.Attribute]] = {}
            for node in self.ctx.nodes:
                if type(node) is cst.Attribute:
                    found.setdefault(node.attr.value, []).append(node)
            self._attributes = found
        return self._attributes

    def _parent(self, node: cst.CSTNode | None) -> cst.CSTNode | None:
        if node is None:
            return None
        try:
            ancestors = self.ctx.ancestors(node)
        except KeyError:
            return None
        return ancestors[-1] if ancestors else None

    def class_of(self, node: cst.CSTNode) -> cst.ClassDef | None:
        """The class whose method holds `node` (`self` is its instance there)."""
        ancestors = self.ctx.ancestors(node)
        for n in range(len(ancestors) - 1, 0, -1):
            if isinstance(ancestors[n], cst.FunctionDef):
                return self._method_of(cast(cst.FunctionDef, ancestors[n]))
            if isinstance(ancestors[n], (cst.ClassDef, cst.Lambda)):
                return None
        return None

    def _method_of(self, function: cst.FunctionDef) -> cst.ClassDef | None:
        """The class `function` is a method of (defined in its body), if any."""
        block = self._parent(function)
        owner = self._parent(block) if isinstance(block, cst.IndentedBlock) else None
        return owner if isinstance(owner, cst.ClassDef) else None
