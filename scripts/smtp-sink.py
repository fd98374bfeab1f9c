#!/usr/bin/env python3
"""A real SMTP server on loopback for the tests (aiosmtpd from PyPI): every message it accepts
is stored as <n>.eml plus <n>.json (recipients, decoded subject, text and HTML parts, and the
headers), written to a temporary name first and then renamed, so a reader never sees half a
message.

Usage: smtp-sink.py --port PORT --dir DIR [--discard]
  (prints "ready" once it listens; stops on SIGTERM; --discard only counts, for bench/mail.py)
"""
import argparse
import asyncio
import email
import email.policy
import itertools
import json
import os
import signal
import time

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, folder, discard=False):
        self.folder = folder
        self.discard = discard
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        if self.discard:
            return "250 Message accepted for delivery"
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        record = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "subject": str(message.get("Subject", "")),
            "to_header": str(message.get("To", "")),
            "headers": {k: str(v) for k, v in message.items()},
            "text": text.get_content() if text is not None else "",
            "html": html.get_content() if html is not None else "",
            "received_at": time.time(),
        }
        base = os.path.join(self.folder, f"{n:06d}")
        for suffix, data in ((".eml", raw), (".json", json.dumps(record, ensure_ascii=False).encode())):
            with open(base + suffix + ".tmp", "wb") as f:
                f.write(data)
            os.replace(base + suffix + ".tmp", base + suffix)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--discard", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Store(args.dir, args.discard), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
