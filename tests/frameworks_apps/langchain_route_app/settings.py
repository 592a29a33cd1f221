"""The models the app builds by name, chosen where they are read (a config dict)."""

MODELS = {
    "writer_model": "openai:gpt-4o-mini",
}
