"""ML115 and ML112 on a request whose model and sampling come from different classes of one
family (`rules.inherited_fields`).

Trial 59c's D1: pandas-ai keeps `temperature = 0`, `top_p = 1`, `presence_penalty = 0.6` on a
base class whose property builds the request's `**params`, and its subclass sets the model
(`kimi-k2.6` once followed). `self.model` read in the base's builder was unknown, so ML115 said
nothing, `check` passed, and every request carried sampling values the model answers with
HTTP 400. `self` is an instance of the class sending the request (or of a subclass of it):
its fields decide, along its bases.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

CLIENT = (
    "        self.client = openai.OpenAI(\n"
    '            api_key=os.getenv("MOONSHOT_API_KEY"),\n'
    '            base_url=os.getenv("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
    "        ).chat.completions\n"
)
ASK = (
    "    def ask(self, q):\n"
    '        return self.client.create(messages=[{"role": "user", "content": q}], **self.params)\n'
)


def family(base_fields: str, sub_fields: str, request_in_base: bool = False) -> str:
    """A base class holding the sampling and the builder, its subclass the model; the client
    and the request in the subclass, or both in the base."""
    here = "    def __init__(self):\n" + CLIENT + "\n" + ASK
    base = (
        "class Settings:\n"
        f"{base_fields}"
        "\n    @property\n    def params(self):\n"
        '        params = {"model": self.model, "temperature": self.temperature,\n'
        '                  "presence_penalty": self.presence_penalty}\n'
        "        if self.max_tokens is not None:\n"
        '            params["max_tokens"] = self.max_tokens\n'
        "        return params\n"
    )
    if request_in_base:
        base += "\n" + here
    sub = f"class Chat(Settings):\n{sub_fields}"
    if not request_in_base:
        sub += "\n" + here
    return f"import os\n\nimport openai\n\n\n{base}\n\n{sub}"


SAMPLING = (
    "    temperature: float = 0\n    presence_penalty: float = 0.6\n    max_tokens: int = 1000\n"
)


def check(tmp_path, text: str, command: str = "check") -> tuple[int, list[tuple]]:
    (tmp_path / "llm.py").write_text(text)
    args = [command, str(tmp_path), "-p", "moonshot", "--format", "json", "--no-cache"]
    result = CliRunner().invoke(app, args)
    found = [
        (f["rule"], f["line"], f["column"], f["severity"], f["fix"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] in ("ML112", "ML115")
    ]
    return result.exit_code, found


def fixed(line: int, column: int, param: str, model_from: str | None = None) -> tuple:
    data = {
        "model": "kimi-k2.6",
        "model_from": model_from,
        "param": param,
        "fact": "fixed",
        "glob": "kimi-k2.6",
    }
    return ("ML115", line, column, "warning", "manual", data)


def max_tokens(line: int = 16) -> tuple:
    return ("ML112", line, 13, "warning", "manual", {})


def test_the_subclass_model_decides_for_the_base_classes_sampling(tmp_path):
    text = family(SAMPLING, '    model: str = "kimi-k2.6"\n')
    exit_code, found = check(tmp_path, text)
    assert exit_code == 1
    assert found == [
        fixed(13, 40, "temperature"),
        fixed(14, 19, "presence_penalty"),
        max_tokens(),
    ]
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "-p", "moonshot", "--format", "json", "--no-cache"]
    )
    [first] = [f for f in json.loads(result.stdout)["findings"] if f["line"] == 13]
    assert first["message"] == (
        'kimi-k2.6 fixes temperature on Moonshot AI (Kimi): remove the entry "temperature" '
        "(the model ignores or rejects it) (apply leaves the dict: it is used elsewhere too)"
    )


def test_a_model_apply_maps_in_the_subclass_is_read_as_mapped(tmp_path):
    text = family(SAMPLING, '    model: str = "gpt-4o-mini"\n')
    exit_code, found = check(tmp_path, text)
    assert exit_code == 1
    assert found == [
        fixed(13, 40, "temperature", "gpt-4o-mini"),
        fixed(14, 19, "presence_penalty", "gpt-4o-mini"),
        max_tokens(),
    ]
    # apply rewrites the model alone: the entries are the base's, for a person to remove
    assert (
        CliRunner().invoke(app, ["apply", str(tmp_path), "-p", "moonshot", "--yes"]).exit_code == 0
    )
    assert (tmp_path / "llm.py").read_text() == text.replace('"gpt-4o-mini"', '"kimi-k2.6"')


def test_a_request_in_the_base_sends_its_subclasses_model(tmp_path):
    text = family(SAMPLING, '    model = "kimi-k2.6"\n', request_in_base=True)
    exit_code, found = check(tmp_path, text)
    assert exit_code == 1
    assert found == [
        fixed(13, 40, "temperature"),
        fixed(14, 19, "presence_penalty"),
        max_tokens(),
    ]


def test_a_model_taking_the_sampling_is_quiet(tmp_path):
    exit_code, found = check(tmp_path, family(SAMPLING, '    model = "moonshot-v1-8k"\n'))
    assert (exit_code, found) == (1, [max_tokens()])
    no_limit = SAMPLING.replace("max_tokens: int = 1000", "max_tokens = None")
    text = family(no_limit, '    model = "moonshot-v1-8k"\n').replace(
        '        if self.max_tokens is not None:\n            params["max_tokens"] = '
        "self.max_tokens\n",
        "",
    )
    assert check(tmp_path, text) == (0, [])


def test_a_subclass_overriding_the_bases_model_is_read_as_the_subclass(tmp_path):
    # the base names kimi-k2.6, the class sending the request another model: no finding
    # (the base's field alone used to decide)
    base = '    model: str = "kimi-k2.6"\n' + SAMPLING
    exit_code, found = check(tmp_path, family(base, '    model: str = "moonshot-v1-8k"\n'))
    assert (exit_code, found) == (1, [max_tokens(17)])


def test_subclasses_sending_different_models_leave_the_model_unknown(tmp_path):
    text = family(SAMPLING, '    model = "kimi-k2.6"\n', request_in_base=True)
    text += '\n\nclass Fast(Settings):\n    model = "moonshot-v1-8k"\n'
    assert check(tmp_path, text) == (1, [max_tokens()])
