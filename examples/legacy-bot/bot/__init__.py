"""HelpBot: a small terminal chatbot for the Acme web shop."""
