"""ML402: a hard-coded OpenAI URL in Python code."""

from __future__ import annotations

import re
from typing import cast
from urllib.parse import urlsplit

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks.ui_inputs import LABEL
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.appended_versions import appended_versions, own_version
from migrate_llm.rules.azure_target import client_base_url
from migrate_llm.rules.base import Example
from migrate_llm.rules.base_url_reads import url_left
from migrate_llm.rules.call_parameters import called_function
from migrate_llm.rules.clients import unserved_words
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr
from migrate_llm.rules.env_names import EnvAccess, env_names, helper_read
from migrate_llm.rules.env_read_facts import direct_source, reads_kept, rename_edit
from migrate_llm.rules.env_roles import key_variables
from migrate_llm.rules.framework_crewai_endpoints import owned_by_crewai
from migrate_llm.rules.key_entry_names import name_renamed
from migrate_llm.rules.key_prompts import shown_text
from migrate_llm.rules.model_expectations import callee_label, expectation, mock_assertion
from migrate_llm.rules.openai_branches import openai_names
from migrate_llm.rules.partial_apis import partial_offer
from migrate_llm.rules.persisted_defaults import persisted_at
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, keyword, last_name, string_value
from migrate_llm.rules.raw_http import raw_http, rest_surface, url_paths
from migrate_llm.rules.rewrite import requote
from migrate_llm.rules.service_tables import ServiceEntry, names_target_service, service_entry
from migrate_llm.rules.set_values import always_set, computed
from migrate_llm.rules.setting_fallbacks import caller_key_harm, pair_advice, setting_partner
from migrate_llm.rules.settings_reads import SettingsRead, settings_field, sibling_read
from migrate_llm.rules.switched_keys import given_elsewhere, given_words
from migrate_llm.rules.test_code import in_test, parametrized_case, project_call_in_test
from migrate_llm.rules.unserved_bases import unserved_base
from migrate_llm.rules.unserved_urls import unserved_beside
from migrate_llm.rules.url_keys import (
    UrlKey,
    keys_beside,
    name_moves,
    openai_base_urls,
    read_renamed,
    real_key,
)

# a text box's hint naming OpenAI's URL (ML402's example)
_SHOWN_URL = (
    "import streamlit as st\n\n"
    'base = st.sidebar.text_input("Base URL", placeholder="https://api.openai.com/v1")\n'
)


