"""ML502: OpenAI base URLs in config files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from migrate_llm import openai_sdk as sdk
from migrate_llm.env_readers import left_readers
from migrate_llm.file_settings import stands_for
from migrate_llm.formats import FORMATS
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks import FrameworkClass, txtai
from migrate_llm.frameworks import graphrag as fw
from migrate_llm.model import Edit, Finding, FixClass, Severity
from migrate_llm.rules.azure_target import client_base_url
from migrate_llm.rules.base import ConfigRule, Example, RuleContext
from migrate_llm.rules.config_common import (
    BASE_VARS,
    ENV_REFERENCE,
    azure_entries,
    config_key,
    haystack_components,
    is_openai_base,
    is_openai_var,
    is_target,
    is_url_setting,
    key_beside,
    keyed_mappings,
    openai_by_default,
    openai_host_pattern,
    paired_key,
    picks_openai,
    replace_value,
    scalar_text,
    selector_of,
    shown,
    stand_in,
    stand_in_beside,
)
from migrate_llm.rules.config_graphrag import (
    Batch,
    Move,
    Rekey,
    embedding_batch,
    graphrag_entries,
    init_key_entries,
)
from migrate_llm.rules.config_key_asks import KeyAsk, openai_key_asks
from migrate_llm.rules.config_placeholders import PlaceholderRead, placeholder_reads
from migrate_llm.rules.dotenv_plan import dotenv_plan
from migrate_llm.rules.models import article
from migrate_llm.secrets import mask_secrets
from migrate_llm.shared_key_defaults import SharedKeyDefault, built_class, provider_hosts

# a cookie's `Domain=` attribute right before a host: a recorded response (one outside a cassette),
# not an endpoint
_COOKIE_DOMAIN = re.compile(r"(?i)\bdomain=\.?\Z")


# a VCR.py cassette holding one request to OpenAI, as recorded
_CASSETTE = (
    'interactions:\n- request:\n    body: \'{"model": "gpt-4o"}\'\n    headers:\n'
    "      host:\n      - api.openai.com\n    method: POST\n"
    "    uri: https://api.openai.com/v1/chat/completions\n"
    "  response:\n    status: {code: 200, message: OK}\nversion: 1\n"
)

# the mapping keys (as `config_key` writes them) holding a key sent with the base URL
_KEY_NAMES = tuple(config_key(k) for k in sorted(sdk.KEY_ENTRY_NAMES))

# what ends a URL written in prose
_URL_END = re.compile(r"[\s\"'`()<>\[\]{}]")
# a whole value reading a variable with a default after it: `${VAR:default}` (private-gpt's
# settings loader), `${VAR:-default}`, `${VAR-default}`, `${VAR:=default}`
_READ_WITH_DEFAULT = re.compile(
    r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::-|:=|:|-|=)(?P<default>[^}]*)\}"
)


def _word_around(text: str, start: int, end: int) -> str:
    """The URL holding `text[start:end]`: the run of characters around it up to a space, a
    quote or a bracket (`[docs](https://...)`), without a sentence's closing punctuation."""
    while start > 0 and not _URL_END.match(text, start - 1):
        start -= 1
    while end < len(text) and not _URL_END.match(text, end):
        end += 1
    return text[start:end].rstrip(".,;:!?")


