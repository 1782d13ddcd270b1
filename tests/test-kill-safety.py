#!/usr/bin/env python3
# test-kill-safety.py — SIGKILL the CLI import at many moments, lose nothing
#
# Copyright 2026 The Segments authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-kill-safety.py SEGMENTS-CLI [RUNS]
#
# Builds the demo store, imports a ~20,000-line Shopify orders export into
# copies of it and kills `segments-cli import` with SIGKILL after delays
# spread over the time a whole import takes.  After every kill the store
# opens, passes PRAGMA integrity_check, and holds exactly what it held before
# the import, or exactly what a completed import leaves.  Every file the CLI
# wrote (store, -wal, -shm, backups) is private (0600).
#
# Exits 77 (skipped) when the CLI has no import command yet.

import csv
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time

CLI = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SEGMENTS_CLI", "segments-cli")
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 25
AS_OF = "2024-06-30"
SKIP = 77

# The Shopify orders header of docs/FORMATS.md (current export, Tax 1–5).
TAXES = [f"Tax {i} {what}" for i in range(1, 6) for what in ("Name", "Value")]
HEADER = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,"
    "Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,"
    "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,"
    "Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
    "Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,"
    "Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,"
    "Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,"
    "Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,"
    "Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,"
    "Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount"
).split(",") + TAXES + (
    "Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,"
    "Payment Terms Name,Next Payment Due At,Payment References"
).split(",")

PRODUCTS = [("Linen shirt", "LIN-01", 49.0), ("Wool socks", "SOC-02", 12.5),
            ("Canvas tote", "TOT-03", 24.0), ("Rain jacket", "JAC-04", 129.0),
            ("Cotton tee", "TEE-05", 19.0), ("Denim cap", "CAP-06", 22.0)]
PLACES = [("Boston", "MA", "US", "'02134"), ("Toronto", "ON", "CA", "M5V 2T6"),
          ("Lyon", "", "FR", "69001"), ("Malmö", "", "SE", "'211 22"),
          ("Austin", "TX", "US", "'78701")]


def fail(message):
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)


