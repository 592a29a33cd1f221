"""The vector widths a project's code asks its embedding requests for (`RunFacts.sizes_sent`):
`dimensions=` of `client.embeddings.create(...)` (or openai<1's `openai.Embedding.create`)
given a number, a module constant bound to one, or an environment read
(`int(os.environ.get("EMBEDDING_DIMENSION", 256))`, chatgpt-retrieval-plugin). ML511 reads
a width a .env file sets under that variable as the size the program asks for, not only as
the size its stores expect."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import NamedTuple

from migrate_llm import openai_sdk as sdk
from migrate_llm.env_read_calls import environ_key, lookup_test

_LEGACY_EMBEDDINGS = "Embedding"


class SentSize(NamedTuple):
    """One request's `dimensions=`: the environment variable its value is read from, or the
    number written (a literal, a module constant); both None where the value cannot be
    known from the module (a settings field, a parameter). `where`: `module:line`."""

    variable: str | None
    size: int | None
    where: str


def may_send(data: bytes) -> bool:
    """Whether a module's bytes may hold an embedding request given `dimensions=`."""
    return sdk.DIMENSIONS.encode() in data and (b"embeddings" in data or b"Embedding" in data)


def sizes_sent(shown: str, data: bytes) -> list[SentSize]:
    """The `dimensions=` of the embedding requests of the module shown as `shown`."""
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return []
    constants: dict[str, ast.expr] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            target, value = statement.target, statement.value
        else:
            continue
        if isinstance(target, ast.Name):
            constants[target.id] = value
    found = []
    lookup = lookup_test(data)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not _embeds(node.func):
            continue
        for keyword in node.keywords:
            if keyword.arg == sdk.DIMENSIONS:
                value = keyword.value
                if isinstance(value, ast.Name) and value.id in constants:
                    value = constants[value.id]
                variable, size = _value(value, lookup)
                found.append(SentSize(variable, size, f"{shown}:{node.lineno}"))
    return found


def _embeds(func: ast.expr) -> bool:
    """Whether a call of `func` is an embedding request (`x.embeddings.create`)."""
    try:
        callee = ast.unparse(func)
    except (ValueError, RecursionError):  # pragma: no cover - ast.unparse of parsed code
        return False
    shaped = sdk.sdk_shaped(callee)
    if shaped is not None:
        return shaped[0] == "embeddings"
    parts = callee.split(".")
    return len(parts) >= 2 and parts[-2:] == [_LEGACY_EMBEDDINGS, "create"]


def _value(value: ast.expr, lookup: Callable[[ast.expr], bool]) -> tuple[str | None, int | None]:
    """(the variable read, the number) `value` gives, through `int(...)`; a read is
    `os.environ[X]` or a lookup of the env-reader table (`lookup`: `os.getenv(X)`,
    decouple's `config(X, cast=int)`)."""
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == "int"
        and len(value.args) == 1
    ):
        value = value.args[0]
    if isinstance(value, ast.Constant) and type(value.value) is int:
        return None, value.value
    if isinstance(value, ast.Call) and value.args and lookup(value.func):
        first = value.args[0]
        if isinstance(first, ast.Constant):
            return (first.value, None) if isinstance(first.value, str) else (None, None)
    key = environ_key(value)
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value, None
    return None, None
