"""SMTP capture (aiosmtpd) and the developer inbox (e-mails and SMS), for local mode only."""

from __future__ import annotations

import asyncio
import email.utils
import html
import json
import re
import secrets
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import uvicorn
from aiosmtpd.smtp import SMTP, Envelope, Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from guichet_local import layout

PREFIX = "/dev/inbox"
URL_PATTERN = re.compile(r"https?://[^\s<>\"']+")
# Punctuation that ends a sentence rather than the link it follows.
TRAILING = ".,;:!?)]}'\""


@dataclass
class Message:
    """One captured e-mail or SMS, as shown by the inbox and returned by its API."""

    id: str
    kind: str  # "email" or "sms"
    received_at: str
    sender: str
    to: list[str]
    subject: str
    text: str
    html: str | None = None
    links: list[str] = field(default_factory=list)

    def matches(self, address: str) -> bool:
        wanted = _normalise(address)
        return any(_normalise(recipient) == wanted for recipient in self.to)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["from"] = data.pop("sender")
        return data


def _normalise(address: str) -> str:
    # E-mail addresses compare case-insensitively, phone numbers without spaces.
    return address.strip().lower().replace(" ", "")


def new_id() -> str:
    """Sortable by arrival: nanoseconds first, then a random tail against collisions."""
    return f"{time.time_ns():020d}-{secrets.token_hex(3)}"


def _received_at(message_id: str) -> str:
    stamp = int(message_id.split("-", 1)[0]) / 1e9
    return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds")


def find_links(text: str) -> list[str]:
    links = []
    for match in URL_PATTERN.finditer(text):
        url = match.group(0).rstrip(TRAILING)
        if url not in links:
            links.append(url)
    return links


class _HrefParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href and href.startswith(("http://", "https://")) and href not in self.hrefs:
                self.hrefs.append(href)


def html_links(markup: str) -> list[str]:
    parser = _HrefParser()
    parser.feed(markup)
    return parser.hrefs


def linkify(text: str) -> str:
    """Escape text for HTML and turn its http(s) URLs into links."""
    out = []
    position = 0
    for match in URL_PATTERN.finditer(text):
        url = match.group(0).rstrip(TRAILING)
        end = match.start() + len(url)
        out.append(html.escape(text[position : match.start()]))
        safe = html.escape(url)
        out.append(f'<a href="{safe}" target="_blank" rel="noopener noreferrer">{safe}</a>')
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


def parse_email(message_id: str, raw: bytes) -> Message:
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    envelope_to = [a.strip() for a in str(parsed.get("X-Capture-Rcpt-To", "")).split(",")]
    header_to = [
        addr
        for _, addr in email.utils.getaddresses(
            [str(v) for v in (parsed.get_all("To", []) + parsed.get_all("Cc", []))]
        )
    ]
    recipients: list[str] = []
    for address in [*envelope_to, *header_to]:
        if address and _normalise(address) not in map(_normalise, recipients):
            recipients.append(address)
    text_part = parsed.get_body(preferencelist=("plain",))
    html_part = parsed.get_body(preferencelist=("html",))
    # SMTP carries CRLF line ends; the inbox and its API show plain newlines.
    text = text_part.get_content().replace("\r\n", "\n") if text_part is not None else ""
    markup = html_part.get_content().replace("\r\n", "\n") if html_part is not None else None
    links = find_links(text)
    for link in html_links(markup or ""):
        if link not in links:
            links.append(link)
    return Message(
        id=message_id,
        kind="email",
        received_at=_received_at(message_id),
        sender=str(parsed.get("From", "")) or str(parsed.get("X-Capture-Mail-From", "")),
        to=recipients,
        subject=str(parsed.get("Subject", "")),
        text=text,
        html=markup,
        links=links,
    )


