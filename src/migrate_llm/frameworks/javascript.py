"""What ML510 knows of OpenAI in JavaScript and TypeScript: the client classes and factories
that talk to OpenAI unless given an endpoint, the packages they come from, and the ways a
module reads an environment variable.

Checked against (2026-12-04): openai-node's README (`new OpenAI({ apiKey, baseURL })`, the
key from OPENAI_API_KEY and the base URL from OPENAI_BASE_URL when not given,
https://github.com/openai/openai-node); LangChain.js's `ChatOpenAI` reference (the endpoint
in `configuration.baseURL`, https://reference.langchain.com/javascript/langchain-openai/
OpenAIEndpointConfig; older releases also took it as a second argument); the AI SDK's OpenAI
provider (`createOpenAI({ baseURL, apiKey })`; its default `openai` instance loads
OPENAI_API_KEY and calls https://api.openai.com/v1, https://ai-sdk.dev/providers/
ai-sdk-providers/openai).
"""

from __future__ import annotations

import re

# The file names read as JavaScript or TypeScript (type declarations and minified bundles
# are not: `*.d.ts`, `*.min.js`)
SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".vue", ".svelte")
NOT_SOURCE = (".d.ts", ".d.mts", ".d.cts", ".min.js", ".min.mjs")

# name -> (whether it is built with `new`, the packages exporting it, the options that give
# it an endpoint of the program's choice). Without one of those options the client sends its
# requests to OpenAI with the key in OPENAI_API_KEY (openai-node reads OPENAI_BASE_URL too).
CLIENTS: dict[str, tuple[bool, tuple[str, ...], tuple[str, ...]]] = {
    "OpenAI": (True, ("openai",), ("baseURL",)),
    # openai<4: `new OpenAIApi(new Configuration({ apiKey, basePath }))`
    "Configuration": (True, ("openai",), ("basePath",)),
    # LangChain.js: the endpoint goes in `configuration: { baseURL }`
    "ChatOpenAI": (
        True,
        ("@langchain/openai", "langchain/chat_models/openai"),
        ("configuration", "baseURL"),
    ),
    "OpenAIEmbeddings": (
        True,
        ("@langchain/openai", "langchain/embeddings/openai"),
        ("configuration", "baseURL"),
    ),
    # the AI SDK's provider factory
    "createOpenAI": (False, ("@ai-sdk/openai",), ("baseURL",)),
}
# Clients of Azure OpenAI: their endpoint is the user's Azure resource
AZURE_CLIENTS: dict[str, tuple[str, ...]] = {
    "AzureOpenAI": ("openai",),
    "AzureChatOpenAI": ("@langchain/openai",),
    "createAzure": ("@ai-sdk/azure",),
}
# The AI SDK's default provider instance (`openai("gpt-4o")`): OpenAI's endpoint and key
DEFAULT_INSTANCES: dict[str, tuple[str, ...]] = {"openai": ("@ai-sdk/openai",)}

# `process.env.NAME`, `process.env["NAME"]`, `import.meta.env.NAME`, `Bun.env.NAME`,
# `Deno.env.get("NAME")`: group 1 or 2, the variable's name
ENV_READ = re.compile(
    r"\b(?:process\.env|import\.meta\.env|Bun\.env)(?:\.([A-Za-z_$][\w$]*)|\[\s*[\"'`]([\w$]+)[\"'`]\s*\])"
    r"|\bDeno\.env\.get\(\s*[\"'`](\w+)[\"'`]\s*\)"
)
# A variable named after OpenAI (`OPENAI_API_KEY`, `VITE_OPENAI_API_KEY`)
OPENAI_VARIABLE = re.compile(r"(?:^|_)OPENAI(?:_|$)")


def imports(code: str, package: str) -> bool:
    """Whether the module `code` (comments blanked) imports `package` (or a module of it)."""
    quoted = rf"[\"']{re.escape(package)}(?:/[\w./-]*)?[\"']"
    return (
        re.search(rf"\bfrom\s*{quoted}|\brequire\(\s*{quoted}\s*\)|\bimport\s*\(?\s*{quoted}", code)
        is not None
    )
