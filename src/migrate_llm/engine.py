"""The pipeline: discover, read once, prefilter, parse once, run rules, apply edits, write.

`scan`, `check` and `apply` share it, so they cannot disagree. The engine never prints and
never exits: it returns results or raises MigrateError.
"""

from __future__ import annotations

import ast
import bisect
import contextlib
import functools
import gc
import hashlib
import itertools
import operator
import os
import re
import signal
import symtable
import sys
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from migrate_llm import held_callers, langroid_defaults, process_end
from migrate_llm import openai_sdk as sdk
from migrate_llm.azure_doubles import azure_clients_left
from migrate_llm.azure_endpoints import Use, azure_only, field_uses
from migrate_llm.base_fields import BaseEntry, base_entries, may_spread_inherited
from migrate_llm.base_url_names import holds_names, names_read
from migrate_llm.built_key_reads import BuiltRead
from migrate_llm.callee_stamps import callee_modules
from migrate_llm.caller_models import CallerModel, caller_models, inherited_owners, may_call
from migrate_llm.collector import paused, started, uncollected
from migrate_llm.config import Config
from migrate_llm.config_tables import TableDefault, defaults_of
from migrate_llm.counter_callers import Counter, counter_calls, counters, may_count, may_name
from migrate_llm.crewai_agent_configs import AgentConfig, agent_configs
from migrate_llm.deployed_keys import deploys, key_names
from migrate_llm.discover import Sharing, SourceFile, discover, ignored_untracked, shareable
from migrate_llm.edits import apply_edits, composed, conflicts, edited_starts, keeps_code
from migrate_llm.env_model_defaults import EnvDefault, env_defaults
from migrate_llm.env_readers import EnvReader, readers_of
from migrate_llm.file_models import FileModel, file_models
from migrate_llm.file_settings import FileSetting, settings_of
from migrate_llm.foreign_key_calls import (
    ForeignKeyCall,
    foreign_key_calls,
    may_call_any,
    may_give,
    top_functions,
)
from migrate_llm.formats import FORMATS, Format, kind_of
from migrate_llm.framework_heirs import FrameworkHeir, framework_bases, framework_heirs, names_base
from migrate_llm.framework_heirs import may_derive as may_derive_framework
from migrate_llm.frameworks import crewai
from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.frameworks import llamaindex as li
from migrate_llm.gitignored import (
    BuiltReads,
    Gitignored,
    built_reads,
    change_left,
    importers,
    kept_out,
    left_to_a_person,
    readers,
)
from migrate_llm.graphrag_settings import GraphragSettings, is_settings_file
from migrate_llm.graphrag_settings import settings_of as graphrag_settings_of
from migrate_llm.heir_models import HeirModel, heir_models, may_derive
from migrate_llm.held_settings import (
    HeldField,
    classes_stated,
    held_in,
    instances_stated,
    may_hold,
)
from migrate_llm.import_reach import Imported, ImportGraph, imported_file, module_parts
from migrate_llm.import_roots import module_files
from migrate_llm.key_imports import KeyImport, key_imports
from migrate_llm.key_left import key_left
from migrate_llm.kwargs_callees import spreading_callees
from migrate_llm.label_params import (
    LabelParam,
    compares_models,
    label_params,
    passed_and_imported,
)
from migrate_llm.lazy_proxies import LazyProxy, lazy_proxies, proxies_beyond
from migrate_llm.litellm_model_params import (
    ModelHop,
    Reached,
    handles_model_of,
    may_hand_model,
    may_reexport,
    package_depth,
    read_module,
)
from migrate_llm.litellm_model_params import reached as litellm_reached
from migrate_llm.lm_subclasses import (
    LmSubclass,
    builds_one,
    imported_beyond,
    lm_subclasses,
    read_beyond,
)
from migrate_llm.lock_files import StaleLock, stale_locks
from migrate_llm.model import (
    Edit,
    FileChange,
    FileError,
    FileResult,
    Finding,
    FixClass,
    LineIndex,
    ScanResult,
    Severity,
    Span,
    one_per_place,
)
from migrate_llm.model_registry import RegisteredModel, registered_models
from migrate_llm.model_table_keys import ModelKey, table_keys
from migrate_llm.model_table_reads import mentioned, table_reads
from migrate_llm.model_tables import NONE, ModelTable, ProviderMarks, TableRead, model_tables
from migrate_llm.module_requests import requests_of
from migrate_llm.patched_clients import AZURE_CLASS_NAMES, module_names, patched_clients
from migrate_llm.prefilter import (
    FrameworkImports,
    Prefilter,
    chat_models_written,
    embedding_models_named,
    prefilters,
    ruled_out,
    screened,
    worth_examining,
)
from migrate_llm.project_doubles import doubles_beyond, uncovered_tops
from migrate_llm.promptflow_connections import connection_named
from migrate_llm.promptflow_connections import may_define as may_define_connection
from migrate_llm.provider_factories import ProviderFactory, provider_factories
from migrate_llm.raw_key_callers import RawKeyCaller, raw_key_callers
from migrate_llm.readings import Readings
from migrate_llm.registry import Provider, load_registry
from migrate_llm.reread import ReadOnce, read_once, reading_once
from migrate_llm.rules.base import RuleContext
from migrate_llm.run_facts import (
    ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS,
    ASKS_MEMBER_MODEL,
    CALLS_LITELLM,
    DEFAULTS_ENV_MODEL,
    DERIVES_LM_CLASS,
    FACTS,
    HANDS_ON,
    HOLDS_CONFIG_TABLE,
    HOLDS_OPENAI_ROUTE,
    HOLDS_REQUEST_URL,
    IMPORTS_CREWAI,
    KEEPS_OPENAI_KEY,
    KEEPS_OPENAI_V0,
    KEYS_OPENAI_MODEL,
    LATER_SETTINGS,
    LOADS_DATASET_UNJUDGED,
    MARVIN_BITS,
    MAY_USE_LLAMAINDEX_DEFAULT,
    MOVES_OPENAI_KEY,
    NAMES_BASE_URL_VARIABLE,
    NAMES_CHAT_PATH,
    NAMES_MODEL_ENTRY,
    NAMES_SERVICES,
    NAMES_TOKEN_LIMIT,
    PASSES_MODEL,
    PATCHES_CLIENT,
    PINS_OLD_LANGCHAIN,
    PINS_OLD_LANGCHAIN_OPENAI,
    PROXIES_LIBRARY,
    READS_BASE_URL_FIELD,
    REGISTERS_MODELS,
    REMOVES_OPENAI_KEY,
    REQUESTS_MODULE_CLIENT,
    REQUIRES_CREWAI_ALONE,
    REQUIRES_V0_LIBRARY,
    SENDS_KEY_HEADER,
    SETS_CREWAI_MODEL,
    SETS_EMBED_MODEL,
    SETS_JUDGE_MODEL,
    SETS_LLM,
    SETS_MARVIN_MODEL,
    SETS_OPENAI,
    SETTING_BITS,
    STATES_SETTINGS_CLASS,
    STRIPS_ROUTE_PREFIX,
    USES_OPENAI_CLIENT,
    WRITES_KEY_LITERAL,
    Held,
    Judging,
    Projects,
    RunFacts,
    Search,
    endpoint_urls,
    facts_of,
    imports_any,
    key_flow_of,
    marvin_set_for,
    module_imports,
    names_chat_path,
    request_urls,
    route_prefixes,
    sends_key_header,
    settings_apart,
    settings_made,
    states_class,
    with_judge_imports,
    with_locked_crewai,
    with_v0_dependencies,
)
from migrate_llm.sent_sizes import SentSize, may_send, sizes_sent
from migrate_llm.service_names import ServiceName, known_services, service_names
from migrate_llm.setting_consumers import SettingRead, settings_given, settings_read
from migrate_llm.settings_callers import Passed, fields_passed, may_state
from migrate_llm.shared_key_defaults import SharedKeyDefault, key_defaults, provider_hosts
from migrate_llm.stand_in_writes import StandInWrite, stand_ins_of
from migrate_llm.textio import (
    SourceText,
    Stamp,
    UnreadableFile,
    binary_text,
    decode,
    python_parsed,
    read_bytes,
    read_head,
    read_stamped,
    stamp_of,
    text_of,
)
from migrate_llm.thinking_off_callees import Callee, callees, may_turn_off
from migrate_llm.token_renames import needs_completion_tokens
from migrate_llm.v0_settings import V0Setting, v0_settings
from migrate_llm.wrapper_params import WrapperParam, may_call_spreading, wrapper_params

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from migrate_llm.cache import ResultCache
    from migrate_llm.ignore_patterns import Kept
    from migrate_llm.layout import LineLengths, Style

PYTHON_RECURSION_LIMIT = 20_000
# Python's syntax tree of a file is kept while libcst reads it, to lay out its migration
# without parsing it again, up to this size (a larger file's tree would add to its peak).
KEPT_TREE_CHARACTERS = 200_000


@contextlib.contextmanager
def room_to_recurse() -> Iterator[None]:
    """libcst's visitors recurse once per nesting level (a 500-branch elif chain is 500
    levels); Python frames are cheap since 3.11, so they get room while one file is read.
    Python's own parser runs before, at the normal limit, and refuses what is deeper."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, PYTHON_RECURSION_LIMIT))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 48
CHUNK_SIZE = 16
# Screening (reading a file to see whether the rules have anything to say about it) costs
# about as much as sending the file to a worker: a pool pays only for thousands of files.
SCREEN_PARALLEL = 4000
SCREEN_CHUNK = 500

# (files done, files in all, the file now being read when this process reads it): called
# before each file read here and after each file finished.
Progress = Callable[[int, int, "Path | None"], None]
T = TypeVar("T")
S = TypeVar("S")


@dataclass(frozen=True)
class ScanOptions:
    """What to scan, for which provider, and how."""

    paths: tuple[Path, ...] = (Path("."),)
    provider: str | None = None
    region: str | None = None
    models: tuple[tuple[str, str], ...] = ()
    # an Azure OpenAI target's client: API style (v1, classic) and credential (key, entra)
    azure_api: str | None = None
    azure_auth: str | None = None
    # what is known of the files' projects beforehand (a text given alone: nothing); the
    # engine joins to it what each project's files tell (`Screened.told`)
    facts: RunFacts = field(default_factory=RunFacts)
    exclude: tuple[str, ...] = ()
    provider_dirs: tuple[Path, ...] = ()
    use_gitignore: bool = True
    jobs: int = 0  # 0: one per CPU
    cwd: Path = field(default_factory=Path.cwd)
    report_unused_ignores: bool = False
    config: Config = field(default_factory=Config)
    cache_dir: Path | None = None  # where `scan` keeps results between runs (None: no cache)


@dataclass(frozen=True)
class PlannedFile:
    """A FileChange plus what writing it safely needs: where, how to encode, what was read."""

    change: FileChange
    path: Path
    source: SourceText | None = None
    digest: str = ""


@dataclass(frozen=True)
class Plan:
    """Everything `apply` would do."""

    provider: Provider
    base_url: str
    files: int
    planned: tuple[PlannedFile, ...] = ()
    ignored: tuple[str, ...] = ()  # gitignored config files that name OpenAI
    # a litellm call of the run may take the provider's route (`_litellm_may_route`)
    litellm_routed: bool = False
    # the files apply rewrites to the openai>=1 API (`V1_REWRITES`) in a project whose
    # requirements keep openai<1 (`RunFacts.openai_v0_kept`: pins ML504 leaves to a person):
    # that code fails at import until the pins move
    v0_held: tuple[str, ...] = ()
    # lock files beside requirements files whose requirements apply changes (`uv.lock` beside
    # a pyproject.toml whose openai pin ML504 raises): apply leaves them, stale until re-locked
    stale_locks: tuple[StaleLock, ...] = ()

    @property
    def changes(self) -> tuple[FileChange, ...]:
        return tuple(p.change for p in self.planned)


class ParseFailure(Exception):
    """A file that cannot be read as its format; `line` where known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def display_path(path: Path | str, cwd: Path) -> str:
    """Relative to `cwd` when under it, with `/` separators: by the name it was found under
    when that is under `cwd`, else by where it really is (links and `..` resolved)."""
    text = os.fspath(path)
    directory, _, name = text.rpartition(os.sep)
    if not directory or name in ("", ".", "..") or not os.path.isabs(text) or text == str(cwd):
        return _displayed(Path(text), cwd)
    # what holds for a file's directory holds for the file (worked out once per directory),
    # except that a symlink resolves to somewhere else
    shown, lexical, as_given = _display_directory(directory, cwd)
    if not lexical and os.path.islink(text):
        return _displayed(Path(text), cwd)
    if shown is None:
        return f"{as_given}/{name}"
    return name if shown == "." else f"{shown}/{name}"


def _displayed(path: Path, cwd: Path) -> str:
    if path.is_absolute() and ".." not in path.parts:
        with contextlib.suppress(ValueError):
            return path.relative_to(cwd).as_posix()
    try:
        return path.resolve().relative_to(_resolved(cwd)).as_posix()
    except ValueError:
        return path.as_posix()


@functools.lru_cache(maxsize=4096)
def _display_directory(directory: str, cwd: Path) -> tuple[str | None, bool, str]:
    """The absolute `directory` as `display_path` shows it, whether that is by the name
    given (under `cwd`), and the name given with `/` separators; None when its real place is
    not under `cwd` either."""
    if os.sep == "/" and _normal(directory) and _normal(os.fspath(cwd)):
        # what `Path.relative_to` decides, by comparing the names (a POSIX path's parts are
        # its names between single slashes): no Path made, no ValueError raised and caught
        shown = _under(directory, os.fspath(cwd))
        if shown is not None:
            return shown, True, directory.rstrip("/")
        real = _under(_real_directory(directory), os.fspath(_resolved(cwd)))
        return real, False, directory.rstrip("/")
    path = Path(directory)
    as_given = path.as_posix().rstrip("/")  # the root: "" + "/" + name
    if ".." not in path.parts:
        with contextlib.suppress(ValueError):
            return path.relative_to(cwd).as_posix(), True, as_given
    try:
        real = Path(_real_directory(directory)).relative_to(_resolved(cwd)).as_posix()
        return real, False, as_given
    except ValueError:
        return None, False, as_given


def _normal(directory: str) -> bool:
    """Whether the absolute POSIX `directory` is written as `Path` writes it: no empty, `.`
    or `..` name, no slash at the end (but the root's)."""
    if directory == "/":
        return True
    if not directory.startswith("/") or directory.endswith(("/", "/.", "/..")):
        return False
    return "//" not in directory and "/./" not in directory and "/../" not in directory


def _under(directory: str, root: str) -> str | None:
    """`directory` relative to `root` (both absolute and normal), `/`-separated, "." for
    `root` itself; None when it is not under it."""
    if directory == root:
        return "."
    if root == "/":
        return directory[1:]
    if directory.startswith(root) and directory[len(root)] == "/":
        return directory[len(root) + 1 :]
    return None


@functools.lru_cache(maxsize=4096)
def _real_directory(directory: str) -> str:
    """`os.path.realpath` of an absolute `directory`, from its parent's when it is not a link
    itself: one `lstat` a directory, where `realpath` makes one for each of its parents."""
    parent, _, name = directory.rpartition(os.sep)
    if not parent or name in ("", ".", "..") or ".." in parent.split(os.sep):
        return os.path.realpath(directory)
    if os.path.islink(directory):
        return os.path.realpath(directory)
    return os.path.join(_real_directory(parent), name)


@functools.lru_cache(maxsize=8)
def _resolved(directory: Path) -> Path:
    return directory.resolve()


@dataclass(frozen=True)
class Examined:
    """One file's findings (fix classes settled), its migrated text and the findings the
    migration fixes (the very objects of `findings`); `failure` when the migrated text would
    not parse (nothing is written)."""

    findings: list[Finding]
    after: str
    fixed: list[Finding]
    failure: ParseFailure | None = None
    problems: tuple[FileError, ...] = ()  # parts not scanned (a notebook cell that won't parse)


def settle_fix(finding: Finding, fixed: bool) -> Finding:
    """The finding with the fix class of what `apply` does: safe/review only when the
    migration rewrites it; otherwise manual, or none for a note (information only)."""
    if fixed:
        return finding if finding.fix.rewritten else replace(finding, fix=FixClass.SAFE)
    if not finding.fix.rewritten:
        return finding
    fix = FixClass.NONE if finding.severity is Severity.NOTE else FixClass.MANUAL
    return replace(finding, fix=fix)


def _disagreeing(
    text: str, found: list[Finding], done: Set[int], settled: list[Finding]
) -> list[Finding]:
    """`settled` (the settled `found`, of `text`), each finding whose edit apply left out as
    another rewrites the same code otherwise (`edits.conflicts`) saying so: a rule's word
    that apply writes its edit would be false. None should: the rules leave such code to a
    person."""
    with_edits = [i for i, f in enumerate(found) if f.edit is not None]
    clashing = conflicts(text, [cast("Edit", found[i].edit) for i in with_edits])
    if not clashing:
        return settled
    settled = list(settled)
    for k, others in clashing.items():
        i = with_edits[k]
        if id(found[i]) in done:
            continue  # inside an edit that was applied
        rules = sorted({found[with_edits[o]].rule for o in others})
        message = (
            f"{settled[i].message}; but apply leaves it: {', '.join(rules)} rewrites the same "
            "code otherwise, so change it by hand (and report this to migrate-llm: its rules "
            "disagree)"
        )
        settled[i] = replace(settled[i], message=message)
    return settled


