"""ML003 on a client handed `X or None` (or `X or ""`) as its key: None exactly where X is
empty, when the SDK reads OPENAI_API_KEY. The key is read as X: named, and given the
provider's variable where X is empty, the `or None` dropped."""

from __future__ import annotations

import ast

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python


def found(registry, text: str) -> list[tuple[object, ...]]:
    ctx = RuleContext(registry, registry.get("deepseek"))
    return [
        (f.line, f.rule, f.fix.value, f.message, f.data.get("program_key"))
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML003"
    ]


def applied(registry, text: str) -> str:
    """The text `apply` writes; a second run finds nothing to edit."""
    ctx = RuleContext(registry, registry.get("deepseek"))
    after, _ = migrate_text(text, "python", "app.py", check_python(text, ctx, PYTHON_RULES))
    ast.parse(after)
    assert [f.message for f in check_python(after, ctx, PYTHON_RULES) if f.edit] == []
    return after


FROM_CONFIG = (
    "import json\n\nfrom openai import OpenAI\n\n"
    'cfg = json.load(open("config.json"))\n'
    'client = OpenAI(base_url=cfg.get("base"), api_key=cfg.get("key") or None)\n'
)


def test_a_key_or_none_from_a_config_is_named_and_falls_back(registry):
    assert found(registry, FROM_CONFIG) == [
        (
            6,
            "ML003",
            "review",
            'OpenAI() takes its base URL from `cfg.get("base")` at run time (OpenAI\'s when that '
            'is None) and its key from `cfg.get("key")` (OPENAI_API_KEY when that is None); for '
            "DeepSeek it falls back to DEEPSEEK_BASE_URL (default https://api.deepseek.com), its "
            'key DEEPSEEK_API_KEY where no URL is given, in place of `cfg.get("key")` (given for '
            "OpenAI's URL, it must not go to DeepSeek's), and DEEPSEEK_API_KEY when "
            "`cfg.get(\"key\")` is empty where the URL given is DeepSeek's (its variable's value or "
            "its URL in any spelling); another server "
            "keeps the key the program gives it, which must be a DeepSeek key on DeepSeek's URL",
            'cfg.get("key")',
        )
    ]
    assert applied(registry, FROM_CONFIG) == (
        "import json\nimport os\n\nfrom openai import OpenAI\n\n"
        'cfg = json.load(open("config.json"))\n'
        "client = OpenAI(\n"
        '    base_url=cfg.get("base")\n'
        '    or os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
        '    if not cfg.get("base")\n'
        "    else (\n"
        '        cfg.get("key")\n'
        "        or (\n"
        '            os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
        '            if str(cfg.get("base")).rstrip("/").lower()\n'
        "            in (\n"
        '                os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
        '                .rstrip("/")\n'
        "                .lower(),\n"
        '                "https://api.deepseek.com",\n'
        '                "https://api.deepseek.com/v1",\n'
        '                "https://api.deepseek.com/beta",\n'
        "            )\n"
        '            else cfg.get("key")\n'
        "        )\n"
        "    ),\n"
        ")\n"
    )


def test_it_reads_as_the_plain_key_does(registry):
    plain = FROM_CONFIG.replace(" or None", "")
    assert [row[:3] for row in found(registry, FROM_CONFIG)] == [
        row[:3] for row in found(registry, plain)
    ]
    assert applied(registry, FROM_CONFIG) == applied(registry, plain)


PARAMETER = (
    "from openai import OpenAI\n\n\n"
    "def make(url, key):\n"
    '    return OpenAI(base_url=url, api_key=key or "")\n'
)


def test_a_parameter_or_an_empty_string_falls_back(registry):
    assert found(registry, PARAMETER) == [
        (
            5,
            "ML003",
            "review",
            "OpenAI() takes its base URL from `url` at run time (OpenAI's when that is None); for "
            "DeepSeek it falls back to DEEPSEEK_BASE_URL (default https://api.deepseek.com), its "
            "key DEEPSEEK_API_KEY where no URL is given, in place of `key` (given for OpenAI's "
            "URL, it must not go to DeepSeek's), and DEEPSEEK_API_KEY when `key` is empty where "
            "the URL given is DeepSeek's (its variable's value or its URL in any spelling); "
            "another server keeps the key the program gives "
            "it, which must be a DeepSeek key on DeepSeek's URL",
            "key",
        )
    ]
    assert applied(registry, PARAMETER) == (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "def make(url, key):\n"
        "    return OpenAI(\n"
        '        base_url=url or os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        '        api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
        "        if not url\n"
        "        else (\n"
        "            key\n"
        "            or (\n"
        '                os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
        '                if str(url).rstrip("/").lower()\n'
        "                in (\n"
        '                    os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
        '                    .rstrip("/")\n'
        "                    .lower(),\n"
        '                    "https://api.deepseek.com",\n'
        '                    "https://api.deepseek.com/v1",\n'
        '                    "https://api.deepseek.com/beta",\n'
        "                )\n"
        "                else key\n"
        "            )\n"
        "        ),\n"
        "    )\n"
    )
    assert applied(registry, PARAMETER.replace('or ""', "or None")) == applied(registry, PARAMETER)


