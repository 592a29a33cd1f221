"""Terminal chat loop: python -m bot [--stream | --async]."""

import asyncio
import sys

import openai

from .chat import areply, reply, stream_reply
from .completion import summarise_conversation
from .embed import closest_faq, embed_faq
from .settings import conf


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "--plain"
    print(conf["bot"]["greeting"])
    history = []
    try:
        faq_vectors = embed_faq()
    except openai.error.AuthenticationError:
        sys.exit("OPENAI_API_KEY is missing or invalid.")

    while True:
        try:
            user_input = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if user_input in ("/quit", "/exit"):
            break
        if user_input == "/summary":
            print(summarise_conversation(history))
            continue
        if user_input.startswith("/faq "):
            print(closest_faq(user_input[5:], faq_vectors))
            continue

        if mode == "--stream":
            answer = ""
            for token in stream_reply(history, user_input):
                answer += token
                print(token, end="", flush=True)
            print()
        elif mode == "--async":
            answer = asyncio.run(areply(history, user_input))
            print(answer)
        else:
            answer = reply(history, user_input)
            print(answer)
        history.append({"role": "user", "content": user_input})
        history.append({"role": "assistant", "content": answer})


if __name__ == "__main__":
    main()
