"""The one family of errors the core raises; cli.py turns each into a one-line message."""


class MigrateError(Exception):
    """A problem the user can fix: bad path, unknown provider, broken config or provider file."""


class ProviderError(MigrateError):
    """Unknown provider id, or a provider file that does not validate."""


class ConfigError(MigrateError):
    """A `[tool.migrate-llm]` table or command-line option that does not make sense."""
