"""The code `apply` writes to read a provider's settings: never a key, always a variable.

Every value is written through `literal`, so a provider file cannot inject code.
"""

from __future__ import annotations

import json
import re
from typing import Any

from migrate_llm.registry import Provider

IMPORT_OS = "import os"
# code using the `os` module (`os.environ.get(...)`), which `IMPORT_OS` must come with
_OS_USE = re.compile(r"(?<![\w.])os\.")


def os_imports(code: str) -> tuple[str, ...]:
    """(`IMPORT_OS`,) where `code` uses `os`, else (): a settings reader's reads alone
    (`config("DEEPSEEK_API_KEY")`, `settings_reader_reads`) need no `import os`."""
    return (IMPORT_OS,) if _OS_USE.search(code) else ()


def literal(value: str) -> str:
    """`value` as a double-quoted Python string literal, escaped (JSON's escapes are
    Python's)."""
    return json.dumps(value)


# What a client built at import time reads when the provider's key variable is unset. Not
# "": openai>=1 takes "" for no key and raises "Missing credentials" in the constructor
# (checked with the installed SDK), which would fail the import; None would fall back to
# OPENAI_API_KEY. With the placeholder the import succeeds and the first request is refused
# by the provider (401) until the variable is set.
UNSET_KEY = "unset"


def key_expr(provider: Provider, at_import: bool = False, filled: bool = False) -> str:
    """Code that reads the provider's key from its variable (never the key itself).

    `at_import`: the code runs when the module is imported (module level, class body): it
    must not raise there when the variable is unset, so it reads `os.environ.get(VAR,
    "unset")`. Inside a function, or under the module's `if __name__ == "__main__":`, which
    an import never runs, it reads `os.environ[VAR]`, which fails fast and names the
    variable, as the SDK did without a key.

    `filled`: the key goes to a library that takes an empty one for none and sends
    OPENAI_API_KEY in its place (litellm's routes of
    `litellm.empty_key_sends_openai_key`): the read is never empty, the placeholder standing
    in for an empty variable too (`os.environ[VAR] or "unset"`, `os.environ.get(VAR) or
    "unset"`), so the provider answers 401 where the OpenAI key would have gone.
    """
    var = literal(provider.api_key_env)
    if filled:
        read = f"os.environ.get({var})" if at_import else f"os.environ[{var}]"
        return f"{read} or {literal(UNSET_KEY)}"
    if at_import:
        return f"os.environ.get({var}, {literal(UNSET_KEY)})"
    return f"os.environ[{var}]"


def base_url_expr(provider: Provider, url: str) -> str:
    """Code that reads the provider's base URL, with the official URL as the default.

    An Azure OpenAI target (`[azure]`) keeps its resource endpoint in `base_url_env`: the
    base URL is that endpoint, without a trailing slash, plus the v1 path
    (`.../openai/v1/`)."""
    read = _read_base_url_env(provider, url)
    if provider.azure is not None:
        return f"{read}.rstrip({literal('/')}) + {literal(provider.azure.v1_path)}"
    return read


def path_url_expr(provider: Provider, url: str, path: str) -> str:
    """Code that reads the provider's base URL and adds the endpoint `path` to it, for a
    program that takes a variable for the whole URL it posts to (`/chat/completions`)."""
    return f"{base_url_expr(provider, url)} + {literal(path)}"


def url_form(url: str) -> str:
    """A URL as a key fill compares it (`same_url`): no trailing slash, in lower case."""
    return url.rstrip("/").lower()


def same_url(code: str, plain: bool = False) -> str:
    """Code giving the URL `code` holds as a key fill compares it (`url_form`): scheme and
    host take any case, and a trailing slash changes nothing, so `HTTPS://Api.X.com/v1/`
    is `https://api.x.com/v1`; a path differing only in case still names that host. `plain`:
    `code` is a string already (`os.environ.get(VAR, URL)`), no `str()` around it."""
    held = code if plain else f"str({code})"
    return f"{held}.rstrip({literal('/')}).lower()"


def provider_urls(provider: Provider, url: str, first: str | None = None) -> list[str]:
    """What a URL compared as `same_url` writes it is tested against for a key to be the
    provider's: `first` (code as `same_url` makes it; by default the provider's base-URL read,
    `base_url_expr`, with `url` its default), then each spelling the provider's file gives
    `url` (`Provider.base_url_spellings`: DeepSeek's `/v1`) as `url_form` makes it, and, where
    one key variable serves every region (no `[region_env]`), each other region's URL
    (`[regions]`: Kimi's api.moonshot.ai beside api.moonshot.cn) and its spellings: the
    variable pointing elsewhere (another region, a test server), a URL spelled as the
    provider's own still takes the provider's key. None for an Azure target: its file's URL
    is a placeholder (`YOUR-RESOURCE-NAME`), the resource's endpoint its variable alone."""
    if first is None:
        first = same_url(base_url_expr(provider, url), plain=provider.azure is None)
    found = [first]
    if provider.azure is not None:
        return found
    for form in url_forms(provider, url):
        if literal(form) not in found:
            found.append(literal(form))
    return found


def url_forms(provider: Provider, url: str) -> list[str]:
    """The URLs, as `url_form` makes them, that count as the provider's where `url` is the
    run's: its spellings (`Provider.base_url_spellings`), and each other region's URL with
    its spellings where one key variable serves them all (`regions_shared`)."""
    urls = [url, *provider.regions.values()] if regions_shared(provider) else [url]
    forms = [url_form(s) for each in urls for s in provider.base_url_spellings(each)]
    return list(dict.fromkeys(forms))


