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


# gpt-pilot core/llm/base.py: the code is read from the JSON reply on one path and from the raw
# text on another, then tested against a tuple of OpenAI's codes
GPT_PILOT = (
    "import json\nimport openai\n\n\n"
    "def call():\n"
    "    try:\n        pass\n"
    "    except (openai.APIStatusError, ValueError) as err:\n"
    "        try:\n"
    '            if hasattr(err, "response"):\n'
    '                err_code = err.response.json().get("error", {}).get("code", "")\n'
    "            else:\n"
    "                err_code = str(err.response.text)\n"
    "        except Exception as e:\n"
    '            err_code = f"Error parsing response: {str(e)}"\n'
    '        if err_code in ("request_too_large", "context_length_exceeded"):\n'
    "            raise\n"
)
DEEPSEEK_CODE = (
    f'{CONTEXT}; DeepSeek\'s code there is "invalid_request_error" (its message: '
    '"This model\'s maximum context length is … tokens. However…") (unconfirmed: DeepSeek '
    f"does not document the reply; users report this one (2025-2026)), {STOPS}"
)


def test_a_membership_test_of_several_codes_is_judged_for_each(registry):
    source = handler(
        "openai.APIStatusError", 'e.code in ("request_too_large", "context_length_exceeded")'
    )
    assert found(registry, source, "deepseek") == [
        (
            5,
            'e.code in ("request_too_large", "context_length_exceeded") tests OpenAI\'s error '
            f"code for a {DEEPSEEK_CODE}",
        )
    ]


def test_a_code_read_from_the_json_reply_on_one_of_several_paths(registry):
    assert found(registry, GPT_PILOT, "deepseek") == [
        (
            16,
            'err_code in ("request_too_large", "context_length_exceeded") tests OpenAI\'s '
            f"error code for a {DEEPSEEK_CODE}",
        )
    ]


@pytest.mark.parametrize(
    "read",
    [
        'e.response.json()["error"]["code"]',
        'e.response.json().get("error", {}).get("code")',
    ],
)
def test_the_reply_read_whole(registry, read):
    source = handler("openai.BadRequestError", f'{read} == "context_length_exceeded"')
    assert [m.split(" tests ")[1][:24] for _, m in found(registry, source, "deepseek")] == [
        "OpenAI's error code for "
    ]
    # the document itself, or a key of it other than `error`, is no field
    for other in ('e.response.json()["code"]', 'e.response.json().get("message")'):
        text = handler("openai.BadRequestError", f'{other} == "context_length_exceeded"')
        assert found(registry, text, "deepseek") == []


def test_the_raw_reply_text(registry):
    source = handler("openai.APIStatusError", '"context_length_exceeded" in e.response.text')
    assert [m.split(";")[0] for _, m in found(registry, source, "moonshot")] == [
        '"context_length_exceeded" in e.response.text tests OpenAI\'s error text for a '
        "prompt over the model's context window"
    ]


# gpt-pilot tests/integration/llm/test_openai.py: its own APIError wraps the SDK's
RAISES = (
    "import pytest\n\nfrom core.llm.base import APIError\n"
    "from core.llm.openai_client import OpenAIClient\n\n\n"
    "async def test_key(llm):\n"
    '    with pytest.raises(APIError, match="Incorrect API key provided: sk-inc"):\n'
    "        await llm()\n\n\n"
    "async def test_model(llm):\n"
    '    with pytest.raises(APIError, match="does not exist"):\n'
    "        await llm()\n"
)
UNCONFIRMED_KEY = (
    "(unconfirmed: the error-code page gives the status and its name; the messages, code and "
    "type are the ones users report (2025-2026))"
)


