#!/usr/bin/env python3
"""A real SMTP server for ShopAdmin's SMTP tests (aiosmtpd), started by the tests themselves.

Listens on a free loopback port and prints `READY <port>` once it accepts connections. Every
message it accepts is written to `--out` as `msg-NNNN.json`: the envelope, the raw bytes
(base64) and what Python's own email parser makes of them (subject and display names decoded
per RFC 2047, each MIME part's type, charset, transfer encoding and decoded text, and any
defects), so the tests check our encoding with an independent decoder. Every RCPT TO is
appended to `rcpt.jsonl` with the reply given, every AUTH to `auth.jsonl` with its mechanism.

Behaviours for the tests:
  --transient-rcpt ADDR   the first RCPT TO for ADDR gets `451 4.3.0`, later ones 250
  --reject-rcpt ADDR      every RCPT TO for ADDR gets `550 5.1.1`
  --auth USER:PASSWORD    offers AUTH PLAIN and LOGIN and requires it (over plain text too)
  --tls-cert/--tls-key    offers STARTTLS with that certificate
  --implicit-tls          TLS from the first byte (port 465 style) with that certificate
  --smtputf8              offers SMTPUTF8
  --parent PID            exits when that process is gone (a test run that crashed)
"""
import os

# posix_spawn hands this process every descriptor the test process had open without
# close-on-exec (its HTTP test clients' sockets among them). Close them at once, so a socket the
# tests close is really closed, not kept open here.
os.closerange(3, 65536)

import argparse
import asyncio
import base64
import email
import email.policy
import json
import ssl
import sys
import threading
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class RecordingHandler:
    def __init__(self, out, transient, rejected):
        self.out = out
        self.transient = set(a.lower() for a in transient)
        self.rejected = set(a.lower() for a in rejected)
        self.refused_once = set()
        self.count = 0
        self.lock = threading.Lock()

    def note_rcpt(self, address, reply):
        with open(os.path.join(self.out, "rcpt.jsonl"), "a") as handle:
            handle.write(json.dumps({"address": address, "reply": reply}) + "\n")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        key = address.lower()
        if key in self.rejected:
            reply = "550 5.1.1 <%s>: Recipient address rejected: no such user" % address
        elif key in self.transient and key not in self.refused_once:
            self.refused_once.add(key)
            reply = "451 4.3.0 <%s>: Temporary lookup failure, try again later" % address
        else:
            envelope.rcpt_tos.append(address)
            reply = "250 OK"
        self.note_rcpt(address, reply)
        return reply

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        record = {
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "mailOptions": envelope.mail_options,
            # session.ssl is set by STARTTLS; implicit TLS shows on the transport.
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "authenticated": bool(session.authenticated),
            "login": session.login_data.decode() if isinstance(session.login_data, bytes) else None,
            "raw": base64.b64encode(raw).decode(),
        }
        record.update(describe(raw))
        with self.lock:
            self.count += 1
            name = "msg-%04d.json" % self.count
        temporary = os.path.join(self.out, "." + name)
        with open(temporary, "w") as handle:
            json.dump(record, handle)
        os.rename(temporary, os.path.join(self.out, name))
        return "250 2.0.0 Ok: queued as %s" % name


def describe(raw):
    """What Python's email package reads in the message: the independent decoder."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        parts.append({
            "contentType": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transferEncoding": part.get("Content-Transfer-Encoding"),
            "text": part.get_content(),
            "defects": [type(d).__name__ for d in part.defects],
        })
    return {
        "subject": str(message["subject"]) if message["subject"] is not None else None,
        "from": str(message["from"]) if message["from"] is not None else None,
        "fromDisplayName": message["from"].addresses[0].display_name if message["from"] is not None else None,
        "to": str(message["to"]) if message["to"] is not None else None,
        "messageId": message["message-id"],
        "date": message["date"],
        "mimeVersion": message["mime-version"],
        "contentType": message.get_content_type(),
        "parts": parts,
        "defects": [type(d).__name__ for d in message.defects],
    }


def watch_parent(parent):
    """Ends this server when the test process that started it is gone, so none lingers."""
    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(0)
    threading.Thread(target=watch, daemon=True).start()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--transient-rcpt", action="append", default=[])
    parser.add_argument("--reject-rcpt", action="append", default=[])
    parser.add_argument("--auth")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--smtputf8", action="store_true")
    parser.add_argument("--parent", type=int)
    arguments = parser.parse_args()
    if arguments.parent:
        watch_parent(arguments.parent)
    os.makedirs(arguments.out, exist_ok=True)
    handler = RecordingHandler(arguments.out, arguments.transient_rcpt, arguments.reject_rcpt)

    context = None
    if arguments.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(arguments.tls_cert, arguments.tls_key)

    authenticator = None
    if arguments.auth:
        user, password = arguments.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            good = isinstance(data, LoginPassword) and data.login == user.encode() and data.password == password.encode()
            login = data.login.decode("utf-8", "replace") if isinstance(data, LoginPassword) else None
            with open(os.path.join(arguments.out, "auth.jsonl"), "a") as handle:
                handle.write(json.dumps({"mechanism": mechanism, "login": login, "success": good}) + "\n")
            # handled=False: aiosmtpd then answers 535 itself.
            return AuthResult(success=good, handled=False, auth_data=data)

    def factory():
        options = dict(
            enable_SMTPUTF8=arguments.smtputf8, hostname="smtp.test.local", decode_data=False,
            data_size_limit=1024 * 1024,
        )
        if context is not None and not arguments.implicit_tls:
            options["tls_context"] = context
        if authenticator is not None:
            options.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
        return SMTP(handler, **options)

    async def serve():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(
            factory, host=arguments.host, port=0, ssl=context if arguments.implicit_tls else None)
        port = server.sockets[0].getsockname()[1]
        print("READY %d" % port, flush=True)
        async with server:
            await server.serve_forever()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
