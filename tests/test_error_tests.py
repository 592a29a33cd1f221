"""ML119: tests of OpenAI's own error texts and codes, judged by what each provider answers
(`[errors]` of its file): reported where the provider's reply fails them, or is not known."""

from __future__ import annotations

import pytest

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import FixClass, Severity
from migrate_llm.provider_errors import ERROR_NAMES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.error_tests import OpenAIErrorTest
from migrate_llm.rules.python import check_python


def found(registry, source: str, provider: str) -> list[tuple[int, str]]:
    ctx = RuleContext(registry, registry.get(provider))
    return [(f.line, f.message) for f in check_python(source, ctx, (OpenAIErrorTest,))]


def handler(caught: str, test: str, head: str = "import openai\n") -> str:
    return f"{head}try:\n    pass\nexcept {caught} as e:\n    if {test}:\n        pass\n"


# openai/gpt-discord-bot, src/completion.py: a thread over the context window is closed
DISCORD = handler("openai.BadRequestError", '"This model\'s maximum context length" in str(e)')
TESTED = "\"This model's maximum context length\" in str(e) tests OpenAI's error text for a "
CONTEXT = "prompt over the model's context window"
STOPS = "so this test stops recognising the error after the switch"


def test_a_provider_whose_text_holds_the_tested_words_is_not_reported(registry):
    # DeepSeek answers with OpenAI's own words, Azure OpenAI with OpenAI's reply
    assert found(registry, DISCORD, "deepseek") == []
    assert found(registry, DISCORD, "azure") == []


def test_a_provider_that_says_it_otherwise_is_reported_with_its_words(registry):
    assert found(registry, DISCORD, "moonshot") == [
        (
            5,
            f'{TESTED}{CONTEXT}; Moonshot AI (Kimi) says "Input token length too long" or '
            f'"Your request exceeded model token limit…" there, {STOPS}',
        )
    ]


def test_an_unknown_reply_is_said_to_be_unknown(registry):
    assert found(registry, DISCORD, "doubao") == [
        (
            5,
            f"{TESTED}{CONTEXT}; what ByteDance Doubao (Volcengine Ark) answers there is not "
            "known (providers/doubao.toml has no [errors] context_length), so this test may "
            "stop recognising the error after the switch: check the provider's error reference",
        )
    ]


def test_a_code_test_names_the_providers_code_and_an_uncertain_fact_says_so(registry):
    source = handler("openai.BadRequestError", 'e.code == "context_length_exceeded"')
    assert found(registry, source, "deepseek") == [
        (
            5,
            'e.code == "context_length_exceeded" tests OpenAI\'s error code for a '
            f'{CONTEXT}; DeepSeek\'s code there is "invalid_request_error" (its message: '
            '"This model\'s maximum context length is … tokens. However…") (unconfirmed: '
            "DeepSeek does not document the reply; users report this one (2025-2026)), "
            f"{STOPS}",
        )
    ]
    assert found(registry, source, "azure") == []


def test_a_reply_without_a_code(registry):
    source = handler("openai.BadRequestError", 'e.code == "context_length_exceeded"')
    assert found(registry, source, "moonshot") == [
        (
            5,
            'e.code == "context_length_exceeded" tests OpenAI\'s error code for a '
            f"{CONTEXT}; Moonshot AI (Kimi)'s reply there has no code (its message: \"Input "
            f'token length too long" or "Your request exceeded model token limit…"), {STOPS}',
        )
    ]


def test_another_status_means_the_handler_never_sees_the_error(registry):
    # DeepSeek answers an empty balance with 402: openai raises APIStatusError, not 429's
    source = handler("openai.RateLimitError", 'e.body["code"] == "insufficient_quota"')
    assert found(registry, source, "deepseek") == [
        (
            5,
            'e.body["code"] == "insufficient_quota" tests OpenAI\'s error code for an account '
            "out of credit, in a handler of openai.RateLimitError; DeepSeek answers it with "
            "HTTP 402, which the SDK raises as openai.APIStatusError: this handler never sees "
            "it after the switch (unconfirmed: the error-code page gives the status and its "
            "name; the message is the one users report)",
        )
    ]
    # a clause catching every API status error still sees it: the code is what differs
    broad = handler("openai.APIStatusError", 'e.body["code"] == "insufficient_quota"')
    assert [m for _, m in found(registry, broad, "deepseek")] == [
        'e.body["code"] == "insufficient_quota" tests OpenAI\'s error code for an account out '
        "of credit; what DeepSeek answers there is not known (providers/deepseek.toml gives "
        "no code for [errors] quota), so this test may stop recognising the error after the "
        "switch: check the provider's error reference"
    ]