class Store:
    """Messages on disk (.eml and .sms.json files) so they survive an inbox restart."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.messages: dict[str, Message] = {}

    def load(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        for path in self.directory.iterdir():
            try:
                if path.name.endswith(".eml"):
                    message_id = path.name.removesuffix(".eml")
                    self.messages[message_id] = parse_email(message_id, path.read_bytes())
                elif path.name.endswith(".sms.json"):
                    data = json.loads(path.read_text())
                    self.messages[data["id"]] = _sms(data)
            except (ValueError, KeyError, OSError) as exc:
                print(f"skipping unreadable {path.name}: {exc}", flush=True)

    def add_email(self, mail_from: str, rcpt_tos: list[str], content: bytes) -> Message:
        message_id = new_id()
        # The envelope is kept as headers so a Bcc recipient can still find its message.
        envelope = (
            f"X-Capture-Mail-From: {mail_from}\r\nX-Capture-Rcpt-To: {', '.join(rcpt_tos)}\r\n"
        ).encode()
        raw = envelope + content
        (self.directory / f"{message_id}.eml").write_bytes(raw)
        message = parse_email(message_id, raw)
        self.messages[message_id] = message
        return message

    def add_sms(self, to: str, text: str, sender: str = "") -> Message:
        message_id = new_id()
        data = {"id": message_id, "to": to, "text": text, "from": sender}
        (self.directory / f"{message_id}.sms.json").write_text(json.dumps(data) + "\n")
        message = _sms(data)
        self.messages[message_id] = message
        return message

    def newest_first(self, to: str | None = None, kind: str | None = None) -> list[Message]:
        found = sorted(self.messages.values(), key=lambda m: m.id, reverse=True)
        return [
            m for m in found if (to is None or m.matches(to)) and (kind is None or m.kind == kind)
        ]

    def delete(self, to: str | None = None) -> int:
        doomed = self.newest_first(to)
        for message in doomed:
            suffix = ".eml" if message.kind == "email" else ".sms.json"
            (self.directory / f"{message.id}{suffix}").unlink(missing_ok=True)
            del self.messages[message.id]
        return len(doomed)


def _sms(data: dict[str, Any]) -> Message:
    return Message(
        id=data["id"],
        kind="sms",
        received_at=_received_at(data["id"]),
        sender=data.get("from", ""),
        to=[data["to"]],
        subject="",
        text=data["text"],
        links=find_links(data["text"]),
    )


class CaptureHandler:
    """aiosmtpd handler: accept every message and store it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        content = envelope.original_content or envelope.content or b""
        if isinstance(content, str):
            content = content.encode()
        self.store.add_email(str(envelope.mail_from), list(envelope.rcpt_tos), content)
        return "250 Message captured"


