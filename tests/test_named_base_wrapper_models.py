"""The OpenAI model left in two requests `check` passed in session 57 (the e2e runs are in
test_named_base_wrapper_models_e2e.py):

- ML640 on a litellm call given OpenAI's base URL through a name holding its read (in the
  module, in the function, a parameter's default): scan reports the model and the key with
  their edits, apply writes them beside ML401's renamed read, check passes after; where ML401
  leaves that read, the call is an error left to a person before and after apply.
- ML201 on the model `instructor.from_openai(client, model=...)` is given (ML206 before).
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

ZHIPU = ["--provider", "zhipu"]
ZHIPU_URL = "https://open.bigmodel.cn/api/paas/v4"
MODEL_FOUND = (
    "model='gpt-4o-mini' of litellm.completion() is an OpenAI model; apply writes "
    "'zai/glm-4-air-250414' (litellm's zai route) for Zhipu AI (GLM)"
)
ENDPOINT_FOUND = (
    "litellm.completion() sends the request to OpenAI; apply passes the key from ZAI_API_KEY "
    f"and the base URL from ZAI_BASE_URL (default {ZHIPU_URL}); the base URL reaches it "
    "through `base`, the read on line {line}, which ML401 renames"
)


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def findings(path, rule: str) -> list[tuple[int, str, str]]:
    done = run("scan", str(path), *ZHIPU, "--format", "json")
    assert done.exit_code == 0, done.stderr
    found = json.loads(done.stdout)["findings"]
    return [(f["line"], f["fix"], f["message"]) for f in found if f["rule"] == rule]


def applied(path, text: str) -> str:
    path.write_text(text)
    assert run("apply", "--yes", str(path), *ZHIPU).exit_code == 0
    return path.read_text()


MODULE_BASE = """import os

import litellm

base = os.getenv("OPENAI_BASE_URL")


def ask(prompt):
    return litellm.completion(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
        api_base=base,
        api_key=os.environ["OPENAI_API_KEY"],
    )
"""
MOVED = {
    'os.getenv("OPENAI_BASE_URL")': f'os.getenv("ZAI_BASE_URL", "{ZHIPU_URL}")',
    '"gpt-4o-mini"': '"zai/glm-4-air-250414"',
    # never empty on litellm's zai/ route, which sends OPENAI_API_KEY for an empty key
    'os.environ["OPENAI_API_KEY"]': 'os.environ["ZAI_API_KEY"] or "unset"',
    "OPENAI_API_KEY": "ZAI_API_KEY",
}


def moved(text: str) -> str:
    for old, new in MOVED.items():
        text = text.replace(old, new)
    return text


def test_a_module_name_holding_openais_base_url_read_gets_the_model_mapped(tmp_path):
    path = tmp_path / "app.py"
    path.write_text(MODULE_BASE)
    assert findings(path, "ML640") == [
        (10, "review", MODEL_FOUND),
        (13, "review", ENDPOINT_FOUND.format(line=5)),
    ]
    assert applied(path, MODULE_BASE) == moved(MODULE_BASE)
    check = run("check", str(path), *ZHIPU, "--format", "json")
    assert (check.exit_code, json.loads(check.stdout)["findings"]) == (0, [])


def test_a_read_in_the_function_is_followed_too(tmp_path):
    before = MODULE_BASE.replace('base = os.getenv("OPENAI_BASE_URL")\n\n\n', "").replace(
        "    return", '    base = os.getenv("OPENAI_BASE_URL")\n    return'
    )
    path = tmp_path / "app.py"
    path.write_text(before)
    assert [line for line, _, _ in findings(path, "ML640")] == [8, 11]
    assert applied(path, before) == moved(before)
    assert run("check", str(path), *ZHIPU).exit_code == 0


def test_a_parameter_default_without_a_key_gets_the_model_and_the_key(tmp_path):
    before = (
        "import os\n\nimport litellm\n\n\n"
        'def ask(prompt, base=os.getenv("OPENAI_BASE_URL")):\n'
        '    return litellm.completion(model="gpt-4o-mini", messages=prompt, api_base=base)\n'
    )
    path = tmp_path / "app.py"
    path.write_text(before)
    assert findings(path, "ML640") == [
        (7, "review", ENDPOINT_FOUND.format(line=6)),
        (7, "review", MODEL_FOUND),
    ]
    assert applied(path, before) == (
        "import os\n\nimport litellm\n\n\n"
        f'def ask(prompt, base=os.getenv("ZAI_BASE_URL", "{ZHIPU_URL}")):\n'
        "    return litellm.completion(\n"
        '        model="zai/glm-4-air-250414",\n'
        "        messages=prompt,\n"
        "        api_base=base,\n"
        '        api_key=os.environ["ZAI_API_KEY"] or "unset",\n'
        "    )\n"
    )
    assert run("check", str(path), *ZHIPU).exit_code == 0


def test_a_parameter_default_a_caller_replaces_is_not_the_base_url(tmp_path):
    """The review of session 58: `local()` gives `base` a server of its own, so the default is
    not the only URL the key goes with; the key stays a person's (ML401), the call untouched."""
    before = (
        "import os\n\nimport litellm\n\n\n"
        'def ask(q, base=os.getenv("OPENAI_BASE_URL")):\n'
        "    return litellm.completion(\n"
        '        model="gpt-4o-mini", messages=q, api_base=base, api_key=os.environ["OPENAI_API_KEY"]\n'
        "    )\n\n\n"
        "def local(q):\n"
        '    return ask(q, base="http://127.0.0.1:8000/v1")\n'
    )
    path = tmp_path / "app.py"
    path.write_text(before)
    assert findings(path, "ML640") == []
    assert findings(path, "ML401")[1] == (
        8,
        "manual",
        "reads OPENAI_API_KEY, which goes to litellm.completion() on line 7, whose base URL "
        "(`base`) may be another provider's or a server of the program's own, which apply "
        "leaves: given Zhipu AI (GLM)'s key (ZAI_API_KEY) it would send that key there; give "
        "that call the key its server takes, by hand",
    )
    assert 'api_key=os.environ["OPENAI_API_KEY"]' in applied(path, before)
    assert run("check", str(path), *ZHIPU).exit_code == 1


