"""Attributes of openai<1.0 exceptions (ML307): a migrated handler reads, from the real v1
exception, what the v0 handler read from the v0 one, or the finding says what to write."""

from __future__ import annotations

import pytest

from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied
from .test_legacy_errors import _status_error

RETRY = (
    "import openai\n\n\ndef ask(call):\n    try:\n        return call()\n"
    "    except (openai.error.RateLimitError, openai.error.InvalidRequestError) as exc:\n"
    "        wait = exc.headers.get('retry-after')\n"
    "        return exc.http_status, exc.json_body['error']['message'], wait, exc.http_body\n"
)
RETRY_AFTER = (
    "import openai\n\n\ndef ask(call):\n    try:\n        return call()\n"
    "    except (openai.RateLimitError, openai.BadRequestError, openai.NotFoundError) as exc:\n"
    "        wait = exc.response.headers.get('retry-after')\n"
    "        return exc.status_code, exc.body['message'], wait, exc.response.text\n"
)


def ml307(registry, text: str, provider: str = "acme"):
    ctx = RuleContext(registry, registry.get(provider))
    return [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML307"]


def test_attributes_of_a_status_error_become_their_v1_names(registry):
    assert applied(registry, RETRY, "acme") == RETRY_AFTER
    found = [(f.line, f.column, f.fix) for f in ml307(registry, RETRY)]
    assert found == [
        (8, 16, FixClass.REVIEW),
        (9, 16, FixClass.SAFE),
        (9, 33, FixClass.SAFE),
        (9, 74, FixClass.REVIEW),
    ]
    assert ml307(registry, RETRY_AFTER) == []


@pytest.mark.parametrize("status", [400, 429])
def test_the_migrated_handler_reads_what_the_v0_handler_read(registry, status):
    """v0: http_status the status, json_body the whole JSON document, headers a dict of the
    response headers, http_body the body text."""
    namespace: dict[str, object] = {}
    exec(compile(applied(registry, RETRY, "acme"), "app.py", "exec"), namespace)
    error = _status_error(status)

    def call():
        raise error

    assert namespace["ask"](call) == (  # type: ignore[operator]
        status,
        "x",
        None,
        '{"error":{"message":"x"}}',
    )


def test_a_clause_that_also_catches_connection_errors_reads_the_status_with_getattr(registry):
    text = (
        "import openai\ntry:\n    pass\n"
        "except (openai.error.APIConnectionError, openai.error.RateLimitError) as e:\n"
        "    code = e.http_status\n    raw = e.http_body\n"
    )
    after = applied(registry, text, "acme")
    assert after == (
        "import openai\ntry:\n    pass\n"
        "except (openai.APIConnectionError, openai.RateLimitError) as e:\n"
        '    code = getattr(e, "status_code", None)\n    raw = e.http_body\n'
    )
    [left] = ml307(registry, after)
    assert (left.line, left.fix, left.edit) == (6, FixClass.MANUAL, None)
    assert left.message == (
        "e.http_body does not exist on openai>=1.0 exceptions (AttributeError in this handler); "
        "the raw body is e.response.text (on API status errors only: this clause also catches "
        "connection or base errors, which have no response)"
    )


def test_attributes_without_a_v1_counterpart_are_left_with_what_to_write(registry):
    text = (
        "from openai.error import AuthenticationError\ntry:\n    pass\n"
        "except AuthenticationError as e:\n    log(e.error, e.organization, e.json_body)\n"
    )
    found = ml307(registry, text)
    assert [(f.column, f.fix, f.edit) for f in found] == [
        (9, FixClass.MANUAL, None),
        (18, FixClass.MANUAL, None),
        (34, FixClass.MANUAL, None),
    ]
    assert [f.message.split("; ", 1)[1] for f in found] == [
        "e.body holds the error object as a dict (message, type, param, code)",
        'the organization is e.response.headers.get("openai-organization")',
        'e.body is the inner error object (v0\'s e.json_body["error"]); the whole document is '
        "e.response.json()",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # not an openai clause, or not only openai classes
        "try:\n    pass\nexcept OSError as e:\n    print(e.http_status)\n",
        "import openai\ntry:\n    pass\nexcept (openai.error.Timeout, KeyError) as e:\n"
        "    print(e.http_status)\n",
        # another name than the one the clause binds; the name after the clause
        "import openai\ntry:\n    pass\nexcept openai.error.Timeout as e:\n"
        "    print(other.http_status)\nprint(e.http_status)\n",
        # v1 attributes
        "import openai\ntry:\n    pass\nexcept openai.RateLimitError as e:\n"
        "    print(e.status_code, e.body, e.response.headers, e.code, e.request_id)\n",
    ],
)
def test_other_attributes_and_clauses_are_not_reported(registry, text):
    assert ml307(registry, text) == []


def test_the_innermost_clause_binding_the_name_decides(registry):
    text = (
        "import openai\ntry:\n    pass\nexcept openai.error.RateLimitError as e:\n"
        "    try:\n        pass\n    except OSError as e:\n        print(e.http_status)\n"
        "    print(e.http_status)\n"
    )
    assert [f.line for f in ml307(registry, text)] == [9]
