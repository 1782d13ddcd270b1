#!/usr/bin/env python3
# test-cli-import.py — segments-cli preview and import.
#
# Copyright 2026 The Segments authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CLI = os.environ.get("SEGMENTS_CLI") or sys.argv[1]


def run(*args, check=True):
    result = subprocess.run([CLI, *args], capture_output=True, text=True,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed ({result.returncode}): {result.stderr}")
    return result


class ImportCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.store = self.path("shop.segments")
        run("new", self.store)

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def write(self, name, data):
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(self.path(name), mode) as f:
            f.write(data)
        return self.path(name)

    def query(self, sql):
        db = sqlite3.connect(self.store)
        try:
            return db.execute(sql).fetchall()
        finally:
            db.close()

    def test_preview_json(self):
        path = self.write("m.csv", b'\xef\xbb\xbf"Email Address","First Name","MEMBER_RATING",'
                          b'"CC","REGION","LEID"\r\n"a@x.com","Ann","4","uS","no region","1"\r\n'
                          b'"b@x.com","B ""Bee""","2","gb","","2"\r\n')
        out = json.loads(run("preview", path, "--rows", "1", "--json").stdout)
        self.assertEqual(out["encoding"], "UTF-8 (BOM)")
        self.assertEqual(out["delimiter"], ",")
        self.assertEqual(out["preset"], "mailchimp-audience")
        self.assertEqual(out["header"][0], "Email Address")
        self.assertEqual(out["rows"], [["a@x.com", "Ann", "4", "uS", "no region", "1"]])
        out = json.loads(run("preview", path, "--json").stdout)
        self.assertEqual(out["rows"][1][1], 'B "Bee"')
        text = run("preview", path).stdout
        self.assertIn("Mailchimp", text)

    def test_import_log_sha256(self):
        # The file's SHA-256, taken while reading; big enough for several
        # reads and a part block at the end.
        rows = "".join(f"#{1000 + i},c{i % 97}@x.com,2024-01-0{1 + i % 9} 10:00,{i}.50\n"
                       for i in range(6007))
        data = ("Name,Email,Created at,Total\n" + rows).encode()
        path = self.write("o.csv", data)
        run("import", self.store, path, "--preset", "shopify-orders")
        self.assertEqual(self.query("SELECT file_name, file_sha256 FROM import_log"),
                         [("o.csv", hashlib.sha256(data).hexdigest())])

    def test_preview_semicolons(self):
        path = self.write("s.csv", "Order ID;Date;Total\nA;2024-01-01;1,50\n")
        out = json.loads(run("preview", path, "--json").stdout)
        self.assertEqual(out["delimiter"], ";")
        self.assertEqual(out["rows"], [["A", "2024-01-01", "1,50"]])

    def test_import_summary_and_idempotence(self):
        path = self.write("t.csv",
                          "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,"
                          "CustomerID,Country\n"
                          "1,A,Mug,2,2024-01-05 10:00,3.50,17850.0,United Kingdom\n"
                          "1,B,Pin,1,2024-01-05 10:00,1.00,17850.0,United Kingdom\n"
                          "C2,A,Mug,-1,2024-01-06 10:00,3.50,17850.0,United Kingdom\n"
                          "3,A,Mug,1,bad date,3.50,,United Kingdom\n")
        out = json.loads(run("import", self.store, path, "--json").stdout)
        f = out["files"][0]
        self.assertEqual(f["preset"], "transactions")
        self.assertEqual(f["rows_read"], 4)
        self.assertEqual(f["orders_added"], 2)
        self.assertEqual(f["customers_added"], 1)
        self.assertEqual(f["rows_skipped"], 1)
        self.assertEqual(f["skipped"][0]["line"], 5)
        self.assertIn("InvoiceDate", f["skipped"][0]["reason"])
        self.assertEqual(self.query("SELECT sum(net_cents) FROM orders WHERE cancelled = 0"),
                         [(800,)])
        again = json.loads(run("import", self.store, path, "--json").stdout)["files"][0]
        self.assertEqual(again["orders_added"], 0)
        self.assertEqual(again["orders_unchanged"], 2)
        text = run("import", self.store, path).stdout
        self.assertIn("Rows read: 4", text)
        self.assertIn("line 5:", text)

    def test_nothing_imported_fails(self):
        path = self.write("bad.csv", "Email,First Name\nnot-an-email,Ann\n,Bob\n")
        result = run("import", self.store, path, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("line 2", result.stdout)

    def test_errors_name_the_file(self):
        path = self.write("empty.csv", "")
        result = run("import", self.store, path, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("empty.csv", result.stderr)
        result = run("import", self.store, self.path("missing.csv"), check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("missing.csv", result.stderr)

    def test_date_order_and_map(self):
        path = self.write("c.csv", "Mail,Joined,Hobby\na@x.com,01/02/2024,chess\n"
                                   "b@x.com,03/04/2024,golf\n")
        result = run("import", self.store, path, "--map", "Mail=email",
                     "--map", "Joined=customer_created", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Joined", result.stderr)
        self.assertIn("--date-order", result.stderr)
        self.assertEqual(self.query("SELECT count(*) FROM customers"), [(0,)])
        run("import", self.store, path, "--map", "Mail=email", "--map",
            "Joined=customer_created", "--date-order", "mdy")
        self.assertEqual(self.query("SELECT created_day FROM customers WHERE email = 'b@x.com'"),
                         [(19786,)])
        self.assertEqual(self.query("SELECT value FROM customer_attributes "
                                    "WHERE name = 'hobby' ORDER BY value"),
                         [("chess",), ("golf",)])
        result = run("import", self.store, path, "--map", "Nope=email", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Nope", result.stderr)

    def test_preset_option(self):
        path = self.write("p.csv", "Email,First Name,Interests\nz@x.com,Zed,art\n")
        run("import", self.store, path, "--preset", "klaviyo-profiles")
        self.assertEqual(self.query("SELECT source FROM customers"), [("klaviyo",)])
        result = run("import", self.store, path, "--preset", "nope", check=False)
        self.assertEqual(result.returncode, 2)

    def test_check_writes_nothing(self):
        path = self.write("p.csv", "Email,First Name\nz@x.com,Zed\n")
        out = json.loads(run("import", self.store, path, "--check", "--json").stdout)
        self.assertTrue(out["files"][0]["checked_only"])
        self.assertEqual(out["files"][0]["customers_added"], 1)
        self.assertEqual(self.query("SELECT count(*) FROM customers"), [(0,)])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]])
