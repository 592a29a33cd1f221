"""t62a (FastChat, onto Zhipu): a key read kept OpenAI's because of a raw request in another
function while its client moved to the provider (the OpenAI key went to Zhipu); a base URL
the program chooses at run time (`--openai-api-base`, `api_dict["api_base"]`) deleted, its
requests silently sent to Zhipu; openai<1 Azure settings deleted "safe", the deployment name
sent to Zhipu as a model with check green."""

from __future__ import annotations

import os

import pytest

from . import network_guard
from .cli_findings import cli, finding_rows, run_json, write_here
from .loopback_server import LoopbackServer
from .program_runner import run_python

ZHIPU = "Zhipu AI (GLM)"
ZAI_URL = 'os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")'
OPENAI_SECRET = "sk-proj-" + "Openai0nlyKeyT62a" * 3
ZAI_SECRET = "zai-test-key-t62a"

# -- 1. a key read and the client it goes to move together ---------------------------------

CHAT_AND_RUN = """\
import os

import openai
import requests


def chat(messages, api_base=None, api_key=None):
    api_key = api_key or os.environ["OPENAI_API_KEY"]
    client = openai.OpenAI(base_url=api_base or "https://api.openai.com/v1", api_key=api_key)
    return client.chat.completions.create(model="gpt-4o", messages=messages)


def start_run(thread_id, api_key=None):
    api_key = api_key or os.environ["OPENAI_API_KEY"]
    return requests.post(
        f"https://api.openai.com/v1/threads/{thread_id}/runs",
        headers={"Authorization": f"Bearer {api_key}"},
        json={"assistant_id": "asst_1"},
    )
"""

CHAT_AND_RUN_AFTER = CHAT_AND_RUN.replace(
    """    api_key = api_key or os.environ["OPENAI_API_KEY"]
    client = openai.OpenAI(base_url=api_base or "https://api.openai.com/v1", api_key=api_key)
    return client.chat.completions.create(model="gpt-4o", messages=messages)
""",
    f"""    api_key = api_key or os.environ["ZAI_API_KEY"]
    client = openai.OpenAI(
        base_url=api_base
        or {ZAI_URL},
        api_key=api_key,
    )
    return client.chat.completions.create(model="glm-5.3", messages=messages)
""",
)

ASSISTANTS_GONE = (
    "the assistants API was shut down on OpenAI on 2026-08-26, so this request fails there as "
    "well: it needs a manual move to the responses API (on OpenAI) or to Zhipu AI (GLM)'s own "
    "assistant API (https://docs.bigmodel.cn/api-reference/%E5%8A%A9%E7%90%86-api/%E5%8A%A9%E6"
    "%89%8B%E5%AF%B9%E8%AF%9D)"
)


def _rows(report: dict, *rules: str) -> list[tuple]:
    return finding_rows(report, "line", "rule", "fix", "message", rules=rules)


def test_a_key_read_only_its_client_takes_moves_with_it_beside_a_raw_request_elsewhere(
    tmp_path, monkeypatch
):
    write_here(tmp_path, monkeypatch, {"app.py": CHAT_AND_RUN})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert code == 0
    assert _rows(report, "ML401", "ML402", "ML403") == [
        (
            8,
            "ML401",
            "safe",
            "reads OPENAI_API_KEY; Zhipu AI (GLM)'s key is in ZAI_API_KEY (the OpenAI key is not "
            "copied)",
        ),
        (
            9,
            "ML402",
            "safe",
            "hard-coded OpenAI URL https://api.openai.com/v1; Zhipu AI (GLM)'s base URL replaces "
            "it (read from ZAI_BASE_URL)",
        ),
        # its key is the read on line 14 (or what a caller gives): no "not traced" beside
        # ML401's word that this read goes there
        (
            15,
            "ML403",
            "manual",
            "raw HTTP request to OpenAI (POST https://api.openai.com/v1/threads/{}/runs) left "
            f"unchanged: Zhipu AI (GLM) does not serve /threads/ (assistants); {ASSISTANTS_GONE}",
        ),
    ]
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == CHAT_AND_RUN_AFTER
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, [r[1] for r in _rows(report, "ML401", "ML402", "ML403")]) == (1, ["ML403"])


