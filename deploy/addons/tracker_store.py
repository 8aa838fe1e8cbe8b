"""Rasa's SQL tracker store, made to survive a database restart.

SQLAlchemy keeps a pool of open connections. When PostgreSQL restarts, every pooled
connection is dead, and Rasa's SQLTrackerStore uses the first one it gets: the turn
being handled fails (the REST channel then answers an empty list, the message is lost).
`pool_pre_ping` tests each connection before handing it out and reconnects when it is
stale, so the first message after the restart is handled normally. Nothing else
changes: same tables, same events, same SQL as `type: SQL`.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs


class ResilientSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
