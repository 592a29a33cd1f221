"""Constructors of libcst's nodes that are faster for its parser: the same nodes.

libcst's parser makes every node of a tree by calling its class with keyword arguments. The
classes are frozen dataclasses with slots: the `__init__` dataclasses writes for them sets
each field through `object.__setattr__`, which looks the name up on the class first, then
calls `__post_init__`, which checks the node. `unchecked()` gives each class whose
`__init__` is that one (its parameters are its fields, with their defaults) an `__init__`
that stores each field straight into its slot and then checks the node as before, except
while `unchecked()` is in force: the parser makes only nodes that pass the checks. That
makes a parse about a twelfth shorter. The new constructors stay (setting a class's
`__init__` costs more than a parse saves); they share one code object per number of fields,
renamed for each class (`CodeType.replace`), so making them all takes milliseconds where
compiling one function per class took 16.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import libcst as cst

from migrate_llm.rules.unplaced import EXPORTED

# A field with a default factory gets this as its parameter's default, as in dataclasses.
_FACTORY = object()
# The `__init__` each class had before `_installed` gave it another.
REPLACED: dict[type, types.FunctionType] = {}


def _no_checks(node: cst.CSTNode) -> None:
    return None


_CHECKS = cst.CSTNode.__post_init__
# What `CSTNode.__post_init__` does in the libcst this was written against: check the node.
CHECKS_ONLY = _CHECKS.__code__.co_names == ("_validate",)


# One parse at a time makes nodes without their checks, and the checks always come back.
_UNCHECKED = threading.Lock()


@contextmanager
def unchecked() -> Iterator[None]:
    """Nodes made meanwhile are not checked (one thread at a time: the others wait). Nothing
    changes with a libcst whose `__post_init__` does more than check."""
    if not CHECKS_ONLY:
        yield
        return
    with _UNCHECKED:
        scopes = _installed()
        cst.CSTNode.__post_init__ = _no_checks  # type: ignore[method-assign,assignment]
        for scope in scopes:
            scope["CHECK"] = False
        try:
            yield
        finally:
            cst.CSTNode.__post_init__ = _CHECKS  # type: ignore[method-assign]
            for scope in scopes:
                scope["CHECK"] = True


@functools.cache
def _installed() -> tuple[dict[str, Any], ...]:
    """Give each node class libcst's parser can make the faster `__init__` where it can;
    the globals of each new `__init__` (where `CHECK` says whether it checks the node)."""
    scopes = []
    for kind in EXPORTED:
        if not inspect.isabstract(kind):  # an abstract class makes no node
            made = _faster_init(kind)
            if made is not None:
                REPLACED[kind] = kind.__dict__["__init__"]
                kind.__init__, scope = made  # type: ignore[method-assign]
                scopes.append(scope)
    return tuple(scopes)


def _faster_init(cls: type) -> tuple[types.FunctionType, dict[str, Any]] | None:
    """An `__init__` for `cls` that sets its fields through their slots, and its globals;
    None where its own `__init__` is not the one dataclasses makes from its fields (or a
    field has no slot)."""
    own = cls.__dict__.get("__init__")
    checks = getattr(cls, "__post_init__", None)
    if own is None or not dataclasses.is_dataclass(cls) or checks is not _CHECKS:
        return None
    fields = dataclasses.fields(cls)
    code = own.__code__
    names = tuple(f.name for f in fields)
    if code.co_varnames[1 : code.co_argcount] != names or code.co_kwonlyargcount:
        return None
    slots = _slots(cls)
    scope: dict[str, Any] = {"__builtins__": {}, "FACTORY": _FACTORY, "CHECK": True}
    defaults = []
    for i, field in enumerate(fields):
        if field.name not in slots:
            return None
        scope[f"s{i}"] = slots[field.name].__set__
        if field.default is not dataclasses.MISSING:
            defaults.append(field.default)
        elif field.default_factory is not dataclasses.MISSING:
            defaults.append(_FACTORY)
            scope[f"f{i}"] = field.default_factory
        elif defaults:
            return None  # a field without a default after one with
    code = _template(len(fields)).replace(co_varnames=("self", *names), co_name="__init__")
    made = types.FunctionType(code, scope, "__init__", tuple(defaults) or None)
    made.__qualname__ = f"{cls.__qualname__}.__init__"
    return made, scope


def _slots(cls: type) -> dict[str, Any]:
    """The slot descriptors of `cls` and its bases, by name."""
    found = {}
    for klass in reversed(cls.__mro__):
        for name in klass.__dict__.get("__slots__", ()):
            descriptor = klass.__dict__.get(name)
            if type(descriptor) is types.MemberDescriptorType:
                found[name] = descriptor
    return found


@functools.cache
def _template(count: int) -> types.CodeType:
    """The code of an `__init__(self, a0, ..., aN)` that sets each field `i` with the
    global `si`, calling the global `fi` (its default factory) for a missing one, then
    checks the node if the global `CHECK` says so."""
    names = [f"a{i}" for i in range(count)]
    body = [f"    s{i}(self, f{i}() if {a} is FACTORY else {a})" for i, a in enumerate(names)]
    body += ["    if CHECK:", "        self.__post_init__()"]
    source = f"def __init__({', '.join(['self', *names])}):\n" + "\n".join(body)
    scope: dict[str, Any] = {}
    exec(compile(source, "<libcst node constructor>", "exec"), scope)
    return scope["__init__"].__code__
