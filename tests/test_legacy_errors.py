"""openai.error (ML303) under openai>=1.0's exception hierarchy: what an `except` clause
catches after `apply` is what it caught under openai<1.0, or the finding says why not.

Every rewrite: the exact text after `apply`, and a second run that edits nothing.
"""

from __future__ import annotations

import importlib

import openai
import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied

HANDLERS = (
    "import openai\n\n\ndef ask(call):\n    try:\n        return call()\n"
    "    except openai.error.APIError:\n        return 'server error'\n"
    "    except openai.error.InvalidRequestError:\n        return 'bad request'\n"
    "    except (openai.error.RateLimitError, openai.error.Timeout):\n        return 'later'\n"
)
HANDLERS_AFTER = (
    "import openai\n\n\ndef ask(call):\n    try:\n        return call()\n"
    "    except openai.InternalServerError:\n        return 'server error'\n"
    "    except (openai.BadRequestError, openai.NotFoundError):\n        return 'bad request'\n"
    "    except (openai.RateLimitError, openai.APITimeoutError):\n        return 'later'\n"
)


def ml303(registry, text: str, provider: str = "acme"):
    ctx = RuleContext(registry, registry.get(provider))
    return [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML303"]


def test_api_error_in_an_except_becomes_internal_server_error(registry):
    assert applied(registry, HANDLERS, "acme") == HANDLERS_AFTER
    found = {f.line: f for f in ml303(registry, HANDLERS)}
    assert found[7].fix is FixClass.REVIEW
    assert found[7].edit is not None
    assert "v1's APIError" not in found[7].message
    assert "openai>=1.0's APIError is the base of every API error" in found[7].message


def _http():
    """The HTTP library the installed SDK is built on (httpx)."""
    base = next(c for c in openai.DefaultHttpxClient.__mro__ if "openai" not in c.__module__)
    return importlib.import_module(base.__module__.split(".")[0])


def _status_error(status: int) -> openai.APIStatusError:
    """The exception openai>=1.0 raises for an HTTP error `status`."""
    http = _http()
    client = openai.OpenAI(api_key="test", base_url="http://127.0.0.1:9/v1")
    request = http.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    response = http.Response(status, request=request, json={"error": {"message": "x"}})
    return client._make_status_error("x", body={"error": {"message": "x"}}, response=response)


@pytest.mark.parametrize(
    ("status", "v0_handler"),
    [(400, "bad request"), (404, "bad request"), (429, "later"), (500, "server error")],
)
def test_migrated_handlers_catch_what_the_v0_handlers_caught(registry, status, v0_handler):
    """openai<1.0 raised InvalidRequestError for 400/404, RateLimitError for 429 and APIError
    for a 500; the migrated clauses, run with the real v1 SDK, send each to the same place
    (a 404 is NotFoundError in v1, outside BadRequestError: the clause catches both)."""
    namespace: dict[str, object] = {}
    exec(compile(applied(registry, HANDLERS, "acme"), "app.py", "exec"), namespace)
    error = _status_error(status)

    def call():
        raise error

    assert namespace["ask"](call) == v0_handler  # type: ignore[operator]


def test_with_the_v1_namesake_the_first_clause_would_catch_everything(registry):
    """Why APIError is not kept: openai.APIError would catch the 400 and the 429 first."""
    namespace: dict[str, object] = {}
    exec(HANDLERS_AFTER.replace("InternalServerError", "APIError"), namespace)
    for status in (400, 429):
        error = _status_error(status)

        def call(error=error):
            raise error

        assert namespace["ask"](call) == "server error"  # type: ignore[operator]


def test_from_import_of_api_error_imports_internal_server_error(registry):
    before = (
        "from openai.error import APIError, InvalidRequestError\n\n\ndef ask(call):\n"
        "    try:\n        return call()\n    except APIError:\n        return None\n"
        "    except InvalidRequestError:\n        return ''\n"
    )
    after = (
        "from openai import BadRequestError, InternalServerError, NotFoundError\n\n\n"
        "def ask(call):\n"
        "    try:\n        return call()\n    except InternalServerError:\n        return None\n"
        "    except (BadRequestError, NotFoundError):\n        return ''\n"
    )
    assert applied(registry, before, "acme") == after


def test_isinstance_is_a_catch_raise_and_subclass_keep_api_error(registry):
    before = (
        "import openai\n\n\nclass Upstream(openai.error.APIError):\n    pass\n\n\n"
        "def retry_on(exc):\n    return isinstance(exc, openai.error.APIError)\n\n\n"
        "def fail():\n    raise openai.error.APIError('boom')\n"
    )
    after = (
        "import openai\n\n\nclass Upstream(openai.APIError):\n    pass\n\n\n"
        "def retry_on(exc):\n    return isinstance(exc, openai.InternalServerError)\n\n\n"
        "def fail():\n    raise openai.APIError('boom')\n"
    )
    assert applied(registry, before, "acme") == after
    manual = [(f.line, f.message) for f in ml303(registry, before) if f.fix is FixClass.MANUAL]
    assert manual == [
        (
            13,
            "openai.APIError(...) takes other arguments than openai.error.APIError(...) did (v1 "
            "builds API errors from an httpx request or response): this call raises TypeError; "
            "build it as openai.APIError(message, request, *, body) (tests: raise your own "
            "exception)",
        )
    ]


def test_exception_built_by_hand_is_reported(registry):
    text = "import openai\nfrom unittest import mock\nerr = openai.error.RateLimitError('slow')\n"
    found = [(f.line, f.fix) for f in ml303(registry, text)]
    assert found == [(3, FixClass.MANUAL), (3, FixClass.SAFE)]
    # OpenAIError is a plain Exception in v1 too: nothing to say about its arguments
    assert [f.fix for f in ml303(registry, "import openai\nopenai.error.OpenAIError('x')\n")] == [
        FixClass.SAFE
    ]


SHADOWED = [
    pytest.param(
        "import openai\ntry:\n    pass\nexcept openai.error.APIConnectionError:\n    pass\n"
        "except openai.error.Timeout:\n    pass\n",
        6,
        "the earlier `except` for openai.error.APIConnectionError (openai.APIConnectionError in "
        "openai>=1.0) now catches what this clause caught: openai.APITimeoutError is a subclass "
        "of openai.APIConnectionError, where openai<1.0 had separate classes; move this clause "
        "above that one",
        id="connection-error-above-timeout",
    ),
    pytest.param(
        "import openai\ntry:\n    pass\n"
        "except (openai.error.ServiceUnavailableError, openai.error.RateLimitError):\n    pass\n"
        "except openai.error.APIError:\n    pass\n",
        6,
        "this clause never runs: the earlier `except` catches openai.InternalServerError, which "
        "openai.error.ServiceUnavailableError and openai.error.APIError are in openai>=1.0 "
        "(openai<1.0 had separate classes); merge its handling into the earlier clause, or "
        "delete it",
        id="two-old-names-one-new-class",
    ),
    pytest.param(
        "import openai\ntry:\n    pass\n"
        "except openai.InternalServerError:\n    pass\n"
        "except openai.InternalServerError:\n    pass\n",
        6,
        "this clause never runs: an earlier `except` already catches openai.InternalServerError; "
        "merge its handling into the earlier clause, or delete it",
        id="one-new-class-twice-after-apply",
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), SHADOWED)
def test_shadowed_handler_is_reported(registry, text, line, message):
    found = [f for f in ml303(registry, text) if "earlier `except`" in f.message]
    assert [(f.line, f.fix, f.edit, f.message) for f in found] == [
        (line, FixClass.MANUAL, None, message)
    ]


def test_openai_error_base_above_others_is_not_a_change(registry):
    text = (
        "import openai\ntry:\n    pass\nexcept openai.error.OpenAIError:\n    pass\n"
        "except openai.error.RateLimitError:\n    pass\n"
        "except openai.error.InvalidRequestError:\n    pass\n"
    )
    assert [f for f in ml303(registry, text) if "earlier `except`" in f.message] == []


def test_aliased_api_error_only_caught_is_imported_as_internal_server_error(registry):
    text = (
        "from openai.error import APIError as UpstreamError, Timeout\ntry:\n    pass\n"
        "except (UpstreamError, Timeout):\n    pass\n"
    )
    assert [(f.line, f.fix) for f in ml303(registry, text)] == [
        (1, FixClass.REVIEW),
        (4, FixClass.SAFE),
    ]
    assert applied(registry, text, "acme") == (
        "from openai import InternalServerError as UpstreamError, APITimeoutError\ntry:\n"
        "    pass\nexcept (UpstreamError, APITimeoutError):\n    pass\n"
    )


def test_aliased_api_error_also_raised_is_reported_where_caught(registry):
    text = (
        "from openai.error import APIError as UpstreamError\ntry:\n    pass\n"
        "except UpstreamError:\n    raise UpstreamError('again')\n"
    )
    found = [(f.line, f.fix) for f in ml303(registry, text)]
    assert found == [(1, FixClass.SAFE), (4, FixClass.MANUAL), (5, FixClass.MANUAL)]
    assert applied(registry, text, "acme") == (
        "from openai import APIError as UpstreamError\ntry:\n    pass\n"
        "except UpstreamError:\n    raise UpstreamError('again')\n"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param(
            "def guarded(openai, call):\n    try:\n        call()\n"
            "    except openai.error.RateLimitError:\n        pass\n",
            "openai.error.RateLimitError: openai.error does not exist in openai 1.0 (`openai` is "
            "not traced to an `import openai` in this module); use openai.RateLimitError",
            id="parameter",
        ),
        pytest.param(
            "from myapp.deps import openai\ntry:\n    pass\nexcept openai.error.APIError:\n"
            "    pass\n",
            "openai.error.APIError: openai.error does not exist in openai 1.0 (`openai` is not "
            "traced to an `import openai` in this module); use openai.InternalServerError",
            id="imported-from-elsewhere",
        ),
        pytest.param(
            "class Bot:\n    def ask(self):\n        try:\n            pass\n"
            "        except self.openai.error.Timeout:\n            pass\n",
            "self.openai.error.Timeout: openai.error does not exist in openai 1.0 "
            "(`self.openai` is not traced to an `import openai` in this module); use "
            "openai.APITimeoutError",
            id="attribute",
        ),
    ],
)
def test_openai_error_without_import_openai_is_reported(registry, text, shown):
    ctx = RuleContext(registry, registry.get("acme"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML303"]
    assert [(f.fix, f.edit, f.message) for f in found] == [(FixClass.MANUAL, None, shown)]
    assert applied(registry, text, "acme") == text


def test_other_error_attributes_are_not_reported(registry):
    text = "import requests\ntry:\n    pass\nexcept requests.exceptions.Timeout:\n    pass\n"
    assert ml303(registry, text) == []
    assert ml303(registry, "def f(api):\n    return api.error.Timeout\n") == []


def test_shadowed_handler_is_still_reported_after_apply(registry):
    """`apply` renames the classes; the clause order is for a person, and `check` keeps
    saying so on the migrated text."""
    text = SHADOWED[0].values[0]
    after = applied(registry, text, "acme")
    assert after == (
        "import openai\ntry:\n    pass\nexcept openai.APIConnectionError:\n    pass\n"
        "except openai.APITimeoutError:\n    pass\n"
    )
    [finding] = ml303(registry, after)
    assert (finding.line, finding.fix, finding.edit) == (6, FixClass.MANUAL, None)
    assert finding.message == (
        "the earlier `except` for openai.APIConnectionError catches everything this clause "
        "names: openai.APITimeoutError is a subclass of openai.APIConnectionError (openai<1.0's "
        "classes were separate, so a migrated clause order may no longer hold); move this "
        "clause above that one"
    )
    fixed = after.replace("APIConnectionError:", "X:").replace(
        "APITimeoutError:", "APIConnectionError:"
    )
    assert ml303(registry, fixed.replace("X:", "APITimeoutError:")) == []


# An openai<1.0 handler that re-raises the error it caught as a new one (SuperAGI's shape).
RERAISED = (
    "import openai\nfrom openai.error import RateLimitError\n\n\ndef ask(m):\n    try:\n"
    '        return openai.ChatCompletion.create(model="deepseek-flash", messages=m)\n'
    "    except RateLimitError as e:\n        raise RateLimitError(str(e))\n"
)
RATE_LIMIT_BY_HAND = (
    "openai.RateLimitError(...) raises TypeError (no response= or body=): openai>=1.0 builds API "
    "errors from an httpx request or response; build it as openai.RateLimitError(message, *, "
    "response, body) (tests: raise your own exception)"
)


def test_error_built_by_hand_keeps_check_failing_after_apply(tmp_path, monkeypatch):
    """`apply` renames the class and leaves the call to a person; `check` on the migrated
    code still fails on it, since a 429 would raise TypeError there."""
    (tmp_path / "app.py").write_text(RERAISED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    applied_run = runner.invoke(app, ["apply", "app.py", "-p", "deepseek", "--yes"])
    assert applied_run.exit_code == 0, applied_run.stderr
    assert "app.py:9:15 ML303 error openai.RateLimitError(...) takes other" in applied_run.stderr
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert "from openai import RateLimitError\n" in after
    assert after.endswith("    except RateLimitError as e:\n        raise RateLimitError(str(e))\n")
    line = after.splitlines().index("        raise RateLimitError(str(e))") + 1
    checked = runner.invoke(app, ["check", "app.py", "-p", "deepseek"])
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        f"app.py:{line}:15 ML303 {RATE_LIMIT_BY_HAND}",
        "1 finding for deepseek in 1 of 1 file; 1 error, 0 warning, 0 note",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "from openai import RateLimitError\n\n\ndef fail(e):\n"
            "    raise RateLimitError(str(e))\n",
            RATE_LIMIT_BY_HAND,
            id="imported-class",
        ),
        pytest.param(
            "from openai import RateLimitError as Throttled\n\n\ndef fail(e):\n"
            "    raise Throttled(str(e))\n",
            RATE_LIMIT_BY_HAND,
            id="imported-under-an-alias",
        ),
        pytest.param(
            "import openai as oa\n\n\ndef fail(r):\n"
            '    raise oa.InternalServerError("down", response=r)\n',
            "openai.InternalServerError(...) raises TypeError (no body=): openai>=1.0 builds API "
            "errors from an httpx request or response; build it as openai.InternalServerError("
            "message, *, response, body) (tests: raise your own exception)",
            id="status-error-without-body",
        ),
        pytest.param(
            'import openai\n\n\ndef fail():\n    raise openai.APIError("boom")\n',
            "openai.APIError(...) raises TypeError (no request= or body=): openai>=1.0 builds API "
            "errors from an httpx request or response; build it as openai.APIError(message, "
            "request, *, body) (tests: raise your own exception)",
            id="api-error",
        ),
        pytest.param(
            "from openai._exceptions import APIConnectionError\n\n\ndef fail(r):\n"
            '    raise APIConnectionError("offline", request=r)\n',
            "openai.APIConnectionError(...) raises TypeError (1 positional argument): openai>=1.0 "
            "builds API errors from an httpx request or response; build it as "
            "openai.APIConnectionError(*, message=..., request) (tests: raise your own exception)",
            id="connection-error-message-by-position",
        ),
        pytest.param(
            "import openai\n\n\ndef fail(e):\n"
            '    raise openai.APITimeoutError(f"no answer: {e}")\n',
            'openai.APITimeoutError(...) is given `f"no answer: {e}"` where it takes an httpx '
            "request: openai>=1.0's APITimeoutError(request) stores the argument as .request and "
            'sets the message to "Request timed out.", so the text is lost (openai 3.60 and later '
            "read its headers and raise AttributeError); build it as "
            "openai.APITimeoutError(request) (tests: raise your own exception)",
            id="timeout-given-text",
        ),
    ],
)
def test_v1_error_built_by_hand_is_reported(registry, text, message):
    found = ml303(registry, text)
    assert [(f.line, f.fix, f.edit, f.message) for f in found] == [
        (5, FixClass.MANUAL, None, message)
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "import openai\n\n\ndef fail(r):\n"
            '    raise openai.RateLimitError("slow", response=r, body=None)\n',
            id="status-error-with-response-and-body",
        ),
        pytest.param(
            "import openai\n\n\ndef fail(e):\n    raise openai.APITimeoutError(e.request)\n",
            id="timeout-given-the-request",
        ),
        pytest.param(
            "from unittest import mock\n\nimport openai\n\n"
            "err = openai.APITimeoutError(request=mock.Mock())\n",
            id="timeout-given-a-double-by-keyword",
        ),
        pytest.param(
            "from anthropic import RateLimitError\n\n\ndef fail(e):\n"
            "    raise RateLimitError(str(e))\n",
            id="another-librarys-class",
        ),
        pytest.param(
            'class RateLimitError(Exception):\n    pass\n\n\nraise RateLimitError("slow")\n',
            id="own-class",
        ),
        pytest.param(
            "import openai\n\n\ndef fail(args, kw):\n"
            "    raise openai.RateLimitError(*args, **kw)\n",
            id="unpacked-arguments",
        ),
        pytest.param('import openai\n\nerr = openai.OpenAIError("x")\n', id="base-class"),
    ],
)
def test_v1_error_built_as_its_constructor_wants_is_not_reported(registry, text):
    assert ml303(registry, text) == []


