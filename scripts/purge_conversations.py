#!/usr/bin/env python3
"""Delete the conversations whose last message is older than N days from the SQL tracker
store (Rasa's `events` table), in SQLite or PostgreSQL.

A conversation is deleted whole (every event of its sender id) once its most recent event
is older than the limit: deleting only old events would leave trackers that no longer
replay. Run it daily (cron, Kubernetes CronJob); it is safe while Rasa runs (a patient
writing again after the purge starts a new conversation).

  scripts/purge_conversations.py                                 # settings/security.yml's purge_after_days
  scripts/purge_conversations.py --older-than-days 30            # DATABASE_URL, else var/tracker.db
  scripts/purge_conversations.py --older-than-days 30 --sqlite var/tracker.db --dry-run
  scripts/purge_conversations.py --older-than-days 30 --database-url postgresql://...

Prints how many conversations and events were (or would be) deleted; never prints ids.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from immuno.paths import ROOT
from rasa_addons.guard import settings  # noqa: E402


def engine_url(args: argparse.Namespace) -> str:
    if args.database_url:
        return args.database_url
    if args.sqlite:
        return f"sqlite:///{Path(args.sqlite).resolve()}"
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    return f"sqlite:///{(ROOT / os.environ.get('TRACKER_DB', 'var/tracker.db')).resolve()}"


def purge(
    url: str, older_than_days: float, dry_run: bool = False, now: float | None = None
) -> tuple[int, int]:
    """(conversations, events) deleted (or that would be)."""
    cutoff = (now if now is not None else time.time()) - older_than_days * 86400
    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table("events"):
            return 0, 0
        events = sa.Table("events", sa.MetaData(), autoload_with=engine)
        stale = (
            sa.select(events.c.sender_id)
            .group_by(events.c.sender_id)
            .having(sa.func.max(events.c.timestamp) < cutoff)
        )
        with engine.begin() as conn:
            senders = [row[0] for row in conn.execute(stale)]
            deleted = 0
            for start in range(0, len(senders), 500):
                chunk = senders[start : start + 500]
                # Re-check the age inside the DELETE: a patient may have written since.
                fresh = (
                    sa.select(events.c.sender_id)
                    .where(events.c.sender_id.in_(chunk))
                    .where(events.c.timestamp >= cutoff)
                )
                condition = sa.and_(events.c.sender_id.in_(chunk), events.c.sender_id.not_in(fresh))
                if dry_run:
                    deleted += conn.execute(
                        sa.select(sa.func.count()).select_from(events).where(condition)
                    ).scalar()
                else:
                    deleted += conn.execute(events.delete().where(condition)).rowcount
        return len(senders), deleted
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--older-than-days",
        type=float,
        default=settings().purge_after_days,
        help="delete conversations idle for more than this many days "
        "(default: settings/security.yml's purge_after_days)",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--database-url", help="SQLAlchemy URL (default: $DATABASE_URL)")
    source.add_argument("--sqlite", help="SQLite tracker file (default: var/tracker.db)")
    parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    args = parser.parse_args(argv)
    if args.older_than_days < 0:
        parser.error("--older-than-days must be >= 0")
    url = engine_url(args)
    conversations, events = purge(url, args.older_than_days, args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    print(
        f"purge: {verb} {conversations} conversation(s), {events} event(s) idle for more "
        f"than {args.older_than_days:g} day(s) ({sa.engine.make_url(url).get_backend_name()})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
