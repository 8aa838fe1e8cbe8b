"""Custom Rasa input channels (referenced by class path in credentials.yml).

- ``rasa_addons.channels.socketio.SocketIOInput``: Rasa's socket.io channel with the missing
  ``await`` on ``enter_room`` restored, so ``session_persistence: true`` works with
  python-socketio 5.x (RasaHQ/rasa#13027).
- ``rasa_addons.channels.telegram.TelegramInput``: Rasa's Telegram channel with a configurable
  Bot API base URL (``api_url``) so tests can point it at a fake server, and a startup
  that does not crash the whole server when Telegram cannot be reached.
"""
