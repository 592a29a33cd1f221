"""A requirements file in UTF-16 with a BOM, as PowerShell's `pip freeze > requirements.txt`
writes it (t53c: ChatPaper's auto_survey/requirements.txt pins openai==0.27.2): pip reads it by
its BOM, migrate-llm called it unreadable. It is read, and apply writes it back in UTF-16 with
its BOM and line ends; a Python module in UTF-16 stays unreadable, as Python refuses it."""

from __future__ import annotations

import codecs

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.textio import UnreadableFile, decode


def test_utf16_is_decoded_by_its_bom_outside_python() -> None:
    for codec, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        data = bom + "openai==0.27.2\r\n".encode(codec)
        source = decode(data, python=False)
        assert (source.text, source.encoding, source.bom) == ("openai==0.27.2\r\n", codec, True)
        assert source.encode() == data
    try:
        decode(codecs.BOM_UTF16_LE + "import os\n".encode("utf-16-le"), python=True)
    except UnreadableFile as exc:
        assert str(exc).startswith("UTF-16 text: save it as UTF-8")
    else:
        raise AssertionError("a UTF-16 module was read")


def test_apply_raises_the_pin_and_keeps_the_encoding(tmp_path, monkeypatch) -> None:
    before = "numpy==1.23.5\r\nopenai==0.27.2\r\ntiktoken==0.4.0\r\n"
    path = tmp_path / "requirements.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + before.encode("utf-16-le"))
    monkeypatch.chdir(tmp_path)
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"])
    assert check.exit_code == 1
    assert "requirements.txt:2:1 ML504 openai==0.27.2 pins the pre-1.0 SDK" in check.stdout
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    after = "numpy==1.23.5\r\nopenai>=1\r\ntiktoken==0.4.0\r\n"
    assert path.read_bytes() == codecs.BOM_UTF16_LE + after.encode("utf-16-le")
    assert CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"]).exit_code == 0
