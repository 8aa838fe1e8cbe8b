"""Storage for the Rasa server: the resilient SQL tracker store and the atomic Redis lock store."""
