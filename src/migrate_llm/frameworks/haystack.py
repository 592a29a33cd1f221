"""What Haystack's OpenAI components look like: import paths, keywords, defaults (ML680).

Knowledge of the framework only; what a provider serves is in `providers/*.toml`.

Checked against the released wheels of haystack-ai 2.0.0, 2.31.0 and 3.4.1 (PyPI; the same
code is in github.com/deepset-ai/haystack under haystack/components/). Every OpenAI component
takes `api_key: Secret = Secret.from_env_var("OPENAI_API_KEY")` (strict: building one without
the variable raises), `api_base_url: str | None = None` and `organization`, and hands them to
`openai.OpenAI(api_key=..., base_url=api_base_url, organization=...)`: with no
`api_base_url` the SDK reads OPENAI_BASE_URL, else api.openai.com. haystack-experimental's
`OpenAIChatGenerator` takes the same arguments (its entry below says which releases).
"""

from __future__ import annotations

from migrate_llm.frameworks import FrameworkClass

FRAMEWORK = "haystack"
LABEL = "Haystack"
EXPERIMENTAL = "haystack_experimental"  # haystack-experimental's package

KEY = "api_key"
BASE_URL = "api_base_url"
# where a pipeline file (`Pipeline.dumps()`, core/pipeline/base.py `to_dict`) puts a
# component's constructor arguments, beside its `type:` (the qualified name of its class)
INIT_PARAMETERS = "init_parameters"

# The key is a `Secret`, not a string (`api_key.resolve_value()` in each `__init__` / warm-up):
# utils/__init__.py exports utils/auth.py's `Secret` in every release checked.
SECRET_CLASSES = frozenset({"haystack.utils.Secret", "haystack.utils.auth.Secret"})
SECRET_IMPORT = "from haystack.utils import Secret"
SECRET_NAME = "Secret"
FROM_ENV_VAR = "from_env_var"
FROM_TOKEN = "from_token"
# `Secret.from_token(token)` (utils/auth.py): a Secret holding the key it is given, which the
# component resolves and sends. Qualified name -> the parameter taking the key (also the
# first positional): a key given this way goes wherever the Secret goes.
KEY_HOLDERS = {f"{cls}.{FROM_TOKEN}": "token" for cls in sorted(SECRET_CLASSES)}

# The Azure components' own settings (generators/chat/azure.py, embedders/azure_*.py).
AZURE_KEYWORDS = frozenset(
    {
        "azure_endpoint",
        "azure_deployment",
        "api_version",
        "azure_ad_token",
        "azure_ad_token_provider",
    }
)

# `generation_kwargs: dict | None = None`: the chat components send its entries as the
# request's arguments, merged under those given to `run(...)` / `run_async(...)` at run time
# (`{**self.generation_kwargs, **(generation_kwargs or {})}`, then
# `client.chat.completions.create(model=..., messages=..., **generation_kwargs)`):
# haystack-ai 3.4.1 generators/chat/openai.py L128, L505 and L538 (`n` and
# `response_format` are taken out and sent under the same names); 2.31.0 generators/openai.py
# L75, L227 and L237-241 (`run` only); haystack-experimental 0.5.0 generators/chat/openai.py
# L127, L401 and L434. The ML111, ML112 and ML115 checks read them.
GENERATION_KWARGS = "generation_kwargs"
RUN_METHODS = frozenset({"run", "run_async"})

BATCH_SIZE = "batch_size"
BATCH_DEFAULT = 32

# kind "responses": sends OpenAI's Responses API (`client.responses.create`); "image": the
# images API.
RESPONSES = "responses"
IMAGE = "image"


def _entry(
    name: str,
    kind: str,
    default_model: str,
    *modules: str,
    base_url: tuple[str, ...] = (BASE_URL,),
    package: str = "haystack",
    **more,
) -> dict:
    entry = FrameworkClass(
        FRAMEWORK,
        name,
        kind,
        ("model",),
        (KEY,),
        base_url,
        default_model,
        drop=frozenset({"organization"}),
        **more,
    )
    return {
        ".".join(filter(None, (package, "components", module, name))): entry for module in modules
    }


def _azure(name: str, kind: str, plain: str, *modules: str) -> dict:
    # the deployment picks the model (`azure_deployment`), the endpoint the host
    return _entry(
        name, kind, "", *modules, azure=AZURE_KEYWORDS, plain=plain, base_url=("azure_endpoint",)
    )


