"""A real SMTP server for tests (aiosmtpd), collecting every message it receives."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Received:
    to: list[str]
    message: Message

    @property
    def text(self) -> str:
        parts = [self.message] if not self.message.is_multipart() else self.message.walk()
        body = "".join(
            str(part.get_payload(decode=True).decode())  # type: ignore[union-attr]
            for part in parts
            if part.get_content_type() == "text/plain"
        )
        return f"{self.message['Subject']}\n{body}"


@dataclass
class Inbox:
    host: str
    port: int
    received: list[Received] = field(default_factory=list)
    refuse: bool = False
    """When True the server answers every message with a temporary failure."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "451 Requested action aborted: try again later"
        self.received.append(
            Received(list(envelope.rcpt_tos), email.message_from_bytes(envelope.content))
        )
        return "250 OK"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.to]

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"


def _free_port() -> int:
    """A port the system has just handed out and let go of: each test run, and each of its
    parallel workers, gets its own, so runs on one machine never share a server."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[Inbox]:
    for attempt in range(5):
        inbox = Inbox("127.0.0.1", _free_port())
        controller = Controller(inbox, hostname=inbox.host, port=inbox.port)
        try:
            controller.start()
            break
        except OSError:  # taken by someone else between the probe and the start: try again
            if attempt == 4:
                raise
    try:
        yield inbox
    finally:
        controller.stop()