class OpenAIUrl(PythonRule):
    """A hard-coded OpenAI URL (`https://api.openai.com/v1`).

    ## What it does
    Finds string literals and f-strings that contain an OpenAI API host. URLs of raw HTTP
    requests (`requests`, `httpx`, `aiohttp`, `urllib`) are ML403's: their key changes with
    them. Base URLs passed to a client or assigned to `openai.api_base` / `openai.base_url`
    are covered by ML001, ML103 and ML301. A URL that ends a sentence is named without the
    sentence's punctuation (`https://api.openai.com/v1/models.` is `.../models`).

    ## Fix
    Safe for a plain base URL (`https://api.openai.com/v1`): `apply` writes the read of the
    provider's base-URL variable with its URL as the default, as it does for clients (a
    literal where only a literal goes: a `case` pattern, a string concatenated to another,
    the default of a variable's read, after such a read in a chain of `or`s).
    A URL that is the default of a pydantic settings field (a `BaseSettings` class, or one
    stating an `env_prefix`) is left (manual) unless the field reads OPENAI_API_BASE (ML401
    gives it the provider's variable): pydantic reads the field from its alias or
    `<env_prefix><FIELD>`, and from the class's `env_file`, before its default, so a default
    read of the provider's variable would replace nothing there, and the key field beside it
    would carry whatever that variable holds (an OpenAI key) to the provider. The message
    names the variables to set (`APP_OPENAI_API_BASE`, `APP_OPENAI_API_KEY`; a prefix the
    module imports is read from the project module it comes from, `app.constants`'s
    `ENV_PREFIX = "APP_"`, else shown as `<ENV_PREFIX>OPENAI_API_BASE`), and says to mark the
    finding done with `# migrate-llm: ignore[ML402]` once they are set: check cannot see them.
    A URL the module's tests also assert (`assert cfg.base_url == "https://api.openai.com/v1"`,
    `assertEqual`, a mock assertion) is left (manual) with the assertion named: replaced alone,
    the test would fail (gpt-pilot's config test). A URL in the arguments of a mock assertion
    itself (`fake.assert_called_once_with(api_key="k", base_url=URL)`, `assert_any_call`,
    `assert_has_calls([call(...)])`, `unittest.mock.call(...)`: `MOCK_ASSERTIONS` of
    `migrate_llm.openai_sdk`) states what the code under test passes, not a client the test
    builds: it is left with the key beside it (manual), the message saying the test asserts
    the old URL once the code under test points at the provider (DocsGPT's test of its
    default base URL failed once its expected key was rewritten). So is a plain base URL a test
    expects of the code it tests (`assert base == URL`, `assertEqual(get_base(), URL)` in test
    code, t54f C: AgentGPT's): a warning saying the test fails once that code points at the
    provider, to change with it; a note where the same test function hands that URL to the code
    itself (it checks what it gave).
    A key written beside such a URL in a dict (`{"base_url": URL, "api_key": "sk-proj-"}`, a
    placeholder) would go to the provider with it: an error, and `apply` makes the entry read
    the provider's key variable (review; never the literal). An empty string is no key: it is
    left, and the URL switched. A real key
    there (ML004's) keeps the URL as it is (manual): the key a request carries and the host
    it goes to change together. The same holds for the keyword arguments of one call
    (`X(base_url=URL, api_key="")`, also `api_base=`, `endpoint=`, `openai_api_key=`), where
    the key may also be a read of OpenAI's key variable: `api_key=os.getenv("OPENAI_API_KEY")`
    reads the provider's key variable with the URL switched (safe: left, it would send the
    OpenAI key to the provider); a read that ML401 leaves OpenAI's (through a name, into a
    class named like OpenAI) keeps the URL as it is (manual). A URL bound to a name or
    `self.X` that a record gives beside a name naming OpenAI's key variable as the one to read
    (`OPENAI_BASE = URL`, `{"env_var": "OPENAI_API_KEY", "base": OPENAI_BASE}`) is switched
    only with that name (`url_keys.name_moves`), else left with it (manual). Calls of the SDK
    and of the
    frameworks are their rules' (crewAI's `LLM(base_url=...)` and an OpenAI embedder spec:
    ML690 and ML692 move the URL with the model and key, or leave all three). Manual for
    other OpenAI URLs; for the endpoint of an API the message says to write the provider's base
    URL plus its path (`https://api.openai.com/v1/chat/completions`: the base URL +
    `/chat/completions`, which the provider serves under it; the base URL alone is no endpoint),
    or that the provider does not serve that API, or what it serves of an API its file marks
    partial (`[partial]`: DeepSeek's `/completions` only under its `/beta` base, for
    fill-in-the-middle, and chat for the rest). An f-string whose path is chosen at run time
    among strings the module shows (`f"https://api.openai.com/v1/{api_name}"`) is read for
    each. Where such an endpoint is a setting (the value of an assignment, a dict entry, a
    keyword argument or a parameter's default: gpt_academic's `openai_endpoint`), the message
    also says to change with it the key and the models its requests carry (the provider's key
    from its variable, the provider's models): the requests to it send the program's OpenAI key
    and OpenAI's models, which, the URL alone replaced, would go to the provider. A host
    searched for in a URL
    (`"api.openai.com" in url`, `url.find(...)`), or a URL compared with one (`url == URL`,
    `url.startswith(URL)`), is a test of where the program points, a note: after the switch it
    is false, which is what code guarding OpenAI-only arguments wants (khoj's `is_openai_api()`,
    given the provider's URL, sent the Responses API there). Such a test that also holds for
    None (`url is None or url.startswith(URL)`, `not url or ...`) is a warning (manual): apply's
    fallback makes a base URL of None the provider's, and the test still says OpenAI there
    (khoj's `is_openai_api(None)` sent its Responses requests to Zhipu, t55a D4). So is a
    bare host (no scheme, no
    path) bound to a name that the module only compares with (`OPENAI_API_HOST =
    "api.openai.com"`, `hostname == OPENAI_API_HOST`, `host in (OPENAI_API_HOST, ...)`), with
    no fix: it tells OpenAI's server from others, and the provider's URL there would send the
    provider through the OpenAI-only branch (private-gpt's classes); a URL in a docstring or in
    the text of a `description=` / `help=` argument (prose; a host alone there, "posted a key
    to api.openai.com.", names OpenAI's server and is not reported); a bare host standing as a
    word of a longer text (a YAML policy's `- api.openai.com`, a message: after whitespace, a
    bracket or a quote, in a string of several words; no URL the program sends to, and no
    reason for ML401 to leave a key read beside it; not `wss://api.openai.com`, nor a string
    holding the host alone); the URL of an HTTP request
    object handed only to `request=` of an error or response the program builds
    (`APIConnectionError(request=httpx.Request("POST", URL))`, bilingual_book_maker's tests):
    nothing is sent there; and the key of a lookup in a table of the program (`REDIRECT.get(URL,
    None)`, `.pop`, `.setdefault`, `REDIRECT[URL]`; gpt_academic's redirect check): nothing is
    sent there, a note. So is a URL in OpenAI's entry of a table keyed by service (a dict
    display whose keys name services, a row of a list or tuple of rows naming a service beside
    rows naming others: TradingAgents' `[("OpenAI", "openai", "https://api.openai.com/v1"),
    ("Qwen", "qwen", ...)]`, `service_tables`): that service's URL, sent its own key; switched,
    the OpenAI key went to DashScope (t52b); a warning (manual) where the program names no
    service of the target's own (`service_tables.names_target_service`): its requests through
    that entry still go to OpenAI (t68e's `DEFAULT_URL = {"OpenAI": URL, "DeepSeek": ...}`,
    a note under which check passed); an error (manual) where the entry's record
    names the provider's key variable as the one to read its key from (`env_var=
    "ZAI_API_KEY"`: a name naming a key variable under an `*_env` or `env_var` key counts as
    the record's key, `url_keys.keys_beside`): the provider's key goes to OpenAI (t64b); and
    a URL a test expects of such an entry
    (`assertEqual(provider_default_url("openai"), URL)`, a value naming OpenAI's service
    beside it). So is a URL written as the default of a read of Azure OpenAI's endpoint
    variable (`os.getenv("AZURE_OPENAI_ENDPOINT", URL)`, a name holding AZURE and OPENAI):
    it stands for an Azure client's endpoint, which goes with Azure's key (t53a: LightRAG's
    `"azure_openai"` host became DashScope's). A plain URL whose value goes with a key that
    stays OpenAI's, to an API
    the provider lacks, or, with no key beside it, to a function or class of the project
    imported from another module, is left as ML401 leaves such a base-URL read (manual); so is
    the fallback of LangChain's helpers reading a base-URL variable (`get_from_env("b",
    "OPENAI_API_BASE", default=URL)`, `get_from_dict_or_env(values, "b", "OPENAI_API_BASE",
    URL)`) where ML401 leaves that read with its key (switched alone, OpenAI's key went to the
    provider whenever OPENAI_API_BASE was unset, s59), and the default of a read bound at the
    module's level to a name another module gives to a client or class apply leaves
    (`API_BASE = os.getenv("OPENAI_API_BASE", URL)` given as `AzureOpenAI(azure_endpoint=
    API_BASE)`: `RunFacts.settings_left`, as ML401 leaves the read; switched, the Azure client
    sent its Azure key to the provider, s64); a URL inside a read, or after an `or`, that is
    the default of another read goes where that outer read goes (`os.getenv("OPENAI_API_BASE",
    os.getenv("LLM_BASE", URL))`: left where ML401 leaves the outer read; switched alone, the
    OpenAI key went to the provider with neither variable set, s64). So
    is one given beside an OpenAI model of an API the provider's `[supports]` marks false, in
    the same call or dict (`cls(embedding_model="text-embedding-3-small", embedding_endpoint=
    URL)`), or as an argument or entry named for embeddings where the provider serves none
    (`unserved_urls`): ML206 says to keep such a model on OpenAI (t55c: letta's embeddings
    went to DeepSeek). So is the default of a parameter or a name of a class whose every use
    of it, in the class and the module's classes it derives from, builds a raw request to a
    path of an API the provider marks false (`f"{self.base_url}/audio/speech"`), hands it on
    (`self.base_url = base_url.rstrip("/")`, `super().__init__(..., base_url)`) or tests it
    (`unserved_bases`), as ML001 leaves an SDK client whose requests the provider does not
    serve (t68e: a ragflow-like `OpenAITTS` was pointed at DashScope with its caller's OpenAI
    key).
    In test code (a function named `test...`, a file `test_*.py`, `*_test.py`, `conftest.py`), a
    plain URL given as an argument to the project's own function or class
    (`_settings(api_base=URL, api_key="")`) with no read of an OpenAI variable beside it is test
    data for how the project handles OpenAI's URL: a note, left (private-gpt's test of its
    OpenAI branch failed once it was switched); so is one given to a method of the test's class
    (`self._config(URL)`) and a case of a parametrized test (`pytest.mark.parametrize`'s
    argvalues, `test_code.parametrized_case`: graphiti's mcp_server tests, t54e D-G2). A URL
    after `x or`, where the module shows `x` is always a non-empty string
    (`set_values.always_set`: a literal, a settings field's default, a read with a default,
    `.replace()` of a table's entry), never runs: it is left, a note where `x` is written in the
    module, else a warning saying to make sure `x` names the provider. A key the call is handed
    whose code names OpenAI
    (`api_key=self.openai_settings.api_key`) keeps the URL beside it as it is (manual), as a
    real key does, and so does a read of another provider's key variable (`ZHIPUAI_API_KEY`
    beside it with Qwen the target: that key would go to the target). The fields of a class
    body are one another's as a dict's entries are (`api_base_url: str = URL` beside
    `api_key: str = "sk-proj-"`, also `Field(default=...)`: a settings class of
    Langchain-Chatchat sent its OpenAI key to the provider); such a finding's `data` holds
    `field: true`, and apply's Next line says that an instance built without a key of its own
    (a config entry naming another server) sends the provider's key there (ML502 reports such
    entries of the project's config files). An entry of the same dict named
    for OpenAI's key variable (`{"OPENAI_BASE_URL": URL, "OPENAI_API_KEY": None}`, a dict
    keyed by variable names that a loop fills from the environment, in the module or in a
    method of another class) holds that variable's value at run time: the URL moves only where
    ML401 renames that name (the module shows the loop over the dict and no other use of the
    name), else both are left (manual) and the message says why (pdf2zh's translator, its URL
    switched alone, sent the OpenAI key to Doubao). A base-URL read in such a dict stays with
    them (ML401).
    OpenAI's version path appended to a base URL of OpenAI's chosen at run time
    (`f"{api_host}/v1/chat/completions"` in `format_openai_host`, `config["openai_api_base"] +
    "/v1/chat/completions"`: the base names OpenAI, in its code or in the function or class
    around it), where the provider's base URL ends in a version path of its own (Zhipu's
    `/api/paas/v4`), is a manual warning on that path: given the provider's base URL, the
    request would go to `/api/paas/v4/v1/chat/completions`, so the `/v1` must go
    (ChuanhuChatGPT, pointed at Zhipu through its `openai_api_base` setting, got 404 on chat,
    images and embeddings). A provider whose base URL ends in `/v1` serves such a URL given
    its host, and is not warned.
    """

    code = "ML402"
    name = "openai-url"
    category = "environment"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        # t66g: DemoGPT's base-URL box shows OpenAI's URL as its placeholder; what it sends is
        # what is typed (ML003 reports the client given it)
        Example(
            _SHOWN_URL,
            provider="acme",
            message="OpenAI URL https://api.openai.com/v1 as `placeholder=` of "
            "st.sidebar.text_input(): a text shown to the person, not a URL the program "
            "sends, so apply leaves it; make it show Acme Cloud's base URL by hand",
            after=_SHOWN_URL,
        ),
        # t65: a record of a class imported from the project, naming the variable to read its
        # key from: the URL moves with the name (ML401 renames it), as in the class's module
        Example(
            "from .profiles import Profile\n\n"
            'OPENAI = Profile(env_var="OPENAI_API_KEY", api_base="https://api.openai.com/v1")\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; Acme Cloud's base URL "
            "replaces it (read from ACME_BASE_URL)",
            after="import os\n\nfrom .profiles import Profile\n\n"
            "OPENAI = Profile(\n"
            '    env_var="OPENAI_API_KEY",\n'
            '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            ")\n",
        ),
        # t65: the mirror, the name left (a class named like OpenAI): the URL stays with it
        Example(
            "from .profiles import OpenAIProfile\n\n"
            'OPENAI = OpenAIProfile(env_var="OPENAI_API_KEY", api_base="https://api.openai.com/v1")'
            "\n",
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched "
            "alone, it would take the key beside it (line 3, env_var naming OPENAI_API_KEY as "
            "the variable to read it from, which stays) to Acme Cloud. Point both at Acme Cloud "
            "together: base URL https://api.acme.example/v1, key from ACME_API_KEY",
            after="from .profiles import OpenAIProfile\n\n"
            'OPENAI = OpenAIProfile(env_var="OPENAI_API_KEY", api_base="https://api.openai.com/v1")'
            "\n",
        ),
        # s64 review: OpenAI's URL inside a read that ML401 leaves with the key beside it
        Example(
            "import os\n\nfrom openai import OpenAI\n\n"
            'BASE = os.getenv("OPENAI_API_BASE", os.getenv("LLM_BASE", '
            '"https://api.openai.com/v1"))\n'
            'client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"), base_url=BASE)\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; not switched: it is the "
            "fallback within the default of the read of OPENAI_API_BASE on line 5; it is the "
            "base URL of OpenAI() on line 6, whose key (from OPENAI_API_KEY) apply leaves "
            "OpenAI's: switched, it would send that key to Acme Cloud; point both at Acme "
            "Cloud (the key from ACME_API_KEY) together, by hand",
            after="import os\n\nfrom openai import OpenAI\n\n"
            'BASE = os.getenv("OPENAI_API_BASE", os.getenv("LLM_BASE", '
            '"https://api.openai.com/v1"))\n'
            'client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"), base_url=BASE)\n',
        ),
        # t58b D4: defaults the program writes to a settings file it reads from then on
        Example(
            "import json\n\n"
            'DEFAULTS = {"base_url": "https://api.openai.com/v1"}\n\n\n'
            "def init():\n"
            '    json.dump(DEFAULTS, open("settings.json", "w"))\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; Acme Cloud's base URL "
            "replaces it (read from ACME_BASE_URL); once the settings file the program keeps "
            "this default in exists (`json.dump(DEFAULTS, ...)` on line 7), its values win: "
            "ACME_BASE_URL and ACME_API_KEY count only if set before it is written, else put "
            "Acme Cloud's base URL and key in that file",
            after="import json\nimport os\n\n"
            'DEFAULTS = {"base_url": os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1")}\n\n\n'
            "def init():\n"
            '    json.dump(DEFAULTS, open("settings.json", "w"))\n',
        ),
        # t55c: letta's default embeddings configuration, on a provider serving no embeddings
        Example(
            "from app.config import EmbeddingConfig\n\n"
            "DEFAULT = EmbeddingConfig(\n"
            '    embedding_model="text-embedding-3-small",\n'
            '    embedding_endpoint="https://api.openai.com/v1",\n'
            ")\n",
            provider="deepseek",
            message="hard-coded OpenAI URL https://api.openai.com/v1; not switched: it goes with "
            "the embeddings model 'text-embedding-3-small' (`embedding_model=` on line 4), and "
            "DeepSeek serves no embeddings API on its OpenAI-compatible endpoint: keep them on "
            "OpenAI (its key from OpenAI's variable) or move them to another service, by hand",
        ),
        Example(
            'OPENAI_URL = "https://api.openai.com/v1"\n',
            message="hard-coded OpenAI URL https://api.openai.com/v1; the provider's base URL "
            "replaces it",
        ),
        Example(
            'DOCS_EXAMPLE = "https://api.openai.com/v1/chat/completions"\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1/chat/completions; replace "
            "it with Acme Cloud's base URL + /chat/completions by hand "
            "(https://api.acme.example/v1/chat/completions, the base URL read from "
            "ACME_BASE_URL): the base URL alone is no endpoint; change with it the key and the "
            "models its requests carry (Acme Cloud's key from ACME_API_KEY, Acme Cloud's "
            "models), or the program's OpenAI key and models go to Acme Cloud",
        ),
        # t50i (N5): what DeepSeek serves of /completions, from its file's [partial]
        Example(
            'LEGACY = "https://api.openai.com/v1/completions"\n',
            provider="deepseek",
            message="hard-coded OpenAI URL https://api.openai.com/v1/completions; replace it by "
            "hand: "
            "DeepSeek serves completions only at https://api.deepseek.com/beta/completions "
            "(another base URL), as fill-in-the-middle: a prompt and an optional suffix, in "
            "non-thinking mode; its chat API serves the rest at "
            "https://api.deepseek.com/chat/completions (the prompt as a user message, the "
            "reply in choices[0].message.content)",
        ),
        Example(
            "BASE = 'https://api.openai.com/v1/'\n",
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1/; Acme Cloud's base URL "
            "replaces it (read from ACME_BASE_URL)",
            after='import os\n\nBASE = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n',
        ),
        Example(
            'import os\n\nBASE = os.getenv("OPENAI_BASE_URL") or "https://api.openai.com/v1"\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; Acme Cloud's base URL "
            "replaces it",
            after='import os\n\nBASE = os.getenv("OPENAI_BASE_URL") or "https://api.acme.example/v1"\n',
        ),
        # s59: a LangChain helper's fallback, beside a key read apply leaves OpenAI's
        Example(
            "import openai\nfrom langchain_core.utils import get_from_env\n\n\n"
            "def build(key):\n"
            '    base = get_from_env("b", "OPENAI_API_BASE", default="https://api.openai.com/v1")\n'
            "    return openai.OpenAI(api_key=key, base_url=base)\n",
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; not switched: it is the base "
            "URL of openai.OpenAI() on line 7, whose key (`key`) may be None, and the SDK then "
            "sends OPENAI_API_KEY: switched, it would send that key to Acme Cloud; make that key "
            "Acme Cloud's where it is None (from ACME_API_KEY), then switch both, by hand",
        ),
        Example(
            'PLATFORM = {"api_key": "your-api-key", "base_url": "https://api.openai.com/v1"}\n',
            provider="acme",
            message='"api_key" is a literal key beside the OpenAI URL on line 1, which apply '
            "points at Acme Cloud: the key would go there too; the entry reads ACME_API_KEY "
            "instead",
            after="import os\n\nPLATFORM = {\n"
            '    "api_key": os.environ.get("ACME_API_KEY", "unset"),\n'
            '    "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n}\n',
        ),
        Example(
            'CFG = {\n    "base_url": "https://api.openai.com/v1",\n'
            '    "api_key": "sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6",\n}\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched "
            "alone, it would take the key beside it (line 3) to Acme Cloud. Point both at "
            "Acme Cloud together: base URL https://api.acme.example/v1, key from ACME_API_KEY",
        ),
        Example(
            "import os\n\nimport zhipuai\n\n"
            'c = zhipuai.ZhipuAI(api_key=os.environ["ZHIPUAI_API_KEY"], '
            'base_url="https://api.openai.com/v1")\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched "
            "alone, it would take the key beside it (line 5, from ZHIPUAI_API_KEY, Zhipu AI "
            "(GLM)'s key) to Acme Cloud. Point both at Acme Cloud together: base URL "
            "https://api.acme.example/v1, key from ACME_API_KEY",
        ),
        Example(
            "class Settings(BaseModel):\n"
            '    api_key: str = "sk-proj-"\n'
            '    api_base_url: str = "https://api.openai.com/v1"\n',
            provider="acme",
            message="field api_key is a literal key beside the OpenAI URL on line 3, which apply "
            "points at Acme Cloud: the key would go there too; the field reads ACME_API_KEY "
            "instead",
            after="import os\n\n\nclass Settings(BaseModel):\n"
            '    api_key: str = os.environ.get("ACME_API_KEY", "unset")\n'
            '    api_base_url: str = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n',
        ),
        # t53l D3: AgentGPT's settings, read from REWORKD_PLATFORM_* and .env first
        Example(
            "class Settings(BaseSettings):\n"
            '    openai_api_base: str = "https://api.openai.com/v1"\n'
            '    openai_api_key: str = "<Should be updated via env>"\n\n'
            '    class Config:\n        env_file = ".env"\n        env_prefix = "APP_"\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1, the default of settings "
            "field Settings.openai_api_base, which pydantic reads from APP_OPENAI_API_BASE first "
            "(and the env_file .env): a default read of ACME_BASE_URL would not replace it, so "
            "it is left; set APP_OPENAI_API_BASE to https://api.acme.example/v1 and "
            "APP_OPENAI_API_KEY to Acme Cloud's key (the field openai_api_key) there, by hand "
            "(code left on OpenAI that reads the key field then needs OpenAI's key from its own "
            "variable); check cannot see where the program runs: once they are set, say so "
            "with `# migrate-llm: ignore[ML402]` on this line",
        ),
        Example(
            "class Settings(BaseSettings):\n"
            '    api_base_url: str = Field(default="https://api.openai.com/v1")\n'
            '    api_key: str = Field(default="sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6")\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched "
            "alone, it would take the key beside it (line 3) to Acme Cloud. Point both at "
            "Acme Cloud together: base URL https://api.acme.example/v1, key from ACME_API_KEY",
        ),
        # t52f D1: pdf2zh's OpenAITranslator.envs, filled from the environment by name
        Example(
            'ENVS = {"OPENAI_BASE_URL": "https://api.openai.com/v1", "OPENAI_API_KEY": None}\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched "
            "alone, it would take the key beside it (line 1, the entry OPENAI_API_KEY, which "
            "holds that variable's value at run time and keeps OpenAI's name) to Acme Cloud. "
            "Point both at Acme Cloud together: base URL https://api.acme.example/v1, key from "
            "ACME_API_KEY",
        ),
        Example(
            "import os\n\nfrom pydantic_ai.providers.openai import OpenAIProvider\n\n"
            'provider = OpenAIProvider(api_key=os.getenv("OPENAI_API_KEY"), '
            'base_url="https://api.openai.com/v1")\n',
            provider="acme",
            after="import os\n\nfrom pydantic_ai.providers.openai import OpenAIProvider\n\n"
            "provider = OpenAIProvider(\n"
            '    api_key=os.getenv("ACME_API_KEY"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n',
        ),
        Example(
            "import requests\n"
            'r = requests.post("https://api.openai.com/v1/chat/completions", json=body)\n',
            finds=False,
        ),
        Example(
            'from openai import OpenAI\nc = OpenAI(base_url="https://api.openai.com/v1")\n',
            finds=False,
        ),
        Example(
            'CFG = {"base_url": "https://api.openai.com/v1"}\n\n\ndef test_load():\n'
            '    assert load(CFG).base_url == "https://api.openai.com/v1"\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; not switched: the test "
            "asserts it on line 5 (assert ... == 'https://api.openai.com/v1'): replace both by "
            "hand, with its key, or the test fails",
        ),
        Example(
            "def settings(api_base, api_key):\n    return {'base': api_base, 'key': api_key}\n\n\n"
            "def test_openai_branch():\n"
            '    s = settings(api_base="https://api.openai.com/v1", api_key="")\n'
            '    assert s["key"] == ""\n',
            provider="acme",
            message="OpenAI URL https://api.openai.com/v1 given to settings(), the project's own, "
            "in a test: test data for the project's handling of OpenAI's URL, with no OpenAI key "
            "beside it; left (switched, the test would check something else)",
        ),
        Example(
            'def make(table, embed):\n    base = table[embed]["url"].replace("/embeddings", "")\n'
            '    return Thing(api_base=base or "https://api.openai.com/v1")\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; not switched: it is the "
            "fallback of `base`, which is always set (the result of .replace()), so it never "
            "runs; make sure `base` names Acme Cloud (https://api.acme.example/v1, with the key "
            "from ACME_API_KEY) where that value is set, by hand",
        ),
        # t49e: DocsGPT's test_default_base_url
        Example(
            "from unittest import mock\n\n\ndef test_default_base_url(monkeypatch):\n"
            "    fake = mock.MagicMock()\n"
            '    monkeypatch.setattr(mod, "OpenAI", fake)\n    mod.LLM(api_key="k")\n'
            '    fake.assert_called_once_with(api_key="k", base_url="https://api.openai.com/v1")\n',
            provider="acme",
            message="OpenAI URL https://api.openai.com/v1 in a mock assertion "
            "(fake.assert_called_once_with()): the test asserts what the code under test "
            "passes, so apply leaves it and the key beside it; where apply points that code at "
            "Acme Cloud, the test asserts the old URL: expect https://api.acme.example/v1 (or the "
            "read of ACME_BASE_URL the code makes) there by hand",
        ),
        Example('DOCS = "https://platform.openai.com/docs"\n', finds=False),
        # t55a D4: khoj's `is_openai_api()`, None counted as OpenAI's URL
        Example(
            "def official(url=None):\n"
            '    return url is None or url.startswith("https://api.openai.com/v1")\n',
            provider="acme",
            message="tests whether a URL is OpenAI's (https://api.openai.com/v1), and counts a "
            "base URL of None (`url is None`) as OpenAI's too: a client given None goes to Acme "
            "Cloud once apply gives it the fallback ACME_BASE_URL, and this test still says "
            "OpenAI for it, so the code for OpenAI runs against Acme Cloud; make the test false "
            "for None, by hand (in place of `url is None or ...`, `url is not None and ...`)",
        ),
        Example(
            'def limit(url, n):\n    if "api.openai.com" in url:\n'
            '        return {"max_completion_tokens": n}\n    return {"max_tokens": n}\n',
            provider="acme",
            message="tests whether a URL is OpenAI's (api.openai.com): with Acme Cloud's base "
            "URL it no longer holds, so the code for other servers runs; nothing to replace",
        ),
        Example(
            "import httpx\nimport openai\n\n"
            "ERROR = openai.APIConnectionError(\n"
            '    request=httpx.Request("POST", "https://api.openai.com/v1/chat/completions")\n'
            ")\n",
            provider="acme",
            message="OpenAI URL https://api.openai.com/v1/chat/completions of a request object "
            "only handed to an error or response the program builds (a test's fake SDK error): "
            "nothing is sent there; left",
        ),
        Example(
            "REDIRECT = {}\n"
            'rd = REDIRECT.get("https://api.openai.com/v1/chat/completions", None)\n',
            provider="acme",
            message="OpenAI URL https://api.openai.com/v1/chat/completions as the key of a lookup "
            "(REDIRECT.get(...)): a table of the program keyed by OpenAI's URL; nothing is sent "
            "there; left",
        ),
        Example(
            'OPENAI_API_HOST = "api.openai.com"\n\n\ndef is_openai(url):\n'
            "    return urlsplit(url).hostname == OPENAI_API_HOST\n",
            provider="acme",
            message="OpenAI's host api.openai.com in OPENAI_API_HOST, only compared with a host "
            "(line 5): it tells OpenAI's server from others, and Acme Cloud's base URL is one "
            "of the others; nothing to replace",
        ),
        # t49a: bilingual_book_maker's groq translator, a sentence naming OpenAI's server
        Example(
            'def classify(key):\n    """Posting a Groq key to\n'
            '    api.openai.com. So we do not."""\n',
            provider="acme",
            finds=False,
        ),
        # t53d D2: ai_agent_governance's policy allowing its tools' hosts
        Example(
            'POLICY = """\nnetwork:\n  allowed_domains:\n    - api.openai.com\n"""\n',
            provider="acme",
            message="names OpenAI's host api.openai.com inside a longer text, not a URL the "
            "program sends requests to; left as it is (where the text lists the hosts the "
            "program may reach, add api.acme.example, Acme Cloud's host, by hand)",
        ),
        Example(
            'raise RuntimeError("could not reach https://api.openai.com/v1/models.")\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1/models; replace it with Acme "
            "Cloud's base URL + /models by hand (https://api.acme.example/v1/models, the base URL "
            "read from ACME_BASE_URL): the base URL alone is no endpoint",
        ),
        Example(
            "from pydantic import Field\n\n"
            "BASE = Field(description=\"Example: 'https://api.openai.com/v1'\")\n",
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; replace it with Acme "
            "Cloud's base URL by hand",
        ),
        # t52b D1: TradingAgents' table of providers
        Example(
            'ROWS = [("openai", "https://api.openai.com/v1"), ("acme", "https://api.acme.example")]\n',
            provider="acme",
            message="OpenAI URL https://api.openai.com/v1 under 'openai' in ROWS, a table keyed "
            "by service: OpenAI's URL for OpenAI, which stays one of the program's services, "
            "with its own key; left as it is (where that entry now serves Acme Cloud, change its "
            "URL and key together, by hand)",
            after='ROWS = [("openai", "https://api.openai.com/v1"), ("acme", "https://api.acme.example")]\n',
        ),
        # t64b: the entry's record names the provider's key variable beside OpenAI's URL
        Example(
            "ROWS = {\n"
            '    "openai": dict(env_var="ACME_API_KEY", url="https://api.openai.com/v1"),\n'
            '    "kimi": dict(env_var="MOONSHOT_API_KEY", url="https://api.moonshot.cn/v1"),\n'
            "}\n",
            provider="acme",
            message="OpenAI URL https://api.openai.com/v1 under 'openai' in ROWS, a table keyed "
            "by service, whose env_var (line 2) names ACME_API_KEY, Acme Cloud's key variable, "
            "as the one to read its key from: Acme Cloud's key goes to OpenAI; point this "
            "entry's URLs at Acme Cloud (ACME_BASE_URL) or make it name OpenAI's key variable "
            "again, by hand",
        ),
        # t63 r2e: a module constant the raw request to /threads also sends keys the client
        Example(
            "import os\n\nimport openai\nimport requests\n\n"
            'SHARED_KEY = os.environ["OPENAI_API_KEY"]\n\n\n'
            "def chat(messages, base=None, api_key=None):\n"
            "    api_key = api_key or SHARED_KEY\n"
            "    client = openai.OpenAI(\n"
            '        base_url=base or "https://api.openai.com/v1", api_key=api_key\n'
            "    )\n"
            '    return client.chat.completions.create(model="gpt-4o", messages=messages)\n\n\n'
            "def start_run(api_key=None):\n"
            "    api_key = api_key or SHARED_KEY\n"
            "    return requests.post(\n"
            '        "https://api.openai.com/v1/threads", headers={"Authorization": api_key}\n'
            "    )\n",
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; not switched: it is the "
            "base URL of openai.OpenAI() on line 11, whose key (`api_key`) apply leaves OpenAI's: "
            "switched, it would send that key to Acme Cloud; point both at Acme Cloud (the key "
            "from ACME_API_KEY) together, by hand",
        ),
        # t66d: kotaemon's setup wizard: the key is a parameter named for OpenAI's key (the key
        # the user pastes for OpenAI): the URL stays with it, and so does the model (ML204)
        Example(
            "def build_spec(openai_api_key):\n"
            '    return {"base_url": "https://api.openai.com/v1", "api_key": openai_api_key}\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched alone, "
            "it would take the key beside it (line 2, `openai_api_key`, which names OpenAI: most "
            "likely its key) to Acme Cloud. Point both at Acme Cloud together: base URL "
            "https://api.acme.example/v1, key from ACME_API_KEY",
            after="def build_spec(openai_api_key):\n"
            '    return {"base_url": "https://api.openai.com/v1", "api_key": openai_api_key}\n',
        ),
        # t68e D2: the class's only requests from its base URL are raw text-to-speech, which
        # Qwen does not serve: left on OpenAI, as ML001 leaves an SDK client doing only that
        Example(
            "import requests\n\n\n"
            "class Speech:\n"
            '    def __init__(self, key, base_url="https://api.openai.com/v1"):\n'
            '        self.key, self.base_url = key, base_url.rstrip("/")\n\n'
            "    def speak(self, text):\n"
            '        return requests.post(f"{self.base_url}/audio/speech", json={"input": text})\n',
            provider="qwen",
            message="hard-coded OpenAI URL https://api.openai.com/v1; not switched: it is the "
            "base URL of raw requests (the first on line 9): its only requests are audio, which "
            "Alibaba Qwen (DashScope / Model Studio) does not serve: apply leaves it (base URL "
            "and key); keep it on OpenAI or point it at a provider that serves audio, with that "
            "provider's key, by hand",
            after="import requests\n\n\n"
            "class Speech:\n"
            '    def __init__(self, key, base_url="https://api.openai.com/v1"):\n'
            '        self.key, self.base_url = key, base_url.rstrip("/")\n\n'
            "    def speak(self, text):\n"
            '        return requests.post(f"{self.base_url}/audio/speech", json={"input": text})\n',
        ),
        # t68e D1: OpenAI's entry of a table keyed by service, in a program naming no service
        # of the target's own: its requests still go to OpenAI, so check stops on it
        Example(
            'DEFAULT_URL = {"OpenAI": "https://api.openai.com/v1", "DeepSeek": '
            '"https://api.deepseek.com"}\n',
            provider="qwen",
            message="OpenAI URL https://api.openai.com/v1 under 'OpenAI' in DEFAULT_URL, a table "
            "keyed by service: OpenAI's URL for OpenAI, but the program names no service of "
            "Alibaba Qwen (DashScope / Model Studio)'s own, so its requests through this entry "
            "still go to OpenAI; change this entry's URL, key and models together, by hand, or, "
            "where OpenAI stays one of the program's services, record that with `# migrate-llm: "
            "ignore[ML402]` at the end of this line",
            after='DEFAULT_URL = {"OpenAI": "https://api.openai.com/v1", "DeepSeek": '
            '"https://api.deepseek.com"}\n',
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()
        self.base_urls = openai_base_urls(ctx)

    def visit_Call(self, node: cst.Call) -> None:
        if self.ctx.constructed_client(node) is not None:
            arg = keyword(node, "base_url")
            if arg is not None:
                self.done.add(id(arg.value))

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if last_name(target.target) not in ("api_base", "base_url"):
                continue
            names = self.ctx.qualnames(target.target)
            if names & {"openai.api_base", "openai.base_url"}:
                self.done.add(id(node.value))

    def _literal(self, node: cst.BaseExpression) -> None:
        if id(node) in self.done or id(node) in owned_by_crewai(self.ctx):
            return  # crewAI's LLM() or embedder moving its URL with its key: ML690's, ML692's
        text = _text(node)
        match = _pattern(self.ctx).search(text) if text else None
        if match is None:
            return
        if raw_http(self.ctx).holds(env_names(self.ctx), node):
            return  # a raw request's URL: ML403
        rules = self.ctx.rules
        if self.provider is not None and not rules.switching:
            return
        url = url_of(match)
        target = f"{self.provider.name}'s base URL" if self.provider else "the provider's base URL"
        plain = isinstance(node, cst.SimpleString) and (text or "").rstrip("/") in self.base_urls
        parents = self.ctx.ancestors(node)
        asserting = mock_assertion(self.ctx, node, parents)
        if asserting is not None:
            # DocsGPT's `mock_openai.assert_called_once_with(api_key="k", base_url=URL)`: what
            # the code under test passes; its key rewritten, the test failed
            self.report(
                node,
                f"OpenAI URL {url} in a mock assertion ({callee_label(self.ctx, asserting)}()): "
                "the test asserts what the code under test passes, so apply leaves it and the "
                "key beside it; where apply points that code at "
                f"{self.provider.name if self.provider else 'the provider'}, the test asserts "
                f"the old URL: expect {self._expected_base()} there by hand",
            )
            return
        case = parametrized_case(self.ctx, parents)
        if case is not None:
            # graphiti's mcp_server tests of `is_non_openai_provider(base_url)` (t54e D-G2):
            # the cases are the inputs the test hands the code it tests
            line = self.ctx.position(case)[0][0]
            self.report(
                node,
                f"OpenAI URL {url} is a case of a parametrized test ({callee_label(self.ctx, case)}"
                f"() on line {line}): test data for the code under test; left (switched, the "
                "test would check something else)",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
            return
        expected = self._test_expects(node, parents, plain)
        if expected is not None and _openai_entry_checked(self.ctx, node, parents) is None:
            self._report_expected(cast(cst.SimpleString, node), url, parents, expected)
            return
        if _tests_a_url(node, parents):
            none = _none_counted(self.ctx, node, parents)
            if none is not None and self.provider is not None:
                # khoj's `api_base_url is None or url.startswith(...)`: apply's fallback makes
                # None the provider's URL, and the test still sends OpenAI's requests there
                shown = self.ctx.code(none)
                provider = self.provider
                self.report(
                    node,
                    f"tests whether a URL is OpenAI's ({url}), and counts a base URL of None "
                    f"(`{shown}`) as OpenAI's too: a client given None goes to {provider.name} "
                    f"once apply gives it the fallback {provider.base_url_env}, and this test "
                    f"still says OpenAI for it, so the code for OpenAI runs against "
                    f"{provider.name}; make the test false for None, by hand (in place of "
                    f"`{shown} or ...`, `{_none_subject(self.ctx, none)} is not None and ...`)",
                    severity=Severity.WARNING,
                    fix=FixClass.MANUAL,
                    data={"none_counted": shown},
                )
                return
            # khoj's `is_openai_api()`: with the provider's URL there, the provider would get
            # OpenAI-only arguments
            self.report(
                node,
                f"tests whether a URL is OpenAI's ({url}): with {target} it no longer "
                "holds, so the code for other servers runs; nothing to replace",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
            return
        compared = _host_compared(self.ctx, node, parents)
        if compared is not None:
            # private-gpt's `hostname == OPENAI_API_HOST` picks OpenAI-only classes: the
            # provider's URL there would send the provider through them
            name, lines = compared
            self.report(
                node,
                f"OpenAI's host {url} in {name}, only compared with a host (line"
                f"{'s' if lines[1:] else ''} {', '.join(map(str, lines))}): it tells OpenAI's "
                f"server from others, and "
                f"{target} is one of the others; nothing to replace",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
            return
        lookup = _lookup(self.ctx, node, parents)
        if lookup is not None:
            self.report(
                node,
                f"OpenAI URL {url} as the key of a lookup ({lookup}): a table of the program "
                "keyed by OpenAI's URL; nothing is sent there; left",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
            return
        if _made_up_request(self.ctx, parents):
            self.report(
                node,
                f"OpenAI URL {url} of a request object only handed to an error or response the "
                "program builds (a test's fake SDK error): nothing is sent there; left",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
            return
        checked = _openai_entry_checked(self.ctx, node, parents)
        if checked is not None:
            # TradingAgents' `assertEqual(provider_default_url("openai"), URL)`: the row it
            # checks stays OpenAI's (t52b D1)
            self.report(
                node,
                f"OpenAI URL {url} expected of `{checked}`, OpenAI's entry of the program's "
                "services, which stays: left as it is",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
            return
        azure = _azure_default(self.ctx, node, parents)
        if azure is not None:
            # LightRAG's `"azure_openai": os.getenv("AZURE_OPENAI_ENDPOINT", URL)`: the Azure
            # client's endpoint; the provider's URL there sent its Azure key on (t53a D5)
            self.report(
                node,
                f"OpenAI URL {url} as the default of {azure}, Azure OpenAI's endpoint "
                "variable: it stands for an Azure client's endpoint, which goes with Azure's key, "
                "never the provider's (ML002 reports the client); left as it is",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data={"variable": azure},
            )
            return
        entry = service_entry(self.ctx, node)
        if entry is not None and self._entry_key_name(node, url, entry):
            return
        if entry is not None and entry.openai and self._service_alone():
            # t68e: ragflow-like `DEFAULT_URL = {"OpenAI": URL, "DeepSeek": ...}` in a program
            # naming no service of the target's own: its requests for OpenAI's entry go there
            self._report_service_alone(node, url, entry)
            return
        if entry is not None:
            # TradingAgents' `("OpenAI", "openai", "https://api.openai.com/v1")` beside its
            # Qwen row: switched, OpenAI's row sent the OpenAI key to DashScope (t52b D1)
            where = self.provider.name if self.provider is not None else "the provider"
            whose = "OpenAI's URL for OpenAI" if entry.openai else f"the URL of {entry.service!r}"
            self.report(
                node,
                f"OpenAI URL {url} under {entry.service!r} in {entry.table}, a table keyed by "
                f"service: {whose}, which stays one of the program's services, with its own "
                f"key; left as it is (where that entry now serves {where}, change its URL and "
                "key together, by hand)",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data={"service": entry.service},
            )
            return
        prose = _prose(parents) or _documents(self.ctx, parents)
        if prose and _bare_host(url):
            return  # "posted a Groq key to api.openai.com.": a sentence naming OpenAI's server
        if _named_in_text(text or "", match):
            # t53d D2: a YAML policy allowing `- api.openai.com` for the app's tools
            self._report_at_url(node, url, self._named_message(url), Severity.NOTE, FixClass.NONE)
            return
        # a URL alone shown beside a known prompt's box (one in a sentence is a message's);
        # after the analyses above, which trace a URL to the client it reaches
        hint = shown_text(self.ctx, node) if (text or "").strip() == url else None
        if hint is not None and (not plain or prose):
            self._report_hint(node, url, target, hint)
            return
        if not plain or prose:
            sent = not prose and _setting(node, parents)
            message = f"hard-coded OpenAI URL {url}; {self._by_hand(url, target, node, sent)}"
            # prose in a docstring (mem0's "defaults to https://api.openai.com/v1") or a
            # field's description (private-gpt's "Example: 'https://api.openai.com/v1'"):
            # nothing the program sends, so nothing `check` stops on
            self._report_at_url(node, url, message, Severity.NOTE if prose else None)
            return
        assert isinstance(node, cst.SimpleString)  # `plain`
        asserted = self._asserted_for(node, text or "")
        if asserted is not None and asserted is not node:
            line, what = self.ctx.position(asserted)[0][0], expectation(self.ctx, asserted)
            self.report(
                node,
                f"hard-coded OpenAI URL {url}; not switched: the test asserts it on line {line} "
                f"({what}): replace both by hand, with its key, or the test fails",
            )
            return
        keys = keys_beside(self.ctx, node)
        held = next((k for k in keys if not self._goes_with(k)), None)
        if held is not None:
            self._report_held(node, url, held)
            return
        read = settings_field(self.ctx, node)
        if read is not None and self._read_first(read):
            self._report_setting(node, url, read, keys)
            return
        value = self._value_of(node)
        left = url_left(self, env_names(self.ctx), value) or self._caller_given(value)
        left = left or unserved_beside(self.ctx, node) or self._unserved_base(node)
        left = left or self._given_elsewhere(value) or ""
        if left:
            within = self._within(node, value)
            self.report(node, f"hard-coded OpenAI URL {url}; not switched: {within}{left}")
            return
        if hint is not None:
            self._report_hint(node, url, target, hint)
            return
        if self._dead_fallback(node, url, parents):
            return
        data = None if any(k.read for k in keys) else _test_data(self.ctx, node, parents)
        if data is not None:
            # private-gpt's `_settings(api_base=URL, api_key="")`: what the project does with
            # OpenAI's URL is what the test checks; switched, the test fails
            self.report(
                node,
                f"OpenAI URL {url} given to {callee_label(self.ctx, data)}(), the project's own, "
                "in a test: test data for the project's handling of OpenAI's URL, with no OpenAI "
                "key beside it; left (switched, the test would check something else)",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
            return
        edit = None
        provider = rules.provider
        from_variable = ""
        if rules.switching and rules.base_url and provider is not None:
            if self._expression_fits(node):
                from_variable = f" (read from {provider.base_url_env})"
                text = base_url_expr(provider, rules.base_url)
                edit = Edit(self.ctx.span(node), text, (IMPORT_OS,))
            else:
                new = requote(node, client_base_url(provider, rules.base_url))
                edit = Edit(self.ctx.span(node), new) if new else None
        message = f"hard-coded OpenAI URL {url}; {target} replaces it{from_variable}"
        persisted = persisted_at(self.ctx, node) if from_variable and provider else None
        if persisted is not None and provider is not None:
            # the read runs once, when the program writes the file (t58b D4)
            message += (
                f"; once the settings file the program keeps this default in exists "
                f"({persisted}), its values win: {provider.base_url_env} and "
                f"{provider.api_key_env} count only if set before it is written, else put "
                f"{provider.name}'s base URL and key in that file"
            )
        facts = {"persisted": persisted} if persisted is not None else None
        self.report(node, message, fix=FixClass.SAFE, edit=edit, data=facts)
        if provider is not None and edit is None:
            return  # the URL stays: so does its key
        for key in keys:
            if key.variable is not None or key.key_name:
                continue  # its name is renamed with the URL (ML401)
            if id(key.value) in self.done:  # once for two URLs (`base_url`, `api_base`)
                continue
            self.done.add(id(key.value))
            if key.read is None:
                self._report_key(node, key)
            elif not key.through_name and direct_source(env_names(self.ctx), key.read):
                self._report_read(node, key, key.read)

    def _unserved_base(self, node: cst.BaseExpression) -> str:
        """Why the base URL `node` stays on OpenAI where every request its class makes from
        it is raw HTTP to an API the target does not serve (`unserved_bases`), as ML001 says
        of an SDK client making only such requests; "" otherwise."""
        found = unserved_base(self.ctx, node)
        if found is None or self.provider is None:
            return ""
        surfaces, line = found
        words = unserved_words(self.provider, surfaces, self.ctx.rules.openai)
        return f"it is the base URL of raw requests (the first on line {line}): {words}"

    def _service_alone(self) -> bool:
        """Whether the run switches to a provider the program names no service of its own
        for (`names_target_service`): OpenAI's entry of a table keyed by service is then the
        one its requests take, and they go to OpenAI's URL (t68e)."""
        return (
            self.provider is not None
            and self.ctx.rules.switching
            and not names_target_service(self.ctx)
        )

    def _report_service_alone(
        self, node: cst.BaseExpression, url: str, entry: ServiceEntry
    ) -> None:
        """OpenAI's URL under OpenAI's entry of a table keyed by service, in a program naming
        no service of the target's own (as ML204 says of that entry's models, t61d): its
        requests still go to OpenAI with OpenAI's key; a warning, left (manual): which
        client the entry feeds, and its key, is for a person to change with it."""
        assert self.provider is not None
        self.report(
            node,
            f"OpenAI URL {url} under {entry.service!r} in {entry.table}, a table keyed by "
            f"service: OpenAI's URL for OpenAI, but the program names no service of "
            f"{self.provider.name}'s own, so its requests through this entry still go to "
            f"OpenAI; change this entry's URL, key and models together, by hand, or, where "
            "OpenAI stays one of the program's services, record that with "
            "`# migrate-llm: ignore[ML402]` at the end of this line",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={"service": entry.service},
        )

    def _report_hint(
        self, node: cst.BaseExpression, url: str, target: str, hint: tuple[str, cst.Call]
    ) -> None:
        """DemoGPT's `st.text_input("Base URL", placeholder=URL)`: a hint; rewritten, the box
        showed the provider's URL while an empty box still went to OpenAI (t66g)."""
        word, call = hint
        where = "the label" if word == LABEL else f"`{word}=`"
        self.report(
            node,
            f"OpenAI URL {url} as {where} of {callee_label(self.ctx, call)}(): a text shown "
            "to the person, not a URL the program sends, so apply leaves it; make it show "
            f"{target} by hand",
            severity=Severity.NOTE,
            fix=FixClass.MANUAL,
            data={"shown_as": word},
        )

    def _dead_fallback(
        self, node: cst.SimpleString, url: str, parents: tuple[cst.CSTNode, ...]
    ) -> bool:
        """Report a URL after `x or` where the module shows `x` is always a non-empty string
        (`set_values.always_set`): the fallback never runs, so switching it fixes nothing
        (gpt_academic, private-gpt). Written in the module (a literal, a field's default, a
        read with a default), `x` is reported where it is OpenAI's: a note; computed (a
        table's entry, `.replace()`), a person must make sure it is the provider's."""
        parent = parents[-1] if parents else None
        if not (
            isinstance(parent, cst.BooleanOperation)
            and isinstance(parent.operator, cst.Or)
            and parent.right is node
        ):
            return False
        why = always_set(self.ctx, parent.left, truthy=True)
        if why is None:
            return False
        shown = self.snippet(parent.left)
        if not computed(why):
            self.report(
                node,
                f"OpenAI URL {url} as the fallback of `{shown}`, which is always set ({why}): "
                "it never runs; left (that value is reported where it is OpenAI's)",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
            return True
        provider, base = self.provider, self.ctx.rules.base_url
        where = provider.name if provider else "the provider"
        sure = f"make sure `{shown}` names {where}"
        if provider is not None and base:
            sure += f" ({base}, with the key from {provider.api_key_env})"
        self.report(
            node,
            f"hard-coded OpenAI URL {url}; not switched: it is the fallback of `{shown}`, which "
            f"is always set ({why}), so it never runs; {sure} where that value is set, by hand",
        )
        return True

    def _read_first(self, read: SettingsRead) -> bool:
        """Whether the settings field `read` is read from a variable that neither ML401
        switches (OPENAI_API_BASE, made to read the provider's by an alias) nor is the
        provider's: its default only counts where that variable is unset."""
        provider = self.provider
        own = provider.base_url_env if provider is not None else None
        return read.variable not in sdk.BASE_URL_VARS_TO_SWITCH and read.variable != own

    def _report_setting(
        self, node: cst.SimpleString, url: str, read: SettingsRead, keys: list[UrlKey]
    ) -> None:
        """An OpenAI URL as the default of a pydantic settings field (t53l D3, AgentGPT's
        `openai_api_base` under `env_prefix = "REWORKD_PLATFORM_"`, `env_file = ".env"`):
        pydantic reads the field from its variable and the env_file first, so a default read
        of the provider's variable replaces nothing there, and the key field beside it,
        read the same way, would take an OpenAI key to the provider. Left; the message
        names the variables to set."""
        provider, base = self.provider, self.ctx.rules.base_url
        where = provider.name if provider is not None else "the provider"
        source = f" (and the env_file {read.env_file})" if read.env_file else ""
        cls = read.owner.name.value
        sets = [f"{read.variable} to {base or f'the base URL of {where}'}"]
        for key in keys:
            key_read = sibling_read(read, key.name, self.ctx) if key.field else None
            if key_read is not None and key_read.variable not in sdk.KEY_VARS_TO_SWITCH:
                sets.append(f"{key_read.variable} to {where}'s key (the field {key.name})")
        message = (
            f"hard-coded OpenAI URL {url}, the default of settings field {cls}.{read.field}, "
            f"which pydantic reads from {read.variable} first{source}: a default read of "
            f"{provider.base_url_env if provider else 'the provider variable'} would not "
            f"replace it, so it is left; set {' and '.join(sets)} there, by hand (code left "
            "on OpenAI that reads the key field then needs OpenAI's key from its own variable); "
            "check cannot see where the program runs: once they are set, say so with "
            f"`# migrate-llm: ignore[{self.code}]` on this line"
        )
        data: dict[str, object] = {"setting": read.field, "variable": read.variable}
        self.report(node, message, fix=FixClass.MANUAL, data=data)

    def _test_expects(
        self, node: cst.CSTNode, parents: tuple[cst.CSTNode, ...], plain: bool
    ) -> str | None:
        """What asserts the plain base URL `node` in test code (`assert base == URL`,
        `assertEqual(base, URL)`: `model_expectations.expectation`); None elsewhere."""
        if not plain or not isinstance(node, cst.SimpleString) or not in_test(self.ctx, parents):
            return None
        return expectation(self.ctx, node)

    def _report_expected(
        self, node: cst.SimpleString, url: str, parents: tuple[cst.CSTNode, ...], expected: str
    ) -> None:
        """A test expecting OpenAI's base URL of the code under test (AgentGPT's `assert base
        == URL` of `get_base_and_headers`, t54f C): once that code points at the provider
        (apply's rewrite, or the variables a settings field's finding names), the test fails,
        so it must change with it (manual). A note where the test hands the code that URL
        itself (the same value written as data elsewhere in the test function): it checks
        what it gave."""
        given = _given_in_test(self.ctx, node, parents)
        if given is not None:
            self.report(
                node,
                f"OpenAI URL {url} expected by a test ({expected}) that gives it itself on line "
                f"{given}: it checks what it handed in; left",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
            return
        where = self.provider.name if self.provider else "the provider"
        self.report(
            node,
            f"OpenAI URL {url} expected by a test ({expected}): the value comes from the code "
            f"under test, and once that code points at {where} (apply's rewrite, or the "
            "variables a settings field's finding names) the test fails; expect "
            f"{self._expected_base()} there by hand, with the code it tests",
            data={"expected_by": expected},
        )

    def _expected_base(self) -> str:
        """The base URL a mock assertion expects once its code points at the provider."""
        provider, base = self.provider, self.ctx.rules.base_url
        if provider is None or not base:
            return "the provider's base URL"
        return f"{base} (or the read of {provider.base_url_env} the code makes)"

    def _by_hand(
        self, url: str, target: str, node: cst.CSTNode | None = None, sent: bool = False
    ) -> str:
        """What a person writes for an OpenAI URL `apply` leaves: for an endpoint of an API
        (`https://api.openai.com/v1/chat/completions`), the provider's base URL plus its path,
        which the provider serves under that base (the base URL alone is no endpoint), or
        what it serves of an API its file marks partial (`[partial]`: where, and what serves
        the rest); otherwise the provider's base URL. An f-string whose path is chosen at run
        time among strings the module shows (`f"{BASE}/{api_name}"`) is read for each. Where
        such an endpoint is a setting the program `sent` requests to (a constant, an entry, a
        keyword), the key and the models those requests carry are OpenAI's until a person
        changes them with it (`_sent_with`)."""
        path = endpoint_path(self.ctx, url)
        paths = [path] if path is not None else list(url_paths(self.ctx, node) if node else ())
        surfaces = [rest_surface(p) for p in paths]
        if not paths or None in surfaces:
            return f"replace it with {target} by hand"
        shown = " or ".join(paths)
        chosen = f" (its path chosen at run time: {shown})" if path is None else ""
        provider, base = self.provider, self.ctx.rules.base_url
        if provider is None or base is None:
            return f"replace it with {target} + {shown} by hand (the base URL alone is no endpoint)"
        for one, surface in zip(paths, surfaces, strict=True):
            assert surface is not None  # checked above
            if provider.support(surface) is False:
                return (
                    f"replace it by hand{chosen}: {provider.name} does not serve {one} ({surface})"
                )
        for surface in surfaces:
            assert surface is not None
            offer = partial_offer(provider, surface, base)
            if offer is not None and provider.partial[surface].base_url:
                return f"replace it by hand{chosen}: {offer}"
        written = " or ".join(f"{base.rstrip('/')}{p}" for p in paths)
        return (
            f"replace it with {target} + {shown} by hand ({written}, the base URL "
            f"read from {provider.base_url_env}): the base URL alone is no endpoint"
            f"{self._sent_with() if sent else ''}"
        )

    def _sent_with(self) -> str:
        """The key and models that go with a URL a person points at the provider: requests
        to it carry the program's OpenAI key and OpenAI's models until both change with it
        (gpt_academic's `openai_endpoint`, sent with its `API_KEY` and `gpt-*` models)."""
        provider = self.provider
        if provider is None:
            return ""
        return (
            f"; change with it the key and the models its requests carry ({provider.name}'s key "
            f"from {provider.api_key_env}, {provider.name}'s models), or the program's OpenAI "
            f"key and models go to {provider.name}"
        )

    def _value_of(self, node: cst.SimpleString) -> cst.CSTNode:
        """The expression whose value a URL literal gives: the read of a variable it is the
        default of (`os.getenv("OPENAI_BASE_URL", URL)`, LangChain's `get_from_env("k",
        "OPENAI_API_BASE", default=URL)`), else itself. Where that read, or a chain of `or`s
        ending in the URL, is itself the default of another read, the outermost
        (`os.getenv("OPENAI_API_BASE", os.getenv("LLM_BASE", URL))`): the URL goes where
        that read goes, so it is left where ML401 leaves that read (`url_left`), the key
        beside it staying OpenAI's."""
        from migrate_llm.rules.clients import env_var_read  # clients imports this module

        value: cst.CSTNode = node
        while True:
            default = value
            parents = self.ctx.ancestors(value)
            while parents and _or_chain(parents[-1]):
                default, parents = parents[-1], parents[:-1]
            if len(parents) < 2 or not isinstance(parents[-1], cst.Arg):
                return value
            call = parents[-2]
            if not isinstance(call, cst.Call):
                return value
            read = env_var_read(self.ctx, call)
            if read is not None and (read[1] is default or default is node is value):
                value = call  # the default (the literal alone: any argument, as before)
                continue
            helper = helper_read(self.ctx, call)
            if helper is None or helper[1] is not default:
                return value
            value = call

    def _within(self, node: cst.SimpleString, value: cst.CSTNode) -> str:
        """Where the URL `node` is the fallback of a read (or of an `or`) that is itself the
        default of the read `value` (`_value_of`), that, said ("it is the fallback within the
        default of the read of OPENAI_API_BASE on line 4; "); else ""."""
        from migrate_llm.rules.clients import env_var_read  # clients imports this module

        read = env_var_read(self.ctx, value) if isinstance(value, cst.Call) else None
        if read is None or read[1] is node:
            return ""
        line = self.ctx.line_label(self.ctx.position(value)[0][0])
        return f"it is the fallback within the default of the read of {read[0]} on {line}; "

    def _given_elsewhere(self, value: cst.CSTNode) -> str:
        """Why the URL is left where `value`, the read it is the default of or the URL
        itself, is bound at the module's level to a setting another module gives to a client
        or class apply leaves (`switched_keys.given_elsewhere`, as ML401 leaves such a
        read): switched, that client would send its OpenAI or Azure key to the provider."""
        given = given_elsewhere(self.ctx, value)
        if given is None:
            return ""
        provider = self.provider.name if self.provider is not None else "the provider"
        return given_words(*given, provider, False, "switched")

    def _caller_given(self, value: cst.CSTNode) -> str:
        """Why the URL is left where it is the fallback of a LangChain helper's read of a
        base-URL variable that ML401 leaves with the key read beside it (`setting_partner`:
        `get_from_dict_or_env(values, "openai_api_base", "OPENAI_API_BASE", default=URL)` beside
        the same for `"OPENAI_API_KEY"`): switched alone, the key the caller gives, or OpenAI's,
        would go to the provider. "" otherwise."""
        helper = helper_read(self.ctx, value) if isinstance(value, cst.Call) else None
        name = string_value(helper[0]) if helper is not None else None
        partner = setting_partner(self.ctx, helper[0], name) if helper and name else None
        provider = self.provider
        if partner is None or provider is None:
            return ""
        line = self.ctx.line_label(self.ctx.position(partner)[0][0])
        return (
            f"it is the fallback of the read of {name}, which goes with {string_value(partner)} "
            f"(named on {line}), each the fallback of a setting the caller gives, so the code "
            f"serves whatever server its caller names, and ML401 leaves both: switched, "
            f"{caller_key_harm(provider.name)}; "
            f"{pair_advice(provider.name, provider.api_key_env)}"
        )

    def _entry_key_name(self, node: cst.CSTNode, url: str, entry: ServiceEntry) -> bool:
        """Report the URL of an entry of a table keyed by service (left as it is) whose record
        names the provider's key variable as the one to read its key from (`Profile(env_var=
        "ZAI_API_KEY", embedding_api_url=URL)`, `keys_beside`: a key-name field is the entry's
        key), and whether it did: the provider's key goes to OpenAI (t64b: DB-GPT's profiles
        POSTed the Zhipu key to api.openai.com once the name alone was renamed)."""
        provider = self.provider
        if provider is None or not isinstance(node, cst.SimpleString):
            return False
        key = next(
            (k for k in keys_beside(self.ctx, node) if k.key_name == provider.api_key_env), None
        )
        if key is None:
            return False
        line = self.ctx.line_label(self.ctx.position(key.value)[0][0])
        self.report(
            node,
            f"OpenAI URL {url} under {entry.service!r} in {entry.table}, a table keyed by "
            f"service, whose {key.name} ({line}) names {provider.api_key_env}, "
            f"{provider.name}'s key variable, as the one to read its key from: "
            f"{provider.name}'s key goes to OpenAI; point this entry's URLs at "
            f"{provider.name} ({provider.base_url_env}) or make it name OpenAI's key variable "
            "again, by hand",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"service": entry.service, "variable": provider.api_key_env},
        )
        return True

    def _goes_with(self, key: UrlKey) -> bool:
        return goes_with(self.ctx, key)

    def _report_key(self, url: cst.SimpleString, key: UrlKey) -> None:
        """A literal key beside a URL `apply` points at the provider: it would go there too,
        so `apply` reads the provider's key variable instead (the literal is not kept; a
        mapping may be built where nothing needs the key yet, so an unset variable gives
        "unset", which the provider refuses, not an error)."""
        provider, rules = self.provider, self.ctx.rules
        line = self.ctx.position(url)[0][0]
        where = provider.name if provider else "the provider"
        variable = provider.api_key_env if provider else "the provider's key variable"
        edit = None
        if provider is not None and rules.switching and rules.base_url:
            edit = Edit(self.ctx.span(key.value), key_expr(provider, at_import=True), (IMPORT_OS,))
        data: dict[str, object] = {"setting": key.name}
        if provider is not None:
            data["variable_to"] = provider.api_key_env
        if key.field:
            named, holder = f"field {key.name}", "field"
            data["field"] = True  # a default every instance without a key of its own shares
        else:
            named, holder = (
                (f"{key.name}=", "argument") if key.argument else (f'"{key.name}"', "entry")
            )
        self.report(
            key.value,
            f"{named} is a literal key beside the OpenAI URL on line {line}, which apply points "
            f"at {where}: the key would go there too; the {holder} reads {variable} instead",
            severity=Severity.ERROR,
            fix=FixClass.REVIEW,
            edit=edit,
            data=data,
        )

    def _report_read(self, url: cst.SimpleString, key: UrlKey, read: EnvAccess) -> None:
        """A read of OpenAI's key variable giving the key of a call beside a URL `apply`
        points at the provider (`claimed_by_url`): renamed with it, as ML401 renames such
        reads, so that the OpenAI key never goes to the provider."""
        provider, rules = self.provider, self.ctx.rules
        source = direct_source(env_names(self.ctx), read)
        assert source is not None
        line = self.ctx.position(url)[0][0]
        where = provider.name if provider else "the provider"
        variable = provider.api_key_env if provider else "the provider's key variable"
        edit = None
        if provider is not None and rules.switching:
            edit = rename_edit(self.ctx, source.node, provider.api_key_env)
        data: dict[str, object] = {"variable_from": source.value, "setting": key.name}
        if provider is not None:
            data["variable_to"] = provider.api_key_env
        self.report(
            read.node,
            f"reads {source.value} for {key.name}= beside the OpenAI URL on line {line}, which "
            f"apply points at {where}: the OpenAI key would go there too; it reads {variable} "
            "instead",
            fix=FixClass.SAFE,
            edit=edit,
            data=data,
        )

    def _report_held(self, node: cst.SimpleString, url: str, key: UrlKey) -> None:
        """The URL left as it is: an OpenAI key beside it (ML004's, or a read of OpenAI's
        variable that stays) would go to the provider with it. The key a request carries and
        the host it goes to change together."""
        provider, base = self.provider, self.ctx.rules.base_url
        line = f"line {self.ctx.position(key.value)[0][0]}"
        if key.read is not None:  # a read ML401 leaves, or of a variable that is no key
            variable = env_names(self.ctx).openai_sources(key.read)[0].value
            line += f", from {variable}, which stays"
        elif key.variable is not None:
            line += (
                f", the entry {key.name}, which holds that variable's value at run time and "
                "keeps OpenAI's name"
            )
        elif key.named:
            line += f", `{self.snippet(key.value)}`, which names OpenAI: most likely its key"
        elif key.key_name:
            line += (
                f", {key.name} naming {key.key_name} as the variable to read it from, which stays"
            )
        elif key.other:
            owner = self.ctx.rules.other_providers_key(key.other)
            line += f", from {key.other}, {owner.name if owner else 'another provider'}'s key"
        where = provider.name if provider else "the provider"
        both = f"Point both at {where} together"
        if provider is not None and base:
            both += f": base URL {base}, key from {provider.api_key_env}"
        self.report(
            node,
            f"hard-coded OpenAI URL {url}; left alone: switched alone, it would take the key "
            f"beside it ({line}) to {where}. {both}",
        )

    def _expression_fits(self, node: cst.SimpleString) -> bool:
        """Whether the base URL may be written as the read of the provider's variable there:
        not in a `case` pattern or an implicitly concatenated string (where only a literal
        goes), nor as the default of a variable's read, nor after such a read in a chain of
        `or`s (`os.getenv("OPENAI_BASE_URL") or "https://api.openai.com/v1"`: renamed, it
        reads the variable already)."""
        from migrate_llm.rules.clients import env_var_read  # clients imports this module

        parents = self.ctx.ancestors(node)
        if any(isinstance(p, (cst.MatchCase, cst.ConcatenatedString)) for p in parents):
            return False
        if len(parents) >= 2 and isinstance(parents[-1], cst.Arg):
            call = parents[-2]
            if isinstance(call, cst.Call) and env_var_read(self.ctx, call) is not None:
                return False  # the default of a variable's read: a literal
        parent = parents[-1] if parents else None
        if isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.Or):
            stack: list[cst.CSTNode] = [parent]
            while stack:
                item = stack.pop()
                env = env_var_read(self.ctx, item) if isinstance(item, cst.BaseExpression) else None
                if env is not None:
                    return False
                stack.extend(item.children)
        return True

    def _asserted_for(self, node: cst.SimpleString, value: str) -> cst.SimpleString | None:
        """The assertion of `value` (`_asserted`) in the function around `node` where there is
        one, else the module's first."""
        found = self._asserted().get(value)
        if found is None:
            return None
        function = next(
            (p for p in reversed(self.ctx.ancestors(node)) if isinstance(p, cst.FunctionDef)),
            None,
        )
        if function is None or function in self.ctx.ancestors(found):
            return found
        for other in self.ctx.nodes:
            if (
                type(other) is cst.SimpleString
                and string_value(other) == value
                and function in self.ctx.ancestors(other)
                and expectation(self.ctx, other) is not None
            ):
                return other
        return found

    def _asserted(self) -> dict[str, cst.SimpleString]:
        """The plain OpenAI base URLs the module's tests assert (`assert cfg.base_url ==
        URL`, `assertEqual(..., URL)`: `model_expectations.expectation`), by value; found once,
        in a module that asserts anything."""
        found = cast(
            "dict[str, cst.SimpleString] | None", self.ctx.analyses.get(OpenAIUrl._asserted)
        )
        if found is None:
            found = {}
            if self.ctx.mentions("assert"):
                for node in self.ctx.nodes:
                    if type(node) is not cst.SimpleString:
                        continue
                    value = string_value(node)
                    if (
                        value is not None
                        and value.rstrip("/") in self.base_urls
                        and expectation(self.ctx, node) is not None
                    ):
                        found.setdefault(value, node)
            self.ctx.analyses[OpenAIUrl._asserted] = found
        return found

    def _report_at_url(
        self,
        node: cst.CSTNode,
        url: str,
        message: str,
        severity: Severity | None = None,
        fix: FixClass | None = None,
    ) -> None:
        """Report on the URL itself where the literal's source holds it as written (a
        docstring's URL lines below its start), else on the literal."""
        span = self.ctx.span(node)
        at = self.ctx.text.find(url, span.start, span.end)
        if at == -1:
            self.report(node, message, severity=severity, fix=fix)
            return
        lines = self.ctx.lines
        start, end = lines.position(at), lines.position(at + len(url))
        self.findings.append(self.make_finding(message, start, end, severity=severity, fix=fix))

    def _named_message(self, url: str) -> str:
        """What is said of OpenAI's host named in a longer text (`_named_in_text`)."""
        base = self.ctx.rules.base_url
        host = urlsplit(base).hostname if base else None
        whose = f"{self.provider.name}'s host" if self.provider else "the provider's host"
        added = f"{host}, {whose}" if host else whose
        return (
            f"names OpenAI's host {url} inside a longer text, not a URL the program sends "
            "requests to; left as it is (where the text lists the hosts the program may reach, "
            f"add {added}, by hand)"
        )

    def visit_Module(self, node: cst.Module) -> None:
        rules, provider = self.ctx.rules, self.provider
        if provider is None or not rules.switching or not rules.base_url:
            return
        version = own_version(rules.base_url)
        if version is None:
            return
        base_path = urlsplit(rules.base_url).path.rstrip("/")
        for found in appended_versions(self.ctx):
            shown = f" (in {found.suffix})" if found.path else ""
            kept = f"the base URL + {found.path}" if found.path else "the base URL itself"
            self.report(
                found.text,
                f"appends OpenAI's version path /v1{shown} to a base URL chosen at run time "
                f"(`{self.snippet(found.base)}`): {provider.name}'s base URL {rules.base_url} "
                f"already ends in its own version path ({version}), so given it the requests "
                f"go to {base_path}{found.suffix or '/v1'}{'' if found.path else '/...'}, "
                f"which {provider.name} does not serve; drop the /v1 here ({kept}) where the "
                f"base is {provider.name}'s, by hand",
                data={"url_from": found.suffix, "url_to": found.path},
            )

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._literal(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._literal(node)


def goes_with(ctx: PythonContext, key: UrlKey) -> bool:
    """Whether the key `key` may go to the provider with the URL: a stand-in, a read
    renamed to the provider's key variable (by ML402 where `claimed_by_url`, else by
    ML401), or an entry named for OpenAI's key variable whose name ML401 renames. A real key
    (ML004's), a read left OpenAI's, one of another provider's key, or an entry whose name
    stays OpenAI's keeps the URL as it is."""
    if key.named or key.other:
        return False  # most likely the OpenAI key, or another provider's
    if key.key_name:
        # the variable named to read the key from: the provider's, or OpenAI's where ML401
        # renames it with the record's URLs (`name_moves`)
        provider = ctx.rules.provider
        if provider is not None and key.key_name == provider.api_key_env:
            return True
        return key.key_name in key_variables(ctx) and name_moves(ctx, key.value)
    if key.variable is not None:
        return name_renamed(ctx, env_names(ctx), key.variable)
    if key.read is None:
        return not real_key(key.value)
    names = env_names(ctx)
    source = None if key.through_name else direct_source(names, key.read)
    if source is not None:
        return source.value in key_variables(ctx) and not reads_kept(
            ctx, names, [key.read], source.value
        )
    return read_renamed(ctx, names, key.read)


def _or_chain(node: cst.CSTNode) -> bool:
    """Whether `node` is a chain of `or`s (`os.getenv("LLM_BASE") or URL`)."""
    return isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or)


def _text(node: cst.CSTNode) -> str | None:
    """The text of a string literal, or of an f-string with `{}` for its expressions."""
    if isinstance(node, cst.SimpleString):
        return string_value(node)
    if isinstance(node, cst.FormattedString):
        return "".join(
            p.value if isinstance(p, cst.FormattedStringText) else "{}" for p in node.parts
        )
    return None


def _pattern(ctx: PythonContext) -> re.Pattern[str]:
    """An OpenAI API host and what follows it in a URL (found once per module)."""
    found = ctx.analyses.get(_pattern)
    if found is None:
        hosts = "|".join(re.escape(h) for h in ctx.rules.openai.hosts) or r"(?!)"
        found = ctx.analyses[_pattern] = re.compile(rf"(?i)(?:https?://)?(?:{hosts})[^\s\"'{{}}]*")
    return cast("re.Pattern[str]", found)


# what ends a sentence after a URL in text: "... to api.openai.com. So we do not."
_SENTENCE_END = re.compile(r"[.,;:!?]+\Z")


def url_of(match: re.Match[str]) -> str:
    """The URL `_pattern` found, without the punctuation of a sentence it ends (a trailing
    `.`, `,`, `;`, `:`, `!` or `?`): no URL ends so that a request would need it."""
    return _SENTENCE_END.sub("", match.group(0))


def _bare_host(url: str) -> bool:
    """Whether `url` is a host alone (`api.openai.com`: no scheme, no path)."""
    return "://" not in url and "/" not in url


# what may stand right before a host named as a word of a text: `- api.openai.com` of a YAML
# list, `(api.openai.com)`, `"api.openai.com"` in a JSON text
_WORD_BEFORE = frozenset("([<{,;\"'`")


def _named_in_text(text: str, match: re.Match[str]) -> bool:
    """Whether OpenAI's host (`_pattern`'s `match`) is a word of a longer text, not a URL or
    host the program connects to: a host alone (no scheme, no path), standing as a word
    (after whitespace, a bracket, a quote, or at the start), in a string of several words or
    lines (t53d D2: a YAML policy allowing `- api.openai.com` for the app's tools). Not
    `wss://api.openai.com`, nor a string holding the host alone."""
    url = url_of(match)
    before = text[: match.start()]
    return (
        _bare_host(url)
        and (not before or before[-1].isspace() or before[-1] in _WORD_BEFORE)
        and any(c.isspace() for c in text.strip())
    )


# methods of a dict taking a key first: `table.get(URL, None)`
_KEYED_METHODS = frozenset({"get", "pop", "setdefault"})


def _lookup(ctx: PythonContext, node: cst.CSTNode, parents: tuple[cst.CSTNode, ...]) -> str | None:
    """How a literal is the key of a lookup in a table (`REDIRECT.get(URL, None)`, `.pop`,
    `.setdefault`, `REDIRECT[URL]`), shown as `REDIRECT.get(...)`; None otherwise. A `.get`
    that may be an HTTP GET is a raw request's (ML403), held before this."""
    if len(parents) >= 3 and isinstance(parents[-1], cst.Index):
        holder = parents[-3]
        if isinstance(holder, cst.Subscript) and len(holder.slice) == 1:
            return f"{ctx.code(holder.value)}[...]"
        return None
    if len(parents) < 2 or not isinstance(parents[-1], cst.Arg):
        return None
    arg, call = parents[-1], parents[-2]
    if (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value in _KEYED_METHODS
        and call.args[0] is arg
        and arg.keyword is None
    ):
        return f"{ctx.code(call.func)}(...)"
    return None


def endpoint_path(ctx: PythonContext, url: str) -> str | None:
    """The path of an OpenAI URL after OpenAI's base URL (`/chat/completions` of
    `https://api.openai.com/v1/chat/completions?x=1`), without its query; None for a URL
    not under that base, or the base itself."""
    base = ctx.rules.openai.base_url.rstrip("/")
    for start in (base, base.replace("https://", "http://", 1)):
        if url.lower().startswith(start.lower() + "/"):
            path = re.split(r"[?#{]", url[len(start) :], maxsplit=1)[0].rstrip("/")
            return path or None
    return None


def _made_up_request(ctx: PythonContext, parents: tuple[cst.CSTNode, ...]) -> bool:
    """Whether the literal is an argument of an HTTP request object (`httpx.Request("POST",
    URL)`) handed only to `request=` of other calls, itself or through the name it is bound
    to: a response or an error the program makes up, never sent."""
    if len(parents) < 3 or not isinstance(parents[-1], cst.Arg):
        return False
    call = parents[-2]
    if not isinstance(call, cst.Call) or not ctx.qualnames(call.func) & sdk.HTTP_REQUEST_OBJECTS:
        return False
    holder = parents[-3]
    if isinstance(holder, cst.Arg):
        return _request_keyword(holder)
    if not (
        isinstance(holder, cst.Assign)
        and len(holder.targets) == 1
        and isinstance(name := holder.targets[0].target, cst.Name)
    ):
        return False
    uses = [a.node for b in ctx.bindings(name) for a in getattr(b, "references", ())]
    for use in uses:
        above = ctx.ancestors(use)
        if not above or not isinstance(above[-1], cst.Arg) or not _request_keyword(above[-1]):
            return False
    return bool(uses)


def _request_keyword(arg: cst.Arg) -> bool:
    return arg.keyword is not None and arg.keyword.value == sdk.REQUEST_KEYWORD


def _test_data(
    ctx: PythonContext, node: cst.CSTNode, parents: tuple[cst.CSTNode, ...]
) -> cst.Call | None:
    """The call of the project's own code (a function or class of the module, a method of
    the class around it, or one imported from another module of the project) that takes the
    literal `node` as an argument, where
    that is test code (`in_test`); None otherwise."""
    if len(parents) < 2 or not isinstance(parents[-1], cst.Arg):
        return None
    call = parents[-2]
    if not isinstance(call, cst.Call) or parents[-1].value is not node:
        return None
    return call if project_call_in_test(ctx, call) else None


def _given_in_test(
    ctx: PythonContext, node: cst.SimpleString, parents: tuple[cst.CSTNode, ...]
) -> int | None:
    """The line where the test function around the expected literal `node` writes the same
    value other than as an expectation (handed to the code it tests); None where it does not,
    or `node` is in no function."""
    function = next((p for p in reversed(parents) if isinstance(p, cst.FunctionDef)), None)
    if function is None:
        return None
    value = string_value(node)
    for other in ctx.nodes:
        if (
            type(other) is cst.SimpleString
            and other is not node
            and string_value(other) == value
            and expectation(ctx, other) is None
            and function in ctx.ancestors(other)
        ):
            return ctx.position(other)[0][0]
    return None


def _setting(node: cst.CSTNode, parents: tuple[cst.CSTNode, ...]) -> bool:
    """Whether a URL is a setting a program sends requests to: the value of an assignment
    (`openai_endpoint = URL`), of a dict entry, of a keyword argument, or a parameter's
    default; not a message's text (`RuntimeError("could not reach URL")`)."""
    parent = parents[-1] if parents else None
    if isinstance(parent, (cst.Assign, cst.AnnAssign, cst.DictElement)):
        return parent.value is node
    if isinstance(parent, cst.Arg):
        return parent.keyword is not None and parent.value is node
    return isinstance(parent, cst.Param) and parent.default is node


def _azure_default(
    ctx: PythonContext, node: cst.CSTNode, parents: tuple[cst.CSTNode, ...]
) -> str | None:
    """The variable whose read `node` is the default of (`os.getenv(X, URL)`), where its name
    says it is Azure OpenAI's (AZURE and OPENAI among its words: AZURE_OPENAI_ENDPOINT)."""
    from migrate_llm.rules.clients import env_var_read  # it imports this module's rules

    arg = parents[-1] if parents else None
    call = parents[-2] if len(parents) > 1 else None
    if not isinstance(arg, cst.Arg) or arg.value is not node or not isinstance(call, cst.Call):
        return None
    read = env_var_read(ctx, call)
    if read is None or read[1] is not node:
        return None
    return read[0] if set(read[0].split("_")) >= sdk.AZURE_OPENAI_NAME_WORDS else None


def _prose(parents: tuple[cst.CSTNode, ...]) -> bool:
    """Whether a literal stands as a statement (a docstring): prose, nothing the program sends."""
    return bool(parents) and isinstance(parents[-1], cst.Expr)


def _documents(ctx: PythonContext, parents: tuple[cst.CSTNode, ...]) -> bool:
    """Whether a literal is (part of) the text of a `description=` or `help=` argument
    (`sdk.DOC_KEYWORDS`): prose for people, nothing the program sends; not of a call of the
    module's own function, which may return it (`setting(name, help=URL)`, review r1 t9)."""
    index = len(parents) - 1
    while index >= 0 and isinstance(parents[index], cst.ConcatenatedString):
        index -= 1
    arg = parents[index] if index >= 0 else None
    if not (isinstance(arg, cst.Arg) and arg.keyword and arg.keyword.value in sdk.DOC_KEYWORDS):
        return False
    call = parents[index - 1]
    return not (isinstance(call, cst.Call) and called_function(ctx, call) is not None)


def _host_compared(
    ctx: PythonContext, node: cst.CSTNode, parents: tuple[cst.CSTNode, ...]
) -> tuple[str, list[int]] | None:
    """The name a bare OpenAI host (`"api.openai.com"`: no scheme, no path) is bound to and
    the lines of its uses, when each of those tests a URL or host against it (`hostname ==
    OPENAI_API_HOST`, `host in (OPENAI_API_HOST, ...)`, `url.startswith(...)`): a constant
    telling OpenAI's server from others, never sent anything. None otherwise (also when the
    module does not use it: another module may build a URL with it)."""
    text = _text(node)
    hosts = {h.lower() for h in ctx.rules.openai.hosts}
    if text is None or text.lower() not in hosts or not parents:
        return None
    holder = parents[-1]
    if isinstance(holder, cst.Assign) and len(holder.targets) == 1:
        target = holder.targets[0].target
    elif isinstance(holder, cst.AnnAssign) and holder.value is node:
        target = holder.target
    else:
        return None
    if not isinstance(target, cst.Name):
        return None
    uses = [a.node for b in ctx.bindings(target) for a in getattr(b, "references", ())]
    if not uses or not all(_compares(u, ctx.ancestors(u)) for u in uses):
        return None
    return target.value, sorted({ctx.position(u)[0][0] for u in uses})


def _compares(node: cst.CSTNode, parents: tuple[cst.CSTNode, ...]) -> bool:
    """Whether a use of a host's name tests a URL against it (`_tests_a_url`), or is one of
    the items a value is looked for in (`host in (OPENAI_API_HOST, AZURE_HOST)`)."""
    if _tests_a_url(node, parents):
        return True
    if len(parents) < 3 or not isinstance(parents[-1], cst.Element):
        return False
    items, target = parents[-2], parents[-3]
    return (
        isinstance(items, (cst.Tuple, cst.List, cst.Set))
        and isinstance(target, cst.ComparisonTarget)
        and target.comparator is items
        and isinstance(target.operator, (cst.In, cst.NotIn))
    )


def urls_left(ctx: PythonContext) -> list[tuple[cst.CSTNode, str]]:
    """The OpenAI URLs in the module's code that `apply` leaves to a person, ML402's manual
    warning, with the URL each holds, in the order of the text: any but a plain base URL
    (the tracing exporter's `https://api.openai.com/v1/traces/ingest`, the realtime API's
    `wss://api.openai.com/v1/realtime`), outside docstrings and tests of where a URL points,
    and not a raw request's (ML403's) or a client's base URL. A key read of the module may
    be sent there (`key_destinations`). Found once per module."""
    found = ctx.analyses.get(urls_left)
    if found is None:
        found = ctx.analyses[urls_left] = _urls_left(ctx)
    return cast("list[tuple[cst.CSTNode, str]]", found)


def _urls_left(ctx: PythonContext) -> list[tuple[cst.CSTNode, str]]:
    rules = ctx.rules
    if not rules.switching or not any(ctx.mentions(h) for h in rules.openai.hosts):
        return []
    names, raw, pattern = env_names(ctx), raw_http(ctx), _pattern(ctx)
    bases = openai_base_urls(ctx)
    found: list[tuple[cst.CSTNode, str]] = []
    for node in ctx.nodes:
        if type(node) not in (cst.SimpleString, cst.FormattedString):
            continue
        text = _text(node)
        match = pattern.search(text) if text else None
        if match is None or raw.holds(names, node):
            continue
        if isinstance(node, cst.SimpleString) and (text or "").rstrip("/") in bases:
            continue  # a plain base URL: switched, or left with its key (ML402)
        parents = ctx.ancestors(node)
        if _prose(parents) or _tests_a_url(node, parents) or _base_url_setting(ctx, parents):
            continue
        if _documents(ctx, parents) or _host_compared(ctx, node, parents) is not None:
            continue
        if _made_up_request(ctx, parents) or _lookup(ctx, node, parents) is not None:
            continue
        if _named_in_text(text or "", match):
            continue  # a word of a text (a policy listing hosts), not a URL it sends to
        found.append((node, url_of(match)))
    return found


def _base_url_setting(ctx: PythonContext, parents: tuple[cst.CSTNode, ...]) -> bool:
    """Whether a literal is a client's `base_url=` or the value of `openai.base_url = ...`
    (`openai.api_base`): the client rules' (ML001, ML103, ML301)."""
    if len(parents) >= 2 and isinstance(parents[-1], cst.Arg):
        arg, call = parents[-1], parents[-2]
        return (
            isinstance(call, cst.Call)
            and arg.keyword is not None
            and arg.keyword.value == "base_url"
            and ctx.constructed_client(call) is not None
        )
    if parents and isinstance(parents[-1], cst.Assign):
        return any(
            last_name(t.target) in ("api_base", "base_url")
            and ctx.qualnames(t.target) & {"openai.api_base", "openai.base_url"}
            for t in parents[-1].targets
        )
    return False


# methods whose argument a URL is searched for: `url.find("api.openai.com") > -1`
_URL_TESTS = frozenset({"find", "rfind", "index", "count", "startswith", "endswith"})


def _openai_entry_checked(
    ctx: PythonContext, node: cst.CSTNode, parents: tuple[cst.CSTNode, ...]
) -> str | None:
    """The value a test asserts the URL `node` to be that names OpenAI as a service
    (`assertEqual(provider_default_url("openai"), URL)`, `assert URLS["openai"] == URL`): the
    program's entry for OpenAI, which stays OpenAI's (`service_tables`); None otherwise."""
    if not isinstance(node, cst.SimpleString) or expectation(ctx, node) is None:
        return None
    parent = parents[-1]
    if isinstance(parent, cst.Arg):
        call = parents[-2]
        assert isinstance(call, cst.Call)
        others: list[cst.CSTNode] = [a.value for a in call.args if a is not parent]
    else:
        comparison = parents[-1] if isinstance(parent, cst.Comparison) else parents[-2]
        assert isinstance(comparison, cst.Comparison)
        others = [comparison.left, *(t.comparator for t in comparison.comparisons)]
        others = [o for o in others if o is not node]
    for other in others:
        start = ctx.index_of(other)
        for found in ctx.nodes[start : ctx.ends[start]]:
            if (string_value(found) or "").lower() in openai_names():
                return " ".join(ctx.code(other).split())
    return None


def _none_counted(
    ctx: PythonContext, node: cst.CSTNode, parents: tuple[cst.CSTNode, ...]
) -> cst.BaseExpression | None:
    """The operand of an `or` beside the test of a URL against `node` (`_tests_a_url`) that
    holds where that URL is None (`url is None`, `not url`), if any: khoj's `is_openai_api`,
    `api_base_url is None or api_base_url.startswith("https://api.openai.com/v1")`."""
    parent = parents[-1]
    if isinstance(parent, cst.Comparison):  # `"api.openai.com" in url`
        test: cst.BaseExpression = parent
        subject = parent.comparisons[0].comparator
    elif isinstance(parent, cst.ComparisonTarget):  # `url == "https://api.openai.com/v1"`
        test = cast(cst.Comparison, parents[-2])
        subject = test.left
    else:  # `url.startswith("https://api.openai.com/v1")`
        test = cast(cst.Call, parents[-2])
        subject = cast(cst.Attribute, test.func).value
    above = parents[: -1 if isinstance(parent, cst.Comparison) else -2]
    operands: list[cst.BaseExpression] = []
    child: cst.CSTNode = test
    for outer in reversed(above):
        if not (isinstance(outer, cst.BooleanOperation) and isinstance(outer.operator, cst.Or)):
            break
        operands.append(outer.left if outer.right is child else outer.right)
        child = outer
    wanted = ctx.code(subject)
    for operand in operands:
        if (
            isinstance(operand, cst.UnaryOperation)
            and isinstance(operand.operator, cst.Not)
            and ctx.code(operand.expression) == wanted
        ):
            return operand
        if (
            isinstance(operand, cst.Comparison)
            and len(operand.comparisons) == 1
            and isinstance(operand.comparisons[0].operator, (cst.Is, cst.Equal))
            and ctx.code(operand.left) == wanted
            and ctx.code(operand.comparisons[0].comparator) in ("None", '""')
        ):
            return operand
    return None


def _none_subject(ctx: PythonContext, none: cst.BaseExpression) -> str:
    """The code of what `_none_counted`'s operand (`url is None`, `not url`) tests."""
    if isinstance(none, cst.UnaryOperation):
        return ctx.code(none.expression)
    return ctx.code(cast(cst.Comparison, none).left)


def _tests_a_url(node: cst.CSTNode, parents: tuple[cst.CSTNode, ...]) -> bool:
    """Whether the literal `node` is searched for in a URL or compared with one: the left of
    `in` / `not in` (`"api.openai.com" in url`), a side of `==` / `!=`, or the argument of
    `url.find(...)`, `url.startswith(...)` and their kind. Such a test
    keeps OpenAI-only arguments off other servers (pyvideotrans' `max_completion_tokens`):
    replacing the host would send them to the provider."""
    if len(parents) < 2:
        return False
    parent = parents[-1]
    if isinstance(parent, cst.Comparison) and parent.left is node:
        first = parent.comparisons[0].operator
        return isinstance(first, (cst.In, cst.NotIn, cst.Equal, cst.NotEqual))
    if isinstance(parent, cst.ComparisonTarget):  # `url == "https://api.openai.com/v1"`
        return isinstance(parent.operator, (cst.Equal, cst.NotEqual))
    call = parents[-2]
    return (
        isinstance(parent, cst.Arg)
        and isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value in _URL_TESTS
        and call.args[0] is parent
    )
