"""Everything the Rasa server loads: input channels, NLU/policy components, tracker and lock
stores, the message guard, and the guarded server entry point (`python -m rasa_addons.server`).
"""
