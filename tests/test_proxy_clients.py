"""ML301's advice for openai<1.0's `openai.proxy`: an httpx client that builds.

Trial 59c's D2: pandas-ai's `openai.proxy = {"http": p, "https": p}` got the advice
`httpx.Client(proxy={"http": p, "https": p})`; httpx's `proxy=` takes one URL, and the dict
raised AttributeError when the client was built (no request left the program). Each advice
below is built with the installed httpx (the openai SDK's httpx2 where httpx is absent: the
same Client and HTTPTransport).
"""

from __future__ import annotations

import pytest

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

try:
    import httpx
except ImportError:  # the dev venv's openai SDK ships httpx2, of the same API
    import httpx2 as httpx  # type: ignore[no-redef]

HEAD = "openai.proxy is openai<1.0 configuration; pass http_client="
TAIL = " to the client instead"
EITHER = (
    ' (proxy= takes one URL; proxies that differ by scheme go in mounts={"http://": '
    'httpx.HTTPTransport(proxy=...), "https://": httpx.HTTPTransport(proxy=...)})'
)


def ml301(registry, text: str) -> list[tuple[int, str, str, str]]:
    ctx = RuleContext(registry, registry.get("moonshot"))
    return [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML301"
    ]


def advised_client(message: str) -> str:
    """The `httpx.Client(...)` a message says to pass."""
    assert message.startswith(HEAD) and message.endswith(TAIL), message
    return message[len(HEAD) : -len(TAIL)]


def proxied_ports(client) -> dict[str, int]:
    """The port of the proxy each URL prefix of a built client goes through."""
    return {k.pattern: v._pool._proxy_url.port for k, v in client._mounts.items()}


def test_one_proxy_for_both_schemes_is_one_url(registry):
    text = 'import openai\n\np = "http://127.0.0.1:9"\nopenai.proxy = {"http": p, "https": p}\n'
    [(line, severity, fix, message)] = ml301(registry, text)
    assert (line, severity, fix) == (4, "error", "manual")
    assert message == f"{HEAD}httpx.Client(proxy=p){TAIL}"
    client = eval(advised_client(message), {"httpx": httpx, "p": "http://127.0.0.1:9"})
    assert proxied_ports(client) == {"all://": 9}
    # the former advice, built: what the trial's program died of
    with pytest.raises(AttributeError):
        httpx.Client(proxy={"http": "http://127.0.0.1:9", "https": "http://127.0.0.1:9"})


def test_proxies_that_differ_by_scheme_are_mounted(registry):
    text = (
        "import os\n\nimport openai\n\n"
        'openai.proxy = {"http": os.environ["HTTP_PROXY"], "https": os.environ["HTTPS_PROXY"]}\n'
    )
    [(line, _, fix, message)] = ml301(registry, text)
    assert (line, fix) == (5, "manual")
    assert message == (
        f'{HEAD}httpx.Client(mounts={{"http://": httpx.HTTPTransport(proxy=os.environ['
        '"HTTP_PROXY"]), "https://": httpx.HTTPTransport(proxy=os.environ["HTTPS_PROXY"])})'
        f"{TAIL}"
    )
    environ = {"HTTP_PROXY": "http://127.0.0.1:8", "HTTPS_PROXY": "http://127.0.0.1:9"}
    os_double = type("os", (), {"environ": environ})
    client = eval(advised_client(message), {"httpx": httpx, "os": os_double})
    assert proxied_ports(client) == {"http://": 8, "https://": 9}


def test_a_proxy_for_one_scheme_mounts_that_scheme_alone(registry):
    text = 'import openai\n\nPROXIES = {"https": "http://127.0.0.1:7"}\nopenai.proxy = PROXIES\n'
    [(_, _, _, message)] = ml301(registry, text)
    assert message == (
        f'{HEAD}httpx.Client(mounts={{"https://": httpx.HTTPTransport(proxy="http://127.0.0.1:7")'
        f"}}){TAIL}"
    )
    client = eval(advised_client(message), {"httpx": httpx})
    assert proxied_ports(client) == {"https://": 7}