def regions_shared(provider: Provider) -> bool:
    """Whether `provider_urls` takes each region's URL as the provider's: several regions,
    one key variable for all (no `[region_env]`), not an Azure target."""
    return (
        len(set(provider.regions.values())) > 1
        and not provider.region_env
        and (provider.azure is None)
    )


def url_spellings_words(provider: Provider) -> str:
    """How a message names the URLs `provider_urls` tests a URL against."""
    if regions_shared(provider):
        return "(its variable's value or any of its regions' URLs in any spelling)"
    return "(its variable's value or its URL in any spelling)"


def among(urls: list[str], negate: bool = False) -> str:
    """The test of a `same_url` value against `urls` (`provider_urls`): `== X` or
    `in (X, ...)`; `negate`: `!= X` or `not in (X, ...)`."""
    if len(urls) == 1:
        return f"{'!=' if negate else '=='} {urls[0]}"
    return f"{'not in' if negate else 'in'} ({', '.join(urls)})"


def provider_url_test(
    code: str, provider: Provider, url: str, negate: bool = False, first: str | None = None
) -> str:
    """The test that the URL `code` holds is the provider's (`provider_urls`), both sides
    compared as `same_url` writes them, as a key's fallback is tied to it (ML003, ML401):
    `str(url).rstrip("/").lower() in (<read>, "<spelling>", ...)`; `negate`: `not in`."""
    return f"{same_url(code)} {among(provider_urls(provider, url, first), negate)}"


def module_base_url_expr(provider: Provider, url: str) -> str:
    """`base_url_expr` for `openai.base_url = ...`, ending with a slash: the module-level
    client joins a request's path to its base URL as written (`.../v1` + `chat/completions`
    gives `.../v1chat/completions`), where a client's constructor adds the slash first."""
    read = _read_base_url_env(provider, url)
    path = provider.azure.v1_path.rstrip("/") if provider.azure is not None else ""
    return f"{read}.rstrip({literal('/')}) + {literal(path + '/')}"


def module_api_base_expr(provider: Provider, url: str) -> str:
    """Code for openai<1.0's `openai.api_base = ...`, without a trailing slash: that SDK
    joins a request's path (`/chat/completions`) to it as written."""
    return f"{_read_base_url_env(provider, url)}.rstrip({literal('/')})"


def endpoint_expr(provider: Provider, url: str) -> str:
    """Code that reads an Azure resource endpoint (`azure_endpoint=` of AzureOpenAI)."""
    return _read_base_url_env(provider, url)


def _read_base_url_env(provider: Provider, url: str) -> str:
    """`os.environ.get(BASE_URL_ENV, url)`: the provider's base-URL variable (an Azure
    target's endpoint variable), `url` when it is unset."""
    return f"os.environ.get({literal(provider.base_url_env)}, {literal(url)})"


IMPORT_FUNCTOOLS = "import functools"

# What openai<1.0 sent as api_version to Azure when neither the code nor OPENAI_API_VERSION
# set one (openai 0.28 `openai/__init__.py`).
LEGACY_AZURE_API_VERSION = "2023-05-15"


def legacy_key_expr(module: str) -> str:
    """The key of a client built on first use in a modernised openai<1.0 module: the v1
    module setting (which a settings module may set), else OPENAI_API_KEY as openai<1.0 read
    it, else a placeholder so that building the client never fails (a request without a key
    is then refused with 401, an `AuthenticationError` as in openai<1.0)."""
    return f"{module}.api_key or os.environ.get({literal('OPENAI_API_KEY')}, {literal(UNSET_KEY)})"


def legacy_azure_version_expr() -> str:
    """The api_version openai<1.0 used for Azure when the module sets none."""
    return f"os.environ.get({literal('OPENAI_API_VERSION')}, {literal(LEGACY_AZURE_API_VERSION)})"


def cached_factory(name: str, construction: str) -> str:
    """A module-level function building a client on its first call and returning that same
    client afterwards (`functools.lru_cache`, which every Python 3 has)."""
    return f"@functools.lru_cache(maxsize=None)\ndef {name}():\n    return {construction}"


IMPORT_ASYNCIO = "import asyncio"


def loop_factory(name: str, on_loop: str, construction: str) -> str:
    """`name()`: the async client of the running event loop, built by `on_loop` on the
    loop's first call. A client's connections stay on the loop that opened them, and each
    `asyncio.run()` opens a new loop: one client shared by two runs fails in the second with
    "Event loop is closed", where openai<1.0 opened a session for each request. The last
    loop's client is kept; a coroutine made where no loop runs yet gets a client of its
    own."""
    return (
        f"@functools.lru_cache(maxsize=1)\ndef {on_loop}(loop):\n    return {construction}\n\n\n"
        f"def {name}():\n"
        "    # a client per event loop: its connections stay on the loop that opened them\n"
        "    try:\n        loop = asyncio.get_running_loop()\n"
        f"    except RuntimeError:\n        return {on_loop}.__wrapped__(None)\n"
        f"    return {on_loop}(loop)"
    )


def python_literal(value: bool | int | float | str | dict[str, Any]) -> str:
    """A TOML scalar or table written as Python source (`true` -> `True`, strings
    double-quoted, a table as a dict display)."""
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{json.dumps(k)}: {python_literal(v)}" for k, v in value.items()) + "}"
        )
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)