class ConfigBaseUrl(ConfigRule):
    """An OpenAI endpoint URL (`https://api.openai.com/v1`) in a config value.

    ## What it does
    Finds string values in .env, YAML, TOML, JSON and INI files, and the values and words of
    scripts, Dockerfiles, Makefiles, Procfiles and systemd units, that contain an OpenAI API
    host. A setting is a value that is the URL itself (whitespace around it aside) or one
    under a key naming a base URL or endpoint (`base_url`, `LLM_BASE_URL`, `endpoint`); the
    URL inside a text (`"text": "The old endpoint https://api.openai.com/v1/engines was
    retired."`, an article of a RAG corpus, a prompt) is only a note, information that
    `check` passes, left alone.

    ## Why
    OpenAI's endpoint is blocked from mainland China, and a provider key sent there fails
    anyway. The value must point at the provider's OpenAI-compatible base URL.

    ## Fix
    Safe where the value is OpenAI's plain base URL: `apply` puts the provider's in its place,
    quoting kept. Manual where a path follows the base URL, where the value reads a variable
    with OpenAI's base URL as its default (`${OPENAI_API_BASE:https://api.openai.com/v1}`,
    also `${VAR:-URL}`: the message names the variable and the provider's URL to write as
    the default), where the value sets an
    `OPENAI_*` variable, and where a key sits beside it in the same mapping (`api_key:`, or
    the program's own `API_KEY=` in a .env file; a stand-in such as `sk-your-key-here` does
    not count, one asking for an OpenAI key, `sk-your-openai-key`, does) or, where
    its mapping holds no key, an OpenAI key elsewhere in the file (devika's `[API_KEYS]
    OPENAI = "<YOUR_OPENAI_API_KEY>"` beside `[API_ENDPOINTS] OPENAI`; not one beside a base
    URL of its own): pointing the URL at the provider would send that key there, and while
    both are set, the variables migrated code falls back on (ML003) do not count. The
    message names both lines and asks for the provider's key where the program reads the
    key's line (its variable where that line reads one, `${OPENAI_API_KEY}`): whether the
    program falls back on the provider's variable where that line is empty is its code's
    (VideoLingo's never did), which apply's Next line says only where code it wrote does.
    `check` fails until both point at the provider. The key a
    request carries and the host it goes to change together or not at all. Scripts,
    Dockerfiles and the like are never edited (the command that reads a value there may send
    OpenAI's key with it): manual.

    ## A key asking for OpenAI's beside a provider's URL
    Once the base URL is on a provider's host (switched by hand), a key entry beside it (as
    above: its mapping, a .env's key of the same service, devika's key table) that still asks
    for OpenAI's key is an error on the key's line (manual; `config_key_asks`): a stand-in
    naming OpenAI (`sk-your-openai-key`), or a comment on its line or right above it
    (`# your OpenAI API key`, not `OpenAI-compatible`). The key a user puts there as asked goes
    to that provider: make it ask for the provider's key (`data`: `key_setting`, `url_line`,
    `url_provider`, `asked_by`, `comment_line`).

    ## Endpoints a config names without OpenAI's URL
    A YAML, TOML or JSON mapping that picks OpenAI's client beside its `model:` (a
    `model_provider`, `provider`, `llm_provider`, `api_type` or `type` of `openai`,
    `openai_chat`...; as GraphRAG and LiteLLM-based apps write it) and names no base URL
    (`api_base`, `base_url`, `endpoint`, `url`...) goes to api.openai.com, unless its selector
    names a mapping of the file that has a base URL (gpt-pilot's `provider: openai` beside
    `llm: {openai: {base_url: ...}}`, even null: the program's default): reported on the
    selector (manual), with the base URL to add and the provider's key to put in place of the
    key beside it; its model stays (ML503). An entry on Azure OpenAI (a base URL on its host,
    `https://myres.openai.azure.com`, else a selector of `azure`, `azure_openai_chat`... beside
    a model) is reported too (manual): its models are deployments of the user's resource and
    its key is Azure's, so the entry moves to the provider by hand, all together (not with
    `--provider azure`). So is a Haystack pipeline file's OpenAI component (`type:
    haystack.components.generators.chat.openai.OpenAIChatGenerator`, as `Pipeline.dumps()`
    writes it) whose `init_parameters` name no `api_base_url`, or an Azure one (manual, with the
    `init_parameters` to write); its model stays with it.

    ## A base URL the program reads from its settings file
    Where a config module of the project loads a YAML, JSON or TOML file and binds OpenAI's
    base URL and key from its entries (`RunFacts.config_file_settings`, `file_settings`:
    chatgpt-telegram-bot's bot/config.py, `openai_api_base = config_yaml.get("openai_api_base",
    None)` and `openai_api_key = config_yaml["openai_api_key"]` from config.yml), that file's
    base URL entry, or an example's of it (`config.example.yml`, `config.yml.example`), that
    holds none (null, empty) is a warning (manual): the program's client goes to OpenAI with
    the key beside it, and no variable of the provider's is read. The message names the key's
    line: write the provider's base URL there and put a key of the provider's in the key's
    entry, together (`data`: `setting`, `read_in`, `url_to`, `key_setting`). A URL written
    there is left: OpenAI's is reported as above, another is the user's server. Only the
    files of the run count (the config module must be scanned with the file). ML003 on such
    a client names the file instead of the provider's key variable.

    ## A key default every entry shares
    Where a settings class of the project has a key field and a base-URL field whose defaults
    read the provider's variables, or will once apply rewrites them (MetaGPT's `LLMConfig`:
    `api_key: str = "sk-"` beside `base_url: str = "https://api.openai.com/v1"`, ML402;
    `RunFacts.shared_key_defaults`), a YAML, TOML or JSON mapping whose every key is a field of
    it builds one. Such a mapping naming a server of its own (a URL neither the provider's nor
    OpenAI's: `base_url: http://127.0.0.1:8000/v1`, a local vLLM) and no key takes the
    provider's key there: an error (manual) before and after apply, naming the class's field
    (`data`: `settings_class`, `key_field`, `read_in`, `default_key_variable`, `host`); give
    the entry its own key (even an empty one replaces the default). One that picks
    OpenAI's client and names no base URL goes to the provider through the class's default:
    reported only where a key beside it would go there too (`data`: `settings_class`,
    `read_in`, `default_url_variable`, `entry_key_line`). A class whose key field has no
    default (`api_key: str`) shares no key: only the second holds for it (the key such an
    entry gives is ML505's).

    ## GraphRAG's settings file
    A model entry of GraphRAG's settings.yaml (`migrate_llm.frameworks.graphrag`: under
    `completion_models:` or `embedding_models:`, `model_provider: openai` and no `api_base`,
    as `graphrag init` writes it) is moved (review) where all of it can be: block style, the
    model OpenAI's with a mapping (ML503 writes it) or the provider's, `api_key: ${VAR}` on a
    line of its own reading a variable that is not OpenAI's (`${GRAPHRAG_API_KEY}` read
    nowhere else in the file), and for an embeddings entry a provider whose `[supports]
    embeddings` is true. `apply` writes `api_base: <the provider's URL>` on the line before
    `api_key:`, written out (GraphRAG's `${VAR}` takes no default, so the provider's base-URL
    variable is not read there), and makes `${GRAPHRAG_API_KEY}`, where `graphrag init` has
    `.env` hold the OpenAI key, `${<the provider's key variable>}`: the OpenAI key in `.env`
    stays where it is, never copied. A variable the user named (`${CUSTOM_API_KEY}`) is
    theirs: kept, the message saying it must hold the provider's key. Any other entry stays
    manual as above; an embeddings entry of a provider without embeddings says so. Not for an
    Azure OpenAI target.

    An entry whose `api_base` points at the provider already (its URL, or `${<its base-URL
    variable>}`) while its key reads `${GRAPHRAG_API_KEY}`, the variable `graphrag init` has
    `.env` set to the OpenAI key, gets a warning: that key would go to the provider. `apply`
    makes it `${<the provider's key variable>}` (review) where the file reads GRAPHRAG_API_KEY
    only in such entries and those it moves; manual otherwise.

    A GraphRAG settings file whose text embeddings go to the provider (the entry
    `embed_text.embedding_model_id` names, `default_embedding_model` unless set, has an
    `api_base` on the provider's host or `${<its base-URL variable>}`, or `apply` moves it)
    while `embed_text.batch_size` is above the provider's `embedding_batch_max` (DashScope:
    10), or unset where GraphRAG's default, 16 texts a request, is, gets a warning: such
    requests fail with 400. `apply` writes the provider's most (review): in place of the
    number, or as `batch_size:` before the first setting under `embed_text:`; manual where the
    value is not a number, the block is missing or not in block style, or the file is JSON.
    Likewise, manual, a txtai application's `embeddings:` (in a project whose modules import
    txtai) whose `path:` goes to the provider with no `batch:` at most that limit: txtai hands
    litellm `batch` texts a request, 1024 by default.

    ## Placeholders of the program's own variables
    A mapping of a YAML, TOML or JSON file whose base URL or key is an environment placeholder
    (`base_url: ${BASE_URL}`, `api_key: ${API_KEY}`; also `$VAR`, `${VAR:-default}`) of a
    variable neither OpenAI's (ML501's) nor the provider's, beside a model that goes to the
    provider once migrated (an OpenAI model its table maps, or one of its own), gets a note
    (manual; one a file for each pair of variables) naming the variables and what they must
    hold: the provider's base URL and key. The program fills them from those variables, which
    the provider's do not set (ChatDev's workflows stopped at "Unresolved placeholder
    '${BASE_URL}'" with only DASHSCOPE_* set); apply's Next line names them too. A default
    naming a host is left, as chosen on purpose; so is a mapping that stays on OpenAI or picks
    OpenAI without a base URL (reported above), a GraphRAG model entry, and a mapping that is
    another service's (`config_services`: `api_key = "${env:AIMLAPI_API_KEY}"`, an `api_url`
    on `api.aimlapi.com`), whose key is that service's, not the provider's.

    ## Recorded HTTP traffic
    A cassette (VCR.py's and pytest-recording's `interactions:`, Betamax's
    `http_interactions:`; YAML or JSON: a list of recorded `request:`s with their `uri:`,
    beside the `response:`s) that recorded requests to OpenAI is one warning, on the first of
    them (manual): a test replays its responses only to the requests they match, so once the
    client points at the provider, the cassette is re-recorded there, never edited. The
    OpenAI names in its bodies and headers are not reported apart (ML501 and ML503 see
    recorded output there: notes); a key is still ML505's error.

    ## A whole endpoint in a variable
    OpenAI's URL with a request path after its base (`/chat/completions`:
    `openai_sdk.ENDPOINT_PATHS`) set as one of OpenAI's base-URL variables in a .env
    (MindSearch's `OPENAI_API_BASE=https://api.openai.com/v1/chat/completions`) is a variable
    the code takes for the whole URL it posts to: left (manual, not renamed by ML501), the
    message naming the provider's endpoint with the path kept (`data` `url_to`); the provider's
    base URL alone there sent every request to the base URL (404, t66c).

    ## Example
    ```yaml
    llm:
      base_url: https://api.openai.com/v1   # -> https://api.acme.example/v1
    ```
    """

    code = "ML502"
    name = "config-base-url"
    category = "config"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    kinds = frozenset({"dotenv", "yaml", "toml", "json", "ini", "shell"})
    examples = (
        # t66c: a whole endpoint the code posts to as it is: the path kept in the advice
        Example(
            "OPENAI_API_BASE=https://api.openai.com/v1/chat/completions\n",
            path=".env",
            provider="acme",
            message="https://api.openai.com/v1/chat/completions is OpenAI's endpoint "
            "/chat/completions, set as OPENAI_API_BASE, which holds the whole endpoint (the "
            "code reading it takes it as the whole URL); left alone: its Acme Cloud value is "
            "https://api.acme.example/v1/chat/completions (the path kept; ACME_BASE_URL holds "
            "the base URL https://api.acme.example/v1 only), set with the code that reads it "
            "and its key, by hand",
        ),
        Example(
            "llm:\n  base_url: https://api.openai.com/v1\n",
            path="config.yaml",
            provider="acme",
            message="https://api.openai.com/v1 is OpenAI's endpoint; use Acme Cloud's base URL "
            "https://api.acme.example/v1 instead",
            after="llm:\n  base_url: https://api.acme.example/v1\n",
        ),
        Example(
            '[llm]\nendpoint = "https://api.openai.com/v1/chat/completions"\n',
            path="settings.toml",
            message="https://api.openai.com/v1/chat/completions is OpenAI's endpoint; point it "
            "at the provider's base URL (pass --provider to name it) and check the path after it",
        ),
        Example("OPENAI_BASE_URL=https://api.openai.com/v1\n", path=".env"),
        # t66a: private-gpt's settings.yaml, a variable read with OpenAI's URL as its default
        Example(
            "llm:\n  api_base: ${LLM_API_BASE:https://api.openai.com/v1}\n",
            path="settings.yaml",
            provider="acme",
            message="${LLM_API_BASE:https://api.openai.com/v1} reads LLM_API_BASE and, where it "
            "is unset, OpenAI's base URL https://api.openai.com/v1; write Acme Cloud's base URL "
            "https://api.acme.example/v1 as that default by hand (and where LLM_API_BASE is set, "
            "set it to that URL)",
        ),
        Example(
            "llm:\n  base_url: https://api.openai.com/v1\n  api_key: ${OPENAI_API_KEY}\n",
            path="config.yaml",
            provider="acme",
            message="https://api.openai.com/v1 is OpenAI's endpoint; left alone: switched "
            "alone, it would take the key beside it (line 3) to Acme Cloud. Point both at "
            "Acme Cloud together: base URL https://api.acme.example/v1, key from ACME_API_KEY",
        ),
        # WrenAI's embedder record for a provider without embeddings: the URL stays with it
        Example(
            "transcriber:\n  model: whisper-1\n  api_base: https://api.openai.com/v1\n",
            path="config.yaml",
            provider="acme",
            message="https://api.openai.com/v1 is OpenAI's endpoint; left alone: its record's "
            "model whisper-1 is OpenAI's, for audio, which Acme Cloud does not serve, so "
            "switched alone it would send that model, and the OpenAI key its requests carry, "
            "to Acme Cloud; keep it on OpenAI, or point it at a provider that serves audio, "
            "with that provider's model and key, by hand",
        ),
        Example(
            "BASE_URL=https://api.openai.com/v1\nAPI_KEY=sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6\n",
            path=".env",
            provider="acme",
            message="https://api.openai.com/v1 is OpenAI's endpoint; left alone: switched "
            "alone, it would take the key beside it (line 2) to Acme Cloud. Point both at "
            "Acme Cloud together: base URL https://api.acme.example/v1, and an Acme Cloud key "
            "where the program reads line 2's (your own copy of the file: a key committed there "
            "is ML505's error)",
        ),
        Example(
            '[API_KEYS]\nOPENAI = "<YOUR_OPENAI_API_KEY>"\n\n'
            '[API_ENDPOINTS]\nOPENAI = "https://api.openai.com/v1"\n',
            path="config.toml",
            provider="acme",
            message="https://api.openai.com/v1 is OpenAI's endpoint; left alone: switched "
            "alone, it would take the OpenAI key that API_KEYS.OPENAI (line 2) asks for to Acme "
            "Cloud. Point both at Acme Cloud together: base URL https://api.acme.example/v1 "
            "here, and an Acme Cloud key where the program reads line 2's (your own copy of the "
            "file: a key committed there is ML505's error)",
        ),
        Example(
            '[API_KEYS]\nOPENAI = ""\n\n[API_ENDPOINTS]\nOPENAI = "https://api.openai.com/v1"\n',
            path="config.toml",
            provider="acme",
            after='[API_KEYS]\nOPENAI = ""\n\n'
            '[API_ENDPOINTS]\nOPENAI = "https://api.acme.example/v1"\n',
        ),
        Example(
            "BASE_URL=https://api.openai.com/v1\nAPI_KEY=sk-your-openai-key\n",
            path=".env.example",
            provider="acme",
            message="https://api.openai.com/v1 is OpenAI's endpoint; left alone: switched "
            "alone, it would take the OpenAI key that line 2 asks for to Acme Cloud. Point both "
            "at Acme Cloud together: base URL https://api.acme.example/v1 here, and an Acme "
            "Cloud key where the program reads line 2's (your own copy of the file: a key "
            "committed there is ML505's error)",
        ),
        # t59a D1: the URL switched by hand, the key line still asking for OpenAI's
        Example(
            "BASE_URL=https://api.acme.example/v1\n# your OpenAI API key\nAPI_KEY=\n",
            path=".env.example",
            provider="acme",
            message="API_KEY (line 3) asks for an OpenAI key (the comment on line 2) beside "
            "Acme Cloud's base URL (line 1): the key put there goes to Acme Cloud; make the "
            "comment ask for an Acme Cloud key, never the OpenAI key (yours only in your own "
            "copy of the file: a key committed there is ML505's error), by hand",
        ),
        Example(
            "BASE_URL=https://api.openai.com/v1\nAPI_KEY=sk-your-api-key-here\n",
            path=".env.example",
            provider="acme",
            after="BASE_URL=https://api.acme.example/v1\nAPI_KEY=sk-your-api-key-here\n",
        ),
        Example(
            "LLM_BASE_URL=https://api.openai.com/v1\nSERPER_API_KEY=3f9a1c0b7e2d4a6f8b1c2d3e\n",
            path=".env",
            provider="acme",
            after="LLM_BASE_URL=https://api.acme.example/v1\nSERPER_API_KEY=3f9a1c0b7e2d4a6f8b1c2d3e\n",
        ),
        Example(
            "llm:\n  model_provider: openai\n  model: acme-large\n  api_key: ${APP_KEY}\n",
            path="settings.yaml",
            provider="acme",
            message="this entry picks OpenAI (model_provider: openai) and names no base URL: it "
            "goes to api.openai.com; add `api_base: https://api.acme.example/v1` and put Acme "
            "Cloud's key (from ACME_API_KEY) in place of the key on line 4 (${APP_KEY}), together",
        ),
        Example(
            "completion_models:\n  default_completion_model:\n    model_provider: openai\n"
            "    model: acme-large\n    api_key: ${GRAPHRAG_API_KEY}  # in .env\n",
            path="settings.yaml",
            provider="acme",
            message="this entry picks OpenAI (model_provider: openai) and names no base URL: it "
            "goes to api.openai.com; apply adds `api_base: https://api.acme.example/v1` before "
            "line 5, written out (GraphRAG's ${VAR} takes no default: ACME_BASE_URL is not "
            "read), and the key on line 5 reads ${ACME_API_KEY} instead of ${GRAPHRAG_API_KEY}: "
            "set ACME_API_KEY where GraphRAG runs (its .env)",
            after="completion_models:\n  default_completion_model:\n    model_provider: openai\n"
            "    model: acme-large\n    api_base: https://api.acme.example/v1\n"
            "    api_key: ${ACME_API_KEY}  # in .env\n",
        ),
        # t53f: graphrag's own test fixture reads a variable its test sets
        Example(
            "completion_models:\n  default_completion_model:\n    model_provider: openai\n"
            "    model: acme-large\n    api_key: ${CUSTOM_API_KEY}\n",
            path="settings.yaml",
            provider="acme",
            message="this entry picks OpenAI (model_provider: openai) and names no base URL: it "
            "goes to api.openai.com; apply adds `api_base: https://api.acme.example/v1` before "
            "line 5, written out (GraphRAG's ${VAR} takes no default: ACME_BASE_URL is not "
            "read); its key on line 5 stays read from CUSTOM_API_KEY, a variable of yours: put "
            "Acme Cloud's key in it",
            after="completion_models:\n  default_completion_model:\n    model_provider: openai\n"
            "    model: acme-large\n    api_base: https://api.acme.example/v1\n"
            "    api_key: ${CUSTOM_API_KEY}\n",
        ),
        Example(
            "completion_models:\n  default_completion_model:\n    model_provider: openai\n"
            "    model: acme-large\n    api_base: ${ACME_BASE_URL}\n"
            "    api_key: ${GRAPHRAG_API_KEY}\n",
            path="settings.yaml",
            provider="acme",
            message="this entry's `api_base:` points at Acme Cloud, but its key reads "
            "${GRAPHRAG_API_KEY}, the variable `graphrag init` has .env set to your OpenAI key: "
            "that key would go to Acme Cloud; apply makes it read ${ACME_API_KEY}: set "
            "ACME_API_KEY where GraphRAG runs (its .env)",
            after="completion_models:\n  default_completion_model:\n    model_provider: openai\n"
            "    model: acme-large\n    api_base: ${ACME_BASE_URL}\n"
            "    api_key: ${ACME_API_KEY}\n",
        ),
        Example(
            "embedding_models:\n  default_embedding_model:\n    model_provider: openai\n"
            "    model: acme-embed\n    api_base: ${ACME_BASE_URL}\n\n"
            "embed_text:\n  batch_size: 32\n",
            path="settings.yaml",
            provider="acme",
            message="embed_text.batch_size is 32: GraphRAG sends 32 texts a request to "
            "default_embedding_model, and Acme Cloud embeds at most 16 inputs per request (more "
            "fail with 400); apply writes `batch_size: 16` there",
            after="embedding_models:\n  default_embedding_model:\n    model_provider: openai\n"
            "    model: acme-embed\n    api_base: ${ACME_BASE_URL}\n\n"
            "embed_text:\n  batch_size: 16\n",
        ),
        Example(
            "chat:\n  model_provider: azure\n  api_base: https://myres.openai.azure.com\n"
            "  azure_deployment_name: chat\n",
            path="settings.yaml",
            provider="acme",
            message="https://myres.openai.azure.com is an Azure OpenAI endpoint: this entry's "
            "models are deployments of your resource and its key is Azure's; left alone: move the "
            "entry to Acme Cloud by hand, all together: base URL https://api.acme.example/v1, "
            "`model_provider: openai`, Acme Cloud's model in place of the deployment and the key "
            "from ACME_API_KEY",
        ),
        Example(
            'model_provider = "openai"\nmodel = "acme-large"\n'
            'api_base = "https://api.acme.example/v1"\n',
            path="settings.toml",
            provider="acme",
            finds=False,
        ),
        Example(
            '{"llm": {"openai": {"base_url": "https://api.acme.example/v1"}},\n'
            ' "agent": {"provider": "openai", "model": "acme-large"}}\n',
            path="config.json",
            provider="acme",
            finds=False,
        ),
        Example(
            "export LLM_URL=https://api.openai.com/v1\npython app.py\n",
            path="run.sh",
            provider="acme",
            message="https://api.openai.com/v1 is OpenAI's endpoint; use Acme Cloud's base URL "
            "https://api.acme.example/v1 instead, by hand",
            after="export LLM_URL=https://api.openai.com/v1\npython app.py\n",
        ),
        # t51a: ChatDev's workflow nodes
        Example(
            "llm:\n  model: gpt-4o\n  base_url: ${BASE_URL}\n  api_key: ${API_KEY}\n",
            path="config.yaml",
            provider="acme",
            message="${BASE_URL} and ${API_KEY} (line 4) read BASE_URL and API_KEY from the "
            "environment, and the model beside them (gpt-4o, line 2) maps to acme-large on Acme "
            "Cloud: set BASE_URL to Acme Cloud's base URL https://api.acme.example/v1 (not "
            "OpenAI's) and API_KEY to your Acme Cloud key where the program reads them; "
            "ACME_BASE_URL and ACME_API_KEY do not fill them",
        ),
        Example('{"base_url": "https://api.acme.example/v1"}', path="config.json", finds=False),
        Example('{"docs": "https://platform.openai.com/docs"}', path="config.json", finds=False),
        Example(
            '{"title": "Migration", "body": "Calls to https://api.openai.com/v1/engines stopped '
            'working in 2023."}',
            path="articles/engines.json",
            provider="acme",
            message="https://api.openai.com/v1/engines is named inside a text, not set as an "
            "endpoint: left alone (change it by hand if the text is a command or template that "
            "sends requests there)",
        ),
        Example(
            _CASSETTE,
            path="tests/cassettes/test_chat.yaml",
            provider="acme",
            message="recorded OpenAI traffic (1 request to api.openai.com): re-record this "
            "cassette against Acme Cloud (e.g. `pytest --record-mode=rewrite`) after the switch; "
            "apply leaves recordings as they are",
            after=_CASSETTE,
        ),
        Example(
            "response:\n  headers:\n    Set-Cookie:\n"
            "    - _cfuvid=x; path=/; Domain=api.openai.com; HttpOnly\n",
            path="tests/cassettes/test_chat.yaml",
            finds=False,
        ),
    )

    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        self.pattern = openai_host_pattern(ctx)

    def run(self, doc: ConfigDocument) -> list[Finding]:
        # a cassette's one finding is its own, not the note on recorded output
        return list(self.check(doc)) if doc.requests else super().run(doc)

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if is_target(self.ctx):
            return
        if doc.requests:
            yield from self._recorded_traffic(doc)
            return
        plan = dotenv_plan(self.ctx, doc)
        # Kubernetes / ECS `{name: OPENAI_BASE_URL, value: ...}`: the variable each value sets.
        names = {e.rooted[:-1]: e.value for e in doc.entries if e.key == "name" and e.value}
        for entry in doc.entries:
            if entry.value is None or entry.value_span is None:
                continue
            found = self.pattern.search(entry.value)
            if found is None or _COOKIE_DOMAIN.search(entry.value, 0, found.start()):
                continue  # `Set-Cookie: ...; Domain=api.openai.com` in a recorded response
            if not is_url_setting(entry):
                yield self._mention(doc, entry, found.start(), found.end())
                continue
            variable = names.get(entry.rooted[:-1]) if entry.key == "value" else entry.key
            if not FORMATS[doc.kind].variables or (
                variable is not None and not is_openai_var(self.ctx, variable)
            ):
                variable = None
            renamed = None
            if entry.key in BASE_VARS and entry.key_span is not None:
                renamed = plan.get(entry.key_span)
            yield self._report(doc, entry, variable, renamed)
        moves = graphrag_entries(self.ctx, doc)
        mappings = keyed_mappings(doc)
        shared = self.ctx.facts.shared_key_defaults
        for block, selector in openai_by_default(doc).items():
            built = built_class(shared, mappings.get(block, {})) if block not in moves else None
            if built is not None:
                yield from self._class_endpoint(doc, block, selector, built)
                continue
            yield self._default_endpoint(doc, block, selector, moves.get(block))
        for keys in mappings.values():
            built = built_class(shared, keys)
            if built is not None:
                yield from self._shared_key(doc, keys, built)
        for rekey in init_key_entries(self.ctx, doc).values():
            yield self._init_key(doc, rekey)
        batch = embedding_batch(self.ctx, doc)
        if batch is not None:
            yield self._embedding_batch(doc, batch)
        txtai_batch = self._txtai_batch(doc)
        if txtai_batch is not None:
            yield txtai_batch
        if self.ctx.provider is None or self.ctx.provider.azure is None:
            # a promptflow Azure OpenAI connection file is ML698's, with pf's own words
            held = () if self.ctx.provider is not None and _promptflow_azure(doc) else None
            for block, entry in azure_entries(self.ctx, doc).items():
                if block != held:
                    yield self._azure_endpoint(doc, block, entry)
        for kind, cls in haystack_components(doc).values():
            yield self._haystack_component(doc, kind, cls)
        yield from self._read_settings(doc)
        yield from self._placeholders(doc)
        for ask in openai_key_asks(self.ctx, doc):
            yield self._key_ask(doc, ask)

    def _key_ask(self, doc: ConfigDocument, ask: KeyAsk) -> Finding:
        """A key entry asking for OpenAI's key beside a base URL on another provider's host
        (`config_key_asks`): the key a user puts there, as asked, goes to that provider."""
        key, owner = ask.key, ask.owner
        value = key.value_span
        span = value if value is not None and value.end > value.start else key.key_span
        assert span is not None and ask.url.value_span is not None
        line = doc.lines.position(span.start)[0]
        url_line = doc.lines.position(ask.url.value_span.start)[0]
        setting = ".".join(key.path)
        data: dict[str, object] = {
            "key_setting": setting,
            "url_line": url_line,
            "url_provider": owner.id,
            "asked_by": ask.by,
        }
        if ask.comment_line is not None:
            data["comment_line"] = ask.comment_line
            where = "on its line" if ask.comment_line == line else f"on line {ask.comment_line}"
            what, fix_it = f"the comment {where}", "the comment"
        else:
            what, fix_it = f"the stand-in {shown(key.value or '')}", "the stand-in"
        message = (
            f"{setting} (line {line}) asks for an OpenAI key ({what}) beside {owner.name}'s "
            f"base URL (line {url_line}): the key put there goes to {owner.name}; make "
            f"{fix_it} ask for {article(owner.name)} {owner.name} key, never the OpenAI key "
            "(yours only in your own copy of the file: a key committed there is ML505's "
            "error), by hand"
        )
        return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)

    def _read_settings(self, doc: ConfigDocument) -> Iterator[Finding]:
        """The entry of a settings file a config module of the project loads (or of an example
        of it: `config.example.yml` for `config.yml`) that the module reads as OpenAI's base
        URL, holding none (null, empty): the program's client goes to OpenAI, with the key the
        module reads beside it (`RunFacts.config_file_settings`: chatgpt-telegram-bot's
        `openai_api_base: null` and `openai_api_key: ""`). Left to a person: the provider's
        URL and key go there together."""
        provider, base = self.ctx.provider, self.ctx.base_url
        if provider is None or base is None or doc.kind not in ("yaml", "toml", "json"):
            return
        settings = sorted(
            s for s in self.ctx.facts.config_file_settings if stands_for(doc.path, s.file)
        )
        top = {e.key: e for e in doc.entries if len(e.path) == 1 and e.key is not None}
        for setting in (s for s in settings if s.role == "base_url"):
            entry = top.get(setting.key)
            if entry is None or entry.key_span is None:
                continue
            value = scalar_text(doc, entry)
            if value not in (None, "", "null", "Null", "NULL", "~"):
                continue  # a URL: OpenAI's is reported above; another is the user's server
            held = "null" if value else "empty"
            keys = [
                top[s.key]
                for s in settings
                if s.role == "key" and s.module == setting.module and s.key in top
            ]
            data: dict[str, object] = {
                "setting": setting.key,
                "read_in": setting.shown,
                "url_to": client_base_url(provider, base),
            }
            said, put = "", ""
            if keys and keys[0].key_span is not None:
                line = doc.lines.position(keys[0].key_span.start)[0]
                said = f", and {keys[0].key} (line {line}) its key"
                put = f" and a {provider.name} key (not an OpenAI one) in {keys[0].key}"
                data["key_setting"] = keys[0].key
            message = (
                f"{setting.key} is the base URL {setting.shown} reads for the program's OpenAI "
                f"client ({held} here: OpenAI's){said}: write {provider.name}'s "
                f"{data['url_to']} here{put}, together, by hand"
            )
            yield self.finding_at(
                doc,
                entry.key_span,
                message,
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data=data,
            )

    def _placeholders(self, doc: ConfigDocument) -> Iterator[Finding]:
        """The mappings whose base URL or key reads a variable of the program's own
        (`${BASE_URL}`) beside a model that goes to the provider: one note per pair of
        variables in a file, naming them and what they must hold."""
        provider, base = self.ctx.provider, self.ctx.base_url
        if provider is None or base is None:
            return
        groups: dict[tuple[str | None, str | None], list[PlaceholderRead]] = {}
        for read in placeholder_reads(self.ctx, doc):
            groups.setdefault(read.variables, []).append(read)
        for (url_var, key_var), reads in groups.items():
            first = reads[0]
            entry = first.first
            assert entry.value is not None and entry.value_span is not None
            values = entry.value.strip()
            if first.url is not None and first.key is not None:
                key = first.key[0]
                values += f" and {(key.value or '').strip()} (line {self._line(doc, key)})"
            model = first.model
            written = (model.value or "").strip()
            goes = (
                f"maps to {first.mapped} on {provider.name}"
                if written != first.mapped
                else f"is {provider.name}'s"
            )
            both = url_var is not None and key_var is not None
            variables = " and ".join(v for v in (url_var, key_var) if v)
            beside = "them" if both else "it"
            sets = []
            data: dict[str, object] = {"mappings": len(reads)}
            if url_var is not None:
                sets.append(f"{url_var} to {provider.name}'s base URL {base} (not OpenAI's)")
                data.update(url_variable=url_var, url_to=base)
            if key_var is not None:
                sets.append(f"{key_var} to your {provider.name} key")
                data["key_variable"] = key_var
            unread = " and ".join(
                v
                for v, read in ((provider.base_url_env, url_var), (provider.api_key_env, key_var))
                if read
            )
            others = len(reads) - 1
            more = (
                f" (so {'does' if others == 1 else 'do'} {others} more "
                f"mapping{'' if others == 1 else 's'} of this file)"
                if others
                else ""
            )
            message = (
                f"{values} {'read' if both else 'reads'} {variables} from the "
                f"environment{more}, and the model beside {beside} ({written}, line "
                f"{self._line(doc, model)}) {goes}: set {' and '.join(sets)} where the program "
                f"reads {beside}; {unread} {'do' if both else 'does'} not fill {beside}"
            )
            yield self.finding_at(
                doc,
                entry.value_span,
                message,
                severity=Severity.NOTE,
                fix=FixClass.MANUAL,
                data=data,
            )

    @staticmethod
    def _line(doc: ConfigDocument, entry: Entry) -> int:
        assert entry.value_span is not None
        return doc.lines.position(entry.value_span.start)[0]

    def _recorded_traffic(self, doc: ConfigDocument) -> Iterator[Finding]:
        """A cassette's requests to OpenAI, one finding on the first: a test replays its
        responses to requests that must match them, so it is re-recorded, never edited."""
        found = [(e, m) for e in doc.requests if (m := self.pattern.search(e.value or ""))]
        if not found:
            return
        first = found[0][0]
        assert first.value is not None and first.value_span is not None
        hosts = " and ".join(dict.fromkeys(m.group(0).lower() for _, m in found))
        requests = f"{len(found)} request{'s' if len(found) > 1 else ''} to {hosts}"
        against = self.ctx.provider.name if self.ctx.provider is not None else "the provider"
        # pytest-recording's option; VCR.py's `record_mode` is set where the test sets it
        how = " (e.g. `pytest --record-mode=rewrite`)" if first.path[0] == "interactions" else ""
        message = (
            f"recorded OpenAI traffic ({requests}): re-record this cassette against {against}"
            f"{how} after the switch; apply leaves recordings as they are"
        )
        data = {
            "url_from": mask_secrets(first.value.strip()),
            "requests": len(found),
            "recorded_output": doc.recorded,
        }
        yield self.finding_at(
            doc,
            first.value_span,
            message,
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=data,
        )

    def _haystack_component(self, doc: ConfigDocument, kind: Entry, cls: FrameworkClass) -> Finding:
        """A component of a Haystack pipeline file that talks to OpenAI (ML680 rewrites the
        ones built in code; a file's are left, with what to write in its init_parameters)."""
        assert kind.value_span is not None
        provider, base = self.ctx.provider, self.ctx.base_url
        azure = " Azure" if cls.azure else ""
        head = f"this Haystack pipeline builds {cls.name}, which talks to{azure} OpenAI"
        if provider is None or base is None:
            message = f"{head}; pass --provider to see what to set in its init_parameters"
        elif cls.kind == "embeddings" and provider.supports.get("embeddings") is False:
            message = (
                f"{head}; {provider.name} serves no embeddings: keep it on OpenAI or embed with "
                "another provider, by hand"
            )
        else:
            plain = f"make it an {cls.plain} (`type:` its qualified name) with " if azure else ""
            message = (
                f"{head}; {plain or 'set '}init_parameters api_base_url: {base} and api_key: "
                f"{{type: env_var, env_vars: [{provider.api_key_env}], strict: true}} and "
                f"{provider.name}'s model, by hand"
            )
        return self.finding_at(doc, kind.value_span, message, fix=FixClass.MANUAL)

    def _default_endpoint(
        self, doc: ConfigDocument, block: tuple[str, ...], selector: Entry, move: Move | None
    ) -> Finding:
        """A mapping that picks OpenAI's client and names no base URL: it goes to OpenAI."""
        assert selector.key is not None and selector.value_span is not None
        url_key = sdk.CONFIG_PROVIDER_KEYS[config_key(selector.key)]
        head = f"{picks_openai(selector)} and names no base URL: it goes to {self._openai_host()}"
        provider, base = self.ctx.provider, self.ctx.base_url
        data: dict[str, object] = {"url_from": self.ctx.openai.base_url, "url_key": url_key}
        if provider is None or base is None:
            message = (
                f"{head}; add `{url_key}:` with the provider's base URL, and its key "
                "(pass --provider to name them)"
            )
            return self.finding_at(
                doc, selector.value_span, message, fix=FixClass.MANUAL, data=data
            )
        base = client_base_url(provider, base)
        data["url_to"] = base
        if move is not None and move.edit is not None:
            return self._graphrag_move(doc, selector, move, head, data)
        if move is not None and move.surface != "chat" and provider.support(move.surface) is False:
            message = (
                f"{head}; {move.left}: keep this entry on OpenAI or point it at a provider that "
                f"serves {move.surface}, with its base URL, key and model, by hand"
            )
            return self.finding_at(
                doc, selector.value_span, message, fix=FixClass.MANUAL, data=data
            )
        key = key_beside(self.ctx, doc, block)
        if key is not None and key.value_span is not None:
            line = doc.lines.position(key.value_span.start)[0]
            tail = (
                f"and put {provider.name}'s key (from {provider.api_key_env}) in place of "
                f"the key on line {line} ({shown(key.value or '')}), together"
            )
        else:
            tail = f"and {provider.name}'s key (from {provider.api_key_env})"
        message = f"{head}; add `{url_key}: {base}` {tail}"
        if move is not None:
            message += f" (apply leaves this GraphRAG entry: {move.left})"
        return self.finding_at(doc, selector.value_span, message, fix=FixClass.MANUAL, data=data)

    def _class_endpoint(
        self, doc: ConfigDocument, block: tuple[str, ...], selector: Entry, built: SharedKeyDefault
    ) -> Iterator[Finding]:
        """A mapping that picks OpenAI's client and names no base URL, building a settings
        class of the project whose base-URL default is (or apply makes it) the provider's
        (`RunFacts.shared_key_defaults`): it goes to the provider. Reported only where a key
        beside it would go there too."""
        provider = self.ctx.provider
        key = key_beside(self.ctx, doc, block)
        if provider is None or key is None or key.value_span is None:
            return
        assert selector.value_span is not None
        line = doc.lines.position(key.value_span.start)[0]
        reads = "reads" if built.applied else "apply makes read"
        deleted = (
            f", or delete that line so {built.cls}.{built.key_field}'s default reads "
            f"{provider.api_key_env}"
            if built.key_default
            else ""
        )
        message = (
            f"{picks_openai(selector)} and names no base URL: it takes the default of "
            f"{built.cls}.{built.url_field} (line {built.url_line} of {built.shown}), which "
            f"{reads} {provider.base_url_env}: {provider.name}; the key on line {line} "
            f"({shown(key.value or '')}) goes there too: put a {provider.name} key in its "
            f"place{deleted}, by hand"
        )
        data: dict[str, object] = {
            "settings_class": built.cls,
            "read_in": f"{built.shown}:{built.url_line}",
            "default_url_variable": provider.base_url_env,
            "entry_key_line": line,
        }
        yield self.finding_at(doc, selector.value_span, message, fix=FixClass.MANUAL, data=data)

    def _shared_key(
        self, doc: ConfigDocument, keys: dict[str, Entry], built: SharedKeyDefault
    ) -> Iterator[Finding]:
        """A mapping building a settings class of the project whose key default is (or apply
        makes it) the provider's key variable (`RunFacts.shared_key_defaults`), that names a
        server of its own (not the provider's, not OpenAI's) and no key: the provider's key
        goes to that server."""
        provider = self.ctx.provider
        url = keys.get(config_key(built.url_field))
        if provider is None or url is None or url.value_span is None or not built.key_default:
            return  # no key default: the entry must give its own key
        if any(k in keys for k in (config_key(built.key_field), *_KEY_NAMES)):
            return  # the entry's own key (even an empty one) replaces the default
        value = (url.value or "").strip()
        host = urlsplit(value).hostname if value.startswith(("http://", "https://")) else None
        base = self.ctx.base_url or provider.base_url
        ours = provider_hosts((base, provider.base_url, *provider.regions.values()), provider.hosts)
        if host is None or host in ours or host in self.ctx.openai.hosts:
            return
        reads = "reads" if built.applied else "apply makes read"
        message = (
            f"this entry sends requests to {shown(value)} and names no {built.key_field}: it "
            f"takes the default of {built.cls}.{built.key_field} (line {built.line} of "
            f"{built.shown}), which {reads} {provider.api_key_env}, so your {provider.name} "
            f"key would go to {urlsplit(value).netloc}; give this entry its own "
            f"`{built.key_field}:` (what that server expects; any text where it needs none), "
            "by hand"
        )
        data: dict[str, object] = {
            "settings_class": built.cls,
            "key_field": built.key_field,
            "read_in": f"{built.shown}:{built.line}",
            "default_key_variable": provider.api_key_env,
            "host": host,
        }
        yield self.finding_at(doc, url.value_span, message, fix=FixClass.MANUAL, data=data)

    def _graphrag_move(
        self,
        doc: ConfigDocument,
        selector: Entry,
        move: Move,
        head: str,
        data: dict[str, object],
    ) -> Finding:
        """A GraphRAG model entry `apply` points at the provider (`config_graphrag`)."""
        provider = self.ctx.provider
        assert provider is not None and selector.value_span is not None
        assert move.key is not None and move.key.value_span is not None and move.variable
        line = doc.lines.position(move.key.value_span.start)[0]
        written = (
            f"apply adds `{fw.BASE_URL_KEY}: {move.url}` before line {line}, written out "
            f"(GraphRAG's ${{VAR}} takes no default: {provider.base_url_env} is not read)"
        )
        if move.variable == provider.api_key_env:
            key = f"; its key is read from {provider.api_key_env} already"
        elif move.variable != fw.INIT_KEY:  # a variable the user named: theirs, kept
            key = (
                f"; its key on line {line} stays read from {move.variable}, a variable of "
                f"yours: put {provider.name}'s key in it"
            )
        else:
            key = (
                f", and the key on line {line} reads ${{{provider.api_key_env}}} instead of "
                f"${{{move.variable}}}: set {provider.api_key_env} where GraphRAG runs (its .env)"
            )
            data["key_from"] = move.variable
            data["key_to"] = provider.api_key_env
        return self.finding_at(
            doc,
            selector.value_span,
            f"{head}; {written}{key}",
            fix=FixClass.REVIEW,
            edit=move.edit,
            data=data,
        )

    def _init_key(self, doc: ConfigDocument, rekey: Rekey) -> Finding:
        """A GraphRAG model entry pointed at the provider whose key still reads the variable
        `graphrag init` has hold the OpenAI key."""
        provider = self.ctx.provider
        assert provider is not None and rekey.key.value_span is not None
        target = provider.api_key_env
        head = (
            f"this entry's `{fw.BASE_URL_KEY}:` points at {provider.name}, but its key reads "
            f"${{{fw.INIT_KEY}}}, the variable `graphrag init` has .env set to your OpenAI key: "
            f"that key would go to {provider.name}"
        )
        set_it = f"set {target} where GraphRAG runs (its .env)"
        if rekey.edit is not None:
            message = f"{head}; apply makes it read ${{{target}}}: {set_it}"
            fix = FixClass.REVIEW
        else:
            message = f"{head}; make it read ${{{target}}} and {set_it}, by hand ({rekey.left})"
            fix = FixClass.MANUAL
        return self.finding_at(
            doc,
            rekey.key.value_span,
            message,
            severity=Severity.WARNING,
            fix=fix,
            edit=rekey.edit,
            data={"key_from": fw.INIT_KEY, "key_to": target},
        )

    def _txtai_batch(self, doc: ConfigDocument) -> Finding | None:
        """A txtai application's `embeddings:` whose model goes to the provider (on its litellm
        route, or an OpenAI model its table maps) with no `batch` at most the provider's
        `embedding_batch_max`: txtai hands litellm `batch` texts a request (default 1024)."""
        provider = self.ctx.provider
        if provider is None or doc.kind != "yaml" or not self.ctx.facts.txtai_project:
            return None
        most = provider.params.get("embedding_batch_max")
        if not isinstance(most, int) or most >= txtai.BATCH_DEFAULT:
            return None
        entries = {e.path: e for e in doc.entries}
        path = entries.get((txtai.EMBEDDINGS_SECTION, txtai.MODEL_KEYWORD))
        if path is None or path.value is None or path.key_span is None:
            return None
        value = path.value.strip()
        route = provider.frameworks.get("litellm_prefix")
        model = value.removeprefix("openai/")
        if not (
            (isinstance(route, str) and value.startswith(f"{route}/"))
            or (self.ctx.openai.serves(model) and self.ctx.map_model(model) is not None)
        ):
            return None
        given = entries.get((txtai.EMBEDDINGS_SECTION, txtai.BATCH_KEY))
        text = (given.value or "").strip() if given is not None else None
        if text is not None and (not text.isdigit() or int(text) <= most):
            return None  # at most the limit, or not a number written here
        sends = f"batch: {text}" if text is not None else "batch's default"
        count = text if text is not None else txtai.BATCH_DEFAULT
        return self.finding_at(
            doc,
            path.key_span,
            f"txtai sends up to {count} texts in one embeddings request ({sends}) to {value}, "
            f"and {provider.name} embeds at most {most} inputs per request: set "
            f"`{txtai.BATCH_KEY}: {most}` under {txtai.EMBEDDINGS_SECTION}:, by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={"setting": txtai.BATCH_KEY, "batch_size": count, "batch_max": most},
        )

    def _embedding_batch(self, doc: ConfigDocument, batch: Batch) -> Finding:
        """GraphRAG's text embeddings sent to the provider in batches larger than it takes."""
        provider = self.ctx.provider
        assert provider is not None
        setting = f"{fw.EMBED_TEXT}.{fw.BATCH_SIZE}"
        if not batch.written:
            sends = f"is not set: GraphRAG sends {fw.BATCH_DEFAULT} texts"
        elif batch.size is None:
            sends = "is not a number written here: GraphRAG sends that many texts"
        else:
            sends = f"is {batch.size}: GraphRAG sends {batch.size} texts"
        head = (
            f"{setting} {sends} a request to {batch.model_id}, and {provider.name} embeds at "
            f"most {batch.most} inputs per request (more fail with 400)"
        )
        if batch.edit is not None:
            where = "there" if batch.written else f"under {fw.EMBED_TEXT}:"
            message = f"{head}; apply writes `{fw.BATCH_SIZE}: {batch.most}` {where}"
            fix = FixClass.REVIEW
        else:
            message = f"{head}; set `{setting}` to at most {batch.most}, by hand"
            fix = FixClass.MANUAL
        return self.finding_at(
            doc,
            batch.at,
            message,
            severity=Severity.WARNING,
            fix=fix,
            edit=batch.edit,
            data={"setting": setting, "batch_size": batch.size, "batch_max": batch.most},
        )

    def _azure_endpoint(self, doc: ConfigDocument, block: tuple[str, ...], entry: Entry) -> Finding:
        """An entry on Azure OpenAI (its endpoint, or `model_provider: azure`): its models are
        deployments, its key is Azure's."""
        assert entry.key is not None and entry.value is not None and entry.value_span is not None
        value = entry.value.strip()
        data: dict[str, object] = {}
        if config_key(entry.key) in sdk.CONFIG_PROVIDER_KEYS:
            where = f"this entry picks Azure OpenAI ({entry.key}: {value}): its"
        else:
            where = f"{shown(value)} is an Azure OpenAI endpoint: this entry's"
            data["url_from"] = mask_secrets(value)
        head = f"{where} models are deployments of your resource and its key is Azure's"
        provider, base = self.ctx.provider, self.ctx.base_url
        if provider is None or base is None:
            message = f"{head}; pass --provider to see what replaces them"
            return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)
        data["url_to"] = base
        selector = selector_of(doc, block)
        pick = f", `{selector.key}: openai`" if selector is not None else ""
        message = (
            f"{head}; left alone: move the entry to {provider.name} by hand, all together: "
            f"base URL {base}{pick}, {provider.name}'s model in place of the deployment and the "
            f"key from {provider.api_key_env}"
        )
        return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)

    def _mention(self, doc: ConfigDocument, entry: Entry, start: int, end: int) -> Finding:
        """OpenAI's host at `start:end` of a text (prose, a prompt): not a setting the program
        reads, so information only (a note; `check` passes), left alone."""
        assert entry.value is not None and entry.value_span is not None
        url = _word_around(entry.value, start, end)
        message = (
            f"{shown(url)} is named inside a text, not set as an endpoint: left alone (change "
            "it by hand if the text is a command or template that sends requests there)"
        )
        return self.finding_at(
            doc,
            entry.value_span,
            message,
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"url_from": mask_secrets(url)},
        )

    def _openai_host(self) -> str:
        return urlsplit(self.ctx.openai.base_url).hostname or self.ctx.openai.base_url

    def _model_kept(self, doc: ConfigDocument, entry: Entry) -> tuple[str, str, str] | None:
        """The OpenAI model of the mapping holding base URL `entry` (`model:` beside it, on
        litellm's `openai/` route or bare) that stays OpenAI's: one the provider has no
        mapping for, or of an API it does not serve (WrenAI's embedder record of
        `text-embedding-3-large`); with why and what to do. None where it moves."""
        provider = self.ctx.provider
        assert provider is not None
        for e in doc.entries:
            if e.rooted[:-1] != entry.rooted[:-1] or e.key is None:
                continue
            if config_key(e.key) not in sdk.CONFIG_MODEL_KEYS:
                continue
            value = (e.value or "").strip()
            model = value.removeprefix("openai/")
            if not self.ctx.openai.serves(model) or model in self.ctx.models:
                continue  # not OpenAI's, or mapped by --model: the person's choice
            surface = sdk.surface_of_model(model)
            if surface != "chat" and provider.support(surface) is False:
                why = f"is OpenAI's, for {surface}, which {provider.name} does not serve"
                keep = (
                    f"keep it on OpenAI, or point it at a provider that serves {surface}, with "
                    "that provider's model and key, by hand"
                )
                return value, why, keep
            if self.ctx.map_model(model) is None and provider.azure is None:
                # Azure OpenAI's models are deployments ML503 asks to name; its URL moves
                why = f"is OpenAI's and has no {provider.name} mapping"
                keep = (
                    f"keep it on OpenAI, or point the model (--model {model}=NAME), this URL "
                    f"and its key at {provider.name} together"
                )
                return value, why, keep
        return None

    def _report(
        self, doc: ConfigDocument, entry: Entry, variable: str | None, renamed: Edit | None
    ) -> Finding:
        assert entry.value is not None and entry.value_span is not None
        url = shown(entry.value.strip())
        plain = is_openai_base(self.ctx, entry.value)
        provider, base = self.ctx.provider, self.ctx.base_url
        data: dict[str, object] = {"url_from": mask_secrets(entry.value.strip())}
        if variable is not None:
            data["variable"] = variable
        if provider is None or base is None:
            where = "point it at the provider's base URL (pass --provider to name it)"
            if plain:
                return self.finding_at(
                    doc, entry.value_span, f"{url} is OpenAI's endpoint; {where}", data=data
                )
            message = f"{url} is OpenAI's endpoint; {where} and check the path after it"
            return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)
        data["url_to"] = base
        use = f"{url} is OpenAI's endpoint; use {provider.name}'s base URL {base} instead"
        path = sdk.endpoint_path(entry.value) if variable is not None and not plain else None
        if path is not None and renamed is None:
            # the variable holds a whole endpoint that code posts to as it is (MindSearch's
            # OPENAI_API_BASE): the provider's base URL alone would be no endpoint (404)
            data["url_to"] = f"{base.rstrip('/')}{path}"
            message = (
                f"{url} is OpenAI's endpoint {path}, set as {variable}, which holds the whole "
                f"endpoint (the code reading it takes it as the whole URL); left alone: its "
                f"{provider.name} value is {data['url_to']} (the path kept; "
                f"{provider.base_url_env} holds the base URL {base} only), set with the code "
                "that reads it and its key, by hand"
            )
            return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)
        if renamed is not None:  # ML501 replaces the whole assignment
            return self.finding_at(doc, entry.value_span, use, edit=renamed, data=data)
        key = paired_key(self.ctx, doc, entry)
        if key is not None and key.value_span is not None:
            line = doc.lines.position(key.value_span.start)[0]
            data["key_line"] = line
            data["key_setting"] = ".".join(key.path)
            head = f"{url} is OpenAI's endpoint; left alone: switched alone, it would take the"
            # whether the program falls back on the provider's variable where that key is
            # empty is its code's, unseen here (VideoLingo's never did): apply's Next line says
            # so where code it wrote does; a key read from a variable (`${OPENAI_API_KEY}`)
            # reads the provider's instead
            own = (
                f"{article(provider.name)} {provider.name} key where the program reads "
                f"line {line}'s (your own copy of the file: a key committed there is ML505's "
                "error)"
            )
            if key.rooted[:-1] == entry.rooted[:-1] and not stand_in(key.value or ""):
                given = ENV_REFERENCE.search(key.value or "")
                message = (
                    f"{head} key beside it (line {line}) to {provider.name}. Point both at "
                    f"{provider.name} together: base URL {base}, "
                    + (f"key from {provider.api_key_env}" if given else f"and {own}")
                )
            else:  # an OpenAI key elsewhere in the file, or a stand-in asking for one
                setting = (
                    f"line {line}" if len(key.path) == 1 else f"{data['key_setting']} (line {line})"
                )
                what = f"that {setting} asks for" if stand_in(key.value or "") else f"of {setting}"
                message = (
                    f"{head} OpenAI key {what} to {provider.name}. Point both at "
                    f"{provider.name} together: base URL {base} here, and {own}"
                )
            return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)
        left = left_readers(self.ctx.facts.env_readers, variable) if doc.kind == "dotenv" else []
        if variable is not None and left:
            # code apply leaves on OpenAI reads it, with OpenAI's key (t66d kotaemon)
            message = (
                f"{url} is OpenAI's endpoint, set as {variable}, which code apply leaves on "
                f"OpenAI still reads ({', '.join(left[:3])}; ML401 there says why); left "
                f"alone: point that code, its key and this line at {provider.name} together "
                f"({provider.base_url_env}, base URL {base}), by hand"
            )
            data["read_at"] = left
            return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)
        if variable is not None:
            # Pointing an OpenAI variable at the provider would send the OpenAI key there.
            message = (
                f"{url} is OpenAI's endpoint, set as {variable}, which migrated code no longer "
                f"reads; left alone: set {provider.base_url_env} instead"
            )
            data["variable_to"] = provider.base_url_env
            return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)
        kept = self._model_kept(doc, entry) if plain else None
        if kept is not None:
            model, why, keep = kept
            data["model"] = model
            message = (
                f"{url} is OpenAI's endpoint; left alone: its record's model {model} {why}, so "
                f"switched alone it would send that model, and the OpenAI key its requests "
                f"carry, to {provider.name}; {keep}"
            )
            return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)
        if plain:
            base = client_base_url(provider, base)  # Azure OpenAI: the endpoint's v1 API
            if "://" not in entry.value:
                base = base.split("://", 1)[-1]
            if entry.value.endswith("/"):
                base = base.rstrip("/") + "/"
            edit = replace_value(doc, entry.value_span, entry.value, base)
            fix = None if edit is not None else FixClass.MANUAL
            data["url_to"] = base
            placeholder = stand_in_beside(doc, entry)
            if edit is not None and placeholder is not None and placeholder.value_span:
                # apply's Next line: the key to write there (MetaGPT reads only its config)
                data["stand_in_key_line"] = doc.lines.position(placeholder.value_span.start)[0]
            message = use if edit is not None else f"{use}, by hand"
            return self.finding_at(doc, entry.value_span, message, fix=fix, edit=edit, data=data)
        read = _READ_WITH_DEFAULT.fullmatch(entry.value.strip())
        if read is not None and is_openai_base(self.ctx, read["default"]):
            # t66a: private-gpt's `${OPENAI_API_BASE:https://api.openai.com/v1}`
            message = (
                f"{url} reads {read['name']} and, where it is unset, OpenAI's base URL "
                f"{read['default']}; write {provider.name}'s base URL {base} as that default "
                f"by hand (and where {read['name']} is set, set it to that URL)"
            )
        else:
            message = (
                f"{url} is OpenAI's endpoint but not its plain base URL; replace the OpenAI "
                f"part with {provider.name}'s base URL {base} by hand and check the path after it"
            )
        return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)


def _promptflow_azure(doc: ConfigDocument) -> bool:
    """Whether `doc` is a promptflow connection file of Azure OpenAI's type (ML698)."""
    from migrate_llm.promptflow_connections import connection_of

    found = connection_of(doc)
    return found is not None and found.kind == "azure"