def test_a_value_that_may_be_either_names_both_forms(registry):
    text = (
        "import openai\n\n\nclass LLM:\n    def __init__(self, proxy):\n"
        "        self.proxy = proxy\n        openai.proxy = self.proxy\n"
    )
    [(line, _, _, message)] = ml301(registry, text)
    assert line == 7
    assert message == f"{HEAD}httpx.Client(proxy=self.proxy){EITHER}{TAIL}"
    holder = type("LLM", (), {"proxy": "http://127.0.0.1:6"})
    client = eval("httpx.Client(proxy=self.proxy)", {"httpx": httpx, "self": holder})
    assert proxied_ports(client) == {"all://": 6}


def test_a_url_written_or_read_from_the_environment_is_one_url(registry):
    for value, shown in (
        ('"http://127.0.0.1:5"', 'httpx.Client(proxy="http://127.0.0.1:5")'),
        ('os.getenv("HTTPS_PROXY")', 'httpx.Client(proxy=os.getenv("HTTPS_PROXY"))'),
        ('f"http://{host}:5"', 'httpx.Client(proxy=f"http://{host}:5")'),
    ):
        text = f"import os\n\nimport openai\n\nopenai.proxy = {value}\n"
        [(_, _, _, message)] = ml301(registry, text)
        assert message == f"{HEAD}{shown}{TAIL}", value


def test_an_async_module_gets_the_async_client(registry):
    """h6 (s59): AsyncOpenAI refuses an `httpx.Client` (TypeError when it is built)."""
    text = (
        'import openai\n\np = "http://127.0.0.1:4"\nopenai.proxy = {"http": p, "https": p}\n\n\n'
        "async def ask(q):\n"
        '    return await openai.ChatCompletion.acreate(model="gpt-4", messages=q)\n'
    )
    [(line, _, fix, message)] = ml301(registry, text)
    assert (line, fix) == (4, "manual")
    assert message == f"{HEAD}httpx.AsyncClient(proxy=p){TAIL}"
    client = eval(advised_client(message), {"httpx": httpx, "p": "http://127.0.0.1:4"})
    assert isinstance(client, httpx.AsyncClient)
    assert proxied_ports(client) == {"all://": 4}


def test_a_module_making_both_kinds_of_call_gets_a_client_for_each(registry):
    text = (
        "import os\n\nimport openai\n\n"
        'openai.proxy = {"http": os.environ["HTTP_PROXY"], "https": os.environ["HTTPS_PROXY"]}\n'
        'openai.Completion.create(model="gpt-3.5-turbo-instruct", prompt="hi")\n\n\n'
        "async def ask(q):\n"
        '    return await openai.ChatCompletion.acreate(model="gpt-4", messages=q)\n'
    )
    [(_, _, _, message)] = ml301(registry, text)
    mounts = (
        '(mounts={{"http://": httpx.{0}(proxy=os.environ["HTTP_PROXY"]), '
        '"https://": httpx.{0}(proxy=os.environ["HTTPS_PROXY"])}})'
    )
    assert message == (
        f"{HEAD}httpx.Client{mounts.format('HTTPTransport')} to OpenAI() and "
        f"http_client=httpx.AsyncClient{mounts.format('AsyncHTTPTransport')} to AsyncOpenAI() "
        "instead"
    )
    environ = {"HTTP_PROXY": "http://127.0.0.1:8", "HTTPS_PROXY": "http://127.0.0.1:9"}
    os_double = type("os", (), {"environ": environ})
    shown = message[len(HEAD) :].split(" to OpenAI() and http_client=")
    sync = eval(shown[0], {"httpx": httpx, "os": os_double})
    aio = eval(
        shown[1].removesuffix(" to AsyncOpenAI() instead"), {"httpx": httpx, "os": os_double}
    )
    assert isinstance(aio, httpx.AsyncClient) and not isinstance(sync, httpx.AsyncClient)
    assert proxied_ports(sync) == proxied_ports(aio) == {"http://": 8, "https://": 9}