def run(*args, check=True):
    result = subprocess.run([CLI, *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        fail(f"segments-cli {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result


def write_orders(path, lines=20000, seed=8):
    rng = random.Random(seed)
    written = 0
    order = 100000
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow(HEADER)
        while written < lines:
            order += 1
            customer = rng.randrange(3000)
            email = f"buyer{customer:04d}@example.com" if rng.random() > 0.05 else ""
            city, province, country, zip_code = PLACES[customer % len(PLACES)]
            items = [PRODUCTS[rng.randrange(len(PRODUCTS))] for _ in range(rng.randint(1, 3))]
            quantities = [rng.randint(1, 3) for _ in items]
            subtotal = sum(p[2] * q for p, q in zip(items, quantities))
            shipping = 5.0 if subtotal < 50 else 0.0
            total = subtotal + shipping
            day = rng.randrange(1, 28)
            month = rng.randrange(1, 6)
            created = f"2024-{month:02d}-{day:02d} {rng.randrange(24):02d}:15:00 -0500"
            status = rng.choice(["paid"] * 8 + ["refunded", "partially_refunded", "pending"])
            cancelled = created if rng.random() < 0.03 else ""
            refunded = f"{total:.2f}" if status == "refunded" else (
                "5.00" if status == "partially_refunded" else "0.00")
            for n, (product, quantity) in enumerate(zip(items, quantities)):
                row = dict.fromkeys(HEADER, "")
                row.update({"Name": f"#{order}", "Lineitem quantity": str(quantity),
                            "Lineitem name": product[0], "Lineitem price": f"{product[2]:.2f}",
                            "Lineitem sku": product[1], "Lineitem requires shipping": "true",
                            "Lineitem taxable": "true", "Lineitem fulfillment status": "fulfilled",
                            "Vendor": "Northwind"})
                if n == 0:
                    row.update({
                        "Email": email, "Financial Status": status, "Paid at": created,
                        "Fulfillment Status": "fulfilled", "Accepts Marketing": "yes",
                        "Currency": "USD", "Subtotal": f"{subtotal:.2f}",
                        "Shipping": f"{shipping:.2f}", "Taxes": "0.00", "Total": f"{total:.2f}",
                        "Discount Code": "SPRING10" if rng.random() < 0.2 else "",
                        "Discount Amount": "0.00", "Created at": created,
                        "Billing Name": f"Buyer {customer}", "Billing City": city,
                        "Billing Zip": zip_code, "Billing Province": province,
                        "Billing Country": country, "Billing Phone": "'+1 617 555 0100",
                        "Shipping City": city, "Shipping Country": country,
                        "Notes": "Leave at the door,\nplease" if rng.random() < 0.01 else "",
                        "Cancelled at": cancelled, "Refunded Amount": refunded,
                        "Id": str(5000000000 + order), "Tags": "spring, online",
                        "Source": "web", "Payment Method": "Shopify Payments"})
                out.writerow([row[h] for h in HEADER])
                written += 1
                if written >= lines:
                    break


def table_rows(db, table):
    columns = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]
    rows = db.execute(f'SELECT * FROM "{table}"').fetchall()
    return columns, rows


def snapshot(path):
    """Every table's rows, as sorted reprs (so row order does not matter)."""
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: table_rows(db, t) for t in tables}
    finally:
        db.close()


def digest(snap, volatile=frozenset()):
    h = hashlib.sha256()
    for table in sorted(snap):
        columns, rows = snap[table]
        keep = [i for i, c in enumerate(columns) if (table, c) not in volatile]
        if not keep:
            continue
        h.update(f"{table}:{[columns[i] for i in keep]}\n".encode())
        for line in sorted(repr(tuple(r[i] for i in keep)) for r in rows):
            h.update(line.encode())
            h.update(b"\n")
    return h.hexdigest()


TIME_COLUMNS = frozenset({("customers", "updated_at"), ("import_log", "imported_at")})


def volatile_columns(a, b):
    """The columns two completed imports of the same file fill differently
    (times of the import, say): left out of the completed-import digest."""
    out = set()
    for table in a:
        columns, rows_a = a[table]
        _, rows_b = b.get(table, (columns, []))
        for i, c in enumerate(columns):
            if sorted(map(repr, (r[i] for r in rows_a))) != sorted(map(repr, (r[i] for r in rows_b))):
                out.add((table, c))
    return frozenset(out)


def integrity(path):
    db = sqlite3.connect(path)
    try:
        return [r[0] for r in db.execute("PRAGMA integrity_check")]
    finally:
        db.close()


def check_private(directory):
    for name in os.listdir(directory):
        if ".segments" not in name:
            continue
        mode = stat.S_IMODE(os.stat(os.path.join(directory, name)).st_mode)
        if mode != 0o600:
            fail(f"{name} has mode {mode:o}: store files must be 0600")


def fresh_copy(pristine, directory, name):
    os.makedirs(directory, exist_ok=True)
    for leftover in os.listdir(directory):
        os.unlink(os.path.join(directory, leftover))
    target = os.path.join(directory, name)
    shutil.copy2(pristine, target)
    os.chmod(target, 0o600)
    return target


def settle(path):
    """Open the store the way the app does (recovering a WAL left by a kill)
    and bring its measures up to date."""
    run("stats", "--as-of", AS_OF, path)


def main():
    if subprocess.run([CLI, "import", "--help"], capture_output=True).returncode != 0:
        print("SKIP: segments-cli has no import command yet "
              "(`segments-cli import --help` fails)", flush=True)
        sys.exit(SKIP)

    with tempfile.TemporaryDirectory(prefix="segments-kill-") as tmp:
        os.umask(0o022)
        pristine_dir = os.path.join(tmp, "pristine")
        os.makedirs(pristine_dir)
        pristine = os.path.join(pristine_dir, "Shop.segments")
        run("demo", "--as-of", AS_OF, pristine)
        settle(pristine)
        check_private(pristine_dir)
        before_snap = snapshot(pristine)
        before = digest(before_snap)
        if integrity(pristine) != ["ok"]:
            fail("the demo store does not pass integrity_check")

        orders = os.path.join(tmp, "orders_export.csv")
        write_orders(orders)

        # Two whole imports: how long one takes, and what it leaves.
        durations = []
        completed = []
        for i in range(2):
            store = fresh_copy(pristine, os.path.join(tmp, f"whole{i}"), "Shop.segments")
            start = time.monotonic()
            run("import", store, orders)
            durations.append(time.monotonic() - start)
            settle(store)
            check_private(os.path.dirname(store))
            completed.append(snapshot(store))
        # Times of the import always differ between runs a second apart,
        # even when the two whole imports above happened within one second.
        volatile = volatile_columns(*completed) | TIME_COLUMNS
        after = digest(completed[0], volatile)
        if after != digest(completed[1], volatile):
            fail("two completed imports of one file differ")
        if digest(completed[0]) == before:
            fail("the import changed nothing: the kill test would prove nothing")
        duration = sum(durations) / len(durations)
        print(f"whole import: {duration:.2f} s; columns that differ between two "
              f"imports (ignored after a completed import): {sorted(volatile) or 'none'}",
              flush=True)

        rng = random.Random(int(os.environ.get("SEG_KILL_SEED", "1")))
        outcomes = {"before": 0, "completed": 0, "mid-write": 0}
        for n in range(RUNS):
            # Half the kills spread over the whole import, half over its last
            # third, where it writes and commits.
            half = RUNS // 2
            if n < half:
                delay = duration * 1.1 * (n + rng.random()) / half
            else:
                delay = duration * (0.7 + 0.4 * (n - half + rng.random()) / (RUNS - half))
            work = os.path.join(tmp, "work")
            store = fresh_copy(pristine, work, "Shop.segments")
            proc = subprocess.Popen([CLI, "import", store, orders],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            _, stderr = proc.communicate()
            finished = proc.returncode == 0
            if proc.returncode not in (0, -signal.SIGKILL):
                fail(f"import exited {proc.returncode} before the kill:\n{stderr.decode()}")

            check_private(work)
            wal = store + "-wal"
            if os.path.exists(wal) and os.path.getsize(wal) > 0:
                outcomes["mid-write"] += 1
            settle(store)
            check_private(work)
            result = integrity(store)
            if result != ["ok"]:
                fail(f"run {n} (killed after {delay:.3f} s): integrity_check says {result[:5]}")

            snap = snapshot(store)
            if digest(snap) == before:
                state = "before"
            elif digest(snap, volatile) == after:
                state = "completed"
            else:
                changed = [t for t in snap
                           if digest({t: snap[t]}) != digest({t: before_snap.get(t, ([], []))})]
                fail(f"run {n} (killed after {delay:.3f} s, import "
                     f"{'finished' if finished else 'killed'}): the store holds neither what it "
                     f"held before nor a whole import; tables changed: {changed}")
            outcomes[state] += 1
            print(f"run {n:2d}: killed after {delay:.3f} s -> {state}", flush=True)

        print(f"{RUNS} kills: {outcomes['before']} left the store as it was, "
              f"{outcomes['completed']} after a completed import; {outcomes['mid-write']} "
              f"left a WAL behind (killed while writing); integrity ok every time",
              flush=True)
        if outcomes["before"] == 0:
            fail("no kill landed during the import: the delays are too long")


if __name__ == "__main__":
    main()
