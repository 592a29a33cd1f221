"""Config-format files that hold what a program recorded, not what it reads.

Run results, logs and evaluation outputs dumped as JSON or YAML name models and endpoints the
way settings do (gpt-researcher's `benchmark_results/*.json` with `"model": "openai:gpt-5.4"`,
its `evals/simple_evals/example_output.json`), but the program does not read them to decide
where its requests go: rewriting them would falsify the history of past runs. They are told by
where they stand, from the tables below; the config rules report what they hold as notes.

Recorded HTTP traffic is told by its shape wherever it stands: a cassette of VCR.py (and
pytest-recording's) or Betamax replays its recorded responses to the requests a test makes.
What it holds is recorded output too; the requests it recorded to OpenAI are one finding
(ML502): the cassette is re-recorded against the provider, never edited.

So are records of results wherever they stand: a list of mappings each naming a model beside
a measure of how it did (aider's leaderboard data, `website/_data/*.yml`: `- model: gpt-4o`
with `pass_rate_1: 60.2`), written as a number (`result_records`).

So are recorded responses wherever they stand: mappings each naming a model beside what the
model answered (`response_records`), an API response (`"choices": [...]`, `"usage": {...}`)
or a program's cache of them (nano-graphrag's tests/fixtures/mock_cache.json, 187 entries
`{"return": "...", "model": "gpt-4o"}` under an md5 of the request): rewritten, the file
claims answers no provider gave, and the cache's keys still hash the old requests.
"""

from __future__ import annotations

import functools
import os
import re
from typing import TYPE_CHECKING

from migrate_llm.formats import config_name
from migrate_llm.openai_sdk import CONFIG_MODEL_KEYS

if TYPE_CHECKING:
    from migrate_llm.formats.document import Entry

# The kinds programs dump records in. A .env, TOML, INI or requirements file is configuration
# wherever it stands.
RECORDED_KINDS = frozenset({"json", "yaml"})
# A directory of the file's path (below its repository's root) named by one of these words,
# alone or after `_` or `-` (`results/`, `benchmark_results/`, `eval-outputs/`, `logs/`).
RECORDED_DIRECTORIES = ("results", "result", "outputs", "output", "logs", "runs")
# A file whose name (without its extension) is one of these words, alone or after `_` or `-`
# (`results.json`, `example_output.json`, `aggregate_results.yaml`, `run_log.json`).
RECORDED_FILES = ("results", "result", "outputs", "output", "logs", "log")


def recorded_output(kind: str, path: str) -> str | None:
    """What marks the file of `kind` at `path` (`/`-separated, below its repository's root) as
    recorded output: the directory (`benchmark_results/`) or the file's name
    (`example_output.json`); None for configuration."""
    if kind not in RECORDED_KINDS:
        return None
    *directories, name = path.split("/")
    for directory in directories:
        if _named(directory, RECORDED_DIRECTORIES):
            return f"{directory}/"
    name = config_name(name)  # `results.json.example` as `results.json`
    stem = name.rpartition(".")[0] or name
    return name if _named(stem, RECORDED_FILES) else None


# The top-level key of a cassette's list of recorded requests and responses: VCR.py's (written
# by pytest-recording too) `interactions`, Betamax's (and Ruby VCR's) `http_interactions`.
TRAFFIC_KEYS = ("interactions", "http_interactions")
# the key of a recorded request naming where it went
_REQUEST_URL_KEYS = ("uri", "url")
# what marks a cassette as recorded output (`ConfigDocument.recorded`)
CASSETTE = "an HTTP cassette"


