"""A string naming a key variable bound beside a model on litellm's OpenAI route.

crawl4ai's config.py binds `DEFAULT_PROVIDER = "openai/gpt-4o"` and, next to it,
`DEFAULT_PROVIDER_API_KEY = "OPENAI_API_KEY"` (the same stem of a name), which other modules read
(`os.environ.get(DEFAULT_PROVIDER_API_KEY)`) as the key of that default model. The name
is the key of the model beside it: renamed to the provider's variable, the provider's key
goes with `openai/gpt-4o` to OpenAI (t66g). ML401 leaves it, and reports the provider's
variable named there (renamed by hand).
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.rules.python_context import PythonContext


def routed_model_beside(ctx: PythonContext, string: cst.CSTNode) -> cst.Assign | None:
    """Where `string` is the whole value of an assignment to one name (`NAME = "..."`), an
    assignment of the same block (the module's or a class body's) binding a name to a model
    on litellm's OpenAI route (`DEFAULT_PROVIDER = "openai/gpt-4o"`, also through a
    constant) naming an OpenAI model; None otherwise (`openai/<provider model>` with the
    provider's base URL beside it is how litellm reaches an OpenAI-compatible endpoint).
    The two names must pair (`_paired`): `DEEPSEEK_KEY_ENV` is no key of `OPENAI_MODEL`'s
    (review r2 t3), `OPENAI_KEY_NAME` is `MODEL_NAME`'s (review r5)."""
    # framework_litellm imports the environment rules
    from migrate_llm.rules.framework_litellm import openai_model

    ancestors = ctx.ancestors(string)
    if len(ancestors) < 3:
        return None
    assign, line, block = ancestors[-1], ancestors[-2], ancestors[-3]
    if not (
        isinstance(assign, cst.Assign)
        and assign.value is string
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
        and isinstance(line, cst.SimpleStatementLine)
    ):
        return None
    if isinstance(block, cst.IndentedBlock):
        holder = ctx.ancestors(block)[-1]
        if not isinstance(holder, cst.ClassDef):
            return None
    elif not isinstance(block, cst.Module):
        return None
    owners, others = _owner_words(ctx)
    stem = _stem(assign.targets[0].target.value, owners)
    for statement in block.body:
        if not isinstance(statement, cst.SimpleStatementLine) or statement is line:
            continue
        for small in statement.body:
            if not (
                isinstance(small, cst.Assign)
                and len(small.targets) == 1
                and isinstance(small.targets[0].target, cst.Name)
                and _paired(stem, _stem(small.targets[0].target.value, owners), others)
            ):
                continue
            resolved = ctx.resolve_literal(small.value)
            model = resolved[1] if resolved is not None else ""
            if "/" in model and openai_model(ctx, model, True) is not None:
                return small
    return None


# the words of a name that tell what it holds, not whose it is (`_stem`)
_ROLE_WORDS = frozenset(
    {"model", "models", "provider", "llm", "api", "key", "env", "name", "var", "token", "id"}
)


def _stem(name: str, owners: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The words of a name but those telling what it holds or whose it is (`owners`:
    OpenAI's, the provider's id and aliases): `DEFAULT_PROVIDER` and
    `DEFAULT_PROVIDER_API_KEY` both `("default",)`, `OPENAI_MODEL` and `MODEL_NAME` `()`."""
    return tuple(
        w for w in name.lower().split("_") if w and w not in _ROLE_WORDS and w not in owners
    )


def _owner_words(ctx: PythonContext) -> tuple[frozenset[str], frozenset[str]]:
    """The words naming OpenAI or the run's provider (its id and aliases), and those naming
    another provider of the registry."""
    provider = ctx.rules.provider
    own = {provider.id, *provider.aliases} if provider is not None else set()
    owners = {"openai", *(w.lower() for w in own)}
    others = {
        word.lower()
        for other in ctx.rules.registry.providers.values()
        for word in (other.id, *other.aliases)
        if word.lower() not in owners
    }
    return frozenset(owners), frozenset(others)


def _paired(stem: tuple[str, ...], other: tuple[str, ...], others: frozenset[str]) -> bool:
    """Whether two names' stems (`_stem`) may be a model's and its key's: the same, or one
    of them empty (`MODEL_NAME` beside `OPENAI_KEY_NAME`, review r5) where the other names
    no other provider (`DEEPSEEK_KEY_ENV` is no key of `OPENAI_MODEL`'s, review r2 t3)."""
    if stem == other:
        return True
    rest = stem or other
    return not (stem and other) and not any(word in others for word in rest)
