"""A model built at run time from a LangChain model string held in a config dict."""

import json

from langchain.chat_models import init_chat_model
from settings import MODELS


def main() -> None:
    chat = init_chat_model(MODELS["writer_model"], temperature=0)
    answer = chat.invoke("Say hello in one word.")
    print(json.dumps({"answer": answer.content, "class": type(chat).__name__}))


if __name__ == "__main__":
    main()
