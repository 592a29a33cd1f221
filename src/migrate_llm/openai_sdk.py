"""The shape of the OpenAI Python SDK that migrate-llm recognises (v1 and the removed v0 API).

This is knowledge of the *source* library, not of any provider: provider facts live in
`providers/*.toml`.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from migrate_llm.frameworks import ui_inputs as ui

# Client classes by qualified name -> (async, azure).
CLIENT_CLASSES: dict[str, tuple[bool, bool]] = {
    "openai.OpenAI": (False, False),
    "openai.Client": (False, False),
    "openai.AsyncOpenAI": (True, False),
    "openai.AsyncClient": (True, False),
    "openai.AzureOpenAI": (False, True),
    "openai.AsyncAzureOpenAI": (True, True),
    "openai._client.OpenAI": (False, False),
    "openai._client.AsyncOpenAI": (True, False),
    "openai.lib.azure.AzureOpenAI": (False, True),
    "openai.lib.azure.AsyncAzureOpenAI": (True, True),
}

# Keywords through which model classes build a field's value by calling a class later:
# `dataclasses.field(default_factory=OpenAI)`, pydantic `Field(default_factory=...)`,
# attrs `field(factory=...)` / `attr.ib(factory=...)`.
FACTORY_KEYWORDS = frozenset({"default_factory", "factory"})
# ...and the wrapper attrs also takes as a default: `attr.ib(default=attr.Factory(OpenAI))`.
FACTORY_WRAPPERS = frozenset({"Factory"})

# Azure credential builders whose result only an Azure client uses (`azure_ad_token_provider=`):
# left unused once `apply` makes the client a plain one. Module prefixes, then callee names.
AZURE_CREDENTIAL_MODULES = ("azure.identity.", "azure.core.credentials.")
AZURE_CREDENTIAL_NAMES = frozenset(
    {
        "get_bearer_token_provider",
        "DefaultAzureCredential",
        "ManagedIdentityCredential",
        "ClientSecretCredential",
        "AzureCliCredential",
        "InteractiveBrowserCredential",
        "ChainedTokenCredential",
        "EnvironmentCredential",
        "AzureKeyCredential",
    }
)
# Words that, all in the name of a variable of the program's own (split on "_"), say it holds
# an Azure OpenAI setting (mem0's LLM_AZURE_OPENAI_API_KEY): left unused once `apply` makes the
# client that read it a plain one. AZURE alone could be any Azure service's (AZURE_SEARCH_KEY).
AZURE_OPENAI_NAME_WORDS = frozenset({"AZURE", "OPENAI"})

# Resource paths under a v1 client -> the surface name used in providers' [supports] tables.
# Longest prefixes first; the method after the prefix may be anything. Every resource of the
# client (`OpenAI`'s and `beta`'s properties in openai 3.57.0's `_client.py` and
# `resources/beta/beta.py`) has one (tests/test_python_rules.py): a call to a resource missing
# here would count as no request at all.
SURFACES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("beta", "chat", "completions"), "chat"),
    (("beta", "assistants"), "assistants"),
    (("beta", "threads"), "assistants"),
    (("beta", "vector_stores"), "vector_stores"),
    (("beta", "realtime"), "realtime"),
    (("beta", "responses", "input_tokens"), "responses_input_tokens"),
    (("beta", "responses"), "responses"),
    (("beta", "agents"), "agents"),
    (("beta", "chatkit"), "chatkit"),
    (("chat", "completions"), "chat"),
    (("completions",), "completions"),
    (("embeddings",), "embeddings"),
    (("images",), "images"),
    (("audio",), "audio"),
    (("moderations",), "moderations"),
    (("responses", "input_tokens"), "responses_input_tokens"),
    (("responses",), "responses"),
    (("files",), "files"),
    # multipart /uploads (`upload_file_chunked`, parts, complete): another API than /files
    (("uploads",), "uploads"),
    (("batches",), "batches"),
    (("fine_tuning",), "fine_tuning"),
    (("models",), "models"),
    (("vector_stores",), "vector_stores"),
    (("realtime",), "realtime"),
    (("videos",), "videos"),
    (("conversations",), "conversations"),
    (("containers",), "containers"),
    (("evals",), "evals"),
    (("skills",), "skills"),
    (("webhooks",), "webhooks"),
    (("admin",), "admin"),
    (("live",), "live"),
    (("safety",), "safety"),
    (("decisions",), "decisions"),
    (("content_provenance_checks",), "content_provenance_checks"),
)
# Methods with a surface of their own, apart from their resource's: the whole path (resource
# and method, wrappers left out) -> surface. The Responses API's WebSocket mode (`connect`),
# the cancelling of a background response (only those can be cancelled) and compaction are
# OpenAI's: a provider serving `responses.create` may lack them.
METHOD_SURFACES: dict[tuple[str, ...], str] = {
    ("responses", "connect"): "responses_websocket",
    ("beta", "responses", "connect"): "responses_websocket",
    ("responses", "cancel"): "responses_background",
    ("beta", "responses", "cancel"): "responses_background",
    ("responses", "compact"): "responses_compact",
    ("beta", "responses", "compact"): "responses_compact",
}
# Arguments that put a request on a surface of its own: (resource surface, keyword) -> the
# surface of a call passing it with any value but a literal False or None
# (`responses.create(background=True)`: background mode).
KEYWORD_SURFACES: dict[tuple[str, str], str] = {
    ("responses", "background"): "responses_background",
}
# Argument values that put a request on another API's surface: (resource surface, keyword,
# value written) -> that surface. A file uploaded with purpose "assistants" is for the
# Assistants API (openai-python 3.63.0 `types/file_purpose.py`, `files.create`'s docstring:
# "`assistants`: Used in the Assistants API"): a client whose other requests are all the
# Assistants API's makes only those (assistant-flask, t55g D2). Not "vision" ("Images used for
# vision fine-tuning"), "batch", "fine-tune" or "evals": those files feed requests of their
# own API (`fine_tuning.jobs.create`, `batches.create`), counted as such; nor "user_data"
# ("Flexible file type for any purpose": chat and Responses file inputs).
VALUE_SURFACES: dict[tuple[str, str, str], str] = {
    ("files", "purpose", "assistants"): "assistants",
}

# Request arguments whose values a provider's file may list as the only ones it takes: the
# request's path and keyword -> the `[params]` key listing them (Moonshot's files API takes
# purpose "file-extract", not OpenAI's "assistants" or "fine-tune"). ML101 reports another
# value written in the call; a provider whose file has no such list is not checked.
LISTED_VALUES: dict[tuple[str, str], str] = {
    ("files.create", "purpose"): "file_purposes",
    ("uploads.create", "purpose"): "file_purposes",
}

# The SDK's values for "send nothing" in a request argument (`x if x is not None else
# openai.omit`): `omit` in newer SDKs, `NOT_GIVEN` in older ones; their classes, called, give
# the same.
OMITTED_VALUES = frozenset(
    {"openai.omit", "openai.NOT_GIVEN", "openai._types.omit", "openai._types.NOT_GIVEN"}
)
OMITTED_CLASSES = frozenset(
    {"openai.Omit", "openai.NotGiven", "openai._types.Omit", "openai._types.NotGiven"}
)

# Wrappers that may stand between a resource and its method.
RESPONSE_WRAPPERS = frozenset({"with_raw_response", "with_streaming_response"})
# The requests that send an audio file to be written out as text: what a provider's
# `[params] transcription_formats` narrows (ML101).
TRANSCRIPTION_PATHS = frozenset({"audio.transcriptions.create", "audio.translations.create"})
# Client methods returning a copy of the client with some options changed, on the same
# endpoint unless given `base_url=` (openai-python `_client.py`: `def copy(...)`,
# `with_options = copy`); ML304 moves a v0 request's key into `client.with_options(api_key=)`.
CLIENT_COPIES = frozenset({"with_options", "copy"})

# Methods common enough that an unknown receiver with this shape is still worth reporting.
TELLTALE_METHODS = frozenset({"create", "parse", "stream", "generate", "acreate"})
# ... on these surfaces (`responses.create`: khoj's chat helpers take their client from a
# factory of another module)
TELLTALE_SURFACES = frozenset({"chat", "completions", "embeddings", "images", "audio", "responses"})
# A namespace only the SDK's clients have: `x.beta.threads.create()`, `x.beta.assistants.list()`
# on a client the module does not trace is the SDK's, whatever the method (swarm's assistants
# engine takes its client as a parameter).
TELLTALE_NAMESPACE = "beta"


def sdk_shaped(callee: str) -> tuple[str, str] | None:
    """(surface, method) of a call whose dotted callee, as written, ends as an SDK request
    does: a receiver, a resource path and a telltale method (`client.chat.completions.create`,
    `self.llm.embeddings.create`, `get_client().chat.completions.create`); else None. ML206
    and the parameter checks (ML111-ML116) read such a call on a client the module does not
    trace as an SDK request."""
    parts = tuple(callee.split("."))
    if len(parts) < 3 or parts[-1] not in TELLTALE_METHODS:
        return None
    for path, surface in SURFACES:
        if parts[-1 - len(path) : -1] == path:
            return surface, parts[-1]
    return None


# Structured outputs: requests whose answer must follow a JSON schema, which a provider's
# `[supports] structured_outputs` decides beside the request's own surface. The parse helpers
# send one built from the type they are given (or strict tools), whatever else they get:
# (surface, method).
STRUCTURED_OUTPUTS = "structured_outputs"
STRUCTURED_HELPERS = frozenset({("chat", "parse"), ("responses", "parse")})
# The arguments that ask for one on the other methods: (surface, keyword) -> the keys leading,
# in a dict given there, to the "type" that says STRUCTURED_TYPE (`response_format={"type":
# "json_schema", ...}`, `text={"format": {"type": "json_schema", ...}}`); () for a keyword
# that takes a type whatever it is (`responses.stream(text_format=Answer)`).
STRUCTURED_ARGUMENTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("chat", "response_format"): ("type",),
    ("responses", "text"): ("format", "type"),
    ("responses", "text_format"): (),
}
STRUCTURED_TYPE = "json_schema"
# Strict function tools (`"strict": true` in a tool's function): the chat parse helper sends
# only such tools (it raises for any other), and the SDK's builder of a tool from a pydantic
# model makes one (`openai.pydantic_function_tool(Query)`). A provider may document them on
# another base URL only (`[params] strict_tools_base_url`, ML111).
STRICT_TOOL_HELPERS = frozenset({("chat", "parse")})
STRICT_TOOL_BUILDERS = frozenset(
    {"openai.pydantic_function_tool", "openai.lib._tools.pydantic_function_tool"}
)
STRICT_TOOL_KEY = "strict"
# Such an argument that may also be a type (a pydantic model, whose schema the method sends)
# -> the methods taking one: `chat.completions.stream(response_format=Answer)`; `create`
# refuses one.
STRUCTURED_TYPE_METHODS: dict[tuple[str, str], frozenset[str]] = {
    ("chat", "response_format"): frozenset({"stream", "parse"}),
}

# Module-level configuration attributes that exist only in openai<1.0.
LEGACY_ONLY_CONFIG = frozenset(
    {"api_base", "proxy", "api_key_path", "requestssession", "aiosession", "app_info", "debug"}
)
# The HTTP sessions openai<1.0 kept in context variables (`openai.aiosession.set(session)`),
# with the library each belongs to and whether the async client used it: gone in openai>=1.0,
# whose clients take an `http_client=`.
LEGACY_SESSIONS: dict[str, tuple[str, bool]] = {
    "aiosession": ("aiohttp", True),
    "requestssession": ("requests", False),
}
# Module-level attributes shared by openai<1.0 config and the openai>=1.0 module client.
SHARED_CONFIG = frozenset({"api_key", "organization", "api_type", "api_version"})
# The openai>=1.0 module-level client's settings (openai/__init__.py) -> what they are to a
# migration (ML103): "endpoint" (the key and base URL, pointed at the provider), "openai"
# (read by OpenAI or Azure OpenAI only: organization, project, admin key, webhook secret,
# the Azure settings; another provider has no use for them) or "generic" (any endpoint's:
# headers, query parameters, HTTP client, retries, timeout; left as they are, unreported).
MODULE_CLIENT_SETTINGS: dict[str, str] = {
    "api_key": "endpoint",
    "base_url": "endpoint",
    "organization": "openai",
    "project": "openai",
    "admin_api_key": "openai",
    "webhook_secret": "openai",
    "api_type": "openai",
    "api_version": "openai",
    "azure_endpoint": "openai",
    "azure_ad_token": "openai",
    "azure_ad_token_provider": "openai",
    "default_headers": "generic",
    "default_query": "generic",
    "http_client": "generic",
    "max_retries": "generic",
    "timeout": "generic",
}

# openai<1.0 resource classes -> the v1 client path that replaces them.
LEGACY_RESOURCES: dict[str, str] = {
    "ChatCompletion": "chat.completions",
    "Completion": "completions",
    "Embedding": "embeddings",
    "Image": "images",
    "Audio": "audio",
    "Moderation": "moderations",
    "File": "files",
    "FineTune": "fine_tuning.jobs",
    "FineTuningJob": "fine_tuning.jobs",
    "Model": "models",
    "Edit": "",
    "Engine": "",
    "Customer": "",
    "Deployment": "",
}
LEGACY_SURFACE: dict[str, str] = {
    "ChatCompletion": "chat",
    "Completion": "completions",
    "Embedding": "embeddings",
    "Image": "images",
    "Audio": "audio",
    "Moderation": "moderations",
    "File": "files",
    "FineTune": "fine_tuning",
    "FineTuningJob": "fine_tuning",
    "Model": "models",
    "Engine": "models",  # Engine.list / Engine.retrieve: LEGACY_METHOD_PATHS
}

# openai.error.X (openai<1.0) -> the openai>=1.0 exception class.
LEGACY_ERRORS: dict[str, str] = {
    "OpenAIError": "OpenAIError",
    "APIError": "APIError",
    "Timeout": "APITimeoutError",
    # v0 raised TryAgain for HTTP 409 (api_requestor.handle_error_response, 0.28.1); v1's 409
    "TryAgain": "ConflictError",
    "APIConnectionError": "APIConnectionError",
    "InvalidRequestError": "BadRequestError",
    "AuthenticationError": "AuthenticationError",
    "PermissionError": "PermissionDeniedError",
    "RateLimitError": "RateLimitError",
    "ServiceUnavailableError": "InternalServerError",
    "InvalidAPIType": "OpenAIError",
    "SignatureVerificationError": "OpenAIError",
}

# openai.error.X caught by code (`except`, isinstance, retry predicates) -> the v1 class that
# keeps what it caught, where the namesake catches more: v0 raised APIError only for server
# errors it did not classify (5xx but 503, undecodable bodies); v1's APIError is the base of
# every API error (400, 401, 429, connection errors). v1 raises InternalServerError for 5xx.
LEGACY_ERRORS_CAUGHT: dict[str, str] = {"APIError": "InternalServerError"}
# openai.error.X caught by code -> the v1 classes that also catch what it caught, beside its
# LEGACY_ERRORS namesake, and what v0 raised it for: v0 raised InvalidRequestError for HTTP
# 400, 404 and 415 (api_requestor.handle_error_response, 0.28.1: `elif rcode in [400, 404,
# 415]`); v1 raises BadRequestError for a 400, NotFoundError for a 404 (a model, file or job
# that does not exist: `except openai.error.InvalidRequestError` around a wrong model name)
# and APIStatusError for a 415.
LEGACY_ERRORS_ALSO_CAUGHT: dict[str, tuple[tuple[str, ...], str]] = {
    "InvalidRequestError": (
        ("NotFoundError",),
        "HTTP 400 and 404 (a model or file that does not exist)",
    )
}
# Calls of other libraries whose argument takes an exception class or a tuple of them, where
# such a class is caught -> (its position, its keyword); position None: each positional
# argument is one class (`*exceptions`). tenacity 9.x tenacity/retry.py (`exception_types:
# Union[Type[BaseException], Tuple[Type[BaseException], ...]]`), backoff 2.x
# `on_exception(wait_gen, exception, ...)` ("an exception type (or tuple of types)"),
# pytest 8.x `raises(expected_exception)`, contextlib `suppress(*exceptions)`.
EXCEPTION_CLASS_ARGS: dict[str, tuple[int | None, str | None]] = {
    **{
        f"{module}.{name}": (0, "exception_types")
        for module in ("tenacity", "tenacity.retry")
        for name in (
            "retry_if_exception_type",
            "retry_if_not_exception_type",
            "retry_unless_exception_type",
            "retry_if_exception_cause_type",
        )
    },
    "backoff.on_exception": (1, "exception"),
    "pytest.raises": (0, "expected_exception"),
    "contextlib.suppress": (None, None),
}
# Decorators of other libraries that call the function they wrap with the arguments they are
# given, so a keyword added to a call reaches it as it is (ML118 writes the thinking switch in
# the calls filling a `**kwargs` wrapper: `rules/thinking_kwargs.py`): backoff 2.2.1
# `on_exception` / `on_predicate` (backoff/_sync.py: `ret = target(*args, **kwargs)`), tenacity
# 9.2.1 `retry` (tenacity/__init__.py `Retrying.__call__`: `result = fn(*args, **kwargs)`),
# bare or called (read in the installed wheels, 2026-12-07).
ARGUMENT_KEEPING_DECORATORS = frozenset(
    {"backoff.on_exception", "backoff.on_predicate", "tenacity.retry"}
)
# openai.error classes that openai<1.0 also exported as `openai.X` (openai/__init__.py,
# 0.28.1: `from openai.error import APIError, InvalidRequestError, OpenAIError`) and that
# openai>=1.0 does not have under that name (its APIError and OpenAIError are other classes).
LEGACY_TOP_LEVEL_ERRORS = frozenset({"InvalidRequestError"})
# The openai>=1.0 exception classes -> their base (openai/_exceptions.py). In openai<1.0 every
# class of openai.error derived from OpenAIError directly, so none caught another's errors.
V1_ERROR_BASES: dict[str, str] = {
    "APIError": "OpenAIError",
    "APIStatusError": "APIError",
    "APIConnectionError": "APIError",
    "APITimeoutError": "APIConnectionError",
    "APIResponseValidationError": "APIError",
    "BadRequestError": "APIStatusError",
    "AuthenticationError": "APIStatusError",
    "PermissionDeniedError": "APIStatusError",
    "NotFoundError": "APIStatusError",
    "ConflictError": "APIStatusError",
    "UnprocessableEntityError": "APIStatusError",
    "RateLimitError": "APIStatusError",
    "InternalServerError": "APIStatusError",
}
# The modules that export them: `openai.RateLimitError`, `openai._exceptions.RateLimitError`.
V1_ERROR_MODULES = frozenset({"openai", "openai._exceptions"})
# The parameters of the openai>=1.0 exception constructors, as written in their `__init__`
# (openai/_exceptions.py, read in the installed openai 3.57.0); a class absent here takes its
# nearest base's (V1_ERROR_BASES). Parameters before "*" may be positional; a trailing "="
# marks a default. OpenAIError is a plain Exception: anything goes.
V1_ERROR_SIGNATURES: dict[str, tuple[str, ...]] = {
    "APIError": ("message", "request", "*", "body"),
    "APIStatusError": ("message", "*", "response", "body"),
    "APIResponseValidationError": ("response", "body", "*", "message="),
    "APIConnectionError": ("*", "message=", "request"),
    "APITimeoutError": ("request",),
}
# openai>=1.0 exceptions that are a plain Exception: any positional arguments, no keyword
# (`openai.OpenAIError(message="x")`: "TypeError: OpenAIError() takes no keyword arguments",
# checked with the installed openai 3.63.0). openai<1.0's took `message=` first, then
# `http_body=`, `http_status=`, `json_body=`, `headers=`, `code=` (openai/error.py, 0.28.1).
V1_PLAIN_ERRORS = frozenset({"OpenAIError"})
LEGACY_ERROR_MESSAGE = "message"
# Classes that set their message themselves, whatever they are given: APITimeoutError passes
# `message="Request timed out."` up, so `APITimeoutError("x")` keeps "x" as its `.request`
# (openai 3.60.0 and later read the request's headers there: AttributeError).
V1_ERROR_FIXED_MESSAGES: dict[str, str] = {"APITimeoutError": "Request timed out."}
# The class openai>=1.0 raises for an HTTP status (`_make_status_error` in openai/_client.py);
# 500 and above raise InternalServerError, any other status APIStatusError itself.
V1_STATUS_ERRORS: dict[int, str] = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
}


def status_error(status: int) -> str:
    """The openai>=1.0 exception class raised for an HTTP error `status`."""
    if status in V1_STATUS_ERRORS:
        return V1_STATUS_ERRORS[status]
    return "InternalServerError" if status >= 500 else "APIStatusError"


@dataclass(frozen=True)
class ErrorKind:
    """One error the OpenAI API answers with a text and code that programs test (ML119).

    `messages`: OpenAI's texts, `{...}` standing for what varies (a number, a model);
    `codes`: its `error.code` values; `types`: `error.type` values that name only this error;
    `words`: single words that, tested alone in a handler of openai errors, mean this error.
    """

    meaning: str
    status: int
    messages: tuple[str, ...]
    codes: tuple[str, ...]
    types: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


# OpenAI's errors by the name provider files use for them (`[errors.<name>]`). The texts are
# the API's own, as reported in error output over the years (chat, legacy completions).
OPENAI_ERRORS: dict[str, ErrorKind] = {
    "context_length": ErrorKind(
        "a prompt over the model's context window",
        400,
        (
            "This model's maximum context length is {n} tokens. However, your messages "
            "resulted in {n} tokens. Please reduce the length of the messages.",
            "This model's maximum context length is {n} tokens. However, you requested {n} "
            "tokens ({n} in the messages, {n} in the completion). Please reduce the length of "
            "the messages or completion.",
            "This model's maximum context length is {n} tokens, however you requested {n} "
            "tokens ({n} in your prompt; {n} for the completion). Please reduce your prompt; "
            "or completion length.",
        ),
        ("context_length_exceeded",),
        words=("context",),
    ),
    "quota": ErrorKind(
        "an account out of credit",
        429,
        ("You exceeded your current quota, please check your plan and billing details.{more}",),
        ("insufficient_quota",),
        types=("insufficient_quota",),
        words=("quota", "billing"),
    ),
    "rate_limit": ErrorKind(
        "a request over the rate limit",
        429,
        (
            "Rate limit reached for {model} in organization {org} on {limit}: Limit {n}, Used "
            "{n}, Requested {n}. Please try again in {t}.{more}",
        ),
        ("rate_limit_exceeded",),
    ),
    "invalid_key": ErrorKind(
        "a request with a wrong API key",
        401,
        (
            "Incorrect API key provided: {key}. You can find your API key at "
            "https://platform.openai.com/account/api-keys.",
        ),
        ("invalid_api_key",),
    ),
    "model_not_found": ErrorKind(
        "a model that does not exist",
        404,
        (
            "The model `{model}` does not exist or you do not have access to it.",
            "The model: `{model}` does not exist",
        ),
        ("model_not_found",),
    ),
}

# Attributes of openai<1.0 exceptions that openai>=1.0 exceptions lack (openai-python 0.28.1
# error.py; v1 _exceptions.py) -> (what a v1 APIStatusError offers instead, or None when
# nothing says the same; advice for a person). v1's `body` is the inner `error` object of the
# response JSON, v0's `json_body` the whole document; v1's `message` is "Error code: N - ...".
# `{e}` stands for the name the handler binds.
LEGACY_ERROR_ATTRIBUTES: dict[str, tuple[str | None, str]] = {
    "http_status": ("status_code", "the HTTP status is {e}.status_code"),
    "headers": ("response.headers", "the response headers are {e}.response.headers"),
    "http_body": ("response.text", "the raw body is {e}.response.text"),
    "json_body": (
        None,
        '{e}.body is the inner error object (v0\'s {e}.json_body["error"]); the whole document '
        "is {e}.response.json()",
    ),
    "user_message": (
        None,
        "v1's {e}.message is \"Error code: N - <body>\"; the API's own message is "
        '{e}.body.get("message") when {e}.body is a dict',
    ),
    "_message": (
        None,
        "v1's {e}.message is \"Error code: N - <body>\"; the API's own message is "
        '{e}.body.get("message") when {e}.body is a dict',
    ),
    "error": (None, "{e}.body holds the error object as a dict (message, type, param, code)"),
    "organization": (None, 'the organization is {e}.response.headers.get("openai-organization")'),
}
# `e.json_body["error"]` is exactly v1's `e.body` on an API status error.
LEGACY_ERROR_BODY_KEY = "error"

# openai<1.0 methods whose v1 form lives under another resource (engines were models).
LEGACY_METHOD_PATHS: dict[tuple[str, str], str] = {
    ("Engine", "list"): "models.list",
    ("Engine", "retrieve"): "models.retrieve",
}
# openai<1.0 methods whose v1 counterpart returns something else: left to a person, with the
# v1 code to write (File.download returned bytes; files.content returns a response object).
LEGACY_METHODS_BY_HAND: dict[tuple[str, str], str] = {
    ("File", "download"): "client.files.content(file_id).content",
}
# Parameters openai<1.0 methods took by position (openai-python v0.28.1, api_resources/*.py);
# their v1 forms take them by keyword only. Positions after these were the per-request
# credentials (api_key, api_base, api_type, api_version, organization).
LEGACY_POSITIONAL_PARAMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Audio", "transcribe"): ("model", "file"),
    ("Audio", "translate"): ("model", "file"),
    ("Image", "create_variation"): ("image",),
    ("Image", "create_edit"): ("image", "mask"),
    ("Moderation", "create"): ("input", "model"),
    ("File", "create"): ("file", "purpose"),
}
# openai<1.0 methods whose first positional argument is the object's id, which the v1 method
# also takes by position (`client.files.retrieve(file_id)`).
LEGACY_ID_METHODS = frozenset(
    {"retrieve", "delete", "cancel", "download", "list_events", "stream_events"}
)
# openai<1.0 call arguments renamed in v1 that are only renamed as call keywords or in a dict
# spread into a legacy call (`headers` is too common a dict key to rename elsewhere).
LEGACY_CALL_RENAMED_KWARGS = {"headers": "extra_headers"}
# The arguments that give a request its headers (openai<1.0's `headers=`, v1's
# `extra_headers=`) and a v1 client the headers of every request it makes.
REQUEST_HEADER_KWARGS = frozenset({"headers", "extra_headers"})
CLIENT_HEADER_KWARGS = frozenset({"default_headers"})
# openai<1.0 call arguments it sent as a request header (api_requestor.py); v1 takes the header
# in extra_headers=.
LEGACY_HEADER_KWARGS = {"request_id": "X-Request-Id"}
# Per-request credentials of openai<1.0 calls -> the `client.with_options(...)` argument that
# carries them for one request in v1 (api_type and api_version have none: Azure clients).
LEGACY_REQUEST_OPTIONS = {
    "api_key": "api_key",
    "organization": "organization",
    "api_base": "base_url",
}

# openai<1.0 coroutine methods; their v1 form is the same method without the leading "a",
# called on an AsyncOpenAI client.
ASYNC_LEGACY_METHODS = frozenset(
    {
        "acreate",
        "acreate_variation",
        "acreate_edit",
        "atranscribe",
        "atranslate",
        "alist",
        "aretrieve",
        "adelete",
    }
)

# openai<1.0's coroutine methods written on an openai>=1.0 client's resource
# (`aclient.chat.completions.acreate`, `client.images.acreate`): (v1 resource path, method)
# -> the v1 method that request is (openai-python 1.x resources; v1 has no `a...` methods, so
# each raises AttributeError). An AsyncOpenAI client's method returns the coroutine the v0 one
# did (ML302).
V1_FORMS_OF_ASYNC_LEGACY: dict[tuple[str, str], str] = {
    ("chat.completions", "acreate"): "create",
    ("completions", "acreate"): "create",
    ("embeddings", "acreate"): "create",
    ("moderations", "acreate"): "create",
    ("images", "acreate"): "generate",
    ("images", "acreate_variation"): "create_variation",
    ("images", "acreate_edit"): "edit",
    ("audio", "atranscribe"): "transcriptions.create",
    ("audio", "atranslate"): "translations.create",
    ("audio.transcriptions", "acreate"): "create",
    ("audio.transcriptions", "atranscribe"): "create",
    ("audio.translations", "acreate"): "create",
    ("audio.translations", "atranslate"): "create",
    ("files", "acreate"): "create",
    ("files", "alist"): "list",
    ("files", "aretrieve"): "retrieve",
    ("files", "adelete"): "delete",
    ("models", "alist"): "list",
    ("models", "aretrieve"): "retrieve",
    ("models", "adelete"): "delete",
    ("fine_tuning.jobs", "acreate"): "create",
    ("fine_tuning.jobs", "alist"): "list",
    ("fine_tuning.jobs", "aretrieve"): "retrieve",
}

# The methods of a chat resource that send a request body the provider's `extra_body` entries
# go in (`create`, openai<1's `acreate`, `chat.completions.stream`).
BODY_METHODS = frozenset({"create", "acreate", "stream"})
# the methods of a resource that send a request (`client.chat.completions.parse(...)` too)
REQUEST_METHODS = frozenset({"create", "parse", "stream", "acreate"})
# The methods whose uncalled reference to a client's resource ML101 reads as that request:
# handed to a helper that calls it (`self._call(self.client.responses.create, params)`,
# DocsGPT's tool fallback), stored or returned as a callback (`self.send =
# client.embeddings.create`).
REFERENCED_REQUEST_METHODS = REQUEST_METHODS | frozenset({"generate", "edit", "create_variation"})

# Functions that call the function handed to them with the arguments they are given, by
# qualified name, with where those arguments are: "returned", to the call of what they
# return (asgiref's `await sync_to_async(client.audio.translations.create)(model=m, file=f)`,
# khoj's whisper.py, t55a D2); "after", after the function in the same call
# (`asyncio.to_thread(client.chat.completions.create, model=m)`, `functools.partial(
# client.embeddings.create, model=m)`). Such a call of an SDK method is that method's
# request, with those arguments (`PythonContext.wrapped_method`).
CALL_WRAPPERS = {
    "asgiref.sync.sync_to_async": "returned",
    "asgiref.sync.async_to_sync": "returned",
    "asyncio.to_thread": "after",
    "functools.partial": "after",
}
# Their last names, which a call must end with to be looked at
CALL_WRAPPER_NAMES = frozenset(name.rpartition(".")[2] for name in CALL_WRAPPERS)
# An event loop's method calling the function it is given second with the positional
# arguments after it (`loop.run_in_executor(None, client.audio.translations.create, f)`):
# it takes no keyword to hand on, so the method is only reported where the provider lacks
# its API (ML101), not read as a request with arguments; `run_in_executor(None,
# functools.partial(client.x.create, ...))` is the partial's request.
EXECUTOR_METHOD = "run_in_executor"

# The first openai release whose request method takes a keyword a rule writes or advises, for
# those that older 1.x releases reject (`TypeError: ... got an unexpected keyword argument`).
# Below it, `dimensions=` and `reasoning_effort=` go in the request's `extra_body`
# (EXTRA_BODY), which every 1.x release takes (openai-1.1.0's resources/embeddings.py and
# resources/chat/completions.py name it); ML112 leaves `max_tokens=` unrenamed (ML504 raises
# such a pin where it may). Checked on the wheels on PyPI (`pip download --no-deps`):
# - `max_completion_tokens=` of `chat.completions.create()` (ML112; 2026-12-05):
#   openai/resources/chat/completions.py of 1.44.1 never names it, 1.45.0's does (22
#   times); the changelog of 1.45.0 (2024-09-12) reads "api: add o1 models (#1708)"
#   (https://github.com/openai/openai-python/releases/tag/v1.45.0);
# - `dimensions=` of `embeddings.create()` (ML114; 2026-12-07): 1.9.0's
#   resources/embeddings.py names "dimensions" only in a docstring (TypeError), 1.10.0's
#   takes it (https://github.com/openai/openai-python/releases/tag/v1.10.0);
# - `reasoning_effort=` of `chat.completions.create()` (ML507; 2026-12-07): 1.57.4's
#   resources/chat/completions.py never names it, 1.58.0's does (17 times)
#   (https://github.com/openai/openai-python/releases/tag/v1.58.0).
DIMENSIONS, REASONING_EFFORT, EXTRA_BODY = "dimensions", "reasoning_effort", "extra_body"
MAX_COMPLETION_TOKENS = "max_completion_tokens"
KEYWORD_SINCE = {
    MAX_COMPLETION_TOKENS: (1, 45, 0),
    DIMENSIONS: (1, 10, 0),
    REASONING_EFFORT: (1, 58, 0),
}

# The lowest release of a package that openai 1.0.0, the first release an `openai>=1`
# requirement admits, requires: its wheel's `Requires-Dist` (openai-1.0.0-py3-none-any.whl
# METADATA, `pip download --no-deps openai==1.0.0`, 2026-12-07): `typing-extensions<5,>=4.5`,
# `pydantic<3,>=1.9.0`, `anyio<4,>=3.5.0`. Later releases ask as much or more (1.45.0's
# METADATA: typing-extensions>=4.11; github.com/openai/openai-python pyproject.toml at 2.6.0:
# >=4.10; 3.63.0's, installed in the dev venv: >=4.14, pydantic>=1.10.13, anyio>=4.10.0), so a
# requirement admitting none of these releases admits no openai>=1 release: pip stops with
# ResolutionImpossible (ML504; generative_agents' `typing-extensions==4.0.0`, t62e). Not
# httpx, distro, tqdm or sniffio: 1.0.0 requires httpx>=0.23.0, distro>=1.7.0, tqdm>4 and
# sniffio (no version), but 3.63.0 requires none of them (httpx2 instead of httpx), and pip
# then picks such a release. Keys as `formats.requirements.normalize` writes package names.
OPENAI_V1_DEPENDENCY_FLOORS: dict[str, str] = {
    "typing-extensions": "4.5.0",
    "pydantic": "1.9.0",
    "anyio": "3.5.0",
}

# Every method of the openai<1.0 resource classes, sync and async (api_resources/*.py, 0.28.1).
LEGACY_METHODS = (
    LEGACY_ID_METHODS
    | {
        "create",
        "list",
        "create_variation",
        "create_edit",
        "transcribe",
        "translate",
    }
    | ASYNC_LEGACY_METHODS
)

# Tests code makes of the installed SDK to run its openai<1.0 code only there (read by
# rules/version_gates.py). Functions telling openai>=1.0, by last name: LangChain's,
# llama-index's and pandas-ai's `is_openai_v1()`, openllmetry's and keywordsai's
# `_is_openai_v1()`.
V1_TEST_FUNCTIONS = frozenset({"is_openai_v1", "_is_openai_v1", "is_v1", "_is_v1"})
# `hasattr(openai, "OpenAI")`: the client classes only openai>=1.0 has.
V1_ONLY_ATTRIBUTES = frozenset({"OpenAI", "AsyncOpenAI"})
# The installed version, compared with "1.0.0" as a string or through a version parser.
VERSION_ATTRIBUTES = frozenset({"openai.__version__", "openai.version.VERSION"})
VERSION_PARSERS = frozenset({"parse", "Version"})  # packaging.version
# The calls reading an installed distribution's version (`importlib.metadata.version("openai")`,
# also `from importlib import metadata; metadata.version(...)`), compared as the attributes are.
VERSION_READERS = frozenset({"importlib.metadata.version", "importlib_metadata.version"})
V1_VERSION_LITERALS = frozenset({"1", "1.0", "1.0.0"})

# openai<1.0 module configuration `apply` moves onto a client: attribute -> client argument.
CONFIG_TO_CLIENT = {"api_key": "api_key", "api_base": "base_url", "organization": "organization"}

# Per-request credentials and endpoint of openai<1.0 calls; v1 takes them on the client.
LEGACY_REQUEST_KWARGS = frozenset(
    {"api_key", "api_base", "api_type", "api_version", "organization"}
)
# openai<1.0 call arguments renamed in v1.
LEGACY_RENAMED_KWARGS = {"request_timeout": "timeout"}
# openai<1.0 resources whose create()/acreate() took `timeout=` as the time to keep retrying
# while the model warmed up (HTTP 409, TryAgain), never sending it and never limiting the
# request (that was `request_timeout=`); v1's `timeout=` limits the request itself
# (openai-python 0.28.1, api_resources/abstract/engine_api_resource.py and the resources).
LEGACY_RETRY_TIMEOUT_RESOURCES = frozenset({"ChatCompletion", "Completion", "Embedding", "Edit"})

# Keyword arguments of legacy calls that name a model by another name.
LEGACY_MODEL_KWARGS = frozenset({"engine", "deployment_id"})
# openai<1.0 request arguments -> what a v1 request takes instead (ML304).
V1_INSTEAD = {
    **{name: "pass the model as model=" for name in LEGACY_MODEL_KWARGS},
    **{name: f"pass {new}=" for name, new in LEGACY_RENAMED_KWARGS.items()},
    **{name: f"pass {new}=" for name, new in LEGACY_CALL_RENAMED_KWARGS.items()},
    **{
        name: f'pass extra_headers={{"{header}": ...}}'
        for name, header in LEGACY_HEADER_KWARGS.items()
    },
    **{name: "set it on the client" for name in LEGACY_REQUEST_KWARGS},
}

# Client constructor keywords that carry credentials or endpoint settings.
ENDPOINT_KWARGS = ("api_key", "base_url", "organization", "project")
# The Azure client's keyword naming the deployment every request of the client goes to (the
# SDK puts it in the path: `/openai/deployments/{azure_deployment}/...`).
AZURE_DEPLOYMENT_KWARG = "azure_deployment"
AZURE_KWARGS = (
    "azure_endpoint",
    AZURE_DEPLOYMENT_KWARG,
    "api_version",
    "azure_ad_token",
    "azure_ad_token_provider",
)

# Keywords by which a program hands its own client code (a class or function of the project
# wrapping an SDK client) a base URL and a key (ML007).
PASSED_URL_KEYWORDS = ("base_url", "api_base", "openai_api_base", "openai_base_url")
PASSED_KEY_KEYWORDS = ("api_key", "openai_api_key")

# Client arguments that route or authenticate the client themselves, which the SDK refuses
# beside a top-level `api_key` / `base_url` (openai 3.60 lib/_client_auth.py: "`provider`
# cannot be combined with top-level ...", "The `api_key` and `workload_identity` arguments are
# mutually exclusive"): what each stands for, in messages.
SELF_ROUTED_KWARGS = {
    "provider": "routes the client through another cloud (`openai.providers`: `bedrock()`)",
    "workload_identity": "authenticates the client to OpenAI with a workload identity",
}
# Where such a client's requests go, in messages on what it sends (its models stay with it).
SELF_ROUTED_TO = {"provider": "the cloud its provider= names", "workload_identity": "OpenAI"}

# Modules of the openai package that openai 1.0 removed with nothing in their place
# (openai-python v1.0.0: `openai.embeddings_utils` and `openai.datalib` are gone; see its
# v1 migration guide, github.com/openai/openai-python/discussions/742): a module importing
# one runs on openai<1 only, which reads `openai.api_base`, not `openai.base_url` (ML103),
# and its helpers send their requests with the module settings (ML301). Each -> what
# openai>=1.0 code writes instead of the names it held (0.28.1's embeddings_utils.py and
# datalib/), "" for the module as a whole (ML302).
V0_ONLY_MODULES: dict[str, dict[str, str]] = {
    "openai.embeddings_utils": {
        "": "use client.embeddings.create(input=..., model=...) for its embedding helpers, "
        "numpy for cosine_similarity",
        "get_embedding": "client.embeddings.create(input=[text], model=...).data[0].embedding",
        "get_embeddings": "[d.embedding for d in client.embeddings.create(input=texts, "
        "model=...).data]",
        "aget_embedding": "(await aclient.embeddings.create(input=[text], model=...))"
        ".data[0].embedding",
        "aget_embeddings": "[d.embedding for d in (await aclient.embeddings.create("
        "input=texts, model=...)).data]",
        "cosine_similarity": "np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)) (numpy)",
        "distances_from_embeddings": "[scipy.spatial.distance.cosine(query, e) for e in "
        "embeddings] (or cityblock, euclidean, chebyshev)",
        "indices_of_nearest_neighbors_from_distances": "np.argsort(distances) (numpy)",
        "pca_components_from_embeddings": "sklearn.decomposition.PCA(n_components)"
        ".fit_transform(np.array(embeddings))",
        "tsne_components_from_embeddings": "sklearn.manifold.TSNE(n_components)"
        ".fit_transform(np.array(embeddings))",
        "chart_from_components": "plotly.express.scatter(...)",
        "chart_from_components_3D": "plotly.express.scatter_3d(...)",
        "plot_multiclass_precision_recall": "sklearn.metrics.precision_recall_curve(...) with "
        "matplotlib",
    },
    "openai.datalib": {
        "": "import numpy and pandas themselves",
        "numpy_helper": "import numpy",
        "pandas_helper": "import pandas",
    },
}
# The openai<1.0 module settings that decide where its requests go and the key they carry
# (api_requestor.py, 0.28.1): code still running on openai<1 needs them (ML301).
LEGACY_ROUTE_CONFIG = frozenset({"api_key", "api_key_path", "api_base", "api_type", "api_version"})

# Client arguments that identify an OpenAI account and mean nothing to another provider.
ACCOUNT_KWARGS = frozenset({"organization", "project"})
# The variables a v1 client reads those from where it is given none (or None), and the header
# it sends each in with every request, to whatever base URL it has (openai 3.63.0
# lib/_client_auth.py `os.environ.get("OPENAI_ORG_ID")`, _client.py `default_headers`;
# the same since 1.0). Given `""` it still sends the header, empty; only
# `default_headers={header: openai.Omit()}`, outside the argument's type `Mapping[str, str]`,
# leaves it out (tests/test_account_headers.py): so apply writes neither, and a setting of
# the variable is to be removed (ML501).
ACCOUNT_ENV_HEADERS: dict[str, tuple[str, str]] = {
    "OPENAI_ORG_ID": ("organization", "OpenAI-Organization"),
    "OPENAI_PROJECT_ID": ("project", "OpenAI-Project"),
}

# Content parts that put an image in a request: chat's `{"type": "image_url", ...}` and the
# Responses API's `{"type": "input_image", ...}`. Such a request needs a model that takes images.
IMAGE_CONTENT_TYPES = frozenset({"image_url", "input_image"})
# A word in a model setting's name that says it picks the model for images (`VISION_MODEL`,
# MetaGPT's `MULTI_MODAL_MODELS`).
IMAGE_SETTING_WORDS = ("vision", "multimodal", "multi_modal", "multi-modal")
# A name that says its models read no images (`TEXT_ONLY_MODELS`, `non_vision`, `NoImageModels`),
# which wins over IMAGE_SETTING_WORDS (`no_vision` holds `vision` too).
TEXT_ONLY_NAME = re.compile(
    r"(?<![a-z])(?:text_?only|non?_?(?:vision|images?|multimodal)|not_?(?:vision|multimodal)"
    r"|without_?(?:vision|images?))"
)
# A flag's name that says its model takes images without a word of IMAGE_SETTING_WORDS
# (`supports_images`, Cline's `supportsImages`, `image_input`): read beside a model, switched on.
IMAGE_FLAG_NAME = re.compile(
    r"(?:supports?|accepts?|takes?|reads?)_?images?(?:_?inputs?)?|images?_?inputs?"
)

# Request parameters code may set by whether a model is in a list of models: a list named
# with the words (`SUPPORT_REASONING_EFFORT_MODELS`, `NO_SUPPORT_TEMPERATURE_MODELS`), or one
# an `if` tests before the parameter is set or left out, gates it (ML205). Parameter -> (the
# words of such a name, the values code written for OpenAI may send): the list gains the
# provider's model only where the provider's file says that model takes the parameter and
# each of those values. reasoning_effort: low, medium and high are what every OpenAI
# reasoning model takes (o1, o3, o4-mini; gpt-5 adds minimal), medium by default.
GATED_PARAMETERS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "reasoning_effort": (frozenset({"reasoning", "effort"}), ("low", "medium", "high")),
    "temperature": (frozenset({"temperature"}), ()),
    "top_p": (frozenset({"top", "p"}), ()),
}
# The names of one request parameter that OpenAI's models take apart, by the provider file's
# `[params]` entry saying which a provider takes: OpenAI's reasoning models and the gpt-5
# family take only max_completion_tokens, the others max_tokens, so code picks the name by a
# test of the model (mem0's `_uses_max_completion_tokens`: `model.startswith("gpt-5")`).
PARAMETER_NAMES: dict[str, tuple[str, ...]] = {
    "max_tokens_param": ("max_tokens", "max_completion_tokens"),
}
# Functions that look a model up in a table keyed by OpenAI's models and fail for another's:
# a model-family check whose branch for the models passing it calls one, and whose other
# branch handles the models it does not know (returns, does not raise), guards that lookup,
# and is right as it is (ML205: accepting the provider's models would reach the table with
# a model it lacks). Name -> what the table holds. langchain_community 0.2.19
# callbacks/openai_info.py `get_openai_token_cost_for_model` (L163-184) looks the model up in
# `MODEL_COST_PER_1K_TOKENS` (L10) and raises ValueError "Unknown model" (L180) for another
# (gpt-engineer's `usage_cost`, t47e).
GUARDED_USES: dict[str, str] = {
    "get_openai_token_cost_for_model": "OpenAI's price table",
}
# Words of such a name saying its members are the models sent no such parameter
# (`NO_SUPPORT_TEMPERATURE_MODELS`): whether the provider takes it does not matter then.
GATE_NEGATIONS = frozenset({"no", "not", "non", "without", "unsupported"})
# Words of a list's name saying it sorts out models whose requests the code builds apart
# (mem0's `reasoning_models`, sent no temperature; `is_reasoning(model)`).
GATING_KINDS = ("reasoning", "reasoner", "thinking")

# Variables whose reads `apply` points at the provider's key and base-URL variables: the
# SDKs' own, and `OPENAI_API_BASE_URL`, a name programs give OpenAI's base URL themselves
# (self-operating-computer: `client.base_url = os.getenv("OPENAI_API_BASE_URL", ...)`).
KEY_VARS_TO_SWITCH = frozenset({"OPENAI_API_KEY", "AZURE_OPENAI_API_KEY"})
# Callables a program wraps a key in before handing it to a client, which give it on as it is
# (pydantic's `SecretStr(key)`, LangChain's classes take one): the key is what they are given.
KEY_WRAPPERS = frozenset({"SecretStr", "str"})
# ... of which Azure OpenAI's is switched only for an Azure OpenAI target: elsewhere a client
# left on Azure may read it, and the provider's key would go to Azure (pandas-ai's AzureOpenAI).
AZURE_KEY_VAR = "AZURE_OPENAI_API_KEY"


def switched_key_vars(azure: bool) -> frozenset[str]:
    """OpenAI's key variables whose reads ML401 points at the target's key variable, for an
    Azure OpenAI target (`azure`) or another."""
    return KEY_VARS_TO_SWITCH if azure else KEY_VARS_TO_SWITCH - {AZURE_KEY_VAR}


BASE_URL_VARS_TO_SWITCH = frozenset({"OPENAI_BASE_URL", "OPENAI_API_BASE", "OPENAI_API_BASE_URL"})
# Other names programs give OpenAI's key and base URL whose spelling alone says which: their
# reads are switched as those above (`rules.env_roles`; PentestGPT's README has users export
# OPENAI_BASEURL, read as `os.getenv("OPENAI_BASEURL", "https://api.openai.com/v1")`).
KEY_VAR_SPELLINGS = frozenset({"OPENAI_KEY", "OPENAI_APIKEY", "OPENAI_SECRET_KEY"})
BASE_URL_VAR_SPELLINGS = frozenset({"OPENAI_BASEURL", "OPENAI_API_BASEURL"})
# Words (between `_`) of an `OPENAI_*` name that keep it from holding OpenAI's key or base URL
# by its use or its default (`rules.env_roles`): the other role's words, and those of an
# account, a proxy or an API version (`OPENAI_ORG` given as `api_key=` is a mistake, not a key).
_NOT_ROLE_WORDS = frozenset(
    {"ORG", "ORGANIZATION", "PROJECT", "PROXY", "VERSION", "TYPE", "PATH", "FILE", "DIR"}
)
ROLE_EXCLUDING_WORDS: dict[str, frozenset[str]] = {
    "key": _NOT_ROLE_WORDS | {"URL", "BASE", "BASEURL", "ENDPOINT", "HOST", "PORT"},
    "base_url": _NOT_ROLE_WORDS | {"KEY", "KEYS", "APIKEY", "TOKEN", "SECRET"},
}
# A program's own variable holding OpenAI's key by its name: OPENAI_API_KEY, OPENAI_KEY or
# OPENAI_TOKEN with words around it (bilingual_book_maker's `BBM_OPENAI_API_KEY`,
# `MYAPP_OPENAI_KEY`, `OPENAI_API_KEY_2`); not OpenAI's own variable, nor Azure's
# (`AZURE_OPENAI_KEY`), and not one whose other words say it holds something else
# (`OPENAI_API_KEY_FILE`, `OPENAI_TOKEN_LIMIT`).
OPENAI_KEY_ALIAS = re.compile(
    r"^(?:(?P<before>[A-Z0-9_]*[A-Z0-9])_)?OPENAI_(?:API_KEY|KEY|TOKEN)"
    r"(?:_(?P<after>[A-Z0-9_]*[A-Z0-9])|[0-9]+)?$"
)
NOT_KEY_WORDS = frozenset(
    {
        "AZURE",
        "BASE",
        "BUDGET",
        "COUNT",
        "DIR",
        "ENV",
        "FILE",
        "HEADER",
        "ID",
        "LEN",
        "LENGTH",
        "LIMIT",
        "LIMITS",
        "MAX",
        "MIN",
        "NAME",
        "PATH",
        "SOURCE",
        "TYPE",
        "URL",
        "VAR",
        "VARIABLE",
    }
)

# The words of a name (split at `_` and case changes) that say it holds or picks an API key
# (`api_key`, `keys`, gpt_academic's `is_openai_api_key()`), and those that say a `key` of it
# is something else (a dict's key, a cache's, a sort's): a model-family check whose branch
# reads such a name picks the key its models are sent with (ML205, `request_picks.key_pick`).
KEY_PICK_WORDS = frozenset({"key", "keys", "apikey", "apikeys"})
NOT_SECRET_KEY_WORDS = frozenset(
    {"cache", "sort", "dict", "map", "lookup", "primary", "foreign", "model", "name", "env"}
)

# A regular expression (as written in the program, or the source text around it) that tests a
# value for OpenAI's key format: `sk-` or `sk-proj-`, then a character class (`[A-Za-z0-9_-]`,
# `\w`, `\S`, `.`) with a count or `+` (`sk-[a-zA-Z0-9]{48}$`, `^sk-proj-\w+`). ML405. The part
# after the `sk-` stands apart: the prefilter looks for the `sk-` first.
KEY_FORMAT_AFTER_SK = r"(?:proj-)?(?:\[[^\]\n]+\]|\\{1,2}[wS]|\.)(?:\{\d+(?:,\d*)?\}|\+)"
KEY_FORMAT = re.compile(r"(?<![\w-])sk-" + KEY_FORMAT_AFTER_SK)
# The prefixes of OpenAI's keys (`sk-`, project keys `sk-proj-`, service-account and admin
# keys): a `key.startswith("sk-")` test, `key[:3] == "sk-"` or `"sk-" in key` gates the key on
# OpenAI's format (ML405, Streamlit's LangChain quickstart). Another vendor's `sk-ant-` is not
# one of them.
OPENAI_KEY_PREFIXES = ("sk-", "sk-proj-", "sk-svcacct-", "sk-admin-")
# Words of a comment asking for OpenAI's key (`# your OpenAI API key`, `OPENAI_KEY`, the key page
# platform.openai.com/api-keys); not `OpenAI-compatible`, which any provider's key serves. ML502,
# beside a provider's base URL. `KEY_ASK_WORDS`: what a text holding one holds, lowercased.
KEY_ASK = re.compile(
    r"(?i)\bopen[ _-]?ai(?:'s)?[ _-]*(?:api[ _-]*)?(?:secret[ _-]*)?keys?\b"
    r"|platform\.openai\.com/(?:account/)?api-keys"
)
KEY_ASK_WORDS = ("openai", "open ai", "open-ai", "open_ai")
# Words naming a vendor whose keys also start with `sk-` (Anthropic's `sk-ant-`): a test of a
# key named so is not of the key that goes to the provider.
OTHER_SK_KEY_WORDS = re.compile(r"anthropic|claude", re.IGNORECASE)
# The `re` functions that test a value against a pattern given as their first argument, and
# how a compiled pattern is most often used (`re.compile(P).match(key)`).
KEY_TEST_FUNCTIONS = {
    "re.match": "match",
    "re.fullmatch": "fullmatch",
    "re.search": "search",
    "re.compile": "match",
}

# Environment variables the openai SDK reads (v1: its clients, Azure's, logging, webhooks, admin
# keys; openai<1.0: `openai/__init__.py`) and those libraries built on it read by OpenAI's names
# (LangChain's OPENAI_PROXY). Any other `OPENAI_*` variable a program reads is its own setting
# (`OPENAI_TIMEOUT`), which nothing sends to OpenAI, unless its name says it holds something
# of OpenAI's (`OPENAI_VALUE_WORDS`).
SDK_ENV_VARS = frozenset(
    {
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "OPENAI_ORG_ID",
        "OPENAI_PROJECT_ID",
        "OPENAI_ADMIN_KEY",
        "OPENAI_WEBHOOK_SECRET",
        "OPENAI_CUSTOM_HEADERS",
        "OPENAI_LOG",
        "OPENAI_API_VERSION",
        "OPENAI_API_TYPE",
        "AZURE_OPENAI_API_KEY",
        "AZURE_OPENAI_ENDPOINT",
        "AZURE_OPENAI_AD_TOKEN",
        # openai<1.0
        "OPENAI_API_BASE",
        "OPENAI_ORGANIZATION",
        "OPENAI_API_KEY_PATH",
        # LangChain's ChatOpenAI / OpenAIEmbeddings
        "OPENAI_PROXY",
    }
)
# Words (between `_`, `-`, `.`) of a keyword, dict entry, attribute, function or variable that
# say it sets an HTTP proxy (`httpx.AsyncClient(proxy=...)`, `{"proxies": ...}`, LangChain's
# `openai_proxy=`, `os.environ["HTTPS_PROXY"]`, `builder.proxy_url(...)`): a proxy carries
# whatever the client it is given sends, so the value of OPENAI_PROXY going only there is the
# program's own setting (ML401).
PROXY_WORDS = frozenset({"proxy", "proxies"})
# openai<1.0's `openai.proxy` held one URL or, as requests takes them, a dict of URLs by scheme
# (`{"http": p, "https": p}`). httpx's `proxy=` takes one URL (a dict raises AttributeError on
# httpx 0.28 and 0.29; `proxies=` is gone): per-scheme proxies go in `mounts=`, a transport
# with its own `proxy=` under each URL prefix (ML301's advice).
LEGACY_PROXY_MOUNTS = {"http": "http://", "https": "https://"}
# Methods of a string that give the same setting back (`os.getenv("OPENAI_PROXY", "").strip()`).
SAME_VALUE_METHODS = frozenset({"strip", "rstrip", "lstrip"})
# Words (between `_`) in the name of a program's own `OPENAI_*` variable that say it holds a
# key, an endpoint, an account or a model of OpenAI's: such a value is not the provider's.
OPENAI_VALUE_WORDS = frozenset(
    {
        "KEY",
        "KEYS",
        "APIKEY",
        "TOKEN",
        "SECRET",
        "URL",
        "BASE",
        "ENDPOINT",
        "HOST",
        "PROXY",
        "ORG",
        "ORGANIZATION",
        "PROJECT",
        "MODEL",
        "MODELS",
        "ENGINE",
        "DEPLOYMENT",
    }
)

# ... of which these say it names a model, also inside a word of the name
# (`OPENAI_EMBEDDINGMODEL_DEPLOYMENTID`, `OPENAI_CHATMODEL`): not the provider's model.
OPENAI_MODEL_WORDS = frozenset({"MODEL", "ENGINE", "DEPLOYMENT"})

# Environment variables the SDKs read for the key and for the endpoint (v0 read OPENAI_API_BASE).
KEY_ENV_VARS = frozenset({"OPENAI_API_KEY", "AZURE_OPENAI_API_KEY"})
BASE_URL_ENV_VARS = frozenset({"OPENAI_BASE_URL", "OPENAI_API_BASE", "AZURE_OPENAI_ENDPOINT"})

# Settings readers that look a variable up by the name their first argument gives, as
# `os.environ.get` does, with the default their second argument or `default=` gives:
# python-decouple's `config(option, default=undefined, cast=undefined)` (an `AutoConfig`
# reading the process environment first, then the `.env` or `settings.ini` it finds; it
# does not export `.env` to `os.environ`: python-decouple 3.8, decouple.py).
SETTINGS_READERS = frozenset({"decouple.config"})
# Functions that read one environment variable named by their first argument.
ENV_READERS = (
    frozenset(
        {"os.getenv", "os.environ.get", "os.environ.setdefault", "os.environ.pop", "os.putenv"}
    )
    | SETTINGS_READERS
)
# ... of which these remove it as well: never renamed (the provider's variable would go)
ENV_REMOVERS = frozenset({"os.environ.pop"})
# ... of which these only read it, with the default their second argument gives
ENV_LOOKUPS = frozenset({"os.getenv", "os.environ.get"}) | SETTINGS_READERS
# ... of which these return their second argument (or `default=`) where it is unset: the
# env default ML204 maps (`os.environ.get("OPENAI_MODEL", "gpt-4o")`)
ENV_DEFAULTS = (
    frozenset({"os.getenv", "os.environ.get", "os.environ.setdefault"}) | SETTINGS_READERS
)

# Functions that set one environment variable: name, then value (`os.environ[X] = v` and
# `os.environ.update(...)` are recognised by their shape).
ENV_WRITERS = frozenset({"os.environ.setdefault", "os.putenv"})
ENV_UPDATERS = frozenset({"os.environ.update"})
# Dialogs asking for a line of text, whose text is not their first argument: qualified name
# -> (the position of the text, the keywords of texts shown beside it). prompt_toolkit's
# `input_dialog(title="", text="", ok_text="OK", cancel_text="Cancel", completer=None,
# validator=None, password=False, style=None, default="")` returns an Application whose
# `.run()` returns the text typed, None when cancelled (prompt_toolkit 3.0.53,
# shortcuts/dialogs.py; self-operating-computer's "Please enter your OpenAI API key:", t54a).
PROMPT_DIALOGS: dict[str, tuple[int, tuple[str, ...]]] = {
    f"prompt_toolkit.shortcuts{where}.input_dialog": (1, ("title",)) for where in ("", ".dialogs")
}
# Calls that build a prompt a method of theirs asks (their text, the first argument or
# `message=`, is the question's where the method is given none), by that method:
# prompt_toolkit's `PromptSession(message="", ...)` and its `.prompt(message=None, ...)`
# (prompt_toolkit 3.0 shortcuts/prompt.py); questionary's `password(message, ...)` and
# `text(message, ...)`, which return a `Question` whose `ask()` / `unsafe_ask()` return the
# answer (questionary/prompts/password.py, text.py, question.py); the dialogs above, by `run()`.
PROMPT_BUILDERS: dict[str, tuple[str, ...]] = {
    **{
        f"prompt_toolkit{where}.PromptSession": ("prompt",)
        for where in ("", ".shortcuts", ".shortcuts.prompt")
    },
    "questionary.password": ("ask", "unsafe_ask"),
    "questionary.text": ("ask", "unsafe_ask"),
    **{dialog: ("run",) for dialog in PROMPT_DIALOGS},
}
# Calls whose result is typed by a person at run time: storing it in OPENAI_API_KEY is not
# copying an OpenAI key, so the variable can become the provider's. Each takes its text
# first or by a keyword of PROMPT_TEXT_KEYWORDS: `input(prompt)`, `getpass.getpass(prompt=
# "Password: ")`; the text boxes of web UIs (`frameworks.ui_inputs.TEXT_INPUTS`: Streamlit's
# `text_input(label, ...)`, Gradio's `Textbox(label=...)`); prompt_toolkit's `prompt(message=
# None, *, is_password=...)` (open-interpreter's "OpenAI API key: "); click's `prompt(text,
# default=None, hide_input=False, ...)`, which typer re-exports (typer 0.28 `_click/termui.py`);
# rich's `Prompt.ask(prompt="", *, password=False, ...)` (rich/prompt.py); and a builder's
# method above (`PromptSession().prompt(...)`, `questionary.password(...).ask()`,
# `input_dialog(...).run()`).
PROMPT_READERS = frozenset(
    {
        "getpass.getpass",
        "input",
        "builtins.input",
        # a password box of a web UI (streamlit/llm-examples' "OpenAI API Key")
        *ui.TEXT_INPUTS,
        *(f"prompt_toolkit{where}.prompt" for where in ("", ".shortcuts", ".shortcuts.prompt")),
        "click.prompt",
        "click.termui.prompt",
        "typer.prompt",
        "rich.prompt.Prompt.ask",
        *(
            f"{builder}.{method}"
            for builder, methods in PROMPT_BUILDERS.items()
            for method in methods
        ),
    }
)
# UI widgets whose value must be one of their choices (gradio 5's `Dropdown(choices=None,
# value=None, ...)` and `Radio`: a value outside `choices` is an error unless
# `allow_custom_value=True`, gradio/components/dropdown.py): qualified name -> (the choices'
# keyword, the value's keyword). A model given as both is changed in both or neither.
CHOICE_WIDGETS: dict[str, tuple[str, str]] = {
    f"gradio.{name}": ("choices", "value") for name in ("Dropdown", "Radio")
}
# Menus whose value is one of their options, the first unless the call says otherwise:
# qualified name -> (the options' keyword, its position), (the default's keyword, position).
# Streamlit's `selectbox(label, options, index=0, format_func=str, ...)`, `radio(label,
# options, index=0, ...)` and `select_slider(label, options=(), value=None, ...)` (streamlit
# 1.67.0, elements/widgets/selectbox.py, radio.py, select_slider.py), on the page or the
# sidebar.
MENU_WIDGETS: dict[str, tuple[tuple[str, int], tuple[str, int]]] = {
    f"streamlit.{where}{name}": (("options", 1), (default, 2))
    for where in ("", "sidebar.")
    for name, default in (("selectbox", "index"), ("radio", "index"), ("select_slider", "value"))
}
# A menu's keyword that shows each option through a function the program gives (a table
# keyed by the options, `format_func=LABELS.get`): changed options may show otherwise.
MENU_LABEL_KEYWORDS = ("format_func",)
# Streamlit's prompts whose answer is also kept in session state under the widget's `key=`
# ("k": `st.session_state.k`, `st.session_state["k"]`, `st.session_state.get("k")`;
# streamlit/llm-examples' `text_input("OpenAI API Key", key="api_key")`, then
# `OpenAI(api_key=st.session_state.api_key)`), and that state's object.
STATE_PROMPT_READERS = frozenset(n for n, box in ui.TEXT_INPUTS.items() if box.state_key)
STATE_PROMPT_KEY = "key"
SESSION_STATE = ui.SESSION_STATE
# A prompt's keywords that tell the person what to type, beside its text (prompt_toolkit's
# `prompt(message, placeholder=None)`; a web UI's text box has its own, `TEXT_INPUTS`): read as
# the prompt's text is.
PROMPT_HINT_KEYWORDS = ("help", "placeholder")
# The keywords of any call whose text is prose for people (a field's `description=`, an
# option's `help=`): an OpenAI URL in a sentence there is nothing the program sends (ML402). A
# URL alone is not prose (a project's own `setting(name, help=URL)` may return it), nor is
# `placeholder=`/`label=` of a call other than a known prompt's (`PROMPT_READERS`).
DOC_KEYWORDS = frozenset({"description", "help"})
# OpenAI's hosts that are not its API: ChatGPT's web app and its backend (`chat.openai.com/
# backend-api/conversation`, `chatgpt.com`), its login (`auth.openai.com`, `auth0.openai.com`)
# and the developer site (`platform.openai.com`); a subdomain counts as its host. A program
# requesting them (a ChatGPT session cookie, PentestGPT's `utils/chatgpt.py`) still reaches
# OpenAI after the switch, and no provider serves their paths (ML403, `raw_http`).
OPENAI_WEB_HOSTS = (
    "chat.openai.com",
    "chatgpt.com",
    "auth.openai.com",
    "auth0.openai.com",
    "platform.openai.com",
)


def openai_web_host(url: str) -> str | None:
    """The host of `url` (scheme optional) where it is one of `OPENAI_WEB_HOSTS` or under
    one (`chat.openai.com` of `https://chat.openai.com/backend-api/conversations`); None for
    any other URL, OpenAI's API host among them."""
    rest = url.strip().split("://", 1)[-1] if re.match(r"(?i)[a-z]+://", url.strip()) else url
    host = re.split(r"[/:?#]", rest.strip(), maxsplit=1)[0].lower()
    if any(host == h or host.endswith("." + h) for h in OPENAI_WEB_HOSTS):
        return host
    return None


