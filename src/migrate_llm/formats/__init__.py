"""The kinds of file migrate-llm reads, registered in one place, and the readers of config files.

A `Format` says how a kind is recognised, which cheap text test decides whether it is parsed,
which rules see it (the Python rules on its text, the config rules on its entries), which
module reads its entries, and how its bytes are decoded. Engine, discovery and rules ask the
registry instead of comparing kind names, so a new kind (a notebook) is one module plus one
entry here.

Every reader is a pure function `read(text) -> list[Entry]` that raises `FormatError` on a file
it cannot make sense of. Readers are imported on first use, so classifying a path stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from migrate_llm.frameworks import javascript as js

if TYPE_CHECKING:
    from migrate_llm.formats.document import Entry


@dataclass(frozen=True)
class Format:
    """One kind of file.

    `python`: the Python rules run on its text; `config`: the config rules run on its entries,
    read by `reader` (a module of this package; None: rules read the text itself); `prefilter`:
    the text test that decides whether it is parsed ("python", "notebook", "config",
    "requirements", "pickle", "shell"); `coding_cookie`: decoded honouring a PEP 263
    `# -*- coding: ... -*-` line; `notebook`: a Jupyter notebook, whose code cells the Python
    rules see as one module; `max_bytes`: larger files are not read; `variables`: its keys may name
    environment variables (`OPENAI_API_BASE` in a compose file), where an INI file's are the
    settings of the program that reads it; `binary`: read as bytes (latin-1, byte for byte), at
    most `max_bytes` of its start, never parsed nor written; `writable`: `apply` may edit it
    (where not, what the rules find there is left to a person).
    """

    kind: str
    python: bool = False
    config: bool = False
    reader: str | None = None
    prefilter: str = "config"
    coding_cookie: bool = False
    notebook: bool = False
    max_bytes: int = 8 * 1024 * 1024
    variables: bool = True
    binary: bool = False
    writable: bool = True


FORMATS: dict[str, Format] = {
    f.kind: f
    for f in (
        Format("python", python=True, prefilter="python", coding_cookie=True),
        # outputs (images) make notebooks big; only the cells' source is parsed
        Format("notebook", prefilter="notebook", notebook=True, max_bytes=64 * 1024 * 1024),
        Format("dotenv", config=True, reader="dotenv"),
        Format("yaml", config=True, reader="yamldoc"),
        Format("toml", config=True, reader="tomldoc"),
        Format("json", config=True, reader="jsondoc"),
        # `config.ini`, `apikey.cfg`: what Python's configparser reads
        Format("ini", config=True, reader="inidoc", variables=False),
        Format("requirements", config=True, reader="requirements", prefilter="requirements"),
        # setup.cfg: its dependency pins are read from the text
        Format("setup", config=True, prefilter="requirements"),
        # setup.py: code, and a dependency list read from the text
        Format("setup.py", python=True, config=True, prefilter="requirements", coding_cookie=True),
        # a lock file of uv or Poetry (`lock_files.LOCKED_NAMES`): the versions it locks are
        # read from the text (ML641), never written (the package manager re-locks)
        Format("lock", config=True, prefilter="lock", variables=False, writable=False),
        # a pickle: screened for the classes of OpenAI clients it may hold, never unpickled
        Format("pickle", config=True, prefilter="pickle", binary=True),
        # a JavaScript or TypeScript module: its text is read by ML510, never written
        Format(
            "javascript",
            config=True,
            prefilter="javascript",
            max_bytes=2 * 1024 * 1024,
            writable=False,
        ),
        # scripts, Dockerfiles, Makefiles, Procfiles, systemd units: the variables and
        # arguments they hand a program; commands of any kind around them, so never edited,
        # but for the requirement words of install commands (ML504: `formats.install_words`)
        Format("shell", config=True, reader="shell", prefilter="shell", writable=False),
    )
}
# The lock files read for the versions they lock (`lock_files.LOCK_FILES` whose `upgrade`
# is known): uv's and Poetry's, both TOML with `[[package]]` tables.
LOCKED_NAMES = frozenset({"uv.lock", "poetry.lock"})
# The config kinds (every kind the config rules see).
KINDS = tuple(k for k, f in FORMATS.items() if f.config)


class FormatError(Exception):
    """A config file that does not parse; `line` is 1-based, or None when unknown."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def kind_of(name: str) -> str | None:
    """The kind of file `name` (a file name or path) is, Python included; None for files
    migrate-llm does not read."""
    kind = classify(name)
    if kind is None and name.endswith((".py", ".pyi")):
        return "python"
    return kind


# Files that start a program with its environment (`formats.shell`), by lowercased name:
# direnv's `.envrc`, Docker's and Podman's build files (`Dockerfile.dev`, `api.dockerfile`),
# Makefiles, Procfiles (`Procfile.dev`), shell scripts and systemd units.
_NAMED = dict.fromkeys(
    (".envrc", "dockerfile", "containerfile", "makefile", "gnumakefile", "procfile"), "shell"
)
_SHELL_PREFIXES = ("dockerfile.", "containerfile.", "procfile.")
_SHELL_SUFFIXES = (".dockerfile", ".containerfile", ".mk", ".sh", ".bash", ".zsh", ".service")
# Example `.env` files, by lowercased name: a word saying so ends the name after its `env`
# part, joined by `.`, `-` or `_` (`.env.example`, `.env-template` as arc53/DocsGPT names it,
# `.env_sample`, `.env.local.example`, `app.env.dist`, `env.example`, `.env.tpl`: a template for
# envsubst or `op inject`), or stands before a final `.env` (`example.env`, `sample.env`).
# Tested last, so `env-template.yaml` and `env.example.sh` keep their own kinds; directories
# are never classified.
_EXAMPLE_WORDS = "example|sample|template|dist|tpl|tmpl"
_DOTENV_EXAMPLE = re.compile(
    rf"(?:.*[._-])?env(?:[._-][a-z0-9]+)*[._-](?:{_EXAMPLE_WORDS})"
    r"|(?:.*[._-])?(?:example|sample|template)\.env"
)


