from migrate_llm.cli import run

run()
