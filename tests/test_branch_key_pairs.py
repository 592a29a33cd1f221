"""A key and a base URL chosen together in branches travel together (ML401, RD-Agent t67b).

RD-Agent's health check picks `key` and `base` in an `if`/`elif` (DeepSeek's variables in
one branch, OpenAI's in the other) and hands both to one call. apply left the key read
(`key` may hold another provider's key, so its base URL may be another server) but moved
the base read beside it to the provider's variable with the provider's URL as its default:
OpenAI's key then went to the provider. A key name bound in branches now counts as OpenAI's
key where any branch gives it a read apply leaves, so the base read beside it is left too,
and each finding names the other. Exact bytes after apply and findings.
"""

from __future__ import annotations

from .cli_findings import cli, finding_rows, run_json, write_here

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
BRANCHES = """\
import os

from litellm import completion


def probe():
    if "DEEPSEEK_API_KEY" in os.environ:
        key = os.getenv("DEEPSEEK_API_KEY")
        base = os.getenv("DEEPSEEK_API_BASE")
    elif "OPENAI_API_KEY" in os.environ:
        key = os.getenv("OPENAI_API_KEY")
        base = os.getenv("OPENAI_API_BASE")
    else:
        raise SystemExit("no key")
    model = os.getenv("CHAT_MODEL")
    messages = [{"role": "user", "content": "hi"}]
    return completion(model=model, api_key=key, api_base=base, messages=messages)
"""
# RD-Agent's shape: the pair handed on to a function of the module by keyword
HANDED = """\
import os

from litellm import completion


def try_chat(chat_model, chat_api_key, chat_api_base):
    messages = [{"role": "user", "content": "hi"}]
    return completion(
        model=chat_model, api_key=chat_api_key, api_base=chat_api_base, messages=messages
    )


def env_check():
    if "DEEPSEEK_API_KEY" in os.environ:
        chat_api_key = os.getenv("DEEPSEEK_API_KEY")
        if "OPENAI_API_BASE" in os.environ:
            chat_api_base = os.getenv("OPENAI_API_BASE")
        else:
            chat_api_base = None
    elif "OPENAI_API_KEY" in os.environ:
        chat_api_key = os.getenv("OPENAI_API_KEY")
        chat_api_base = os.getenv("OPENAI_API_BASE")
    else:
        raise SystemExit("no key")
    model = os.getenv("CHAT_MODEL")
    return try_chat(chat_model=model, chat_api_key=chat_api_key, chat_api_base=chat_api_base)
"""


def test_a_base_read_beside_a_key_chosen_in_branches_is_left_with_it(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"probe.py": BRANCHES})
    code, report = run_json("scan", ".", "-p", "qwen")
    assert code == 0
    rows = finding_rows(report, "line", "fix", "message", rules={"ML401"})
    assert [(line, fix) for line, fix, _ in rows] == [
        (10, "manual"),
        (11, "manual"),
        (12, "manual"),
    ]
    assert rows[0][2] == (  # `"OPENAI_API_KEY" in os.environ` follows the read it guards
        "reads OPENAI_API_KEY to test that it is set; not switched: the read of OPENAI_API_KEY "
        "on line 11 stays as it is (see there), and renamed, this test would ask for "
        "DASHSCOPE_API_KEY while that read needs OPENAI_API_KEY; switch both together, by hand"
    )
    assert rows[1][2] == (
        "reads OPENAI_API_KEY, which goes to completion() on line 17, whose base URL (`base`) "
        "may hold the read of OPENAI_API_BASE on line 12 or another provider's or the "
        "program's own server: apply leaves this read and that one as they are (OpenAI's key "
        f"with OpenAI's base URL); renamed alone, {QWEN}'s key (DASHSCOPE_API_KEY) would go "
        f"to OpenAI or that server; point both at {QWEN} together (DASHSCOPE_API_KEY and "
        "DASHSCOPE_BASE_URL), by hand"
    )
    assert rows[2][2] == (
        "reads OPENAI_API_BASE; not switched: it is the base URL of completion() on line 17, "
        "whose key (`key`, which may hold the read of OPENAI_API_KEY on line 11) apply leaves "
        f"OpenAI's: switched, it would send that key to {QWEN}; point both at {QWEN} (the key "
        "from DASHSCOPE_API_KEY) together, by hand"
    )
    done = cli("apply", ".", "-p", "qwen", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "probe.py").read_bytes() == BRANCHES.encode()
    assert cli("check", ".", "-p", "qwen").exit_code == 1


def test_a_pair_handed_to_a_function_of_the_module_is_left(tmp_path, monkeypatch):
    """Both base reads go with `chat_api_key`, which may hold OpenAI's key read (left): the
    presence test of OPENAI_API_BASE follows the read it guards."""
    write_here(tmp_path, monkeypatch, {"health.py": HANDED})
    code, report = run_json("scan", ".", "-p", "qwen")
    assert code == 0
    rows = finding_rows(report, "line", "fix", "message", rules={"ML401"})
    assert [(line, fix) for line, fix, _ in rows] == [
        (16, "manual"),
        (17, "manual"),
        (20, "manual"),
        (21, "manual"),
        (22, "manual"),
    ]
    assert rows[1][2] == (
        "reads OPENAI_API_BASE; not switched: it goes to try_chat() on line 26 with the key "
        'read `os.getenv("OPENAI_API_KEY")` on line 21, which apply leaves (see there): renamed '
        f"alone, it would send OpenAI's key to {QWEN}; point both at {QWEN} (the key from "
        "DASHSCOPE_API_KEY) together, by hand"
    )
    done = cli("apply", ".", "-p", "qwen", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "health.py").read_bytes() == HANDED.encode()


def test_a_key_read_switched_with_its_call_keeps_the_base_beside_it_switched(tmp_path, monkeypatch):
    """A branch gives a stand-in (`"EMPTY"`), the other OpenAI's key read, and ML640 points
    the call (an OpenAI model) at the provider with its key: the key read and the base read
    move together, as before."""
    source = (
        "import os\n\nfrom litellm import completion\n\n\n"
        "def probe(local):\n"
        "    if local:\n"
        '        key = "EMPTY"\n'
        "    else:\n"
        '        key = os.getenv("OPENAI_API_KEY")\n'
        '    base = os.getenv("OPENAI_API_BASE")\n'
        '    return completion(model="gpt-4o", api_key=key, api_base=base, messages=[])\n'
    )
    write_here(tmp_path, monkeypatch, {"probe.py": source})
    done = cli("apply", ".", "-p", "qwen", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "probe.py").read_text() == (
        "import os\n\nfrom litellm import completion\n\n\n"
        "def probe(local):\n"
        "    if local:\n"
        '        key = "EMPTY"\n'
        "    else:\n"
        '        key = os.getenv("DASHSCOPE_API_KEY")\n'
        "    base = os.getenv(\n"
        '        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "    )\n"
        "    return completion(\n"
        '        model="dashscope/qwen4-max",\n'
        '        api_key=os.environ["DASHSCOPE_API_KEY"] or "unset",\n'
        "        api_base=base,\n"
        "        messages=[],\n"
        "    )\n"
    )