# OpenAI's page for getting a key, which a text beside a key prompt may send a person to.
OPENAI_KEY_PAGES = ("platform.openai.com",)
# The URL of that page as texts write it (`https://platform.openai.com/account/api-keys`,
# `/api-keys`, the older beta.openai.com): a provider's `key_page` replaces it.
OPENAI_KEY_PAGE_URL = re.compile(
    r"https?://(?:platform|beta)\.openai\.com/(?:account/)?api-keys\b/?", re.IGNORECASE
)
# Containers a Streamlit prompt is placed in by `with`: the texts written in the same block
# are those shown beside it (llm-examples' "[Get an OpenAI API key](https://platform...)").
PROMPT_CONTAINERS = ui.CONTAINERS
# The keywords a prompt's text may be given by, where it is not the first argument
# (`getpass.getpass(prompt=...)`, Streamlit's `text_input(label=...)`, prompt_toolkit's and
# questionary's `message=`, click's `text=`).
PROMPT_TEXT_KEYWORDS = ("prompt", "label", "message", "text")

# Keyword arguments and class settings that name the environment variable a settings field
# reads (pydantic `Field(env=...)`, pydantic-settings aliases); `env` only exists there.
SETTINGS_ENV_KWARGS = frozenset({"env"})
SETTINGS_ALIAS_KWARGS = frozenset({"validation_alias", "alias"})
# Calls whose positional arguments name the variables a settings field reads (pydantic).
SETTINGS_NAME_CALLS = frozenset({"AliasChoices"})
SETTINGS_BASES = frozenset({"BaseSettings"})
# pydantic's decorators whose positional strings name fields of the class whose method they
# decorate (`@field_validator("OPENAI_API_KEY", mode="before")`, pydantic<2's `@validator`,
# `@field_serializer`): a field's name, not a variable's. A settings field that reads the
# provider's variable by an alias keeps its name, and a decorator naming a field the class lacks
# fails at import (PydanticUserError `decorator-missing-field`). `model_validator`,
# `root_validator` and `computed_field` name no field.
FIELD_NAMING_DECORATORS = frozenset(
    {
        "pydantic.field_validator",
        "pydantic.functional_validators.field_validator",
        "pydantic.field_serializer",
        "pydantic.functional_serializers.field_serializer",
        "pydantic.validator",
        "pydantic.class_validators.validator",
        "pydantic.v1.validator",
        "pydantic.v1.class_validators.validator",
    }
)
# Library base classes that are not enums: a class deriving only from these (or from builtins,
# or from classes of its module that are not enums) is a plain class, whose model attributes
# are settings; one with a base from elsewhere may be an enum (langroid's `ModelName`).
NON_ENUM_BASES = frozenset(
    {
        "abc.ABC",
        "pydantic.BaseModel",
        "pydantic.BaseSettings",
        "pydantic.v1.BaseModel",
        "pydantic.v1.BaseSettings",
        "pydantic_settings.BaseSettings",
        "typing.Generic",
        "typing.NamedTuple",
        "typing.Protocol",
        "typing.TypedDict",
        "typing_extensions.Protocol",
        "typing_extensions.TypedDict",
    }
)
# Where a settings class states the prefix of the variables its fields read: pydantic-settings'
# `model_config = SettingsConfigDict(env_prefix=...)` (or a dict) and pydantic<2's inner
# `class Config: env_prefix = ...`, and whether it reads them case-sensitively. Without a
# prefix, a field reads the variable of its own name, in any case (`case_sensitive` is off by
# default).
SETTINGS_ATTRIBUTE = "model_config"
SETTINGS_CLASS = "Config"
SETTINGS_PREFIX = "env_prefix"
SETTINGS_ENV_FILE = "env_file"  # a dotenv file read before defaults, after the environment
SETTINGS_CASE = "case_sensitive"
# Settings base classes -> the keyword of their `Field` that names the variable a field reads
# and the module that `Field` comes from: pydantic-settings reads `validation_alias`
# (docs.pydantic.dev/latest/concepts/pydantic_settings, "Field value priority": an alias is
# the variable's name, without the env_prefix), pydantic<2's BaseSettings `env`.
SETTINGS_FIELD_ALIAS: dict[str, tuple[str, str]] = {
    "pydantic_settings.BaseSettings": ("validation_alias", "pydantic"),
    "pydantic.BaseSettings": ("env", "pydantic"),
    "pydantic.v1.BaseSettings": ("env", "pydantic.v1"),
}
# ... and by the builder of its `model_config`, for a class whose settings base comes from
# another module (langroid's `OpenAIGPTConfig`)
SETTINGS_CONFIG_ALIAS: dict[str, tuple[str, str]] = {
    "pydantic_settings.SettingsConfigDict": ("validation_alias", "pydantic"),
}
# Dict keys whose value is the name of an environment variable (`{"api_key_env": "..."}`).
ENV_NAME_KEYS = ("env", "_env", "_env_var", "env_var", "_env_name", "_var")
# Dict keys and keyword arguments (in lower case) whose value is the key sent to the base URL
# of the same dict or call (`{"api_base_url": ..., "api_key": ...}`, `X(endpoint=...,
# openai_api_key=...)`; Agently's settings take the key as `"auth"`; crawl4ai's
# `LLMConfig(provider="openai/gpt-4o-mini", api_token=...)` hands `api_token` to litellm as
# `api_key`, github.com/unclecode/crawl4ai crawl4ai/async_configs.py @7e80152, as pandas-ai's
# `OpenAI(api_token=...)` does to the OpenAI client), and those that are only when the value
# looks like an OpenAI key or is empty: `"key"` names an entry of a table of providers as
# often (`{"key": "openai", "base_url": ...}`). Not `token`: Hugging Face's and GitHub's
# clients take their own service's token by that name.
KEY_ENTRY_NAMES = frozenset(
    {"api_key", "apikey", "api-key", "api_token", "openai_api_key", "openai_key", "auth"}
)
GENERIC_KEY_ENTRY_NAMES = frozenset({"key"})
# Entries (in lower case) of a library's settings dict whose dict the library sends as the
# chat request's arguments, as they are, beside the settings' base URL and model (Agently's
# OpenAICompatible requester: `{"base_url": ..., "model": ..., "request_options":
# {"max_tokens": 256}}` merged into the request body; github.com/Maplemx/Agently
# agently/builtins/plugins/ModelRequester/OpenAICompatible.py @f66572c, checked 2026-12-07).
REQUEST_OPTION_ENTRIES = frozenset({"request_options"})
# Request headers (in lower case) that hand an OpenAI key to a service which calls OpenAI's API
# with it, and that service: Weaviate's OpenAI modules (text2vec-openai, generative-openai) take
# the key of a request in `X-OpenAI-Api-Key` (`weaviate.connect_to_local(headers=...)`,
# `weaviate.Client(additional_headers=...)`; docs.weaviate.io/weaviate/model-providers/openai/
# embeddings, "Provide the API key at runtime", checked 2026-12-04).
FORWARDED_KEY_HEADERS: dict[str, str] = {"x-openai-api-key": "Weaviate"}
# Dict keys and keyword arguments (in lower case) whose value is the base URL the key of the
# same dict or call is sent to (`{"api_key": ..., "base_url": self.base_url}`).
URL_ENTRY_NAMES = frozenset(
    {"base_url", "api_base", "api_base_url", "openai_api_base", "openai_base_url", "endpoint"}
)


