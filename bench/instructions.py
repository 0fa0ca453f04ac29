#!/usr/bin/env python3
"""Instructions per request, counted by callgrind: repeatable to the instruction whatever else the
machine is doing, so two builds compare without interleaved rounds (docs/performance.md).

    bench/instructions.py BINARY KIND [COUNT]

starts `BINARY serve` under `valgrind --tool=callgrind` on a fresh data folder with rate limits
off, prepares what KIND needs, zeroes the counters, sends COUNT requests one after another on one
kept-alive connection and prints the server's instructions per request (all threads). KIND is
`lookup` (status by number and e-mail), `my_tickets` (first page of a customer with 50 tickets,
as `make bench` asks it) or `submit` (bench/submit.lua's ticket). COUNT defaults to 2,000 (500
for submit). The dump stays in the printed folder for `callgrind_annotate`.
"""
import http.client
import json
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBMIT_BODY = re.search(r"wrk\.body = \[\[(.*?)\]\]", (ROOT / "bench/submit.lua").read_text(), re.S).group(1)
PASSWORD = "bench-password"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(conn, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    text = body if isinstance(body, str) else json.dumps(body) if body else None
    conn.request(method, "/api/v1" + path, body=text.encode() if text else None, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    if response.status not in (200, 201):
        sys.exit(f"instructions: {method} {path} answered {response.status}: {payload[:300]!r}")
    return json.loads(payload)


def total_instructions(dump: Path) -> int:
    for line in dump.read_text(errors="replace").splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    sys.exit(f"instructions: no totals in {dump}")


def main() -> int:
    if len(sys.argv) < 3 or sys.argv[2] not in ("lookup", "my_tickets", "submit"):
        print(__doc__)
        return 2
    binary, kind = Path(sys.argv[1]).resolve(), sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else (500 if kind == "submit" else 2000)
    folder = Path(tempfile.mkdtemp(prefix="gongdan-instructions-"))
    port = free_port()
    server = subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/callgrind.out", str(binary), "serve",
         "--listen", f"127.0.0.1:{port}", "--data-dir", str(folder / "data"), "--rate-limits", "off"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit("instructions: the server did not start under valgrind")
                time.sleep(0.2)
        token = call(conn, "POST", "/auth/register", {"email": "bench@example.com", "password": PASSWORD, "name": "压测"})["token"]
        number = call(conn, "POST", "/tickets", SUBMIT_BODY, token)["ticket"]["number"]
        if kind == "my_tickets":
            token = call(conn, "POST", "/auth/register",
                         {"email": "fifty@example.com", "password": PASSWORD, "name": "五十"})["token"]
            for _ in range(50):
                call(conn, "POST", "/tickets", SUBMIT_BODY, token)
        lookup = {"number": number, "email": "bench@example.com"}
        subprocess.run(["callgrind_control", "--zero", str(server.pid)], check=True, capture_output=True)
        for _ in range(count):
            if kind == "lookup":
                call(conn, "POST", "/tickets/lookup", lookup)
            elif kind == "my_tickets":
                call(conn, "GET", "/tickets", None, token)
            else:
                call(conn, "POST", "/tickets", SUBMIT_BODY, token)
        subprocess.run(["callgrind_control", "--dump", str(server.pid)], check=True, capture_output=True)
        conn.close()
    finally:
        server.terminate()
        server.wait()
    dumps = sorted(folder.glob("callgrind.out.*"))  # the one after --dump is callgrind.out.1
    if not dumps:
        sys.exit(f"instructions: callgrind wrote no dump in {folder}")
    per_request = total_instructions(dumps[0]) / count
    print(f"{kind}: {per_request:,.0f} instructions per request over {count:,} ({binary}; dump {dumps[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