def test_the_openai_key_never_reaches_the_provider(tmp_path, monkeypatch):
    """Run as applied, with OpenAI's key still set: the provider's server gets its own key."""
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, {"app.py": CHAT_AND_RUN})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    server = LoopbackServer().start()
    try:
        env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
        env |= {
            "OPENAI_API_KEY": OPENAI_SECRET,  # set, as on the user's machine
            "ZAI_API_KEY": ZAI_SECRET,
            "ZAI_BASE_URL": server.base,
        }
        # the test's interpreter has no `requests`: a stand-in outside the project (never called)
        stubs = tmp_path / "stubs"
        stubs.mkdir()
        (stubs / "requests.py").write_text("def post(*args, **kwargs):\n    raise AssertionError\n")
        env["PYTHONPATH"] = str(stubs)
        guard = tmp_path / "guard"
        proc = run_python(
            ["-c", "import app; app.chat([{'role': 'user', 'content': 'hi'}])"],
            cwd=project,
            env=network_guard.subprocess_env(env, guard),
        )
        assert (proc.returncode, proc.stderr, network_guard.blocked_hosts(guard)) == (0, "", [])
        assert [(r.path, r.headers["authorization"], r.body["model"]) for r in server.requests] == [
            ("/chat/completions", f"Bearer {ZAI_SECRET}", "glm-5.3")
        ]
    finally:
        server.stop()


SHARED_KEY = """\
import os

import openai
import requests


def chat(messages, url, api_key=None):
    api_key = api_key or os.environ["OPENAI_API_KEY"]
    client = openai.OpenAI(base_url="https://api.openai.com/v1", api_key=api_key)
    requests.post(url, headers={"Authorization": f"Bearer {api_key}"})
    return client.chat.completions.create(model="gpt-4o", messages=messages)
"""


CALLER_GIVES_KEY = (
    CHAT_AND_RUN
    + """

def main():
    key = os.environ["OPENAI_API_KEY"]
    start_run("t1", key)
    return chat([], api_key=key)
"""
)


def test_a_client_whose_caller_gives_it_a_key_left_openai_stays_on_openai(tmp_path, monkeypatch):
    """main() reads OpenAI's key for the raw request (left, ML401) and hands it to chat():
    before, chat()'s client moved to Zhipu and sent it that key, check red only elsewhere."""
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, {"app.py": CALLER_GIVES_KEY})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    # the key read, the client and its model stay OpenAI's (s63: ML201 had sent OpenAI
    # glm-5.3 there)
    assert (project / "app.py").read_text() == CALLER_GIVES_KEY
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, _rows(report, "ML201", "ML401", "ML402")) == (
        1,
        [
            (
                8,
                "ML401",
                "manual",
                "reads OPENAI_API_KEY; not switched: the raw request to OpenAI on line 15 may "
                "send this key, and Zhipu AI (GLM)'s key must not go to OpenAI (see ML403)",
            ),
            (
                9,
                "ML402",
                "manual",
                "hard-coded OpenAI URL https://api.openai.com/v1; not switched: it is the base "
                "URL of openai.OpenAI() on line 9, whose key (`api_key`) apply leaves OpenAI's: "
                "switched, it would send that key to Zhipu AI (GLM); point both at Zhipu AI "
                "(GLM) (the key from ZAI_API_KEY) together, by hand",
            ),
            (
                10,
                "ML201",
                "manual",
                "model 'gpt-4o' is sent as model= on line 10 through openai.OpenAI() on line 9, "
                "which stays on OpenAI: apply leaves the model too; change them together, by hand",
            ),
            (
                23,
                "ML401",
                "manual",
                "reads OPENAI_API_KEY; not switched: the raw request to OpenAI on line 15 may "
                "send this key, and Zhipu AI (GLM)'s key must not go to OpenAI (see ML403)",
            ),
        ],
    )
    server = LoopbackServer().start()
    try:
        env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
        env |= {"OPENAI_API_KEY": OPENAI_SECRET, "ZAI_API_KEY": ZAI_SECRET}
        env["ZAI_BASE_URL"] = server.base
        stubs = tmp_path / "stubs"
        stubs.mkdir()
        (stubs / "requests.py").write_text("def post(*args, **kwargs):\n    return None\n")
        env["PYTHONPATH"] = str(stubs)
        guard = tmp_path / "guard"
        proc = run_python(
            ["-c", "import app; app.main()"],
            cwd=project,
            env=network_guard.subprocess_env(env, guard),
        )
        assert "NetworkBlockedError" in proc.stderr
        # the request goes where the code said, OpenAI (blocked here), never to Zhipu
        assert (network_guard.blocked_hosts(guard), server.requests) == (["api.openai.com"], [])
    finally:
        server.stop()


