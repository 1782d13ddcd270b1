#!/usr/bin/env python3
# test-no-network.py — segments-cli opens no network socket
#
# Copyright 2026 The Segments authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-no-network.py SEGMENTS-CLI
#
# Everything stays on the owner's computer: every command runs under
# `strace -f -e trace=network`, and any socket other than AF_UNIX (a local
# D-Bus or the like) fails the test.  Commands the CLI does not have yet are
# left out; without strace the test is skipped (exit 77).

import os
import re
import shutil
import subprocess
import sys
import tempfile

CLI = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SEGMENTS_CLI", "segments-cli")
SKIP = 77
SOCKET = re.compile(r"\b(socket|socketpair)\((AF_\w+|PF_\w+|\d+)")
LOCAL = {"AF_UNIX", "AF_LOCAL", "PF_UNIX", "PF_LOCAL", "1"}

ORDERS = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,"
    "Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,"
    "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,"
    "Lineitem sku\r\n"
    "#9001,ann@example.com,paid,,fulfilled,,yes,USD,40.00,5.00,0.00,45.00,,0.00,,"
    "2024-05-01 10:00:00 -0500,1,Linen shirt,40.00,,LIN-01\r\n"
)


def has_command(name):
    return subprocess.run([CLI, name, "--help"], capture_output=True).returncode == 0


def main():
    strace = shutil.which("strace")
    if strace is None:
        print("SKIP: strace is not installed (apt-get install strace)")
        sys.exit(SKIP)
    # strace needs ptrace: some containers forbid it.
    probe = subprocess.run([strace, "-f", "-o", os.devnull, "true"], capture_output=True)
    if probe.returncode != 0:
        print(f"SKIP: strace cannot trace here: {probe.stderr.decode().strip()}")
        sys.exit(SKIP)

    with tempfile.TemporaryDirectory(prefix="segments-net-") as tmp:
        store = os.path.join(tmp, "Shop.segments")
        demo = os.path.join(tmp, "Demo.segments")
        orders = os.path.join(tmp, "orders_export.csv")
        with open(orders, "w", encoding="utf-8", newline="") as f:
            f.write(ORDERS)

        commands = [
            ["new", store],
            ["demo", "--as-of", "2024-06-30", demo],
            ["stats", demo],
        ]
        optional = {
            "import": [["import", store, orders]],
            "preview": [["preview", orders]],
            "segments": [["segments", demo]],
            "count": [["count", demo, "orders >= 2"]],
            "rfm": [["rfm", demo]],
            "export": [["export", "--format", "klaviyo", "-o", os.path.join(tmp, "out.csv"),
                        demo, "Repeat buyers"]],
            "report": [["report", "-o", os.path.join(tmp, "report.pdf"), demo]],
            "chart": [["chart", "--help"]],
        }
        for name, runs in optional.items():
            if has_command(name):
                commands += runs
            else:
                print(f"note: segments-cli has no “{name}” command yet; not checked")

        # LeakSanitizer cannot run under ptrace: in a sanitizer build, leaks
        # are the other tests' business.
        env = dict(os.environ)
        env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS"),
                                                     "detect_leaks=0"]))

        failures = []
        for args in commands:
            log = os.path.join(tmp, "strace.log")
            result = subprocess.run([strace, "-f", "-qq", "-e", "trace=network",
                                     "-e", "signal=none", "-o", log, CLI, *args],
                                    capture_output=True, text=True, env=env)
            if result.returncode != 0:
                failures.append(f"segments-cli {' '.join(args)} failed "
                                f"({result.returncode}): {result.stderr.strip()}")
                continue
            with open(log, encoding="utf-8", errors="replace") as f:
                calls = f.read()
            sockets = SOCKET.findall(calls)
            remote = [domain for _, domain in sockets if domain not in LOCAL]
            if remote:
                failures.append(f"segments-cli {' '.join(args)} opened "
                                f"{', '.join(sorted(set(remote)))} sockets:\n{calls}")
            print(f"ok: segments-cli {args[0]}: {len(sockets)} sockets, "
                  f"{len(remote)} not local")

        if failures:
            print("FAIL:\n" + "\n".join(failures))
            sys.exit(1)


if __name__ == "__main__":
    main()