def url_entry(name: str) -> bool:
    """Whether an entry's or keyword's name names a base URL: one of `URL_ENTRY_NAMES`, as it
    is or after a prefix and `_` (`zhipuai_api_base`)."""
    lowered = name.lower()
    return any(lowered == n or lowered.endswith(f"_{n}") for n in URL_ENTRY_NAMES)


# Callables whose messages a person reads: strings naming OpenAI's variables there are notes.
MESSAGE_FUNCTIONS = frozenset(
    {
        "print",
        "warnings.warn",
        "sys.exit",
        "click.echo",
        "typer.echo",
        "click.secho",
        "typer.secho",
        # the print() of the prompt libraries above
        "rich.print",
        "prompt_toolkit.print_formatted_text",
        "prompt_toolkit.shortcuts.print_formatted_text",
        "questionary.print",
    }
)
MESSAGE_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "fatal"}
)
# Calls that only show, log or record what they are given, never send it to a model's API:
# a key or settings dict given to one is no library's settings (`unmoved_settings`). The
# libraries all of whose calls (and the methods of the objects they build: rich's
# `Console().print(cfg)`, loguru's `logger.info(cfg)`) do only that ...
SHOWING_LIBRARIES = frozenset({"rich", "loguru", "structlog", "icecream", "streamlit", "tqdm"})
# ... other such functions (the run's config an experiment tracker records) ...
SHOWING_FUNCTIONS = MESSAGE_FUNCTIONS | {"wandb.init", "wandb.log", "wandb.config.update"}
# ... and methods of any object (`logger.debug("%s", cfg)`, `console.print(cfg)`)
SHOWING_METHODS = MESSAGE_METHODS | {"print", "pprint", "write", "echo", "dump", "dumps"}