def test_a_client_whose_key_a_raw_request_keeps_stays_on_openai(tmp_path, monkeypatch):
    # before: ML001 pointed the client at Zhipu with `api_key=api_key or ZAI...`, `api_key`
    # still OPENAI_API_KEY's (kept for the raw request): the OpenAI key went to Zhipu
    write_here(tmp_path, monkeypatch, {"app.py": SHARED_KEY})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == SHARED_KEY
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert code == 1
    assert _rows(report, "ML001") == [
        (
            9,
            "ML001",
            "manual",
            "OpenAI() talks to OpenAI (key from `api_key`); its key `api_key` may hold "
            "OPENAI_API_KEY (read on line 8, which apply leaves as it is: see there): kept, that "
            "key would go to Zhipu AI (GLM); give this client Zhipu AI (GLM)'s key (ZAI_API_KEY) "
            "apart, by hand",
        )
    ]


PASSED_TO_RUN = """\
import os

import openai
import requests


def chat(messages, api_key=None):
    api_key = api_key or os.environ["OPENAI_API_KEY"]
    client = openai.OpenAI(api_key=api_key)
    return client.chat.completions.create(model="gpt-4o", messages=messages)


def start_run(thread_id, key):
    return requests.post(
        f"https://api.openai.com/v1/threads/{thread_id}/runs",
        headers={"Authorization": f"Bearer {key}"},
    )


def first_run():
    return requests.post(
        "https://api.openai.com/v1/threads/t0/runs", headers={"Authorization": get_key()}
    )


def main():
    start_run("t", os.environ["OPENAI_API_KEY"])
"""


def test_a_read_that_may_reach_an_untraced_request_is_left_naming_that_one(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": PASSED_TO_RUN})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert code == 0
    assert [r for r in _rows(report, "ML401") if r[2] != "safe"] == [
        (
            27,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY; not switched: the raw request to OpenAI on line 14 may send "
            "this key, and Zhipu AI (GLM)'s key must not go to OpenAI (see ML403)",
        )
    ]
    # the read in chat() goes only to its client: renamed with it
    assert [r[0] for r in _rows(report, "ML401") if r[2] == "safe"] == [8]


def test_a_request_whose_key_a_caller_may_give_says_so_not_that_no_read_is_traced(
    tmp_path, monkeypatch
):
    text = (
        "import os\n\nimport requests\n\n\ndef ask(question, api_key=None):\n"
        '    api_key = api_key or os.environ["OPENAI_API_KEY"]\n'
        "    return requests.post(\n"
        '        "https://api.openai.com/v1/chat/completions",\n'
        '        headers={"Authorization": f"Bearer {api_key}"},\n'
        '        json={"model": "glm-5.3", "messages": [{"role": "user", "content": question}]},\n'
        "    )\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": text})
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, _rows(report, "ML401", "ML403")) == (
        1,
        [
            (
                8,
                "ML403",
                "manual",
                "raw HTTP request to OpenAI (POST https://api.openai.com/v1/chat/completions) "
                "left unchanged: its key (`api_key`) may also be what the callers of ask() give "
                "it, which the module does not trace to a read of OPENAI_API_KEY; send it to "
                "Zhipu AI (GLM)'s base URL (ZAI_BASE_URL) with the key from ZAI_API_KEY by hand, "
                "or use the openai SDK",
            )
        ],
    )


# -- 2. a base URL chosen at run time is kept ----------------------------------------------

GEN = """\
import argparse

import openai


def answer(model, question):
    r = openai.ChatCompletion.create(model=model, messages=[{"role": "user", "content": question}])
    return r["choices"][0]["message"]["content"]


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="my-local-model")
    p.add_argument("--openai-api-base", default=None)
    args = p.parse_args()
    if args.openai_api_base is not None:
        openai.api_base = args.openai_api_base
    print(answer(args.model, "hi"))
"""