def recorded_requests(kind: str, text: str, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The entries of the URLs of the requests recorded in `text` (its `entries`), a cassette
    of recorded HTTP traffic (`interactions:`, a list of `request:` with `uri:` beside
    `response:`), in order; none for any other file. Files without the word are not looked
    at."""
    if kind not in RECORDED_KINDS or "interactions" not in text:
        return ()
    urls: dict[tuple[str, str], Entry] = {}
    answered: set[tuple[str, str]] = set()
    for entry in entries:
        path = entry.path
        if len(path) < 3 or path[0] not in TRAFFIC_KEYS or not path[1].isdigit():
            continue
        if len(path) == 3 and path[2] == "response":
            answered.add((path[0], path[1]))
        elif (
            len(path) == 4
            and path[2] == "request"
            and path[3] in _REQUEST_URL_KEYS
            and entry.value is not None
            and entry.value_span is not None
        ):
            urls.setdefault((path[0], path[1]), entry)
    return tuple(e for at, e in urls.items() if at in answered)


# The measures a record of results holds beside its model: a key made of one of these, alone or
# among other words joined by `_` or `-` (aider's `pass_rate_1`, `pass_rate_2`; `test_accuracy`),
# whose value is a number. Words that also name settings (`score`: `min_score`) are not here.
RESULT_MEASURES = ("pass_rate", "accuracy", "success_rate", "win_rate", "resolve_rate")
_MEASURE = re.compile(
    r"(?:[a-z0-9]+_)*(?:" + "|".join(RESULT_MEASURES) + r")(?:_[a-z0-9]+)*", re.IGNORECASE
)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)%?")
# a number written as a YAML or JSON scalar: the token ends there
_SCALAR_NUMBER = re.compile(_NUMBER.pattern + r"[ \t]*(?:[,}\]#\r\n]|$)")


def result_records(kind: str, text: str, entries: tuple[Entry, ...]) -> str | None:
    """What marks `text` (read as `entries`) as records of results, or None: a list of
    mappings (the document, or the value of one of its top-level keys) where every mapping
    that names a model (`model:`, `model_name:`, `model_id:`) holds a measure of
    `RESULT_MEASURES` beside it, written as a number (`pass_rate_1: 60.2`, not under a key of
    its own). Shown as `records of results: pass_rate_1 beside model`."""
    if kind not in RECORDED_KINDS:
        return None
    records: dict[tuple[str, ...], dict[str, Entry]] = {}
    for entry in entries:
        path = entry.path
        if entry.key is None or not 2 <= len(path) <= 3 or not path[-2].isdigit():
            continue
        records.setdefault(path[:-1], {})[entry.key] = entry
    shown = None
    for keys in records.values():
        model = next((k for k in keys if k.lower().replace("_", "") in CONFIG_MODEL_KEYS), None)
        if model is None:
            continue
        measure = next((k for k, e in keys.items() if _measure(text, e)), None)
        if measure is None:
            return None
        shown = shown or f"records of results: {measure} beside {model}"
    return shown


# The keys of a recorded response beside its model: an API response's `choices` (a list) and
# `usage` (a mapping), a cache's `return` or `response` (what the model answered: a string or
# a mapping). A response key of a config that names a model (`response_format:`) is none.
RESPONSE_KEYS = ("choices", "usage", "return", "response")
# the key of a record that is a hash of its request (an md5, a sha1 or sha256 in hex)
_HASH = re.compile(r"[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}")


def response_records(kind: str, text: str, entries: tuple[Entry, ...]) -> str | None:
    """What marks `text` (read as `entries`) as recorded responses, or None: every mapping
    that names a model (`model:`, `model_name:`, `model_id:`, a string) holds a response key of
    `RESPONSE_KEYS` beside it, or stands beside one (`{"request": {"model": ...},
    "response": {...}}`). Shown as `recorded responses: return beside model`, and as a cache
    where the records are keyed by hashes (`a cache of recorded responses keyed by hashes`)."""
    if kind not in RECORDED_KINDS or not any(word in text for word in RESPONSE_KEYS):
        return None
    mappings: dict[tuple[str, ...], dict[str, Entry]] = {}
    filled: set[tuple[str, ...]] = set()  # the paths holding something: a list or a mapping
    lists: set[tuple[str, ...]] = set()  # the paths holding a list
    for entry in entries:
        path = entry.path
        if entry.key is not None:
            mappings.setdefault(path[:-1], {})[entry.key] = entry
        filled.update(path[:at] for at in range(1, len(path)))
        lists.update(path[:at] for at in range(1, len(path)) if path[at] == "0")
    shown, keyed = None, []
    for path, keys in mappings.items():
        model = next(
            (
                k
                for k, e in keys.items()
                if k.lower().replace("_", "") in CONFIG_MODEL_KEYS and e.value is not None
            ),
            None,
        )
        if model is None:
            continue
        response = _response_key(keys, filled, lists) or _response_key(
            mappings.get(path[:-1], {}), filled, lists
        )
        if response is None:
            return None
        shown = shown or f"{response} beside {model}"
        keyed.append(path[:1])
    if shown is None:
        return None
    if all(key and _HASH.fullmatch(key[0]) for key in keyed):
        return f"a cache of recorded responses keyed by hashes: {shown}"
    return f"recorded responses: {shown}"


def _response_key(
    keys: dict[str, Entry], filled: set[tuple[str, ...]], lists: set[tuple[str, ...]]
) -> str | None:
    """The key of `RESPONSE_KEYS` among `keys` (a mapping's entries) holding a response:
    `choices` a list, `usage` a mapping (a path of `filled` not in `lists`), `return` or
    `response` a string or either."""
    for key in RESPONSE_KEYS:
        entry = keys.get(key)
        if entry is None:
            continue
        if key == "choices" and entry.path in lists:
            return key
        if key == "usage" and entry.path in filled and entry.path not in lists:
            return key
        if key in ("return", "response") and (entry.path in filled or entry.value is not None):
            return key
    return None


def _measure(text: str, entry: Entry) -> bool:
    """Whether `entry` is a measure of a result: its key one of `RESULT_MEASURES`, its value
    a number (a non-string scalar, or a string such as `"60.2%"`)."""
    key = (entry.key or "").replace("-", "_")
    if _MEASURE.fullmatch(key) is None:
        return False
    if entry.value is not None:
        return _NUMBER.fullmatch(entry.value.strip()) is not None
    # a non-string scalar: a number, unless the text after the key says otherwise
    if entry.key_span is None:
        return False
    after = text[entry.key_span.end :].lstrip("\"' \t:")
    return _SCALAR_NUMBER.match(after) is not None


def _named(name: str, words: tuple[str, ...]) -> bool:
    name = name.lower()
    return any(name == w or name.endswith((f"_{w}", f"-{w}")) for w in words)


def project_path(shown: str, cwd: str) -> str:
    """The file `shown` (as findings show it: relative to `cwd` when under it) below its
    repository's root (the nearest directory above it holding `.git`); outside a repository,
    `shown` itself when relative, else its name: the directories above the project say
    nothing of its files."""
    full = os.path.abspath(os.path.join(cwd, shown))
    root = _repository_root(os.path.dirname(full))
    if root is not None:
        return os.path.relpath(full, root).replace(os.sep, "/")
    if not os.path.isabs(shown):
        return shown
    return os.path.basename(full)


@functools.lru_cache(maxsize=4096)
def _repository_root(directory: str) -> str | None:
    if os.path.exists(os.path.join(directory, ".git")):
        return directory
    parent = os.path.dirname(directory)
    return None if parent == directory else _repository_root(parent)
