"""Whether ML401 leaves a read of OpenAI's key variable in a module for a class named like
OpenAI that no table knows (`RunFacts.openai_key_kept`): the second reading of the modules the
screening flagged (`run_facts.KEEPS_OPENAI_KEY`, a byte test), with ML401's own judgment of
where each read goes (`key_destinations.risky_destination`: chromadb's
`OpenAIEmbeddingFunction(api_key=key)`; not a class the module defines, nor one only given a
dict holding the key, chatgpt-telegram-bot's `OpenAIHelper(config=openai_config)`), and of
the key tests before such a class given no key (`guarded_features.guarded_feature`); and of the
clients apply leaves on OpenAI, their requests all to APIs the provider lacks
(`unserved_clients`: quivr-whisper's audio-only module-level client, t55d), which read the
variable themselves, as do the framework classes it leaves there given no key
(`framework_key_reads`: LangChain's `OpenAIEmbeddings()` on a provider serving no
embeddings, LlamaIndex's default models, t62d)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrate_llm import openai_sdk as sdk
from migrate_llm.reread import cst_context
from migrate_llm.textio import python_parsed

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

# larger modules keep the screening's verdict: their second reading would cost too much
MAX_BYTES = 512 * 1024


def key_left(module: str, data: bytes, rules: RuleContext) -> bool:
    """Whether ML401, run with `rules`, leaves a read of OpenAI's key variable in the module
    `module` (its bytes `data`) because it goes to a class or function named like OpenAI that
    apply does not rewrite or to an SDK client whose base URL is chosen at run time (ML003
    leaves it: `key_destinations`' `client`), or tests for the key before one that reads it
    itself; or whether it builds a client (or configures openai's module-level one) that
    apply leaves on OpenAI for APIs the provider lacks, reading that variable
    (`unserved_clients`). True where the module cannot be read or parsed, or is too large:
    the screening said it may."""
    if len(data) > MAX_BYTES:
        return True
    read = python_parsed(data)  # Python's parser first: it refuses what libcst would choke on
    if read is None:
        return True
    text = read[0]

    with cst_context(text, rules, module) as ctx:
        if ctx is None:
            return True
        return _left(ctx)


def _left(ctx: object) -> bool:
    import libcst as cst

    from migrate_llm.rules.env_names import env_names
    from migrate_llm.rules.framework_key_reads import framework_reads_key
    from migrate_llm.rules.guarded_features import guarded_feature
    from migrate_llm.rules.key_destinations import risky_destination
    from migrate_llm.rules.python_context import PythonContext
    from migrate_llm.rules.unserved_clients import module_client_unserved, unserved_only

    assert isinstance(ctx, PythonContext)
    if module_client_unserved(ctx) is not None:
        return True  # openai's module-level client, left on OpenAI with its key (ML103)
    for node in ctx.nodes:
        if type(node) is not cst.Call or unserved_only(ctx, node) is None:
            continue
        client = ctx.constructed_client(node)
        if client is not None and not client.azure:
            return True  # a client left on OpenAI, reading its key variable (ML001)
    if framework_reads_key(ctx):
        return True  # a framework class left on OpenAI, given no key (t62d)
    names = env_names(ctx)
    for access in names.accesses:
        if access.kind != "read":
            continue
        if not any(s.value in sdk.KEY_VARS_TO_SWITCH for s in names.openai_sources(access)):
            continue
        destination = risky_destination(ctx, names, access.node)
        if destination is not None and destination.kind in ("foreign", "client"):
            return True
        feature = guarded_feature(ctx, names, access)
        if feature is not None and not feature.surface:
            return True
    return False
