"""Redis lock store whose tickets are issued and returned atomically.

Rasa 3.6's RedisLockStore reads a conversation's lock (GET), changes it in Python and
writes it back (SET). Within one server that is safe (the calls block the event loop),
but two replicas handling messages of the same conversation at the same moment both read
the same lock, both take ticket N and run the turn concurrently: one turn's events
overwrite the other's in the tracker store (measured: 8 simultaneous messages of one
conversation through nginx, 4 kept). Here every read-modify-write runs in a Redis
transaction (WATCH/MULTI/EXEC, retried on conflict), so tickets stay unique and turns of
one conversation are handled one at a time whatever the replica.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Optional, Tuple

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

Mutation = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], Any]]


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {
                "host": endpoint_config.url or "localhost",
                **endpoint_config.kwargs,
                **kwargs,
            }
        super().__init__(**kwargs)

    def _atomic(self, conversation_id: str, mutate: Mutation) -> Any:
        key = self.key_prefix + conversation_id
        while True:
            with self.red.pipeline() as pipe:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new, result = mutate(lock)
                    pipe.multi()
                    if new is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, new.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def mutate(lock: Optional[TicketLock]) -> Tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._atomic(conversation_id, mutate)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}")

    def update_lock(self, conversation_id: str) -> None:
        def mutate(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._atomic(conversation_id, mutate)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def mutate(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._atomic(conversation_id, mutate)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        def mutate(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._atomic(conversation_id, mutate)