# Qualified name -> component. The defaults are 3.4.1's; 2.0.0 sent gpt-3.5-turbo and
# text-embedding-ada-002, 2.31.0 gpt-5-mini and text-embedding-ada-002 (the mapped model is
# written in the call, so the release does not matter after `apply`).
CLASSES: dict[str, FrameworkClass] = {
    # generators/chat/openai.py: chat completions
    **_entry(
        "OpenAIChatGenerator",
        "chat",
        "gpt-5-mini",
        "generators.chat",
        "generators.chat.openai",
        request_kwargs=GENERATION_KWARGS,
    ),
    # generators/openai.py (2.x only; removed in 3.0): chat completions too
    **_entry(
        "OpenAIGenerator",
        "chat",
        "gpt-5-mini",
        "generators",
        "generators.openai",
        request_kwargs=GENERATION_KWARGS,
    ),
    # generators/chat/openai_responses.py (2.16 and later): the Responses API
    **_entry(
        "OpenAIResponsesChatGenerator",
        RESPONSES,
        "gpt-5-mini",
        "generators.chat",
        "generators.chat.openai_responses",
    ),
    # embedders/openai_text_embedder.py, embedders/openai_document_embedder.py: `dimensions:
    # int | None = None`, sent only when set (3.4.1: L43 and L207-208, L46 and L257-258).
    # The document embedder sends `batch_size: int = 32` texts per request (2.0.0: L40 and
    # L156-158; 3.4.1: L51 and L253, `batched(texts_to_embed.items(), batch_size)`); the text
    # embedder one text.
    **_entry(
        "OpenAITextEmbedder",
        "embeddings",
        "text-embedding-3-small",
        "embedders",
        "embedders.openai_text_embedder",
        dimensions="dimensions",
    ),
    **_entry(
        "OpenAIDocumentEmbedder",
        "embeddings",
        "text-embedding-3-small",
        "embedders",
        "embedders.openai_document_embedder",
        dimensions="dimensions",
        batch_size=BATCH_SIZE,
        batch_default=BATCH_DEFAULT,
    ),
    # generators/openai_dalle.py (2.x), generators/openai_image_generator.py (3.x)
    **_entry("DALLEImageGenerator", IMAGE, "gpt-image-2", "generators", "generators.openai_dalle"),
    **_entry(
        "OpenAIImageGenerator",
        IMAGE,
        "gpt-image-2",
        "generators",
        "generators.openai_image_generator",
    ),
    **_azure(
        "AzureOpenAIChatGenerator",
        "chat",
        "OpenAIChatGenerator",
        "generators.chat",
        "generators.chat.azure",
    ),
    **_azure(
        "AzureOpenAIResponsesChatGenerator",
        RESPONSES,
        "OpenAIChatGenerator",
        "generators.chat",
        "generators.chat.azure_responses",
    ),
    **_azure("AzureOpenAIGenerator", "chat", "OpenAIGenerator", "generators", "generators.azure"),
    **_azure(
        "AzureOpenAITextEmbedder",
        "embeddings",
        "OpenAITextEmbedder",
        "embedders",
        "embedders.azure_text_embedder",
    ),
    **_azure(
        "AzureOpenAIDocumentEmbedder",
        "embeddings",
        "OpenAIDocumentEmbedder",
        "embedders",
        "embedders.azure_document_embedder",
    ),
    # haystack-experimental (github.com/deepset-ai/haystack-experimental; checked against the
    # wheels of every release from 0.1.0 to 0.19.0.post1 on PyPI): its only component that
    # builds an OpenAI client is components/generators/chat/openai.py's OpenAIChatGenerator,
    # exported by generators/chat/__init__.py (and components/__init__.py in 0.2.0-0.4.0).
    # 0.2.0-0.7.0: a class of its own (tools support) taking haystack's arguments (`api_key:
    # Secret = Secret.from_env_var("OPENAI_API_KEY")`, `model: str = "gpt-4o-mini"`,
    # `api_base_url`, `organization`) and giving them to `OpenAI(...)`; 0.10.0 and later: a
    # subclass of haystack's, whose `run` adds hallucination scoring and keeps its
    # constructor. OpenAIFunctionCaller (0.1.0-0.3.0) only runs tool calls.
    **_entry(
        "OpenAIChatGenerator",
        "chat",
        "gpt-5-mini",
        "",
        "generators.chat",
        "generators.chat.openai",
        package=EXPERIMENTAL,
        request_kwargs=GENERATION_KWARGS,
    ),
}