# Example config files, by lowercased name: a YAML, TOML, JSON or INI file's name, then a word
# saying so after `.`, `-` or `_` (`xiao_config.yaml.example` as yihong0618/xiaogpt ships it,
# `settings.json.sample`, `config.toml.dist`, `app.yml.template`), read as the file it stands
# for. (`config.example.yml` ends in its format's own suffix.) Not `.tpl`/`.tmpl`: those are
# mostly a template engine's, which YAML or JSON readers refuse.
_CONFIG_EXAMPLE_WORDS = ("example", "sample", "template", "dist")
_CONFIG_EXAMPLE = re.compile(
    rf"(.+\.(?:ya?ml|toml|json|ini))[._-](?:{'|'.join(_CONFIG_EXAMPLE_WORDS)})"
)


def _yaml_named(base: str) -> bool:
    """Whether a lowercased base name is a YAML file's, or an example of one
    (`.env.gcp.yaml`, `.env.gcp.yaml.example`: a Cloud Run `--env-vars-file`, a YAML map of the
    variables; t65d): read as YAML, not as a `.env` file."""
    if base.endswith((".yml", ".yaml")):
        return True
    real = _CONFIG_EXAMPLE.fullmatch(base) if base.endswith(_CONFIG_EXAMPLE_WORDS) else None
    return real is not None and real.group(1).endswith((".yml", ".yaml"))


def config_name(name: str) -> str:
    """The base name of the file `name` (a file name or path) stands for: that of the real
    file for an example config file (`config.yaml` for `config.yaml.example`,
    `_CONFIG_EXAMPLE`), else its own."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    lowered = base.lower()
    if lowered.endswith(_CONFIG_EXAMPLE_WORDS):
        real = _CONFIG_EXAMPLE.fullmatch(lowered)
        if real is not None:
            return base[: real.end(1)]
    return base


def dotenv_example(name: str) -> bool:
    """Whether `name` (a file name or path) is an example `.env` file (`_DOTENV_EXAMPLE`:
    `.env.example`, `.env-template`, `.env_sample`, `app.env.dist`, `example.env`): settings
    written down for people to copy, which no program reads as they stand."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return "env" in base and _DOTENV_EXAMPLE.fullmatch(base) is not None


def classify(name: str) -> str | None:
    """The kind of `name` (a file name or path) when it is not plain Python, or None."""
    parts = name.replace("\\", "/").rsplit("/", 2)
    base = parts[-1].lower()
    parent = parts[-2].lower() if len(parts) > 1 else ""
    if (base == ".env" or base.startswith(".env.") or base.endswith(".env")) and not _yaml_named(
        base
    ):
        return "dotenv"
    if base.endswith((".yml", ".yaml")):
        return "yaml"
    if base.endswith(".toml"):
        return "toml"
    # `OAI_CONFIG_LIST`: AutoGen's JSON list of model entries, read by
    # `config_list_from_json(env_or_file="OAI_CONFIG_LIST")` (frameworks/autogen.py)
    if base.endswith(".json") or base == "oai_config_list":
        return "json"
    if base.endswith(".txt") and (
        base.startswith(("requirements", "constraints")) or parent == "requirements"
    ):
        return "requirements"
    if base == "setup.cfg":
        return "setup"
    if base in LOCKED_NAMES:
        return "lock"
    if base.endswith((".ini", ".cfg")):
        return "ini"
    if base == "setup.py":
        return "setup.py"
    if base.endswith(".ipynb"):
        return "notebook"
    if base.endswith((".pkl", ".pickle")):
        return "pickle"
    if base.endswith(js.SUFFIXES) and not base.endswith(js.NOT_SOURCE):
        return "javascript"
    # tested last: the kinds above cost what they did
    named = _NAMED.get(base)
    if named is not None:
        return named
    if base.endswith(_SHELL_SUFFIXES):
        return "shell"
    if base.endswith(_CONFIG_EXAMPLE_WORDS):
        real = _CONFIG_EXAMPLE.fullmatch(base)
        if real is not None:
            return classify(real.group(1))
    if "env" in base and _DOTENV_EXAMPLE.fullmatch(base):
        return "dotenv"
    if base.startswith(_SHELL_PREFIXES) and not base.endswith((".py", ".pyi")):
        return "shell"
    return None


def read_entries(kind: str, text: str) -> list[Entry]:
    """The entries of `text` read as `kind`; kinds without a reader (setup files) have none."""
    if kind not in KINDS:
        raise ValueError(f"unknown config kind {kind!r}")
    module = FORMATS[kind].reader
    if module is None:
        return []
    return import_module(f"{__name__}.{module}").read(text)