class FileScanner:
    """Scans or migrates one file at a time for one target; one instance per process."""

    def __init__(
        self,
        ctx: RuleContext,
        cwd: Path,
        report_unused: bool = False,
        config: Config | None = None,
    ) -> None:
        self.ctx = ctx
        self.cwd = cwd
        self.report_unused = report_unused
        self.config = config or Config()
        self.filters = _prefilters(ctx)
        self._python_filter = self.filters["python"]
        self.framework_imports = FrameworkImports(self._python_filter)
        self._line_lengths: LineLengths | None = None
        # the text `_check_python` parsed last and Python's syntax tree of it, kept (for a
        # text of at most KEPT_TREE_CHARACTERS) for laying out its migration
        self._parsed: tuple[str, ast.Module] | None = None
        # the next file examined is the last before the process ends (`process_end`): the
        # cycle collector leaves its tree alone (a fourteenth of the scan of a 50,000-line
        # file), but for a long file whose migration is previewed (`previews`; see
        # `_check_python`)
        self.last = False
        self.previews = False
        # the sha256 of the bytes of the next file that the run's prefilter let through
        # (`Screened.passed`): those very bytes are not screened again (a notebook's JSON, with
        # its outputs, took a fortieth of a scan)
        self.passed = ""
        self._told: dict[RunFacts, RuleContext] = {ctx.facts: ctx}

    def tell(self, facts: RunFacts) -> None:
        """Examine the next files knowing what the files of their project tell (`facts`)."""
        if facts is not self.ctx.facts:
            told = self._told.get(facts)
            if told is None:
                told = self._told[facts] = replace(self.ctx, facts=facts)
            self.ctx = told

    def findings(
        self, kind: str, name: str, text: str, path: Path | None = None
    ) -> list[Finding] | None:
        """Unsuppressed findings for `text`, each with the fix class of what `apply` does with
        it; None when the prefilter rules the file out."""
        examined = self.examine(kind, name, text, path)
        return None if examined is None else examined.findings

    def examine(
        self,
        kind: str,
        name: str,
        text: str,
        path: Path | None = None,
        laid_out: bool = True,
        screened: bool = False,
    ) -> Examined | None:
        """The findings and what `apply` makes of them, computed once for `scan` and `apply`:
        a finding is safe or review only when this very migration rewrites it. Without
        `laid_out` (`scan`, which writes nothing), the migrated text is checked to parse but
        not laid out (see `migrate_text`): what is fixed is the same. `screened`: the run's
        prefilter let `text` through already (it is not asked again)."""
        if FORMATS[kind].notebook:
            from migrate_llm.notebooks import examine_notebook

            return examine_notebook(self, name, text, path, laid_out, screened)
        if "\r" in text and "\n" not in text:
            # Old Mac line endings: the parser counts a lone CR as a line break, so the text
            # is examined with LF (same length, same positions) and written back with CR.
            lf = text.replace("\r", "\n")
            examined = self.examine(kind, name, lf, path, laid_out, screened)
            if examined is None:
                return None
            return replace(examined, after=examined.after.replace("\n", "\r"))
        found = self.reported(kind, name, text, screened=screened)
        if found is None:
            return None
        fixed: list[Finding]
        after, fixed, failure = text, [], None
        parsed, self._parsed = self._parsed, None
        tree = parsed[1] if parsed is not None and parsed[0] is text else None
        if any(f.edit is not None for f in found):
            try:
                length, quote = self.style_for(path) if laid_out else (0, '"')  # not laid out
                where = str(path.parent) if path is not None else None
                after, fixed = migrate_text(
                    text, kind, name, found, length, tree, laid_out, quote, where
                )
            except ParseFailure as exc:
                failure = exc
        settled, kept = self.settled(found, fixed, text)
        return Examined(settled, after, kept, failure)

    def settled(
        self, found: list[Finding], fixed: list[Finding], text: str
    ) -> tuple[list[Finding], list[Finding]]:
        """`found` (on `text`) with the fix classes of what this migration does (see
        `settle_fix`; `_disagreeing`), and those of them it fixes; without a provider there
        is no migration to read them off, so the rules' word stands."""
        if self.ctx.provider is None:
            return found, []
        done = {id(f) for f in fixed}
        settled = [settle_fix(f, id(f) in done) for f in found]
        settled = _disagreeing(text, found, done, settled)
        return settled, [s for f, s in zip(found, settled, strict=True) if id(f) in done]

    @property
    def line_lengths(self) -> LineLengths:
        # made when first needed, with its module: a run that only screens never is
        if self._line_lengths is None:
            from migrate_llm.layout import LineLengths

            self._line_lengths = LineLengths()
        return self._line_lengths

    def line_length_for(self, path: Path | None) -> int:
        """The line length configured for `path` (for the current directory without one)."""
        return self.style_for(path).length

    def style_for(self, path: Path | None) -> Style:
        """The line length and quote configured for `path` (for the current directory
        without one)."""
        directory = self.cwd if path is None else path.resolve().parent
        return self.line_lengths.style_of(directory)

    def reported(
        self,
        kind: str,
        name: str,
        text: str,
        line_label: Callable[[int], str] | None = None,
        tree: ast.Module | None = None,
        screened: bool = False,
        v1_pin: str = "",
    ) -> list[Finding] | None:
        """What the rules report, suppressions applied; None when the prefilter rules the file
        out. `line_label` names lines in messages (a notebook's cells); `tree`: Python's tree
        of `text`, when the caller has it; `screened`: the prefilter let `text` through
        already (the run's screening of the file's bytes); `v1_pin`: see
        `PythonContext.v1_pin`."""
        if (
            not screened
            and not worth_examining(self.filters, kind, text, self.report_unused)
            and not (
                FORMATS[kind].python
                and (
                    self.may_use_llamaindex_defaults(text)
                    or self.builds_lm_subclass(text)
                    or self.calls_through_proxy(text)
                    or self.calls_spreading(text)
                    or self.hands_model_to_litellm(text)
                    or self.sends_key_to_request_url(text)
                    or self.holds_heirs_base(name)
                    or self.holds_framework_heir(name)
                )
            )
            and not self.builds_shared_settings(kind, text)
        ):
            return None
        unused_wanted = self.report_unused and "migrate-llm:" in text
        found: list[Finding] = []
        if FORMATS[kind].python:
            found += self._check_python(text, line_label, tree, name, v1_pin)
        if FORMATS[kind].config:
            found += self._check_config(kind, name, text)
            if kind == "yaml" and "<<" in text:
                found += self._heredoc_findings(name, text)
        from migrate_llm.suppress import apply_suppressions

        found = [f for f in found if not self.config.ignores(name, f.rule, self.cwd)]
        kept, table = apply_suppressions(found, text)
        kept = one_per_place(kept)
        if unused_wanted:
            from migrate_llm.rules.suppressions import unused_findings

            kept = sorted(kept + unused_findings(table), key=lambda f: (f.line, f.column, f.rule))
        return kept

    def _heredoc_findings(self, name: str, text: str) -> list[Finding]:
        """What the Python rules report on the scripts a YAML file's literal blocks write or
        run through a heredoc (`heredoc_scripts`), placed in the file, left to a person (a
        script apply does not edit: `settle_fix`); a script Python cannot parse is passed
        over."""
        from migrate_llm.formats import FormatError
        from migrate_llm.formats.document import ConfigDocument
        from migrate_llm.heredoc_scripts import heredoc_scripts, may_hold_scripts

        if not may_hold_scripts(text):  # parsed again only where a script may be
            return []
        try:
            doc = ConfigDocument.read(name, "yaml", text)
        except FormatError:
            return []  # `_check_config` says so
        found: list[Finding] = []
        for script in heredoc_scripts(doc):
            try:
                reported = self._check_python(script.text, None, None, name)
            except ParseFailure:
                continue
            found += (settle_fix(script.place(f), fixed=False) for f in reported)
        self._parsed = None
        return found

    def _check_python(
        self,
        text: str,
        line_label: Callable[[int], str] | None = None,
        tree: ast.Module | None = None,
        name: str = "",
        v1_pin: str = "",
    ) -> list[Finding]:
        # the collector stays off from Python's parse on: collections during the parse walked
        # its tree again and again (350,000 nodes in a 50,000-line file: half the parse's time)
        # Frozen rather than collected: the whole tree would be walked once more for no
        # garbage (a twelfth of a `check` of one 300-line file). Not a long file's tree when a
        # migration is previewed: that parses the file again, and the first tree, left
        # uncollected, doubled the peak (a 50,000-line file's `apply`: 792 MB, not 476 MB).
        # Once a long file's tree is collected, what is left is frozen all the same (its
        # findings, walked by every collection of its migration and its report).
        freeze = self.last and (not self.previews or len(text) <= FROZEN_PREVIEW_CHARACTERS)
        with uncollected(collect=not freeze, last=self.last):
            return self._python_findings(text, line_label, tree, name, v1_pin)

    def _python_findings(
        self,
        text: str,
        line_label: Callable[[int], str] | None,
        tree: ast.Module | None,
        name: str,
        v1_pin: str = "",
    ) -> list[Finding]:
        # Python's own parser first: it is fast, it is the grammar the code runs with, and it
        # refuses what would make libcst recurse for minutes or crash the process (50,000
        # chained `+`, thousands of nested calls).
        self._parsed = None
        try:
            tree = ast.parse(text) if tree is None else tree
        except SyntaxError as exc:
            # what newer syntax gets: "invalid syntax" (`type X = int`), or an f-string's
            # own message (`f"{"-".join(x)}"`, 3.12)
            newer = (
                _newer_syntax(text)
                if exc.msg == "invalid syntax" or exc.msg.startswith("f-string")
                else ""
            )
            raise ParseFailure(f"syntax error: {exc.msg}{newer}", exc.lineno) from None
        except (RecursionError, MemoryError):
            raise ParseFailure("too deeply nested for Python to parse") from None
        if (
            not self._python_filter.in_code(text, tree)
            and not (
                self._python_filter.framework_passes(text)
                and self.framework_imports.reach(tree, text)
            )
            and not self.may_use_llamaindex_defaults(text, tree, name.endswith(".ipynb"))
            and not self.builds_lm_subclass(text)
            and not self.calls_through_proxy(text)
            and not self.calls_spreading(text)
            and not self.hands_model_to_litellm(text)
            and not self.sends_key_to_request_url(text)
            and not self.holds_heirs_base(name)
            and not self.holds_framework_heir(name)
        ):
            # OpenAI named in comments only, a framework import that leads nowhere the
            # framework rules look
            return []

        import libcst

        from migrate_llm.rules import module_pieces, python_rules
        from migrate_llm.rules.python import check_python

        # A syntax tree has at most about two nodes per character of source (`-x`: a
        # UnaryOp, its USub, a Name and its Load) plus the module's own: the nodes are
        # counted only when the text is long enough for them to reach the limit.
        need = 0
        cuts = module_pieces.cuts(text, tree)
        statements = module_pieces.statement_lines(tree.body)
        if (NODES_PER_CHARACTER * len(text) + 64) * BYTES_PER_NODE > FILE_MEMORY:
            per_node = BYTES_PER_NODE_IN_PIECES if cuts else BYTES_PER_NODE
            need = _node_count(tree) * per_node
        self._parsed = (text, tree) if len(text) <= KEPT_TREE_CHARACTERS else None
        del tree
        if need > FILE_MEMORY:
            raise ParseFailure(
                f"skipped: reading it would take about {need / 2**30:.1f} GiB of memory, over "
                f"the {FILE_MEMORY / 2**30:g} GiB allowed for one file; left as it was"
            )
        try:
            with room_to_recurse():
                path = os.path.join(self.cwd, name) if name else ""
                return check_python(
                    text, self.ctx, python_rules(), line_label, cuts, path, statements, v1_pin
                )
        except libcst.ParserSyntaxError as exc:
            raise ParseFailure(f"syntax error: {exc.message}", exc.raw_line) from None
        except RecursionError as exc:
            if not _recursed_in_libcst(exc):
                raise  # a rule's own: an internal error (`_internal`), not the file's nesting
            raise ParseFailure("too deeply nested to parse") from None

    def builds_lm_subclass(self, text: str) -> bool:
        """Whether a Python text names a class of its project deriving from DSPy's legacy
        class (`RunFacts.lm_subclasses`): ML640 checks where it builds one."""
        classes = self.ctx.facts.lm_subclasses
        return bool(classes) and builds_one(text, {c.name for c in classes})

    def holds_heirs_base(self, name: str) -> bool:
        """Whether the module `name` holds a class whose request subclasses of other modules
        of its project send through the client they set (`RunFacts.heir_models`): ML115
        checks it with their models."""
        heirs = self.ctx.facts.heir_models
        path = os.path.join(self.cwd, name) if name else ""
        return bool(heirs) and any(h.module == path for h in heirs)

    def holds_framework_heir(self, name: str) -> bool:
        """Whether the module `name` defines a subclass of a project class deriving from a
        LangChain OpenAI class (`RunFacts.framework_heirs`): ML601 checks where it is built."""
        heirs = self.ctx.facts.framework_heirs
        path = os.path.join(self.cwd, name) if name else ""
        return bool(heirs) and any(h.module == path for h in heirs)

    def calls_through_proxy(self, text: str) -> bool:
        """Whether a Python text of a project defining a lazy stand-in for litellm
        (`RunFacts.lazy_proxies`) calls litellm with a model, as through it."""
        return bool(self.ctx.facts.lazy_proxies) and (
            fw_litellm.CALL_TEXT.search(text.encode("utf-8", "surrogateescape")) is not None
        )

    def hands_model_to_litellm(self, text: str) -> bool:
        """Whether a Python text of a project handing a parameter on to litellm's model
        (`RunFacts.litellm_model_params`) may call or define such a function or class
        (`handles_model_of`): ML640 and ML204 check the model it gives."""
        params = self.ctx.facts.litellm_model_params
        if not params:
            return False
        data = text.encode("utf-8", "surrogateescape")
        return handles_model_of(data, {name for _, name, _ in params})

    def calls_spreading(self, text: str) -> bool:
        """Whether a Python text may call a function of its project that spreads a mapping
        parameter into a request (`WrapperParam.spread`), or sends the `min()` / `max()` of one
        as `n=` (`WrapperParam.bound`), or that sends a keyword ML111 reports the presence of
        (`PRESENCE_KEYWORDS`: `functions=`): ML111 checks the entries, the `n` or the keywords
        it passes."""
        params = self.ctx.facts.wrapper_params
        names = frozenset(p.function for p in params if p.checked_at_callers)
        return bool(names) and may_call_spreading(text, names)

    def builds_shared_settings(self, kind: str, text: str) -> bool:
        """Whether a YAML, TOML or JSON text names the base-URL field of a settings class of
        its project sharing the provider's key as a default (`RunFacts.shared_key_defaults`):
        ML502 reads its entries (`_config_entries` lets such files through)."""
        shared = self.ctx.facts.shared_key_defaults
        return kind in _ENTRY_KINDS and any(d.url_field in text for d in shared)

    def sends_key_to_request_url(self, text: str) -> bool:
        """Whether a Python text sends a key in a request's headers (`sends_key_header`) and
        holds OpenAI's or the provider's URL or a chat path, or its project holds a module with
        such a URL (`RunFacts.request_url_held`), in a run moving to another provider: ML403
        reads the key a raw request sends there (`_key_senders` lets through only the modules
        importing one)."""
        urls = self._request_urls
        if urls is None:
            return False
        data = text.encode("utf-8", "surrogateescape")
        if not sends_key_header(data):
            return False
        return self.ctx.facts.request_url_held or urls(data) or names_chat_path(data)

    @functools.cached_property
    def _request_urls(self) -> Held | None:
        return _request_urls(self.ctx)

    def may_use_llamaindex_defaults(
        self, text: str, tree: ast.Module | None = None, notebook: bool = False
    ) -> bool:
        """Whether LlamaIndex code may use a default model nothing sets for it (with
        `tree`, Python's tree of `text`: judged on its calls, not only on the names). A
        `notebook`'s own settings count for it (ML612 reports none it sets itself)."""
        unset = self.ctx.facts.llamaindex_unset
        if not unset or "llama_index" not in text or not li.uses_default_text(text):
            return False
        if notebook:
            unset = unset - settings_made(text.encode("utf-8", "surrogateescape"))
            if not unset:
                return False
        if tree is None:
            return True
        from migrate_llm.llamaindex_triage import may_use_defaults

        return may_use_defaults(tree, unset)

    def _check_config(self, kind: str, name: str, text: str) -> list[Finding]:
        from migrate_llm.formats import FormatError
        from migrate_llm.formats.recorded import RECORDED_KINDS, project_path
        from migrate_llm.rules.config_files import check_config

        # where it stands in its project tells a program's recorded output from its settings
        within = project_path(name, str(self.cwd)) if kind in RECORDED_KINDS else None
        try:
            return check_config(name, text, self.ctx, kind=kind, within=within)
        except FormatError as exc:
            raise ParseFailure(f"cannot parse {kind}: {exc}", exc.line) from None

    def scan(self, source: SourceFile) -> FileResult:
        try:
            with time_budget(FILE_SECONDS):
                return self._scan(source)
        except Exception as exc:  # one file's bug must not end the run: report it there
            shown = display_path(source.path, self.cwd)
            return FileResult(shown, error=FileError(shown, _internal(exc)))

    def migrate(self, source: SourceFile) -> PlannedFile:
        try:
            with time_budget(FILE_SECONDS):
                return self._migrate(source)
        except Exception as exc:
            shown = display_path(source.path, self.cwd)
            change = FileChange(shown, "", "", error=FileError(shown, _internal(exc)))
            return PlannedFile(change, source.path)

    def _scan(self, source: SourceFile) -> FileResult:
        shown = display_path(source.path, self.cwd)
        passed, self.passed = self.passed, ""
        form = FORMATS[source.kind]
        try:
            data = _read(source.path, form)
        except UnreadableFile as exc:
            return FileResult(shown, error=FileError(shown, str(exc)))
        digest = hashlib.sha256(data).hexdigest()
        screened = digest == passed
        try:
            decoded = binary_text(data) if form.binary else decode(data, form.coding_cookie)
            text = decoded.text
            examined = self.examine(source.kind, shown, text, source.path, False, screened)
        except UnreadableFile as exc:
            return FileResult(shown, error=FileError(shown, str(exc)), digest=digest)
        except ParseFailure as exc:
            error = FileError(shown, exc.message, exc.line)
            return FileResult(shown, error=error, digest=digest)
        if examined is None:
            return FileResult(shown, digest=digest)
        found = tuple(f.at_path(shown) for f in examined.findings)
        return FileResult(shown, found, _one_error(examined.problems), True, digest)

    def _migrate(self, source: SourceFile) -> PlannedFile:
        shown = display_path(source.path, self.cwd)
        passed, self.passed = self.passed, ""
        try:
            form = FORMATS[source.kind]
            if form.binary:
                data = read_head(source.path, form.max_bytes)
                decoded = binary_text(data)
            else:
                size = source.path.stat().st_size
                if size > form.max_bytes:
                    raise UnreadableFile(
                        f"skipped: {size / 1048576:.1f} MiB is over the size limit"
                    )
                data = source.path.read_bytes()
                decoded = decode(data, python=form.coding_cookie)
        except (OSError, UnreadableFile) as exc:
            reason = str(exc) if isinstance(exc, UnreadableFile) else (exc.strerror or str(exc))
            change = FileChange(shown, "", "", error=FileError(shown, reason))
            return PlannedFile(change, source.path)
        digest = hashlib.sha256(data).hexdigest()
        change = self.migrate_text(
            decoded.text, source.kind, shown, shown, source.path, screened=digest == passed
        )
        return PlannedFile(change, source.path, decoded, digest)

    def migrate_text(
        self,
        text: str,
        kind: str,
        name: str,
        shown: str,
        path: Path | None = None,
        screened: bool = False,
    ) -> FileChange:
        """The migrated text of one file; on any failure the text is left as it was.

        Lines are wrapped to the line length configured for `path` (for the current
        directory without one). `screened`: as for `examine`.
        """
        try:
            examined = self.examine(kind, name, text, path, screened=screened)
        except ParseFailure as exc:
            return FileChange(shown, text, text, error=FileError(shown, exc.message, exc.line))
        if examined is None or not examined.findings:
            return FileChange(shown, text, text)
        found = tuple(f.at_path(shown) for f in examined.findings)
        # found by identity: a search of the list for each was quadratic in the findings
        at = {id(f): i for i, f in enumerate(examined.findings)}
        fixed = tuple(found[at[id(f)]] for f in examined.fixed)
        if examined.failure is not None:
            error = FileError(shown, examined.failure.message, examined.failure.line)
            return FileChange(shown, text, text, found, error=error)
        problems = tuple(replace(p, path=shown) for p in examined.problems)
        return FileChange(shown, text, examined.after, found, fixed, problems=problems)


def _newer_syntax(text: str) -> str:
    """A hint when code this Python rejects is valid in a newer one (`type X = int` on 3.11)."""
    import libcst

    try:
        libcst.parse_module(text, config=libcst.PartialParserConfig(python_version="3.12"))
    except Exception:
        return ""
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    return f" for Python {running}; it needs a newer Python: run migrate-llm with that one"


def _recursed_in_libcst(exc: RecursionError, last: int = 64) -> bool:
    """Whether most of the innermost `last` calls of `exc`'s traceback were libcst's (a deeply
    nested file), not those of a rule recursing without end on an ordinary one."""
    files: list[str] = []
    tb = exc.__traceback__
    while tb is not None:
        files.append(tb.tb_frame.f_code.co_filename)
        tb = tb.tb_next
    inner = files[-last:]
    return sum(f"{os.sep}libcst{os.sep}" in name for name in inner) * 2 > len(inner)


def _internal(exc: Exception) -> str:
    """What a file's unexpected failure says: enough to report it, nothing of the text."""
    if isinstance(exc, FileTooSlow):
        return f"skipped: still being read after {FILE_SECONDS:g} s; left as it was"
    return f"internal error ({type(exc).__name__}); left as it was: please report it"


# One file may take this long; a pathological one is then skipped, not the run stalled.
FILE_SECONDS = 120.0
# ... and about this much memory: libcst's tree and its metadata take about 4 KiB for each
# node of Python's own syntax tree (measured: 10,000 lines, 140,000 nodes, 500 MB), half as
# much for a module parsed in pieces (`rules/module_pieces.py`: the parser's own state of the
# whole text was most of it; measured: 50,000 lines, 350,000 nodes, 1.1 GB whole, 440 MB in
# pieces).
FILE_MEMORY = 1.5 * 2**30
BYTES_PER_NODE = 4096
BYTES_PER_NODE_IN_PIECES = 2048
# The longest text whose trees are left uncollected when it is the last file and its
# migration is previewed (`FileScanner._check_python`): a few MB of tree at most.
FROZEN_PREVIEW_CHARACTERS = 200_000
# More than the nodes Python's syntax tree can have for one character of source (see
# FileScanner._check_python).
NODES_PER_CHARACTER = 4


def _node_count(tree: ast.AST) -> int:
    """The nodes `ast.walk(tree)` yields (a node met twice counted twice), in less than half
    its time: a 50,000-line module has 350,000."""
    count = 1
    stack = [tree]
    pop, push = stack.pop, stack.append
    node_type = ast.AST
    while stack:
        node = pop()
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, node_type):
                count += 1
                push(value)
            elif value.__class__ is list:
                for item in value:
                    if isinstance(item, node_type):
                        count += 1
                        push(item)
    return count


class FileTooSlow(Exception):
    """Raised inside the work on one file when its time budget is spent."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise FileTooSlow in the block after `seconds` (Unix, main thread; else no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if seconds <= 0 or not usable:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise FileTooSlow()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _one_error(problems: Sequence[FileError]) -> FileError | None:
    """The parts of a file that were not scanned, said as one error (the first one's line)."""
    if not problems:
        return None
    return FileError(problems[0].path, "; ".join(p.message for p in problems), problems[0].line)


def migrate_text(
    text: str,
    kind: str,
    name: str,
    findings: Sequence[Finding],
    line_length: int = 88,
    tree: ast.Module | None = None,
    laid_out: bool = True,
    quote: str = '"',
    directory: str | None = None,
) -> tuple[str, list[Finding]]:
    """Apply the findings' edits in one pass; return the new text and the findings it fixes.

    A finding is fixed when its edit is applied, also when written into an outer edit whose
    text keeps the code it rewrites (`edits.composed`: ML402's URL inside the base URL ML003
    keeps), or, when its rule says apply rewrites it, when it lies inside an applied edit
    (the key inside a rewritten client call). Edits that disagree (`edits.conflicts`: one
    span rewritten two ways) are not applied. The result must parse, or ParseFailure is
    raised.
    Every newline the edits write is the file's own; Python code is then laid out as the
    project's linters want it (see `_laid_out`; `tree`: `ast.parse(text)` when the caller
    has it, never changed). `line_length` defaults to ruff's and black's, as in `layout`;
    `quote` is the one string literals the edits write take where they can (`with_quote`);
    `directory`, the file's, tells the project's own imports (`layout.join_import_runs`).
    Without `laid_out` the edited text is only checked to parse: a scan writes nothing, and
    laying code out changes none of what is fixed (a sixth of a scan of a framework tree).
    """
    from migrate_llm.layout import newline_of, with_newline, with_quote

    newline = newline_of(text)
    edits = [f.edit for f in findings if f.edit is not None]
    clashing = conflicts(text, edits)
    if clashing:  # rules that disagree: apply takes none of their edits (see `settled`)
        edits = [e for i, e in enumerate(edits) if i not in clashing]
    whole, went = composed(text, edits)  # inner edits written into the outer ones keeping them
    # an edit whose text keeps its newlines is itself (a copy of each made `scan` slower)
    written = [
        e if (t := with_newline(e.text, newline)) is e.text else replace(e, text=t) for e in whole
    ]
    python = FORMATS[kind].python
    quoted = written
    if python and laid_out and quote != '"':
        quoted = [
            e if (t := with_quote(e.text, quote)) == e.text else replace(e, text=t) for e in written
        ]
    after, taken = apply_edits(text, quoted)
    if quoted is not written:
        after = _requoted(text, written, after)
    if not taken:
        return text, []
    outers = set(taken)
    within = sorted(j for j, i in went.items() if i in outers)  # written in the outer ones
    applied = [edits[i] for i in taken] + [edits[j] for j in within]
    lines = LineIndex(text)
    fixed = []
    done = set(applied)  # equal edits count as applied, as `in applied` would say
    covering = _Covering([e.span for e in applied if e.span.start < e.span.end])
    outer_texts = [(edits[i].span, written[i].text) for i in taken]
    for finding in findings:
        start = lines.offset(finding.line, finding.column)
        end = lines.offset(finding.end_line, finding.end_column)
        if (finding.edit is not None and finding.edit in done) or (
            finding.fix.rewritten
            and covering.covers(start, end)
            and not _kept_unedited(text, finding.edit, outer_texts)
        ):
            fixed.append(finding)
    if python:
        # where each import is needed: the edit's place in the new text, or None for an edit
        # with setup statements (module-level code that uses what it imports)
        starts = edited_starts(written, taken)
        starts.update({j: starts[went[j]] for j in within})
        imports = [
            (None if written[i].setup else starts[i], with_newline(s, newline))
            for i in [*taken, *within]
            for s in written[i].imports
        ]
        setup = [with_quote(with_newline(s, newline), quote) for e in applied for s in e.setup]
        if laid_out:
            after = _laid_out(text, after, imports, setup, line_length, tree, directory)
        else:
            # the collector off: the tree holds no cycle and goes at once, and collections
            # during the parse walked it again and again (a 50,000-line module's: 1.3 s, not
            # 0.4 s)
            with paused():
                _parses(after)
    else:
        _validate_config(kind, after)
    return after, fixed


def _requoted(text: str, written: list[Edit], after: str) -> str:
    """`after` (`text` with `written` applied, their literals requoted: same length, same
    positions) unless it means other code than the edits as written do: an edit's text that
    continues a literal of `text` would be misread alone (then the edits as written)."""
    from migrate_llm.layout import _parse

    plain, _ = apply_edits(text, written)
    if plain == after:
        return after
    try:
        same = ast.dump(_parse(plain)) == ast.dump(_parse(after))
    except SyntaxError:
        same = False
    return after if same else plain


def _kept_unedited(text: str, edit: Edit | None, outers: Sequence[tuple[Span, str]]) -> bool:
    """Whether `edit` (a finding's, not applied) lies in an applied outer edit (its span and
    text) that keeps the code it rewrites (`edits.keeps_code`) without it written in: an outer
    edit whose code copied twice leaves it no one place (`edits.composed`), so apply leaves
    that code as it was."""
    if edit is None or edit.span.start == edit.span.end:
        return False
    span = edit.span
    code = text[span.start : span.end]
    return any(
        o.start <= span.start and span.end <= o.end and keeps_code(new, code, edit.text)
        for o, new in outers
    )


class _Covering:
    """Whether one of a set of spans contains a range: the spans sorted by start, with the
    furthest end reached among each prefix (one binary search a question, where trying
    every span made `apply` quadratic in the findings of a file)."""

    def __init__(self, spans: Sequence[Span]) -> None:
        ordered = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in ordered]
        self.reach = list(itertools.accumulate((s.end for s in ordered), max))

    def covers(self, start: int, end: int) -> bool:
        """Whether some span has span.start <= start and end <= span.end."""
        count = bisect.bisect_right(self.starts, start)
        return count > 0 and self.reach[count - 1] >= end


def _laid_out(
    before: str,
    text: str,
    imports: list[tuple[int | None, str]],
    setup: list[str],
    line_length: int,
    tree: ast.Module | None = None,
    directory: str | None = None,
) -> str:
    """`text` (the edited `before`) with the imports and setup statements its edits need
    (each import with the place in `text` that needs it, see `add_function_imports`),
    without the imports the edits left unused, and with the changed lines that grew past
    `line_length` wrapped; raises ParseFailure unless the edited text is valid Python."""
    from migrate_llm.imports import (
        add_function_imports,
        add_imports,
        add_setup,
        remove_unused_imports,
    )
    from migrate_llm.layout import Trees, collapse_blank_lines, join_import_runs, wrap_long_lines

    trees = Trees(before, tree=tree)  # each text parsed once; none kept after this returns
    _parses(text, trees.parse)
    with room_to_recurse():
        text, module_imports = add_function_imports(text, imports, line_length, trees)
        text = add_setup(add_imports(text, module_imports, line_length, trees), setup, trees)
        text = remove_unused_imports(before, text, trees)
        text = collapse_blank_lines(before, text, trees)
        text = join_import_runs(before, text, trees, directory)
        return wrap_long_lines(before, text, line_length, trees)


def _parses(text: str, parse: Callable[[str], object] | None = None) -> None:
    """Raise ParseFailure unless the edited `text` is valid Python (`parse`: the function
    parsing it, by default one that only checks it, `_checked_parse`)."""
    try:
        (parse or _checked_parse)(text)
    except SyntaxError as exc:
        raise ParseFailure(
            f"the migrated code would not parse ({exc.msg}); left unchanged", exc.lineno
        ) from None


def _checked_parse(text: str) -> None:
    """`ast.parse(text)` for its verdict only: `symtable` parses the text with the same parser
    and without building Python's syntax tree objects (a 50,000-line module: 0.25 s, not
    0.4 s); anything it refuses (its own checks too, a nonlocal at module level) is parsed
    again by `ast.parse`, whose error is the one told."""
    try:
        symtable.symtable(text, "<migrated>", "exec")
    except Exception:
        ast.parse(text)


def _validate_config(kind: str, text: str) -> None:
    from migrate_llm.formats import FormatError, read_entries

    if FORMATS[kind].reader is None:
        return
    try:
        read_entries(kind, text)
    except FormatError as exc:
        raise ParseFailure(
            f"the migrated {kind} would not parse ({exc}); left unchanged", exc.line
        ) from None