# HTTP libraries whose requests to OpenAI migrate-llm follows (URL and key together).
HTTP_LIBRARIES = ("requests", "httpx", "aiohttp", "urllib.request", "urllib3")
# Functions of those libraries that send one request; the URL is the first argument (the
# second for `request(method, url)`), or `url=`.
HTTP_REQUEST_FUNCTIONS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "urlopen"}
)
# Session and client classes; their methods named in HTTP_METHODS send requests, and their
# `base_url=` / `headers=` apply to every request.
HTTP_SESSION_CLASSES = frozenset(
    {
        "httpx.Client",
        "httpx.AsyncClient",
        "requests.Session",
        "requests.session",
        "requests.sessions.Session",
        "aiohttp.ClientSession",
        "urllib3.PoolManager",
    }
)
HTTP_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream"}
)
# Request objects built first and sent later: URL first, headers third (or `headers=`).
HTTP_REQUEST_CLASSES = frozenset({"urllib.request.Request", "requests.Request"})
# Request objects a client sends only through its `send()`; one handed only to `request=` of
# an error or response the program builds (`APIConnectionError(request=httpx.Request("POST",
# URL))`, a test's fake SDK error) is never sent (ML402: a note).
HTTP_REQUEST_OBJECTS = frozenset({"httpx.Request", "httpx._models.Request"})
REQUEST_KEYWORD = "request"
# The headers a raw request sends an API key in, lowercase (a header's name is
# case-insensitive), each with the scheme written before the key ("" where the key is the
# whole value): OpenAI's `Authorization: Bearer <key>`, Azure OpenAI's `api-key` (its REST API
# reference, below) and `x-api-key`. The screening looks for a scheme, in any case, or for a
# header carrying a key bare (ML403: the key a request to the provider's URL sends).
KEY_HEADERS: dict[str, str] = {"authorization": "bearer", "api-key": "", "x-api-key": ""}
# The path of a chat request (`REST_PATHS`)
CHAT_PATH = "/chat/completions"

