"""What each framework's OpenAI usage looks like: one table module per framework.

Each module is a table of what one framework looks like (import paths of its OpenAI classes,
their keyword names, what it needs to talk to a non-OpenAI endpoint), each entry with the
framework source or documentation it was checked against. No provider facts: those stay in
`providers/*.toml` (`[frameworks]`). `pins.py` lists framework releases that need openai<1;
`tokenizers.py` the frameworks' calls that ask tiktoken for a model's tokenizer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FrameworkClass:
    """One OpenAI class of a framework, and how it is configured.

    `kind`: "chat", "llm" (text completions) or "embeddings". `model`: the keywords naming
    the model, the one `apply` writes first. `key` / `base_url`: likewise for the API key and
    the base URL. `drop`: OpenAI-only account settings removed when switching (organization).
    `azure`: Azure keywords removed when the class becomes its plain counterpart `plain`.
    `default_model`: the OpenAI model the class uses when none is given. `endpoint_settings`:
    keyword -> code the class needs to talk to a non-OpenAI endpoint. `replacement`: the
    qualified name of the class to use instead (LlamaIndex's OpenAI-like classes), with
    `replacement_keywords` (old -> new keyword names) and the `requirement` that provides it.
    `token_model`: the keyword naming the model the class counts tokens with; when the model
    is mapped it keeps the OpenAI name, which the framework's counter knows. `batch_size`: the
    keyword bounding how many inputs one embeddings request carries (set to the provider's
    `embedding_batch_max` when that is lower than `batch_default`). `manual`: for a class
    with no `replacement` that cannot simply be pointed at a provider, why, and what to use.
    `model_position`: the position at which the model may also be passed (agno's
    `OpenAIChat("gpt-4o")`); the `replacement` takes it at the same position.
    `dimensions`: the keyword of an embeddings class setting the width of the vectors it asks
    for (sent only when given, unless `sends_dimensions`: the class then sends its OpenAI
    model's width to a base URL of its own, as agno's OpenAIEmbedder does), None where not
    checked. `request_kwargs`: the keyword taking a dict whose entries the class sends as its
    chat requests' arguments as they are (Haystack's `generation_kwargs`), None where not
    checked. `extra_body`: the keyword taking a dict the class sends as its chat requests'
    `extra_body` (LangChain's ChatOpenAI), where a chat model that thinks by default gets the
    provider's switch turning it off; None where the class has none. `extra_body_entry`: the
    key under which that keyword's dict holds the body, where the class hands its entries to
    the request as keyword arguments (LlamaIndex's `additional_kwargs={"extra_body": ...}`).
    `v0_entries`: on openai<1 the class hands that dict's entries to openai<1's `create()`
    as keywords, which openai<1 (no `extra_body`) sends as fields of the body: in a module
    running on openai<1 the switch goes in the dict itself, not under `extra_body_entry`
    (LangChain's older ChatOpenAI: `model_kwargs={"thinking": ...}`).
    `deployment`: an Azure class's keywords naming its deployment, which its `plain`
    counterpart is given as the model where the call names no model. `base_url_env`: the
    environment variables the class reads its base URL from where it is given none, in the
    order it reads them (LangChain's OPENAI_API_BASE): a module writing them itself points
    the class there (`rules.own_server_env`). `checks_model`: what the class does given a
    model name that is not OpenAI's (LlamaIndex's `OpenAIEmbedding` raises ValueError when
    built), "" where it takes any name: a model it is given stays OpenAI's while the class
    is not rewritten to its `replacement` (ML204, ML611).
    """

    framework: str
    name: str
    kind: str
    model: tuple[str, ...]
    key: tuple[str, ...]
    base_url: tuple[str, ...]
    default_model: str
    drop: frozenset[str] = frozenset()
    azure: frozenset[str] = frozenset()
    plain: str | None = None
    endpoint_settings: tuple[tuple[str, str], ...] = ()
    replacement: str | None = None
    replacement_keywords: tuple[tuple[str, str], ...] = ()
    requirement: str | None = None
    legacy: bool = False
    token_model: str | None = None
    batch_size: str | None = None
    batch_default: int = 0
    manual: str = ""
    model_position: int | None = None
    dimensions: str | None = None
    sends_dimensions: bool = False
    request_kwargs: str | None = None
    extra_body: str | None = None
    extra_body_entry: str | None = None
    v0_entries: bool = False
    deployment: tuple[str, ...] = ()
    base_url_env: tuple[str, ...] = ()
    checks_model: str = ""


# The `[supports]` entry (providers/*.toml) of the API each kind of class calls, but chat's.
KIND_SURFACES = {
    "llm": "completions",
    "embeddings": "embeddings",
    "responses": "responses",
    "image": "images",
}


# Callees (by last name) whose arguments use a class as a type, not as something to build: a
# framework class given to one is not handed on to be constructed elsewhere (`isinstance`,
# introspection, unittest.mock's `patch.object(Cls, "method")` and `create_autospec`).
TYPE_USES = frozenset(
    {
        "isinstance",
        "issubclass",
        "cast",
        "assert_type",
        "TypeVar",
        "NewType",
        "getattr",
        "hasattr",
        "setattr",
        "delattr",
        "vars",
        "dir",
        "object",
        "create_autospec",
        "signature",
        "getsource",
        "getmembers",
    }
)
# Keywords that take a class as a type (`Mock(spec=Cls)`, `TypeVar("T", bound=Cls)`).
TYPE_KEYWORDS = frozenset({"spec", "spec_set", "bound"})
