import openai
import outlines

model = outlines.from_openai(openai.OpenAI(), "gpt-4o-mini")
print(model("Say hi.", max_tokens=20))