GEN_AFTER = f"""\
import argparse
import os

import openai

client = openai.OpenAI(
    api_key=os.environ.get("ZAI_API_KEY", "unset"),
    base_url={ZAI_URL},
)


def answer(model, question):
    r = client.chat.completions.create(
        model=model, messages=[{{"role": "user", "content": question}}]
    )
    return r.choices[0].message.content


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="my-local-model")
    p.add_argument("--openai-api-base", default=None)
    args = p.parse_args()
    if args.openai_api_base is not None:
        client.base_url = args.openai_api_base or os.environ.get(
            "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"
        )
        client.api_key = (
            os.environ.get("ZAI_API_KEY", "unset")
            if str(client.base_url).rstrip("/").lower()
            in (
                os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")
                .rstrip("/")
                .lower(),
                "https://open.bigmodel.cn/api/paas/v4",
                "https://api.z.ai/api/paas/v4",
            )
            else "unset"
        )
    print(answer(args.model, "hi"))
"""


def test_a_base_url_from_the_command_line_is_set_on_the_client(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"gen.py": GEN})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert code == 0
    assert _rows(report, "ML301") == [
        (
            17,
            "ML301",
            "review",
            "openai.api_base is openai<1.0 configuration; the clients of openai>=1 do not read "
            "it: apply sets the base URL your code sets (`args.openai_api_base`) on the client "
            "it builds instead (client.base_url = ...), with ZAI_BASE_URL when it is empty: it "
            "must name Zhipu AI (GLM)'s base URL or a server of your own, which then gets the "
            'key your code sets, else "unset": ZAI_API_KEY goes only with Zhipu AI (GLM)\'s URL '
            "(client.api_key = ... if ... else ...)",
        )
    ]
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (tmp_path / "gen.py").read_text() == GEN_AFTER
    assert cli("check", ".", "--provider", "zhipu").exit_code == 0


@pytest.mark.parametrize("own", [True, False, None])
def test_the_run_time_base_url_gets_the_requests(tmp_path, monkeypatch, own):
    """Run as applied: `--openai-api-base` sends the request to that server, with the
    provider's key only where it names the provider's URL (in any spelling); without it, to
    the provider's (ZAI_BASE_URL)."""
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, {"gen.py": GEN})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    mine, provider = LoopbackServer().start(), LoopbackServer().start()
    try:
        env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
        env |= {"ZAI_API_KEY": ZAI_SECRET, "ZAI_BASE_URL": provider.base}
        guard = tmp_path / "guard"
        flag = ["--openai-api-base", mine.base] if own else []
        if own is None:  # the provider's URL, as the user spells it: its key goes there
            flag = ["--openai-api-base", provider.base.upper().rstrip("/") + "/"]
        proc = run_python(
            ["gen.py", *flag], cwd=project, env=network_guard.subprocess_env(env, guard)
        )
        assert (proc.returncode, network_guard.blocked_hosts(guard)) == (0, []), proc.stderr
        got = [(len(mine.requests), len(provider.requests))]
        assert got == [(1, 0) if own else (0, 1)]
        [request] = mine.requests or provider.requests
        assert (request.path, request.body["model"]) == ("/chat/completions", "my-local-model")
        # the user's own server never gets the provider's key (before: `Bearer <ZAI key>`)
        key = "unset" if own else ZAI_SECRET
        assert request.headers["authorization"] == f"Bearer {key}"
    finally:
        mine.stop()
        provider.stop()


API_DICT = """\
import openai


def ask(model, question, api_dict=None):
    if api_dict is not None:
        openai.api_base = api_dict["api_base"]
        openai.api_key = api_dict["api_key"]
    r = openai.ChatCompletion.create(model=model, messages=[{"role": "user", "content": question}])
    return r["choices"][0]["message"]["content"]
"""


