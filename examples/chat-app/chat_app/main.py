"""Command-line entry point: python -m chat_app.main "your question"."""

from __future__ import annotations

import argparse
import asyncio

from .assistant import SupportAssistant
from .async_worker import summarise_all
from .client import make_async_client, make_client
from .config import load_dotenv_if_available, load_settings
from .search import search

SAMPLE_TICKETS = [
    "Customer says the parcel for order 42 arrived with a broken lid and wants a replacement.",
    "Customer cannot pay with UnionPay on the mobile site; the page times out.",
    "Customer asks whether gift wrapping is available for orders to Hong Kong.",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ask the Acme support bot a question.")
    parser.add_argument("question", nargs="?", default="How long does shipping take?")
    args = parser.parse_args(argv)

    load_dotenv_if_available()
    settings = load_settings()
    assistant = SupportAssistant(temperature=settings.temperature)

    print("== answer")
    print(assistant.ask(args.question))

    print("== streamed answer")
    for piece in assistant.stream(args.question):
        print(piece, end="", flush=True)
    print()

    print("== answer with tools")
    print(assistant.ask_with_tools(args.question))

    print("== related FAQ")
    with make_client() as client:
        for score, doc in search(client, args.question):
            print(f"{score:.3f}  {doc}")

    print("== ticket summaries")
    for summary in asyncio.run(summarise_all(make_async_client(), SAMPLE_TICKETS)):
        print("-", summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
