"""Keeps pushed messages in `outbox` (tests); `unregistered` lists IDs without the app."""

from dataclasses import dataclass

from accounts.push import BaseBackend, NotRegistered

outbox: list["PushedMessage"] = []
unregistered: set[str] = set()


@dataclass(frozen=True)
class PushedMessage:
    id_number: str
    title: str
    body: str
    code: str
    key: str = ""


class LocmemBackend(BaseBackend):
    def send(self, *, id_number: str, title: str, body: str, code: str, key: str = "") -> None:
        if id_number in unregistered:
            raise NotRegistered(id_number)
        outbox.append(PushedMessage(id_number, title, body, code, key))
