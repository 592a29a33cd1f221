from migrate_llm.command import run

run()
