"""Item 1: no message delays another conversation's reply by more than ~200 ms.

The longest and most expensive messages the channels accept (the length limit, many
clauses, many numbers, symptom words the triage criteria look at) are sent on REST,
socket.io and Telegram at once, while another patient reports chest pain in the widget:
over ROUNDS such floods, the 15 must arrive, in the median round, within LATENCY_BUDGET_S
of what it takes on an idle server, and the server must still answer afterwards.

The median, not the worst round: on the 2-core CI machine one round in three once met
a hiccup of the machine itself (idle 95 ms; 583, 234, 136 ms under attack), while a reply
queued behind the flood is late in every round (the nine long messages take some
0.5 s of parsing on this machine, more on a slower one)."""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time

import aiohttp

from rasa_addons.guard import settings
from httpclient import new_sender
from secstack import BASE, Widget, telegram_update, var_secret

LATENCY_BUDGET_S = float(os.environ.get("LATENCY_BUDGET_S", "0.2"))
ROUNDS = 5
CHEST_PAIN = "j'ai mal dans la poitrine"
# The costliest shapes for the triage criteria (measured: 40-120 ms each at 1,000
# characters for immuno.triage.assess alone): clauses with numbers and negations, a
# symptom word repeated, numbers only.
SHAPES = [
    "j'ai 38,5 de fièvre depuis 3 jours, mais pas de toux ni de diarrhée, sauf 2 fois "
    "hier à 39.2, et je ne sais pas si c'est grave ; ",
    "fièvre, ",
    "1 2 3 4 5 6 7 8 9 ",
]
_turn = 0


def expensive_message() -> str:
    global _turn
    _turn += 1
    shape, limit = SHAPES[_turn % len(SHAPES)], settings().max_message_chars
    return (shape * (limit // len(shape) + 1))[:limit]


async def _victim(_: aiohttp.ClientSession) -> float:
    widget = await Widget().connect()
    start = time.monotonic()
    await widget.say(CHEST_PAIN)
    while not any("15" in (m.get("text") or "") for m in widget.messages):
        assert time.monotonic() - start < 60, widget.messages
        await asyncio.sleep(0.005)
    first = next(m for m in widget.messages if "15" in (m.get("text") or ""))
    await widget.close()
    return first["at"] - start


async def _rest_attacker(session, count):
    senders = [new_sender(BASE) for _ in range(count)]

    async def one(sender):
        async with session.post(
            f"{BASE}/webhooks/rest/webhook", json={"sender": sender, "message": expensive_message()}
        ) as r:
            return r.status

    return await asyncio.gather(*(one(s) for s in senders))


async def _telegram_attacker(session, count):
    secret = var_secret("telegram-secret-token")

    async def one():
        update = telegram_update(random.randint(10**8, 10**9), expensive_message())
        async with session.post(
            f"{BASE}/webhooks/telegram/webhook",
            data=update,
            headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret},
        ) as r:
            return r.status

    return await asyncio.gather(*(one() for _ in range(count)))


async def _socketio_attacker(count):
    widgets = [await Widget().connect() for _ in range(count)]
    for widget in widgets:
        await widget.say(expensive_message())
    return widgets


def test_expensive_messages_do_not_delay_an_emergency(served, telegram_api):
    async def run():
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as s:
            idle = statistics.median([await _victim(s) for _ in range(5)])
            delays = []
            for _ in range(ROUNDS):
                widgets = await _socketio_attacker(3)
                attack = asyncio.gather(_rest_attacker(s, 3), _telegram_attacker(s, 3))
                await asyncio.sleep(0.05)
                delays.append(await _victim(s))
                rest, telegram = await attack
                replies = await asyncio.gather(*(widget.replies() for widget in widgets))
                assert all(replies), "an attacker's message got no reply"
                await asyncio.gather(*(widget.close() for widget in widgets))
                assert set(rest) == {200} and set(telegram) == {200}
            return idle, delays

    idle, delays = asyncio.run(run())
    print(
        f"\nemergency reply: idle {idle * 1000:.0f} ms, under attack "
        f"{', '.join(f'{d * 1000:.0f}' for d in delays)} ms"
    )
    assert statistics.median(delays) - idle <= LATENCY_BUDGET_S, (idle, delays)
    assert asyncio.run(_status())


async def _status():
    async with aiohttp.ClientSession() as s:
        async with s.post(f"{BASE}/webhooks/rest/conversations", json={}) as resp:
            return resp.status == 201
