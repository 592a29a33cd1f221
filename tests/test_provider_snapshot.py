"""The built-in provider files parsed once and kept in the user cache (`provider_snapshot`)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import pytest

from migrate_llm import provider_snapshot, registry
from migrate_llm.errors import ProviderError

from .test_startup import python

BUILTIN = registry.builtin_providers_dir()


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """An empty user cache directory of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "platform", "linux")
    return tmp_path / "cache" / "migrate-llm"


def parsed(snapshot: bool = True) -> tuple[list[registry.Provider], str]:
    return registry._parse_dir(BUILTIN, "providers", snapshot=snapshot)


def only_snapshot(home: Path) -> Path:
    (path,) = home.glob("providers-*.json")
    return path


def test_the_first_load_keeps_a_snapshot_the_next_reads(home, monkeypatch):
    providers, digest = parsed()
    path = only_snapshot(home)
    assert path.name == f"providers-{digest}.json"
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert (kept["format"], kept["digest"], len(kept["tables"])) == (1, digest, len(providers))
    assert kept["tables"][0]["as_of"] == {"\0": ["date", providers[0].as_of.isoformat()]}

    def no_toml(text, source):
        raise AssertionError(f"{source} parsed although a snapshot holds it")

    monkeypatch.setattr(registry, "_toml", no_toml)
    again, same = parsed()
    assert (again, same) == (providers, digest)
    assert [p.as_of for p in again] == [p.as_of for p in providers]


def test_a_snapshot_gives_the_providers_the_files_give(home):
    from_files, digest = parsed(snapshot=False)
    assert not home.exists()  # only the built-in directory read with `snapshot` keeps one
    parsed()
    from_snapshot, same = parsed()
    assert (from_snapshot, same) == (from_files, digest)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"format": 1, "digest": "0", "tables": []}',
        b"[1, 2]",
        b'{"format": 2, "digest": "D", "tables": []}',
        b'{"format": 1, "digest": "D", "tables": [{"\\u0000": ["weekday", "x"]}]}',
    ],
)
def test_a_damaged_or_foreign_snapshot_is_ignored(home, damage):
    providers, digest = parsed(snapshot=False)
    home.mkdir(parents=True)
    path = home / f"providers-{digest}.json"
    path.write_bytes(damage.replace(b'"D"', json.dumps(digest).encode()))
    assert parsed() == (providers, digest)
    assert json.loads(path.read_text(encoding="utf-8"))["digest"] == digest  # written anew


def test_a_snapshot_edited_to_an_invalid_provider_is_parsed_from_the_files(home):
    providers, digest = parsed()
    path = only_snapshot(home)
    kept = json.loads(path.read_text(encoding="utf-8"))
    kept["tables"][0]["schema"] = 99
    path.write_text(json.dumps(kept), encoding="utf-8")
    assert parsed() == (providers, digest)


def test_an_edited_provider_file_is_not_read_from_the_old_snapshot(tmp_path, home, monkeypatch):
    copy = tmp_path / "providers"
    copy.mkdir()
    for entry in BUILTIN.glob("*.toml"):
        (copy / entry.name).write_bytes(entry.read_bytes())
    first, digest = registry._parse_dir(copy, "providers", snapshot=True)
    text = (copy / "yi.toml").read_text(encoding="utf-8")
    (copy / "yi.toml").write_text(text.replace('name = "', 'name = "New ', 1), encoding="utf-8")
    second, changed = registry._parse_dir(copy, "providers", snapshot=True)
    assert changed != digest
    by_id = {p.id: p for p in second}
    assert by_id["yi"].name == "New " + {p.id: p for p in first}["yi"].name
    assert sorted(p.name for p in home.glob("providers-*.json")) == sorted(
        [f"providers-{digest}.json", f"providers-{changed}.json"]
    )


def test_dates_and_times_come_back_as_they_were(home):
    utc_plus_8 = dt.timezone(dt.timedelta(hours=8))
    tables = [
        {
            "day": dt.date(2026, 9, 1),
            "at": dt.datetime(2026, 9, 1, 8, 30, 0, 250, tzinfo=utc_plus_8),
            "local": dt.datetime(2026, 9, 1, 8, 30),
            "time": dt.time(7, 45, 1),
            "nested": [{"seen": dt.date(2025, 1, 2)}, 1.5, float("inf"), "text", True],
        }
    ]
    provider_snapshot.save("d" * 64, tables)
    back = provider_snapshot.load("d" * 64, 1)
    assert back == tables
    assert back is not None and back[0]["at"].utcoffset() == dt.timedelta(hours=8)


def test_a_table_holding_the_tag_key_is_not_kept(home):
    provider_snapshot.save("e" * 64, [{"outer": {"\0": ["date", "2026-01-01"]}}])
    assert not home.exists() or not list(home.iterdir())
    assert provider_snapshot.load("e" * 64, 1) is None


