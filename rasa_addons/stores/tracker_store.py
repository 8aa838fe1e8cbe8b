"""Rasa's SQL tracker store, made to survive a database restart and to fail loudly.

1. SQLAlchemy keeps a pool of open connections. When PostgreSQL restarts, every pooled
   connection is dead, and Rasa's SQLTrackerStore uses the first one it gets: the turn
   being handled fails. `pool_pre_ping` tests each connection before handing it out and
   reconnects when it is stale, so the first message after a restart is handled normally.

2. Rasa wraps every tracker store in `FailSafeTrackerStore`, which catches any exception:
   a failed `retrieve` returns no tracker (the patient silently starts a new conversation,
   in the middle of a triage form) and a failed `save` writes the tracker to an in-memory
   store of that replica only (lost at the next restart, invisible to the other replicas).
   Here a database error becomes `TrackerStoreUnavailable`, which derives from
   BaseException so that the fail-safe's `except Exception` lets it through; the REST
   channel of rasa_addons/channels/rest.py turns it into 503 "service momentanément indisponible"
   and nothing is written anywhere. Same tables, same events, same SQL as `type: SQL`.
"""

from __future__ import annotations

from typing import Any, Optional

import sqlalchemy as sa
import sqlalchemy.exc
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker


class TrackerStoreUnavailable(BaseException):
    """The conversation database cannot be read or written (not caught by Rasa)."""


class ResilientSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        try:
            return await super().retrieve(sender_id)
        except sqlalchemy.exc.SQLAlchemyError as error:
            raise TrackerStoreUnavailable(type(error).__name__) from error

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await super().save(tracker)
        except sqlalchemy.exc.SQLAlchemyError as error:
            raise TrackerStoreUnavailable(type(error).__name__) from error
