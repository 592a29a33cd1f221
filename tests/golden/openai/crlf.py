from openai import OpenAI

client = OpenAI()
reply = client.chat.completions.create(model="gpt-3.5-turbo", messages=[])