# The path of a request to an Azure OpenAI deployment (`{endpoint}/openai/deployments/{name}/
# chat/completions?api-version=...`, its key in an `api-key` header): Azure's REST API
# reference, "Azure OpenAI in Azure AI Foundry Models REST API reference".
AZURE_DEPLOYMENT_PATH = "/openai/deployments/"
# What marks a URL as an Azure OpenAI request's: that path, or the `api-version` query Azure's
# REST API requires (same reference); a base URL built into such a URL is an Azure endpoint
AZURE_URL_MARKS = (AZURE_DEPLOYMENT_PATH, "api-version=")

# OpenAI REST paths (under /v1) -> the surface name used in providers' [supports] tables.
# Longest prefixes first; a path matches at a segment boundary.
REST_PATHS: tuple[tuple[str, str], ...] = (
    ("/chat/completions", "chat"),
    ("/completions", "completions"),
    ("/embeddings", "embeddings"),
    ("/images", "images"),
    ("/audio", "audio"),
    ("/moderations", "moderations"),
    ("/responses/input_tokens", "responses_input_tokens"),
    ("/responses/compact", "responses_compact"),
    ("/responses", "responses"),
    ("/files", "files"),
    ("/uploads", "uploads"),
    ("/batches", "batches"),
    ("/fine_tuning", "fine_tuning"),
    ("/models", "models"),
    ("/assistants", "assistants"),
    ("/threads", "assistants"),
    ("/vector_stores", "vector_stores"),
    ("/realtime", "realtime"),
    ("/videos", "videos"),
    ("/conversations", "conversations"),
    ("/containers", "containers"),
    ("/evals", "evals"),
)