def test_timeout_built_by_hand_says_the_text_is_lost(registry):
    """openai<1.0's Timeout took a message; openai>=1.0's APITimeoutError takes the request
    alone, and builds fine from a string, which becomes its `.request`."""
    text = 'import openai\n\nerr = openai.error.Timeout("gave up after 30s")\n'
    manual = [f for f in ml303(registry, text) if f.fix is FixClass.MANUAL]
    assert [(f.line, f.message) for f in manual] == [
        (
            3,
            "openai.APITimeoutError(...) takes other arguments than openai.error.Timeout(...) "
            "did: openai>=1.0's APITimeoutError(request) stores the argument as .request and sets "
            'the message to "Request timed out.", so the text is lost (openai 3.60 and later read '
            "its headers and raise AttributeError); build it as "
            "openai.APITimeoutError(request) (tests: raise your own exception)",
        )
    ]
    after = applied(registry, text, "acme")
    assert after == 'import openai\n\nerr = openai.APITimeoutError("gave up after 30s")\n'
    [left] = ml303(registry, after)
    assert (left.line, left.fix) == (3, FixClass.MANUAL)
    assert left.message.startswith(
        'openai.APITimeoutError(...) is given `"gave up after 30s"` where it takes an httpx '
        "request: "
    )


def _built(expression: str) -> str:
    """What the installed SDK does with `expression`: "TypeError", "lost" (the text given
    ends up as `.request`, or is read as a request: AttributeError) or "fine"."""
    http = _http()
    request = http.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    response = http.Response(429, request=request)
    names = {"openai": openai, "request": request, "response": response, "msg": "slow down"}
    try:
        error = eval(expression, names)
    except TypeError:
        return "TypeError"
    except AttributeError:
        return "lost"  # openai 3.60 and later read the text's headers as a request's
    return "lost" if isinstance(getattr(error, "request", None), str) else "fine"