def test_a_url_from_another_module_names_the_key_without_a_fallback(registry):
    text = (
        "import settings\nfrom openai import OpenAI\n\n"
        "router = OpenAI(base_url=settings.router_url, api_key=settings.router_key or None)\n"
    )
    assert found(registry, text) == [
        (
            4,
            "ML003",
            "review",
            "OpenAI() takes its base URL from `settings.router_url` at run time (OpenAI's when "
            "that is None) and its key from `settings.router_key` (OPENAI_API_KEY when that is "
            "None); for DeepSeek it falls back to DEEPSEEK_BASE_URL (default "
            "https://api.deepseek.com); `settings.router_key` gets no fallback to "
            "DEEPSEEK_API_KEY (the URL is another module's setting and may name another "
            "service), DEEPSEEK_API_KEY in its place where no URL is given (given for OpenAI's "
            "URL, it must not go to DeepSeek's); on DeepSeek's URL given it must be a DeepSeek "
            "key",
            "settings.router_key",
        )
    ]
    assert "    if not settings.router_url\n    else settings.router_key or None,\n" in applied(
        registry, text
    )


def test_a_key_that_is_never_none_is_not_named_as_openai_s(registry):
    # the r34 trial: `x or ""` is never None, so the SDK never sends OPENAI_API_KEY for it;
    # the warning stays, for the base URL chosen at run time, as for any key not OpenAI's
    own = (
        "import os\n\nfrom openai import AsyncOpenAI\n\n"
        'API_KEY = os.getenv("EXAMPLE_API_KEY") or ""\n'
        'BASE_URL = os.getenv("EXAMPLE_BASE_URL") or ""\n'
        "client = AsyncOpenAI(base_url=BASE_URL, api_key=API_KEY)\n"
    )
    assert found(registry, own) == [
        (
            7,
            "ML003",
            "manual",
            "AsyncOpenAI() takes its base URL from `BASE_URL` at run time; make sure it names "
            "DeepSeek (https://api.deepseek.com) in place of OpenAI's; a server of "
            "your own needs no change",
            None,
        )
    ]
    assert applied(registry, own) == own
    # a read that may be None is still named
    [(_, _, _, message, _)] = found(registry, own.replace(' or ""\nBASE', "\nBASE"))
    assert "its key from `API_KEY` (OPENAI_API_KEY when that is None)" in message


def test_an_empty_handed_key_still_builds_the_client_with_the_variable_unset(registry, monkeypatch):
    """t43g: devika builds its OpenAI client from config for every model it runs, Claude's
    too, with an empty key where no OpenAI key is set; the SDK took "", so the fallback reads
    the provider's variable without raising (`os.environ[...]` raised KeyError there)."""
    text = (
        "from openai import OpenAI\n\n\n"
        'def make(cfg):\n    return OpenAI(api_key=cfg["key"], base_url=cfg["url"])\n'
    )
    after = applied(registry, text)
    assert '        else (\n            cfg["key"]\n            or (\n' in after
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DEEPSEEK_API_KEY", "DEEPSEEK_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    scope: dict[str, object] = {}
    exec(compile(after, "app.py", "exec"), scope)
    client = scope["make"]({"key": "", "url": ""})  # type: ignore[operator]
    assert (client.api_key, str(client.base_url)) == ("unset", "https://api.deepseek.com")


def test_a_client_that_routes_or_authenticates_itself_is_left(registry):
    """t43i: openai-python's Bedrock and workload-identity examples: the SDK raises where a key
    or base URL stands beside `provider=` or `workload_identity=`, which apply had added."""
    ctx = RuleContext(registry, registry.get("deepseek"))
    for setting, source in (
        ("provider", "from openai.providers import bedrock\n\nc = OpenAI(provider=bedrock())\n"),
        ("workload_identity", "c = OpenAI(workload_identity=identity)\n"),
    ):
        text = "from openai import OpenAI\n" + source
        [found] = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML001"]
        assert (found.severity.value, found.fix.value, found.edit) == ("error", "manual", None)
        assert found.data == {"client": "OpenAI", "setting": setting}
        assert migrate_text(text, "python", "app.py", [found])[0] == text


def test_a_request_through_a_self_routed_client_keeps_its_model_and_arguments(registry):
    """t43i: the model of a request through `OpenAI(provider=bedrock())` was mapped, and
    DeepSeek's `extra_body` added, so the client apply leaves sent DeepSeek's model and
    arguments to Bedrock; both stay with the client, for a person to change together."""
    ctx = RuleContext(registry, registry.get("deepseek"))
    for setting, source, where in (
        (
            "provider",
            "from openai.providers import bedrock\n\nc = OpenAI(provider=bedrock())\n",
            "the cloud its provider= names",
        ),
        ("workload_identity", "c = OpenAI(workload_identity=identity)\n", "OpenAI"),
    ):
        text = (
            "from openai import OpenAI\n" + source + "c.chat.completions.create(model='gpt-4o', "
            "messages=[], seed=1)\n"
        )
        line = text.count("\n")
        found = [
            (f.rule, f.severity.value, f.fix.value, f.message)
            for f in check_python(text, ctx, PYTHON_RULES)
            if f.rule not in ("ML001", "ML101")  # ML101: a note on the API the call uses
        ]
        assert found == [
            (
                "ML201",
                "warning",
                "manual",
                f"model 'gpt-4o' is sent as model= on line {line} through OpenAI() on line "
                f"{line - 1}, which stays on {where}: apply leaves the model too; change them "
                "together, by hand",
            )
        ], setting
        findings = check_python(text, ctx, PYTHON_RULES)
        assert migrate_text(text, "python", "app.py", findings)[0] == text
