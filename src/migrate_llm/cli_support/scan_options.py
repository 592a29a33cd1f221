"""What to scan, from the command line and `[tool.migrate-llm]`: flags win over the config."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from migrate_llm.config import load_config, merge
from migrate_llm.engine import ScanOptions
from migrate_llm.errors import ConfigError


def model_overrides(items: Sequence[str] | None) -> tuple[tuple[str, str], ...]:
    """`--model OLD=NEW` values as pairs."""
    pairs = []
    for item in items or ():
        old, sep, new = item.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ConfigError(f"--model takes OLD=NEW (such as gpt-4o=glm-4-plus), got {item!r}")
        pairs.append((old.strip(), new.strip()))
    return tuple(pairs)


def scan_options(
    *,
    paths: Sequence[Path] | None,
    provider: str | None,
    exclude: Sequence[str] | None,
    providers_dir: Sequence[Path] | None,
    no_gitignore: bool,
    jobs: int,
    region: str | None = None,
    model: Sequence[str] | None = None,
    report_unused_ignores: bool = False,
    needs_provider: str | None = None,
    cache_dir: Path | None = None,
) -> ScanOptions:
    """ScanOptions from `[tool.migrate-llm]` (found from the first path upward) with the
    command-line values on top. `needs_provider` names a command that cannot run without a
    provider. Raises MigrateError (a broken config, a bad --model, no provider)."""
    roots = tuple(paths or [Path(".")])
    start = roots[0] if str(roots[0]) != "-" else Path(".")
    config = merge(
        load_config(start.resolve() if start.exists() else Path.cwd()),
        provider=provider,
        region=region,
        exclude=tuple(exclude or ()),
        models=dict(model_overrides(model)),
        provider_paths=tuple(providers_dir or ()),
    )
    if needs_provider and not config.provider:
        raise ConfigError(
            f"{needs_provider} needs a provider: pass --provider ID or set provider in "
            "[tool.migrate-llm]"
        )
    return ScanOptions(
        paths=roots,
        provider=config.provider,
        region=config.region,
        models=tuple(config.models.items()),
        exclude=config.exclude,
        provider_dirs=config.provider_paths,
        use_gitignore=not no_gitignore,
        jobs=jobs,
        report_unused_ignores=report_unused_ignores,
        config=config,
        cache_dir=cache_dir,
    )
