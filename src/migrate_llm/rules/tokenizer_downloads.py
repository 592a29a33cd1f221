"""ML208: a tiktoken encoding, which tiktoken downloads from OpenAI's host on first use."""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.rules.tokenizer_calls import encoding_loader, mentions_loader

_HOST = sdk.TIKTOKEN_HOST
_VARIABLE = sdk.TIKTOKEN_CACHE_VARIABLES[0]


class TokenizerDownload(PythonRule):
    """A tiktoken encoding, which tiktoken downloads from OpenAI's host on first use.

    ## What it does
    Notes the first call of a module that loads a tiktoken encoding, whatever the model or
    encoding it names: `tiktoken.get_encoding(...)`, `tiktoken.encoding_for_model(...)`,
    and the frameworks' calls that make them (`frameworks.tokenizers`: LangChain's
    `from_tiktoken_encoder()` and `TokenTextSplitter()`, LlamaIndex's `get_tokenizer()`).
    Once a module; not in one that names tiktoken's cache variable (`TIKTOKEN_CACHE_DIR`, or
    the older `DATA_GYM_CACHE_DIR`), where the program already says where the files are.

    ## Why
    tiktoken fetches an encoding's files from `openaipublic.blob.core.windows.net` (an OpenAI
    host) the first time it loads one on a machine, unless the directory TIKTOKEN_CACHE_DIR
    names holds them (`openai_sdk.TIKTOKEN_LOADERS`). No key is sent, and most machines reach
    the host, so nothing depends on OpenAI's API; but where it cannot be reached the program
    stops at its first token count with a connection error, its provider's endpoint working
    (gpt-engineer's token counter, at start).

    ## Fix (none)
    Download the files beforehand and set TIKTOKEN_CACHE_DIR to their directory, or ship them
    with the program. Only with a target provider other than OpenAI; `check` passes. Read in
    a module examined for anything else: one whose only trace is a fixed encoding's load is
    not parsed for this note alone (the cost of a large tree's scan).
    """

    code = "ML208"
    name = "tokenizer-download"
    silent_when_modernising = True
    category = "environment"
    severity = Severity.NOTE
    fix = FixClass.NONE
    examples = (
        Example(
            'import tiktoken\n\nENCODING = tiktoken.get_encoding("cl100k_base")\n',
            provider="acme",
            message="tiktoken.get_encoding() loads a tiktoken encoding, which tiktoken downloads "
            "from OpenAI's host openaipublic.blob.core.windows.net on first use (no key is "
            "sent); where that host cannot be reached it fails with a connection error: "
            "download the files beforehand and set TIKTOKEN_CACHE_DIR to their directory, or "
            "ship them with the program",
        ),
        Example(
            "from langchain_text_splitters import TokenTextSplitter\n\n"
            'SPLITTER = TokenTextSplitter(model_name="gpt-4o", chunk_size=300)\n',
            provider="acme",
            message="LangChain's TokenTextSplitter() loads a tiktoken encoding, which tiktoken "
            "downloads from OpenAI's host openaipublic.blob.core.windows.net on first use (no "
            "key is sent); where that host cannot be reached it fails with a connection error: "
            "download the files beforehand and set TIKTOKEN_CACHE_DIR to their directory, or "
            "ship them with the program",
        ),
        Example(
            'import os\n\nimport tiktoken\n\nos.environ.setdefault("TIKTOKEN_CACHE_DIR", '
            '"/opt/app/tiktoken")\nENCODING = tiktoken.get_encoding("cl100k_base")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'import tiktoken\n\nENCODING = tiktoken.get_encoding("cl100k_base")\n',
            provider="openai",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        # once a module, when switching; not in one naming tiktoken's cache directory
        self.unnoted = (
            ctx.rules.switching
            and mentions_loader(ctx)
            and not any(name in ctx.text for name in sdk.TIKTOKEN_CACHE_VARIABLES)
        )

    def visit_Call(self, node: cst.Call) -> None:
        if not self.unnoted:
            return
        label = encoding_loader(self.ctx, node)
        if label is None:
            return
        self.unnoted = False
        self.report(
            node.func,
            f"{label} loads a tiktoken encoding, which tiktoken downloads from OpenAI's host "
            f"{_HOST} on first use (no key is sent); where that host cannot be reached it "
            f"fails with a connection error: download the files beforehand and set "
            f"{_VARIABLE} to their directory, or ship them with the program",
            data={"host": _HOST, "cache_variable": _VARIABLE},
        )


TOKENIZER_DOWNLOAD_RULES = (TokenizerDownload,)
