"""The key tie (ML401) where the client's base URL is the caller's (s62).

Two shapes still had OpenAI's key read renamed to the provider's untied, so a caller naming
its own server and no key sent the provider's key there:

- a client built from the mapping a method of the class builds and returns
  (`OpenAI(**self._get_client_params())`, crewAI's `OpenAICompletion`): the tie followed a
  dict display returned as it is, not a local built in the method (`params = {...}; return
  params`), a comprehension dropping its empty entries, a `dict(...)` call, or a name bound to
  the method's result (`config = self._get_client_params(); OpenAI(**config)`); nor a base
  URL stored as `self.base_url = base_url or api_base or os.getenv(...)`;
- a client's own `OpenAI(api_key=self.api_key or os.getenv(...), base_url=self.base_url or
  os.getenv(...))`.

Now the provider's key is read only where the caller's URL is empty or the provider's; a
mapping whose key or base URL the method sets again is not followed, renamed as before (with
ML003's manual finding on the client). A mapping also written in ways the tie cannot see
through (`params.update(extra)`, crewAI's `client_params.update(self.client_params)`;
`fill(params)`) is tied to the URL it shows all the same, for review, the writes named: a base
URL given through them is not compared (before, the read was renamed untied, so a caller's
own server given with no key got DeepSeek's key too); after apply, `check` keeps that finding
(ML401, manual) until a person records it done. Exact bytes and findings, and the requests
loopback servers standing for DeepSeek and for a caller's own server receive."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_key_reads_left import key_reads, migrated

# a class building its client's mapping in a method, as crewAI's OpenAI class does
METHOD_BUILT = """import os
from typing import Any

from openai import OpenAI


class Chat:
    def __init__(self, model="deepseek-flash", api_key=None, base_url=None, api_base=None):
        self.model = model
        self.api_key = api_key or os.getenv("OPENAI_API_KEY")
        self.base_url = base_url or api_base or os.getenv("OPENAI_BASE_URL")

    def _get_client_params(self) -> dict[str, Any]:
        params = {
            "api_key": self.api_key,
            "base_url": self.base_url,
            "max_retries": 0,
        }
        return params

    def ask(self, text: str) -> str:
        client = OpenAI(**self._get_client_params())
        messages = [{"role": "user", "content": text}]
        reply = client.chat.completions.create(
            model=self.model, messages=messages, extra_body={"thinking": {"type": "disabled"}}
        )
        return reply.choices[0].message.content
"""
KEY_LINE = '        self.api_key = api_key or os.getenv("OPENAI_API_KEY")\n'
TIED_KEY = """        self.api_key = api_key or (
            os.getenv("DEEPSEEK_API_KEY", "unset")
            if not (base_url or api_base)
            or str(base_url or api_base).rstrip("/").lower()
            in (
                os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
                .rstrip("/")
                .lower(),
                "https://api.deepseek.com",
                "https://api.deepseek.com/v1",
                "https://api.deepseek.com/beta",
            )
            else api_key
        )