def test_an_isinstance_guard_under_except_exception(registry):
    source = handler("Exception", 'isinstance(e, openai.RateLimitError) and "quota" in str(e)')
    assert found(registry, source, "zhipu") == [
        (
            5,
            '"quota" in str(e) tests OpenAI\'s error text for an account out of credit; Zhipu '
            'AI (GLM) says "Your account is in arrears, please recharge and try again" there, '
            f"{STOPS}",
        )
    ]


@pytest.mark.parametrize(
    ("caught", "test"),
    [
        ("openai.RateLimitError", '"rate limit" in str(e).lower()'),  # Azure's words hold it
        ("openai.RateLimitError", 'e.code == "429"'),  # not OpenAI's code
        ("openai.BadRequestError", '"hello world" in str(e)'),  # not OpenAI's words
        ("openai.BadRequestError", '"the" in str(e)'),  # too short to mean an error
        ("ValueError", '"Rate limit reached" in str(e)'),  # not an openai error
        ("Exception", '"rate limit" in str(e)'),  # two words, and nothing says openai
        ("openai.BadRequestError", 'e.message == "context_length_exceeded"'),
    ],
)
def test_what_is_not_a_test_of_openais_error_text(registry, caught, test):
    assert found(registry, handler(caught, test), "azure") == []


def test_except_exception_counts_only_unmistakable_strings_and_only_with_openai(registry):
    strong = handler("Exception", '"insufficient_quota" in str(e).lower()')
    assert [line for line, _ in found(registry, strong, "zhipu")] == [5]
    assert found(registry, handler("Exception", '"quota" in str(e)'), "zhipu") == []
    without = handler("Exception", '"insufficient_quota" in str(e)', head="")
    assert found(registry, without, "zhipu") == []


def test_names_bound_to_what_the_exception_holds(registry):
    source = (
        "from openai import BadRequestError\n"
        "try:\n    pass\n"
        "except BadRequestError as err:\n"
        "    text = str(err).lower()\n"
        '    code = getattr(err, "code", None)\n'
        '    if "maximum context length" in text or code in ("context_length_exceeded",):\n'
        "        pass\n"
    )
    assert [(line, m.split(" tests ")[0]) for line, m in found(registry, source, "zhipu")] == [
        (7, '"maximum context length" in text'),
        (7, 'code in ("context_length_exceeded",)'),
    ]


def test_a_function_given_the_exception(registry):
    source = (
        "import openai\n\n\n"
        "def is_overflow(exc: Exception) -> bool:\n"
        "    if not isinstance(exc, openai.BadRequestError):\n"
        "        return False\n"
        '    return exc.body.get("code") == "context_length_exceeded"\n\n\n'
        "def too_long(exc: openai.APIStatusError) -> bool:\n"
        '    return "maximum context length" in exc.message\n'
    )
    assert [line for line, _ in found(registry, source, "zhipu")] == [7, 11]
    assert found(registry, source, "azure") == []


def test_a_nested_handler_binding_the_same_name_is_its_own(registry):
    source = (
        "import openai\n"
        "try:\n    pass\n"
        "except openai.BadRequestError as e:\n"
        "    try:\n        pass\n"
        "    except ValueError as e:\n"
        '        if "maximum context length" in str(e):\n'
        "            pass\n"
    )
    assert found(registry, source, "zhipu") == []


def test_silent_without_a_switch(registry):
    ctx = RuleContext(registry, registry.get("openai"))
    assert check_python(DISCORD, ctx, (OpenAIErrorTest,)) == []
    assert check_python(DISCORD, RuleContext(registry), (OpenAIErrorTest,)) == []


def test_finding_class_and_data(registry):
    ctx = RuleContext(registry, registry.get("moonshot"))
    (finding,) = check_python(DISCORD, ctx, (OpenAIErrorTest,))
    assert (finding.severity, finding.fix, finding.edit) == (
        Severity.WARNING,
        FixClass.MANUAL,
        None,
    )
    assert finding.data == {
        "error": "context_length",
        "tested": "This model's maximum context length",
        "field": "text",
        "status": 400,
        "code": False,
        "type": "invalid_request_error",
        "messages": [
            "Input token length too long",
            "Your request exceeded model token limit{limit}",
        ],
    }


def test_the_provider_files_name_exactly_openais_errors():
    assert tuple(sdk.OPENAI_ERRORS) == ERROR_NAMES
    assert [sdk.status_error(s) for s in (400, 402, 403, 429, 503)] == [
        "BadRequestError",
        "APIStatusError",
        "PermissionDeniedError",
        "RateLimitError",
        "InternalServerError",
    ]
