#!/usr/bin/env python3
"""Benchmark of issue #12: opening a round for everyone of the seed-load organisation (15,000
accounts) and delivering its mails to a local SMTP server (aiosmtpd, scripts/smtp-sink.py).

Measures: the time of the open_round request, the time until the sender has written every
notification and mail of the event (the outbox rows), the mails per second accepted by the SMTP
server, and the server's peak memory (VmHWM). Prints JSON and writes the section "Mail" of
bench/RESULTS.md.

Usage: bench/mail.py [--scale F] [--debug]   (expects scripts/build.sh release|debug to have run
and scripts/install-tools.sh --smtp for aiosmtpd)
"""
import argparse
import datetime
import http.cookiejar
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_http(port, proc, log):
    for _ in range(600):
        if proc.poll() is not None:
            sys.exit(f"server exited:\n{open(log).read()}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/anmelden", timeout=2)
            return
        except Exception:
            time.sleep(0.1)
    sys.exit("server did not start")


def call(opener, port, fn, fields):
    data = urllib.parse.urlencode(fields).encode()
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/{fn}",
        data=data,
        headers={
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://127.0.0.1:{port}",
            "Sec-Fetch-Site": "same-origin",
        },
    )
    with opener.open(req, timeout=120) as r:
        return json.loads(r.read() or b"null")


def vm_hwm_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--debug", action="store_true")
    args = ap.parse_args()
    mode = "debug" if args.debug else "release"
    binary = os.path.join(ROOT, "target", mode, "server")
    python = os.path.join(ROOT, ".tools/smtp-venv/bin/python")
    work = tempfile.mkdtemp(prefix="mitsprache-mailbench-")
    db_file = os.path.join(work, "bench.db")
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite://{db_file}?mode=rwc",
        LEPTOS_SITE_ROOT=os.path.join(ROOT, f"target/site-{mode}"),
        MITSPRACHE_MAIL_DIR=os.path.join(work, "mail"),
        RUST_LOG="warn",
    )
    t = time.time()
    load = json.loads(
        subprocess.run(
            [binary, "seed-load", "--scale", str(args.scale)],
            env=env, check=True, capture_output=True, text=True,
        ).stdout
    )
    seed_seconds = time.time() - t
    # The seed's round is open; only one may be open per process: close it first.
    con = sqlite3.connect(db_file)
    con.execute("UPDATE rounds SET closed_at = opened_at WHERE closed_at IS NULL")
    con.commit()

    sink_port = free_port()
    sink = subprocess.Popen(
        [python, os.path.join(ROOT, "scripts/smtp-sink.py"), "--port", str(sink_port),
         "--dir", os.path.join(work, "sink"), "--discard"],
        stdout=subprocess.PIPE, text=True,
    )
    assert sink.stdout.readline().strip() == "ready"
    port = free_port()
    env.update(MITSPRACHE_ADDR=f"127.0.0.1:{port}", MITSPRACHE_SMTP_URL=f"smtp://127.0.0.1:{sink_port}")
    log = os.path.join(work, "server.log")
    server = subprocess.Popen([binary, "serve"], env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    try:
        wait_http(port, server, log)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        call(opener, port, "login", {"email": load["coordinator_email"], "password": load["password"]})
        rss_before = vm_hwm_mb(server.pid)
        deadline = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
        t0 = time.time()
        round_id = call(opener, port, "open_round", {
            "process_id": load["process_id"], "start_date": "", "start_time": "",
            "deadline_date": deadline, "deadline_time": "18:00", "audience": "everyone", "teams": "",
        })
        request_ms = (time.time() - t0) * 1000
        outbox_s = None
        first_sent = None
        samples = []
        while True:
            now = time.time()
            done = con.execute(
                "SELECT COUNT(*) FROM notification_events WHERE kind = 'round_opened' AND done_at IS NOT NULL"
            ).fetchone()[0]
            notes = con.execute("SELECT COUNT(*) FROM notifications").fetchone()[0]
            queued = con.execute("SELECT COUNT(*) FROM mails WHERE kind = 'notification'").fetchone()[0]
            sent = con.execute("SELECT COUNT(*) FROM mails WHERE kind = 'notification' AND status = 'sent'").fetchone()[0]
            if done and outbox_s is None:
                outbox_s = now - t0
            if sent and first_sent is None:
                first_sent = now
            samples.append((now - t0, notes, sent))
            if done and sent >= queued:
                last_sent = now
                break
            if now - t0 > 1800:
                sys.exit("not done after 30 minutes")
            time.sleep(0.2)
        peak = vm_hwm_mb(server.pid)
    finally:
        server.terminate()
        server.wait()
        sink.terminate()
        sink.wait()
    rate = sent / max(last_sent - (first_sent or t0), 1e-6)
    result = {
        "mode": mode,
        "scale": args.scale,
        "accounts": load["users"],
        "seed_seconds": round(seed_seconds, 1),
        "open_round_request_ms": round(request_ms, 1),
        "outbox_rows_written_s": round(outbox_s, 2),
        "notifications": notes,
        "mails": sent,
        "mails_per_second": round(rate, 1),
        "all_sent_after_s": round(last_sent - t0, 1),
        "peak_rss_mb": round(peak, 1),
        "rss_before_mb": round(rss_before, 1),
        "cores": os.cpu_count(),
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
    }
    print(json.dumps(result, indent=2))
    write_results(result)


def de(n):
    """A whole number with German thousands separators (15.000)."""
    return f"{n:,}".replace(",", ".")


def write_results(r):
    path = os.path.join(ROOT, "bench/RESULTS.md")
    text = open(path).read() if os.path.exists(path) else ""
    section = f"""<!-- mail:start -->
## Mail: opening a round for everyone ({de(r['accounts'])} accounts)

`bench/mail.py` ({r['mode']} build, SQLite, {r['cores']} cores, {r['date']}); SMTP server: aiosmtpd on loopback, discarding.

| what | measured |
| --- | --- |
| `open_round` request (writes one event row) | {r['open_round_request_ms']} ms |
| until every notification and mail row is written (the sender's fan-out) | {r['outbox_rows_written_s']} s |
| notifications / mails written | {de(r['notifications'])} / {de(r['mails'])} |
| mails per second accepted by the SMTP server | {r['mails_per_second']} |
| all mails sent, from the request | {r['all_sent_after_s']} s |
| server peak memory (VmHWM) | {r['peak_rss_mb']} MB (before the request: {r['rss_before_mb']} MB) |
<!-- mail:end -->
"""
    if "<!-- mail:start -->" in text:
        text = re.sub(r"<!-- mail:start -->.*<!-- mail:end -->\n", section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    open(path, "w").write(text)


if __name__ == "__main__":
    main()