def test_the_providers_read_through_a_name_beside_an_openai_model_fails_check(tmp_path):
    """What session 57's apply left: the model is mapped now, and `check` said nothing."""
    before = MODULE_BASE.replace(
        'os.getenv("OPENAI_BASE_URL")', f'os.getenv("ZAI_BASE_URL", "{ZHIPU_URL}")'
    ).replace("OPENAI_API_KEY", "ZAI_API_KEY")
    path = tmp_path / "app.py"
    path.write_text(before)
    assert findings(path, "ML640") == [(10, "review", MODEL_FOUND)]
    assert run("check", str(path), *ZHIPU).exit_code == 1
    assert applied(path, before) == moved(before)


def test_a_read_ml401_leaves_leaves_the_call_before_and_after_apply(tmp_path):
    before = MODULE_BASE.replace(
        "import litellm\n", "import litellm\nfrom openai import OpenAI\n"
    ).replace(
        'base = os.getenv("OPENAI_BASE_URL")\n',
        'base = os.getenv("OPENAI_BASE_URL")\nclient = OpenAI(base_url=base)\n',
    )
    path = tmp_path / "app.py"
    path.write_text(before)
    left = [
        (
            14,
            "manual",
            "litellm.completion() is given api_base=base, the read of OPENAI_BASE_URL on line "
            "6, which apply leaves (see there): moved alone, its model and key would go to the "
            "URL that variable holds; give this call 'zai/glm-4-air-250414' (what gpt-4o-mini "
            'maps to) with api_key=os.environ["ZAI_API_KEY"] and api_base=os.environ.get('
            f'"ZAI_BASE_URL", "{ZHIPU_URL}"), by hand',
        )
    ]
    assert findings(path, "ML640") == left
    assert applied(path, before) == before
    assert findings(path, "ML640") == left
    assert run("check", str(path), *ZHIPU).exit_code == 1


WRAPPED = """import instructor
from openai import OpenAI

client = instructor.from_openai(OpenAI(), mode=instructor.Mode.JSON, model="gpt-4o-mini")
"""


def test_the_model_instructors_wrapper_is_given_is_mapped(tmp_path):
    path = tmp_path / "app.py"
    path.write_text(WRAPPED)
    assert findings(path, "ML201") == [
        (4, "review", "model 'gpt-4o-mini' maps to 'glm-4-air-250414' on Zhipu AI (GLM)")
    ]
    assert findings(path, "ML206") == []
    assert applied(path, WRAPPED) == (
        "import os\n\nimport instructor\nfrom openai import OpenAI\n\n"
        "client = instructor.from_openai(\n"
        "    OpenAI(\n"
        '        api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        f'        base_url=os.environ.get("ZAI_BASE_URL", "{ZHIPU_URL}"),\n'
        "    ),\n"
        "    mode=instructor.Mode.JSON,\n"
        '    model="glm-4-air-250414",\n'
        ")\n"
    )
    assert run("check", str(path), *ZHIPU).exit_code == 0


def test_a_constant_given_to_the_wrapper_by_position_is_ml202s(tmp_path):
    before = (
        'import instructor\nfrom openai import OpenAI\n\nMODEL = "gpt-4o-mini"\n'
        "client = instructor.from_openai(OpenAI(), instructor.Mode.JSON, MODEL)\n"
    )
    path = tmp_path / "app.py"
    path.write_text(before)
    assert findings(path, "ML202") == [
        (
            4,
            "review",
            "constant MODEL = 'gpt-4o-mini' (used as model= on line 5) maps to "
            "'glm-4-air-250414' on Zhipu AI (GLM)",
        )
    ]
    assert findings(path, "ML204") == findings(path, "ML206") == []
    assert 'MODEL = "glm-4-air-250414"\n' in applied(path, before)


def test_the_wrappers_model_stays_with_a_client_left_on_openai(tmp_path):
    before = (
        "import instructor\nfrom openai import OpenAI\n\nfrom settings import settings\n\n"
        "client = instructor.from_openai(\n"
        '    OpenAI(api_key=settings.openai_api_key), mode=instructor.Mode.JSON, model="gpt-4o"\n'
        ")\n"
    )
    path = tmp_path / "app.py"
    path.write_text(before)
    assert findings(path, "ML201") == [
        (
            7,
            "manual",
            "model 'gpt-4o' is sent as model= on line 6 through OpenAI() on line 7, which "
            "stays on OpenAI: apply leaves the model too; change them together, by hand",
        )
    ]
    assert applied(path, before) == before