# The REST paths a request is posted to as they are (`REST_PATHS`): a base-URL variable whose
# value ends in one holds a whole endpoint, not a base URL (MindSearch's OPENAI_API_BASE,
# "https://api.openai.com/v1/chat/completions", posted to by lagent's GPTAPI). Longest first.
ENDPOINT_PATHS: tuple[str, ...] = (
    "/chat/completions",
    "/completions",
    "/embeddings",
    "/moderations",
    "/responses",
)


def endpoint_path(url: str) -> str | None:
    """The path of `ENDPOINT_PATHS` that `url` ends in (`/` after it optional), or None."""
    trimmed = url.strip().rstrip("/")
    return next((p for p in ENDPOINT_PATHS if trimmed.endswith(p)), None)


# What a request moved from one API to another takes there (the advice for an API a provider
# serves only in part, where its file names the API that serves the rest: `[partial] instead`).
API_MOVES: dict[tuple[str, str], str] = {
    ("completions", "chat"): (
        "the prompt as a user message, the reply in choices[0].message.content"
    ),
}

# The modules of the SDK's response and request types (`openai.types.chat.ChatCompletion`):
# a model given to one of them, built by hand, is a test's double, not a request.
RESPONSE_TYPES = ("openai.types.",)

# Names that hold a model: a parameter, attribute, variable, dict key or option named like
# this is a model setting (rules/model_names.py). Case-insensitive; camelCase is read as
# snake_case (`modelName` = `model_name`). A name counts when it is in MODEL_NAMES or one of
# its `_`-separated words is "model", "llm" or "embedding" (`model`, `MODEL`, `llm_model`,
# `model_id`, `EMBEDDING_MODEL_NAME`, gpt-researcher's `FAST_LLM` and `EMBEDDING`). Not
# `models` (a collection) and not `deployment` (an Azure name).
MODEL_NAMES = frozenset({"model", "engine", "llm", "model_name", "model_id"})
MODEL_NAME_WORDS = frozenset({"model", "llm", "embedding"})
# Words of a collection's name that say it holds something of models other than their ids
# (`model_dirs`, `model_files`, `model_paths`, `model_weights`): a family check over it
# (`"gpt" in d`) tests a path or a file name, no model setting (ML205; review r1 t5).
MODEL_THING_WORDS = frozenset(
    f"{word}{plural}"
    for word in ("path", "dir", "directory", "file", "type", "weight", "config", "checkpoint")
    for plural in ("", "s")
) | {"directories"}
# The SDK's model listing (`client.models.list()`, its page's `data`) and the field of each
# entry holding the model's id: `[m.id for m in client.models.list().data]` are the server's
# model ids, which a family check (`"gpt" in m.id`) tests as it tests a model setting (ML205).
MODEL_LISTING_PATH = "models.list"
MODEL_LISTING_PAGE = "data"
MODEL_LISTING_ID = "id"
# Words of a name that holds the model a token counter is asked about
# (`tokenizer_target_model`, TaskWeaver's): it stays an OpenAI name, which tiktoken knows, so
# it is no model setting, and ML207 leaves a call given it. A name's words are also split at
# `.` (`"llm.model"`, a dotted settings key).
TOKENIZER_NAME_WORDS = frozenset({"tokenizer", "tiktoken", "encoding"})
# Words of a name that holds usage the program counts (`n_used_tokens`, `usage`,
# `spent_dollars`, `request_counts`): a dict keyed by model whose values are such counters
# (zero or computed, never set by hand) is a record the program writes, not a table of
# per-model settings (ML205 leaves it: chatgpt_telegram_bot's `{"gpt-3.5-turbo":
# {"n_input_tokens": 0, ...}}`, carried over from an old format under `n_used_tokens`).
USAGE_NAME_WORDS = frozenset(
    {"used", "usage", "spent", "spend", "consumed", "count", "counts", "counter", "counters"}
    | {"total", "totals", "tally", "stats", "statistics"}
)

# Calls that take an OpenAI model name without sending it to an API: tiktoken maps it to
# its tokenizer, so the name must stay an OpenAI name (not a finding). Where a setting apply
# maps reaches one, apply gives it the OpenAI model the setting held (ML207): tiktoken knew
# that name wherever the program ran, while a fixed encoding may be unknown to the tiktoken a
# project pins (openai/tiktoken CHANGELOG.md: o200k_base and gpt-4o came in v0.7.0, 2024-05;
# `get_encoding()` of an unknown name raises ValueError).
TOKENIZER_CALLS = frozenset({"tiktoken.encoding_for_model", "tiktoken.model.encoding_for_model"})
# ... and those that pick an encoding whatever the model: a test choosing between them and one
# of the above only decides how tokens are counted (model_branches)
TOKENIZER_ENCODINGS = TOKENIZER_CALLS | {"tiktoken.get_encoding"}
# Methods of a tiktoken encoding (one of the calls above gives it) that turn text into
# OpenAI's token ids: `encode` and `encode_ordinary` give a list of ids, the `_batch` ones a
# list of such lists (tiktoken 0.9, tiktoken/core.py). An embeddings request given them
# sends token ids, which only OpenAI takes (ML114).
TOKEN_ID_METHODS = frozenset({"encode", "encode_ordinary", "encode_batch", "encode_ordinary_batch"})
# The word every one of them holds: a module without it has none (screening, ML207).
TOKENIZER_WORD = "encoding_for_model"
# Where tiktoken gets an encoding's files (checked against tiktoken 0.14.0, PyPI): its
# loaders (`get_encoding`, in tiktoken/registry.py, and `encoding_for_model`, in
# tiktoken/model.py, which calls it) build the encoding with tiktoken_ext/openai_public.py's
# constructor (`cl100k_base()`, `o200k_base()`, `gpt2()`...), which reads
# `https://openaipublic.blob.core.windows.net/encodings/<name>.tiktoken` (gpt2: `/gpt-2/
# encodings/main/vocab.bpe` and `encoder.json`) through tiktoken/load.py's
# `read_file_cached()`: from the directory TIKTOKEN_CACHE_DIR names, else DATA_GYM_CACHE_DIR,
# else `<temp dir>/data-gym-cache`, and when the file is not there, with an HTTPS GET to that
# host (`read_file()`: `requests.get`, no key). So a program's first count on a machine (or in
# a fresh container) reaches OpenAI's host whatever provider it calls, and stops with a
# connection error where the host cannot be reached (ML207's note). Each process keeps the
# encodings it loaded (registry.py `ENCODINGS`).
TIKTOKEN_LOADERS = TOKENIZER_CALLS | {"tiktoken.get_encoding", "tiktoken.registry.get_encoding"}
TIKTOKEN_HOST = "openaipublic.blob.core.windows.net"
TIKTOKEN_GET_ENCODING = "get_encoding"  # the word every call of tiktoken's own loader writes
# what read_file_cached() reads the cache directory from, in its order
TIKTOKEN_CACHE_VARIABLES = ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR")