"""
URL_LINE = '        self.base_url = base_url or api_base or os.getenv("OPENAI_BASE_URL")\n'
APPLIED_URL = """        self.base_url = (
            base_url
            or api_base
            or os.getenv("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
        )
"""
UNTIED_KEY = '        self.api_key = api_key or os.getenv("DEEPSEEK_API_KEY", "unset")\n'


def method_applied(before: str, key: str = TIED_KEY) -> str:
    return before.replace(KEY_LINE, key).replace(URL_LINE, APPLIED_URL)


def test_a_mapping_a_method_builds_in_a_local_ties_the_key(registry, tmp_path):
    change = migrated(registry, tmp_path, METHOD_BUILT)
    assert change.after == method_applied(METHOD_BUILT)
    assert key_reads(change) == [
        (
            10,
            "safe",
            "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not "
            'copied); with the default "unset": given None, OpenAI() on line 22 would read '
            "OPENAI_API_KEY and send the OpenAI key to DeepSeek; read only where the caller "
            "gives no key and its base URL `(base_url or api_base)` is empty or DeepSeek's: "
            "another server keeps the key the caller gives",
        ),
        (
            11,
            "safe",
            "reads OPENAI_BASE_URL; DeepSeek's base URL is in DEEPSEEK_BASE_URL (default "
            "https://api.deepseek.com)",
        ),
    ]


BUILD = """        params = {
            "api_key": self.api_key,
            "base_url": self.base_url,
            "max_retries": 0,
        }
        return params
"""
CLIENT = "        client = OpenAI(**self._get_client_params())\n"


@pytest.mark.parametrize(
    ("build", "client"),
    [
        # the dict display returned as it is
        (
            BUILD.replace("        params = {", "        return {").replace(
                "        return params\n", ""
            ),
            CLIENT,
        ),
        # dict(...)
        (
            "        return dict(api_key=self.api_key, base_url=self.base_url, max_retries=0)\n",
            CLIENT,
        ),
        # a comprehension dropping the empty entries (crewAI's), another entry set after
        (
            BUILD.replace(
                "        return params\n",
                "        kept = {k: v for k, v in params.items() if v is not None}\n"
                '        kept["timeout"] = 30\n'
                "        return kept\n",
            ),
            CLIENT,
        ),
        # the method's result held by a name, another entry set on it (crewAI's)
        (
            BUILD,
            "        config = self._get_client_params()\n"
            '        config["timeout"] = 30\n'
            "        client = OpenAI(**config)\n",
        ),
    ],
)
def test_each_way_of_building_the_mapping_is_followed(registry, tmp_path, build, client):
    before = METHOD_BUILT.replace(BUILD, build).replace(CLIENT, client)
    assert before != METHOD_BUILT or (build, client) == (BUILD, CLIENT)
    change = migrated(registry, tmp_path, before)
    assert change.after == method_applied(before)


@pytest.mark.parametrize(
    ("build", "client"),
    [
        # the base URL set again in the method
        (
            BUILD.replace(
                "        return params\n",
                '        params["base_url"] = os.getenv("MY_URL")\n        return params\n',
            ),
            CLIENT,
        ),
        # set again on the name holding the method's result
        (
            BUILD,
            "        config = self._get_client_params()\n"
            '        config["base_url"] = os.getenv("MY_URL")\n'
            "        client = OpenAI(**config)\n",
        ),
    ],
)
def test_a_mapping_built_another_way_is_not_followed(registry, tmp_path, build, client):
    """Renamed as an unknown mapping's key was before (the default "unset", untied), the
    client left to a person by ML003 (manual)."""
    head = "import os\nfrom typing import Any\n\nfrom openai import OpenAI\n\n\n"
    before = METHOD_BUILT.replace(BUILD, build).replace(CLIENT, client)
    before = before.replace(head, head + "def fill(params):\n    pass\n\n\n")
    change = migrated(registry, tmp_path, before)
    assert change.after == method_applied(before, UNTIED_KEY)
    assert [(f.rule, f.fix.value) for f in change.findings if f.rule == "ML003"] == [
        ("ML003", "manual")
    ]


def test_a_read_tied_to_the_mapping_is_tied_once(registry, tmp_path):
    """`self.base_url = base_url or os.getenv(...)` beside `self.api_key = api_key or
    os.getenv(...)`: the mapping's tie and the caller's-URL tie (`caller_url_keys`) both saw
    the read, and apply wrote the tie twice, one inside the other; now once."""
    before = METHOD_BUILT.replace(
        URL_LINE, '        self.base_url = base_url or os.getenv("OPENAI_BASE_URL")\n'
    )
    change = migrated(registry, tmp_path, before)
    tied = TIED_KEY.replace("str(base_url or api_base)", "str(base_url)").replace(
        "(base_url or api_base)", "base_url"
    )
    url = (
        "        self.base_url = base_url or os.getenv(\n"
        '            "DEEPSEEK_BASE_URL", "https://api.deepseek.com"\n'
        "        )\n"
    )
    assert change.after == before.replace(KEY_LINE, tied).replace(
        '        self.base_url = base_url or os.getenv("OPENAI_BASE_URL")\n', url
    )


# crewAI's OpenAI class's shape, in our words: a validator fills the key from the data the
# caller gives, the method building the mapping reads it again where it is still None, the
# mapping's empty entries dropped, another entry set on the name holding it
BUILDER = """import os
from typing import Any

from openai import OpenAI
from pydantic import BaseModel, model_validator


class Completion(BaseModel):
    model: str = "deepseek-flash"
    api_key: str | None = None
    base_url: str | None = None
    api_base: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _fill(cls, data: Any) -> Any:
        data["api_key"] = data.get("api_key") or os.getenv("OPENAI_API_KEY")
        return data

    def _get_client_params(self) -> dict[str, Any]:
        if self.api_key is None:
            self.api_key = os.getenv("OPENAI_API_KEY")
        base_params = {
            "api_key": self.api_key,
            "base_url": self.base_url or self.api_base or os.getenv("OPENAI_BASE_URL") or None,
            "max_retries": 0,
        }
        return {k: v for k, v in base_params.items() if v is not None}

    def ask(self, text: str) -> str:
        config = self._get_client_params()
        config["timeout"] = 30
        client = OpenAI(**config)
        messages = [{"role": "user", "content": text}]
        reply = client.chat.completions.create(
            model=self.model, messages=messages, extra_body={"thinking": {"type": "disabled"}}
        )
        return reply.choices[0].message.content
"""
BUILDER_KEYS = (
    """        data["api_key"] = data.get("api_key") or os.getenv("OPENAI_API_KEY")\n""",
    """            self.api_key = os.getenv("OPENAI_API_KEY")\n""",
)
BUILDER_TIED = (
    """        data["api_key"] = data.get("api_key") or (
            os.getenv("DEEPSEEK_API_KEY", "unset")
            if not (data.get("base_url") or data.get("api_base"))
            or str(data.get("base_url") or data.get("api_base")).rstrip("/").lower()
            in (
                os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
                .rstrip("/")
                .lower(),
                "https://api.deepseek.com",
                "https://api.deepseek.com/v1",
                "https://api.deepseek.com/beta",
            )
            else data.get("api_key")
        )
""",
    """            self.api_key = (
                os.getenv("DEEPSEEK_API_KEY", "unset")
                if not (self.base_url or self.api_base)
                or str(self.base_url or self.api_base).rstrip("/").lower()
                in (
                    os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
                    .rstrip("/")
                    .lower(),
                    "https://api.deepseek.com",
                    "https://api.deepseek.com/v1",
                    "https://api.deepseek.com/beta",
                )
                else self.api_key
            )
""",
)
BUILDER_URL = (
    """            "base_url": self.base_url or self.api_base or os.getenv("OPENAI_BASE_URL") or None,\n""",
    """            "base_url": self.base_url
            or self.api_base
            or os.getenv("DEEPSEEK_BASE_URL")
            or "https://api.deepseek.com",
""",
)


def builder_applied(before: str, keys: tuple[str, str] = BUILDER_TIED) -> str:
    for old, new in zip(BUILDER_KEYS, keys, strict=True):
        before = before.replace(old, new)
    return before.replace(*BUILDER_URL)


def test_the_key_read_again_in_the_method_building_the_mapping_is_tied(registry, tmp_path):
    """The validator's read tied to the URL the caller gives in the data, the method's read to
    the attributes holding it (`self.base_url or self.api_base`): tied in the validator alone,
    a caller's server given with no key left `api_key` None, and the method's read, renamed
    untied, sent DeepSeek's key there."""
    change = migrated(registry, tmp_path, BUILDER)
    assert change.after == builder_applied(BUILDER)
    assert [(line, fix, message[-60:]) for line, fix, message in key_reads(change)] == [
        (17, "safe", "or DeepSeek's: another server keeps the key the caller gives"),
        (22, "safe", "or DeepSeek's: another server keeps the key the caller gives"),
        (
            25,
            "safe",
            "DeepSeek's base URL is in DEEPSEEK_BASE_URL (default https://api.deepseek.com)"[-60:],
        ),
    ]
    assert "its base URL `(self.base_url or self.api_base)` is empty" in key_reads(change)[1][2]


def test_a_method_setting_the_url_itself_is_not_followed(registry, tmp_path):
    """The method sets an attribute of the URL it would tie to: not followed (what it holds
    where the key is read may not be what the client gets); renamed untied as before."""
    before = BUILDER.replace(
        "        base_params = {\n",
        "        self.base_url = self.base_url or self.api_base\n        base_params = {\n",
    )
    change = migrated(registry, tmp_path, before)
    untied = '            self.api_key = os.getenv("DEEPSEEK_API_KEY", "unset")\n'
    assert change.after == builder_applied(before, (BUILDER_TIED[0], untied))


# the same class, the caller's own client settings added to the mapping last, as crewAI's
# `_get_client_params` adds `self.client_params`: they may name another base URL
UPDATED = BUILDER.replace(
    "    api_base: str | None = None\n",
    "    api_base: str | None = None\n    client_params: dict[str, Any] | None = None\n",
).replace(
    "        return {k: v for k, v in base_params.items() if v is not None}\n",
    "        client_params = {k: v for k, v in base_params.items() if v is not None}\n"
    "        if self.client_params:\n"
    "            client_params.update(self.client_params)\n"
    "        return client_params\n",
)
NOT_COMPARED = (
    "; but the client's mapping is also written by `client_params.update(self.client_params)` "
    "on line 31, which may give it another base URL: that URL is not compared, and "
    "DeepSeek's key would go there; check what it can hold"
)


def tie_message(line: int, url: str) -> str:
    return (
        "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not "
        f'copied); with the default "unset": given None, OpenAI() on line {line} would read '
        "OPENAI_API_KEY and send the OpenAI key to DeepSeek; read only where the caller gives "
        f"no key and its base URL `{url}` is empty or DeepSeek's: another server keeps the key "
        "the caller gives"
    )


def test_a_mapping_updated_from_another_is_tied_for_review(registry, tmp_path):
    """`client_params.update(self.client_params)`: the key reads are tied to the URL the
    mapping shows, as without the update (before: renamed untied), and are for review, the
    update named: a base URL it gives is not compared."""
    assert UPDATED != BUILDER
    change = migrated(registry, tmp_path, UPDATED)
    assert change.after == builder_applied(UPDATED)
    assert key_reads(change) == [
        (
            18,
            "review",
            tie_message(37, '(data.get("base_url") or data.get("api_base"))') + NOT_COMPARED,
        ),
        (23, "review", tie_message(37, "(self.base_url or self.api_base)") + NOT_COMPARED),
        (
            26,
            "safe",
            "reads OPENAI_BASE_URL; DeepSeek's base URL is in DEEPSEEK_BASE_URL (default "
            "https://api.deepseek.com)",
        ),
    ]


WRITES_NOT_SEEN = [
    # an update from a mapping the tie cannot read, in the method
    (
        BUILD.replace(
            "        return params\n",
            "        params.update(self.extra)\n        return params\n",
        ),
        CLIENT,
        "`params.update(self.extra)` on line 21",
    ),
    # the mapping handed to a function that may change it
    (
        BUILD.replace("        return params\n", "        fill(params)\n        return params\n"),
        CLIENT,
        "`fill(params)` on line 21",
    ),
    # an update of the name holding the method's result
    (
        BUILD,
        "        config = self._get_client_params()\n"
        "        config.update(self.extra)\n"
        "        client = OpenAI(**config)\n",
        "`config.update(self.extra)` on line 25",
    ),
]


def not_seen(build: str, client: str) -> str:
    before = METHOD_BUILT.replace(BUILD, build).replace(CLIENT, client)
    return before.replace(
        "from typing import Any\n", "from typing import Any\n\nfrom .x import fill\n"
    )


@pytest.mark.parametrize(("build", "client", "write"), WRITES_NOT_SEEN)
def test_each_write_not_seen_through_is_named(registry, tmp_path, build, client, write):
    before = not_seen(build, client)
    change = migrated(registry, tmp_path, before)
    assert change.after == method_applied(before)
    [(line, fix, message)] = [r for r in key_reads(change) if "API_KEY" in r[2][:20]]
    assert (line, fix) == (12, "review")
    assert message.endswith(
        f"; but the client's mapping is also written by {write}, which may give it another "
        "base URL: that URL is not compared, and DeepSeek's key would go there; check what it "
        "can hold"
    )


def test_check_keeps_the_review_tie_after_apply(tmp_path, monkeypatch):
    """On the applied tree each tied read of DEEPSEEK_API_KEY is reported (ML401, warning,
    manual: `check` exits 1), the update named, until a person records it done; the class
    without the update is clean."""
    apply_deepseek(tmp_path, monkeypatch, UPDATED)
    assert (tmp_path / "chat.py").read_text(encoding="utf-8") == builder_applied(UPDATED)
    code, report = run_json("check", "chat.py", "--provider", "deepseek", "--no-cache")
    said = (
        "reads DEEPSEEK_API_KEY only where the caller gives no key and its base URL `{url}` is "
        "empty or DeepSeek's; but the client's mapping is also written by "
        "`client_params.update(self.client_params)` on line 60, which may give it another base "
        "URL: that URL is not compared, and DeepSeek's key would go there; check what it can "
        "hold, then record that with `# migrate-llm: ignore[ML401]` at the end of this line (or "
        "in a `check --baseline` file), as check cannot see what it holds"
    )
    assert (code, finding_rows(report, "rule", "line", "severity", "fix", "message")) == (
        1,
        [
            (
                "ML401",
                19,
                "warning",
                "manual",
                said.format(url='(data.get("base_url") or data.get("api_base"))'),
            ),
            ("ML401", 37, "warning", "manual", said.format(url="(self.base_url or self.api_base)")),
        ],
    )
    lines = builder_applied(UPDATED).splitlines(keepends=True)
    for at in (19, 37):  # recorded checked
        lines[at - 1] = lines[at - 1].replace(")\n", ")  # migrate-llm: ignore[ML401]\n")
    (tmp_path / "chat.py").write_text("".join(lines), encoding="utf-8")
    code, report = run_json("check", "chat.py", "--provider", "deepseek", "--no-cache")
    assert (code, report["findings"]) == (0, [])
    (tmp_path / "chat.py").write_text(builder_applied(BUILDER), encoding="utf-8")
    code, report = run_json("check", "chat.py", "--provider", "deepseek", "--no-cache")
    assert (code, report["findings"]) == (0, [])


@pytest.mark.parametrize(("build", "client", "write"), WRITES_NOT_SEEN)
def test_check_keeps_the_review_tie_of_the_callers_parameters(
    tmp_path, monkeypatch, build, client, write
):
    """The tie apply writes to the caller's parameters (`(base_url or api_base)`, the URL
    stored as `self.base_url = base_url or api_base or os.getenv(<DeepSeek's>)`) is seen on
    the applied tree too: before, `check` found no ML401 there, so once ML003's warning on the
    client was recorded nothing named the write; now the tied read is reported (warning,
    manual), the write named, until a person records it done."""
    before = not_seen(build, client)
    apply_deepseek(tmp_path, monkeypatch, before)
    after = method_applied(before)
    assert (tmp_path / "chat.py").read_text(encoding="utf-8") == after
    moved = 17  # the lines the tie and the pointed URL add above the write
    at = int(write.rsplit(" ", 1)[1]) + moved
    code, report = run_json("check", "chat.py", "--provider", "deepseek", "--no-cache")
    said = (
        "reads DEEPSEEK_API_KEY only where the caller gives no key and its base URL "
        "`(base_url or api_base)` is empty or DeepSeek's; but the client's mapping is also "
        f"written by {write.rsplit(' ', 1)[0]} {at}, which may give it another base URL: that "
        "URL is not compared, and DeepSeek's key would go there; check what it can hold, then "
        "record that with `# migrate-llm: ignore[ML401]` at the end of this line (or in a "
        "`check --baseline` file), as check cannot see what it holds"
    )
    rows = finding_rows(report, "rule", "line", "severity", "fix", "message")
    assert (code, [r for r in rows if r[0] == "ML401"]) == (
        1,
        [("ML401", 13, "warning", "manual", said)],
    )
    lines = after.splitlines(keepends=True)
    lines[12] = lines[12].replace('"unset")\n', '"unset")  # migrate-llm: ignore[ML401]\n')
    (tmp_path / "chat.py").write_text("".join(lines), encoding="utf-8")
    code, report = run_json("check", "chat.py", "--provider", "deepseek", "--no-cache")
    assert "ML401" not in [f["rule"] for f in report["findings"]]


OWN_CLIENT = """import os

from openai import OpenAI


class Chat:
    def __init__(self, model="deepseek-flash", api_key=None, base_url=None):
        self.model = model
        self.api_key = api_key
        self.base_url = base_url

    def ask(self, text: str) -> str:
        client = OpenAI(
            api_key=self.api_key or os.getenv("OPENAI_API_KEY"),
            base_url=self.base_url or os.getenv("OPENAI_BASE_URL"),
            max_retries=0,
        )
        messages = [{"role": "user", "content": text}]
        reply = client.chat.completions.create(
            model=self.model, messages=messages, extra_body={"thinking": {"type": "disabled"}}
        )
        return reply.choices[0].message.content
"""
OWN_KEY = '            api_key=self.api_key or os.getenv("OPENAI_API_KEY"),\n'
OWN_URL = '            base_url=self.base_url or os.getenv("OPENAI_BASE_URL"),\n'


def test_a_clients_own_key_beside_the_callers_url_is_tied(registry, tmp_path):
    change = migrated(registry, tmp_path, OWN_CLIENT)
    tied = (
        "            api_key=self.api_key\n"
        "            or (\n"
        '                os.getenv("DEEPSEEK_API_KEY", "unset")\n'
        "                if not self.base_url\n"
        '                or str(self.base_url).rstrip("/").lower()\n'
        "                in (\n"
        '                    os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
        '                    .rstrip("/")\n'
        "                    .lower(),\n"
        '                    "https://api.deepseek.com",\n'
        '                    "https://api.deepseek.com/v1",\n'
        '                    "https://api.deepseek.com/beta",\n'
        "                )\n"
        "                else self.api_key\n"
        "            ),\n"
    )
    url = (
        "            base_url=self.base_url\n"
        '            or os.getenv("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    )
    assert change.after == OWN_CLIENT.replace(OWN_KEY, tied).replace(OWN_URL, url)
    assert key_reads(change)[0] == (
        14,
        "safe",
        "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not "
        'copied); with the default "unset": given None, OpenAI() on line 13 would read '
        "OPENAI_API_KEY and send the OpenAI key to DeepSeek; read only where the caller gives "
        "no key and its base URL `self.base_url` is empty or DeepSeek's: another server keeps "
        "the key the caller gives",
    )
    assert [f.rule for f in change.findings if f.rule in ("ML001", "ML003")] == []


@pytest.mark.parametrize(
    ("url", "tied_to"),
    [
        # two values of the caller's, the first set taken
        (
            '            base_url=self.base_url or self.api_base or os.getenv("OPENAI_BASE_URL"),\n',
            "(self.base_url or self.api_base)",
        ),
        # a parameter of the method
        ('            base_url=url or os.getenv("OPENAI_BASE_URL"),\n', "url"),
    ],
)
def test_the_own_key_is_tied_to_every_url_the_caller_gives(registry, tmp_path, url, tied_to):
    before = (
        OWN_CLIENT.replace(OWN_URL, url)
        .replace(
            "        self.base_url = base_url\n",
            "        self.base_url = base_url\n        self.api_base = None\n",
        )
        .replace("def ask(self, text: str)", "def ask(self, text: str, url=None)")
    )
    change = migrated(registry, tmp_path, before)
    assert f"                if not {tied_to}\n" in change.after
    assert "                else self.api_key\n" in change.after
    assert 'os.getenv("OPENAI_' not in change.after


@pytest.mark.parametrize(
    "url",
    [
        # the URL the provider's already, or OpenAI's alone: the key goes with it, no tie
        '            base_url=os.getenv("OPENAI_BASE_URL"),\n',
        # the caller's URL alone: the client stays where the caller points it (ML003)
        "            base_url=self.base_url,\n",
    ],
)
def test_no_tie_where_the_url_is_not_the_callers_chain(registry, tmp_path, url):
    change = migrated(registry, tmp_path, OWN_CLIENT.replace(OWN_URL, url))
    assert "else self.api_key" not in change.after


def apply_deepseek(tmp_path, monkeypatch, source: str) -> None:
    (tmp_path / "chat.py").write_text(source, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "chat.py", "-p", "deepseek", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output


@pytest.mark.parametrize(
    ("source", "url_args"),
    [
        (METHOD_BUILT, ("base_url", "api_base")),
        (OWN_CLIENT, ("base_url",)),
        (BUILDER, ("base_url", "api_base")),
        (UPDATED, ("base_url", "api_base")),
    ],
)
def test_deepseeks_key_goes_only_to_deepseeks_url(tmp_path, monkeypatch, source, url_args):
    """Applied, with DEEPSEEK_BASE_URL pointing at a loopback server standing for DeepSeek:
    `Chat()` sends DeepSeek's key there; `Chat(<url arg>=<a server of the caller's>)` with no
    key sends that server OPENAI_API_KEY, as before apply (never DeepSeek's key), and the key
    the caller gives where it gives one; DeepSeek's URL given in another spelling gets
    DeepSeek's key."""
    apply_deepseek(tmp_path, monkeypatch, source)
    cls = "Completion" if source in (BUILDER, UPDATED) else "Chat"
    provider, own = LoopbackServer().start(), LoopbackServer().start()
    calls = [("provider.py", "")]
    for arg in url_args:
        calls += [
            (f"own_{arg}.py", f'{arg}="{own.base}/v1"'),
            (f"own_key_{arg}.py", f'{arg}="{own.base}/v1", api_key="own-key"'),
            (f"spelled_{arg}.py", f'{arg}="{provider.base.upper()}/"'),
        ]
    env = {
        "DEEPSEEK_API_KEY": "deepseek-key",
        "DEEPSEEK_BASE_URL": provider.base,
        "OPENAI_API_KEY": "sk-openai-test",
    }
    try:
        for script, args in calls:
            code = f'from chat import {cls}\n\nprint({cls}({args}).ask("hi"))\n'
            (tmp_path / script).write_text(code, encoding="utf-8")
            proc, blocked = run_guarded(script, tmp_path, env)
            assert (proc.returncode, blocked) == (0, []), proc.stderr
    finally:
        provider.stop()
        own.stop()
    assert [(r.path, r.headers["authorization"]) for r in provider.requests] == [
        ("/chat/completions", "Bearer deepseek-key")
    ] * (1 + len(url_args))
    assert [(r.path, r.headers["authorization"]) for r in own.requests] == [
        ("/v1/chat/completions", "Bearer sk-openai-test"),
        ("/v1/chat/completions", "Bearer own-key"),
    ] * len(url_args)


def test_with_no_base_url_the_request_carries_deepseeks_key_at_its_url(tmp_path, monkeypatch):
    """DEEPSEEK_API_KEY unset and an OpenAI key exported: the default "unset" goes to
    DeepSeek's URL (here the loopback), never the OpenAI key."""
    apply_deepseek(tmp_path, monkeypatch, OWN_CLIENT)
    server = LoopbackServer().start()
    try:
        (tmp_path / "run.py").write_text(
            'from chat import Chat\n\nprint(Chat().ask("hi"))\n', encoding="utf-8"
        )
        env = {"DEEPSEEK_BASE_URL": server.base, "OPENAI_API_KEY": "sk-openai-test"}
        proc, blocked = run_guarded("run.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer unset"]


def test_a_base_url_given_through_the_update_is_not_compared(tmp_path, monkeypatch):
    """What the review finding says: a base URL the caller gives in `client_params`, with no
    key, is not compared, so DeepSeek's key goes there; given with it, the caller's key."""
    apply_deepseek(tmp_path, monkeypatch, UPDATED)
    provider, own = LoopbackServer().start(), LoopbackServer().start()
    env = {
        "DEEPSEEK_API_KEY": "deepseek-key",
        "DEEPSEEK_BASE_URL": provider.base,
        "OPENAI_API_KEY": "sk-openai-test",
    }
    calls = [
        ("through.py", f'client_params={{"base_url": "{own.base}/v1"}}'),
        ("through_key.py", f'client_params={{"base_url": "{own.base}/v1", "api_key": "own-key"}}'),
    ]
    try:
        for script, args in calls:
            code = f'from chat import Completion\n\nprint(Completion({args}).ask("hi"))\n'
            (tmp_path / script).write_text(code, encoding="utf-8")
            proc, blocked = run_guarded(script, tmp_path, env)
            assert (proc.returncode, blocked) == (0, []), proc.stderr
    finally:
        provider.stop()
        own.stop()
    assert provider.requests == []
    assert [(r.path, r.headers["authorization"]) for r in own.requests] == [
        ("/v1/chat/completions", "Bearer deepseek-key"),
        ("/v1/chat/completions", "Bearer own-key"),
    ]
