"""rasa-sdk actions: thin adapters over the plain modules of `immuno/`."""

from immuno import phrases, triage

# The French pipeline behind the lexicon's phrases loads when the action server starts,
# not at the first patient's message.
phrases.warm_up(triage.load_criteria())