def _context(options: ScanOptions) -> RuleContext:
    registry = load_registry(options.provider_dirs)
    provider = registry.get(options.provider) if options.provider else None
    if provider is not None:
        provider.base_url_for(options.region)  # an unknown region fails here, once
    return RuleContext(
        registry,
        provider,
        options.region,
        dict(options.models),
        azure_api=options.azure_api,
        azure_auth=options.azure_auth,
        facts=options.facts,
    )


# A screening's flags as a forked process reports them (`Screener._report`): worth examining,
# stamped (screened afresh and read, with a stamp sent), fresh (screened afresh), then its
# facts as far as eight bytes hold them; the facts above those go apart, for the few files
# holding any
_STAMPED = 2
_FRESH = 4
_FACTS_AT = 3
_LOW_BITS = 64 - _FACTS_AT
_LOW_FACTS = (1 << _LOW_BITS) - 1
# the flags of a file screening took a digest of: worth examining, or maybe let through
_WITH_DIGEST = 1 | MAY_USE_LLAMAINDEX_DEFAULT << _FACTS_AT
_DIGESTED = _WITH_DIGEST | _STAMPED  # made one by one (`Screener._receive`)


class Screening(NamedTuple):
    """What one read of a file learned before any file is examined: whether the rules may
    have something to say about it (an unreadable file too: examining it says why), what it
    tells of its project (`facts`), and, when it was read, its stamp and, when it may be
    examined, the sha256 of its bytes. (A tuple: a large tree makes one a file.)"""

    worth: bool
    facts: int = 0
    stamp: Stamp | None = None
    digest: str = ""

    @classmethod
    def kept(cls, entry: list, path: str) -> Screening | None:
        """The screening `entry` keeps (`ResultCache.screenings`) if the file at `path` has
        the stamp it had then; None when it changed, is gone, or the entry is damaged."""
        # compared field by field: a large unchanged tree makes this most of a run
        try:
            status = os.stat(path)
            if (
                entry.__class__ is list
                and len(entry) == 7
                and entry[3] == status.st_mtime_ns
                and entry[2] == status.st_size
                and entry[4] == status.st_ctime_ns
                and entry[5] == status.st_ino
            ):
                worth, facts, digest = entry[0], entry[1], entry[6]
                if worth.__class__ is bool and facts.__class__ is int and 0 <= facts < FACTS:
                    stamp = stamp_of(status)
                    return cls(worth, facts, stamp, digest if isinstance(digest, str) else "")
        except (OSError, TypeError):
            pass
        return None


@dataclass(frozen=True)
class Screened:
    """The files the prefilter lets through to the rules (with their screenings, and what
    the files of each one's project tell of it: `Screening.facts` joined per project, see
    `Projects`) and those it rules out. A module that may use LlamaIndex's default models is
    let through when no file of its project sets one of them, or when the modules setting it
    at their top level are not itself nor imported by it (`settings_apart`): only then is it
    read again to see (in most trees that name LlamaIndex, some file sets them)."""

    worth: tuple[SourceFile, ...]
    ruled_out: tuple[SourceFile, ...]
    verdicts: tuple[Screening, ...] = ()
    told: tuple[RunFacts, ...] = ()
    # by file of `worth`: the sha256 of the bytes the prefilter itself let through ("" for
    # a file let through for a default model or a DSPy subclass, or unread), which
    # `FileScanner` then does not screen again
    passed: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        sources: Sequence[SourceFile],
        verdicts: Sequence[Screening],
        known: RunFacts,
        cwd: Path | None = None,
        rules: RuleContext | None = None,
        readings: Readings | None = None,
        paths: Sequence[Path] = (),
    ) -> Screened:
        """`known`: what is known of every project beforehand (`ScanOptions.facts`); `cwd`:
        where the names of files the facts hold are shown from (`display_path`); `rules`:
        the run's rule context, with which the modules handing parameters on to requests
        are read again (`wrapper_params`; not without it); `readings`: where the modules
        read again are kept read (a run with a cache: `_screened_cached`); `paths`: those the
        run was given, beyond which the test modules of their projects are read for doubles
        of a client class (`project_doubles`; none without them). Each file the passes read
        again is read once for all of them, and each module parsed once (`reread`)."""
        with reading_once() as reads:
            return cls._of(sources, verdicts, known, cwd, rules, readings, paths, reads)

    @classmethod
    def _of(
        cls,
        sources: Sequence[SourceFile],
        verdicts: Sequence[Screening],
        known: RunFacts,
        cwd: Path | None,
        rules: RuleContext | None,
        readings: Readings | None,
        paths: Sequence[Path],
        reads: ReadOnce,
    ) -> Screened:
        # most files of a large tree are ruled out and tell nothing: passed over at once
        # (a module ruled out that only gives a model tells nothing unless a project has a
        # function sending one: `_caller_models` looks at it then)
        noted = [
            i for i, verdict in enumerate(verdicts) if verdict[0] or verdict[1] & ~PASSES_MODEL
        ]
        projects = Projects(sources if noted else ())
        bits: dict[str, int] = {}  # by project root
        # the directories of the .env files setting crewAI's model, by project root: such a
        # file counts for the modules in its directory and below, not for their siblings
        model_envs: dict[str, list[str]] = {}
        # the files setting a LlamaIndex default model inside a function, by project root
        set_in: dict[str, frozenset[tuple[str, str]]] = {}
        # the Python modules setting one at their top level, by project root, then by model
        set_top: dict[str, dict[str, list[str]]] = {}
        # the files named in the facts, by their bits, then by project root: the
        # requirements files pinning langchain-openai below its text embeddings setting,
        # those requiring crewai without its litellm extra, and those pinning langchain below
        # a base URL; the modules holding an `openai:` model string
        named: dict[int, dict[str, frozenset[str]]] = {
            PINS_OLD_LANGCHAIN_OPENAI: {},
            REQUIRES_CREWAI_ALONE: {},
            PINS_OLD_LANGCHAIN: {},
            HOLDS_OPENAI_ROUTE: {},
        }
        # the modules setting pydantic_evals' default judge model and those loading a dataset
        # without setting it, by project root
        judging: dict[str, Judging] = {}
        # the modules importing marvin, by project root, with what each tells of its default
        # model (`marvin_set_for`)
        marvin: dict[str, list[tuple[tuple[str, str], int]]] = {}
        # the Python modules that may hold a table of defaults, by project root
        table_modules: dict[str, list[SourceFile]] = {}
        # the Python modules that may hand a parameter on to a request, by project root
        wrapper_modules: dict[str, list[SourceFile]] = {}
        # the Python modules that may default an environment read to a model, by project root
        default_modules: dict[str, list[SourceFile]] = {}
        # the Python modules that may define a field of OpenAI's key or store it, by root
        key_modules: dict[str, list[SourceFile]] = {}
        # the Python modules that may leave a read of OpenAI's key to a class of OpenAI's
        # (`KEEPS_OPENAI_KEY`), by root
        kept_modules: dict[str, list[SourceFile]] = {}
        # the Python modules and notebooks naming a token limit (`NAMES_TOKEN_LIMIT`), by root
        token_modules: dict[str, list[SourceFile]] = {}
        # the Python modules reading a setting named like OpenAI's base-URL variable, by root
        endpoint_modules: dict[str, list[SourceFile]] = {}
        # the modules and notebooks that may request through openai's module client, by root
        request_modules: dict[str, list[SourceFile]] = {}
        # the config files that may hold a table keyed by OpenAI model, by root
        keyed_files: dict[str, list[SourceFile]] = {}
        # the config files that may name a model entry, by root
        model_files: dict[str, list[SourceFile]] = {}
        # the Python modules that may bind a dict display keyed by OpenAI model, by root
        keyed_modules: dict[str, list[SourceFile]] = {}
        # the Python modules that may double or read a module's OpenAI client class, by root
        patch_modules: dict[str, list[SourceFile]] = {}
        # the Python modules that may pick a service by its name, by root
        service_modules: dict[str, list[SourceFile]] = {}
        # the Python modules stating a pydantic settings class, by root (`_settings_bases`)
        settings_modules: dict[str, list[SourceFile]] = {}
        # the Python modules that may define a class deriving from DSPy's legacy class
        lm_modules: dict[str, list[SourceFile]] = {}
        # the Python modules that may define a lazy stand-in for litellm, by root
        proxy_modules: dict[str, list[SourceFile]] = {}
        # the Python modules that may register models, by root
        registry_modules: dict[str, list[SourceFile]] = {}
        # the Python modules building an OpenAI client, by root (`_thinking_off_callees`)
        client_modules: dict[str, list[SourceFile]] = {}
        # the Python modules holding OpenAI's URL, by root (`raw_key_callers`)
        url_modules: dict[str, list[SourceFile]] = {}
        # the Python modules importing crewAI, by root (`_crewai_agent_configs`)
        crewai_modules: dict[str, list[SourceFile]] = {}
        # the Python modules setting openai's configuration, by root (`_v0_settings`)
        configuring_modules: dict[str, list[SourceFile]] = {}
        # the routing prefixes the Python modules strip off a string, by root
        stripped: dict[str, frozenset[str]] = {}
        both = SETS_LLM | SETS_EMBED_MODEL
        # the flags sending a Python module to a pass parsing it: one with two or more is
        # parsed once for them all (`reread`)
        parsing: tuple[int, ...] = _PARSING_FLAGS
        if rules is not None and rules.provider is not None and rules.switching:
            parsing += (USES_OPENAI_CLIENT,)  # `_provider_factories`
        if _thinking_switch(rules) is not None:
            parsing += (USES_OPENAI_CLIENT,)
        shared: list[str] = []
        for i in noted:
            if found := verdicts[i][1]:
                name = sources[i][0]
                root = projects.root(name)
                if sources[i].kind == "python" and sum(1 for f in parsing if found & f) > 1:
                    shared.append(name)
                if found & SETS_CREWAI_MODEL:
                    model_envs.setdefault(root, []).append(name.rpartition(os.sep)[0])
                    found &= ~SETS_CREWAI_MODEL
                if found & HOLDS_CONFIG_TABLE:
                    table_modules.setdefault(root, []).append(sources[i])
                if found & HANDS_ON:
                    wrapper_modules.setdefault(root, []).append(sources[i])
                if found & DEFAULTS_ENV_MODEL:
                    default_modules.setdefault(root, []).append(sources[i])
                if found & MOVES_OPENAI_KEY:
                    key_modules.setdefault(root, []).append(sources[i])
                if found & KEEPS_OPENAI_KEY:
                    kept_modules.setdefault(root, []).append(sources[i])
                if found & STATES_SETTINGS_CLASS:
                    settings_modules.setdefault(root, []).append(sources[i])
                if found & NAMES_TOKEN_LIMIT:
                    token_modules.setdefault(root, []).append(sources[i])
                if found & READS_BASE_URL_FIELD:
                    endpoint_modules.setdefault(root, []).append(sources[i])
                if found & REQUESTS_MODULE_CLIENT:
                    request_modules.setdefault(root, []).append(sources[i])
                if found & KEYS_OPENAI_MODEL:
                    keyed = keyed_modules if sources[i].kind == "python" else keyed_files
                    keyed.setdefault(root, []).append(sources[i])
                if found & NAMES_MODEL_ENTRY:
                    model_files.setdefault(root, []).append(sources[i])
                if found & PATCHES_CLIENT:
                    patch_modules.setdefault(root, []).append(sources[i])
                if found & NAMES_SERVICES:
                    service_modules.setdefault(root, []).append(sources[i])
                if found & DERIVES_LM_CLASS:
                    lm_modules.setdefault(root, []).append(sources[i])
                if found & PROXIES_LIBRARY:
                    proxy_modules.setdefault(root, []).append(sources[i])
                if found & REGISTERS_MODELS:
                    registry_modules.setdefault(root, []).append(sources[i])
                if found & USES_OPENAI_CLIENT and sources[i].kind == "python":
                    client_modules.setdefault(root, []).append(sources[i])
                if found & HOLDS_REQUEST_URL and sources[i].kind == "python":
                    url_modules.setdefault(root, []).append(sources[i])
                if found & STRIPS_ROUTE_PREFIX and sources[i].kind == "python":
                    data = _read_again(sources[i])
                    if data is not None:
                        stripped[root] = stripped.get(root, frozenset()) | route_prefixes(data)
                if found & IMPORTS_CREWAI and sources[i].kind == "python":
                    crewai_modules.setdefault(root, []).append(sources[i])
                if found & SETS_OPENAI and sources[i].kind == "python":
                    configuring_modules.setdefault(root, []).append(sources[i])
                if found & MARVIN_BITS:  # counted for each module apart
                    marvin.setdefault(root, []).append((sources[i], found & MARVIN_BITS))
                    found &= ~MARVIN_BITS
                if found & LATER_SETTINGS:
                    shown = name if cwd is None else display_path(name, cwd)
                    setting = {(model, shown) for model, _, bit in SETTING_BITS if found & bit}
                    set_in[root] = set_in.get(root, frozenset()) | setting
                if found & both:
                    models = set_top.setdefault(root, {})
                    for model, bit, _ in SETTING_BITS:
                        if found & bit:
                            models.setdefault(model, []).append(name)
                if found & (SETS_JUDGE_MODEL | LOADS_DATASET_UNJUDGED):
                    setters, loaders = judging.setdefault(root, ([], []))
                    if found & SETS_JUDGE_MODEL:
                        if sources[i].kind == "python":  # a notebook is not imported
                            setters.append(name)
                    else:
                        loaders.append(sources[i])
                for bit, files in named.items():
                    if found & bit:
                        shown = name if cwd is None else display_path(name, cwd)
                        files[root] = files.get(root, frozenset()) | {shown}
                bits[root] = bits.get(root, 0) | found
        reads.share(shared)
        with_locked_crewai(bits, projects.roots)
        with_v0_dependencies(bits, sources, projects.root)
        with_judge_imports(bits, judging)
        marvin_set = marvin_set_for(marvin)
        tables = _table_defaults(table_modules, bits, cwd, readings)
        file_settings = _file_settings(table_modules, bits, cwd, readings)
        wrappers = (
            _wrapper_params(wrapper_modules, rules, cwd, readings) if rules is not None else {}
        )
        defaults = _env_model_defaults(default_modules, bits, rules, cwd, readings)
        callers = _caller_models(
            wrappers, tables, sources, verdicts, projects, bits, known, rules, cwd, readings
        )
        counted_in = _counter_calls(sources, verdicts, projects, rules, cwd, readings)
        for root, counted in counted_in.items():
            callers[root] = callers.get(root, frozenset()) | counted
        held = _held_callers(sources, verdicts, projects, rules, cwd, readings)
        for root, counted in held.items():
            callers[root] = callers.get(root, frozenset()) | counted
        key_flows = _key_flows(key_modules, bits, cwd)
        raw_callers = _raw_key_callers(url_modules, rules, cwd)
        foreign_calls = _foreign_key_calls(sources, verdicts, projects, rules, cwd, readings)
        imported_keys = _key_imports(url_modules, rules, cwd)
        azure_ends = _azure_endpoints(endpoint_modules, bits, known, rules, cwd)
        renamed_settings = _settings_renamed(
            key_modules, key_flows, bits, known, rules, cwd, readings
        )
        setting_modules = _setting_modules(renamed_settings, sources, projects)
        settings_left = _settings_left(
            setting_modules, key_flows, renamed_settings, bits, known, rules, cwd
        )
        # the key settings clients move with: followable, given nowhere apply leaves, and
        # imported by no module holding an OpenAI URL apply leaves (ML401 leaves their reads)
        settings_renamed = {
            root: found[1]
            - {(f, b) for f, b, _ in settings_left.get(root, ())}
            - _kept_imports(found[1], imported_keys.get(root, frozenset()))
            for root, found in renamed_settings.items()
        }
        # read where no module sets openai's configuration: ML102 configures it nowhere else
        module_requests = _read_modules_again(
            request_modules, cwd, requests_of, lambda root: not bits.get(root, 0) & SETS_OPENAI
        )
        model_keys = _model_table_keys(keyed_files, bits, rules, cwd, readings)
        file_models = _file_models(model_files, bits, rules, cwd, readings)
        held_tables = _model_tables(keyed_modules, rules, cwd, readings)
        registered = _registered_models(registry_modules, rules, cwd, readings)
        agent_configs = _crewai_agent_configs(crewai_modules, rules, cwd)
        v0_set = _v0_settings(configuring_modules, bits, rules, cwd)
        tables_of = _in_one_tree(held_tables)
        if held_tables:  # else no project holds a table: nothing read of one
            tables_of = _with_table_reads(tables_of, sources, projects.root, cwd, readings)
        # what a run without a provider writes no key read for (`key_tolerant`) needs none
        patched: dict[str, frozenset[str]] = {}
        if rules is not None and rules.provider is not None:
            patched = _read_modules_again(patch_modules, cwd, patched_clients)
            if paths and cwd is not None and any(b & USES_OPENAI_CLIENT for b in bits.values()):
                beyond = doubles_beyond(paths, cwd, readings)
                patched = _with_doubles_beyond(patched, beyond, sources, projects)
        azure_left = _azure_clients_left(patched, sources, projects, bits, known, rules, cwd)
        services = _service_names(service_modules, rules, cwd, readings)
        proxies = _lazy_proxies(proxy_modules, sources, verdicts, projects, cwd, paths)
        lm_classes = _lm_subclasses(lm_modules, sources, projects, rules, cwd, paths, readings)
        # ruled out, but may use a default nothing sets for it, or build a class of the
        # project deriving from DSPy's legacy class, or call litellm through a stand-in of
        # the project (examined with a digest of its bytes)
        let_through = _let_through(lm_classes, proxies, wrappers, sources, verdicts, projects)
        # and what the project hands on to litellm's model (`_litellm_model_params`): the
        # modules calling or defining such a function or class (ML640, ML204)
        litellm_params = _litellm_model_params(sources, verdicts, projects, rules, cwd, readings)
        let_through.update(_litellm_handlers(litellm_params, sources, verdicts, projects))
        # or may send a key to OpenAI's or the provider's URL in a raw request (ML403)
        senders = _key_senders(noted, sources, verdicts, projects, rules, cwd, paths)
        for i in senders:  # its URL's module may be beyond the run (`request_url_held`)
            root = projects.root(sources[i].name)
            bits[root] = bits.get(root, 0) | HOLDS_REQUEST_URL
        let_through.update(senders)
        # the callees apply fills with the provider's key: their bytes key each result of
        # their project (ML401 switches a caller's base-URL read going there)
        switching = rules is not None and rules.provider is not None and rules.switching
        spreaders = _kwargs_callees(client_modules) if switching else {}
        settings_bases = _settings_bases(settings_modules) if switching else {}
        holders = _member_holders(client_modules, bits) if switching else {}
        # the modules a key test's or a test's callee may be read in: their bytes key each
        # result of their project (`callee_stamps`)
        callees_read = (
            callee_modules(
                (
                    (projects.root(s.name), s.name, v.facts, v.stamp)
                    for s, v in zip(sources, verdicts, strict=True)
                    if s.kind == "python"
                ),
                switching,
            )
            if rules is not None
            else {}
        )
        base_built = _base_entries(sources, verdicts, projects, cwd) if switching else {}
        # the subclasses of the project's LangChain subclasses, and their modules (ML601)
        framework_heirs_of, heir_modules = _framework_heirs(sources, verdicts, projects, cwd)
        let_through.update(heir_modules)
        heirs: dict[str, frozenset[HeirModel]] = {}
        if switching:
            # and the base classes' modules whose requests subclasses of another module send
            heirs, bases = _heir_models(client_modules, sources, verdicts, projects, cwd)
            let_through.update(bases)
        shared_keys = _shared_key_defaults(sources, verdicts, projects, rules, cwd) if noted else {}
        let_through.update(_config_entries(shared_keys, sources, verdicts, projects))
        if let_through:
            verdicts = list(verdicts)
            for i, digest in let_through.items():
                verdicts[i] = verdicts[i]._replace(worth=True, digest=digest)
            noted = sorted({*noted, *let_through})
        graphrag = _graphrag_settings(sources, projects, rules, cwd)
        connections = _promptflow_connections(sources, verdicts, rules, cwd)
        switched = _thinking_off_callees(client_modules, rules, cwd, readings)
        factories_of = _provider_factories(client_modules, known, rules, cwd, readings)
        labelled = _label_params(sources, verdicts, projects, rules, cwd, readings)
        key_reads = _key_names_read(sources, verdicts, projects, rules, cwd) if noted else {}
        base_reads = _base_url_names_read(sources, verdicts, projects, rules, cwd)
        sizes = _sizes_sent(sources, verdicts, projects, rules, cwd) if noted else {}
        passed = _settings_passed(sources, verdicts, projects, rules, cwd) if noted else {}
        held_of = _settings_held(sources, verdicts, projects, known, rules, cwd) if noted else None
        langroid = _langroid_defaults(sources, verdicts, projects, rules) if noted else {}
        if rules is not None and kept_modules:
            # the fact counts only for a project's .env files (ML501)
            # and for those of the projects it lies in (a .env above the code: R2R's py/)
            envs = {projects.root(s.name) for s in sources if s.kind == "dotenv"}
            kept_modules = {
                root: found for root, found in kept_modules.items() if _env_reach(root, envs)
            }
            _with_keys_left(kept_modules, bits, known, rules, cwd)
            for env in envs:
                if any(
                    _env_reach(root, {env}) and bits[root] & KEEPS_OPENAI_KEY
                    for root in kept_modules
                ):
                    bits[env] = bits.get(env, 0) | KEEPS_OPENAI_KEY
        readers = (
            _env_readers(sources, verdicts, projects, bits, known, rules, cwd) if noted else {}
        )
        stand_ins = (
            _stand_in_writes(sources, verdicts, projects, bits, known, rules, cwd) if noted else {}
        )
        if rules is not None and token_modules:
            _with_token_renames(token_modules, bits, known, rules, cwd)
        # the modules apply may edit for a key fill a caller's base URL follows (`filled_callees`)
        client_paths = {
            root: frozenset(os.path.abspath(m.name) for m in listed)
            for root, listed in client_modules.items()
        }
        worth: list[SourceFile] = []
        kept: list[Screening] = []
        told: list[RunFacts] = []
        prefiltered: list[str] = []  # `passed`
        # one value each: a pool's chunk pickles it once
        # the facts of each project, by what they are made of (a file's own `apart` included)
        by_bits: dict[tuple[object, ...], RunFacts] = {}
        # each project's Python modules and their imports, read where a setting is looked
        # for through them (`settings_apart`)
        graphs: dict[str, ImportGraph] | None = None
        for i in noted:
            verdict, source = verdicts[i], sources[i]
            if not verdict.worth and not verdict.facts & MAY_USE_LLAMAINDEX_DEFAULT:
                continue
            root = projects.root(source.name)
            project = bits.get(root, 0)
            if root in model_envs and _below_any(source.name, model_envs[root]):
                project |= SETS_CREWAI_MODEL
            if source.name in marvin_set:
                project |= SETS_MARVIN_MODEL
            tops = set_top.get(root) if source.kind in _CODE_KINDS else None
            elsewhere = _set_elsewhere(tops, verdict.facts) if tops else {}
            apart: frozenset[tuple[str, str]] = frozenset()
            # read again where it may use a default set elsewhere: few files of a few projects
            data = _read_again(source) if elsewhere else None
            if data is not None and b"llama_index" in data and li.uses_default(data):
                if graphs is None:
                    graphs = _import_graphs(sources, projects)
                graph = graphs.get(root)
                missing = settings_apart(source.name, source.kind, data, elsewhere, graph)
                for model, bit, _ in SETTING_BITS:
                    if model in missing:
                        project &= ~bit
                apart = frozenset(
                    (model, name if cwd is None else display_path(name, cwd))
                    for model in missing
                    for name in elsewhere[model]
                )
            if not verdict.worth and project & both != both and verdict.digest:
                # screening saw it call what may use a default (`MAY_USE_LLAMAINDEX_DEFAULT`)
                verdict = verdict._replace(worth=True)
                let_through[i] = verdict.digest
            if not verdict.worth:
                continue
            worth.append(source)
            kept.append(verdict)
            prefiltered.append("" if i in let_through else verdict.digest)
            flow = key_flows.get(root, (frozenset(), frozenset(), frozenset(), frozenset()))
            given: dict[str, Any] = {  # `RunFacts.of_bits`'s given fields
                "llamaindex_set_in": set_in.get(root, frozenset()),
                "langchain_openai_pinned_in": named[PINS_OLD_LANGCHAIN_OPENAI].get(
                    root, frozenset()
                ),
                "crewai_litellm_missing_in": named[REQUIRES_CREWAI_ALONE].get(root, frozenset()),
                "llamaindex_set_apart": apart,
                "langchain_pinned_in": named[PINS_OLD_LANGCHAIN].get(root, frozenset()),
                "openai_routes_in": named[HOLDS_OPENAI_ROUTE].get(root, frozenset()),
                "config_defaults": tables.get(root, frozenset()),
                "wrapper_params": wrappers.get(root, frozenset()),
                "env_model_defaults": defaults.get(root, frozenset()),
                "openai_key_fields": flow[0],
                "openai_key_stored_in": flow[1],
                "built_key_fields": flow[2],
                "openai_key_settings": flow[3],
                "azure_endpoint_fields": azure_ends.get(root, frozenset()),
                "settings_left": settings_left.get(root, frozenset()),
                "settings_renamed": settings_renamed.get(root, frozenset()),
                "module_requests": module_requests.get(root, frozenset()),
                "model_table_keys": model_keys.get(root, frozenset()),
                "config_file_settings": file_settings.get(root, frozenset()),
                "config_file_models": file_models.get(root, frozenset()),
                "model_tables": tables_of(root),
                "patched_clients": patched.get(root, frozenset()),
                "route_prefixes": stripped.get(root, frozenset()),
                "azure_clients_left": azure_left.get(root, frozenset()),
                "service_names": services.get(root, frozenset()),
                "lm_subclasses": lm_classes.get(root, frozenset()),
                "thinking_off_callees": switched.get(root, frozenset()),
                "graphrag_settings": graphrag.get(root, frozenset()),
                "promptflow_connections": connections,
                "key_names_read": key_reads.get(root, frozenset()),
                "settings_fields_passed": passed.get(root, frozenset()),
                "langroid_defaults": langroid.get(root, frozenset()),
                "lazy_proxies": proxies.get(root, frozenset()),
                "registered_models": registered.get(root, frozenset()),
                "caller_models": callers.get(root, frozenset()),
                "client_modules": client_paths.get(root, frozenset()),
                "kwargs_callees": frozenset(
                    (path, digest, tuple(sorted(names)))
                    for path, digest, names in spreaders.get(root, ())
                ),
                "shared_key_defaults": nested_defaults(shared_keys, root),
                "base_entries": base_built.get(root, frozenset()),
                "heir_models": heirs.get(root, frozenset()),
                "framework_heirs": framework_heirs_of.get(root, frozenset()),
                "crewai_agent_configs": agent_configs.get(root, frozenset()),
                "v0_settings": v0_set.get(root, frozenset()),
                "raw_key_callers": raw_callers.get(root, frozenset()),
                "foreign_key_calls": foreign_calls.get(root, frozenset()),
                "key_imports": imported_keys.get(root, frozenset()),
                "base_url_names_read": base_reads.get(root, frozenset()),
                "settings_bases": settings_bases.get(root, frozenset()),
                "member_holders": holders.get(root, frozenset()),
                "callee_modules": callees_read.get(root, frozenset()),
                "sizes_sent": sizes.get(root, frozenset()),
                **_litellm_facts(litellm_params.get(root)),
                "env_readers": readers.get(root, frozenset()),
                "stand_in_writes": stand_ins.get(root, frozenset()),
            }
            given["provider_factories"] = factories_of(root, bits.get(root, 0), given)
            if held_of is not None:
                given["settings_fields_held"] = held_of(root, bits.get(root, 0), given)
            given["label_params"] = labelled.get(root, frozenset())
            key = (project, *given.values())
            facts = by_bits.get(key)
            if facts is None:
                facts = by_bits[key] = known.joined(RunFacts.of_bits(project, **given))
            told.append(facts)
        ruled_out = [s for s, verdict in zip(sources, verdicts, strict=True) if not verdict[0]]
        if let_through:
            ruled_out = [
                s for i, s in enumerate(sources) if not verdicts[i][0] and i not in let_through
            ]
        return cls(tuple(worth), tuple(ruled_out), tuple(kept), tuple(told), tuple(prefiltered))


