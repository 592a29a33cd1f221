"""Entry point: check the configuration, then use every feature once and print the results."""

from __future__ import annotations

import argparse
import asyncio

from .chat import Assistant, chat, summarise
from .rest import quick_reply
from .settings import SUMMARY_REQUEST, AssistantSettings, require_environment, validate_model
from .vectors import embed_all

FAQ = ["How do refunds work?", "How long does shipping take?", "Can I change my address?"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the support assistant once.")
    parser.add_argument("--skip-embeddings", action="store_true", help="do not embed the FAQ")
    args = parser.parse_args(argv)

    require_environment()
    validate_model(SUMMARY_REQUEST["model"])
    assistant = Assistant(AssistantSettings())

    print("chat:", chat([{"role": "user", "content": "Where is order 42?"}]))
    print("assistant:", assistant.ask("Can I return an opened parcel?"))
    print("summary:", summarise("The parcel arrived late and the lid was broken."))
    print("rest:", quick_reply("Say hello."))
    if not args.skip_embeddings:
        vectors = asyncio.run(embed_all(FAQ))
        print("embeddings:", len(vectors), len(vectors[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
