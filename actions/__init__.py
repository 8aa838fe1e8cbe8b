"""rasa-sdk actions: thin adapters over the plain modules of `immuno/`."""