def test_pytest_raises_match_is_a_test_of_the_text(registry):
    source = (
        "import openai\nimport pytest\n\n\ndef test_key(client):\n"
        '    with pytest.raises(openai.AuthenticationError, match="Incorrect API key provided"):\n'
        "        client.models.list()\n"
    )
    assert found(registry, source, "deepseek") == [
        (
            6,
            "pytest.raises(openai.AuthenticationError, match=\"Incorrect … tests OpenAI's error "
            'text for a request with a wrong API key; DeepSeek says "Authentication Fails, Your '
            'api key: … is invalid" or "Authentication Fails (no such user)" there '
            f"{UNCONFIRMED_KEY}, {STOPS}",
        )
    ]
    assert [m.split("; ")[1] for _, m in found(registry, source, "zhipu")] == [
        "what Zhipu AI (GLM) answers there is not known (providers/zhipu.toml has no [errors] "
        "invalid_key), so this test may stop recognising the error after the switch: check the "
        "provider's error reference"
    ]


def test_pytest_raises_of_a_projects_own_class_in_a_module_naming_openai(registry):
    assert found(registry, RAISES, "deepseek") == [
        (
            8,
            "pytest.raises(APIError, match=\"Incorrect API key provided: … tests OpenAI's error "
            'text for a request with a wrong API key; DeepSeek says "Authentication Fails, Your '
            'api key: … is invalid" or "Authentication Fails (no such user)" there '
            f"{UNCONFIRMED_KEY}, {STOPS}",
        ),
        (
            13,
            'pytest.raises(APIError, match="does not exist") tests OpenAI\'s error text for a '
            'model that does not exist; DeepSeek says "Model Not Exist" there (unconfirmed: '
            "DeepSeek does not document the reply; users report this one (2025-2026)), "
            f"{STOPS}",
        ),
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("APIError, match", "ValueError, match"),  # a built-in class
        ("core.llm.openai_client import OpenAIClient", "core.llm.client import Client"),
        ('"does not exist"', '"does not exist|Model Not Exist"'),  # alternatives
        ('"does not exist"', '"(does not) exist"'),  # a group
        ('"does not exist"', "pattern"),  # not a literal
    ],
)
def test_pytest_raises_left_alone(registry, old, new):
    source = RAISES.replace("Incorrect API key provided: sk-inc", "x").replace(old, new)
    assert found(registry, source, "deepseek") == []


def test_a_regex_is_read_for_its_plain_text(registry):
    source = RAISES.replace("does not exist", r"^The model `gpt-x\\.1` does not exist")
    assert [m.split(" tests ")[0] for _, m in found(registry, source, "deepseek")][1:] == [
        'pytest.raises(APIError, match="^The model `gpt-x\\\\.1` does …'
    ]


def test_an_unknown_model_is_a_bad_request_on_deepseek(registry):
    source = handler("openai.NotFoundError", '"does not exist" in str(e)')
    assert found(registry, source, "deepseek") == [
        (
            5,
            '"does not exist" in str(e) tests OpenAI\'s error text for a model that does not '
            "exist, in a handler of openai.NotFoundError; DeepSeek answers it with HTTP 400, "
            "which the SDK raises as openai.BadRequestError: this handler never sees it after "
            "the switch (unconfirmed: DeepSeek does not document the reply; users report this "
            "one (2025-2026))",
        )
    ]
    # OpenAI's code, and the provider's own words, under a clause that sees the 400
    code = handler("openai.APIStatusError", 'e.code == "model_not_found"')
    assert [m.split("; ")[1][:40] for _, m in found(registry, code, "deepseek")] == [
        "DeepSeek's code there is \"invalid_reques"
    ]
    assert (
        found(
            registry, handler("openai.BadRequestError", '"Model Not Exist" in str(e)'), "deepseek"
        )
        == []
    )


@pytest.mark.parametrize(
    ("other", "reported"),
    [
        ('"Prompt exceeds" in str(e)', False),
        # r3 e2: a side that holds where the provider's words are absent saves nothing
        ('"Prompt exceeds" not in str(e)', True),
        ('not ("Prompt exceeds" in str(e))', True),
    ],
)
def test_only_a_side_holding_for_the_providers_words_saves_an_or(registry, other, reported):
    test = f'"maximum context length" in str(e) or {other}'
    rows = found(registry, handler("openai.BadRequestError", test), "zhipu")
    assert [(line, m.split(" tests ")[0]) for line, m in rows] == (
        [(5, '"maximum context length" in str(e)')] if reported else []
    )