def test_the_count_must_match(home):
    provider_snapshot.save("f" * 64, [{"a": 1}, {"b": 2}])
    assert provider_snapshot.load("f" * 64, 2) == [{"a": 1}, {"b": 2}]
    assert provider_snapshot.load("f" * 64, 3) is None


def test_only_the_last_written_snapshots_are_kept(home):
    for n in range(provider_snapshot.KEPT + 2):
        provider_snapshot.save(f"{n:064x}", [{"n": n}])
        path = home / f"providers-{n:064x}.json"
        os.utime(path, ns=(n * 10**9, n * 10**9))
    names = sorted(p.name for p in home.glob("providers-*.json"))
    kept = range(2, provider_snapshot.KEPT + 2)
    assert names == [f"providers-{n:064x}.json" for n in kept]
    assert not list(home.glob(".providers-*"))  # no temporary file left behind


def test_a_failed_write_leaves_nothing_behind(home, monkeypatch):
    def refused(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(provider_snapshot.os, "replace", refused)
    assert parsed() == parsed(snapshot=False)
    assert list(home.iterdir()) == []


def test_a_cache_home_that_is_a_file_costs_nothing_but_the_parse(home):
    home.parent.mkdir()
    home.write_text("not a directory")
    assert parsed() == parsed(snapshot=False)
    assert home.read_text() == "not a directory"


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"XDG_CACHE_HOME": "/xdg"}, "/xdg/migrate-llm"),
        ("linux", {"XDG_CACHE_HOME": "relative/dir"}, "{home}/.cache/migrate-llm"),
        ("linux", {"XDG_CACHE_HOME": ""}, "{home}/.cache/migrate-llm"),
        ("darwin", {"XDG_CACHE_HOME": "/xdg"}, "{home}/Library/Caches/migrate-llm"),
        ("win32", {"LOCALAPPDATA": "/local"}, "/local/migrate-llm/Cache"),
        ("win32", {"LOCALAPPDATA": ""}, None),
    ],
)
def test_cache_home_per_platform(monkeypatch, tmp_path, platform, env, expected):
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("HOME", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    found = provider_snapshot.cache_home()
    wanted = None if expected is None else Path(expected.format(home=tmp_path))
    assert found == wanted


def test_a_fresh_process_with_a_snapshot_does_not_import_tomllib(tmp_path):
    code = (
        "import sys\n"
        "from migrate_llm.registry import load_registry\n"
        "ids = sorted(load_registry().providers)\n"
        "print(len(ids), 'tomllib' in sys.modules)\n"
    )
    count = len(list(BUILTIN.glob("*.toml")))
    first = python(code, tmp_path)  # the suite's cache home: made by now or by this run
    assert first in (f"{count} True\n", f"{count} False\n")
    assert python(code, tmp_path) == f"{count} False\n"


def test_a_provider_file_error_is_reported_as_before(tmp_path, home):
    broken = tmp_path / "providers"
    broken.mkdir()
    (broken / "bad.toml").write_text("schema = \n", encoding="utf-8")
    with pytest.raises(ProviderError, match=r"^providers/bad\.toml: not valid TOML: "):
        registry._parse_dir(broken, "providers", snapshot=True)
    assert not home.exists()


def test_the_sources_a_snapshot_keeps_are_read_when_first_asked_for(home, monkeypatch):
    from migrate_llm import provider_sources

    from_files, _ = parsed(snapshot=False)
    parsed()  # keeps the snapshot
    made: list[str] = []
    real = provider_sources.parse_sources

    def counting(data, origin):
        made.append(origin)
        return real(data, origin)

    monkeypatch.setattr(provider_sources, "parse_sources", counting)
    from_snapshot, _ = parsed()
    assert made == []  # none while the registry loads
    qwen = next(p for p in from_snapshot if p.id == "qwen")
    expected = next(p for p in from_files if p.id == "qwen")
    assert qwen.source_of("api_key_env") == expected.source_of("api_key_env") != ()
    assert made == ["providers/qwen.toml"]  # that provider's, once
    assert qwen.to_json()["sources"] == expected.to_json()["sources"]
    assert from_snapshot == from_files  # each provider's read once, when compared
    assert sorted(made) == sorted(f"providers/{p.id}.toml" for p in from_files)


def test_sources_edited_by_hand_in_a_snapshot_are_read_from_the_file(home):
    from_files, digest = parsed()
    path = only_snapshot(home)
    kept = json.loads(path.read_text(encoding="utf-8"))
    index = next(i for i, t in enumerate(kept["tables"]) if t["id"] == "qwen")
    kept["tables"][index]["sources"] = {"api_key_env": {"url": "ftp://nowhere"}}
    path.write_text(json.dumps(kept), encoding="utf-8")
    from_snapshot, same = parsed()
    qwen = from_snapshot[index]
    assert qwen.source_of("api_key_env") == from_files[index].source_of("api_key_env") != ()
    assert (from_snapshot, same) == (from_files, digest)
