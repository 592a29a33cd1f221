"""Class fields named for OpenAI's key that `apply` makes read the provider's key, besides
those whose default reads OPENAI_API_KEY (`run_facts.key_flow_of`): their names join
`RunFacts.openai_key_fields`, so that the code handing such a field on knows it holds the
provider's key after apply (ML601, ML304 on a reader left on OpenAI; ML003, ML404).

reworkd/AgentGPT's settings (t50g D1): `openai_api_base: str = "https://api.openai.com/v1"`
beside `openai_api_key: str = "<Should be updated via env>"`. ML402 points the URL at the
provider and the literal key beside it at the provider's key variable; but
`OpenAIEmbeddings(openai_api_key=settings.openai_api_key)` (DeepSeek serves no embeddings)
and `openai.Image.create(api_key=settings.openai_api_key)` stay on OpenAI, and would send
the provider's key there. The same goes for a pydantic settings field read from the variable
of its name, OPENAI_API_KEY (no `env_prefix`), which ML401 gives the provider's variable as
its alias. Only names with `openai` in them count: the project's code reads them by name
alone (`x.openai_api_key`), and a plain `api_key` may be any service's.
"""

from __future__ import annotations

import ast
import re

from migrate_llm import openai_sdk as sdk
from migrate_llm.env_read_calls import LOOKUP_CALLED, reader_imported
from migrate_llm.secrets import find_secrets, is_placeholder
from migrate_llm.textio import python_tree

# a class field whose default holds OpenAI's URL (`openai_api_base: str = "https://api.openai
# .com/v1"`, `Field(default=...)` too), or one named after OpenAI's key variable in a module
# naming pydantic's `BaseSettings`: what the module must hold to be read for these fields
URL_FIELD = re.compile(
    rb"(?m)^[ \t]+\w+[ \t]*:[^=\n]*=[^\n]*[\"']https?://api\.openai\.com(?:/v1)?/?[\"']"
)
SETTINGS_KEY_FIELD = re.compile(rb"(?im)^[ \t]+(openai_api_key)[ \t]*:")
# a field named for OpenAI's key whose default reads another `*_API_KEY` variable, as apply
# leaves such a field (`openai_api_key: str = os.environ.get("DEEPSEEK_API_KEY", "unset")`):
# it holds that service's key (`check` after apply says so too); group 1: its name, 2: the
# lookup as written (decouple's `config` too: `env_read_calls`), 3: the variable
READS_OTHER_KEY = re.compile(
    rb"(?m)^[ \t]+(\w*(?:openai|OPENAI)\w*)[ \t]*:[^=\n]*=[ \t]*"
    + LOOKUP_CALLED
    + rb"\s*[\"']([A-Z0-9_]*_API_KEY)[\"']"
)
_OPENAI_HOSTS = ("https://api.openai.com", "http://api.openai.com")
# larger modules are not read again: their fields count as left
MAX_BYTES = 512 * 1024


def may_switch(data: bytes) -> bool:
    """Whether a module's bytes may hold such a field (`switched_fields`)."""
    return (b"api.openai.com" in data and URL_FIELD.search(data) is not None) or (
        b"_API_KEY" in data and READS_OTHER_KEY.search(data) is not None
    )


def switched_fields(data: bytes) -> set[str]:
    """The names of the class fields of a module (its bytes `data`) that apply points at the
    provider's key variable: a literal key beside an OpenAI URL in a class body (ML402; not
    where a key written there is a real one: then ML402 leaves both), and a pydantic settings
    field named after OpenAI's key variable in a module setting no `env_prefix` (ML401); and
    a field named for OpenAI that reads another service's key already (`READS_OTHER_KEY`,
    what apply leaves of either)."""
    found = {
        m[1].decode()
        for m in READS_OTHER_KEY.finditer(data)
        if m[3].decode() not in sdk.KEY_VARS_TO_SWITCH and reader_imported(data, m[2])
    }
    if b"BaseSettings" in data and b"env_prefix" not in data:
        found |= {m[1].decode() for m in SETTINGS_KEY_FIELD.finditer(data)}
    if URL_FIELD.search(data) is None or len(data) > MAX_BYTES:
        return found
    tree = python_tree(data)
    if tree is None:
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            found |= _beside_url(node)
    return found


def _beside_url(klass: ast.ClassDef) -> set[str]:
    """The key fields of `klass` ML402 switches with the OpenAI URL a field of it holds."""
    defaults = dict(_fields(klass))
    urls = [n for n, v in defaults.items() if v.rstrip("/").startswith(_OPENAI_HOSTS)]
    if not urls or (_settings(klass) and not _switched_urls(klass, urls)):
        return set()  # a settings field read from its own variable first: ML402 leaves it
    keys = {n: v for n, v in defaults.items() if n.lower() in sdk.KEY_ENTRY_NAMES and v}
    if any(not is_placeholder(s) for v in keys.values() for s in find_secrets(v)):
        return set()  # a real key beside the URL: ML402 leaves the URL and the key
    return {name for name in keys if "openai" in name.lower() and not _names_variable(keys[name])}


def _settings(klass: ast.ClassDef) -> bool:
    """Whether `klass` is a pydantic settings class (`settings_reads`): a `BaseSettings` base,
    or an `env_prefix` stated in its inner `Config` or `model_config`."""
    if any(
        isinstance(b, (ast.Name, ast.Attribute)) and _last(b) == "BaseSettings" for b in klass.bases
    ):
        return True
    return bool(klass.bases) and sdk.SETTINGS_PREFIX in ast.dump(klass)


def _switched_urls(klass: ast.ClassDef, urls: list[str]) -> bool:
    """Whether every URL field of a settings class is read from a variable ML401 switches
    (`openai_api_base` with no `env_prefix`), so that ML402 switches its default."""
    if sdk.SETTINGS_PREFIX in ast.dump(klass):
        return False
    return all(n.upper() in sdk.BASE_URL_VARS_TO_SWITCH for n in urls)


def _last(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def _names_variable(value: str) -> bool:
    """Whether a key field's literal is the name of OpenAI's variable (no key)."""
    return value in sdk.KEY_VARS_TO_SWITCH


def _fields(klass: ast.ClassDef) -> list[tuple[str, str]]:
    """The (name, string default) of the fields of a class body: `name: T = "..."`,
    `name = "..."`, `name: T = Field("...")` or `Field(default="...")`."""
    found = []
    for statement in klass.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            name, value = statement.target.id, statement.value
        elif (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            name, value = statement.targets[0].id, statement.value
        else:
            continue
        if isinstance(value, ast.Call):
            given = [k.value for k in value.keywords if k.arg == "default"] or value.args[:1]
            value = given[0] if given else None
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            found.append((name, value.value))
    return found