# --- developer inbox -----------------------------------------------------------------------

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}
table{border-collapse:collapse;width:100%}td,th{padding:.4rem .6rem;border-bottom:1px solid #ddd;
text-align:left;vertical-align:top}tr:hover{background:#f6f6f6}.kind{font-size:.8rem;color:#666}
pre{white-space:pre-wrap;background:#f8f8f8;padding:1rem;border:1px solid #eee}
iframe{width:100%;height:32rem;border:1px solid #ddd}.muted{color:#777}
"""
# The inbox shows mail content: no script may run and nothing is fetched from elsewhere.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)


def _page(title: str, body: str, refresh: bool = False) -> HTMLResponse:
    meta = '<meta http-equiv="refresh" content="10">' if refresh else ""
    document = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">{meta}'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )
    return HTMLResponse(
        document, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-store"}
    )


def _list_page(messages: list[Message]) -> HTMLResponse:
    rows = []
    for m in messages:
        summary = m.subject if m.kind == "email" else m.text[:120]
        rows.append(
            f"<tr><td class='muted'>{html.escape(m.received_at)}</td>"
            f"<td class='kind'>{m.kind.upper()}</td>"
            f"<td>{html.escape(', '.join(m.to))}</td>"
            f"<td><a href='{PREFIX}/messages/{m.id}'>{html.escape(summary) or '(empty)'}</a></td>"
            "</tr>"
        )
    table = (
        "<table><tr><th>received (UTC)</th><th></th><th>to</th><th>subject / text</th></tr>"
        + "".join(rows)
        + "</table>"
        if rows
        else "<p class='muted'>No e-mail or SMS yet.</p>"
    )
    body = f"<h1>Developer inbox</h1><p class='muted'>{len(messages)} message(s), newest first.</p>"
    return _page("Developer inbox", body + table, refresh=True)


def _message_page(m: Message) -> HTMLResponse:
    parts = [
        f"<p><a href='{PREFIX}/'>&larr; inbox</a></p>",
        f"<h1>{html.escape(m.subject or 'SMS')}</h1>",
        "<table>",
        f"<tr><th>from</th><td>{html.escape(m.sender)}</td></tr>",
        f"<tr><th>to</th><td>{html.escape(', '.join(m.to))}</td></tr>",
        f"<tr><th>received (UTC)</th><td>{html.escape(m.received_at)}</td></tr>",
        "</table>",
    ]
    if m.links:
        items = "".join(
            f"<li><a href='{html.escape(link)}' target='_blank' rel='noopener noreferrer'>"
            f"{html.escape(link)}</a></li>"
            for link in m.links
        )
        parts.append(f"<h2>Links</h2><ul>{items}</ul>")
    parts.append(f"<h2>Text</h2><pre>{linkify(m.text) or '(no text part)'}</pre>")
    if m.html:
        # Shown in a sandboxed frame: no scripts, no access to this page; links open in a tab.
        framed = '<base target="_blank">' + m.html
        parts.append(
            "<h2>HTML</h2>"
            '<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" '
            f'srcdoc="{html.escape(framed, quote=True)}"></iframe>'
            f"<details><summary>HTML source</summary><pre>{html.escape(m.html)}</pre></details>"
        )
    if m.kind == "email":
        parts.append(f"<p><a href='{PREFIX}/messages/{m.id}.eml'>raw .eml</a></p>")
    return _page(m.subject or "SMS", "".join(parts))


def create_app(store: Store) -> Starlette:
    async def index(request: Request) -> Response:
        return _list_page(store.newest_first())

    async def view(request: Request) -> Response:
        message_id = request.path_params["message_id"]
        if message_id.endswith(".eml"):
            path = store.directory / message_id
            if message_id.removesuffix(".eml") in store.messages and path.exists():
                return Response(path.read_bytes(), media_type="message/rfc822")
            return Response("not found", status_code=404)
        message = store.messages.get(message_id)
        if message is None:
            return Response("not found", status_code=404)
        return _message_page(message)

    async def list_api(request: Request) -> Response:
        to = request.query_params.get("to")
        kind = request.query_params.get("kind")
        return JSONResponse([m.as_json() for m in store.newest_first(to, kind)])

    async def one_api(request: Request) -> Response:
        message = store.messages.get(request.path_params["message_id"])
        if message is None:
            return JSONResponse({"detail": "not found"}, status_code=404)
        return JSONResponse(message.as_json())

    async def clear_api(request: Request) -> Response:
        return JSONResponse({"deleted": store.delete(request.query_params.get("to"))})

    async def sms_api(request: Request) -> Response:
        try:
            data = await request.json()
        except ValueError:
            return JSONResponse({"detail": "body must be JSON"}, status_code=400)
        to, text = (data.get("to"), data.get("text")) if isinstance(data, dict) else (None, None)
        if not isinstance(to, str) or not to.strip() or not isinstance(text, str):
            return JSONResponse({"detail": "expected {to: str, text: str}"}, status_code=422)
        sender = data.get("from") if isinstance(data.get("from"), str) else ""
        message = store.add_sms(to.strip(), text, sender)
        return JSONResponse({"id": message.id}, status_code=201)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def root(request: Request) -> Response:
        return RedirectResponse(f"{PREFIX}/")

    return Starlette(
        routes=[
            Route("/", root),
            Route("/healthz", health),
            Route(PREFIX, root),
            Route(f"{PREFIX}/", index),
            Route(f"{PREFIX}/messages/{{message_id}}", view),
            Route(f"{PREFIX}/api/messages", list_api, methods=["GET"]),
            Route(f"{PREFIX}/api/messages", clear_api, methods=["DELETE"]),
            Route(f"{PREFIX}/api/messages/{{message_id}}", one_api),
            Route(f"{PREFIX}/api/sms", sms_api, methods=["POST"]),
        ]
    )


async def serve(directory: Path = layout.MAIL) -> None:
    store = Store(directory)
    store.load()
    loop = asyncio.get_running_loop()
    smtp = await loop.create_server(
        lambda: SMTP(CaptureHandler(store), hostname="guichet-capture", enable_SMTPUTF8=True),
        layout.HOST,
        layout.SMTP_PORT,
    )
    print(f"SMTP capture on {layout.HOST}:{layout.SMTP_PORT}", flush=True)
    config = uvicorn.Config(
        create_app(store), host=layout.HOST, port=layout.INBOX_PORT, log_level="info"
    )
    try:
        await uvicorn.Server(config).serve()
    finally:
        smtp.close()
        await smtp.wait_closed()


if __name__ == "__main__":
    asyncio.run(serve())