def _with_doubles_beyond(
    patched: dict[str, frozenset[str]],
    beyond: Mapping[str, frozenset[str]],
    sources: Sequence[SourceFile],
    projects: Projects,
) -> dict[str, frozenset[str]]:
    """`patched` (by project root) with the doubles the tests of the projects holding the
    run's modules hold outside the paths given (`doubles_beyond`, by the project's
    directory): for each project of a module in that directory."""
    if not beyond:
        return patched
    tops = [(top.rstrip(os.sep) + os.sep, names) for top, names in beyond.items()]
    held: dict[str, set[str]] = {}
    for source in sources:
        if source.kind == "python":
            name = os.path.normpath(source.name)
            for top, names in tops:
                if name.startswith(top):
                    held.setdefault(projects.root(source.name), set()).update(names)
    found = dict(patched)
    for root, more in held.items():
        found[root] = found.get(root, frozenset()) | more
    return found


def _raw_key_callers(
    modules: dict[str, list[SourceFile]], rules: RuleContext | None, cwd: Path | None
) -> dict[str, frozenset[RawKeyCaller]]:
    """The calls the Python modules holding OpenAI's URL (`modules`, by root) make giving
    another module's function a key a raw request keeps (`raw_key_callers`), where the run
    switches provider."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}

    def read(module: str, shown: str, data: bytes) -> list[RawKeyCaller]:
        return raw_key_callers(module, shown, data, rules)

    return _read_modules_again(modules, cwd, read)


def _foreign_key_calls(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[ForeignKeyCall]]:
    """The calls the Python modules of a project make giving a function of another of its
    modules a value naming OpenAI (`foreign_key_calls`), by project root, where the run
    switches provider (kept in `readings` where given)."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    read = _kept(readings, "foreign_key_calls", "", ForeignKeyCall, foreign_key_calls)
    # the callers need not be worth examining themselves (main.py's `make(m,
    # args.openai_api_key)`): every Python module of a project with one that is
    # examined, and only where one of its calls names a top-level function of one examined
    defined: dict[str, set[str]] = {}  # by root
    for source, raw in _python_worth(sources, verdicts, lambda _: True):
        defined.setdefault(projects.root(source.name), set()).update(top_functions(raw))
    callable_ = {root: may_call_any(names) for root, names in defined.items() if names}
    found: dict[str, set[ForeignKeyCall]] = {}
    for source in sources:
        root = projects.root(source.name)
        if source.kind != "python" or root not in callable_:
            continue
        data = _read_again(source)
        if data is None or not may_give(data) or not callable_[root](data):
            continue
        module, shown = _named_again(source, cwd)
        calls = read(module, shown, data)
        if calls:
            found.setdefault(projects.root(source.name), set()).update(calls)
    return {root: frozenset(calls) for root, calls in found.items()}


def _kept_imports(
    settings: frozenset[tuple[str, str]], imported: frozenset[KeyImport]
) -> frozenset[tuple[str, str]]:
    """The key settings of `settings` (module as found, name) that a module holding an OpenAI
    URL apply leaves imports (`imported`, `key_imports`): ML401 leaves their reads there
    (`imported_keys.sent_import`), so a client given one stays with it."""
    kept = {(k.module, k.name) for k in imported if k.openai}
    return frozenset(s for s in settings if (os.path.abspath(s[0]), s[1]) in kept)


def _key_imports(
    modules: dict[str, list[SourceFile]], rules: RuleContext | None, cwd: Path | None
) -> dict[str, frozenset[KeyImport]]:
    """The names the Python modules holding OpenAI's URL or the provider's (`modules`, by
    root) import from another module of the project (`key_imports`), where the run switches
    provider."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}

    def read(module: str, shown: str, data: bytes) -> list[KeyImport]:
        return key_imports(module, shown, data, rules)

    return _read_modules_again(modules, cwd, read)


def _holding(bits: Mapping[str, int], wanted: int) -> Callable[[str], bool]:
    """The `roots` test of `_read_modules_again` taking the projects whose facts (`bits`, by
    root) hold one of the `wanted` bits."""
    return lambda root: bool(bits.get(root, 0) & wanted)


def _read_modules_again(
    modules: dict[str, list[SourceFile]],
    cwd: Path | None,
    read: Callable[[str, str, bytes], Iterable[T]],
    roots: Callable[[str], bool] = lambda _: True,
) -> dict[str, frozenset[T]]:
    """What `read` finds in the modules of each project (`modules`, by root; only the
    projects `roots` accepts), read again: called with the module's path as
    `PythonContext.path` names a module examined from `cwd` (`_python_findings`), its name
    as shown and its bytes. A project where it finds nothing is left out."""
    found: dict[str, frozenset[T]] = {}
    for root, sources in modules.items():
        if not roots(root):
            continue
        entries: list[T] = []
        for source in sources:
            data = _read_again(source)
            if data is None:
                continue
            module, shown = _named_again(source, cwd)
            entries += read(module, shown, data)
        if entries:
            found[root] = frozenset(entries)
    return found


def _table_defaults(
    modules: dict[str, list[SourceFile]],
    bits: dict[str, int],
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[TableDefault]]:
    """The entries of the tables of defaults the modules of each project (`modules`, by
    root) hold (`config_tables.defaults_of`), read again where the project uses an OpenAI
    client (`bits`): few modules of few projects (kept in `readings` where given)."""
    read = (
        defaults_of
        if readings is None
        else readings.read("defaults_of", "", TableDefault, defaults_of)
    )
    return _read_modules_again(modules, cwd, read, _holding(bits, USES_OPENAI_CLIENT))


def _file_settings(
    modules: dict[str, list[SourceFile]],
    bits: dict[str, int],
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[FileSetting]]:
    """OpenAI's key and base URL the modules of each project (`modules`, by root) read from a
    settings file they load (`file_settings.settings_of`), read again where the project uses
    an OpenAI client (`bits`): few modules of few projects (kept in `readings` where given)."""
    read = (
        settings_of
        if readings is None
        else readings.read("file_settings", "", FileSetting, settings_of)
    )
    return _read_modules_again(modules, cwd, read, _holding(bits, USES_OPENAI_CLIENT))


# a project's key fields, modules storing OpenAI's key, fields read under a built name
_KeyFlow = tuple[
    frozenset[tuple[str, str]],
    frozenset[str],
    frozenset[tuple[str, BuiltRead]],
    frozenset[tuple[str, str, str, str]],
]


def _key_flows(
    modules: dict[str, list[SourceFile]], bits: dict[str, int], cwd: Path | None
) -> dict[str, _KeyFlow]:
    """The fields of OpenAI's key, the modules storing it and the fields set from a read
    under a built name (`key_flow_of`) of each project (`modules`, by root), read again where
    the project uses an OpenAI client (`bits`): few modules of few projects."""
    found: dict[str, _KeyFlow] = {}
    for root, sources in modules.items():
        if not bits.get(root, 0) & USES_OPENAI_CLIENT:
            continue
        fields: set[tuple[str, str]] = set()
        stored: set[str] = set()
        built: set[tuple[str, BuiltRead]] = set()
        settings: set[tuple[str, str, str, str]] = set()
        for source in sources:
            data = _read_again(source)
            if data is None:
                continue
            shown = source.name if cwd is None else display_path(source.name, cwd)
            named, stores, reads, bound = key_flow_of(shown, data)
            fields |= named
            built |= reads
            settings |= {(source.name, shown, name, variable) for name, variable in bound}
            if stores:
                stored.add(shown)
        found[root] = (
            frozenset(fields),
            frozenset(stored),
            frozenset(built),
            frozenset(settings),
        )
    return found


def _azure_endpoints(
    modules: dict[str, list[SourceFile]],
    bits: dict[str, int],
    known: RunFacts,
    rules: RuleContext | None,
    cwd: Path | None,
) -> dict[str, frozenset[tuple[str, str]]]:
    """The settings each project (`modules`, by root) gives only as the endpoint of an Azure
    client or class apply leaves (`azure_endpoints`), read again, with what the project's
    files tell (`known` joined), where the run switches provider: few modules of few
    projects."""
    if rules is None or not rules.switching:
        return {}
    found: dict[str, frozenset[tuple[str, str]]] = {}
    for root, sources in modules.items():
        told = replace(rules, facts=known.joined(RunFacts.of_bits(bits.get(root, 0))))

        def read(module: str, shown: str, data: bytes, told: RuleContext = told) -> list[Use]:
            return field_uses(module, shown, data, told)

        uses = _read_modules_again({root: sources}, cwd, read).get(root, frozenset())
        if only := azure_only(uses):
            found[root] = only
    return found


def _setting_modules(
    renamed: dict[str, tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]],
    sources: Sequence[SourceFile],
    projects: Projects,
) -> dict[str, list[SourceFile]]:
    """The Python modules of each project one of whose settings ML401 renames (`renamed`,
    by root: `_settings_renamed`), by root: those that may give it to a client or a raw
    request (`setting_consumers`); few projects."""
    roots = {root for root, (found, _) in renamed.items() if found}
    if not roots:
        return {}
    found: dict[str, list[SourceFile]] = {}
    for source in sources:
        if source.kind == "python" and (root := projects.root(source.name)) in roots:
            found.setdefault(root, []).append(source)
    return found


def _told(
    root: str,
    bits: dict[str, int],
    known: RunFacts,
    rules: RuleContext,
    settings: frozenset[tuple[str, str, str, str]],
    **more: frozenset[tuple[str, str]],
) -> RuleContext:
    """The run's rule context, told what the project at `root` holds and its settings."""
    facts = RunFacts.of_bits(bits.get(root, 0), openai_key_settings=settings, **more)
    return replace(rules, facts=known.joined(facts))


def _settings_renamed(
    modules: dict[str, list[SourceFile]],
    flows: dict[str, _KeyFlow],
    bits: dict[str, int],
    known: RunFacts,
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]]:
    """Of the settings of each project (`key_flow_of`, in `flows` by root; read in
    `modules`), the (module as found, name) of those whose read ML401 renames, run on their
    module with what the project's files tell (a raw request there sending it to OpenAI keeps
    it), and of the key settings the clients given one move with (`setting_consumers.
    settings_read`; kept in `readings` where given)."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    found: dict[str, tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]] = {}
    for root, sources in modules.items():
        settings = flows.get(root, (frozenset(),) * 4)[3]
        if not settings:
            continue
        told = _told(root, bits, known, rules, settings)
        renamed: list[tuple[str, str]] = []
        keys: list[tuple[str, str]] = []
        for source in sources:
            names = {b: v for f, _, b, v in settings if f == source.name}
            data = _read_again(source) if names else None
            if data is None:
                continue

            def read(
                module: str,
                shown: str,
                data: bytes,
                names: dict[str, str] = names,
                told: RuleContext = told,
            ) -> list[SettingRead]:
                return settings_read(module, data, names, told)

            kept = (
                read
                if readings is None
                else readings.read("settings_renamed", told.facts.key, SettingRead, read)
            )
            for entry in kept(*_named_again(source, cwd), data):
                if entry.renamed:
                    renamed.append((source.name, entry.name))
                if entry.moves:
                    keys.append((source.name, entry.name))
        if renamed or keys:
            found[root] = (frozenset(renamed), frozenset(keys))
    return found


def _settings_left(
    modules: dict[str, list[SourceFile]],
    flows: dict[str, _KeyFlow],
    renamed: dict[str, tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]],
    bits: dict[str, int],
    known: RunFacts,
    rules: RuleContext | None,
    cwd: Path | None,
) -> dict[str, frozenset[tuple[str, str, str]]]:
    """The settings reading OpenAI's key or base-URL variable (`key_flow_of`, in `flows` by
    root) that another module of the project (`modules`, by root), read again with what the
    project's files tell (`known` joined) and the settings clients move with (`renamed`),
    gives to a client, class or raw request apply leaves (`setting_consumers`), where the run
    switches provider: few modules of few projects."""
    if rules is None or not rules.switching:
        return {}
    found: dict[str, frozenset[tuple[str, str, str]]] = {}
    for root, sources in modules.items():
        settings = flows.get(root, (frozenset(),) * 4)[3]
        reads, keys = renamed.get(root, (frozenset(), frozenset()))
        tracked = frozenset(s for s in settings if (s[0], s[2]) in reads)
        if not tracked:
            continue
        told = _told(root, bits, known, rules, settings, settings_renamed=keys)

        def read(
            module: str,
            shown: str,
            data: bytes,
            told: RuleContext = told,
            tracked: frozenset[tuple[str, str, str, str]] = tracked,
        ) -> list[tuple[str, str, str]]:
            return settings_given(module, shown, data, tracked, told)

        left = _read_modules_again({root: sources}, cwd, read).get(root)
        if left:
            found[root] = left
    return found


def _with_keys_left(
    modules: dict[str, list[SourceFile]],
    bits: dict[str, int],
    known: RunFacts,
    rules: RuleContext,
    cwd: Path | None,
) -> None:
    """Clear `KEEPS_OPENAI_KEY` in `bits` (by project root) where none of the project's
    modules flagged with it (`modules`, by root) has a read of OpenAI's key that ML401, run
    with what the project's files tell (`known` joined), leaves for a class named like OpenAI
    (`key_left`: the byte test also takes a class of the project, chatgpt-telegram-bot's
    `OpenAIHelper(config=...)`, whose key read ML401 moves). Only where the run switches
    provider, for the projects with a .env file (`modules` holds no other): few modules of
    few projects."""
    if not rules.switching:
        return
    for root, sources in modules.items():
        told = replace(rules, facts=known.joined(RunFacts.of_bits(bits[root])))
        left = False
        for source in sources:
            data = _read_again(source)
            module = _named_again(source, cwd)[0]
            if data is None or key_left(module, data, told):
                left = True
                break
        if not left:
            bits[root] &= ~KEEPS_OPENAI_KEY


def _env_readers(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    bits: dict[str, int],
    known: RunFacts,
    rules: RuleContext | None,
    cwd: Path | None,
) -> dict[str, frozenset[EnvReader]]:
    """The reads of OpenAI's key and base-URL variables in the Python modules the rules read,
    each with whether ML401, run with what the project's files tell (`known` joined), switches
    it (`env_readers.readers_of`), by project root: only where the run switches provider, for
    the projects holding a .env file, whose lines ML501 renames by them; each with the reads
    of the projects within it (`_env_reach`)."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    envs = {projects.root(s.name) for s in sources if s.kind == "dotenv"}
    code = {projects.root(s.name) for s in sources if s.kind == "python"}
    modules = _project_modules(
        sources, verdicts, projects, {r for r in code if _env_reach(r, envs)}
    )
    found = _read_as_told(modules, bits, known, rules, cwd, readers_of)
    joined = {
        env: frozenset().union(*(got for root, got in found.items() if _env_reach(root, {env})))
        for env in envs
    }
    return {env: got for env, got in joined.items() if got}


def _env_reach(root: str, envs: Set[str]) -> bool:
    """Whether the code of the project rooted at `root` loads the .env files of one of the
    projects rooted at `envs`: its own, or one it lies in (R2R's .env.example at the top,
    its code in py/ with a pyproject.toml of its own: the key line a kept embeddings client
    reads was renamed, t68b). The lines ML501 renames follow what that code reads."""
    return root in envs or any(_within(root, env) for env in envs)


def _stand_in_writes(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    bits: dict[str, int],
    known: RunFacts,
    rules: RuleContext | None,
    cwd: Path | None,
) -> dict[str, frozenset[StandInWrite]]:
    """The stand-in keys the test code of each project writes in OpenAI's key variables, each
    with whether ML404, run with what the project's files tell (`known` joined), renames it
    (`stand_in_writes.stand_ins_of`), by project root: only where the run switches provider,
    for the projects with a module removing such a variable (`REMOVES_OPENAI_KEY`), from
    their modules screening flagged `WRITES_KEY_LITERAL`."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    both = WRITES_KEY_LITERAL | REMOVES_OPENAI_KEY
    roots = {root for root, found in bits.items() if found & both == both}
    if not roots:
        return {}
    modules: dict[str, list[SourceFile]] = {}
    for source, verdict in zip(sources, verdicts, strict=True):
        if source.kind == "python" and verdict.facts & WRITES_KEY_LITERAL:
            root = projects.root(source.name)
            if root in roots:
                modules.setdefault(root, []).append(source)
    return _read_as_told(modules, bits, known, rules, cwd, stand_ins_of)


def _read_as_told(
    modules: dict[str, list[SourceFile]],
    bits: dict[str, int],
    known: RunFacts,
    rules: RuleContext,
    cwd: Path | None,
    read: Callable[..., Iterable[T]],
) -> dict[str, frozenset[T]]:
    """What `read(module, shown, data, rules=...)` finds in the modules of each project
    (`modules`, by root), given the rules with what the project's files tell (`known`
    joined): `_env_readers`, `_stand_in_writes`."""
    found: dict[str, frozenset[T]] = {}
    for root, listed in modules.items():
        told = replace(rules, facts=known.joined(RunFacts.of_bits(bits.get(root, 0))))
        got = _read_modules_again({root: listed}, cwd, functools.partial(read, rules=told))
        if root in got:
            found[root] = got[root]
    return found


def _with_token_renames(
    modules: dict[str, list[SourceFile]],
    bits: dict[str, int],
    known: RunFacts,
    rules: RuleContext,
    cwd: Path | None,
) -> None:
    """Clear `NAMES_TOKEN_LIMIT` in `bits` (by project root) where none of the project's
    modules flagged with it (`modules`, by root) has a request of the openai SDK that ML112,
    run with what the project's files tell (`known` joined), renames to
    max_completion_tokens= or that already gives it (`needs_completion_tokens`): ML504 then
    raises no openai requirement for it. Only where the run switches to a provider taking
    that name and the project's requirements admit openai releases before it: few modules of
    few projects. A notebook keeps the screening's verdict."""
    provider = rules.provider
    if (
        not rules.switching
        or provider is None
        or provider.params.get("max_tokens_param") != "max_completion_tokens"
    ):
        return
    for root, sources in modules.items():
        if not bits.get(root, 0) & ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS:
            continue
        told = replace(rules, facts=known.joined(RunFacts.of_bits(bits[root])))
        for source in sources:
            data = _read_again(source) if source.kind == "python" else None
            module = _named_again(source, cwd)[0]
            if data is None or needs_completion_tokens(module, data, told):
                break
        else:
            bits[root] &= ~NAMES_TOKEN_LIMIT


def _azure_clients_left(
    patched: dict[str, frozenset[str]],
    sources: Sequence[SourceFile],
    projects: Projects,
    bits: dict[str, int],
    known: RunFacts,
    rules: RuleContext | None,
    cwd: Path | None,
) -> dict[str, frozenset[str]]:
    """The Azure client classes each project's tests double (`patched`, by root) whose
    module, read again with what the project's files tell, keeps a construction ML002 leaves
    (`azure_doubles`), as dotted names (`app.llm.AzureOpenAI`). Only where the run switches
    provider: few modules of few projects."""
    if rules is None or not rules.switching:
        return {}
    found: dict[str, frozenset[str]] = {}
    for root, names in patched.items():
        doubled = {n for n in names if n.rpartition(".")[2] in AZURE_CLASS_NAMES}
        modules = {n.rpartition(".")[0] for n in doubled}
        if not modules:
            continue
        told = replace(
            rules, facts=known.joined(RunFacts.of_bits(bits.get(root, 0), patched_clients=names))
        )
        left: set[str] = set()
        for source in sources:
            if source.kind != "python" or projects.root(source.name) != root:
                continue
            module = _named_again(source, cwd)[0]
            held = module_names(module) & modules
            data = _read_again(source) if held else None
            if data is None:
                continue
            kept = azure_clients_left(module, data, told)
            left |= {f"{m}.{c}" for m in held for c in kept} & doubled
        if left:
            found[root] = frozenset(left)
    return found


def _wrapper_params(
    modules: dict[str, list[SourceFile]],
    rules: RuleContext,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[WrapperParam]]:
    """The parameters of the functions of the modules of each project (`modules`, by root)
    that reach a request (`wrapper_params`): few modules of few projects (kept in `readings`
    where given: reading one with libcst costs a tenth of a second)."""

    def read(module: str, shown: str, data: bytes) -> list[WrapperParam]:
        return wrapper_params(module, shown, data, rules)

    if readings is None:
        return _read_modules_again(modules, cwd, read)
    # the cache's context holds the rest of `rules` (`_cache_context`)
    kept = readings.read("wrapper_params", rules.facts.key, WrapperParam, read)
    return _read_modules_again(modules, cwd, kept)


