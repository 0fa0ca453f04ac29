"""A capturing SMTP server for the black-box mail tests (aiosmtpd, Debian's python3-aiosmtpd).

Run it with /usr/bin/python3: a pyenv python3 earlier on PATH does not have aiosmtpd.

    /usr/bin/python3 smtp_sink.py --dir DIR [--port 0] [--fail-451 ADDR]... [--fail-550 ADDR]...

Prints "listening on PORT" (flushed) once it accepts connections. Every accepted message is written
to DIR/<seq>.eml (the DATA bytes exactly as received, dot-unstuffed) with its envelope in
DIR/<seq>.json; both are written to a temporary name and renamed, the .json first, so a reader that
lists *.eml never sees half a message. Sequence numbers continue after the highest one already in
DIR, so a restarted sink on the same directory appends.

--fail-451 / --fail-550 answer RCPT TO for that address (case-insensitive) with a transient or a
permanent refusal, for the outbox's retry and failure tests.
"""

import argparse
import asyncio
import json
import os
import re
import signal
import sys
import time

from aiosmtpd.smtp import SMTP


class CapturingHandler:
    def __init__(self, directory, fail_451, fail_550):
        self.directory = directory
        self.fail_451 = {a.lower() for a in fail_451}
        self.fail_550 = {a.lower() for a in fail_550}
        self.seq = max((int(m.group(1)) for m in
                        (re.match(r"^(\d+)\.eml$", n) for n in os.listdir(directory)) if m),
                       default=0)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.fail_451:
            return "451 4.3.0 Mailbox temporarily unavailable (test sink)"
        if address.lower() in self.fail_550:
            return "550 5.1.1 No such user here (test sink)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.seq += 1
        base = os.path.join(self.directory, "%06d" % self.seq)
        meta = {
            "seq": self.seq,
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "received_at": time.time(),
            "peer": list(session.peer) if session.peer else None,
        }
        self._write_atomically(base + ".json", json.dumps(meta).encode("utf-8"))
        self._write_atomically(base + ".eml", envelope.original_content)
        return "250 2.0.0 Message accepted for delivery (test sink)"

    @staticmethod
    def _write_atomically(path, data):
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--fail-451", action="append", default=[])
    parser.add_argument("--fail-550", action="append", default=[])
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    handler = CapturingHandler(args.dir, args.fail_451, args.fail_550)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    # decode_data=False keeps the raw bytes (original_content); SMTPUTF8 so that UTF-8 addresses
    # are not refused by the sink before the server under test gets a say.
    factory = lambda: SMTP(handler, decode_data=False, enable_SMTPUTF8=True,
                           hostname="sink.test", ident="gongdan test sink")
    server = loop.run_until_complete(
        loop.create_server(factory, host=args.host, port=args.port, reuse_address=True))
    port = server.sockets[0].getsockname()[1]

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("listening on %d" % port, flush=True)
    loop.run_until_complete(stop.wait())
    # Close the listening socket and leave: open client connections die with the process (waiting
    # for them, as wait_closed does on Python 3.12+, could hang a stop).
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
