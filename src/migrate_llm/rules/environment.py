"""Rules about OpenAI's environment variables and URLs written into Python code."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.rules.azure_target import client_base_url
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr
from migrate_llm.rules.config_common import LEGACY_ENV
from migrate_llm.rules.env_names import (
    NAME_IN_TEXT,
    EnvAccess,
    EnvNames,
    NameSource,
    env_names,
    if_testing,
    testing,
)
from migrate_llm.rules.framework_args import owns_key
from migrate_llm.rules.guarded_features import guarded_feature
from migrate_llm.rules.key_destinations import (
    KNOWN_USERS,
    Destination,
    foreign_user,
    keys_beside_url,
    risky_destination,
    url_destination,
)
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import (
    ENV_NAME,
    PythonContext,
    keyword,
    last_name,
    string_value,
)
from migrate_llm.rules.raw_http import RAW_HTTP_RULES, raw_http
from migrate_llm.rules.rewrite import requote
from migrate_llm.secrets import find_secrets, is_placeholder, mask


def _env_key(key: str) -> bool:
    """Whether a dict key or keyword names an environment variable (`api_key_env`)."""
    key = key.lower()
    return key in ("env", "env_var") or key.endswith(
        tuple(k for k in sdk.ENV_NAME_KEYS if k.startswith("_"))
    )


class OpenAIEnvVar(PythonRule):
    """A read of one of OpenAI's environment variables, or a string naming one.

    ## What it does
    Finds `os.environ["OPENAI_API_KEY"]`, `os.getenv("OPENAI_BASE_URL")`,
    `"OPENAI_API_KEY" in os.environ` and other `OPENAI_*` / `AZURE_OPENAI_*` variables, also
    where the name travels through a constant (`KEY_VAR = "OPENAI_API_KEY"; os.getenv(KEY_VAR)`),
    a list a loop reads (`for v in REQUIRED: os.environ[v]`) or a dict entry. It also finds
    strings naming them as settings sources (pydantic `Field(env=...)`, `validation_alias`
    in a `BaseSettings` class, `AliasChoices`), as config values under an `*_env` key, and in
    messages shown to people; and the fields of a `BaseSettings` class that read one by
    their own name (`openai_api_key: str`, after the class's `env_prefix`), also of a class
    deriving from one of the module, or from another module's class while it states an
    `env_prefix`. A removal (`os.environ.pop("OPENAI_API_KEY", None)`, `del os.environ[...]`)
    is never renamed: it would remove the provider's variable.

    ## Why
    After `apply` the program must not need any `OPENAI_*` variable: every name that reaches
    an environment read has to name the provider's variable.

    ## Fix
    Safe where the module shows the name reaches a read (directly, through a constant, a loop
    or a dict, or a settings field): `apply` names the provider's variable instead (the
    OpenAI key is never copied into it). Manual where the key goes to a class or function
    named like OpenAI that migrate-llm does not rewrite (chromadb's `OpenAIEmbeddingFunction`,
    an `openai_api_key=` of some library; so is a string naming OpenAI's key variable given to
    one as the variable it reads, chromadb's `api_key_env_var=`), to an SDK client whose base
    URL is chosen at run
    time, or into one dict or call beside such a URL (`{"api_key": ..., "base_url":
    self.base_url}`, which a client may be built from: the key and the URL travel together),
    to a raw HTTP request apply does not point at the provider, to an SDK client or a
    framework class that apply leaves talking to OpenAI or Azure OpenAI (its own finding is
    manual: `AzureOpenAIEmbeddings` for a provider without embeddings), or back into an
    OpenAI variable (`os.environ["OPENAI_API_KEY"] = key`, a dict entry named for one;
    followed through names,
    expressions and the module's own functions): given the provider's key, it could send
    that key to OpenAI. Review for values under an `*_env` key whose read
    the module does not show. Manual where the use is not shown, for names the module also
    sets (see ML404), and for OpenAI-only settings (organisation, project, Azure). A variable
    that neither the openai SDK nor a library the tables know reads, and whose name speaks of
    no key, URL, account or model (`OPENAI_TIMEOUT`, `OPENAI_MAX_RETRIES`), is the program's
    own setting, which works the same with the provider: a note, unless its value goes to
    something of OpenAI's (a class named like OpenAI, an OpenAI variable). A settings
    field read by its name (`openai_api_key: str`, which stops the program at start once only
    the provider's key is set, even where the client no longer uses it) is made to read the
    provider's variable, for review: `Field(validation_alias="ACME_API_KEY")` in
    pydantic-settings, `Field(env=...)` in pydantic<2 (`Annotated[str, Field(...)]` where the
    field has another default, which other rules may rewrite). pydantic then refuses the
    field's name as an argument: code building `Settings(openai_api_key=...)` must pass
    `Settings(ACME_API_KEY=...)` (`populate_by_name=True` would read OPENAI_API_KEY again where
    ACME_API_KEY is unset); manual where the module builds the class (or a class of its own
    deriving from it) so. Manual where the settings base is not pydantic's. Names in
    messages (print, logging, exceptions) are notes. Key reads that belong to a raw HTTP
    request are ML403's, and those a call takes for its key beside an OpenAI URL
    (`X(base_url=URL, api_key=os.getenv("OPENAI_API_KEY"))`) ML402's: the key and the URL
    change together. A test of the key variable that guards a write of it
    (`if not os.getenv("OPENAI_API_KEY"): os.environ["OPENAI_API_KEY"] = load()`) changes
    with the write: renamed where ML404 renames the write, else left to ML404's finding.
    Manual, too, where the module also sets the variable under a name computed at run time
    that can spell it (`os.environ[f"{name.upper()}_API_KEY"] = key`, also through a name,
    `+`, `%`, `.format`, into `setdefault`, `putenv` or `update`): the renamed read would miss
    that write. And for a key test (`if os.getenv("OPENAI_API_KEY"):`, `if not key: raise`
    after `key = os.getenv(...)`) guarding a call, directly or through the module's own
    functions, to an API the provider's `[supports]` table marks false (audio, images): renamed,
    the test would pass on the provider's key while the feature still needs OpenAI's. Manual,
    too, where the module uses the name as a key of something else (`cfg.get("OPENAI_API_KEY")`,
    a subscript, a dict entry: `other_use`): the read and that key are renamed together or not
    at all. So is
    a key read given to a framework class that apply leaves (on a base URL chosen at run time,
    or calling an API the provider lacks).
    A read of OpenAI's base-URL variable gets the provider's base URL as its default where it
    has none, `os.environ[X]` too (as `os.environ.get(Y, URL)`: the provider's variable is
    optional); so does a test of it (`if os.environ.get(X):`), then always true, and the reads
    it guards. Manual where the value goes (as it is, through names, `.rstrip("/")`, the
    module's functions, or a mapping's entry `kw["base_url"] = ...` spread into a call) to a
    client or framework class that apply leaves with OpenAI's key (none given: it reads
    OPENAI_API_KEY; a `**mapping` that may hold one; a read left OpenAI's), or beside such a
    key in a dict or call, or to a framework class calling an API the provider's `[supports]`
    table marks false (embeddings): renamed, OpenAI's key would go to the provider. A test of
    the variable and the reads it guards are left together.
    """

    code = "ML401"
    name = "openai-env-var"
    silent_when_modernising = True  # OpenAI's variables are the right ones then
    category = "environment"
    severity = Severity.WARNING
    fix = FixClass.SAFE
    examples = (
        Example(
            'import os\nkey = os.environ["OPENAI_API_KEY"]\n',
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY "
            "(the OpenAI key is not copied)",
            after='import os\nkey = os.environ["ACME_API_KEY"]\n',
        ),
        Example(
            'from os import getenv\nurl = getenv("OPENAI_API_BASE", "https://api.openai.com/v1")\n',
            provider="acme",
            message="reads OPENAI_API_BASE; Acme Cloud's base URL is in ACME_BASE_URL "
            "(default https://api.acme.example/v1)",
            after="from os import getenv\n"
            'url = getenv("ACME_BASE_URL", "https://api.openai.com/v1")\n',
        ),
        Example(
            'import os\norg = os.getenv("OPENAI_ORG_ID")\n',
            message="reads OPENAI_ORG_ID, an OpenAI-only setting; the provider has no equivalent",
        ),
        Example(
            'import os\nREQUIRED = ["OPENAI_API_KEY", "DB_URL"]\n'
            "missing = [v for v in REQUIRED if v not in os.environ]\n",
            provider="acme",
            message="names OPENAI_API_KEY, read from the environment on line 3 (through "
            "REQUIRED); Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not copied)",
            after='import os\nREQUIRED = ["ACME_API_KEY", "DB_URL"]\n'
            "missing = [v for v in REQUIRED if v not in os.environ]\n",
        ),
        Example(
            'class Settings(BaseSettings):\n    key: str = Field(env="OPENAI_API_KEY")\n',
            provider="acme",
            message="names OPENAI_API_KEY, the variable a settings field reads; Acme Cloud's "
            "key is in ACME_API_KEY (the OpenAI key is not copied)",
            after='class Settings(BaseSettings):\n    key: str = Field(env="ACME_API_KEY")\n',
        ),
        Example(
            'raise RuntimeError("set OPENAI_API_KEY first")\n',
            provider="acme",
            message="names OPENAI_API_KEY in a message; Acme Cloud's key is in ACME_API_KEY: "
            "reword it",
        ),
        Example(
            "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
            "    openai_api_key: str\n    debug: bool = False\n",
            provider="acme",
            message="settings field Settings.openai_api_key reads OPENAI_API_KEY; Acme Cloud's "
            "key is in ACME_API_KEY (the OpenAI key is not copied): the field reads it by "
            "validation_alias= (code building `Settings(openai_api_key=...)` must then pass it "
            "by the alias, `Settings(ACME_API_KEY=...)`: populate_by_name=True would read "
            "OPENAI_API_KEY again)",
            after="from pydantic import Field\nfrom pydantic_settings import BaseSettings\n\n\n"
            "class Settings(BaseSettings):\n"
            '    openai_api_key: str = Field(validation_alias="ACME_API_KEY")\n'
            "    debug: bool = False\n",
        ),
        Example(
            "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
            "    openai_api_key: str\n\n\nsettings = Settings(openai_api_key=load_key())\n",
            provider="acme",
            message="settings field Settings.openai_api_key reads OPENAI_API_KEY; Acme Cloud's "
            "key is in ACME_API_KEY (the OpenAI key is not copied): not switched: the call on "
            "line 8 passes it by name (`Settings(openai_api_key=...)`), which the alias would "
            'refuse; give the field validation_alias="ACME_API_KEY" and pass it there by that '
            "name, `Settings(ACME_API_KEY=...)`, or keep the field and pass it Acme Cloud's key "
            "explicitly, by hand",
        ),
        Example(
            "from pydantic import BaseSettings, Field\n\n\nclass Settings(BaseSettings):\n"
            '    openai_api_key: str = Field(..., description="the key")\n'
            '    openai_api_base: str = ""\n',
            provider="acme",
            after="from typing import Annotated\n\n"
            "from pydantic import BaseSettings, Field\n\n\nclass Settings(BaseSettings):\n"
            '    openai_api_key: str = Field(..., description="the key", env="ACME_API_KEY")\n'
            '    openai_api_base: Annotated[str, Field(env="ACME_BASE_URL")] = ""\n',
        ),
        Example(
            "from app.base import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
            "    openai_api_key: str\n",
            provider="acme",
            message="settings field Settings.openai_api_key reads OPENAI_API_KEY; Acme Cloud's "
            "key is in ACME_API_KEY (the OpenAI key is not copied): make the field read it "
            "(validation_alias=, or env= in pydantic<2), by hand",
        ),
        Example(
            "from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\n"
            "class Settings(BaseSettings):\n"
            '    model_config = SettingsConfigDict(env_prefix="APP_")\n'
            "    openai_api_key: str\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "from pydantic import BaseSettings\n\nfrom app.constants import PREFIX\n\n\n"
            "class Settings(BaseSettings):\n"
            '    openai_api_key: str = "<set me>"\n\n'
            "    @property\n    def ready(self) -> bool:\n"
            "        return bool(self.openai_api_key)\n\n"
            "    class Config:\n        env_prefix = PREFIX\n\n"
            "        def describe(self):\n            return 'settings'\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\n"
            "class Settings(BaseSettings):\n"
            "    model_config = SettingsConfigDict(case_sensitive=True)\n"
            "    openai_api_key: str\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import os\n\nfrom chromadb.utils.embedding_functions import "
            "OpenAIEmbeddingFunction\n\n"
            'KEY = os.getenv("OPENAI_API_KEY")\nembed = OpenAIEmbeddingFunction(api_key=KEY)\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to OpenAIEmbeddingFunction() on line 6, "
            "named like OpenAI and not rewritten by migrate-llm: if it talks to OpenAI, Acme "
            "Cloud's key (ACME_API_KEY) would go there; point it at Acme Cloud (its base URL and "
            "key) and read ACME_API_KEY, or keep it on OpenAI, by hand",
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\n"
            'KEY = os.getenv("OPENAI_API_KEY")\nclient = OpenAI(api_key=KEY)\nprint(len(KEY))\n',
            provider="acme",
            after="import os\n\nfrom openai import OpenAI\n\n"
            'KEY = os.getenv("ACME_API_KEY")\nclient = OpenAI(api_key=KEY)\nprint(len(KEY))\n',
        ),
        Example(
            'import os\n\n\ndef base(url=None):\n    return url or os.getenv("OPENAI_BASE_URL")\n',
            provider="acme",
            after="import os\n\n\ndef base(url=None):\n"
            '    return url or os.getenv("ACME_BASE_URL", "https://api.acme.example/v1")\n',
        ),
        Example(
            'import os\ntimeout = float(os.getenv("OPENAI_TIMEOUT", "30"))\n',
            provider="acme",
            message="reads OPENAI_TIMEOUT, the program's own setting (the openai SDK does not "
            "read it), which works the same with Acme Cloud; nothing to change",
        ),
        Example(
            "import os\n\n\ndef client_kwargs(url=None):\n"
            '    return {"api_key": os.environ["OPENAI_API_KEY"], "base_url": url}\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes with the base URL `url` of the same dict "
            "on line 5, chosen at run time (OpenAI's when it is None) and left as it is: given "
            "Acme Cloud's key (ACME_API_KEY) it could send that key to OpenAI; make sure that "
            "URL is Acme Cloud's, then read ACME_API_KEY, by hand",
        ),
        Example(
            "import os\n\n\ndef remember(provider, key):\n"
            '    os.environ[f"{provider.upper()}_API_KEY"] = key\n\n\n'
            'def current_key():\n    return os.environ.get("OPENAI_API_KEY")\n',
            provider="acme",
            message="reads OPENAI_API_KEY; not switched: the module sets `*_API_KEY` under a name "
            "computed at run time (line 5), which can be OPENAI_API_KEY: renamed, this read "
            "would miss what that write stores; make both use ACME_API_KEY, by hand",
            after="import os\n\n\ndef remember(provider, key):\n"
            '    os.environ[f"{provider.upper()}_API_KEY"] = key\n\n\n'
            'def current_key():\n    return os.environ.get("OPENAI_API_KEY")\n',
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
            "def dictate(path):\n"
            '    if not os.getenv("OPENAI_API_KEY"):\n'
            '        raise RuntimeError("dictation needs an OpenAI key")\n'
            '    with open(path, "rb") as audio:\n'
            '        return client.audio.transcriptions.create(model="whisper-1", file=audio)\n',
            provider="acme",
            message="reads OPENAI_API_KEY; not switched: it tests for OpenAI's key before "
            "client.audio.transcriptions.create() on line 12, a call to the audio API, which "
            "Acme Cloud does not offer: renamed, the test would pass on Acme Cloud's key while "
            "that feature still needs OpenAI's; replace or remove the feature, then the test, "
            "by hand",
        ),
        Example(
            'import os\n\nkw = {}\nif os.environ.get("OPENAI_BASE_URL"):\n'
            '    kw["base_url"] = os.environ["OPENAI_BASE_URL"]\n',
            provider="acme",
            after='import os\n\nkw = {}\nif os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"):\n'
            '    kw["base_url"] = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n',
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\n"
            'url = os.environ["OPENAI_BASE_URL"]\nclient = OpenAI(base_url=url)\n',
            provider="acme",
            message="reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAI() on "
            "line 6, whose key (OPENAI_API_KEY, which it reads itself) apply leaves OpenAI's: "
            "switched, it would send that key to Acme Cloud; point both at Acme Cloud (the key "
            "from ACME_API_KEY) together, by hand",
        ),
        Example(
            'import os\n\nkey = os.getenv("OPENAI_API_KEY") or cfg.get("OPENAI_API_KEY")\n',
            provider="acme",
            message="reads OPENAI_API_KEY; not switched: the module also uses the name as a key "
            'on line 3 (`cfg.get("OPENAI_API_KEY")`), which apply does not rename: renamed alone, '
            "this read and that key would name different variables; make both use ACME_API_KEY, "
            "by hand",
            after='import os\n\nkey = os.getenv("OPENAI_API_KEY") or cfg.get("OPENAI_API_KEY")\n',
        ),
        Example('import os\nkey = os.environ["ACME_API_KEY"]\nprint("hello")\n', finds=False),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()

    def _target(self, name: str) -> str | None:
        """The provider's variable replacing OpenAI's `name`, if any."""
        provider = self.provider
        if provider is None:
            return None
        if name in sdk.KEY_VARS_TO_SWITCH:
            return provider.api_key_env
        if name in sdk.BASE_URL_VARS_TO_SWITCH:
            return provider.base_url_env
        return None

    def _where(self, name: str) -> str | None:
        """ "Acme Cloud's key is in ACME_API_KEY (...)" for switchable variables."""
        provider = self.provider
        if name in sdk.KEY_VARS_TO_SWITCH:
            if provider is None:
                return "the provider's key variable replaces it"
            return (
                f"{provider.name}'s key is in {provider.api_key_env} (the OpenAI key is not copied)"
            )
        if name in sdk.BASE_URL_VARS_TO_SWITCH:
            if provider is None:
                return "the provider's base-URL variable replaces it"
            return (
                f"{provider.name}'s base URL is in {provider.base_url_env} "
                f"(default {provider.base_url})"
            )
        return None

    def _beside_current(self, name: str, read: set[str]) -> bool:
        """Whether `name` is openai<1's name of a variable the module also reads by its
        current name, or by the provider's name for it (once `apply` has renamed that)."""
        current = LEGACY_ENV.get(name)
        if current is None:
            return False
        if current in read:
            return True
        new = self._target(current)
        text = self.ctx.text
        return new is not None and (f'"{new}"' in text or f"'{new}'" in text)

    def _alias_message(self, name: str) -> str:
        """For openai<1's name of a variable the module also reads by its current name."""
        current = LEGACY_ENV[name]
        new = self._target(current) or "the provider's variable"
        return (
            f"reads {name}, openai<1's name for {current}, which this module also reads "
            f"(renamed to {new}): renamed too, both would read {new}, and code that warns "
            f"about the old name would warn whenever {new} is set; remove this read by hand"
        )

    def _advice(self, name: str) -> tuple[str, FixClass, Severity]:
        where = self._where(name)
        if where is not None:
            return f"reads {name}; {where}", FixClass.SAFE, self.severity
        if own_setting(name):
            return f"reads {name}, {self._own()}", FixClass.NONE, Severity.NOTE
        target = self.provider.name if self.provider else "the provider"
        message = f"reads {name}, an OpenAI-only setting; {target} has no equivalent"
        return message, FixClass.MANUAL, self.severity

    def _own(self) -> str:
        """Why the program's own `OPENAI_*` setting (`own_setting`) needs no change."""
        target = self.provider.name if self.provider else "the provider"
        return (
            f"the program's own setting (the openai SDK does not read it), which works the same "
            f"with {target}; nothing to change"
        )

    def _data(self, name: str) -> dict[str, object]:
        """The finding's facts: the variable, and the provider's that replaces it (if any)."""
        data: dict[str, object] = {"variable_from": name}
        target = self._target(name) if self.provider is not None else None
        if target is not None:
            data["variable_to"] = target
        return data

    def _edit(self, node: cst.CSTNode, name: str) -> Edit | None:
        if not self.ctx.rules.switching:
            return None
        new = self._target(name)
        if new is None:
            return None
        if isinstance(node, cst.Name):
            return Edit(self.ctx.span(node), new)
        text = requote(node, new) if isinstance(node, cst.SimpleString) else None
        return Edit(self.ctx.span(node), text) if text else None

    def _url_read(self, edit: Edit, read: cst.CSTNode, source: NameSource) -> Edit:
        """The rename `edit` of a base-URL variable's read, with the provider's base URL as
        the default where the read has none: `os.getenv("OPENAI_BASE_URL")` is None when the
        variable is unset, which a client takes for OpenAI's URL, and the provider's key would
        go there; `os.environ["OPENAI_BASE_URL"]` becomes `os.environ.get(...)`: the
        provider's variable is optional, and a KeyError where it is unset would stop the
        program (where a chain of `or`s gives a value after it, without the default). Also
        for a test (`if os.environ.get(X):`): always true then, as the reads it guards get the
        same default."""
        if source.value not in sdk.BASE_URL_VARS_TO_SWITCH or len(edit.text) < 2:
            return edit
        default = self._default(edit.text[-1])
        if default is None:
            return edit
        if (
            isinstance(read, cst.Subscript)
            and len(read.slice) == 1
            and isinstance(read.slice[0].slice, cst.Index)
            and read.slice[0].slice.value is source.node
        ):
            default = default if self._last(read) else ""
            text = f"{self.ctx.code(read.value)}.get({edit.text}{default})"
            return Edit(self.ctx.span(read), text)
        if (
            isinstance(read, cst.Call)
            and len(read.args) == 1
            and read.args[0].value is source.node
            and not read.args[0].keyword
            and not read.args[0].star
            and self._last(read)
        ):
            return replace(edit, text=f"{edit.text}{default}")
        return edit

    def _last(self, read: cst.CSTNode) -> bool:
        """Whether nothing follows `read` in a chain of `or`s (`os.getenv(NAME) or URL`)."""
        node: cst.CSTNode = read
        for parent in reversed(self.ctx.ancestors(read)):
            if not isinstance(parent, cst.BooleanOperation) or not isinstance(
                parent.operator, cst.Or
            ):
                break
            if parent.left is node:
                return False
            node = parent
        return True

    def _default(self, quote: str) -> str | None:
        """`, "<the provider's base URL>"`, the default a base-URL read is given; None for an
        Azure OpenAI target, or where the module builds an Azure client left to a person."""
        rules = self.ctx.rules
        if (
            rules.provider is None
            or rules.provider.azure is not None
            or rules.base_url is None
            or self._azure_left()
        ):
            return None
        return f", {quote}{rules.base_url}{quote}"

    def _azure_left(self) -> bool:
        """Whether the module builds an Azure client that ML002 leaves to a person (from a
        `**` mapping its class builds in part elsewhere): a base URL it may take beside its
        `azure_endpoint` must stay None when unset (pandas-ai's Azure class raised
        "base_url and azure_endpoint are mutually exclusive")."""
        from migrate_llm.rules.clients import azure_left  # clients imports this module

        return any(azure_left(self.ctx, call) for call in self.ctx.index.constructions)

    def visit_Module(self, node: cst.Module) -> None:
        if "OPENAI" not in self.ctx.text:
            return  # every name this rule follows is spelled out somewhere in the module
        names = env_names(self.ctx)
        raw = raw_http(self.ctx)
        indirect: dict[int, tuple[NameSource, list[EnvAccess]]] = {}
        guarded = guards(self.ctx)
        reads = [
            a
            for a in names.accesses
            if a.kind == "read"
            and not raw.holds(names, a.node)
            and not claimed_by_url(self.ctx, names, a)  # ML402's, with the URL beside it
            and not owns_key(self.ctx, a.node, names.parent)  # ML680's, ML686's
            and (id(a.node) not in guarded or guarded[id(a.node)].renamed)  # ML404's, left
        ]
        kept = []
        for access in reads:
            if _removes(self.ctx, names, access.node):
                self._removal(names, access)
            else:
                kept.append(access)
        reads = kept
        found = {id(a): names.openai_sources(a) for a in reads}
        read = {s.value for sources in found.values() for s in sources}
        urls_left = self._urls_left(names, reads)
        for access in reads:
            sources = found[id(access)]
            for source in sources:
                self.done.add(id(source.node))
            if len(sources) == 1 and not sources[0].via and len(access.sources) == 1:
                source = sources[0]
                message, fix, severity = self._advice(source.value)
                edit = None if written(names, source) else self._edit(source.node, source.value)
                if edit is not None:
                    edit = self._url_read(edit, access.node, source)
                if written(names, source) and fix is FixClass.SAFE:
                    message, fix = self._written(source), FixClass.MANUAL
                elif fix is FixClass.SAFE and (left := self._left(names, [access], source.value)):
                    edit, fix = None, FixClass.MANUAL
                    message = f"reads {source.value}; not switched: {left}"
                elif _untraced(self.ctx, raw, names, access):
                    edit, fix = None, FixClass.MANUAL
                    message = self._untraced_message(source.value, raw.untraced)
                elif source.value in sdk.KEY_VARS_TO_SWITCH and (
                    destination := risky_destination(self.ctx, names, access.node)
                ):
                    edit, fix = None, FixClass.MANUAL
                    message = self._risky_message(source.value, destination)
                elif source.value in sdk.KEY_VARS_TO_SWITCH and (
                    pair := paired_keys(self.ctx, names).get(id(access.node))
                ):
                    edit, fix = None, FixClass.MANUAL
                    message = f"reads {source.value}; not switched: {self._paired_message(pair)}"
                elif fix is FixClass.NONE and self._to_openai(names, access):
                    message, fix, severity = self._openai_bound(source.value)
                elif fix is FixClass.SAFE and self._beside_current(source.value, read):
                    edit, fix = None, FixClass.MANUAL
                    message = self._alias_message(source.value)
                elif fix is FixClass.SAFE and id(access.node) in urls_left:
                    edit, fix = None, FixClass.MANUAL
                    message = f"reads {source.value}; not switched: {urls_left[id(access.node)]}"
                elif fix is FixClass.SAFE and (paired := self._paired(names, source.value)):
                    edit, fix = None, FixClass.MANUAL
                    message = f"reads {source.value}; not switched: {paired}"
                elif id(access.node) in guarded:
                    message += self._guarded_message(guarded[id(access.node)])
                self.report(
                    access.node,
                    message,
                    severity=severity,
                    fix=fix,
                    edit=edit,
                    data=self._data(source.value),
                )
                continue
            for source in sources:
                indirect.setdefault(id(source.node), (source, []))[1].append(access)
        for source, accesses in indirect.values():
            if raw.holds(names, source.node):
                continue
            line = names.line(accesses[0].node)
            where = self._where(source.value)
            if written(names, source):
                self.report(
                    source.node,
                    self._written(source),
                    fix=FixClass.MANUAL,
                    data=self._data(source.value),
                )
            elif any(_untraced(self.ctx, raw, names, a) for a in accesses):
                self.report(
                    source.node,
                    self._untraced_message(source.value, raw.untraced),
                    fix=FixClass.MANUAL,
                    data=self._data(source.value),
                )
            elif where is None and own_setting(source.value):
                self.report(
                    source.node,
                    f"names {source.value}, read from the environment on "
                    f"{self.ctx.line_label(line)}, {self._own()}",
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                    data=self._data(source.value),
                )
            elif where is None:
                target = self.provider.name if self.provider else "the provider"
                self.report(
                    source.node,
                    f"names {source.value}, read from the environment on "
                    f"{self.ctx.line_label(line)}, an OpenAI-only setting; {target} has no "
                    "equivalent",
                    fix=FixClass.MANUAL,
                    data=self._data(source.value),
                )
            elif left := (
                self._left(names, accesses, source.value)
                or self._url_left(names, accesses, source.value)
                or self._pair_left(names, accesses, source.value)
                or self._paired(names, source.value)
            ):
                self.report(
                    source.node,
                    f"names {source.value}, read from the environment on "
                    f"{self.ctx.line_label(line)} (through {source.via}); not switched: {left}",
                    fix=FixClass.MANUAL,
                    data=self._data(source.value),
                )
            else:
                self.report(
                    source.node,
                    f"names {source.value}, read from the environment on "
                    f"{self.ctx.line_label(line)} (through {source.via}); {where}",
                    edit=self._edit(source.node, source.value),
                    data=self._data(source.value),
                )

    def _left(self, names: EnvNames, accesses: list[EnvAccess], name: str) -> str | None:
        """Why reads of `name` that would be renamed are left, if they are (see `_kept`): the
        module also sets the variable under a computed name, or a read tests for OpenAI's key
        before a feature the provider does not offer."""
        provider = self.provider.name if self.provider else "the provider"
        target = self._target(name) or "the provider's variable"
        computed = names.computed_write(name)
        if computed is not None:
            write, shape = computed
            line = self.ctx.line_label(names.line(write.node))
            return (
                f"the module sets `{shape}` under a name computed at run time ({line}), which "
                f"can be {name}: renamed, this read would miss what that write stores; make "
                f"both use {target}, by hand"
            )
        if name not in sdk.KEY_VARS_TO_SWITCH:
            return None
        for access in accesses:
            feature = guarded_feature(self.ctx, names, access)
            if feature is not None:
                call = feature.call
                line = self.ctx.line_label(self.ctx.position(call)[0][0])
                return (
                    f"it tests for OpenAI's key before {self.snippet(call.func)}() on {line}, "
                    f"a call to the {feature.surface} API, which {provider} does not offer: "
                    f"renamed, the test would pass on {provider}'s key while that feature "
                    "still needs OpenAI's; replace or remove the feature, then the test, by hand"
                )
        return None

    def _paired(self, names: EnvNames, name: str) -> str | None:
        """Why reads of `name` are left beside a use of the name as another key (`other_use`)."""
        used = other_use(self.ctx, name)
        if used is None:
            return None
        line = self.ctx.line_label(names.line(used))
        return (
            f"the module also uses the name as a key on {line} (`{self.snippet(used)}`), which "
            "apply does not rename: renamed alone, this read and that key would name different "
            f"variables; make both use {self._target(name) or 'the provider variable'}, by hand"
        )

    def _urls_left(self, names: EnvNames, reads: list[EnvAccess]) -> dict[int, str]:
        """Why reads of OpenAI's base-URL variables by a literal of their own are left, by the
        id of their node: the value goes where the key beside it stays OpenAI's
        (`url_destination`), or the read goes with one so left under a test of the variable
        (`if os.environ.get(X): kw["base_url"] = os.environ[X]`: renamed alone, the test would
        pass on the provider's variable, or its default, while the read needs OpenAI's)."""
        urls = [
            (a, source.value)
            for a in reads
            if (source := _direct(names, a)) is not None
            and source.value in sdk.BASE_URL_VARS_TO_SWITCH
        ]
        left: dict[int, str] = {}
        for access, _ in urls:
            reason = url_left(self, names, access.node)
            if reason:
                left[id(access.node)] = reason
        if not left:
            return left
        units = []
        for access, variable in urls:
            test = testing(names, access.node)
            if test is None:
                continue
            span = self.ctx.span(test)
            units.append(
                [
                    a
                    for a, named in urls
                    if named == variable
                    and span.start <= self.ctx.span(a.node).start
                    and self.ctx.span(a.node).end <= span.end
                ]
            )
        changed = True
        while changed:
            changed = False
            for unit in units:
                first = next((a for a in unit if id(a.node) in left), None)
                if first is None:
                    continue
                line = self.ctx.line_label(names.line(first.node))
                for other in unit:
                    if id(other.node) not in left:
                        left[id(other.node)] = (
                            f"it goes with the read on {line} (a test of the variable and a read "
                            "it guards), which is left (see there): both must name the same "
                            "variable, by hand"
                        )
                        changed = True
        return left

    def _url_left(self, names: EnvNames, accesses: list[EnvAccess], name: str) -> str | None:
        """Why the reads of a base-URL variable named through a constant, a loop or a dict are
        left: one's value goes where the key beside it stays OpenAI's (`url_destination`)."""
        if name not in sdk.BASE_URL_VARS_TO_SWITCH:
            return None
        return next(filter(None, (url_left(self, names, a.node) for a in accesses)), None)

    def _pair_left(self, names: EnvNames, accesses: list[EnvAccess], name: str) -> str | None:
        """Why the reads of a key variable named through a constant, a loop or a dict are
        left: one goes with a base-URL read that is left (`paired_keys`)."""
        if name not in sdk.KEY_VARS_TO_SWITCH:
            return None
        pairs = paired_keys(self.ctx, names)
        pair = next((pairs[id(a.node)] for a in accesses if id(a.node) in pairs), None)
        return self._paired_message(pair) if pair is not None else None

    def _paired_message(self, pair: _Pair) -> str:
        """Why a key read goes unswitched with the base-URL read beside it (`paired_keys`)."""
        names = env_names(self.ctx)
        holder = pair.holder
        line = self.ctx.line_label(self.ctx.position(holder)[0][0])
        where = f"{self.snippet(holder.func)}()" if isinstance(holder, cst.Call) else "the dict"
        url = names.openai_sources(pair.url)[0].value
        url_line = self.ctx.line_label(names.line(pair.url.node))
        provider = self.provider.name if self.provider else "the provider"
        key = self.provider.api_key_env if self.provider else "the provider's key variable"
        return (
            f"it is the key of {where} on {line}, whose base URL (the read of {url} on "
            f"{url_line}) apply leaves as it is (see there): switched, {provider}'s key would go "
            f"to that URL (the program's own server, or OpenAI's); point both at {provider} (the "
            f"key from {key}) together, or keep both, by hand"
        )

    def _to_openai(self, names: EnvNames, access: EnvAccess) -> bool:
        """Whether the value of a read of the program's own setting goes to something of
        OpenAI's: a class or function named like OpenAI that apply does not rewrite, or an
        OpenAI variable (see `key_destinations`)."""
        destination = risky_destination(self.ctx, names, access.node)
        return destination is not None and destination.kind in ("foreign", "environment")

    def _openai_bound(self, name: str) -> tuple[str, FixClass, Severity]:
        """For a read of the program's own setting whose value goes to something of OpenAI's."""
        target = self.provider.name if self.provider else "the provider"
        message = (
            f"reads {name}, the program's own setting, whose value goes to something of "
            f"OpenAI's; see whether {target} needs it"
        )
        return message, FixClass.MANUAL, self.severity

    def _risky_message(self, name: str, destination: Destination) -> str:
        """Why a key read is left as it is: where its value goes (`key_destinations`)."""
        call = destination.call
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        provider = self.provider.name if self.provider else "the provider"
        key = self.provider.api_key_env if self.provider else "the provider's key variable"
        if destination.kind == "beside" and destination.url is not None:
            holder = "call" if isinstance(call, cst.Call) else "dict"
            return (
                f"reads {name}, which goes with the base URL `{self.snippet(destination.url)}` "
                f"of the same {holder} on {line}, chosen at run time (OpenAI's when it is "
                f"None) and left as it is: given {provider}'s key ({key}) it could send that "
                f"key to OpenAI; make sure that URL is {provider}'s, then read {key}, by hand"
            )
        if destination.kind == "environment" or not isinstance(call, cst.Call):
            return (
                f"reads {name}, which is stored as an OpenAI variable on {line}: given "
                f"{provider}'s key ({key}) it would put that key where any library reading "
                f"OpenAI's key would send it to OpenAI; remove the write if nothing needs it "
                f"(then read {key}), by hand"
            )
        callee = f"{self.snippet(call.func)}()"
        if destination.kind == "framework":
            return (
                f"reads {name}, which goes to {callee} on {line}, a class apply leaves as it is "
                f"(on OpenAI, or on a base URL chosen at run time): given {provider}'s key "
                f"({key}) it could send that key to OpenAI; point the class at {provider} (its "
                f"base URL and key), then read {key}, by hand"
            )
        if destination.kind == "client":
            return (
                f"reads {name}, which goes to {callee} on {line}, a client whose base URL is "
                f"chosen at run time (OpenAI's when none is given): given {provider}'s key "
                f"({key}) it could send that key to OpenAI; make sure the client gets "
                f"{provider}'s base URL, then read {key}, by hand"
            )
        if destination.kind == "model" and destination.model is not None:
            return self._routed_message(name, destination.model, callee, line)
        if destination.kind == "left":
            return (
                f"reads {name}, which goes to {callee} on {line}, which apply leaves talking to "
                f"OpenAI or Azure OpenAI (see its finding): given {provider}'s key ({key}) it "
                f"would send that key there; point that call at {provider}, then read {key}, "
                "by hand"
            )
        if destination.kind == "request":
            return (
                f"reads {name}, which goes to the HTTP request {callee} on {line}, whose URL "
                f"apply does not point at {provider}: given {provider}'s key ({key}) it would "
                f"send that key wherever the request goes; point the request at {provider}, "
                f"then read {key}, by hand"
            )
        return (
            f"reads {name}, which goes to {callee} on {line}, named like OpenAI and not "
            f"rewritten by migrate-llm: if it talks to OpenAI, {provider}'s key ({key}) would "
            f"go there; point it at {provider} (its base URL and key) and read {key}, or keep "
            "it on OpenAI, by hand"
        )

    def _routed_message(self, name: str, model: cst.BaseExpression, callee: str, line: str) -> str:
        """For a key going to a call whose model string sends it to OpenAI."""
        provider = self.provider.name if self.provider else "the provider"
        key = self.provider.api_key_env if self.provider else "the provider's key variable"
        resolved = self.ctx.resolve_literal(model)
        carried = (
            f"the OpenAI model {resolved[1]!r}"
            if resolved is not None
            else f"a model chosen at run time (`{self.snippet(model)}`)"
        )
        return (
            f"reads {name}, which goes to {callee} on {line} with {carried} and no base URL of "
            f"{provider}'s: the model string sends the call to OpenAI, so given {provider}'s "
            f"key ({key}) it would send it to OpenAI; point the call at {provider} (its model, "
            f"base URL and key) and read {key}, or keep it on OpenAI, by hand"
        )

    def _guarded_message(self, guard: _Guard) -> str:
        """How a test's read is renamed with the writes it guards (see `_Guard`)."""
        lines = sorted({self.ctx.position(w.node)[0][0] for w in guard.writes})
        where = ", ".join(self.ctx.line_label(line) for line in lines)
        return f": the write it guards ({where}) is renamed with it"

    def _untraced_message(self, name: str, line: int) -> str:
        target = self.provider.name if self.provider else "the provider"
        return (
            f"reads {name}; not switched: the raw request to OpenAI on "
            f"{self.ctx.line_label(line)} may send this key, and {target}'s key must not go to "
            "OpenAI (see ML403)"
        )

    def _written(self, source: NameSource) -> str:
        names = env_names(self.ctx)
        line = next(
            names.line(a.node) for a in names.by_source[id(source.node)] if a.kind == "write"
        )
        return (
            f"names {source.value}, which the module also sets ({self.ctx.line_label(line)}); "
            "not switched: the value set there is OpenAI's"
        )

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """`openai_api_key: str` in a pydantic `BaseSettings` class: the field is read from
        the variable of its name (after the class's `env_prefix`), OPENAI_API_KEY, even once
        the client reads the provider's key, and a required one stops the program at start."""
        if not self._settings_class(node):
            return
        config = _settings_config(node)
        if config is None:
            return
        prefix, case_sensitive = config
        for statement in node.body.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if not isinstance(small, cst.AnnAssign) or not isinstance(small.target, cst.Name):
                    continue
                name = prefix + small.target.value
                name = name if case_sensitive else name.upper()
                if ENV_NAME.match(name) and not _aliased(small):
                    self._settings_field(node, small, name)

    def _settings_field(self, klass: cst.ClassDef, small: cst.AnnAssign, name: str) -> None:
        field = small.target
        assert isinstance(field, cst.Name)
        where = self._where(name)
        subject = f"settings field {klass.name.value}.{field.value} reads {name}"
        target = self._target(name)
        data = self._data(name)
        if where is None and own_setting(name):
            message = f"{subject}, {self._own()}"
            self.report(field, message, severity=Severity.NOTE, fix=FixClass.NONE, data=data)
            return
        if where is None:
            provider = self.provider.name if self.provider else "the provider"
            advice = f"an OpenAI-only setting; {provider} has no equivalent"
            self.report(field, f"{subject}; {advice}", fix=FixClass.MANUAL, data=data)
            return
        alias = self._alias_keyword(klass)
        if alias is None:
            advice = f"{where}: make the field read it (validation_alias=, or env= in pydantic<2)"
            self.report(field, f"{subject}; {advice}, by hand", fix=FixClass.MANUAL, data=data)
            return
        keyword, module = alias
        refused = keyword in sdk.SETTINGS_ALIAS_KWARGS
        call = self._built_by_name(klass, field.value) if refused else None
        if call is not None:
            advice = self._by_name_advice(call, field.value, name, target)
            message = f"{subject}; {where}: {advice}"
            self.report(field, message, fix=FixClass.MANUAL, data=data)
            return
        message = f"{subject}; {where}: the field reads it by {keyword}="
        if refused:
            message += f" ({self._alias_note(klass, field.value, name, target)})"
        edit = None
        if target is not None and self.ctx.rules.switching:
            edit = self._alias_edit(small, f'{keyword}="{target}"', module)
        self.report(field, message, fix=FixClass.REVIEW, edit=edit, data=data)

    def _alias_note(self, klass: cst.ClassDef, field: str, name: str, target: str | None) -> str:
        """What code elsewhere building `klass` by `field`'s name must do once it has an alias.

        pydantic refuses the field's name as an argument then (extra inputs are not
        permitted), and `populate_by_name=True` (`validate_by_name`) is no way out:
        pydantic-settings then also reads the variable of the field's name, `env_prefix` +
        name, where the alias's is unset (pydantic_settings/sources/base.py line 602 in 2.16.3,
        `_extract_field_info`: `if not v_alias or _validate_by_name_enabled(model_config)`;
        a run showed it: OPENAI_API_KEY set alone, such a field held its value), so the OpenAI
        key would be read and sent to the provider again."""
        cls = klass.name.value
        return (
            f"code building `{cls}({field}=...)` must then pass it by the alias, "
            f"`{cls}({target or _SOME_ALIAS}=...)`: populate_by_name=True would read {name} again"
        )

    def _by_name_advice(self, call: cst.Call, field: str, name: str, target: str | None) -> str:
        """Why a field the module's `call` passes by name keeps reading OpenAI's variable."""
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        cls = cast(cst.Name, call.func).value
        alias = target or _SOME_ALIAS
        provider = self.provider.name if self.provider else "the provider"
        value = "key" if name in sdk.KEY_VARS_TO_SWITCH else "base URL"
        return (
            f"not switched: the call on {line} passes it by name (`{cls}({field}=...)`), which "
            f'the alias would refuse; give the field validation_alias="{alias}" and pass it '
            f"there by that name, `{cls}({alias}=...)`, or keep the field and pass it "
            f"{provider}'s {value} explicitly, by hand"
        )

    def _built_by_name(self, klass: cst.ClassDef, field: str) -> cst.Call | None:
        """The first call of the module building `klass`, or a class of the module deriving
        from it, that passes `field` by its name (`Cfg(api_key=k)`, `Cfg(**{"api_key": k})`)."""
        for node in self.ctx.nodes:
            if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Name):
                continue
            built = self._module_class(node.func)
            if built is not None and _passes(node, field) and self._derives(built, klass):
                return node
        return None

    def _module_class(self, name: cst.Name) -> cst.ClassDef | None:
        """The class of the module `name` refers to, when it refers to one only."""
        bound = self.ctx.bindings(name)
        defined = getattr(bound[0], "node", None) if len(bound) == 1 else None
        return defined if isinstance(defined, cst.ClassDef) else None

    def _derives(self, klass: cst.ClassDef, base: cst.ClassDef, depth: int = 0) -> bool:
        """Whether `klass` is `base` or derives from it through classes of the module."""
        if klass is base:
            return True
        for parent in klass.bases:
            if depth < 8 and isinstance(parent.value, cst.Name):
                defined = self._module_class(parent.value)
                if defined is not None and self._derives(defined, base, depth + 1):
                    return True
        return False

    def _alias_keyword(self, klass: cst.ClassDef) -> tuple[str, str] | None:
        """The `Field` keyword naming a field's variable in `klass` and the module of that
        `Field`, when its settings base is one `SETTINGS_FIELD_ALIAS` knows (or the builder of
        its `model_config`, `SETTINGS_CONFIG_ALIAS`)."""
        for base in klass.bases:
            for qualified in self.ctx.qualnames(base.value):
                if qualified in sdk.SETTINGS_FIELD_ALIAS:
                    return sdk.SETTINGS_FIELD_ALIAS[qualified]
        for name, value in _assigned_names(klass):
            if name == sdk.SETTINGS_ATTRIBUTE and isinstance(value, cst.Call):
                for qualified in self.ctx.qualnames(value.func):
                    if qualified in sdk.SETTINGS_CONFIG_ALIAS:
                        return sdk.SETTINGS_CONFIG_ALIAS[qualified]
        return None

    def _alias_edit(self, small: cst.AnnAssign, argument: str, module: str) -> Edit:
        """`key: str` -> `key: str = Field(<argument>)`; a `Field(...)` gets the argument
        last; with another default, the annotation takes the `Field`
        (`url: Annotated[str, Field(<argument>)] = "..."`), so that the default stays where
        other rules may rewrite it (an OpenAI URL, a model)."""
        imports = (f"from {module} import Field",)
        value = small.value
        annotation = small.annotation.annotation
        if value is None:
            end = self.ctx.span(annotation).end
            return Edit(Span(end, end), f" = Field({argument})", imports)
        if isinstance(value, cst.Call) and last_name(value.func) == "Field":
            if not value.args:
                end = self.ctx.span(value).end - 1  # before `)`
                return Edit(Span(end, end), argument)
            end = self.ctx.span(value.args[-1].value).end
            return Edit(Span(end, end), f", {argument}")
        text = f"Annotated[{self.ctx.code(annotation)}, Field({argument})]"
        return Edit(self.ctx.span(annotation), text, ("from typing import Annotated", *imports))

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._literal(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        self._literal(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        text = "".join(p.value for p in node.parts if isinstance(p, cst.FormattedStringText))
        match = NAME_IN_TEXT.search(text)
        if match is not None and self._in_message(node):
            self._message_note(node, match.group(0))

    def _literal(self, node: cst.BaseExpression) -> None:
        if id(node) in self.done:
            return
        value = string_value(node)
        if value is None or "OPENAI_" not in value:
            return
        names = env_names(self.ctx)
        parent = names.parent(node)
        if isinstance(parent, cst.ConcatenatedString) or id(node) in names.by_source:
            return
        if raw_http(self.ctx).holds(names, node) or owns_key(self.ctx, node, names.parent):
            return
        if not ENV_NAME.match(value):
            match = NAME_IN_TEXT.search(value)
            if match is not None and self._in_message(node):
                self._message_note(node, match.group(0))
            return
        where = self._where(value)
        context = self._context(node)
        target = self.provider.name if self.provider else "the provider"
        if context == "message":
            self._message_note(node, value)
        elif where is None and own_setting(value):
            self.report(
                node, f"names {value}, {self._own()}", severity=Severity.NOTE, fix=FixClass.NONE
            )
        elif context in ("settings", "env-key") and where is None:
            self.report(
                node,
                f"names {value}, an OpenAI-only setting; {target} has no equivalent",
                fix=FixClass.MANUAL,
            )
        elif context == "settings":
            self.report(
                node,
                f"names {value}, the variable a settings field reads; {where}",
                edit=self._edit(node, value),
            )
        elif context == "env-key" and (user := self._foreign_key_user(node, value)):
            self.report(node, self._foreign_name_message(value, user), fix=FixClass.MANUAL)
        elif context == "env-key":
            self.report(
                node,
                f"names {value} as the variable to read; {where}",
                fix=FixClass.REVIEW,
                edit=self._edit(node, value),
            )
        else:
            advice = (
                f"make it name {self._target(value)} by hand"
                if self._target(value)
                else "switch it to the provider's variable by hand"
                if where is not None
                else f"an OpenAI-only setting; {target} has no equivalent"
            )
            self.report(
                node,
                f"names {value}, but the module does not show how it is used"
                f"{self._read_here(value)}; {advice}",
                fix=FixClass.MANUAL,
            )

    def _removal(self, names: EnvNames, access: EnvAccess) -> None:
        """`os.environ.pop("OPENAI_API_KEY", None)` or `del os.environ[...]` is left: renamed,
        it would remove the provider's key (agno's examples restore a key this way). Where a
        popped value is used too, reading the provider's key stays to do by hand."""
        target = self.provider.name if self.provider else "the provider"
        used = isinstance(access.node, cst.Call) and not isinstance(
            names.parent(access.node), cst.Expr
        )
        for source in names.openai_sources(access):
            self.done.add(id(source.node))
            if used:
                message = (
                    f"reads and removes {source.value}: renamed, it would remove {target}'s "
                    "variable from the environment; read that with os.environ.get and keep "
                    "this removal, by hand"
                )
                self.report(access.node, message, fix=FixClass.MANUAL)
            else:
                message = (
                    f"removes {source.value} from the environment; left as it is (renamed, it "
                    f"would remove {target}'s variable)"
                )
                self.report(access.node, message, severity=Severity.NOTE, fix=FixClass.NONE)

    def _read_here(self, value: str) -> str:
        """Where the module reads the variable a bare string names, said: the string most
        likely names it for a check that it is set (camel's `@api_keys_required([("api_key",
        "OPENAI_API_KEY")])`), which stops every run until it names what the read now reads."""
        names = env_names(self.ctx)
        for access in names.accesses:
            if access.kind == "read" and value in access.names:
                line = self.ctx.line_label(names.line(access.node))
                return (
                    f" (the module reads it on {line}: if this names it for a check that it is "
                    "set, that check stops the program until both name the same variable)"
                )
        return ""

    def _foreign_key_user(self, node: cst.CSTNode, name: str) -> cst.Call | None:
        """The call that `node`, naming OpenAI's key variable, is passed to as the variable to
        read its key from, when that call is named like OpenAI and not rewritten
        (chromadb's `OpenAIEmbeddingFunction(api_key_env_var="OPENAI_API_KEY")`)."""
        if name not in sdk.KEY_VARS_TO_SWITCH:
            return None
        names = env_names(self.ctx)
        arg = names.parent(node)
        call = names.parent(arg) if isinstance(arg, cst.Arg) else None
        if isinstance(arg, cst.Arg) and isinstance(call, cst.Call):
            return call if foreign_user(self.ctx, call, arg) else None
        return None

    def _foreign_name_message(self, name: str, call: cst.Call) -> str:
        """Why a key variable named to a class like OpenAI's is left (as its key read is)."""
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        provider = self.provider.name if self.provider else "the provider"
        key = self.provider.api_key_env if self.provider else "the provider's key variable"
        return (
            f"names {name} as the variable {self.snippet(call.func)}() on {line} reads its key "
            f"from, named like OpenAI and not rewritten by migrate-llm: if it talks to OpenAI, "
            f"{provider}'s key ({key}) would go there; point it at {provider} (its base URL and "
            f"key) and name {key}, or keep it on OpenAI, by hand"
        )

    def _message_note(self, node: cst.CSTNode, name: str) -> None:
        where = self._where(name)
        if where is None:
            target = self.provider.name if self.provider else "the provider"
            where = f"an OpenAI-only setting, {target} has no equivalent: reword it"
        elif self.provider is not None:
            where = where.replace(" (the OpenAI key is not copied)", "") + ": reword it"
        else:
            where = "reword it for the provider's variable"
        self.report(
            node,
            f"names {name} in a message; {where}",
            severity=Severity.NOTE,
            fix=FixClass.MANUAL,
        )

    def _context(self, node: cst.CSTNode) -> str:
        """How a string naming a variable is used: "settings", "env-key", "message", "other"."""
        names = env_names(self.ctx)
        parent = names.parent(node)
        if isinstance(parent, cst.Arg):
            call = names.parent(parent)
            func = last_name(call.func) if isinstance(call, cst.Call) else None
            kw = parent.keyword.value if parent.keyword is not None else None
            if func in sdk.SETTINGS_NAME_CALLS:
                return "settings"
            if func == "Field" and kw in sdk.SETTINGS_ENV_KWARGS:
                return "settings"
            if kw in sdk.SETTINGS_ALIAS_KWARGS and self._in_settings_class(node):
                return "settings"
            if kw is not None and _env_key(kw):
                return "env-key"
        if isinstance(parent, cst.DictElement) and parent.value is node:
            key = string_value(parent.key)
            if key is not None and _env_key(key):
                return "env-key"
        return "message" if self._in_message(node) else "other"

    def _in_settings_class(self, node: cst.CSTNode) -> bool:
        for ancestor in env_names(self.ctx).ancestors(node):
            if isinstance(ancestor, cst.ClassDef):
                return self._settings_class(ancestor)
        return False

    def _settings_class(self, klass: cst.ClassDef, depth: int = 0) -> bool:
        """Whether `klass` is a pydantic settings class: it derives from `BaseSettings`, or
        from a class of this module that is one, or states the prefix of the variables its
        fields read (`env_prefix`, which only settings read: langroid's `OpenAIGPTConfig`
        derives from a settings class of another module)."""
        for base in klass.bases:
            if last_name(base.value) in sdk.SETTINGS_BASES:
                return True
            if depth < 8 and isinstance(base.value, cst.Name):
                defined = self._module_class(base.value)
                if defined is not None and self._settings_class(defined, depth + 1):
                    return True
        return bool(klass.bases) and _states_prefix(klass)

    def _in_message(self, node: cst.CSTNode) -> bool:
        return in_message(self.ctx, node)


def in_message(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether a string is (part of) a message shown to people: printed, logged, raised."""
    for ancestor in env_names(ctx).ancestors(node):
        if isinstance(ancestor, (cst.Raise, cst.Assert)):
            return True
        if isinstance(ancestor, cst.Call):
            func = ancestor.func
            name = last_name(func)
            if name is None:
                continue
            if isinstance(func, cst.Name) and name in sdk.MESSAGE_FUNCTIONS:
                return True
            if ctx.qualnames(func) & sdk.MESSAGE_FUNCTIONS:
                return True
            if isinstance(func, cst.Attribute) and name in sdk.MESSAGE_METHODS:
                return True
            if name.endswith(("Error", "Exception", "Warning")):
                return True
        if isinstance(ancestor, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            return False
    return False


def _states_prefix(klass: cst.ClassDef) -> bool:
    """Whether `klass` states an `env_prefix` (in `model_config` or an inner `Config`)."""
    stated: list[str | None] = []
    for statement in klass.body.body:
        if isinstance(statement, cst.ClassDef) and statement.name.value == sdk.SETTINGS_CLASS:
            stated += [name for name, _ in _assigned_names(statement)]
    for name, value in _assigned_names(klass):
        if name == sdk.SETTINGS_ATTRIBUTE and isinstance(value, cst.Call):
            stated += [a.keyword.value for a in value.args if a.keyword is not None]
        elif name == sdk.SETTINGS_ATTRIBUTE and isinstance(value, cst.Dict):
            stated += [
                string_value(e.key) for e in value.elements if isinstance(e, cst.DictElement)
            ]
    return sdk.SETTINGS_PREFIX in stated


def _settings_config(klass: cst.ClassDef) -> tuple[str, bool] | None:
    """The `env_prefix` a settings class states ("" when none) and whether it reads
    variables case-sensitively; None when either is not a literal the module shows."""
    found: dict[str, cst.BaseExpression | None] = {}
    for statement in klass.body.body:  # pydantic<2: `class Config: env_prefix = ...`
        if isinstance(statement, cst.ClassDef) and statement.name.value == sdk.SETTINGS_CLASS:
            found.update(_assigned_names(statement))
    for name, value in _assigned_names(klass):
        if name != sdk.SETTINGS_ATTRIBUTE:
            continue
        if isinstance(value, cst.Call):  # `SettingsConfigDict(env_prefix=...)`
            if any(a.keyword is None for a in value.args):
                return None
            found.update((a.keyword.value, a.value) for a in value.args if a.keyword)
        elif isinstance(value, cst.Dict):
            for element in value.elements:
                key = string_value(element.key) if isinstance(element, cst.DictElement) else None
                if key is None:
                    return None
                found[key] = element.value
        else:
            return None
    prefix = found.get(sdk.SETTINGS_PREFIX)
    given = string_value(prefix) if prefix is not None else ""
    case = found.get(sdk.SETTINGS_CASE)
    if given is None or not (case is None or isinstance(case, cst.Name)):
        return None
    return given, case is not None and case.value == "True"


def _assigned_names(klass: cst.ClassDef) -> list[tuple[str, cst.BaseExpression | None]]:
    """(name, value) of each plain `name = value` / `name: T = value` in a class's body."""
    found = []
    for line in klass.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue  # a method, a nested class
        for small in line.body:
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
            elif isinstance(small, cst.AnnAssign):
                targets = [small.target]
            else:
                continue
            found += [(t.value, small.value) for t in targets if isinstance(t, cst.Name)]
    return found


_SOME_ALIAS = "<the provider's variable>"


def _passes(call: cst.Call, field: str) -> bool:
    """Whether `call` passes `field` by name: `field=...` or `**{"field": ...}`."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == field:
            return True
        if arg.star == "**" and isinstance(arg.value, cst.Dict):
            for element in arg.value.elements:
                if isinstance(element, cst.DictElement) and string_value(element.key) == field:
                    return True
    return False


def _aliased(field: cst.AnnAssign) -> bool:
    """Whether a field names the variable it reads (`Field(env=...)`, an alias, in its value
    or in an `Annotated[...]` annotation): then that name is what counts, and the string is
    reported where it stands."""
    fields = [field.value]
    annotation = field.annotation.annotation
    if isinstance(annotation, cst.Subscript) and last_name(annotation.value) == "Annotated":
        fields += [e.slice.value for e in annotation.slice if isinstance(e.slice, cst.Index)]
    named = sdk.SETTINGS_ENV_KWARGS | sdk.SETTINGS_ALIAS_KWARGS
    return any(
        isinstance(value, cst.Call)
        and last_name(value.func) == "Field"
        and any(a.keyword is not None and a.keyword.value in named for a in value.args)
        for value in fields
    )


def own_setting(name: str) -> bool:
    """Whether an `OPENAI_*` variable is the program's own setting (`OPENAI_TIMEOUT`): neither
    the openai SDK nor a library the tables know reads it, and its name speaks of no key,
    endpoint, account or model (`sdk.OPENAI_VALUE_WORDS`). It works the same on any server."""
    return (
        name not in sdk.SDK_ENV_VARS
        and name not in sdk.KEY_VARS_TO_SWITCH
        and name not in sdk.BASE_URL_VARS_TO_SWITCH
        and not set(name.split("_")) & sdk.OPENAI_VALUE_WORDS
    )


def written(names: EnvNames, source: NameSource) -> bool:
    """Whether the module sets the variable `source` names to something other than what a
    person types at run time (such a name stays OpenAI's: see ML404)."""
    return any(
        a.kind == "write" and names.is_prompt(a.value) is None
        for a in names.by_source.get(id(source.node), ())
    )


class OpenAIEnvWrite(PythonRule):
    """A write of one of OpenAI's environment variables (`os.environ["OPENAI_API_KEY"] = x`).

    ## What it does
    Finds `os.environ[X] = v`, `os.environ.setdefault(X, v)`, `os.environ.update(X=v)` and
    `os.putenv(X, v)` where X names an `OPENAI_*` variable, directly or through a constant.

    ## Why
    The value is an OpenAI key (or URL, or setting). Writing it into the provider's variable
    instead would send the OpenAI key, or a hard-coded `sk-` key, to the provider.

    ## Fix
    Manual: set the provider's variable from the provider's console instead, and remove the
    write. Two exceptions: a statement that only writes a literal key
    (`os.environ["OPENAI_API_KEY"] = "sk-..."`, the usual notebook cell) is removed (review;
    the key is never copied, rotate it); a value a person types at run time
    (`getpass.getpass(...)`, `input(...)`) is stored into the provider's variable, which the
    migrated program reads (safe). A prompt that names OpenAI is reported as a note.
    A write that a test of the same variable guards (`if not os.getenv(X):`,
    `if X not in os.environ:`, then `os.environ[X] = ...` or `setdefault` in its branches) is
    one unit with the test, so that both name the same variable: where the value is one the
    program loads (from a file, a secret store; no literal, nothing named for OpenAI), both
    name the provider's variable (review: that value must now be the provider's key); else
    both are left, with one finding here.
    """

    code = "ML404"
    name = "openai-env-write"
    silent_when_modernising = True
    category = "environment"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            'import os\nos.environ["OPENAI_API_KEY"] = settings.openai_key\n',
            provider="acme",
            message="sets OPENAI_API_KEY: the value is an OpenAI key and is not copied to "
            "ACME_API_KEY; set ACME_API_KEY from Acme Cloud's console instead",
            after='import os\nos.environ["OPENAI_API_KEY"] = settings.openai_key\n',
        ),
        Example(
            'import os\nos.environ.setdefault("OPENAI_API_KEY", "sk-0123456789abcdefghij")\n',
            provider="acme",
            message="sets OPENAI_API_KEY to a hard-coded key (sk-01…ij): apply removes the line "
            "(the key is not copied to ACME_API_KEY); set ACME_API_KEY from Acme Cloud's "
            "console instead, and rotate the key",
            after="import os\n",
        ),
        Example(
            'import os\nos.environ["OPENAI_API_KEY"] = "sk-0123456789abcdefghij"\nprint(os.sep)\n',
            provider="acme",
            message="sets OPENAI_API_KEY to a hard-coded key (sk-01…ij): apply removes the line "
            "(the key is not copied to ACME_API_KEY); set ACME_API_KEY from Acme Cloud's "
            "console instead, and rotate the key",
            after="import os\nprint(os.sep)\n",
        ),
        Example(
            'import getpass, os\nos.environ["OPENAI_API_KEY"] = getpass.getpass("API key: ")\n',
            provider="acme",
            message="stores a key typed at run time in OPENAI_API_KEY; it goes to ACME_API_KEY, "
            "which the migrated program reads",
            after='import getpass, os\nos.environ["ACME_API_KEY"] = getpass.getpass("API key: ")\n',
        ),
        Example(
            'import os\n\nif not os.getenv("OPENAI_API_KEY"):\n'
            '    os.environ["OPENAI_API_KEY"] = open("key.txt").read()\n',
            provider="acme",
            message="sets OPENAI_API_KEY where the test on line 3 reads it: both name "
            'ACME_API_KEY now, so what is stored here (open("key.txt").read()) must be Acme '
            "Cloud's key",
        ),
        Example(
            'import os\n\nif "OPENAI_API_KEY" not in os.environ:\n'
            '    os.environ["OPENAI_API_KEY"] = settings.openai_key\n',
            provider="acme",
            message="sets OPENAI_API_KEY where the test on line 3 reads it: the value is an "
            "OpenAI key and is not copied to ACME_API_KEY, and the test keeps OPENAI_API_KEY "
            "with it; set ACME_API_KEY from Acme Cloud's console instead, then point both at "
            "it, by hand",
        ),
        Example('import os\nos.environ["DB_URL"] = "sqlite://"\n', finds=False),
    )

    def visit_Module(self, node: cst.Module) -> None:
        if "openai" not in self.ctx.text.lower():
            return
        names = env_names(self.ctx)
        provider_key = self.provider.api_key_env if self.provider else None
        for access in names.accesses:
            if access.kind != "write":
                continue
            for source in names.openai_sources(access):
                self._write(names, access, source)
            if provider_key in access.names and (prompt := names.is_prompt(access.value)):
                self._prompt_note(prompt)  # still there after `apply`

    def _write(self, names: EnvNames, access: EnvAccess, source: NameSource) -> None:
        provider = self.provider
        name = source.value
        target = provider.name if provider else "the provider"
        prompt = names.is_prompt(access.value)
        guard = guards(self.ctx).get(id(access.node))
        if guard is not None and (prompt is None or not guard.renamed):
            self._guarded(access, source, guard)
            return
        if name in sdk.KEY_VARS_TO_SWITCH:
            key_env = provider.api_key_env if provider else "the provider's key variable"
            if prompt is not None:
                edit = None
                if not written(names, source) and self.ctx.rules.switching and provider:
                    if isinstance(source.node, cst.Name):
                        edit = Edit(self.ctx.span(source.node), key_env)
                    elif isinstance(source.node, cst.SimpleString):
                        text = requote(source.node, key_env)
                        edit = Edit(self.ctx.span(source.node), text) if text else None
                fix = FixClass.SAFE if edit is not None else FixClass.MANUAL
                self.report(
                    access.node,
                    f"stores a key typed at run time in {name}; it goes to {key_env}, which "
                    "the migrated program reads",
                    severity=Severity.WARNING,
                    fix=fix,
                    edit=edit,
                )
                self._prompt_note(prompt)
                return
            value = self.ctx.code(access.value) if access.value is not None else ""
            secrets = find_secrets(value)
            hard = f" to a hard-coded key ({mask(secrets[0].group(0))})" if secrets else ""
            console = f"{provider.name}'s console" if provider else "the provider's console"
            removal = None
            literal = access.value is not None and string_value(access.value) is not None
            if secrets and self.ctx.rules.switching and literal:
                removal = self._removal(names, access)
            if removal is not None:
                self.report(
                    access.node,
                    f"sets {name}{hard}: apply removes the line (the key is not copied to "
                    f"{key_env}); set {key_env} from {console} instead, and rotate the key",
                    fix=FixClass.REVIEW,
                    edit=removal,
                    data={"variable_from": name, "variable_to": None},
                )
                return
            self.report(
                access.node,
                f"sets {name}{hard}: the value is an OpenAI key and is not copied to "
                f"{key_env}; set {key_env} from {console} instead",
            )
        elif name in sdk.BASE_URL_VARS_TO_SWITCH:
            url_env = provider.base_url_env if provider else "the provider's base-URL variable"
            default = f" (default {provider.base_url})" if provider else ""
            self.report(
                access.node,
                f"sets {name}: the value is not copied to {url_env}{default}; set "
                f"{url_env} yourself if this URL is meant for {target}",
                severity=Severity.WARNING,
            )
        else:
            self.report(
                access.node,
                f"sets {name}, an OpenAI-only setting; {target} has no equivalent: remove it",
                severity=Severity.WARNING,
            )

    def _guarded(self, access: EnvAccess, source: NameSource, guard: _Guard) -> None:
        """A write of an OpenAI key variable that a test of it guards (see `_Guard`): with a
        key the program loads, renamed with the test (the variable must then hold the
        provider's key, the value needs a look); else left with it (manual)."""
        provider, name = self.provider, source.value
        key_env = provider.api_key_env if provider else "the provider's key variable"
        test = self.ctx.line_label(self.ctx.position(guard.reads[0].node)[0][0])
        data: dict[str, object] = {"variable_from": name}
        if not guard.renamed:
            console = f"{provider.name}'s console" if provider else "the provider's console"
            self.report(
                access.node,
                f"sets {name} where the test on {test} reads it: the value is an OpenAI key and "
                f"is not copied to {key_env}, and the test keeps {name} with it; set {key_env} "
                f"from {console} instead, then point both at it, by hand",
                data=data,
            )
            return
        edit = None
        if provider is not None and self.ctx.rules.switching:
            edit = _rename(self.ctx, source.node, key_env)
            data["variable_to"] = key_env
        value = self.snippet(access.value) if access.value is not None else ""
        target = f"{provider.name}'s key" if provider else "the provider's key"
        self.report(
            access.node,
            f"sets {name} where the test on {test} reads it: both name {key_env} now, so what "
            f"is stored here ({value}) must be {target}",
            severity=Severity.WARNING,
            fix=FixClass.REVIEW,
            edit=edit,
            data=data,
        )

    def _removal(self, names: EnvNames, access: EnvAccess) -> Edit | None:
        """An edit deleting the statement that only writes a literal key
        (`os.environ["OPENAI_API_KEY"] = "sk-..."`), or None for any other shape."""
        statement = next(
            (
                a
                for a in (access.node, *names.ancestors(access.node))
                if isinstance(a, cst.BaseSmallStatement)
            ),
            None,
        )
        if isinstance(statement, cst.Assign):
            only = len(statement.targets) == 1 and statement.value is access.value
        elif isinstance(statement, cst.Expr):
            only = statement.value is access.node
        else:
            only = False
        return self.remove_statement(statement) if only and statement is not None else None

    def _prompt_note(self, prompt: cst.Call) -> None:
        if not prompt.args:
            return
        arg = prompt.args[0].value
        text = string_value(arg)
        if text is None and isinstance(arg, cst.FormattedString):
            text = "".join(p.value for p in arg.parts if isinstance(p, cst.FormattedStringText))
        if text is None or "openai" not in text.lower():
            return
        target = self.provider.name if self.provider else "the provider"
        self.report(
            arg,
            f"the prompt {text.strip()!r} asks for an OpenAI key; the key typed here is "
            f"{target}'s now: reword it",
            severity=Severity.NOTE,
        )


class OpenAIUrl(PythonRule):
    """A hard-coded OpenAI URL (`https://api.openai.com/v1`).

    ## What it does
    Finds string literals and f-strings that contain an OpenAI API host. URLs of raw HTTP
    requests (`requests`, `httpx`, `aiohttp`, `urllib`) are ML403's: their key changes with
    them. Base URLs passed to a client or assigned to `openai.api_base` / `openai.base_url`
    are covered by ML001, ML103 and ML301.

    ## Fix
    Safe for a plain base URL (`https://api.openai.com/v1`): `apply` writes the read of the
    provider's base-URL variable with its URL as the default, as it does for clients (a
    literal where only a literal goes: a `case` pattern, a string concatenated to another,
    the default of a variable's read, after such a read in a chain of `or`s).
    A key written beside such a URL in a dict (`{"base_url": URL, "api_key": "sk-proj-"}`, a
    placeholder or an empty string) would go to the provider with it: an error, and `apply`
    makes the entry read the provider's key variable (review; never the literal). A real key
    there (ML004's) keeps the URL as it is (manual): the key a request carries and the host
    it goes to change together. The same holds for the keyword arguments of one call
    (`X(base_url=URL, api_key="")`, also `api_base=`, `endpoint=`, `openai_api_key=`), where
    the key may also be a read of OpenAI's key variable: `api_key=os.getenv("OPENAI_API_KEY")`
    reads the provider's key variable with the URL switched (safe: left, it would send the
    OpenAI key to the provider); a read that ML401 leaves OpenAI's (through a name, into a
    class named like OpenAI) keeps the URL as it is (manual). Calls of the SDK and of the
    frameworks are their rules'. Manual for other OpenAI URLs. A host searched for in a URL
    (`"api.openai.com" in url`, `url.find(...)`), or a URL compared with one (`url == URL`,
    `url.startswith(URL)`), is a test of where the program points, a note: after the switch
    it is false, which is what code guarding OpenAI-only arguments wants (khoj's
    `is_openai_api()`, given the provider's URL, sent the Responses API there). A plain URL
    whose value goes with a key that stays OpenAI's, or to an API the provider lacks, is left
    as ML401 leaves such a base-URL read (manual).
    """

    code = "ML402"
    name = "openai-url"
    category = "environment"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            'OPENAI_URL = "https://api.openai.com/v1"\n',
            message="hard-coded OpenAI URL https://api.openai.com/v1; the provider's base URL "
            "replaces it",
        ),
        Example(
            'DOCS_EXAMPLE = "https://api.openai.com/v1/chat/completions"\n',
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1/chat/completions; replace "
            "it with Acme Cloud's base URL by hand",
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
        Example(
            'PLATFORM = {"api_key": "", "base_url": "https://api.openai.com/v1"}\n',
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
        Example('DOCS = "https://platform.openai.com/docs"\n', finds=False),
        Example(
            'def limit(url, n):\n    if "api.openai.com" in url:\n'
            '        return {"max_completion_tokens": n}\n    return {"max_tokens": n}\n',
            provider="acme",
            message="tests whether a URL is OpenAI's (api.openai.com): with Acme Cloud's base "
            "URL it no longer holds, so the code for other servers runs; nothing to replace",
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()
        hosts = "|".join(re.escape(h) for h in ctx.rules.openai.hosts) or r"(?!)"
        self.base_urls = _base_urls(ctx)
        self.pattern = re.compile(rf"(?i)(?:https?://)?(?:{hosts})[^\s\"'{{}}]*")

    def _text(self, node: cst.CSTNode) -> str | None:
        if isinstance(node, cst.SimpleString):
            return string_value(node)
        if isinstance(node, cst.FormattedString):
            return "".join(
                p.value if isinstance(p, cst.FormattedStringText) else "{}" for p in node.parts
            )
        return None

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
        if id(node) in self.done:
            return
        text = self._text(node)
        match = self.pattern.search(text) if text else None
        if match is None:
            return
        if raw_http(self.ctx).holds(env_names(self.ctx), node):
            return  # a raw request's URL: ML403
        rules = self.ctx.rules
        if self.provider is not None and not rules.switching:
            return
        url = match.group(0)
        target = f"{self.provider.name}'s base URL" if self.provider else "the provider's base URL"
        plain = isinstance(node, cst.SimpleString) and (text or "").rstrip("/") in self.base_urls
        parents = self.ctx.ancestors(node)
        if _tests_a_url(node, parents):
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
        if not plain:
            message = f"hard-coded OpenAI URL {url}; replace it with {target} by hand"
            # prose in a docstring (mem0's "defaults to https://api.openai.com/v1"): nothing
            # the program sends, so nothing `check` stops on
            prose = bool(parents) and isinstance(parents[-1], cst.Expr)
            self._report_at_url(node, url, message, Severity.NOTE if prose else None)
            return
        assert isinstance(node, cst.SimpleString)  # `plain`
        keys = _keys_beside(self.ctx, node)
        held = next((k for k in keys if not self._goes_with(k)), None)
        if held is not None:
            self._report_held(node, url, held)
            return
        left = url_left(self, env_names(self.ctx), self._value_of(node))
        if left:
            self.report(node, f"hard-coded OpenAI URL {url}; not switched: {left}")
            return
        edit = None
        provider = rules.provider
        read = ""
        if rules.switching and rules.base_url and provider is not None:
            if self._expression_fits(node):
                read = f" (read from {provider.base_url_env})"
                text = base_url_expr(provider, rules.base_url)
                edit = Edit(self.ctx.span(node), text, (IMPORT_OS,))
            else:
                new = requote(node, client_base_url(provider, rules.base_url))
                edit = Edit(self.ctx.span(node), new) if new else None
        message = f"hard-coded OpenAI URL {url}; {target} replaces it{read}"
        self.report(node, message, fix=FixClass.SAFE, edit=edit)
        if provider is not None and edit is None:
            return  # the URL stays: so does its key
        for key in keys:
            if id(key.value) in self.done:  # once for two URLs (`base_url`, `api_base`)
                continue
            self.done.add(id(key.value))
            if key.read is None:
                self._report_key(node, key)
            elif not key.through_name and _direct(env_names(self.ctx), key.read):
                self._report_read(node, key, key.read)

    def _value_of(self, node: cst.SimpleString) -> cst.CSTNode:
        """The expression whose value a URL literal gives: the read of a variable it is the
        default of (`os.getenv("OPENAI_BASE_URL", URL)`), else itself."""
        from migrate_llm.rules.clients import env_var_read  # clients imports this module

        parents = self.ctx.ancestors(node)
        if len(parents) >= 2 and isinstance(parents[-1], cst.Arg):
            call = parents[-2]
            if isinstance(call, cst.Call) and env_var_read(self.ctx, call) is not None:
                return call
        return node

    def _goes_with(self, key: _Key) -> bool:
        """Whether the key `key` may go to the provider with the URL: a stand-in, or a read
        renamed to the provider's key variable (by ML402 where `claimed_by_url`, else by
        ML401). A real key (ML004's) or a read left OpenAI's keeps the URL as it is."""
        if key.read is None:
            return not _real_key(key.value)
        names = env_names(self.ctx)
        source = None if key.through_name else _direct(names, key.read)
        if source is not None:
            return source.value in sdk.KEY_VARS_TO_SWITCH and not _kept(
                self.ctx, names, [key.read], source.value
            )
        return _renamed(self.ctx, names, key.read)

    def _report_key(self, url: cst.SimpleString, key: _Key) -> None:
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
        named, holder = (f"{key.name}=", "argument") if key.argument else (f'"{key.name}"', "entry")
        self.report(
            key.value,
            f"{named} is a literal key beside the OpenAI URL on line {line}, which apply points "
            f"at {where}: the key would go there too; the {holder} reads {variable} instead",
            severity=Severity.ERROR,
            fix=FixClass.REVIEW,
            edit=edit,
            data=data,
        )

    def _report_read(self, url: cst.SimpleString, key: _Key, read: EnvAccess) -> None:
        """A read of OpenAI's key variable giving the key of a call beside a URL `apply`
        points at the provider (`claimed_by_url`): renamed with it, as ML401 renames such
        reads, so that the OpenAI key never goes to the provider."""
        provider, rules = self.provider, self.ctx.rules
        source = _direct(env_names(self.ctx), read)
        assert source is not None
        line = self.ctx.position(url)[0][0]
        where = provider.name if provider else "the provider"
        variable = provider.api_key_env if provider else "the provider's key variable"
        edit = None
        if provider is not None and rules.switching:
            edit = _rename(self.ctx, source.node, provider.api_key_env)
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

    def _report_held(self, node: cst.SimpleString, url: str, key: _Key) -> None:
        """The URL left as it is: an OpenAI key beside it (ML004's, or a read of OpenAI's
        variable that stays) would go to the provider with it. The key a request carries and
        the host it goes to change together."""
        provider, base = self.provider, self.ctx.rules.base_url
        line = f"line {self.ctx.position(key.value)[0][0]}"
        if key.read is not None:  # a read ML401 leaves, or of a variable that is no key
            variable = env_names(self.ctx).openai_sources(key.read)[0].value
            line += f", from {variable}, which stays"
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

    def _report_at_url(
        self, node: cst.CSTNode, url: str, message: str, severity: Severity | None = None
    ) -> None:
        """Report on the URL itself where the literal's source holds it as written (a
        docstring's URL lines below its start), else on the literal."""
        span = self.ctx.span(node)
        at = self.ctx.text.find(url, span.start, span.end)
        if at == -1:
            self.report(node, message, severity=severity)
            return
        lines = self.ctx.lines
        start, end = lines.position(at), lines.position(at + len(url))
        self.findings.append(self.make_finding(message, start, end, severity=severity))

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._literal(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._literal(node)


# the nodes between a value and the expression that holds it
_WITHIN_AN_EXPRESSION = (
    cst.BaseExpression,
    cst.Arg,
    cst.BaseElement,
    cst.SubscriptElement,
    cst.Index,
)


def _key_entry(name: str, value: str) -> bool:
    """Whether a dict entry `name: value` holds a key (see `sdk.KEY_ENTRY_NAMES`)."""
    name = name.lower()
    if name in sdk.GENERIC_KEY_ENTRY_NAMES:
        return value == "" or value.startswith("sk-")
    return name in sdk.KEY_ENTRY_NAMES and not NAME_IN_TEXT.fullmatch(value)


def _real_key(literal: cst.BaseExpression) -> bool:
    """Whether a literal holds a secret key, not a stand-in."""
    value = string_value(literal) or ""
    return any(not is_placeholder(found) for found in find_secrets(value))


# methods whose argument a URL is searched for: `url.find("api.openai.com") > -1`
_URL_TESTS = frozenset({"find", "rfind", "index", "count", "startswith", "endswith"})


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


# -- a key sent with an OpenAI URL (ML402) --------------------------------------------------

# the names of the dict entries and keyword arguments that hold a key
_KEY_NAMES = sdk.KEY_ENTRY_NAMES | sdk.GENERIC_KEY_ENTRY_NAMES


@dataclass(frozen=True)
class _Key:
    """A key sent with an OpenAI URL: the dict entry or keyword argument `name`, whose
    `value` is a literal (`read` None) or gives the read of an OpenAI variable `read`
    (itself, `read or ""`, or a name bound to it: `through_name`)."""

    name: str
    value: cst.BaseExpression
    argument: bool = False
    read: EnvAccess | None = None
    through_name: bool = False


def _base_urls(ctx: PythonContext) -> set[str]:
    """OpenAI's base URL, over https and http, without a trailing slash."""
    base = ctx.rules.openai.base_url.rstrip("/")
    return {base, base.replace("https://", "http://", 1)}


def _holder(
    ctx: PythonContext, node: cst.CSTNode
) -> tuple[cst.Dict, cst.DictElement] | tuple[cst.Call, cst.Arg] | None:
    """The dict display and its entry, or the call and its argument, whose value holds the
    URL `node` (itself, or within an expression: the default of a variable's read, a chain of
    `or`s, a call): the nearest dict, or the nearest call with a keyword argument named for
    a key. None within a test (`url == URL`: no request), for a dict's key (a table of
    URLs), and for a call of the SDK or of a framework (their rules rebuild it whole)."""
    child: cst.CSTNode = node
    parents = ctx.ancestors(node)
    for at in range(len(parents) - 1, 0, -1):
        parent, holder = parents[at], parents[at - 1]
        if isinstance(parent, cst.DictElement):
            if parent.value is child and isinstance(holder, cst.Dict):
                return holder, parent
            return None
        if (
            isinstance(parent, cst.Arg)
            and isinstance(holder, cst.Call)
            and parent.value is child
            and _key_arguments(holder, parent)
        ):
            if ctx.qualnames(holder.func) & KNOWN_USERS or ctx.constructed_client(holder):
                return None
            return holder, parent
        if not isinstance(parent, _WITHIN_AN_EXPRESSION) or isinstance(parent, cst.Comparison):
            return None
        child = parent
    return None


def _key_arguments(call: cst.Call, url: cst.Arg) -> list[cst.Arg]:
    """The keyword arguments of `call` but `url` named for a key (`api_key=`)."""
    return [
        a
        for a in call.args
        if a is not url and a.keyword is not None and a.keyword.value.lower() in _KEY_NAMES
    ]


def _keys_beside(ctx: PythonContext, node: cst.SimpleString) -> list[_Key]:
    """The keys sent with the URL `node` (see `_holder`): the literal keys of its dict
    (`"api_key": "sk-proj-"`; an OpenAI variable's name is no key: ML401's) or of its call
    (`api_key=""`), and the reads of OpenAI variables its call takes for a key
    (`api_key=os.getenv("OPENAI_API_KEY")`). Switched with the URL, such a key goes to the
    provider."""
    holder = _holder(ctx, node)
    if holder is None:
        return []
    keys = []
    if isinstance(holder[0], cst.Dict):
        for element in holder[0].elements:
            if not isinstance(element, cst.DictElement) or element is holder[1]:
                continue
            name, value = string_value(element.key), string_value(element.value)
            if name is not None and value is not None and _key_entry(name, value):
                keys.append(_Key(name, element.value))
        return keys
    call, url = holder
    assert isinstance(url, cst.Arg)
    names = env_names(ctx)
    for arg in _key_arguments(call, url):
        assert arg.keyword is not None
        name, text = arg.keyword.value, string_value(arg.value)
        if text is not None and _key_entry(name, text):
            keys.append(_Key(name, arg.value, argument=True))
        elif text is None and (read := _key_read(names, arg.value)) is not None:
            through = read.node is not _unwrapped(arg.value)
            keys.append(_Key(name, arg.value, True, read, through))
    return keys


def _unwrapped(value: cst.BaseExpression) -> cst.BaseExpression:
    """`read` for `read or "literal"` (a default for an unset variable), else `value`."""
    if (
        isinstance(value, cst.BooleanOperation)
        and isinstance(value.operator, cst.Or)
        and string_value(value.right) is not None
    ):
        return value.left
    return value


def _key_read(names: EnvNames, value: cst.BaseExpression) -> EnvAccess | None:
    """The read of an OpenAI variable that `value` gives: itself, `read or "literal"`, or
    a name bound only to such a read."""
    value = _unwrapped(value)
    access = names.by_node.get(id(value))
    if access is not None:
        return access if access.kind == "read" and names.openai_sources(access) else None
    if isinstance(value, cst.Name):
        held = names.values(value)
        if held is not None and len(held) == 1 and not isinstance(held[0], cst.Name):
            return _key_read(names, held[0])
    return None


def url_left(rule: PythonRule, names: EnvNames, url: cst.CSTNode) -> str:
    """Why a base URL (a read of OpenAI's variable, or OpenAI's URL written out) is left as it
    is: where its value goes with OpenAI's key (`url_destination`); "" where it is not."""
    ctx = rule.ctx
    destination = url_destination(ctx, names, url, lambda key: _kept_key(ctx, names, key))
    if destination is None:
        return ""
    call = destination.call
    line = ctx.line_label(ctx.position(call)[0][0])
    provider = rule.provider.name if rule.provider else "the provider"
    holder = f"{rule.snippet(call.func)}()" if isinstance(call, cst.Call) else "the dict"
    if destination.kind == "unserved":
        surface = destination.surface
        return (
            f"it is the base URL of {holder} on {line}, a call to the {surface} API, which "
            f"{provider} does not offer, and apply leaves that call as it is: switched, it would "
            f"send the call and its key to {provider}; keep it on OpenAI, or point it at a "
            f"provider that serves {surface} (its key and base URL), by hand"
        )
    key = rule.provider.api_key_env if rule.provider else "the provider's key variable"
    return (
        f"it is the base URL of {holder} on {line}, whose key "
        f"({_key_words(rule, destination.key)}) apply leaves OpenAI's: switched, it would send "
        f"that key to {provider}; point both at {provider} (the key from {key}) together, by hand"
    )


def _key_words(rule: PythonRule, key: cst.BaseExpression | cst.Arg | None) -> str:
    """Where the key a base URL goes with comes from, in words."""
    from migrate_llm.rules.clients import env_var_read  # clients imports this module

    if key is None:
        return "OPENAI_API_KEY, which it reads itself"
    if isinstance(key, cst.Arg):
        return f"from `**{rule.snippet(key.value)}`, else OPENAI_API_KEY"
    env = env_var_read(rule.ctx, key)
    return f"from {env[0]}" if env is not None else f"`{rule.snippet(key)}`"


def _kept_key(ctx: PythonContext, names: EnvNames, key: cst.BaseExpression) -> bool:
    """Whether a key given beside a base URL stays OpenAI's after `apply`: a real key written
    in the code (ML004's), or a read of an OpenAI variable (as it is, `read or ""`, or a name
    bound to it) that apply does not point at the provider's key variable (ML402 switches one
    beside an OpenAI URL, ML401 others it renames: see `_renamed`)."""
    if string_value(key) is not None:
        return _real_key(key)
    read = _key_read(names, key)
    if read is None:
        return False
    return not (claimed_by_url(ctx, names, read) or _renamed(ctx, names, read))


@dataclass(frozen=True)
class _Pair:
    """A base-URL read left as it is (`url_destination`) and the construction where a key
    read goes with it: the key read is left too."""

    url: EnvAccess
    holder: cst.Call | cst.DictElement


def paired_keys(ctx: PythonContext, names: EnvNames) -> dict[int, _Pair]:
    """The key reads ML401 leaves because a base-URL read given to the same call or dict is
    left, by the id of their node. The key and the base URL of one construction change
    together or not at all: a URL read is left where the key beside it stays OpenAI's
    (`_kept_key`, which asks `_renamed`, which asks this), so the two sides are one decision,
    reached by adding pairs until none is added."""
    found = ctx.analyses.get(paired_keys)
    if found is not None:
        return cast(dict[int, _Pair], found)
    pairs: dict[int, _Pair] = {}
    ctx.analyses[paired_keys] = pairs  # seen, as far as it goes, by the `kept` asked below
    raw = raw_http(ctx)
    urls = [
        a
        for a in names.accesses
        if a.kind == "read"
        and (source := _direct(names, a)) is not None
        and source.value in sdk.BASE_URL_VARS_TO_SWITCH
        and not raw.holds(names, a.node)
    ]

    def kept(key: cst.BaseExpression) -> bool:
        return _kept_key(ctx, names, key)

    left: set[int] = set()
    changed = True
    while changed:
        changed = False
        for url in urls:
            if id(url.node) not in left:
                if url_destination(ctx, names, url.node, kept) is None:
                    continue
                left.add(id(url.node))
            for holder, key in keys_beside_url(ctx, names, url.node):
                read = _key_read(names, key)
                if read is None or id(read.node) in pairs:
                    continue
                if not any(s.value in sdk.KEY_VARS_TO_SWITCH for s in names.openai_sources(read)):
                    continue
                pairs[id(read.node)] = _Pair(url, holder)
                changed = True
    return pairs


def _direct(names: EnvNames, access: EnvAccess) -> NameSource | None:
    """The OpenAI variable an access names by a literal of its own
    (`os.getenv("OPENAI_API_KEY")`), not through a constant, a loop or a dict."""
    sources = names.openai_sources(access)
    if len(sources) == 1 and not sources[0].via and len(access.sources) == 1:
        return sources[0]
    return None


def _url_switched(ctx: PythonContext, names: EnvNames, node: cst.CSTNode) -> bool:
    """Whether ML402 points the literal `node` at the provider, or would without one: a plain
    OpenAI base URL that is no raw request's (ML403's)."""
    rules = ctx.rules
    return (
        isinstance(node, cst.SimpleString)
        and "b" not in node.prefix.lower()
        and (rules.provider is None or rules.switching)
        and (string_value(node) or "").rstrip("/") in _base_urls(ctx)
        and not raw_http(ctx).holds(names, node)
    )


def claimed_by_url(ctx: PythonContext, names: EnvNames, access: EnvAccess) -> bool:
    """Whether the read `access` of an OpenAI variable is ML402's: by a literal of its own,
    it gives a keyword argument named for a key (`api_key=os.getenv("OPENAI_API_KEY")`) of a
    call whose other argument holds an OpenAI URL ML402 switches (see `_holder`). The key a
    request carries and the host it goes to change together."""
    if _direct(names, access) is None:
        return False
    node: cst.CSTNode = access.node
    parent = names.parent(node)
    if isinstance(parent, cst.BooleanOperation) and _unwrapped(parent) is node:
        node, parent = parent, names.parent(parent)
    if not (
        isinstance(parent, cst.Arg)
        and parent.value is node
        and parent.keyword is not None
        and parent.keyword.value.lower() in _KEY_NAMES
    ):
        return False
    call = names.parent(parent)
    if not isinstance(call, cst.Call):
        return False
    nodes, ends = ctx.nodes, ctx.ends
    for arg in call.args:
        if arg is parent:
            continue
        at = ctx.index_of(arg.value)
        for inner in nodes[at : ends[at]]:
            if not _url_switched(ctx, names, inner):
                continue
            holder = _holder(ctx, inner)
            if holder is not None and holder[0] is call:
                return True
    return False


def _removes(ctx: PythonContext, names: EnvNames, node: cst.CSTNode) -> bool:
    """Whether an access removes the variable: `os.environ.pop(...)` (which reads it too) or
    `del os.environ[...]`. ML401 never renames it: it would remove the provider's variable
    (aider's tests deleted DEEPSEEK_API_KEY, which they never set: KeyError)."""
    if isinstance(node, cst.Call):
        return bool(ctx.qualnames(node.func) & sdk.ENV_REMOVERS)
    held = names.parent(node)
    if isinstance(held, cst.Element):  # `del os.environ[A], os.environ[B]`
        held = names.parent(names.parent(held) or held)
    return isinstance(node, cst.Subscript) and isinstance(held, cst.Del)


def _renamed(ctx: PythonContext, names: EnvNames, access: EnvAccess) -> bool:
    """Whether ML401 points the read `access` (one not `claimed_by_url`) at the provider's
    key variable: as `OpenAIEnvVar.visit_Module` decides, a read by a literal of its own
    that no write names, whose value no risky destination takes, and no raw request to
    OpenAI with a key not traced may send; a name given through a constant, a loop or a dict
    that the module does not set and whose reads no such request may send."""
    sources = names.openai_sources(access)
    if not sources or any(s.value not in sdk.KEY_VARS_TO_SWITCH for s in sources):
        return False
    if _removes(ctx, names, access.node) or owns_key(ctx, access.node, names.parent):
        return False  # left as `visit_Module` leaves them
    raw = raw_http(ctx)
    if _direct(names, access) is not None:
        return not (
            written(names, sources[0])
            or _kept(ctx, names, [access], sources[0].value)
            or _untraced(ctx, raw, names, access)
            or risky_destination(ctx, names, access.node)
            or id(access.node) in paired_keys(ctx, names)
        )
    pairs = paired_keys(ctx, names)
    for source in sources:
        reads = [
            a
            for a in names.by_source.get(id(source.node), ())
            if a.kind == "read" and not raw.holds(names, a.node)
        ]
        if (
            written(names, source)
            or raw.holds(names, source.node)
            or any(_untraced(ctx, raw, names, a) for a in reads)
            or _kept(ctx, names, reads, source.value)
            or any(id(a.node) in pairs for a in reads)
        ):
            return False
    return True


def _kept(ctx: PythonContext, names: EnvNames, reads: list[EnvAccess], name: str) -> bool:
    """Whether ML401 leaves reads of `name` it would otherwise rename (`OpenAIEnvVar._left`):
    the module also sets `name` under a name computed at run time (`os.environ[f"{p.upper()}
    _API_KEY"] = key`), which the renamed read would miss; or one of them tests for OpenAI's
    key before a call to an API the provider does not offer (`guarded_features`)."""
    if names.computed_write(name) is not None or other_use(ctx, name) is not None:
        return True
    return name in sdk.KEY_VARS_TO_SWITCH and any(
        guarded_feature(ctx, names, read) is not None for read in reads
    )


def other_use(ctx: PythonContext, name: str) -> cst.CSTNode | None:
    """The first use of the variable's name `name` as a key of something other than the
    environment, and the expression holding it: the key of a config object's `get`/`set` (or
    any call's positional argument), of a subscript, of a dict entry, or a comparison's
    operand (shell_gpt's `Config.get` reads the environment by the key it is given, then its
    file). ML401 leaves the reads of `name` then: renamed alone, they would name another
    variable than that key (a test that it is set would skip the prompt filling it, and the
    program stop on a missing key); both change together, by hand."""
    found = ctx.analyses.get(other_use)
    if found is None:
        found = ctx.analyses[other_use] = _other_uses(ctx) if "OPENAI_" in ctx.text else {}
    return cast(dict[str, cst.CSTNode], found).get(name)


def _other_uses(ctx: PythonContext) -> dict[str, cst.CSTNode]:
    names, raw = env_names(ctx), raw_http(ctx)
    found: dict[str, cst.CSTNode] = {}
    for node in ctx.nodes:
        if not isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            continue
        value = string_value(node)
        if value is None or value in found or "OPENAI_" not in value or not ENV_NAME.match(value):
            continue
        if id(node) in names.by_source or raw.holds(names, node):
            continue  # an environment access's name (or a raw request's)
        holder = _key_holder(names, node)
        if (
            holder is not None
            and not owns_key(ctx, node, names.parent)
            and not in_message(ctx, node)
        ):
            found[value] = holder
    return found


def _key_holder(names: EnvNames, node: cst.CSTNode) -> cst.CSTNode | None:
    """The expression using the string `node` as a key (see `other_use`), if it does."""
    parent = names.parent(node)
    if isinstance(parent, cst.DictElement) and parent.key is node:
        return node
    if isinstance(parent, cst.Index):
        holder = names.parent(names.parent(parent) or parent)
        return holder if isinstance(holder, cst.Subscript) else None
    if isinstance(parent, cst.Arg) and parent.keyword is None and not parent.star:
        call = names.parent(parent)
        if isinstance(call, cst.Call) and last_name(call.func) not in sdk.SETTINGS_NAME_CALLS:
            return call
        return None
    if isinstance(parent, (cst.Comparison, cst.ComparisonTarget)):
        while parent is not None and not isinstance(parent, cst.Comparison):
            parent = names.parent(parent)
        return parent
    return None


def _untraced(ctx: PythonContext, raw, names: EnvNames, access: EnvAccess) -> bool:
    """Whether switching this key read could send the provider's key to OpenAI: the
    module sends a raw request to OpenAI whose key it does not trace (a read inside an
    SDK client's constructor is safe: the client is rebuilt for the provider)."""
    if not raw.untraced or not access.names & sdk.KEY_VARS_TO_SWITCH:
        return False
    return not any(
        isinstance(a, cst.Call) and ctx.constructed_client(a) is not None
        for a in names.ancestors(access.node)
    )


def _rename(ctx: PythonContext, node: cst.CSTNode, new: str) -> Edit | None:
    """The edit naming `new` where the string or keyword `node` names a variable."""
    if isinstance(node, cst.Name):
        return Edit(ctx.span(node), new)
    text = requote(node, new) if isinstance(node, cst.SimpleString) else None
    return Edit(ctx.span(node), text) if text else None


# -- a write of an OpenAI key variable that a test of it guards (ML401, ML404) --------------


@dataclass(frozen=True)
class _Guard:
    """A test reading an OpenAI key variable (`if not os.getenv(X):`, `if X not in
    os.environ:`) and the writes of that variable in its branches (`os.environ[X] =
    load()`): one unit, renamed together (`renamed`) or left together."""

    reads: tuple[EnvAccess, ...]
    writes: tuple[EnvAccess, ...]
    renamed: bool


def guards(ctx: PythonContext) -> dict[int, _Guard]:
    """The guards of the module (see `_Guard`), by the id of each of their accesses' nodes.
    A write of a literal key is not guarded (ML404 removes it: the test alone is left), nor
    are the accesses where a raw request to OpenAI with a key not traced may send the key
    (ML401 and ML404 leave both)."""
    found = ctx.analyses.get(guards)
    if found is None:
        found = ctx.analyses[guards] = _find_guards(ctx)
    return cast(dict[int, _Guard], found)


def _find_guards(ctx: PythonContext) -> dict[int, _Guard]:
    names, raw = env_names(ctx), raw_http(ctx)
    tests: dict[tuple[int, str], tuple[cst.If, list[EnvAccess]]] = {}
    for access in names.accesses:
        source = _direct(names, access)
        if access.kind != "read" or source is None or source.value not in sdk.KEY_VARS_TO_SWITCH:
            continue
        test = if_testing(names, access.node)
        if test is not None:
            tests.setdefault((id(test), source.value), (test, []))[1].append(access)
    found: dict[int, _Guard] = {}
    for (_, variable), (test, reads) in tests.items():
        start, end = ctx.span(test.test).end, ctx.span(test).end
        writes = tuple(
            w
            for w in names.accesses
            if w.kind == "write"
            and (source := _direct(names, w)) is not None
            and source.value == variable
            and start <= ctx.span(w.node).start
            and ctx.span(w.node).end <= end
            and not _literal_key(w)
        )
        if all(names.is_prompt(w.value) for w in writes):
            continue  # none, or typed at run time: the provider's key (ML404 renames them)
        if any(_untraced(ctx, raw, names, r) for r in reads):
            continue
        if _kept(ctx, names, reads, variable):
            continue  # the test is left (ML401), so is the write (ML404)
        renamed = all(_loaded(ctx, names, w) for w in writes)
        guard = _Guard(tuple(reads), writes, renamed)
        for access in (*reads, *writes):
            found[id(access.node)] = guard
    return found


def _literal_key(write: EnvAccess) -> bool:
    """Whether a write stores a literal holding a key (ML404 removes such a statement)."""
    value = string_value(write.value) if write.value is not None else None
    return value is not None and bool(find_secrets(value))


def _loaded(ctx: PythonContext, names: EnvNames, write: EnvAccess) -> bool:
    """Whether a write stores a key the program loads (from a file, a secret store, its
    settings) or a person types, not one the code shows to be OpenAI's: no literal, nothing
    named for OpenAI (`settings.openai_api_key`). Renamed with its test, it stores the key
    the provider's variable must then hold."""
    value = write.value
    if value is None or names.is_prompt(value) is not None:
        return value is not None
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return False
    return "openai" not in ctx.code(value).lower()


ENVIRONMENT_RULES = (OpenAIEnvVar, OpenAIUrl, *RAW_HTTP_RULES, OpenAIEnvWrite)