# str methods that, called with no argument, give back an OpenAI model id as it is: a model
# read through them (`os.getenv("LLM_MODEL", "gpt-4o").lower()`) is still that model, mapped
# where it is written. Each with what it does to a string, which the provider's id the table
# maps to must survive as well (`.lower()` of `Qwen/Qwen3-8B` names no model). Not `upper()`
# or `title()`: they turn an OpenAI id into none.
MODEL_ID_METHODS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "casefold": str.casefold,
    "strip": str.strip,
    "lstrip": str.lstrip,
    "rstrip": str.rstrip,
}


# str methods that take a piece of a model id (`model.split("/")[-1]`: the model without
# litellm's route prefix, `model.replace("openai/", "")`): a token counter's model read
# through them and bound to a variable again is still only the counter's (ML204's
# `token_count`).
MODEL_PIECE_METHODS = frozenset(
    {"split", "rsplit", "partition", "rpartition", "replace", "removeprefix", "removesuffix"}
)


def through_methods(model: str, methods: tuple[str, ...]) -> str:
    """What `model` becomes once `methods` (of `MODEL_ID_METHODS`, innermost first) apply."""
    for method in methods:
        model = MODEL_ID_METHODS[method](model)
    return model


# Command-line option builders whose `default=` and `choices=` set a value (argparse, click,
# typer): method or function name -> where the default sits when it is positional (typer's
# `Option("gpt-4o", "--model")` takes the default first; argparse and click never).
OPTION_BUILDERS: dict[str, int | None] = {
    "add_argument": None,
    "option": None,
    "argument": None,
    "Option": 0,
    "Argument": 0,
}
# What a command-line option declared on a parameter gives it where the command line gives no
# other: the option's default, read as the parameter's own (`def main(model="gpt-4o")`).
# Builders standing as the parameter's default (typer: `model: str = typer.Option("gpt-4o",
# "--model")`): qualified name -> where the default sits when positional (else `default=`).
OPTION_PARAMETERS: dict[str, int | None] = {
    "typer.Option": 0,
    "typer.Argument": 0,
    "typer.params.Option": 0,
    "typer.params.Argument": 0,
}
# Decorators declaring an option of the function they decorate (click: `@click.option("--model",
# default="gpt-4o")`; the parameter is the identifier among its names, else its longest name
# without dashes, `--model-name` -> `model_name`): qualified name -> where the default sits
# when positional (None: only `default=`).
OPTION_DECORATORS: dict[str, int | None] = {
    "click.option": None,
    "click.argument": None,
    "click.decorators.option": None,
    "click.decorators.argument": None,
}
# Option types whose first argument lists the accepted values (`click.Choice([...])`).
CHOICE_TYPES = frozenset({"Choice"})
# unittest.mock's assertions on the calls a mock received, which take the expected call's
# arguments: what the code under test passes, not a call the test makes (`fake.assert_called_
# once_with(api_key="k", base_url=URL)` on a mocked `OpenAI` builds no client). The method's
# name.
MOCK_ASSERTIONS = frozenset(
    {
        "assert_called_with",
        "assert_called_once_with",
        "assert_any_call",
        "assert_awaited_with",
        "assert_awaited_once_with",
        "assert_any_await",
    }
)
# ... and those taking a list of expected calls (`m.assert_has_calls([call(...)])`).
MOCK_CALL_LIST_ASSERTIONS = frozenset({"assert_has_calls", "assert_has_awaits"})
# Test assertions (unittest.mock, unittest) whose arguments are what a test expects: a model
# id there is the value the test checks, not one it sends. The method's name.
ASSERTION_METHODS = MOCK_ASSERTIONS | frozenset({"assertEqual", "assertEquals", "assertNotEqual"})
# The expected call of `m.assert_has_calls([call(...)])` or `m.call_args == call(...)`.
EXPECTED_CALLS = frozenset({"unittest.mock.call", "mock.call"})
# Model classes whose `Field(default=...)` / `field(default=...)` / `attr.ib(default=...)`
# holds a field's default: the callee's last name.
FIELD_FACTORIES = frozenset({"Field", "field", "ib", "attrib", "PrivateAttr"})
# Keywords of a field factory whose dict describes the field to a UI or a JSON schema
# (open_deep_research's `Field(default=m, metadata={"x_oap_ui_config": {"default": m}})`,
# pydantic's `json_schema_extra=`): an entry named FIELD_SHOWN_DEFAULT in it, at any depth, is
# the UI's copy of the field's default.
FIELD_DESCRIBING_KEYWORDS = frozenset({"metadata", "json_schema_extra"})
FIELD_SHOWN_DEFAULT = "default"
# Decorators of model validators that set a field by writing the mapping they are given
# (`values["client"] = openai.Completion` in a pydantic<2 root_validator, as early LangChain
# did): such a write sets the instance attribute. The decorator's last name.
FIELD_SETTING_VALIDATORS = frozenset({"root_validator", "model_validator", "pre_init"})


# OpenAI models served on the text completions endpoint only (base and instruct models,
# platform.openai.com/docs/models: davinci-002, babbage-002, gpt-3.5-turbo-instruct; the
# retired text-*/code-* models; gpt-4-base, research access): code that tells them apart
# (evals' `if name in {"gpt-4-base"}:` sends them to `completions.create`) must not take a
# provider's chat model for one.
COMPLETIONS_ONLY_MODELS = (
    "*-base",
    "davinci-002",
    "babbage-002",
    "gpt-3.5-turbo-instruct*",
    "text-davinci-*",
    "text-curie-*",
    "text-babbage-*",
    "text-ada-*",
    "code-davinci-*",
    "code-cushman-*",
)


# Words OpenAI writes in its model names after the family, telling kinds of model apart
# (`gpt-4-vision-preview`, `gpt-4-turbo`, `gpt-4o-mini`, `gpt-3.5-turbo-instruct`,
# `gpt-4o-realtime-preview`, `gpt-4o-search-preview`, `gpt-4-32k`). Code tests a model's
# name for one (GPTDiscord's `if "-vision" in model:` sends the images, `"preview" in model`
# sets max_tokens), and what a provider's table maps such a model to seldom holds it.
MODEL_NAME_FRAGMENTS = (
    "vision",
    "turbo",
    "preview",
    "instruct",
    "mini",
    "nano",
    "realtime",
    "audio",
    "search",
    "16k",
    "32k",
)
# A part of an OpenAI model's name made of those words, with at most a version before them
# and a `-` at either end: `-vision`, `4-vision`, `4-turbo`, `preview`, `4o-mini`,
# `vision-preview`; not a family (`gpt-4`) nor a model id.
_FRAGMENT_WORD = "(?:" + "|".join(MODEL_NAME_FRAGMENTS) + ")"
MODEL_FRAGMENT_PATTERN = rf"-?(?:[0-9][0-9a-z.]*-)?{_FRAGMENT_WORD}(?:-{_FRAGMENT_WORD})?-?"
# the characters such a part starts with: `-`, a version's digit, a word's first letter
MODEL_FRAGMENT_STARTS = "-0123456789" + "".join(sorted({w[0] for w in MODEL_NAME_FRAGMENTS}))
_MODEL_FRAGMENT = re.compile(MODEL_FRAGMENT_PATTERN)


def model_fragment(value: str) -> bool:
    """Whether `value` is a part of OpenAI's model names that tells kinds of model apart
    (`MODEL_NAME_FRAGMENTS`: `-vision`, `4-turbo`, `preview`)."""
    return len(value) < 32 and _MODEL_FRAGMENT.fullmatch(value) is not None


def completions_only(model: str) -> bool:
    """Whether `model` is one of `COMPLETIONS_ONLY_MODELS`."""
    return any(fnmatch.fnmatchcase(model, pattern) for pattern in COMPLETIONS_ONLY_MODELS)


# The kinds of OpenAI's audio models, by the provider-file tier naming a model of that kind
# (`[models] speech`, `transcription`), with what a message calls them.
AUDIO_KINDS = {"speech": "text-to-speech", "transcription": "speech-to-text"}


def audio_kind(model: str) -> str | None:
    """The tier of an OpenAI audio model's kind (`AUDIO_KINDS`): "speech" for tts-1,
    tts-1-hd and gpt-4o-mini-tts, "transcription" for whisper-1 and gpt-4o-transcribe;
    None for another model."""
    if model.startswith("tts") or model.endswith("-tts"):
        return "speech"
    if model.startswith("whisper") or "transcribe" in model:
        return "transcription"
    return None


def surface_of_model(model: str) -> str:
    """The API surface an OpenAI model id belongs to (for the candidates a message names)."""
    if "embedding" in model:
        return "embeddings"
    if model.startswith(("dall-e", "gpt-image")):
        return "images"
    if model.startswith(("whisper", "tts")) or "transcribe" in model or model.endswith("-tts"):
        return "audio"
    if model.startswith("sora"):
        return "videos"
    return "chat"


# Test doubles: openai<1.0 (resource, method) -> (v1 module, class, method) whose method the
# migrated call runs; `acreate` and friends patch the `Async` class's method. Checked against
# the installed SDK (tests/test_legacy_rewrite.py).
LEGACY_MOCK_TARGETS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("ChatCompletion", "create"): ("openai.resources.chat.completions", "Completions", "create"),
    ("Completion", "create"): ("openai.resources.completions", "Completions", "create"),
    ("Embedding", "create"): ("openai.resources.embeddings", "Embeddings", "create"),
    ("Moderation", "create"): ("openai.resources.moderations", "Moderations", "create"),
    ("Image", "create"): ("openai.resources.images", "Images", "generate"),
    ("Image", "create_variation"): ("openai.resources.images", "Images", "create_variation"),
    ("Image", "create_edit"): ("openai.resources.images", "Images", "edit"),
    ("Audio", "transcribe"): ("openai.resources.audio.transcriptions", "Transcriptions", "create"),
    ("Audio", "translate"): ("openai.resources.audio.translations", "Translations", "create"),
    ("File", "create"): ("openai.resources.files", "Files", "create"),
    ("File", "list"): ("openai.resources.files", "Files", "list"),
    ("File", "retrieve"): ("openai.resources.files", "Files", "retrieve"),
    ("File", "delete"): ("openai.resources.files", "Files", "delete"),
    ("Model", "list"): ("openai.resources.models", "Models", "list"),
    ("Model", "retrieve"): ("openai.resources.models", "Models", "retrieve"),
    ("Model", "delete"): ("openai.resources.models", "Models", "delete"),
    ("FineTuningJob", "create"): ("openai.resources.fine_tuning.jobs", "Jobs", "create"),
    ("FineTuningJob", "list"): ("openai.resources.fine_tuning.jobs", "Jobs", "list"),
    ("FineTuningJob", "retrieve"): ("openai.resources.fine_tuning.jobs", "Jobs", "retrieve"),
    ("FineTuningJob", "cancel"): ("openai.resources.fine_tuning.jobs", "Jobs", "cancel"),
    ("FineTuningJob", "list_events"): ("openai.resources.fine_tuning.jobs", "Jobs", "list_events"),
}

# Responses: openai<1.0 OpenAIObject methods -> the openai>=1 model method giving the same
# value. `to_dict()` (openai>=1.17) holds the fields the API sent, under its names, as v0's
# dict did; `model_dump()` would add every unset field as None.
LEGACY_RESPONSE_METHODS: dict[str, str] = {"to_dict_recursive": "to_dict"}
RESPONSE_TO_DICT = "to_dict"
# The methods of a response (pydantic v1's, v2's, openai>=1.17's, openai<1.0's) that give a
# plain dict of it.
RESPONSE_DICT_METHODS = frozenset({"dict", "model_dump", "to_dict", "to_dict_recursive"})
# What openai<1.0 set on every response object beside the API's fields (OpenAIObject's
# `__init__` arguments and properties, openai/openai_object.py, 0.28.1), which an openai>=1
# response has (AttributeError): attribute -> (what openai<1.0 set it to, what to do instead).
_FROM_THE_CLIENT = "take it from where the client is configured"
LEGACY_RESPONSE_ATTRIBUTES: dict[str, tuple[str, str]] = {
    "response_ms": (
        "the milliseconds OpenAI took, from its openai-processing-ms header",
        "time the request yourself (time.perf_counter() before and after it)",
    ),
    "organization": ("the organization the request was sent for", _FROM_THE_CLIENT),
    "api_key": ("the key the request was sent with", _FROM_THE_CLIENT),
    "api_version": ("the API version the request was sent with", _FROM_THE_CLIENT),
    "api_type": ("the API type the request was sent with", _FROM_THE_CLIENT),
    "typed_api_type": ("the API type the request was sent with", _FROM_THE_CLIENT),
    "api_base_override": ("the base URL the request was sent to", _FROM_THE_CLIENT),
    "engine": ("the engine (deployment) the request named", "read the response's model"),
}
# Calls that serialise their first argument as JSON (v0 responses were dicts).
JSON_DUMPERS = frozenset({"json.dump", "json.dumps"})
# Builtins that showed a v0 response as text, and the v1 expression of that text: v0's
# OpenAIObject.__str__ was `json.dumps(self.to_dict_recursive(), sort_keys=True, indent=2)`
# (openai/openai_object.py, 0.28.1), and v1's to_dict() is that dict.
LEGACY_TEXT_FUNCTIONS = frozenset({"str", "print"})
LEGACY_RESPONSE_TEXT = "json.dumps({value}.to_dict(), sort_keys=True, indent=2)"
# Calls that parse their first argument as JSON: `json.loads(str(resp))` read a v0 response's
# text back as its dict; a v1 object's text is not JSON (JSONDecodeError).
JSON_LOADERS = frozenset({"json.loads"})
# The module and class of v0 response objects (gone in v1: ModuleNotFoundError), and the v1
# base class of every response object and part of one (streams and pages' iterators are not).
LEGACY_OBJECT_MODULE = "openai.openai_object"
LEGACY_OBJECT_CLASS = "OpenAIObject"
RESPONSE_BASE_CLASS = "BaseModel"