def _reported(registry, expression: str) -> str:
    """What ML303 says of `expression` in code for openai>=1.0, in the same words."""
    found = ml303(registry, f"import openai\n\nerr = {expression}\n")
    if not found:
        return "fine"
    [finding] = found
    assert finding.fix is FixClass.MANUAL
    return "TypeError" if "raises TypeError" in finding.message else "lost"


@pytest.mark.parametrize(
    ("expression", "outcome"),
    [
        ("openai.RateLimitError(msg)", "TypeError"),
        ("openai.RateLimitError(msg, response=response, body=None)", "fine"),
        ("openai.BadRequestError(message=msg, response=response, body={})", "fine"),
        ("openai.AuthenticationError(msg, response)", "TypeError"),
        ("openai.APIStatusError(msg, response=response, body=None, code=429)", "TypeError"),
        ("openai.APIError(msg)", "TypeError"),
        ("openai.APIError(msg, request, body=None)", "fine"),
        ("openai.APIConnectionError(msg)", "TypeError"),
        ("openai.APIConnectionError(request=request)", "fine"),
        ("openai.APIConnectionError(message=msg, request=request)", "fine"),
        ("openai.APITimeoutError(msg)", "lost"),
        ('openai.APITimeoutError("timed out: " + msg)', "lost"),
        ("openai.APITimeoutError(request)", "fine"),
        ("openai.APITimeoutError(message=msg)", "TypeError"),
        ("openai.APITimeoutError()", "TypeError"),
        ("openai.APIResponseValidationError(msg)", "TypeError"),
        ("openai.APIResponseValidationError(response, None)", "fine"),
        ("openai.OpenAIError(msg)", "fine"),
    ],
)
def test_what_is_reported_is_what_the_installed_sdk_does(registry, expression, outcome):
    """The constructor table (openai_sdk.V1_ERROR_SIGNATURES) against the real classes."""
    assert _built(expression) == outcome
    assert _reported(registry, expression) == outcome


