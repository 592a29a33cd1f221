"""The objects a pickle builds, read from its opcodes (`pickletools.genops`): the file is never
unpickled, no class it names is imported and none of its code runs. Each instance is recorded
with its class and the state it is given; everything else stays inert data (dicts, lists,
strings) or an opaque marker."""

from __future__ import annotations

import io
import pickletools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple


class _Global(NamedTuple):
    """A class or function a pickle names (`GLOBAL`, `STACK_GLOBAL`)."""

    module: str
    name: str


@dataclass(eq=False)
class PickledObject:
    """An object the pickle builds: its class (or the function that returns it) and the state
    `BUILD` gives it."""

    module: str
    name: str
    state: Any = None

    @property
    def qualified(self) -> str:
        return f"{self.module}.{self.name}"

    def fields(self) -> dict[str, Any]:
        """Its attributes: the state dict, the `__dict__` in it (pydantic's `__getstate__`),
        or the dicts of a `(state, slots)` pair."""
        parts = self.state if isinstance(self.state, tuple) else (self.state,)
        found: dict[str, Any] = {}
        for part in parts:
            if isinstance(part, dict):
                inner = part.get("__dict__")
                found.update(inner if isinstance(inner, dict) else part)
        return found


_OPAQUE = object()  # a value the reader does not follow (an extension, a persistent id)
_MARK = object()
# copyreg's helpers that build an instance of the class they are given (protocols 0-1, and
# `__reduce__`s returning them)
_BUILDERS = frozenset(
    {
        ("copyreg", "_reconstructor"),
        ("copy_reg", "_reconstructor"),
        ("copyreg", "__newobj__"),
        ("copyreg", "__newobj_ex__"),
    }
)
_PUSH_ARG = frozenset(
    {
        "INT", "BININT", "BININT1", "BININT2", "LONG", "LONG1", "LONG4", "FLOAT", "BINFLOAT",
        "STRING", "BINSTRING", "SHORT_BINSTRING", "UNICODE", "BINUNICODE", "SHORT_BINUNICODE",
        "BINUNICODE8", "BINBYTES", "SHORT_BINBYTES", "BINBYTES8", "BYTEARRAY8",
    }
)  # fmt: skip
_CONSTANTS = {"NONE": None, "NEWTRUE": True, "NEWFALSE": False}


@dataclass
class Pickled:
    """What the pickles of a file build (`objects`) and the classes and functions they name
    (`names`, qualified), in order. `complete`: False where reading stopped before the end
    of the data (an opcode it cannot follow, a pickle cut off: a file read only in part);
    what was read until then is kept."""

    objects: list[PickledObject]
    names: list[str]
    complete: bool


def read_pickles(data: bytes) -> Pickled:
    """The pickles in `data`, one after another (as repeated `pickle.dump`s write them)."""
    found = Pickled([], [], complete=False)
    stream = io.BytesIO(data)
    try:
        while stream.tell() < len(data):
            _run(pickletools.genops(stream), found)
    except Exception:  # a truncated or malformed pickle: what was read stands
        return found
    found.complete = True
    return found


