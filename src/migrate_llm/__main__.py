from migrate_llm.cli import main

main()
