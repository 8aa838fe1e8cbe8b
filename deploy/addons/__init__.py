"""Production add-ons loaded by Rasa through endpoints/credentials (see docs/PRODUCTION.md)."""