def _run(ops: Iterator[tuple[pickletools.OpcodeInfo, Any, int | None]], found: Pickled) -> None:
    """Follow one pickle's opcodes to its STOP, adding what it builds and names to `found`."""
    stack: list[Any] = []
    memo: dict[int, Any] = {}

    def new(cls: Any) -> Any:
        if not isinstance(cls, _Global):
            return _OPAQUE
        obj = PickledObject(cls.module, cls.name)
        found.objects.append(obj)
        return obj

    def named(module: Any, attr: Any) -> Any:
        if not (isinstance(module, str) and isinstance(attr, str)):
            return _OPAQUE
        found.names.append(f"{module}.{attr}")
        return _Global(module, attr)

    def call(func: Any, args: Any) -> Any:
        if isinstance(func, _Global) and (func.module, func.name) in _BUILDERS:
            return new(args[0] if isinstance(args, tuple) and args else None)
        return new(func)

    def to_mark() -> list[Any]:
        # from the top down: the items scanned are the items taken, so a file of many marks
        # costs no more than its length
        at = len(stack) - 1
        while stack[at] is not _MARK:
            at -= 1
            if at < 0:
                raise ValueError("no mark")
        items = stack[at + 1 :]
        del stack[at:]
        return items

    def set_items(target: Any, items: list[Any]) -> None:
        if isinstance(target, dict):
            for key, value in zip(items[::2], items[1::2], strict=False):
                if isinstance(key, (str, bytes, int, float, bool, type(None))):
                    target[key] = value

    for op, arg, _ in ops:
        name = op.name
        if name in _PUSH_ARG:
            stack.append(arg)
        elif name in _CONSTANTS:
            stack.append(_CONSTANTS[name])
        elif name == "MARK":
            stack.append(_MARK)
        elif name == "STOP":
            return
        elif name in ("PROTO", "FRAME", "READONLY_BUFFER"):
            pass
        elif name == "POP":
            stack.pop()
        elif name == "POP_MARK":
            to_mark()
        elif name == "DUP":
            stack.append(stack[-1])
        elif name in ("PUT", "BINPUT", "LONG_BINPUT"):
            memo[arg] = stack[-1]
        elif name == "MEMOIZE":
            memo[len(memo)] = stack[-1]
        elif name in ("GET", "BINGET", "LONG_BINGET"):
            stack.append(memo[arg])
        elif name == "GLOBAL":
            stack.append(named(*arg.split(" ", 1)))
        elif name == "STACK_GLOBAL":
            attr, module = stack.pop(), stack.pop()
            stack.append(named(module, attr))
        elif name in ("EMPTY_DICT", "EMPTY_LIST", "EMPTY_SET"):
            stack.append({} if name == "EMPTY_DICT" else [])
        elif name == "EMPTY_TUPLE":
            stack.append(())
        elif name == "DICT":
            target: dict[Any, Any] = {}
            set_items(target, to_mark())
            stack.append(target)
        elif name in ("LIST", "TUPLE", "FROZENSET"):
            items = to_mark()
            stack.append(items if name == "LIST" else tuple(items))
        elif name in ("TUPLE1", "TUPLE2", "TUPLE3"):
            count = int(name[-1])
            items = stack[-count:]
            del stack[-count:]
            stack.append(tuple(items))
        elif name == "APPEND":
            value = stack.pop()
            if isinstance(stack[-1], list):
                stack[-1].append(value)
        elif name in ("APPENDS", "ADDITEMS"):
            items = to_mark()
            if isinstance(stack[-1], list):
                stack[-1].extend(items)
        elif name == "SETITEM":
            value = stack.pop()
            key = stack.pop()
            set_items(stack[-1], [key, value])
        elif name == "SETITEMS":
            items = to_mark()
            set_items(stack[-1], items)
        elif name == "REDUCE":
            args = stack.pop()
            stack.append(call(stack.pop(), args))
        elif name == "NEWOBJ":
            stack.pop()
            stack.append(new(stack.pop()))
        elif name == "NEWOBJ_EX":
            del stack[-2:]
            stack.append(new(stack.pop()))
        elif name == "OBJ":
            items = to_mark()
            stack.append(new(items[0]))
        elif name == "INST":
            to_mark()
            stack.append(new(named(*arg.split(" ", 1))))
        elif name == "BUILD":
            state = stack.pop()
            if isinstance(stack[-1], PickledObject):
                stack[-1].state = state
        elif name == "BINPERSID":
            stack[-1] = _OPAQUE
        elif name in ("PERSID", "EXT1", "EXT2", "EXT4", "NEXT_BUFFER"):
            stack.append(_OPAQUE)
        else:
            raise ValueError(f"unknown opcode {name}")