# t52g D5: gptcache's test built `openai.error.OpenAIError(message="test")`; v1's OpenAIError is a
# plain Exception, and `openai.OpenAIError(message="test")` raised TypeError
BUILT = (
    'import openai\n\ntry:\n    raise openai.error.OpenAIError(message="test")\n'
    "except openai.error.OpenAIError as e:\n    print('caught', e)\n"
)


def test_openai_error_built_with_message_gets_it_by_position(registry):
    after = applied(registry, BUILT, "acme")
    assert after == (
        'import openai\n\ntry:\n    raise openai.OpenAIError("test")\n'
        "except openai.OpenAIError as e:\n    print('caught', e)\n"
    )
    printed: list[str] = []  # run with the installed openai>=1
    exec(
        compile(after, "app.py", "exec"),
        {"print": lambda *a: printed.append(" ".join(map(str, a)))},
    )
    assert printed == ["caught test"]
    with pytest.raises(TypeError):
        openai.OpenAIError(message="test")


def test_openai_error_with_other_keywords_is_left_also_after_apply(registry):
    text = 'import openai\n\nraise openai.error.OpenAIError("a", http_status=400)\n'
    found = [(f.line, f.fix, f.message) for f in ml303(registry, text) if f.edit is None]
    assert found == [
        (
            3,
            FixClass.MANUAL,
            "openai.OpenAIError(...) is a plain Exception in openai>=1.0 and takes no keyword "
            "(http_status=: TypeError); pass it the message alone, by position",
        )
    ]
    v1 = 'import openai\n\nraise openai.OpenAIError(message="test")\n'
    assert [(f.line, f.fix, f.message) for f in ml303(registry, v1)] == [
        (
            3,
            FixClass.SAFE,
            "openai.OpenAIError(...) is a plain Exception in openai>=1.0 and takes no keyword "
            '(message=: TypeError); write openai.OpenAIError("test")',
        )
    ]