def test_a_base_url_and_key_from_a_dict_handed_in_move_onto_the_client_together(
    tmp_path, monkeypatch
):
    write_here(tmp_path, monkeypatch, {"common.py": API_DICT})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (tmp_path / "common.py").read_text().split("\n\n\n", 1)[1] == (
        "def ask(model, question, api_dict=None):\n"
        "    if api_dict is not None:\n"
        '        client.base_url = api_dict["api_base"] or os.environ.get(\n'
        '            "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        "        )\n"
        '        client.api_key = api_dict["api_key"] or (\n'
        '            os.environ.get("ZAI_API_KEY", "unset")\n'
        '            if str(client.base_url).rstrip("/").lower()\n'
        "            in (\n"
        '                os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")\n'
        '                .rstrip("/")\n'
        "                .lower(),\n"
        '                "https://open.bigmodel.cn/api/paas/v4",\n'
        '                "https://api.z.ai/api/paas/v4",\n'
        "            )\n"
        '            else "unset"\n'
        "        )\n"
        "    r = client.chat.completions.create(\n"
        '        model=model, messages=[{"role": "user", "content": question}]\n'
        "    )\n"
        "    return r.choices[0].message.content\n"
    )
    assert cli("check", ".", "--provider", "zhipu").exit_code == 0


@pytest.mark.parametrize("own", [True, False])
def test_a_dicts_empty_key_takes_the_providers_only_with_its_url(tmp_path, monkeypatch, own):
    """Run as applied: `api_dict` naming a server of the user's own with an empty key sends
    it "unset" (before: `Bearer <ZAI key>`); with an empty URL, the provider gets its key."""
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, {"common.py": API_DICT})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    mine, provider = LoopbackServer().start(), LoopbackServer().start()
    try:
        env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
        env |= {"ZAI_API_KEY": ZAI_SECRET, "ZAI_BASE_URL": provider.base}
        guard = tmp_path / "guard"
        given = {"api_base": mine.base if own else "", "api_key": ""}
        code = f"import common; common.ask('my-model', 'hi', {given!r})"
        proc = run_python(["-c", code], cwd=project, env=network_guard.subprocess_env(env, guard))
        assert (proc.returncode, network_guard.blocked_hosts(guard)) == (0, []), proc.stderr
        got = [(r.headers["authorization"], len(mine.requests)) for r in provider.requests]
        got += [(r.headers["authorization"], len(provider.requests)) for r in mine.requests]
        assert got == [("Bearer unset" if own else f"Bearer {ZAI_SECRET}", 0)]
    finally:
        mine.stop()
        provider.stop()


OPENAI_NAMED_KEY = """\
import openai


def ask(model, question, api_base, openai_api_key):
    openai.api_base = api_base
    openai.api_key = openai_api_key
    r = openai.ChatCompletion.create(model=model, messages=[{"role": "user", "content": question}])
    return r["choices"][0]["message"]["content"]
"""


def test_a_base_url_whose_key_stays_is_left_with_it_never_deleted(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"common.py": OPENAI_NAMED_KEY})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    after = (tmp_path / "common.py").read_text()
    assert "    openai.api_base = api_base\n    openai.api_key = openai_api_key\n" in after
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, _rows(report, "ML301")) == (
        1,
        [
            (
                12,
                "ML301",
                "manual",
                "openai.api_base is openai<1.0 configuration, set to `api_base`, a base URL your "
                "code chooses at run time (a server of your own); apply cannot set it on the "
                "clients it builds, which do not read this line: pass it to them by hand "
                f"(base_url=api_base or {ZAI_URL}), then delete this line",
            ),
            (
                13,
                "ML301",
                "manual",
                "openai.api_key is openai<1.0 configuration, set to `openai_api_key`, the key of "
                "the base URL your code sets on line 12 (`api_base`), which apply leaves (ML301 "
                "there): the clients it builds read neither; pass both to them by hand "
                "(base_url=..., api_key=...), then delete both lines",
            ),
        ],
    )
    # a second apply changes nothing
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (tmp_path / "common.py").read_text() == after


# -- 3. openai<1 Azure settings are left, as ML002 leaves the deployments to map -------------

AZURE_V0 = """\
import os

import openai


def ask_azure(deployment, question):
    openai.api_type = "azure"
    openai.api_version = "2023-07-01-preview"
    openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
    openai.api_key = os.environ["AZURE_OPENAI_KEY"]
    r = openai.ChatCompletion.create(engine=deployment, messages=[{"role": "user", "content": question}])
    return r["choices"][0]["message"]["content"]
"""

