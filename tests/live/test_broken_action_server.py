"""Emergency routing survives a broken action server (issue: symptom triage, item 7).

The real model runs in-process, its action endpoint pointing at a port where nothing
listens, then at a server that answers 500 to everything."""

import socket
import uuid

import pytest
import pytest_asyncio
from aiohttp import web

from rasa.core.agent import load_agent
from rasa.core.utils import AvailableEndpoints
from rasa.utils.endpoints import EndpointConfig

pytestmark = pytest.mark.asyncio(loop_scope="module")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def failing_action_server():
    async def fail(request):
        return web.Response(status=500, text="boom")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", fail)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}/webhook"
    await runner.cleanup()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def agent(model_path):
    return await load_agent(
        model_path=model_path,
        endpoints=AvailableEndpoints(
            action=EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")
        ),
    )


async def say(agent, sender, text):
    replies = await agent.handle_text(text, sender_id=sender)
    return "\n".join(r.get("text") or "" for r in replies)


RED_FLAGS = [
    "douleur dans la poitrine",
    "je n'arrive plus à respirer",
    "mon mari a perdu connaissance",
    "je vomis du sang",
]


@pytest.mark.parametrize("message", RED_FLAGS)
async def test_red_flag_gets_15_with_the_action_server_down(agent, message):
    sender = f"down-{uuid.uuid4().hex}"
    reply = await say(agent, sender, message)
    assert "15" in reply and "SAMU" in reply
    tracker = await agent.tracker_store.retrieve(sender)
    assert tracker.get_slot("triage_level") == "emergency"


@pytest.mark.parametrize("message", RED_FLAGS[:2])
async def test_red_flag_gets_15_when_the_action_server_fails(agent, failing_action_server, message):
    agent.action_endpoint = EndpointConfig(failing_action_server)
    agent.processor.action_endpoint = agent.action_endpoint
    reply = await say(agent, f"failing-{uuid.uuid4().hex}", message)
    assert "15" in reply and "SAMU" in reply


async def test_after_the_emergency_the_instruction_comes_first_even_without_actions(agent):
    sender = f"after-{uuid.uuid4().hex}"
    await say(agent, sender, "j'ai très mal dans la poitrine")
    reply = await say(agent, sender, "c'est quoi le keytruda ?")
    assert reply.startswith("Appelez le 15")