ALIASED = (
    "import mypkg.bopenai as openai\n{constant}\n\nasync def run(op):\n    try:\n"
    "        return await op()\n    except openai.error.APIError:\n        return None\n"
)
PARAMETER = (
    "def call(openai):\n    try:\n        pass\n    except openai.error.RateLimitError:\n"
    "        pass\n{constant}"
)


@pytest.mark.parametrize("constant", ["", 'DEFAULT = "gpt-3.5-turbo"\n'])
def test_the_verdict_does_not_hang_on_an_unrelated_constant(tmp_path, monkeypatch, constant):
    """t65b: `openai` bound by importing a module of the project (lmql's `import
    lmql.runtime.bopenai as openai`) is not the SDK: no ML303, with or without a model
    constant beside it; `openai` as a parameter is reported either way (the prefilter let
    the module through only beside the constant)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mod.py").write_text(ALIASED.format(constant=constant))
    (tmp_path / "param.py").write_text(PARAMETER.format(constant=constant))
    runner = CliRunner()
    scanned = runner.invoke(app, ["check", ".", "-p", "deepseek", "--no-cache"])
    ml303 = [line for line in scanned.stdout.splitlines() if " ML303 " in line]
    assert ml303 == [
        "param.py:4:12 ML303 openai.error.RateLimitError: openai.error does not exist in openai "
        "1.0 (`openai` is not traced to an `import openai` in this module); use "
        "openai.RateLimitError"
    ]
    assert scanned.exit_code == 1