AZURE_LEFT = [
    (
        "openai.api_type is openai<1.0 configuration for Azure OpenAI, whose requests name a "
        "deployment (engine=), not a model: apply moves them onto a client for Zhipu AI (GLM), "
        "which would be sent each deployment name as its model, and leaves this line and "
        "Azure's settings beside it ({lines}); map each deployment to a Zhipu AI (GLM) model (as "
        "ML002 asks of an AzureOpenAI client), then delete these lines, by hand"
    ),
    *(
        f'openai.{attr} is Azure OpenAI\'s openai<1.0 configuration (api_type "azure" on '
        "line {at}): apply leaves it with that line; Zhipu AI (GLM) takes none of Azure's "
        "settings"
        for attr in ("api_version", "api_base", "api_key")
    ),
]


def _azure_rows(at: int) -> list[tuple]:
    lines = f"line {at + 1}, line {at + 2} and line {at + 3}"
    return [
        (at + i, "ML301", "manual", m.format(lines=lines, at=at)) for i, m in enumerate(AZURE_LEFT)
    ]


def test_openai_v0_azure_settings_are_left_and_check_fails_until_deployments_map(
    tmp_path, monkeypatch
):
    write_here(tmp_path, monkeypatch, {"judge.py": AZURE_V0})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert _rows(report, "ML301") == _azure_rows(7)
    assert _rows(report, "ML304") == [
        (
            11,
            "ML304",
            "review",
            "engine= is openai<1.0; v1 calls take model=: `deployment` names an Azure "
            "deployment, which Zhipu AI (GLM) would be sent as the model; make sure it holds "
            "Zhipu AI (GLM)'s model (glm-5.3, glm-4-air-250414, glm-4.7-flash, glm-4.6v, "
            "glm-4-long)",
        )
    ]
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    after = (tmp_path / "judge.py").read_text()
    assert after.split("\n\n\n", 1)[1] == (
        "def ask_azure(deployment, question):\n"
        '    openai.api_type = "azure"\n'
        '    openai.api_version = "2023-07-01-preview"\n'
        '    openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]\n'
        '    openai.api_key = os.environ["AZURE_OPENAI_KEY"]\n'
        "    r = client.chat.completions.create(\n"
        '        model=deployment, messages=[{"role": "user", "content": question}]\n'
        "    )\n"
        "    return r.choices[0].message.content\n"
    )
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, _rows(report, "ML301")) == (1, _azure_rows(12))


def test_a_key_handed_in_beside_azure_settings_is_not_set_on_the_providers_client(
    tmp_path, monkeypatch
):
    # moved onto the client (`client.api_key = key or ...`), the Azure key went to Zhipu
    text = (
        "import openai\n\n\ndef ask(deployment, key):\n"
        '    openai.api_type = "azure"\n'
        '    openai.api_base = "https://acme.openai.azure.com/"\n'
        "    openai.api_key = key\n"
        "    return openai.ChatCompletion.create(engine=deployment, messages=[])\n"
    )
    write_here(tmp_path, monkeypatch, {"azure.py": text})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert code == 0
    assert [(r[0], r[2]) for r in _rows(report, "ML301")] == [
        (5, "manual"),
        (6, "manual"),
        (7, "manual"),
    ]
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert "    openai.api_key = key\n" in (tmp_path / "azure.py").read_text()
    assert "client.api_key" not in (tmp_path / "azure.py").read_text()


TWO_FUNCTIONS = """\
import openai


def ask(model, question, api_dict=None):
    if api_dict is not None:
        openai.api_base = api_dict["api_base"]
    return openai.ChatCompletion.create(model=model, messages=[])


def ask_azure(deployment, question):
    openai.api_type = "azure"
    openai.api_base = "https://acme.openai.azure.com/"
    return openai.ChatCompletion.create(engine=deployment, messages=[])
"""


def test_only_the_function_configuring_azure_keeps_its_settings(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"common.py": TWO_FUNCTIONS})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert code == 0
    assert [(r[0], r[2]) for r in _rows(report, "ML301")] == [
        (6, "review"),
        (11, "manual"),
        (12, "manual"),
    ]
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    after = (tmp_path / "common.py").read_text()
    assert '        client.base_url = api_dict["api_base"] or os.environ.get(\n' in after
    assert '    openai.api_base = "https://acme.openai.azure.com/"\n' in after