# What a test double of an openai<1.0 method should return once the code is migrated: the v1
# response class (its `model_construct(**dict)` builds nested objects from a dict, as the
# API's JSON is read). (resource, method) -> class path.
LEGACY_RESPONSE_TYPES: dict[tuple[str, str], str] = {
    ("ChatCompletion", "create"): "openai.types.chat.ChatCompletion",
    ("Completion", "create"): "openai.types.Completion",
    ("Embedding", "create"): "openai.types.CreateEmbeddingResponse",
    ("Moderation", "create"): "openai.types.ModerationCreateResponse",
    ("Image", "create"): "openai.types.ImagesResponse",
    ("Image", "create_variation"): "openai.types.ImagesResponse",
    ("Image", "create_edit"): "openai.types.ImagesResponse",
}

# Calls that put a `.env` file's variables into the environment (python-dotenv): a client
# built before a module-level one reads no key from it, so `apply` builds the openai<1.0
# module's client on first use there.
ENV_FILE_LOADERS = frozenset({"dotenv.load_dotenv", "dotenv.main.load_dotenv"})

# The image methods that send a model of OpenAI's choosing when given none: `images.generate`,
# `images.edit` and `images.create_variation` default to dall-e-2 (the API reference's
# `model` parameter: "Defaults to dall-e-2"; openai 1.x `resources/images.py` sends the
# field only when given). openai<1.0's `Image.create` / `create_edit` / `create_variation`
# did the same.
IMAGE_DEFAULT_MODEL = "dall-e-2"
IMAGE_METHODS_WITH_DEFAULT = frozenset(
    {"generate", "edit", "create_variation", "create", "create_edit", "acreate"}
)

# What the fields of openai>=1.0 responses hold, by name (openai/types: the responses of the
# surfaces openai<1.0 had, their parts, stream chunks and pages). A part that is an object is
# no mapping: v0 code that looks a computed key up in it, iterates it, tests it with `in` or
# passes it on reads `part.to_dict()` in v1. Optional objects (`logprobs`, `function_call`,
# `error`) are None when the API sent null.
RESPONSE_OBJECT_FIELDS = frozenset(
    {
        "usage",
        "delta",
        "function_call",
        "function",
        "audio",
        "logprobs",
        "categories",
        "category_scores",
        "category_applied_input_types",
        "completion_tokens_details",
        "prompt_tokens_details",
        "hyperparameters",
        "error",
    }
)
# OpenAI's legacy function calling (`functions=` / `function_call=`) as a chat reply and the
# messages sent back show it, and the tool calling that replaced it (openai/types/chat: the
# message's and a stream delta's `function_call` is None unless the request sent
# `functions=`; their `tool_calls` carry the calls of a request sending `tools=`, each with
# its `id` and `function.name` / `function.arguments`; a result goes back as a message with
# the role "tool" naming that id). ML111 reports the legacy forms where a request sends
# `tools=` or the provider has no legacy function calling.
LEGACY_FUNCTION_CALL = "function_call"  # a reply message's (or delta's) field, a turn's key
LEGACY_FUNCTION_ROLE = "function"  # the role of a message returning a function's result
# the response parts the function call is read from (`choices[i].message`, `.delta`)
FUNCTION_CALL_HOLDERS = frozenset({"message", "delta"})
# how the tool calls replacing it are read, by how the reply part is read (an object's
# attributes, a dict's keys)
TOOL_CALLS_READ = "{part}.tool_calls[i].function.name and .arguments"
TOOL_CALLS_KEYED_READ = '{part}["tool_calls"][i]["function"]["name"] and ["arguments"]'
# the messages sending the calls and their results back
TOOL_CALLS_TURN = '{"role": "assistant", "content": ..., "tool_calls": message.tool_calls}'
TOOL_RESULT_MESSAGE = '{"role": "tool", "tool_call_id": ..., "content": ...}'
# Lists whose items are objects (`choices[i]` is one).
RESPONSE_OBJECT_LIST_FIELDS = frozenset(
    {"choices", "data", "tool_calls", "results", "annotations", "segments", "words"}
)
# Fields that are objects only in an item of a list field: field -> that list field
# (`choices[0].message`; a fine-tuning event's `message` and an error's are strings).
RESPONSE_OBJECT_FIELDS_UNDER: dict[str, str] = {"message": "choices"}
# Strings, numbers and lists of them (or of items some types hold as dicts: `top_logprobs`):
# a computed index picks an item, nothing needs `to_dict()`.
RESPONSE_VALUE_FIELDS = frozenset(
    {
        # responses, chunks, pages
        "id",
        "object",
        "created",
        "model",
        "system_fingerprint",
        "service_tier",
        "has_more",
        "first_id",
        "last_id",
        # choices, messages, tool calls
        "index",
        "finish_reason",
        "text",
        "content",
        "refusal",
        "role",
        "name",
        "arguments",
        "type",
        "tokens",
        "token_logprobs",
        "top_logprobs",
        "text_offset",
        "token",
        "logprob",
        "bytes",
        "transcript",
        # usage
        "prompt_tokens",
        "completion_tokens",
        "total_tokens",
        "reasoning_tokens",
        "audio_tokens",
        "cached_tokens",
        "accepted_prediction_tokens",
        "rejected_prediction_tokens",
        # embeddings, images, audio
        "embedding",
        "url",
        "b64_json",
        "revised_prompt",
        "language",
        "duration",
        "start",
        "end",
        "seek",
        "word",
        "temperature",
        "avg_logprob",
        "compression_ratio",
        "no_speech_prob",
        # moderations (the identifier spellings; `"self-harm"` is a key only)
        "flagged",
        "hate",
        "harassment",
        "sexual",
        "violence",
        "illicit",
        "self_harm",
        "hate_threatening",
        "harassment_threatening",
        "sexual_minors",
        "violence_graphic",
        "self_harm_intent",
        "self_harm_instructions",
        "illicit_violent",
        # files, models, fine-tuning jobs and their events
        "filename",
        "purpose",
        "status",
        "status_details",
        "created_at",
        "expires_at",
        "deleted",
        "owned_by",
        "fine_tuned_model",
        "finished_at",
        "organization_id",
        "result_files",
        "trained_tokens",
        "training_file",
        "validation_file",
        "seed",
        "estimated_finish",
        "level",
        "n_epochs",
        "batch_size",
        "learning_rate_multiplier",
        "code",
        "param",
    }
)
# Every field name above: an attribute outside them is no field the SDK declares (a field a
# compatible server adds, `d.refs`, is kept as the plain dict or list the JSON held).
RESPONSE_FIELDS = (
    RESPONSE_OBJECT_FIELDS
    | RESPONSE_OBJECT_LIST_FIELDS
    | RESPONSE_VALUE_FIELDS
    | frozenset(RESPONSE_OBJECT_FIELDS_UNDER)
)

# Config files (ML502, ML503). Keys are compared lowercased, without `_` and `-`.
# A key beside a `model:` that picks the client its requests go through (GraphRAG's and
# LiteLLM's `model_provider`, GraphRAG 1.x's `type: openai_chat`, AutoGen's `api_type`) -> the
# base-URL key a message suggests adding beside it.
CONFIG_PROVIDER_KEYS: dict[str, str] = {
    "modelprovider": "api_base",
    "llmprovider": "api_base",
    "customllmprovider": "api_base",
    "type": "api_base",
    "provider": "base_url",
    "apitype": "base_url",
}
# A value of such a key that picks OpenAI's own endpoint (not `openai_compatible` or
# `openai_like`, clients that need a base URL, nor `azure_openai_chat`).
CONFIG_OPENAI_PROVIDER = re.compile(
    r"(?i)openai(?:[_-](?:chat|embeddings?|completions?|responses))?"
)
# A value of such a key that picks Azure OpenAI (GraphRAG's `azure`, `azure_openai_chat`).
CONFIG_AZURE_PROVIDER = re.compile(
    r"(?i)azure(?:[_-]openai)?(?:[_-](?:chat|embeddings?|completions?|responses))?"
)
# Keys naming the base URL of the mapping's requests: with a value there, they go where it says.
CONFIG_BASE_URL_KEYS = frozenset(
    {
        "apibase",
        "apibaseurl",
        "apiurl",
        "apihost",
        "azureendpoint",
        "baseurl",
        "endpoint",
        "host",
        "openaiapibase",
        "openaibaseurl",
        "url",
    }
)
# Keys naming the model of such a mapping.
CONFIG_MODEL_KEYS = frozenset({"model", "modelname", "modelid"})
# Keys naming an item of a list of records (aider's model settings, `- name: gpt-4o` with the
# model's settings beside it), in the order a record's identity is looked for: `name` and `id`
# before `model` (`{name: writer, model: gpt-4o}` is an agent whose model is a setting).
CONFIG_RECORD_KEYS = ("name", "id", "model")
# Keys of a config mapping (or of a mapping inside it, `params:`) giving the token limit the
# program sends with the mapping's requests: `max_tokens`, chat's newer `max_completion_tokens`,
# the Responses API's `max_output_tokens` (as `config_key` writes them).
CONFIG_TOKEN_LIMIT_KEYS = frozenset({"maxtokens", "maxcompletiontokens", "maxoutputtokens"})
# Keys asking for a reasoning effort: chat's `reasoning_effort`, the Responses API's
# `reasoning: {effort: ...}` (the key path's last two `config_key`s).
CONFIG_EFFORT_KEYS = frozenset({("reasoningeffort",), ("reasoning", "effort")})
# A config mapping's key naming the API its requests go to, and its values naming the
# completions API (promptflow's LLM node: `api: completion` beside the `inputs:` holding its
# model and `max_tokens`): a prompt completed as is, no chat request, so no thinking mode to
# turn off (ML507 leaves it; ML101 says what a provider serves of that API, ML698 at a
# promptflow node).
CONFIG_API_KEY = "api"
CONFIG_COMPLETIONS_APIS = frozenset({"completion", "completions"})
# A key naming an Azure OpenAI deployment: its value is a name the user gave a resource of
# theirs (often an OpenAI model id), never rewritten.
CONFIG_DEPLOYMENT_KEY = re.compile(r"(?i)deployment")


def named_for_images(name: str) -> bool:
    """Whether a setting's or a collection's name says it is for models that read images."""
    lower = name.lower()
    return any(word in lower for word in IMAGE_SETTING_WORDS) and not named_text_only(name)


def flags_images(name: str) -> bool:
    """Whether a key or attribute, switched on beside a model, says that model reads images:
    named for images (`supports_vision`, `multimodal`) or a flag so named (`supports_images`)."""
    return named_for_images(name) or (
        IMAGE_FLAG_NAME.fullmatch(name.lower()) is not None and not named_text_only(name)
    )


def named_text_only(name: str) -> bool:
    """Whether a setting's or a collection's name says its models read no images."""
    return TEXT_ONLY_NAME.search(name.lower()) is not None


@functools.cache
def family_heads(patterns: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(stem, head) of each `[detect] models` pattern: `gpt-4` -> head `gpt`, `o1-` -> `o1`,
    `text-embedding-3-` -> `text-embedding`. A prefix check names a family when it starts
    with a head and is a prefix of the stem (`gpt-`, `gpt-3.5`, `text-embedding`). Computed
    once for each table of patterns (it was a fifth of examining a small module)."""
    found = []
    for pattern in patterns:
        stem = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
        words = stem.rstrip("-").split("-")
        head: list[str] = []
        for word in words:
            if any(c.isdigit() for c in word):
                if not head:
                    head.append(word)
                break
            head.append(word)
        found.append((stem, "-".join(head)))
    return tuple(found)


# Single digits on both sides of `_` in a member's name: a version's dot (`GPT_4_1` is
# gpt-4.1, `GPT_3_5_TURBO` gpt-3.5-turbo; not `GPT_4_0613`, a date).
_MEMBER_DOT = re.compile(r"(?<![0-9])([0-9])_(?=[0-9](?![0-9]))")


def member_model(name: str, serves: Callable[[str], bool]) -> str | None:
    """The OpenAI model id a member's name spells (`GPT_4O` gpt-4o, `TEXT_EMBEDDING_3_SMALL`
    text-embedding-3-small, `GPT_4_1_MINI` gpt-4.1-mini): lowercased, `_` read as `-`, or as
    `.` between single digits; the first of those spellings that `serves` (OpenAI's
    `[detect] models`) takes, else None."""
    lower = name.lower()
    for spelled in (_MEMBER_DOT.sub(r"\1.", lower), lower):
        model = spelled.replace("_", "-")
        if serves(model):
            return model
    return None


@functools.cache
def member_stems(patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The start of a member's name spelling a model of `patterns` (`member_model`), one a
    pattern, upper case: `GPT_4` for `gpt-4*`, `O1` for `o1`, `TEXT_EMBEDDING_3_` for
    `text-embedding-3-*`, `GPT_3` for `gpt-3.5-turbo*` (a member's name has no dot)."""
    stems = set()
    for pattern in patterns:
        stem = re.split(r"[*?\[.]", pattern, maxsplit=1)[0]
        if stem:
            stems.add(stem.replace("-", "_").upper())
    # a stem another starts (`GPT_4` of `GPT_4O_MINI_TTS`) says it all
    return tuple(sorted(s for s in stems if not any(o != s and s.startswith(o) for o in stems)))
