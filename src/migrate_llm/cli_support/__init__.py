"""What the commands need besides options and reports: baseline filtering (`check`), the GitHub
step summary (`check --format github`) and the endpoint and key `verify` reads from the
environment. Nothing here prints or exits; problems are raised as `MigrateError`."""
