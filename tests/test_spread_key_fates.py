"""A key read given to a client in a `**` mapping follows the client's fate (s64 review 1).

ML401 renamed OPENAI_API_KEY to the provider's variable in `cfg = dict(api_key=...)` and in
a mapping a function returns (`OpenAI(**_cfg())`) although ML001 leaves the client on
OpenAI (its only requests are embeddings, which DeepSeek does not serve; a mapping it cannot
read again): DeepSeek's key then went to api.openai.com. Those reads now stay, with ML401's
manual finding naming the client, as a dict display bound to a name already did."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

HEAD = "import os\n\nfrom openai import OpenAI\n\n"
EMBED = (
    "\n\ndef embed(text):\n"
    '    return emb.embeddings.create(model="text-embedding-3-small", input=text)\n'
)
DICT_CALL = HEAD + 'cfg = dict(api_key=os.environ["OPENAI_API_KEY"])\nemb = OpenAI(**cfg)\n' + EMBED
RETURNED = (
    HEAD
    + '\ndef _cfg():\n    return {"api_key": os.environ["OPENAI_API_KEY"]}\n\n\n'
    + "emb = OpenAI(**_cfg())\n"
    + EMBED
)
METHOD = HEAD + (
    "\nclass Embedder:\n"
    "    def _kw(self):\n"
    '        return dict(api_key=os.environ["OPENAI_API_KEY"])\n\n'
    "    def embed(self, text):\n"
    "        emb = OpenAI(**self._kw())\n"
    '        return emb.embeddings.create(model="text-embedding-3-small", input=text)\n'
)
LEFT = (
    "reads OPENAI_API_KEY, which goes to OpenAI() on line {}, which apply leaves talking to "
    "OpenAI or Azure OpenAI (see its finding): given DeepSeek's key (DEEPSEEK_API_KEY) it "
    "would send that key there; point that call at DeepSeek, then read DEEPSEEK_API_KEY, by hand"
)


def run(tmp_path, monkeypatch, text: str, *args: str):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(text)
    return CliRunner().invoke(
        app, [*args, "app.py", "--no-cache"] if args[0] == "scan" else [*args, "app.py"]
    )


@pytest.mark.parametrize(
    ("text", "read", "client"), [(DICT_CALL, 5, 6), (RETURNED, 7, 10), (METHOD, 8, 11)]
)
def test_a_key_spread_into_a_client_left_on_openai_stays(tmp_path, monkeypatch, text, read, client):
    result = run(tmp_path, monkeypatch, text, "scan", "--provider", "deepseek", "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)["findings"]
    assert [
        (f["line"], f["severity"], f["fix"], f["message"]) for f in found if f["rule"] == "ML401"
    ] == [(read, "warning", "manual", LEFT.format(client))]
    assert [(f["line"], f["fix"]) for f in found if f["rule"] == "ML001"] == [(client, "manual")]
    applied = CliRunner().invoke(app, ["apply", "app.py", "--provider", "deepseek", "--yes"])
    assert applied.exit_code == 0, applied.stderr
    assert (tmp_path / "app.py").read_text() == text  # the key read stays OpenAI's


def test_a_dict_call_spread_into_a_client_apply_moves_moves_with_it(tmp_path, monkeypatch):
    result = run(tmp_path, monkeypatch, DICT_CALL, "apply", "--provider", "zhipu", "--yes")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "app.py").read_text() == DICT_CALL.replace(
        'cfg = dict(api_key=os.environ["OPENAI_API_KEY"])\n',
        "cfg = dict(\n"
        '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        ")\n",
    ).replace('"text-embedding-3-small"', '"embedding-3"')