def _caller_models(
    wrappers: Mapping[str, frozenset[WrapperParam]],
    tables: Mapping[str, frozenset[TableDefault]],
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    bits: Mapping[str, int],
    known: RunFacts,
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[CallerModel]]:
    """The models the Python modules the rules read give the parameters of another module's
    functions and methods that a request sends as its model (`caller_models`), by project
    root: where the run switches provider, only in a project whose screening found such a
    parameter (`wrappers`), and only the modules that may call one (`may_call`) among those
    the rules read or the screening found giving a model (`PASSES_MODEL`), read with the
    project's parameters and table of defaults (kept in `readings` where given, under them
    and the classes of other modules the module's calls inherit such a method from:
    `inherited_owners`)."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    # by root: the modules defining such a parameter's function, with the name called
    # (`complete`, or `.handle` for a method)
    names: dict[str, set[tuple[str, str]]] = {}
    methods: dict[str, dict[tuple[str, str], frozenset[str]]] = {}
    for root, params in wrappers.items():
        for p in params:
            if p.model and not p.entry:
                names.setdefault(root, set()).add(
                    (p.module, f".{p.function}" if p.owner else p.function)
                )
                if p.owner:
                    held = methods.setdefault(root, {})
                    held[(p.module, p.owner)] = held.get((p.module, p.owner), frozenset()) | {
                        p.function
                    }
    found: dict[str, set[CallerModel]] = {}
    contexts: dict[str, tuple[RuleContext, str]] = {}
    files: dict[str, dict[str, SourceFile]] = {}  # by root, then by module name
    for source, verdict in zip(sources, verdicts, strict=True):
        if not (verdict.worth or verdict.facts & PASSES_MODEL) or source.kind != "python":
            continue
        root = projects.root(source.name)
        if not names.get(root):
            continue
        module, shown = _named_again(source, cwd)
        called = {name for defined, name in names[root] if defined != module}
        data = _read_again(source) if called else None
        if data is None or not may_call(data, called):
            continue
        if root not in contexts:
            told = {"wrapper_params": wrappers[root], "config_defaults": tables.get(root, ())}
            facts = known.joined(RunFacts.of_bits(bits.get(root, 0), **told))
            contexts[root] = (replace(rules, facts=facts), facts.key)
        context, key = contexts[root]
        inherited: dict[str, tuple[str, str]] = {}
        part = key
        if methods.get(root):
            if root not in files:
                files[root] = _modules_by_name(sources, projects, root, cwd)
            held_files = files[root]

            def read_module(name: str, held: dict[str, SourceFile] = held_files) -> bytes | None:
                return _read_again(held[name]) if name in held else None

            inherited, consulted = inherited_owners(
                module, data, methods[root], set(held_files), read_module
            )
            digests = [hashlib.sha256(held).hexdigest() for held in consulted]
            part = "\0".join([key, repr(sorted(inherited.items())), *digests])

        def read(
            module: str,
            shown: str,
            data: bytes,
            context: RuleContext = context,
            inherited: dict[str, tuple[str, str]] = inherited,
        ) -> list[CallerModel]:
            return caller_models(module, shown, data, context, inherited)

        kept = _kept(readings, "caller_models", part, CallerModel, read)
        found.setdefault(root, set()).update(kept(module, shown, data))
    return {root: frozenset(models) for root, models in found.items() if models}


def _counter_calls(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[CallerModel]]:
    """What the Python modules of a project give the token counters another of its modules
    the rules read defines (`counter_callers`), by project root, where the run switches
    provider: only a project with such a counter has its modules naming one read again
    (kept in `readings` where given, each under the counters and the project's modules)."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}

    def read_counters(module: str, shown: str, data: bytes) -> list[Counter]:
        return counters(module, data)

    defining = _kept(readings, "counters", "", Counter, read_counters)
    defined: dict[str, dict[str, list[Counter]]] = {}  # by root, then by function
    for source, raw in _python_worth(sources, verdicts, may_count):
        module, shown = _named_again(source, cwd)
        for counter in defining(module, shown, raw):
            held = defined.setdefault(projects.root(source.name), {})
            held.setdefault(counter.function, []).append(counter)
    found: dict[str, frozenset[CallerModel]] = {}
    for root, functions in defined.items():
        files = _modules_by_name(sources, projects, root, cwd)
        own = {c.module for held in functions.values() for c in held}
        names = frozenset(files)

        def read_calls(
            module: str,
            shown: str,
            data: bytes,
            functions: dict[str, list[Counter]] = functions,
            names: frozenset[str] = names,
        ) -> list[CallerModel]:
            return counter_calls(module, shown, data, functions, set(names))

        part = repr((sorted(functions.items()), sorted(names)))
        calling = _kept(readings, "counter_calls", part, CallerModel, read_calls)
        models: set[CallerModel] = set()
        for module, source in files.items():
            data = _read_again(source) if module not in own or len(own) > 1 else None
            if data is None or not may_name(data, functions):
                continue
            calls = calling(module, _named_again(source, cwd)[1], data)
            models.update(c for c in calls if c.module != module)
        found[root] = frozenset(models)
    return found


_Entry = TypeVar("_Entry", bound=tuple)  # a NamedTuple a reading returns


def _kept(
    readings: Readings | None,
    name: str,
    part: str,
    kind: type[_Entry],
    read: Callable[[str, str, bytes], list[_Entry]],
) -> Callable[[str, str, bytes], list[_Entry]]:
    """`read`, kept in `readings` as `name` under `part` where given."""
    return read if readings is None else readings.read(name, part, kind, read)


def _held_callers(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[CallerModel]]:
    """What the Python modules of a project give a class another of its modules the rules
    read defines, which keeps its constructor's model and sends it (`held_callers`), also
    through functions handing it on, `HOPS` deep, by project root, where the run switches
    provider: only a project with such a class has its modules calling one read again, with
    libcst only where they import one (`owners_of`; kept in `readings` where given)."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}

    def read_held(module: str, shown: str, data: bytes) -> list[held_callers.Target]:
        return held_callers.held_params(module, data)

    holding = _kept(readings, "held_params", "", held_callers.Target, read_held)
    targets: dict[str, list[held_callers.Target]] = {}  # by root
    for source, raw in _python_worth(sources, verdicts, held_callers.may_hold):
        module, shown = _named_again(source, cwd)
        held = holding(module, shown, raw)
        if held:
            targets.setdefault(projects.root(source.name), []).extend(held)
    found: dict[str, frozenset[CallerModel]] = {}
    for root, frontier in targets.items():
        files = _modules_by_name(sources, projects, root, cwd)

        def read(name: str, held: dict[str, SourceFile] = files) -> bytes | None:
            return _read_again(held[name]) if name in held else None

        models: set[CallerModel] = set()
        seen = set(frontier)
        for _ in range(held_callers.HOPS):
            further: list[held_callers.Target] = []
            for module, source in files.items():
                wanted = [t for t in frontier if t.module != module]
                data = read(module) if wanted else None
                if data is None or not held_callers.may_call(data, wanted):
                    continue
                owners = held_callers.owners_of(module, data, wanted, set(files), read)
                if not owners:
                    continue
                shown = _named_again(source, cwd)[1]
                for reached in _held_reading(rules, wanted, owners, readings)(module, shown, data):
                    given, more = reached.caller_model(), reached.further()
                    models.update([given] if given is not None else [])
                    further += [more] if more is not None and more not in seen else []
            seen.update(further)
            frontier = further
            if not frontier:
                break
        found[root] = frozenset(models)
    return found


def _held_reading(
    rules: RuleContext,
    wanted: list[held_callers.Target],
    owners: dict[str, tuple[str, str]],
    readings: Readings | None,
) -> Callable[[str, str, bytes], list[held_callers.Reached]]:
    """`held_callers.held_calls` for `wanted` and `owners`, kept in `readings` where given
    (under them: a module's reading depends on nothing else)."""

    def read(module: str, shown: str, data: bytes) -> list[held_callers.Reached]:
        return held_callers.held_calls(module, shown, data, rules, wanted, owners)

    part = "\0".join([rules.facts.key, repr(sorted(wanted)), repr(sorted(owners.items()))])
    return _kept(readings, "held_calls", part, held_callers.Reached, read)


def _base_entries(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    cwd: Path | None,
) -> dict[str, frozenset[BaseEntry]]:
    """The entries base classes of a project's other modules build from `self` fields for the
    subclasses of the Python modules the rules read (`base_fields.base_entries`), by project
    root."""
    found: dict[str, set[BaseEntry]] = {}
    files: dict[str, dict[str, SourceFile]] = {}  # by root, then by module name
    for source, raw in _python_worth(sources, verdicts, may_spread_inherited):
        root = projects.root(source.name)
        if root not in files:
            files[root] = _modules_by_name(sources, projects, root, cwd)
        held = files[root]

        def read(name: str, held: dict[str, SourceFile] = held) -> tuple[bytes, str] | None:
            data = _read_again(held[name]) if name in held else None
            return None if data is None else (data, _named_again(held[name], cwd)[1])

        module = _named_again(source, cwd)[0]
        found.setdefault(root, set()).update(base_entries(module, raw, set(held), read))
    return {root: frozenset(entries) for root, entries in found.items() if entries}


def _framework_heirs(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    cwd: Path | None,
) -> tuple[dict[str, frozenset[FrameworkHeir]], dict[int, str]]:
    """The subclasses a project's modules derive from its classes deriving from a LangChain
    OpenAI class (`framework_heirs`), by project root; and the modules of those subclasses
    the prefilter rules out, by index, with the sha256 of their bytes: the rules examine them
    (MaxKB's provider modules import no LangChain class)."""
    bases: dict[str, dict[tuple[str, str], tuple[str, str]]] = {}  # by root
    for source, raw in _python_worth(sources, verdicts, may_derive_framework):
        module, shown = _named_again(source, cwd)
        for name, framework in framework_bases(raw).items():
            bases.setdefault(projects.root(source.name), {})[module, name] = (shown, framework)
    found: dict[str, set[FrameworkHeir]] = {}
    let_through: dict[int, str] = {}
    for root, held in bases.items():
        files = _modules_by_name(sources, projects, root, cwd)
        names = {name for _, name in held}
        for module, source in files.items():
            data = _read_again(source)
            if data is None or not names_base(data, names):
                continue
            heirs = framework_heirs(module, _named_again(source, cwd)[1], data, held, set(files))
            if heirs:
                found.setdefault(root, set()).update(heirs)
                i = sources.index(source)
                if not verdicts[i].worth:
                    let_through[i] = hashlib.sha256(data).hexdigest()
    return {root: frozenset(h) for root, h in found.items()}, let_through


def _heir_models(
    client_modules: Mapping[str, Sequence[SourceFile]],
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    cwd: Path | None,
) -> tuple[dict[str, frozenset[HeirModel]], dict[int, str]]:
    """The subclasses a project's modules building an OpenAI client derive from classes of
    its other modules sending requests through the client they set (`heir_models`), by
    project root; and the modules of those base classes the prefilter rules out, by index,
    with the sha256 of their bytes: the rules examine them (pandas-ai's base.py imports no
    openai)."""
    found: dict[str, set[HeirModel]] = {}
    files: dict[str, dict[str, SourceFile]] = {}  # by root, then by module name
    for root, listed in client_modules.items():
        for source in listed:
            data = _read_again(source)
            if data is None or not may_derive(data):
                continue
            if root not in files:
                files[root] = _modules_by_name(sources, projects, root, cwd)
            held = files[root]

            def read(name: str, held: dict[str, SourceFile] = held) -> bytes | None:
                return _read_again(held[name]) if name in held else None

            module, shown = _named_again(source, cwd)
            found.setdefault(root, set()).update(heir_models(module, shown, data, set(held), read))
    let_through: dict[int, str] = {}
    bases = {(root, h.module) for root, heirs in found.items() for h in heirs}
    if bases:
        for i, source in enumerate(sources):
            if verdicts[i].worth or source.kind != "python":
                continue
            root = projects.root(source.name)
            if (root, _named_again(source, cwd)[0]) in bases:
                data = _read_again(source)
                if data is not None:
                    let_through[i] = hashlib.sha256(data).hexdigest()
    return {root: frozenset(h) for root, h in found.items() if h}, let_through


def _env_model_defaults(
    modules: dict[str, list[SourceFile]],
    bits: dict[str, int],
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[EnvDefault]]:
    """The OpenAI models the modules of each project (`modules`, by root) default
    environment reads to (`env_model_defaults`), read again where the run switches provider
    and the project uses an OpenAI client (`bits`): few modules of few projects (kept in
    `readings` where given; OpenAI's models are the provider data's)."""
    if rules is None or not rules.switching:
        return {}
    serves = rules.openai.serves

    def read(module: str, shown: str, data: bytes) -> list[EnvDefault]:
        return env_defaults(module, shown, data, serves)

    kept = _kept(readings, "env_defaults", "", EnvDefault, read)
    return _read_modules_again(modules, cwd, kept, _holding(bits, USES_OPENAI_CLIENT))


def _config_reader(
    cwd: Path | None, each: Callable[[str, str, str, str, str | None], list[T]]
) -> Callable[[str, str, bytes], list[T]]:
    """A reader of a config file's bytes for `_read_modules_again`: its format (by name), its
    text (none where it cannot be decoded) and what marks it as recorded output, handed to
    `each(path, shown, kind, text, recorded)`."""
    from migrate_llm.formats import classify
    from migrate_llm.formats.recorded import project_path, recorded_output

    here = str(cwd) if cwd is not None else os.getcwd()

    def read(path: str, shown: str, data: bytes) -> list[T]:
        kind = classify(shown) or ""
        try:
            text = text_of(data, False)
        except UnreadableFile:
            return []
        return each(path, shown, kind, text, recorded_output(kind, project_path(shown, here)))

    return read


def _model_table_keys(
    files: dict[str, list[SourceFile]],
    bits: dict[str, int],
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[ModelKey]]:
    """The keys of the tables keyed by OpenAI model that the config files of each project
    (`files`, by root) hold (`model_table_keys.table_keys`), read again where the run switches
    provider and the project uses an OpenAI client (`bits`): few files of few projects (kept
    in `readings` where given; OpenAI's models are the provider data's)."""
    if rules is None or not rules.switching:
        return {}
    serves = rules.openai.serves

    def each(path: str, shown: str, kind: str, text: str, recorded: str | None) -> list[ModelKey]:
        return table_keys(shown, kind, text, recorded, serves)

    read = _config_reader(cwd, each)
    kept = _kept(readings, "table_keys", "", ModelKey, read)
    return _read_modules_again(files, cwd, kept, _holding(bits, USES_OPENAI_CLIENT))


def _file_models(
    files: dict[str, list[SourceFile]],
    bits: dict[str, int],
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[FileModel]]:
    """The models the config files of each project (`files`, by root) send once migrated
    (`file_models.file_models`), read again where the run switches provider and the project
    uses an OpenAI client (`bits`; kept in `readings` where given, by the provider data and
    the model mappings, which choose them)."""
    if rules is None or not rules.switching or rules.provider is None:
        return {}
    context = rules

    def each(path: str, shown: str, kind: str, text: str, recorded: str | None) -> list[FileModel]:
        return file_models(context, path, shown, kind, text, recorded)

    read = _config_reader(cwd, each)
    kept = _kept(readings, "file_models", "", FileModel, read)
    return _read_modules_again(files, cwd, kept, _holding(bits, USES_OPENAI_CLIENT))


def _v0_settings(
    modules: dict[str, list[SourceFile]],
    bits: dict[str, int],
    rules: RuleContext | None,
    cwd: Path | None,
) -> dict[str, frozenset[V0Setting]]:
    """What the modules of each project (`modules`, by root) setting openai's configuration
    set of openai<1's key and base URL (`v0_settings`), read again where the run switches
    provider and the project's requirements keep openai<1 (`bits`: a package running on
    openai<1 only, or a framework pin ML504 leaves)."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    v0_bits = KEEPS_OPENAI_V0
    for bit in REQUIRES_V0_LIBRARY.values():
        v0_bits |= bit

    def read(module: str, shown: str, data: bytes) -> list[V0Setting]:
        return v0_settings(module, shown, data, rules)

    return _read_modules_again(modules, cwd, read, _holding(bits, v0_bits))


def _crewai_agent_configs(
    modules: dict[str, list[SourceFile]], rules: RuleContext | None, cwd: Path | None
) -> dict[str, frozenset[AgentConfig]]:
    """The agents' entries of the YAML files the @CrewBase classes of each project's crewAI
    modules (`modules`, by root) load (`crewai_agent_configs.agent_configs`), read again
    where the run switches provider: the YAML is read each run (a reading kept by the
    module's digest would miss an edit of the YAML alone)."""
    if rules is None or not rules.switching:
        return {}
    return _read_modules_again(modules, cwd, agent_configs)


def _model_tables(
    modules: dict[str, list[SourceFile]],
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[ModelTable]]:
    """The tables keyed by OpenAI model that the modules of each project (`modules`, by
    root) bind at their top level (`model_tables.model_tables`), read again where the run
    switches provider: few modules of few projects (kept in `readings` where given; OpenAI's
    models are the provider data's)."""
    if rules is None or not rules.switching:
        return {}
    serves = rules.openai.serves
    provider = rules.provider
    marks = (
        ProviderMarks(provider.base_url_env, tuple(provider.hosts), tuple(rules.openai.hosts))
        if provider is not None
        else None
    )
    part = provider.id if provider is not None else ""

    def read(module: str, shown: str, data: bytes) -> list[ModelTable]:
        return model_tables(module, shown, data, serves, marks)

    kept = _kept(readings, "model_tables", part, ModelTable, read)
    return _read_modules_again(modules, cwd, kept)


def _registered_models(
    modules: dict[str, list[SourceFile]],
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[RegisteredModel]]:
    """The model ids the modules of each project (`modules`, by root) register
    (`model_registry.registered_models`), read again where the run switches provider: few
    modules of few projects (kept in `readings` where given; OpenAI's models are the provider
    data's). A project registering no OpenAI model is left out: no setting of it is one."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    serves = rules.openai.serves

    def read(module: str, shown: str, data: bytes) -> list[RegisteredModel]:
        return registered_models(module, shown, data, serves)

    kept = _kept(readings, "registry", "", RegisteredModel, read)
    found = _read_modules_again(modules, cwd, kept)
    return {root: held for root, held in found.items() if any(serves(m.model) for m in held)}


def _graphrag_settings(
    sources: Sequence[SourceFile],
    projects: Projects,
    rules: RuleContext | None,
    cwd: Path | None,
) -> dict[str, frozenset[GraphragSettings]]:
    """What the GraphRAG settings files of each project tell (`graphrag_settings`), by root,
    read again where the run switches provider: a file or two of a project."""
    if rules is None or not rules.switching:
        return {}
    found: dict[str, set[GraphragSettings]] = {}
    settings = (s for s in sources if s.kind in ("yaml", "json") and is_settings_file(s.name))
    for source, shown, text in _config_texts(settings, lambda d: b"model_provider" in d, cwd):
        told = graphrag_settings_of(rules, source.name, shown, text)
        if told is not None:
            found.setdefault(projects.root(source.name), set()).add(told)
    return {root: frozenset(told) for root, told in found.items()}


def _promptflow_connections(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    rules: RuleContext | None,
    cwd: Path | None,
) -> frozenset[tuple[str, str]]:
    """The promptflow connections the YAML files of the run define, as (name, file shown)
    (`promptflow_connections`), read again where the run switches provider: the YAML files
    the screening let through (a connection's type passes it) that may define one. Of the
    whole run, not of a project: pf keeps its connections in one store of the user's, which
    every flow reads (promptflow's examples share `examples/connections/openai.yml`)."""
    if rules is None or not rules.switching:
        return frozenset()
    found: set[tuple[str, str]] = set()
    screened = (s for s, v in zip(sources, verdicts, strict=True) if v.worth and s.kind == "yaml")
    for _, shown, text in _config_texts(screened, may_define_connection, cwd):
        named = connection_named(shown, text)
        if named is not None:
            found.add(named)
    return frozenset(found)


def _config_texts(
    sources: Iterable[SourceFile], may: Callable[[bytes], bool], cwd: Path | None
) -> Iterator[tuple[SourceFile, str, str]]:
    """(source, as shown, text) of the config files among `sources` whose bytes, read again
    (`_read_again`: once for all the passes), `may` lets through."""
    for source in sources:
        data = _read_again(source)
        if data is None or not may(data):
            continue
        try:
            text = text_of(data, False)
        except UnreadableFile:
            continue
        yield source, source.name if cwd is None else display_path(source.name, cwd), text


def _service_names(
    modules: dict[str, list[SourceFile]],
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[ServiceName]]:
    """The service names the modules of each project (`modules`, by root) pick their clients
    by (`service_names.service_names`), read again where the run switches provider: the
    modules naming "openai" in quotes (kept in `readings` where given; the names known are
    the provider data's)."""
    if rules is None or not rules.switching:
        return {}
    known = known_services(rules.registry)

    def read(module: str, shown: str, data: bytes) -> list[ServiceName]:
        return service_names(module, shown, data, known)

    kept = _kept(readings, "service_names", "", ServiceName, read)
    return _read_modules_again(modules, cwd, kept)


def _lm_subclasses(
    modules: dict[str, list[SourceFile]],
    sources: Sequence[SourceFile],
    projects: Projects,
    rules: RuleContext | None,
    cwd: Path | None,
    paths: Sequence[Path],
    readings: Readings | None = None,
) -> dict[str, frozenset[LmSubclass]]:
    """The classes deriving from DSPy's legacy class that the modules of each project
    (`modules`, by root) define, and, in a run with a provider given some of a project's
    files (`paths`), those the modules it imports by name from beyond them define
    (`imported_beyond`: pre-commit checks the files staged, not the module of the class
    they build)."""
    if rules is None:
        return {}

    def read(module: str, shown: str, data: bytes) -> list[LmSubclass]:
        return lm_subclasses(module, shown, data, rules)

    kept = _kept(readings, "lm_subclasses", "", LmSubclass, read)
    found = {
        root: set(entries) for root, entries in _read_modules_again(modules, cwd, kept).items()
    }
    uncovered = _uncovered(paths, cwd) if rules.provider is not None else []
    if uncovered and cwd is not None:
        tops = [top.rstrip(os.sep) + os.sep for top in uncovered]
        named = {os.path.normpath(_named_again(s, cwd)[0]): s for s in sources}
        run = frozenset(named)
        beyond: dict[str, set[str]] = {}
        for module, source in named.items():
            if source.kind != "python" or not module.startswith(tuple(tops)):
                continue
            data = _read_again(source)
            if data is not None and b"model" in data:
                root = projects.root(source.name)
                imported = imported_beyond(module, data, run, uncovered)
                beyond.setdefault(root, set()).update(imported)
        for root, files in beyond.items():
            for path, data in read_beyond(files):
                found.setdefault(root, set()).update(read(path, display_path(path, cwd), data))
    return {root: frozenset(entries) for root, entries in found.items() if entries}


def _uncovered(paths: Sequence[Path], cwd: Path | None) -> list[str]:
    """The directories of the projects holding the `paths` a run was given that those do not
    cover whole (`uncovered_tops`): none for a run given whole projects, which names no file
    beyond its own."""
    if not paths or cwd is None:
        return []
    return uncovered_tops([os.path.normpath(p if p.is_absolute() else cwd / p) for p in paths], cwd)


def _lazy_proxies(
    modules: dict[str, list[SourceFile]],
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    cwd: Path | None,
    paths: Sequence[Path],
) -> dict[str, frozenset[LazyProxy]]:
    """The lazy stand-ins for litellm that the modules of each project (`modules`, by root)
    define, and, in a run given some of a project's files (`paths`), those that the modules
    calling litellm (`CALLS_LITELLM`, screened) import by name from beyond them define
    (`imported_beyond`)."""
    found = {root: set(e) for root, e in _read_modules_again(modules, cwd, lazy_proxies).items()}
    calling = [
        s
        for s, verdict in zip(sources, verdicts, strict=True)
        if s.kind == "python" and verdict.facts & CALLS_LITELLM
    ]
    uncovered = _uncovered(paths, cwd) if calling else []
    if uncovered and cwd is not None:
        tops = tuple(top.rstrip(os.sep) + os.sep for top in uncovered)
        run = frozenset(os.path.normpath(_named_again(s, cwd)[0]) for s in sources)
        for source in calling:
            module = os.path.normpath(_named_again(source, cwd)[0])
            if not module.startswith(tops):
                continue
            data = _read_again(source)
            if data is None or fw_litellm.CALL_TEXT.search(data) is None:
                continue
            files = imported_beyond(module, data, run, uncovered)
            entries = proxies_beyond(files, lambda path: display_path(path, cwd))
            found.setdefault(projects.root(source.name), set()).update(entries)
    return {root: frozenset(entries) for root, entries in found.items() if entries}


def _let_through(
    classes: Mapping[str, frozenset[LmSubclass]],
    proxies: Mapping[str, frozenset[LazyProxy]],
    wrappers: Mapping[str, frozenset[WrapperParam]],
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
) -> dict[int, str]:
    """The ruled-out Python modules the rules must examine after all, by index, with the
    sha256 of their bytes (each read once): in a project defining a class deriving from
    DSPy's legacy class (`classes`, by root), those naming one (`builds_one`: ML640 checks
    where they build it); in one defining a lazy stand-in for litellm (`proxies`), those
    calling litellm with a model (`CALLS_LITELLM`: through the stand-in they import); in one
    whose functions spread a mapping parameter into a request (`wrappers`,
    `WrapperParam.spread`) or sends the `min()` of one as `n=` (`WrapperParam.bound`), or a
    keyword ML111 reports the presence of (`functions=`: `WrapperParam.checked_at_callers`),
    those that may call one (`may_call_spreading`: ML111 checks the entries, the `n` or the
    keywords they pass; khoj's gpt.py, tree-of-thought-llm's bfs.py, XAgent's
    obj_generator.py, which name no OpenAI model)."""
    built = {root: frozenset(entry.name for entry in found) for root, found in classes.items()}
    spread = {
        root: frozenset(p.function for p in params if p.checked_at_callers)
        for root, params in wrappers.items()
    }
    found: dict[int, str] = {}
    if not any(built.values()) and not any(proxies.values()) and not any(spread.values()):
        return found
    for i, source in enumerate(sources):
        if verdicts[i].worth or source.kind != "python":
            continue
        root = projects.root(source.name)
        names, called = built.get(root), spread.get(root)
        proxied = bool(verdicts[i].facts & CALLS_LITELLM and proxies.get(root))
        data = _read_again(source) if names or called or proxied else None
        if data is not None and (
            proxied
            or (names and builds_one(data, names))
            or (called and may_call_spreading(data.decode("latin-1"), called))
        ):
            found[i] = hashlib.sha256(data).hexdigest()
    return found


def _kwargs_callees(
    client_modules: Mapping[str, Sequence[SourceFile]],
) -> dict[str, list[tuple[str, str, frozenset[str]]]]:
    """By project root, its modules building an OpenAI client that define a function or class
    spreading its `**` parameter into a call (`kwargs_callees.spreading_callees`): each as
    its absolute path, the sha256 of its bytes and the names of those callees."""
    found: dict[str, list[tuple[str, str, frozenset[str]]]] = {}
    for root, listed in client_modules.items():
        for source in listed:
            data = _read_again(source)
            names = spreading_callees(data) if data is not None else frozenset()
            if data is not None and names:
                digest = hashlib.sha256(data).hexdigest()
                found.setdefault(root, []).append((os.path.abspath(source.name), digest, names))
    return found


def _settings_bases(
    settings_modules: Mapping[str, Sequence[SourceFile]],
) -> dict[str, frozenset[tuple[str, str]]]:
    """By project root, its modules stating a pydantic settings class (`STATES_SETTINGS_CLASS`),
    each as its absolute path and the sha256 of its bytes (`RunFacts.settings_bases`)."""
    found: dict[str, frozenset[tuple[str, str]]] = {}
    for root, listed in settings_modules.items():
        read = [(os.path.abspath(s.name), _read_again(s)) for s in listed]
        found[root] = frozenset(
            (path, hashlib.sha256(data).hexdigest()) for path, data in read if data is not None
        )
    return found


def _member_holders(
    client_modules: Mapping[str, Sequence[SourceFile]], bits: Mapping[str, int]
) -> dict[str, frozenset[tuple[str, str]]]:
    """By the root of a project one of whose modules asks a chat model another object holds
    for tools or structured output (`ASKS_MEMBER_MODEL`), its modules building an OpenAI class
    and stating a class, which ML111 and ML604 may read for that object's class
    (`member_values`): each as its absolute path and the sha256 of its bytes
    (`RunFacts.member_holders`)."""
    found: dict[str, frozenset[tuple[str, str]]] = {}
    for root, listed in client_modules.items():
        if not bits.get(root, 0) & ASKS_MEMBER_MODEL:
            continue
        read = [(os.path.abspath(s.name), _read_again(s)) for s in listed]
        found[root] = frozenset(
            (path, hashlib.sha256(data).hexdigest())
            for path, data in read
            if data is not None and states_class(data)
        )
    return found


def _key_senders(
    noted: Sequence[int],
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    rules: RuleContext | None = None,
    cwd: Path | None = None,
    paths: Sequence[Path] = (),
) -> dict[int, str]:
    """The ruled-out Python modules holding a header that sends a key (`SENDS_KEY_HEADER`)
    that the rules must examine after all, by index, with the sha256 of their bytes: those
    holding OpenAI's or the provider's URL (`HOLDS_REQUEST_URL`) or naming a chat path
    (`NAMES_CHAT_PATH`), and those importing a module of their project that holds such a URL
    (`imports_any`), which ML403 reads (`raw_request_keys.url_module`: gpt_academic's
    `model_info` imported from endpoints.py). A module of a project holding none is not read
    again: a tree of modules sending a token to another service costs no more. In a run given
    some of a project's files (`paths`: a pre-commit hook's), a module under the part left out
    is read for the modules it imports from there too (`_imports_url_beyond`)."""
    senders = [i for i in noted if not verdicts[i].worth and verdicts[i].facts & SENDS_KEY_HEADER]
    if not senders:
        return {}
    urls = _request_urls(rules) if rules is not None else None
    tops = tuple(top.rstrip(os.sep) + os.sep for top in _uncovered(paths, cwd)) if urls else ()
    holders: dict[str, list[str]] = {}
    for i in noted:
        if verdicts[i].facts & HOLDS_REQUEST_URL and sources[i].kind == "python":
            holders.setdefault(projects.root(sources[i].name), []).append(sources[i].name)
    # the last part of each holder's module name, which a module importing it holds
    stems = {
        root: tuple({module_parts(name)[-1].encode() for name in names})
        for root, names in holders.items()
    }
    found: dict[int, str] = {}
    for i in senders:
        source = sources[i]
        tied = verdicts[i].facts & (HOLDS_REQUEST_URL | NAMES_CHAT_PATH)
        root = projects.root(source.name)
        module = os.path.normpath(_named_again(source, cwd)[0]) if tops else ""
        beyond = bool(tops) and module.startswith(tops)
        if source.kind != "python" or not (tied or root in holders or beyond):
            continue
        data = _read_again(source)
        if data is None:
            continue
        if (
            tied
            or (root in holders and _imports_held(source.name, data, holders[root], stems[root]))
            or (beyond and urls is not None and _imports_url_beyond(module, data, urls))
        ):
            found[i] = hashlib.sha256(data).hexdigest()
    return found


def _imports_held(name: str, data: bytes, held: Sequence[str], stems: Sequence[bytes]) -> bool:
    """Whether the module `name` (its bytes `data`) imports one of the modules `held` (the
    last parts of their names `stems`, one of which it then holds)."""
    if not any(stem in data for stem in stems):
        return False
    imported = module_imports(data)
    return imported is not None and imports_any(imported, name, held)


def _imports_url_beyond(module: str, data: bytes, urls: Held) -> bool:
    """Whether the module at `module` (its bytes `data`) imports a module holding OpenAI's or
    the provider's URL (`urls`), found on disk as `raw_request_keys.url_module` finds it
    (`module_files`: beside it, or where Python finds its top package; a relative import from
    its package)."""
    here = os.path.dirname(module)
    for dots, name, names in module_imports(data) or ():
        for dotted in (name, *(f"{name}.{n}" if name else n for n in names)):
            for path in module_files(here, dots + dotted) if dotted else ():
                try:
                    held = read_once(path, FORMATS["python"].max_bytes)
                except UnreadableFile:
                    continue
                if urls(held):
                    return True
    return False


def _key_names_read(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    rules: RuleContext | None,
    cwd: Path | None,
) -> dict[str, frozenset[str]]:
    """The key variables the Python modules the rules read name, by project root
    (`deployed_keys.key_names`), where the run switches provider: only for the projects
    holding a deployment file (`deployed_keys.deploys`), which ML501 reads with them."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    deploying = {projects.root(s.name) for s in sources if deploys(s.name, s.kind)}
    modules = _project_modules(sources, verdicts, projects, deploying)
    if not modules:
        return {}
    search = key_names(rules.provider.api_key_env)
    return _read_modules_again(modules, cwd, lambda _module, _shown, data: search(data))


def _base_url_names_read(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    rules: RuleContext | None,
    cwd: Path | None,
) -> dict[str, frozenset[str]]:
    """The provider's base-URL variables (its own and `Provider.base_url_names`) that the
    Python modules and .env files of each project name, by project root: those screening
    marked (`NAMES_BASE_URL_VARIABLE`) read again (`base_url_names.names_read`), where the
    run switches to a provider with other names."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    provider = rules.provider
    others = provider.base_url_names
    if not others:
        return {}
    search = names_read(provider.own_base_url_env or provider.base_url_env, others)
    found: dict[str, set[str]] = {}
    for source, verdict in zip(sources, verdicts, strict=True):
        if verdict.facts & NAMES_BASE_URL_VARIABLE:
            data = _read_again(source)
            names = search(source.kind, data) if data is not None else []
            if names:
                found.setdefault(projects.root(source.name), set()).update(names)
    return {root: frozenset(names) for root, names in found.items()}


def _sizes_sent(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    rules: RuleContext | None,
    cwd: Path | None,
) -> dict[str, frozenset[SentSize]]:
    """The `dimensions=` of the embedding requests of the Python modules the rules read, by
    project root (`sent_sizes`), where the run switches provider: only for the projects
    holding a config file ML511 reads a width in."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    configs = {projects.root(s.name) for s in sources if s.kind in _SIZED_KINDS}
    modules = _project_modules(sources, verdicts, projects, configs)
    if not modules:
        return {}
    return _read_modules_again(
        modules, cwd, lambda _module, shown, data: sizes_sent(shown, data) if may_send(data) else []
    )


def _litellm_model_params(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, Reached]:
    """The (module, function or class, parameter) triples whose parameter reaches a litellm
    chat call's model, and those also reaching an OpenAI SDK request's
    (`litellm_model_params.reached`), by project root, for the projects a
    module of which calls litellm (`CALLS_LITELLM`), where the run switches provider: each
    Python module of such a project is read (`read_module`: its hops and, where it may hand on
    another module's names, its bindings; kept in `readings` where given)."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    roots = {
        projects.root(s.name)
        for s, verdict in zip(sources, verdicts, strict=True)
        if s.kind == "python" and verdict.facts & CALLS_LITELLM
    }
    modules: dict[str, list[SourceFile]] = {}
    for source in sources:
        if source.kind == "python" and projects.root(source.name) in roots:
            modules.setdefault(projects.root(source.name), []).append(source)

    def read(module: str, _shown: str, data: bytes) -> list[ModelHop]:
        return (
            read_module(data, module) if may_hand_model(data) or may_reexport(data, module) else []
        )

    kept = _kept(readings, "litellm_hops_by_module", "", ModelHop, read)
    found = _read_modules_again(modules, cwd, kept)
    return {
        root: both
        for root, hops in found.items()
        if (both := litellm_reached(hops, package_depth)).params
    }


def _litellm_facts(found: Reached | None) -> dict[str, frozenset[Any]]:
    """The `RunFacts` fields of what `_litellm_model_params` found of a project: its
    triples, those shared with an OpenAI SDK request, and their modules' package depths."""
    if found is None:
        found = Reached(frozenset(), frozenset())
    packages = frozenset((m, package_depth(m)) for m, _, _ in found.params)
    return {
        "litellm_model_params": found.params,
        "litellm_shared_params": found.shared,
        "litellm_param_packages": packages,
    }


def _litellm_handlers(
    params: Mapping[str, Reached],
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
) -> dict[int, str]:
    """The ruled-out Python modules (by index, with the sha256 of their bytes) of the
    projects handing a parameter on to litellm's model (`params`, by root) that call or
    define one of those functions or classes (`handles_model_of`): one naming no OpenAI
    model may give it the provider's model with no route (`Agent(model_name="kimi-k2.6")`,
    which ML640 reports)."""
    found: dict[int, str] = {}
    if not params:
        return found
    for i, source in enumerate(sources):
        if verdicts[i].worth or source.kind != "python":
            continue
        held = params.get(projects.root(source.name))
        names = {name for _, name, _ in held.params} if held is not None else set()
        data = _read_again(source) if names else None
        if data is not None and handles_model_of(data, names):
            found[i] = hashlib.sha256(data).hexdigest()
    return found


# the config files ML511 reads a vector width in
_SIZED_KINDS = frozenset({"dotenv", "yaml", "toml", "json"})


def _shared_key_defaults(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    rules: RuleContext | None,
    cwd: Path | None,
) -> dict[str, frozenset[SharedKeyDefault]]:
    """The settings classes of each project's modules the rules read whose key field
    defaults to the provider's key variable, or will once applied (`shared_key_defaults`),
    by project root, where the run switches provider: only in the projects holding a YAML,
    TOML or JSON file, whose entries may build one (ML502), and those within them (a plugin
    with its own setup.py whose class the outer project's config builds: `nested_defaults`)."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    configs = {projects.root(s.name) for s in sources if s.kind in _ENTRY_KINDS}
    configs |= {r for r in projects.roots if any(_within(r, c) for c in configs)}
    modules = _project_modules(sources, verdicts, projects, configs)
    if not modules:
        return {}
    provider = rules.provider
    hosts = provider_hosts((provider.base_url, *provider.regions.values()), provider.hosts)
    renamed = (
        sdk.switched_key_vars(azure=provider.azure is not None) | sdk.KEY_VAR_SPELLINGS,
        sdk.BASE_URL_VARS_TO_SWITCH | sdk.BASE_URL_VAR_SPELLINGS,
    )
    search = key_defaults(
        provider.api_key_env, provider.base_url_env, hosts, rules.openai.hosts, renamed
    )
    return _read_modules_again(modules, cwd, search)


def _within(root: str, outer: str) -> bool:
    """Whether the project rooted at `root` lies inside the one rooted at `outer`."""
    return root != outer and (not outer or root.startswith(outer + os.sep))


def nested_defaults(
    shared: Mapping[str, frozenset[SharedKeyDefault]], root: str
) -> frozenset[SharedKeyDefault]:
    """The settings classes of the project at `root` sharing the provider's key or base URL
    (`_shared_key_defaults`), with those of the projects within it whose key field has no
    default (`SharedKeyDefault.key_default`): Kirara AI's `OpenAIConfig` sits in a plugin
    with a setup.py of its own, and the outer project's data/config.yaml builds it (t62f);
    an entry naming no base URL sends its key to that class's default."""
    found = set(shared.get(root, frozenset()))
    for other, defaults in shared.items():
        if _within(other, root):
            found.update(d for d in defaults if not d.key_default)
    return frozenset(found)


def _project_modules(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    roots: Set[str],
) -> dict[str, list[SourceFile]]:
    """The Python modules the rules read (worth it by the prefilter) of the projects whose
    roots are `roots`, by project root, in the order of `sources`."""
    modules: dict[str, list[SourceFile]] = {}
    if not roots:
        return modules
    for source, verdict in zip(sources, verdicts, strict=True):
        if source.kind == "python" and verdict.worth:
            root = projects.root(source.name)
            if root in roots:
                modules.setdefault(root, []).append(source)
    return modules


# the config files whose mappings may build a settings class (ML502)
_ENTRY_KINDS = frozenset({"yaml", "toml", "json"})


def _config_entries(
    shared: Mapping[str, frozenset[SharedKeyDefault]],
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
) -> dict[int, str]:
    """The ruled-out YAML, TOML and JSON files of the projects holding a settings class that
    shares the provider's key (`shared`) that name its base-URL field, by index, with the
    sha256 of their bytes: ML502 reads their entries (a local server's, with no key)."""
    found: dict[int, str] = {}
    if not shared:
        return found
    for i, source in enumerate(sources):
        if verdicts[i].worth or source.kind not in _ENTRY_KINDS:
            continue
        classes = shared.get(projects.root(source.name))
        if not classes:
            continue
        data = _read_again(source)
        if data is not None and any(c.url_field.encode() in data for c in classes):
            found[i] = hashlib.sha256(data).hexdigest()
    return found


def _settings_passed(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    rules: RuleContext | None,
    cwd: Path | None,
) -> dict[str, frozenset[Passed]]:
    """The calls of each project's modules passing a settings field of OpenAI's variable by
    its name (`settings_callers`), by project root, where the run switches provider: read
    again only in the projects one of whose modules the rules read may state such a class."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    found: dict[str, frozenset[Passed]] = {}
    for root, stated in _worth_modules(sources, verdicts, projects, may_state).items():
        modules = (
            (_named_again(s, cwd)[1], read)
            for s in sources
            if s.kind == "python"
            and projects.root(s.name) == root
            and (read := _read_again(s)) is not None
        )
        if passed := fields_passed(stated, modules):
            found[root] = passed
    return found


def _settings_held(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    known: RunFacts,
    rules: RuleContext | None,
    cwd: Path | None,
) -> Callable[[str, int, Mapping[str, Any]], frozenset[HeldField]] | None:
    """What answers, for a project (its root, its bits and what its files tell), the
    settings fields of OpenAI's variables ML401 leaves and the module holding each
    (`held_settings`): the modules stating such a class and those naming one of them that
    may hold a field read again, once a project, with the rules told those facts (the
    callers passing a field by name, a computed key write), where the run switches provider
    and one of the project's modules the rules read may state such a class; None where none
    may."""
    if rules is None or rules.provider is None or not rules.switching:
        return None
    stating = _worth_modules(sources, verdicts, projects, may_state)
    if not stating:
        return None
    found: dict[str, frozenset[HeldField]] = {}

    def held_of(root: str, bits: int, given: Mapping[str, Any]) -> frozenset[HeldField]:
        if root not in stating:
            return frozenset()
        if root not in found:
            classes = classes_stated(stating[root])
            instances = instances_stated(stating[root], classes)
            told = {k: v for k, v in given.items() if k != "llamaindex_set_apart"}
            ruled = replace(rules, facts=known.joined(RunFacts.of_bits(bits, **told)))
            held: list[HeldField] = []
            for source in sources:
                if source.kind != "python" or projects.root(source.name) != root:
                    continue
                data = _read_again(source)
                if data is not None and (
                    data in stating[root] or may_hold(data, classes, instances)
                ):
                    module, shown = _named_again(source, cwd)
                    held += held_in(module, shown, data, classes, ruled, instances)
            found[root] = frozenset(held)
        return found[root]

    return held_of


def _langroid_defaults(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    rules: RuleContext | None,
) -> dict[str, frozenset[str]]:
    """What the langroid classes each project defines itself default to
    (`langroid_defaults`), by project root, where the run switches provider."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    defining = _worth_modules(sources, verdicts, projects, langroid_defaults.may_define)
    found: dict[str, frozenset[str]] = {}
    for root, modules in defining.items():
        told = langroid_defaults.defaults(
            modules, rules.provider, rules.map_model, rules.openai.serves
        )
        if told:
            found[root] = told
    return found


def _worth_modules(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    wanted: Callable[[bytes], bool],
) -> dict[str, list[bytes]]:
    """The bytes of the Python modules the rules read that are `wanted`, by project root."""
    found: dict[str, list[bytes]] = {}
    for source, verdict in zip(sources, verdicts, strict=True):
        if source.kind == "python" and verdict.worth:
            data = _read_again(source)
            if data is not None and wanted(data):
                found.setdefault(projects.root(source.name), []).append(data)
    return found


def _thinking_off_callees(
    modules: dict[str, list[SourceFile]],
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[Callee]]:
    """The functions making chat requests of the modules of each project building an OpenAI
    client (`modules`, by root), with whether each turns thinking off in all of them
    (`thinking_off_callees.callees`), read again where the run switches to a provider whose
    tool turns need reply fields and that names its switch (kept in `readings` where given,
    under the switch and the models that always think); only of a project one of whose
    modules holds the switch's words (`may_turn_off`) and one of whose functions sends it."""
    switch = _thinking_switch(rules)
    if rules is None or rules.provider is None or switch is None:
        return {}
    always = tuple(rules.provider.params.get("always_thinking") or ())

    def read(module: str, shown: str, data: bytes) -> list[Callee]:
        return callees(data, switch, always)

    part = f"{switch!r}\0{always!r}"
    kept = _kept(readings, "thinking_off_callees", part, Callee, read)
    # a project none of whose client modules writes the switch has nothing ML117 would leave
    sending = {
        root: listed
        for root, listed in modules.items()
        if any((data := _read_again(m)) is not None and may_turn_off(data, switch) for m in listed)
    }
    found = _read_modules_again(sending, cwd, kept)
    return {root: named for root, named in found.items() if any(c.off for c in named)}


def _thinking_switch(rules: RuleContext | None) -> Mapping[str, object] | None:
    """The switch turning thinking off (`[params] thinking_off_extra_body`) of the provider a
    run switches to, where its tool turns need reply fields (`tool_turn_fields`); else None:
    no module is read for the functions sending it (`_thinking_off_callees`)."""
    provider = rules.provider if rules is not None else None
    if rules is None or provider is None or not rules.switching:
        return None
    switch = provider.params.get("thinking_off_extra_body")
    if not switch or not provider.params.get("tool_turn_fields"):
        return None
    return switch


def _provider_factories(
    modules: dict[str, list[SourceFile]],
    known: RunFacts,
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> Callable[[str, int, Mapping[str, Any]], frozenset[ProviderFactory]]:
    """What answers, for a project (its root, its bits and what its files tell: the given
    fields but this one), the functions of its modules building an OpenAI client (`modules`,
    by root) that return one, with whether apply points it at the provider
    (`provider_factories`): read again, once a project, with ML001 told those facts, where the
    run switches provider (kept in `readings` where given, under the facts); empty for a
    project none of whose functions returns the provider's client."""
    if rules is None or rules.provider is None or not rules.switching:
        return lambda root, bits, given: frozenset()
    found: dict[str, frozenset[ProviderFactory]] = {}

    def factories_of(root: str, bits: int, given: Mapping[str, Any]) -> frozenset[ProviderFactory]:
        if root not in modules:
            return frozenset()
        if root not in found:
            told = {k: v for k, v in given.items() if k != "llamaindex_set_apart"}
            facts = known.joined(RunFacts.of_bits(bits, **told))
            ruled = replace(rules, facts=facts)

            def read(module: str, shown: str, data: bytes) -> list[ProviderFactory]:
                return provider_factories(module, shown, data, ruled)

            kept = (
                read
                if readings is None
                else readings.read("provider_factories", facts.key, ProviderFactory, read)
            )
            made = _read_modules_again({root: modules[root]}, cwd, kept).get(root, frozenset())
            found[root] = made if any(f.provider for f in made) else frozenset()
        return found[root]

    return factories_of


def _label_params(
    sources: Sequence[SourceFile],
    verdicts: Sequence[Screening],
    projects: Projects,
    rules: RuleContext | None,
    cwd: Path | None,
    readings: Readings | None = None,
) -> dict[str, frozenset[LabelParam]]:
    """The parameters only compared with string labels (`label_params`) of the functions that
    the Python modules the rules read (by project root) import by name from another module
    of the project and pass an OpenAI model id (`passed_imports`), each with those modules
    (`LabelParam.callers`): where the run switches provider, the modules those imports name
    are read again, whatever the screening said of them (kept in `readings` where given).
    Also those of the modules the rules read that compare a value with a model id
    (`compares_models`), imported by name by another module the rules read, whatever it
    passes (`passed_and_imported`: a response's model, `cost(n, r.model)`): ML205 then keeps the
    warning on the comparisons inside them (`ModelSites.label_parameter`, t65 review). Each
    module is parsed once (those comparing kept for `label_params`)."""
    if rules is None or rules.provider is None or not rules.switching:
        return {}
    serves, served = rules.openai.serves, rules.provider.serves
    files: dict[str, dict[str, SourceFile]] = {}  # by root, then by module name
    callers: dict[tuple[str, str], set[str]] = {}  # (root, module called) -> calling modules
    comparing: set[str] = set()  # the Python sources the rules read comparing with a model
    kept_data: dict[str, bytes] = {}
    parses: dict[bytes, tuple[str, ast.Module] | None] = {}  # those of the comparing modules

    def parse(data: bytes) -> tuple[str, ast.Module] | None:
        if data not in parses:
            parses[data] = python_parsed(data)
        return parses[data]

    for source, verdict in zip(sources, verdicts, strict=True):
        if verdict[0] and source.kind == "python":
            data = _read_again(source)
            if data is not None:
                kept_data[source.name] = data
                if compares_models(data, lambda v: serves(v) or served(v)):
                    comparing.add(source.name)
    for source in sources:
        data = kept_data.get(source.name)
        if data is None:
            continue
        imported, anywhere = passed_and_imported(
            data, serves, bool(comparing), parse if source.name in comparing else python_parsed
        )
        if not imported and not anywhere:
            continue
        root = projects.root(source.name)
        if root not in files:
            files[root] = _modules_by_name(sources, projects, root, cwd)
        caller = _named_again(source, cwd)[0]
        for dots, module, _ in imported:
            for target in imported_file(caller, dots, module, set(files[root])):
                if target != caller:
                    callers.setdefault((root, target), set()).add(caller)
        for dots, module, _ in anywhere:
            for target in imported_file(caller, dots, module, set(files[root])):
                if target != caller and files[root][target].name in comparing:
                    callers.setdefault((root, target), set()).add(caller)

    def read(module: str, shown: str, data: bytes) -> list[LabelParam]:
        return label_params(module, shown, data, rules, parses.get(data))

    kept = _kept(readings, "label_params", "", LabelParam, read)
    found: dict[str, set[LabelParam]] = {}
    for (root, target), calling in sorted(callers.items()):
        data = _read_again(files[root][target])
        if data is None:
            continue
        module, shown = _named_again(files[root][target], cwd)
        told = tuple(sorted(calling))
        found.setdefault(root, set()).update(
            p._replace(callers=told) for p in kept(module, shown, data)
        )
    return {root: frozenset(params) for root, params in found.items() if params}


def _with_table_reads(
    tables_of: Callable[[str], frozenset[ModelTable]],
    sources: Sequence[SourceFile],
    root_of: Callable[[str], str],
    cwd: Path | None,
    readings: Readings | None = None,
) -> Callable[[str], frozenset[ModelTable]]:
    """`tables_of` with each table's `reads` (`model_table_reads.table_reads`) and `open`
    made true where a module imports it by name: the Python modules of the projects holding
    a table that name one (or a function looking into one) are read again, a few of few
    projects (kept in `readings` where given, under the tables they were read for)."""
    modules: dict[str, list[SourceFile]] = {}
    for source in sources:
        if source.kind == "python" and tables_of(root := root_of(source.name)):
            modules.setdefault(root, []).append(source)
    if not modules:
        return tables_of
    found: dict[tuple[str, str], set[TableRead]] = {}
    for root, listed in modules.items():
        tables = sorted(tables_of(root))
        part = "\0".join(f"{t.module}:{t.name}:{t.lookups}" for t in tables)

        def read(
            module: str, shown: str, data: bytes, tables: list[ModelTable] = tables
        ) -> list[TableRead]:
            return table_reads(module, shown, data, tables)

        kept = _kept(readings, "table_reads", part, TableRead, read)
        for source in listed:
            data = _read_again(source)
            if data is None or not mentioned(data, tables):
                continue
            module, shown = _named_again(source, cwd)
            for entry in kept(module, shown, data):
                found.setdefault((entry.table_module, entry.table), set()).add(entry)
    seen: dict[str, frozenset[ModelTable]] = {}

    def with_reads(root: str) -> frozenset[ModelTable]:
        if root not in seen:
            seen[root] = frozenset(_read_table(t, found) for t in tables_of(root))
        return seen[root]

    return with_reads


def _read_table(table: ModelTable, found: dict[tuple[str, str], set[TableRead]]) -> ModelTable:
    """`table` with the reads of it `found` holds (in the order of their files and lines),
    open where one is an import of it."""
    reads = tuple(sorted(found.get((table.module, table.name), ())))
    if not reads:
        return table
    imports = [r for r in reads if not r.name]
    opened = table.open or bool(imports)
    none_at = ""
    if imports and not table.open and all(r.how == NONE for r in imports):
        first = imports[0]  # by file and line
        none_at = f"{first.lookup} on line {first.line} of {first.shown}"
    return table._replace(
        reads=tuple(r for r in reads if r.name),
        open=opened,
        none_at=none_at,
        imported_by=tuple(dict.fromkeys(r.module for r in imports)),
    )


def _in_one_tree(
    found: dict[str, frozenset[ModelTable]],
) -> Callable[[str], frozenset[ModelTable]]:
    """The tables of `found` (by project root) each project sees: those of its own modules
    and of the projects it is in or holds (gpt_academic's request_llms/, a project of its own
    by its requirements files, holds `model_info`, which the modules above it import); not
    a sibling's, which no import of the project reaches as its own."""
    seen: dict[str, frozenset[ModelTable]] = {}

    def tables(root: str) -> frozenset[ModelTable]:
        if root not in seen:
            seen[root] = frozenset().union(
                *(
                    t
                    for other, t in found.items()
                    if _below_any(root, [other]) or _below_any(other, [root]) or other == root
                )
            )
        return seen[root]

    return tables


def _below_any(name: str, directories: list[str]) -> bool:
    """Whether the file `name` is in one of `directories` or below it."""
    return any(not directory or name.startswith(directory + os.sep) for directory in directories)


class Screener:
    """Judges each file as discovery finds it (`discover`'s `on_found`): with a cache, by the
    screening it keeps for the file (`known`) when the file's stamp is unchanged; else by
    reading it once and sorting out those the rules have nothing to say about: in a large
    tree most files, which costs far less than examining them.

    With several jobs the walk is shared among forked processes, each judging the files it
    finds (`sharing`). Where it cannot be (more than one path, no fork), once a tree has
    proved large (`SCREEN_PARALLEL` files) the files are screened by `workers`, a chunk a
    task, while the walk goes on; a smaller one is screened here when the walk is done.

    While the copies walk, this process makes itself ready to examine (`_ready_to_examine`):
    the pool that examines the files is forked from it afterwards, and each of its workers
    would otherwise load libcst and the rules, and fill their tables, on its own."""

    def __init__(
        self,
        options: ScanOptions,
        workers: Workers | None,
        known: Mapping[str, list] | None = None,
        examined: Callable[[SourceFile, str], bool] | None = None,
    ) -> None:
        """`examined(file, digest)`: whether those bytes of the file were examined by an
        earlier run (then a run is not expected to examine much, and this process does not
        get ready)."""
        self.options = options
        jobs = resolve_jobs(options.jobs) if workers is not None else 1
        self.sharing: Sharing | None = None
        if jobs > 1 and shareable(options.paths):
            self.sharing = Sharing(jobs, self._report, self._receive, self._forked)
        self.workers = workers if jobs > 1 and self.sharing is None else None
        self.known = known
        # with a cache: the files screened, not judged by what it keeps
        self.fresh: set[str] = set()
        self._judged: dict[str, Screening] = {}
        self._pending: list[SourceFile] = []
        self._count = 0
        self._sent: list[tuple[list[SourceFile], Future[_Verdicts]]] = []
        # a file worth examining (and its digest) that this process may examine to make itself
        # ready once the copies of a shared walk are forked, and whether that was decided
        self._ready: tuple[SourceFile, str] | None = None
        self._examined = examined
        self._copies_walking = self._readied = False

    def add(self, sources: Sequence[SourceFile]) -> None:
        if self.known is not None:
            sources = self._kept(sources)
            self.fresh.update(source.name for source in sources)
        if self.sharing is not None:
            filters = self._filters
            judged = self._judged
            for source in sources:
                verdict = judged[source.name] = _screen_one(filters, source)
                if verdict.worth and self._ready is None and _small_python(source):
                    self._ready = source, verdict.digest
            self._get_ready()
            return
        self._pending.extend(sources)
        self._count += len(sources)
        if self.workers is not None and self._count >= SCREEN_PARALLEL:
            while len(self._pending) >= SCREEN_CHUNK:
                self._send(self._pending[:SCREEN_CHUNK])
                del self._pending[:SCREEN_CHUNK]

    @functools.cached_property
    def _filters(self) -> _Filters:
        return _filters_for(self.options)

    def _forked(self) -> None:
        self._copies_walking = True
        self._get_ready()

    def _get_ready(self) -> None:
        if self._copies_walking and self._ready is not None and not self._readied:
            self._readied = True
            source, digest = self._ready
            if self._examined is None or not self._examined(source, digest):
                _ready_to_examine(self.options, source)

    def _kept(self, sources: Sequence[SourceFile]) -> list[SourceFile]:
        """Judge the files whose stamps are those the cache kept; the others."""
        assert self.known is not None
        known, judged = self.known, self._judged
        fresh = []
        for source in sources:
            entry = known.get(source.name)
            verdict = None if entry is None else Screening.kept(entry, source.name)
            if verdict is None:
                fresh.append(source)
            else:
                judged[source.name] = verdict
        return fresh

    def verdicts(self, sources: Sequence[SourceFile]) -> list[Screening]:
        """The screenings of `sources` (each added before), in their order."""
        judged = self._judged
        if self._sent and self._pending:
            self._send(self._pending)
        elif self._pending:
            filters = self._filters
            judged.update((s.name, _screen_one(filters, s)) for s in self._pending)
        self._pending = []
        for chunk, future in self._sent:
            for source, verdict in zip(chunk, future.result(), strict=True):
                judged[source.name] = Screening(*verdict)
        self._sent = []
        return [judged[source.name] for source in sources]

    def _send(self, chunk: list[SourceFile]) -> None:
        assert self.workers is not None
        jobs = resolve_jobs(self.options.jobs)
        # plain tuples both ways: what crosses to a worker is pickled, a file at a time
        sent = [(s.name, s.kind) for s in chunk]
        self._sent.append((chunk, self.workers.submit(_screen_in_worker, jobs, self.options, sent)))

    def _report(self, files: list[SourceFile]) -> _Report:
        """What a forked process sends back of its judgements of `files`, in columns (a
        share of a large tree has tens of thousands): each file's flags (worth examining,
        its `facts`, stamped, fresh), the stamps of the files screened afresh (the cache
        keeps them; those of the files it judged are its own already), the digests of the
        files worth examining."""
        judged = self._judged
        verdicts = [judged[f.name] for f in files]
        stamps = array("q")
        # eight bytes a file: the facts and the three flags beside them take more than four
        if self.known is None:  # no cache: what the rules may say, what the run is told
            flags = array("Q", [v.worth | (v.facts & _LOW_FACTS) << _FACTS_AT for v in verdicts])
        else:
            fresh = self.fresh
            screened = [(v, f.name in fresh) for f, v in zip(files, verdicts, strict=True)]
            flags = array(
                "Q",
                [
                    v.worth
                    | (v.facts & _LOW_FACTS) << _FACTS_AT
                    | (_STAMPED if new and v.stamp is not None else 0)
                    | (_FRESH if new else 0)
                    for v, new in screened
                ],
            )
            stamps.extend(n for v, new in screened if new and v.stamp is not None for n in v.stamp)
        high = [(i, v.facts >> _LOW_BITS) for i, v in enumerate(verdicts) if v.facts >> _LOW_BITS]
        digested = [v.digest for v in verdicts if v.worth or v.facts & MAY_USE_LLAMAINDEX_DEFAULT]
        return flags, stamps, digested, high

    def _receive(self, files: list[SourceFile], report: object) -> None:
        flags, numbers, digests, high = cast(_Report, report)
        judged = self._judged
        # most files of a large tree are ruled out, and without a cache keep no stamp
        names = list(map(_NAME, files))
        judged.update(zip(names, map(_UNSTAMPED.__getitem__, flags), strict=True))
        stamps = zip(*[iter(numbers)] * 4, strict=True)  # the stamps as tuples again
        digested = iter(digests)
        above = dict(high)
        for index in sorted({i for i, flag in enumerate(flags) if flag & _DIGESTED} | above.keys()):
            flag = flags[index]
            stamp = next(stamps) if flag & _STAMPED else None
            digest = next(digested) if flag & _WITH_DIGEST else ""
            facts = flag >> _FACTS_AT | above.get(index, 0) << _LOW_BITS
            judged[names[index]] = Screening(bool(flag & 1), facts, stamp, digest)
        if self.known is not None:
            self.fresh.update(n for n, flag in zip(names, flags, strict=True) if flag & _FRESH)


# `Screening(*fields)`, made without the call to its `__new__` (a large tree makes one a file)
_screening = functools.partial(tuple.__new__, Screening)


class _Unstamped(dict[int, Screening]):
    """By a file's flags (`Screener._report`), its screening when it is ruled out and keeps
    no stamp (the others are made one by one): each made when first met (a table of every
    one cost milliseconds at every start)."""

    def __missing__(self, flags: int) -> Screening:
        made = self[flags] = Screening(False, flags >> _FACTS_AT)
        return made


_UNSTAMPED = _Unstamped()


# the flags sending a Python module to a screening pass that parses it (each pass's flag;
# the tables of defaults are read twice, `_table_defaults` and `_file_settings`; LlamaIndex's,
# for the imports of the module, `settings_apart`); `USES_OPENAI_CLIENT` too where the run
# switches provider (`_provider_factories`), and again where thinking can be turned off
# (`_thinking_off_callees`)
_PARSING_FLAGS = (
    HOLDS_CONFIG_TABLE,
    HOLDS_CONFIG_TABLE,
    HANDS_ON,
    DEFAULTS_ENV_MODEL,
    MOVES_OPENAI_KEY,
    KEEPS_OPENAI_KEY,
    READS_BASE_URL_FIELD,
    REQUESTS_MODULE_CLIENT,
    KEYS_OPENAI_MODEL,
    PATCHES_CLIENT,
    NAMES_SERVICES,
    DERIVES_LM_CLASS,
    PROXIES_LIBRARY,
    REGISTERS_MODELS,
    MAY_USE_LLAMAINDEX_DEFAULT,
)

# the kinds of the files that may use a LlamaIndex default model (ML612)
_CODE_KINDS = frozenset({"python", "notebook"})


def _set_elsewhere(tops: dict[str, list[str]], facts: int) -> dict[str, list[str]]:
    """Of `tops` (model -> the modules setting it at their top level), those a file whose
    screening found `facts` does not set itself (in a function either): they count for it
    only where it imports one of their setters (`settings_apart`)."""
    return {
        model: tops[model]
        for model, bit, later in SETTING_BITS
        if model in tops and not facts & (bit | later)
    }


# How many of a project's modules are read again to follow its imports (`ImportGraph`): a
# module whose setting lies beyond them is taken not to import it (reported, not missed).
IMPORTS_READ = 400


def _import_graphs(sources: Sequence[SourceFile], projects: Projects) -> dict[str, ImportGraph]:
    """The Python modules of each project (by root), their imports read again on demand."""
    modules: dict[str, dict[str, SourceFile]] = {}
    for source in sources:
        if source.kind == "python":
            modules.setdefault(projects.root(source.name), {})[source.name] = source
    return {root: _graph(found) for root, found in modules.items()}


def _graph(modules: dict[str, SourceFile]) -> ImportGraph:
    def read(name: str) -> list[Imported] | None:
        data = _read_again(modules[name])
        return None if data is None else module_imports(data)

    return ImportGraph(modules, read, IMPORTS_READ)


def _read_again(source: SourceFile) -> bytes | None:
    """The bytes of `source`, read again: once for all the screening's passes
    (`reread.read_once`); None where it cannot be read."""
    try:
        return read_once(source.name, FORMATS[source.kind].max_bytes)
    except UnreadableFile:
        return None


def _python_worth(
    sources: Sequence[SourceFile], verdicts: Sequence[Screening], may: Callable[[bytes], bool]
) -> Iterator[tuple[SourceFile, bytes]]:
    """The Python sources the screening found worth examining, with their bytes read again,
    where `may` lets those through (a project pass's own byte test)."""
    for source, verdict in zip(sources, verdicts, strict=True):
        if verdict.worth and source.kind == "python":
            data = _read_again(source)
            if data is not None and may(data):
                yield source, data


def _modules_by_name(
    sources: Sequence[SourceFile], projects: Projects, root: str, cwd: Path | None
) -> dict[str, SourceFile]:
    """The Python sources of the project at `root`, by the name `_named_again` reads each as."""
    return {
        _named_again(s, cwd)[0]: s
        for s in sources
        if s.kind == "python" and projects.root(s.name) == root
    }


def _named_again(source: SourceFile, cwd: Path | None) -> tuple[str, str]:
    """The module `source` read again, as `PythonContext.path` names a module examined from
    `cwd` (`_python_findings`), and its name as shown."""
    if cwd is None:
        return source.name, source.name
    shown = display_path(source.name, cwd)
    return os.path.join(cwd, shown), shown


_NAME = operator.attrgetter("name")


# what a forked process sends back of its screenings (`Screener._report`)
_Report = tuple["array[int]", "array[int]", list[str], list[tuple[int, int]]]


def _discovered(
    options: ScanOptions,
    screener: Screener,
    ignored: Gitignored,
    ctx: RuleContext,
    kept: Kept | None = None,
) -> tuple[list[SourceFile], list[Screening]]:
    """The files to scan under `options.paths`, sorted, and their screenings (`kept`: what
    runs keep of the .gitignore and exclude patterns). The gitignored config files worth
    examining as any config file of the run is (`_gitignored_configs`) that a scanned module
    reads by name are scanned too (`gitignored.readers`); what .gitignore left out is told in
    `ignored`."""
    # the walk and the screenings make a few objects a file and no cycle among them, which
    # stay for the run: the collector would walk them, and the modules not yet in its oldest
    # generation, for nothing (on 25,000 files, some 120 collections: a twentieth of the
    # screening)
    with paused(stays=True):
        return _discovered_paused(options, screener, ignored, ctx, kept)


def _discovered_paused(
    options: ScanOptions,
    screener: Screener,
    ignored: Gitignored,
    ctx: RuleContext,
    kept: Kept | None,
) -> tuple[list[SourceFile], list[Screening]]:
    sources = discover(
        options.paths,
        options.exclude,
        options.use_gitignore,
        options.cwd,
        ignored.skipped,
        screener.add,
        screener.sharing,
        kept,
    )
    left_out = [p for p in ignored.skipped if kind_of(str(p)) != "python"]
    worth, naming = _gitignored_configs(left_out, ctx)
    read = _read_by_modules(worth, sources, options)
    # a gitignored module is looked for among the imports only where its text names what a
    # config file's would (`_version.py`, `local_settings.py` mostly name nothing of it)
    modules, _ = _gitignored_configs(
        [p for p in ignored.skipped if kind_of(str(p)) == "python"], ctx
    )
    read.update(_imported_by_modules(modules, sources, options))
    if read:
        added = [SourceFile(name, kind_of(name) or "") for name in sorted(read)]
        screener.add(added)
        sources = sorted([*sources, *added], key=lambda s: s.name.replace(os.sep, "/"))
        cwd = options.cwd
        ignored.read = {
            display_path(name, cwd): f"{display_path(module, cwd)}:{line}"
            for name, (module, line) in read.items()
        }
    shown = (display_path(name, options.cwd) for name in naming if name not in read)
    ignored.listed = tuple(sorted(shown))
    ignored.named = _named_ignored(options)
    return sources, screener.verdicts(sources)


def _named_ignored(options: ScanOptions) -> frozenset[str]:
    """The config files named in `options.paths` that .gitignore ignores and git does not
    track (`discover.ignored_untracked`), as shown: a key there is kept out of version
    control as it is in such a file a walk finds read (`gitignored.kept_out`), whether or not
    the file is named (pre-commit names only the files staged: a tracked one, an error)."""
    if not options.use_gitignore:
        return frozenset()
    named = set()
    for given in options.paths:
        path = given if given.is_absolute() else options.cwd / given
        kind = kind_of(str(path))
        if kind not in (None, "python") and path.is_file() and ignored_untracked(path):
            named.add(display_path(str(path), options.cwd))
    return frozenset(named)


def _read_by_modules(
    configs: Sequence[str], sources: Sequence[SourceFile], options: ScanOptions
) -> dict[str, tuple[str, int]]:
    """`gitignored.readers` of `configs` among the Python modules of `sources`."""
    if not configs:
        return {}
    modules = (s.name for s in sources if s.kind == "python")
    return readers(configs, modules, _tops(options))


def _imported_by_modules(
    candidates: Sequence[str], sources: Sequence[SourceFile], options: ScanOptions
) -> dict[str, tuple[str, int]]:
    """`gitignored.importers` of the gitignored Python modules `candidates` among the Python
    modules of `sources` (gpt_academic's `config_private.py`)."""
    if not candidates:
        return {}
    modules = (s.name for s in sources if s.kind == "python")
    return importers(candidates, modules, _tops(options))


def _tops(options: ScanOptions) -> list[str]:
    """The directories a run was given (and the current one): where a name a module opens or
    imports may be found from, at most."""
    tops = [str(options.cwd)]
    for given in options.paths:
        path = given if given.is_absolute() else options.cwd / given
        tops.append(os.path.normpath(path))
    return tops


# The largest file over its kind's `max_bytes` that is still read whole to be screened: one
# the prefilter rules out (a minified bundle, a data file) has nothing to report and counts
# as screened; any other is left unexamined, an error that keeps `check` red.
OVERSIZE_SCREEN_BYTES = 32 * 1024 * 1024


def _screen_one(filters: _Filters, source: SourceFile) -> Screening:
    prefilter, unused, stamped, endpoints, urls, names = filters
    form = FORMATS[source.kind]
    stamp = None
    oversize = False
    try:
        if form.binary:
            data = read_head(source.name, form.max_bytes)
            stamp = _stamp(source.name) if stamped else None
        elif stamped:
            data, stamp = read_stamped(source.name, form.max_bytes)
        else:
            data = read_bytes(source.name, form.max_bytes)
    except UnreadableFile:
        if form.binary or not _over_limit(source.name, form.max_bytes):
            return Screening(True)
        try:  # read whole, only to be screened
            data, stamp = read_stamped(source.name, OVERSIZE_SCREEN_BYTES)
        except UnreadableFile:
            return Screening(True)
        oversize, stamp = True, stamp if stamped else None
    modules: set[str] | None = None
    try:
        if not form.binary and ruled_out(prefilter, source.kind, data, unused):
            worth, holds_openai, modules = False, False, set()  # most files, not decoded
        else:
            text = binary_text(data).text if form.binary else text_of(data, form.coding_cookie)
            worth, holds_openai, modules = screened(prefilter, source.kind, text, unused)
    except UnreadableFile:
        worth = holds_openai = True  # its bytes are searched
    facts = facts_of(source.kind, data, worth, holds_openai, modules, endpoints, urls, names)
    digested = worth or facts & MAY_USE_LLAMAINDEX_DEFAULT  # maybe let through (`Screened`)
    if oversize and digested:
        return Screening(True)  # examined, it is skipped with its size said: an error
    digest = hashlib.sha256(data).hexdigest() if digested else ""
    return _screening((worth, facts, stamp, digest))


def _read(path: Path, form: Format) -> bytes:
    """The bytes of `path` scanned as `form`: a binary file's first `max_bytes`."""
    return read_head(path, form.max_bytes) if form.binary else read_bytes(path, form.max_bytes)


def _over_limit(name: str, max_bytes: int) -> bool:
    """Whether the file `name` is larger than `max_bytes` (and no larger than
    `OVERSIZE_SCREEN_BYTES`): one `_screen_one` reads whole to screen it."""
    try:
        return max_bytes < os.stat(name).st_size <= OVERSIZE_SCREEN_BYTES
    except OSError:
        return False


def _stamp(name: str) -> Stamp | None:
    try:
        return stamp_of(os.stat(name))
    except OSError:
        return None


# The largest file examined only to make a process ready (`_ready_to_examine`)
READY_BYTES = 32_768


def _small_python(source: SourceFile) -> bool:
    """Whether `source` is a Python file or a notebook of at most READY_BYTES."""
    form = FORMATS[source.kind]
    try:
        return (form.python or form.notebook) and os.stat(source.name).st_size <= READY_BYTES
    except OSError:
        return False


def _ready_to_examine(options: ScanOptions, source: SourceFile) -> None:
    """Load libcst and the rules in this process and fill the tables they fill on first use
    (the plans of libcst's node classes, compiled patterns, the rules' context), by
    examining `source` and dropping the result: about a fifth of a second that each worker
    of a pool forked from this process then does not spend."""
    import migrate_llm.rules.python  # noqa: F401  (libcst and every rule)

    _scanner_for(options).scan(source)
    # its trees' cycles, gone before what the walk made is frozen (`paused(stays=True)`)
    gc.collect(0)


class Workers:
    """A pool of worker processes, started only when some work is worth sending to it and
    shut down when the run ends."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def map(self, work: Callable[[S], T], items: Sequence[S], jobs: int, chunk: int) -> Iterator[T]:
        return self._started(jobs).map(work, items, chunksize=chunk)

    def submit(self, work: Callable[..., T], jobs: int, *args: object) -> Future[T]:
        return self._started(jobs).submit(work, *args)

    def _started(self, jobs: int) -> ProcessPoolExecutor:
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            # a worker's collections pass over what it was forked with (the modules, the
            # rules' tables, the walk's files) as long as it lives, writing to pages it
            # shares with this process: frozen, they are left out
            self._pool = ProcessPoolExecutor(jobs, initializer=gc.freeze)
        return self._pool

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


# Per-process state of a pool worker: what it built for the options of the run.
_worker: tuple[ScanOptions, FileScanner] | None = None
# How files are screened: the prefilters, whether a suppression comment is reason enough to
# examine a file (`--report-unused-ignores`), whether a file's stamp is taken (a cache
# keeps it; taking it costs a system call a file), the search for an OpenAI URL with an
# API path (`endpoint_urls`, a fact of the project), and in a run moving to another provider,
# whether bytes hold OpenAI's or its URL (`request_urls`: where a key a raw request sends
# goes, ML403)
_Filters = tuple[Mapping[str, Prefilter], bool, bool, Search, "Held | None", "Held | None"]
_worker_filters: tuple[ScanOptions, _Filters] | None = None


# The prefilters built in this process, by OpenAI's provider data (held, so that its id
# stays its own), whether the run switches provider, the models the target retired, its models
# as apply writes them and its base-URL variable:
# screening, examining and the gitignored files share them and the expressions they compile.
_built_prefilters: dict[
    tuple[int, bool, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], bool],
    tuple[Provider, dict[str, Prefilter]],
] = {}


def _prefilters(ctx: RuleContext, openai_only: bool = False) -> dict[str, Prefilter]:
    """The run's prefilters (`openai_only`: those of a switching run that name OpenAI, not
    the target's retired models, its models as apply writes them nor its base-URL and key
    variables)."""
    openai = ctx.registry.openai
    switching = ctx.switching or openai_only
    retired: tuple[str, ...] = ()
    written: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    turns = False
    if ctx.provider is not None and ctx.switching and not openai_only:
        retired = tuple(sorted(ctx.provider.retired))
        named = chat_models_written(ctx.provider) | embedding_models_named(ctx.provider)
        written = tuple(sorted(named))
        targets = (ctx.provider.base_url_env,)
        keys = (ctx.provider.api_key_env,)
        turns = bool(ctx.provider.params.get("tool_turn_fields"))
    key = (id(openai), switching, retired, written, targets, keys, turns)
    built = _built_prefilters.get(key)
    if built is None or built[0] is not openai:
        if len(_built_prefilters) >= 4:  # a run has one or two; tests build registries
            _built_prefilters.clear()
        built = _built_prefilters[key] = (
            openai,
            prefilters(openai, switching, retired, written, targets, keys, turns),
        )
    return built[1]


def _filters_for(options: ScanOptions) -> _Filters:
    global _worker_filters
    if _worker_filters is None or _worker_filters[0] != options:
        ctx = _context(options)
        filters = _prefilters(ctx)
        stamped = options.cache_dir is not None
        endpoints = endpoint_urls(tuple(ctx.registry.openai.hosts))
        urls = _request_urls(ctx)
        names = holds_names(ctx.provider) if ctx.provider and ctx.switching else None
        unused = options.report_unused_ignores
        filters_of = (filters, unused, stamped, endpoints, urls, names)
        _worker_filters = (options, filters_of)
    return _worker_filters[1]


def _request_urls(ctx: RuleContext) -> Held | None:
    """`request_urls` of the hosts of OpenAI and of the provider a run moves to and the
    provider's base-URL variable, as `raw_request_keys.url_module` looks for them (None in a
    run moving to no other provider)."""
    provider = ctx.provider
    if provider is None or not ctx.switching:
        return None
    return request_urls((*ctx.registry.openai.hosts, provider.base_url_env, *provider.hosts))


def _scanner_for(options: ScanOptions) -> FileScanner:
    global _worker
    if _worker is None or _worker[0] != options:
        scanner = FileScanner(
            _context(options), options.cwd, options.report_unused_ignores, options.config
        )
        _worker = (options, scanner)
    return _worker[1]


# a chunk's screenings as they come back from a worker: plain tuples (`Screening`'s fields)
_Verdicts = list[tuple[bool, int, "Stamp | None", str]]


def _screen_in_worker(options: ScanOptions, chunk: list[tuple[str, str]]) -> _Verdicts:
    filters = _filters_for(options)
    done = (_screen_one(filters, SourceFile(*s)) for s in chunk)
    return [(v.worth, v.facts, v.stamp, v.digest) for v in done]


# a file sent to a worker: what the files of its project tell, the digest the prefilter passed
_Told = tuple[SourceFile, RunFacts, str]


def _scan_in_worker(options: ScanOptions, told: _Told) -> FileResult:
    scanner = _scanner_for(options)
    scanner.tell(told[1])
    scanner.passed = told[2]
    return scanner.scan(told[0])


def _migrate_in_worker(options: ScanOptions, told: _Told) -> PlannedFile:
    scanner = _scanner_for(options)
    scanner.tell(told[1])
    scanner.passed = told[2]
    return scanner.migrate(told[0])


def resolve_jobs(jobs: int) -> int:
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def _run(
    options: ScanOptions,
    sources: Sequence[SourceFile],
    told: Sequence[RunFacts],
    ctx: RuleContext,
    local: Callable[[FileScanner, SourceFile], T],
    remote: Callable[[ScanOptions, _Told], T],
    progress: Progress | None,
    workers: Workers | None = None,
    passed: Sequence[str] = (),
) -> list[T]:
    """Run `local` (in this process) or `remote` (in `workers`) over `sources`, each told
    what the files of its project tell (`told`, in the same order) and the digest of the
    bytes the prefilter let through (`passed`, `Screened.passed`; none given: none),
    reporting progress as files finish."""
    if not passed:
        passed = [""] * len(sources)
    total = len(sources)
    if not total:
        return []  # an unchanged tree's files are all in the cache: nothing to set up
    jobs = min(resolve_jobs(options.jobs), max(1, total // CHUNK_SIZE))
    results: list[T] = []
    if workers is None or jobs <= 1 or total < PARALLEL_THRESHOLD:
        scanner = FileScanner(ctx, options.cwd, options.report_unused_ignores, options.config)
        for source, facts, digest in zip(sources, told, passed, strict=True):
            if progress:
                progress(len(results), total, source.path)
            scanner.last = len(results) == total - 1 and process_end.last_run()
            scanner.previews = options.provider is not None
            scanner.tell(facts)
            scanner.passed = digest
            results.append(local(scanner, source))
            if progress:
                progress(len(results), total, None)
        return results
    # the largest files first, a few at a time: a large file met last would leave the other
    # workers idle while it is read
    order = sorted(range(total), key=lambda i: -_size(sources[i]))
    chunk = max(1, min(CHUNK_SIZE, total // (jobs * 8)))
    done: dict[int, T] = {}
    work = functools.partial(remote, options)
    mapped = workers.map(work, [(sources[i], told[i], passed[i]) for i in order], jobs, chunk)
    for index, result in zip(order, mapped, strict=True):
        done[index] = result
        if progress:
            progress(len(done), total, None)
    return [done[i] for i in range(total)]


def _size(source: SourceFile) -> int:
    try:
        return os.stat(source.name).st_size
    except OSError:
        return 0


def scan(options: ScanOptions, progress: Progress | None = None) -> ScanResult:
    """Scan every file under `options.paths`; raise MigrateError for bad paths or providers.

    With `options.cache_dir`, a file whose result is in the cache is not read again."""
    started()
    ctx = _context(options)
    ignored = Gitignored()
    unwritten = None
    with Workers() as workers:
        if options.cache_dir is None:
            sources, verdicts = _discovered(options, Screener(options, workers), ignored, ctx)
            screened = Screened.of(
                sources, verdicts, options.facts, options.cwd, ctx, paths=options.paths
            )
            scanned = FileScanner.scan, _scan_in_worker
            worth, told = screened.worth, screened.told
            results = _run(options, worth, told, ctx, *scanned, progress, workers, screened.passed)
        else:
            cached = _scan_cached(options, ctx, ignored, progress, workers)
            sources, screened, results, unwritten = cached
    if ignored.read:
        built = built_reads(f for r in results for f in r.findings)
        results = [_read_result(result, ignored.read, built) for result in results]
    if ignored.named:
        results = [_named_result(result, ignored.named) for result in results]
    findings = sorted(
        (f for r in results for f in r.findings),
        key=lambda f: (f.path, f.cell or 0, f.line, f.column, f.rule),
    )
    errors = sorted((r.error for r in results if r.error), key=lambda e: e.path)
    return ScanResult(
        provider=ctx.provider.id if ctx.provider else None,
        files=len(sources),
        findings=tuple(findings),
        errors=tuple(errors),
        parsed=sum(r.parsed for r in results),
        scanned=_Scanned([r.path for r in results], screened.ruled_out, options.cwd),
        ignored=ignored.listed,
        cache_unwritten=unwritten,
    )


def _read_result(
    result: FileResult, read: Mapping[str, str], built: BuiltReads | None = None
) -> FileResult:
    """`result`, for a gitignored file a module reads (`read`: by path, the module's place),
    as apply leaves it (`gitignored.left_to_a_person`, with the run's `built` reads)."""
    reader = read.get(result.path)
    if reader is None:
        return result
    findings = tuple(left_to_a_person(f, reader, built) for f in result.findings)
    return replace(result, findings=findings)


def _named_result(result: FileResult, named: frozenset[str]) -> FileResult:
    """`result`, for a gitignored file named on the command line that git does not track
    (`named`, as shown), with its keys kept out of version control (`gitignored.kept_out`)."""
    if result.path not in named:
        return result
    return replace(result, findings=tuple(kept_out(f) for f in result.findings))


class _Scanned(Set[str]):
    """`ScanResult.scanned`: the paths of the files examined, and those of the files ruled
    out, shown as findings show them when first asked (only a baseline asks, and showing
    every file of a large tree costs about as much as screening it)."""

    def __init__(self, shown: Sequence[str], ruled_out: Sequence[SourceFile], cwd: Path) -> None:
        self._shown, self._ruled_out, self._cwd = shown, ruled_out, cwd

    @functools.cached_property
    def _paths(self) -> frozenset[str]:
        return frozenset(
            [*self._shown, *(display_path(s.name, self._cwd) for s in self._ruled_out)]
        )

    def __contains__(self, path: object) -> bool:
        return path in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    __hash__ = Set._hash


def _scan_cached(
    options: ScanOptions,
    ctx: RuleContext,
    ignored: Gitignored,
    progress: Progress | None,
    workers: Workers,
) -> tuple[list[SourceFile], Screened, list[FileResult], str | None]:
    """`scan` with the result cache (see `migrate_llm.cache`): a file whose stamp is the one
    it had when last screened is not read again, nor is a result looked up by the bytes it
    had then examined again; the other files are screened, and those worth it examined. Last,
    why the results could not be kept, when they could not."""
    context = _cache_context(options, ctx)
    cache, sources, screened = _screened_cached(options, context, ignored, workers, ctx)

    def result_key(source: SourceFile, digest: str, results: str) -> str:
        return cache.key(source.kind, display_path(source.name, options.cwd), digest, results)

    # a file's results are kept by what the files of its project tell (`RunFacts.key`)
    by_facts = {facts: _results(facts.key, context) for facts in set(screened.told)}
    kept_under = [by_facts[facts] for facts in screened.told]
    worth = screened.worth
    keys = [
        result_key(source, verdict.digest, under) if verdict.digest else ""
        for source, verdict, under in zip(worth, screened.verdicts, kept_under, strict=True)
    ]
    hits = cache.get_many([key for key in keys if key])
    results: list[FileResult | None] = [hits.get(key) for key in keys]
    missing = [i for i, hit in enumerate(results) if hit is None]
    read_again = [worth[i] for i in missing]
    facts = [screened.told[i] for i in missing]
    scanned = FileScanner.scan, _scan_in_worker
    done = _run(options, read_again, facts, ctx, *scanned, progress, workers)
    for index, result in zip(missing, done, strict=True):
        results[index] = result
        if result.digest:  # read and examined (an internal error or a timeout has none)
            key = cache.key(worth[index].kind, result.path, result.digest, kept_under[index])
            cache.put(key, result)
    unwritten = cache.close()
    return sources, screened, [r for r in results if r is not None], unwritten


def _screened_cached(
    options: ScanOptions,
    context: str,
    ignored: Gitignored,
    workers: Workers,
    rules: RuleContext,
    keep: bool = True,
) -> tuple[ResultCache, list[SourceFile], Screened]:
    """The files under `options.paths` screened with the cache's screenings (a file whose
    stamp is the one it had when last screened is not read again), the new screenings put in
    the cache with `keep` (written when it is closed), and the cache; `rules`: the run's
    rule context (`Screened.of`)."""
    from migrate_llm.cache import ResultCache

    assert options.cache_dir is not None
    cache = ResultCache(options.cache_dir, f"screening:{context}")

    def examined(source: SourceFile, digest: str) -> bool:
        # asked before what its project's files tell is known, only to choose whether to load
        # the rules early: a file screened worth it with these bytes last time was examined
        entry = cache.screenings().get(source.name)
        return entry is not None and bool(entry) and entry[-1] == digest

    screener = Screener(options, workers, cache.screenings(), examined)
    patterns = _kept_patterns(options, cache)
    sources, verdicts = _discovered(options, screener, ignored, rules, patterns)
    if patterns is not None and keep:
        cache.put_ignores(patterns.learned())
    for source, screening in zip(sources, verdicts, strict=True):
        if keep and screening.stamp is not None and source.name in screener.fresh:
            kept = screening.worth, screening.facts, screening.stamp, screening.digest
            cache.put_screening(source.name, *kept)
    readings = Readings(cache, keep)
    screened = Screened.of(
        sources, verdicts, options.facts, options.cwd, rules, readings, options.paths
    )
    return cache, sources, screened


def _results(told: str, context: str) -> str:
    """The cache's context of the results of a run (`context`, `_cache_context`), by what the
    files of a project tell of it (`RunFacts.key`)."""
    return f"results:{told}:{context}"


def _kept_patterns(options: ScanOptions, cache: ResultCache) -> Kept | None:
    """What the cache keeps of .gitignore and exclude patterns, for a run that reads them;
    None where pathspec's installation cannot be told (its entries are keyed by it)."""
    from migrate_llm.cache import code_fingerprint
    from migrate_llm.ignore_patterns import Kept, pathspec_stamp

    if not (options.use_gitignore or options.exclude):
        return None
    stamp = pathspec_stamp()
    if stamp is None:
        return None
    return Kept(cache.kept_ignores(), f"{code_fingerprint()}\0{stamp}")


def _cache_context(options: ScanOptions, ctx: RuleContext) -> str:
    """The cache's key for everything a file's screening depends on besides its bytes and
    name (what screening finds out of each project, its `RunFacts`, is added for results)."""
    from migrate_llm.cache import code_fingerprint, context_key, python_version

    return context_key(
        (
            code_fingerprint(),
            python_version(),
            ctx.registry.digest or ctx.registry.providers,  # hand-built registries have none
            ctx.provider.id if ctx.provider else None,
            options.region,
            options.models,
            options.azure_api,
            options.azure_auth,
            options.config,
            options.report_unused_ignores,
            str(options.cwd),
        )
    )


def plan(options: ScanOptions, progress: Progress | None = None) -> Plan:
    """What `apply` would change under `options.paths` (a provider is required)."""
    started()
    ctx = _context(options)
    assert ctx.provider is not None and ctx.base_url is not None
    ignored = Gitignored()
    with Workers() as workers:
        # a file the prefilter rules out is left as it is: nothing to plan for it
        if options.cache_dir is None:
            sources, verdicts = _discovered(options, Screener(options, workers), ignored, ctx)
            screened = Screened.of(
                sources, verdicts, options.facts, options.cwd, ctx, paths=options.paths
            )
        else:  # read only: `apply --diff` writes nothing, and what apply writes is read again
            context = _cache_context(options, ctx)
            cached = _screened_cached(options, context, ignored, workers, ctx, False)
            cache, sources, screened = cached
            cache.close()
        migrated = FileScanner.migrate, _migrate_in_worker
        worth, told = screened.worth, screened.told
        # a cache's screenings are an earlier run's: the prefilter is asked again
        passed = screened.passed if options.cache_dir is None else ()
        planned = _run(options, worth, told, ctx, *migrated, progress, workers, passed)
    roots = [(options.cwd / p).resolve() for p in options.paths]
    planned = [_inside(p, roots) for p in planned]
    if ignored.read:
        built = built_reads(f for p in planned for f in p.change.findings)
        planned = [_read_planned(p, ignored.read, built) for p in planned]
    if ignored.named:
        planned = [_named_planned(p, ignored.named) for p in planned]
    litellm = any(facts.litellm_project for facts in told) and _litellm_may_route(
        [p.change for p in planned], ctx.provider
    )
    held = tuple(
        p.change.path
        for p, facts in zip(planned, told, strict=True)
        if facts.openai_v0_kept and any(f.rule in V1_REWRITES for f in p.change.fixed)
    )
    locks = stale_locks([(p.path, p.change) for p in planned])
    return Plan(
        _run_provider(ctx, told),
        ctx.base_url,
        len(sources),
        tuple(planned),
        ignored.listed,
        litellm,
        held,
        locks,
    )


def _run_provider(ctx: RuleContext, told: Sequence[RunFacts]) -> Provider:
    """The provider as the run's messages name it: with the base-URL variable every
    project's files already read where they agree on one (`Provider.reading_base_url`),
    else as the file has it."""
    assert ctx.provider is not None
    seen = {ctx.provider.reading_base_url(f.base_url_names_read).base_url_env for f in told}
    if len(seen) != 1:
        return ctx.provider
    return ctx.provider.reading_base_url(next(iter(told)).base_url_names_read)


def _read_planned(
    planned: PlannedFile, read: Mapping[str, str], built: BuiltReads | None = None
) -> PlannedFile:
    """`planned`, for a gitignored file a module reads, left as it is (`_read_result`)."""
    reader = read.get(planned.change.path)
    if reader is None:
        return planned
    return replace(planned, change=change_left(planned.change, reader, built))


def _named_planned(planned: PlannedFile, named: frozenset[str]) -> PlannedFile:
    """`planned` with its keys kept out of version control (`_named_result`); its edits,
    apply's to make: a gitignored file named is edited."""
    change = planned.change
    if change.path not in named:
        return planned
    findings = tuple(kept_out(f) for f in change.findings)
    return replace(planned, change=replace(change, findings=findings))


def _litellm_may_route(changes: Sequence[FileChange], provider: Provider) -> bool:
    """Whether a litellm call of a run whose project calls litellm may take `provider`'s own
    route (`litellm_prefix`), which reads litellm's variables: a call ML640 leaves to a
    person (a model chosen at run time, which may name the route), or a file calling litellm
    that names a model on the route (`"deepseek/deepseek-v4-pro"`). Not where every call names
    a model on another route apply leaves (Doriandarko/maestro's `gemini/...`)."""
    route = provider.litellm_route()
    if route is None:
        return False
    named = re.compile(rf"(?<![\w./-]){re.escape(route[0])}/[\w.:-]")
    for change in changes:
        if any(f.rule == "ML640" for f in change.left):
            return True
        if named.search(change.before) and fw_litellm.CALL_TEXT.search(change.before.encode()):
            return True
    return False


# The rules whose edits turn openai<1 code into code of the openai>=1 API (the v0 resource
# calls, their errors, arguments, responses and test doubles, the module settings moved into
# a client), which fails at import under openai<1 (`module 'openai' has no attribute
# 'OpenAI'`). Not ML504 and ML506, which move pins.
V1_REWRITES = frozenset({"ML301", "ML302", "ML303", "ML304", "ML305", "ML306", "ML307"})


def _inside(planned: PlannedFile, roots: Sequence[Path]) -> PlannedFile:
    """`planned`, or, when it is a symlink to a file outside every scanned path, the same
    file left unchanged with the reason: `apply` never writes outside what it was given."""
    change = planned.change
    if not change.changed:
        return planned
    target = planned.path.resolve()
    if any(target == root or root in target.parents for root in roots):
        return planned
    error = FileError(change.path, "a symlink to a file outside the scanned paths; not written")
    return replace(planned, change=replace(change, after=change.before, error=error))


IGNORED_SIZE_LIMIT = 1 << 20


def _gitignored_configs(paths: Sequence[Path], ctx: RuleContext) -> tuple[list[str], list[str]]:
    """The gitignored config files among `paths` worth examining, by the test any config
    file of the run passes (`_prefilters`: in a switching run, the provider's models as apply
    writes them too, so a file a module reads stays scanned once apply or a person has moved
    it: t52a), and those whose text names OpenAI (a variable, host, key or model): often
    where a user keeps the real settings the program reads. A line giving crewAI a model on
    another provider's route (`MODEL=dashscope/qwen-plus`) does not count."""
    if not paths:
        return [], []
    run = _prefilters(ctx)["config"]
    pattern = _prefilters(ctx, openai_only=True)["config"]
    worth, naming = [], []
    for path in paths:
        try:
            if path.stat().st_size > IGNORED_SIZE_LIMIT:
                continue
            text = crewai.ROUTED_MODEL.sub("", path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        if pattern.search(text):
            naming.append(str(path))
            worth.append(str(path))
        elif run.search(text):
            worth.append(str(path))
    return worth, naming


def _owner(path: str) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_uid, status.st_gid


def plan_text(text: str, options: ScanOptions, name: str = "<stdin>") -> FileChange:
    """Migrate Python source given as text (`apply -`). The classes deriving from DSPy's
    legacy class that it imports by name from modules found from the current directory are
    read as a run given the file there reads them (`imported_beyond`, t54f E)."""
    started()
    ctx = _context(options)
    if ctx.provider is not None:
        data = text.encode("utf-8", "surrogateescape")
        cwd = str(options.cwd)
        files = imported_beyond(os.path.join(cwd, "stdin.py"), data, frozenset(), [cwd])
        found = frozenset(
            c
            for path, source in read_beyond(files)
            for c in lm_subclasses(path, display_path(path, options.cwd), source, ctx)
        )
        if found:
            ctx = replace(ctx, facts=replace(ctx.facts, lm_subclasses=found))
    scanner = FileScanner(ctx, options.cwd, config=options.config)
    return scanner.migrate_text(text, "python", "stdin.py", name)


def unread_imports(text: str, options: ScanOptions) -> list[tuple[str, str]]:
    """The (name, module) of the classes `text` imports by name from a module not found from
    the current directory (not the standard library's, nor a framework's) and builds with a
    model, key or base URL: `apply -` cannot tell what they derive from (a class deriving from
    DSPy's legacy class sends its requests to OpenAI: ML640)."""
    from migrate_llm.frameworks.modules import FRAMEWORK_MODULES
    from migrate_llm.imports import STDLIB

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    cwd = str(options.cwd)
    imported: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not node.module:
            continue
        top = node.module.split(".")[0]
        if node.level == 0 and (top in STDLIB or top in FRAMEWORK_MODULES or top == "openai"):
            continue
        dotted = "." * node.level + node.module
        line = f"from {dotted} import {', '.join(a.name for a in node.names)}\n".encode()
        if imported_beyond(os.path.join(cwd, "stdin.py"), line, frozenset(), [cwd]):
            continue  # found: read as the run reads it (`plan_text`)
        for alias in node.names:
            imported[alias.asname or alias.name] = dotted
    built = [
        (node.func.id, imported[node.func.id])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in imported
        and {k.arg for k in node.keywords} & _ENDPOINT_KEYWORDS
    ]
    return list(dict.fromkeys(built))


# the keywords of a construction that say it builds a client of a model's endpoint
_ENDPOINT_KEYWORDS = frozenset({"model", "api_key", "api_base", "base_url"})


def write(planned: PlannedFile) -> FileError | None:
    """Write one changed file atomically, keeping encoding, BOM, newlines, mode and owner.

    A file whose bytes changed since they were read is not overwritten. A file with other
    hard links is rewritten in place, so that every link sees the new text.
    """
    change = planned.change
    if not change.changed or planned.source is None:
        return None
    target = planned.path.resolve()
    try:
        current = target.read_bytes()
        if hashlib.sha256(current).hexdigest() != planned.digest:
            return FileError(change.path, "changed on disk since it was read; not overwritten")
        data = planned.source.encode(change.after)
        status = target.stat()
        if status.st_nlink > 1:
            with open(target, "r+b") as stream:
                stream.write(data)
                stream.truncate()
                stream.flush()
                os.fsync(stream.fileno())
            return None
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            if hasattr(os, "chown") and (status.st_uid, status.st_gid) != _owner(tmp):
                with contextlib.suppress(PermissionError):  # allowed as root, or own group
                    os.chown(tmp, status.st_uid, status.st_gid)
            os.chmod(tmp, status.st_mode & 0o7777)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except UnicodeEncodeError as exc:
        return FileError(change.path, f"the new text cannot be encoded as {exc.encoding}")
    except OSError as exc:
        return FileError(change.path, f"cannot write: {exc.strerror or exc}")
    return None
