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
import zipfile

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

    # ---- Mailchimp audience ZIPs ------------------------------------------

    MC_BASE = ["Email Address", "First Name", "Last Name", "MEMBER_RATING", "OPTIN_TIME",
               "OPTIN_IP", "CONFIRM_TIME", "CONFIRM_IP", "LATITUDE", "LONGITUDE", "GMTOFF",
               "DSTOFF", "TIMEZONE", "CC", "REGION", "LAST_CHANGED", "LEID", "EUID", "NOTES",
               "TAGS"]

    def mailchimp_csv(self, extra, emails, bad_line=None):
        header = self.MC_BASE + extra
        lines = [",".join('"%s"' % h for h in header)]
        for n, email in enumerate(emails):
            row = [email, "Ann", "Lee", "4", "2023-01-02 10:00:00", "", "", "", "'40.71",
                   "'-74.02", "-5", "-4", "America/New_York", "uS" if n % 2 else "Gb",
                   "no region", "2024-01-01 00:00:00", str(n), "e%d" % n, "", '"vip"']
            row += ["2024-02-02 00:00:00", "Spring", "c1", "N/A", ""][:len(extra)]
            lines.append(",".join(c if c.startswith('"') else '"%s"' % c for c in row))
        return ("\r\n".join(lines) + "\r\n").encode()

    def mailchimp_zip(self, name, compression=zipfile.ZIP_DEFLATED):
        path = self.path(name)
        with zipfile.ZipFile(path, "w", compression) as z:
            z.writestr("members/subscribed_members_export_abc.csv",
                       self.mailchimp_csv([], ["s%d@x.com" % i for i in range(5)]))
            z.writestr("members/unsubscribed_members_export_abc.csv",
                       self.mailchimp_csv(["UNSUB_TIME", "UNSUB_CAMPAIGN_TITLE",
                                           "UNSUB_CAMPAIGN_ID", "UNSUB_REASON",
                                           "UNSUB_REASON_OTHER"],
                                          ["u%d@x.com" % i for i in range(3)] + ["not-an-email"]))
            z.writestr("members/cleaned_members_export_abc.csv",
                       self.mailchimp_csv(["CLEAN_TIME", "CLEAN_CAMPAIGN_TITLE",
                                           "CLEAN_CAMPAIGN_ID"], ["c0@x.com", "c1@x.com"]))
            z.writestr("__MACOSX/members/._subscribed_members_export_abc.csv", b"\0\5\x16\7")
        return path

    def test_zip_preview(self):
        path = self.mailchimp_zip("audience.zip")
        out = json.loads(run("preview", path, "--json", "--rows", "2").stdout)
        self.assertEqual([m["name"] for m in out["members"]],
                         ["members/subscribed_members_export_abc.csv",
                          "members/unsubscribed_members_export_abc.csv",
                          "members/cleaned_members_export_abc.csv"])
        self.assertEqual([m["email_status"] for m in out["members"]],
                         ["subscribed", "unsubscribed", "cleaned"])
        self.assertEqual(out["member"], "members/subscribed_members_export_abc.csv")
        self.assertEqual(out["preset"], "mailchimp-audience")
        self.assertEqual(out["rows"][0][9], "'-74.02")
        out = json.loads(run("preview", path, "--json", "--member",
                             "members/cleaned_members_export_abc.csv").stdout)
        self.assertIn("CLEAN_TIME", out["header"])
        text = run("preview", path).stdout
        self.assertIn("members/unsubscribed_members_export_abc.csv", text)
        result = run("preview", path, "--member", "nope.csv", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("nope.csv", result.stderr)

    def check_mailchimp_store(self):
        self.assertEqual(self.query("SELECT email_status, count(*) FROM customers "
                                    "GROUP BY 1 ORDER BY 1"),
                         [("cleaned", 2), ("subscribed", 5), ("unsubscribed", 3)])

    def test_zip_import(self):
        for compression, name in ((zipfile.ZIP_DEFLATED, "d.zip"),
                                  (zipfile.ZIP_STORED, "s.zip")):
            with self.subTest(name):
                self.tearDown()
                self.setUp()
                path = self.mailchimp_zip(name, compression)
                out = json.loads(run("import", self.store, path, "--json").stdout)
                summary = out["files"][0]
                self.assertEqual(summary["file"], name)
                self.assertEqual(summary["rows_read"], 11)
                self.assertEqual(summary["customers_added"], 10)
                self.assertEqual(summary["rows_skipped"], 1)
                skipped = summary["skipped"][0]
                self.assertEqual(skipped["file"], "members/unsubscribed_members_export_abc.csv")
                self.assertEqual(skipped["line"], 5)
                self.check_mailchimp_store()
                self.assertEqual(self.query("SELECT country FROM customers "
                                            "WHERE email = 's1@x.com'"), [("US",)])
                text = run("import", self.store, path).stdout
                self.assertIn("members/unsubscribed_members_export_abc.csv, line 5:", text)
                self.check_mailchimp_store()
                self.assertEqual(self.query("SELECT count(*) FROM import_log"), [(6,)])

    def corrupt(self, path, damage):
        with open(path, "rb") as f:
            data = bytearray(f.read())
        damage(data)
        with open(path, "wb") as f:
            f.write(bytes(data))

    def test_zip_bad_crc_imports_nothing(self):
        path = self.mailchimp_zip("bad.zip", zipfile.ZIP_STORED)
        # Flip a byte in the middle of the last CSV's data (stored: plain text).
        with open(path, "rb") as f:
            at = f.read().index(b"c1@x.com")

        def flip(d):
            d[at] = ord("C")
        self.corrupt(path, flip)
        result = run("import", self.store, path, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("bad.zip", result.stderr)
        self.assertIn("cleaned_members_export_abc.csv", result.stderr)
        self.assertIn("checksum", result.stderr)
        self.assertEqual(self.query("SELECT count(*) FROM customers"), [(0,)])
        self.assertEqual(self.query("SELECT count(*) FROM import_log"), [(0,)])

    def test_zip_truncated(self):
        path = self.mailchimp_zip("cut.zip")
        self.corrupt(path, lambda d: d.__delitem__(slice(len(d) // 2, None)))
        result = run("import", self.store, path, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("cut.zip", result.stderr)
        self.assertEqual(self.query("SELECT count(*) FROM customers"), [(0,)])

    def test_zip_bomb_refused(self):
        path = self.path("bomb.zip")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("a.csv", b"Email\n" + b"a" * (50 * 1024 * 1024))
        self.assertLess(os.path.getsize(path), 200 * 1024)
        result = run("import", self.store, path, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("zip bomb", result.stderr)
        result = run("preview", path, check=False)
        self.assertNotEqual(result.returncode, 0)

    def test_zip_unsafe_name(self):
        path = self.path("evil.zip")
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("../../evil.csv", b"Email\na@x.com\n")
        result = run("import", self.store, path, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("evil.zip", result.stderr)
        self.assertIn("not safe", result.stderr)

    # ---- Encoding and delimiter overrides ---------------------------------

    def test_delimiter_override(self):
        # Commas and semicolons are equally steady: the sniffer says comma.
        path = self.write("semi.csv", "Name,Title;Email\nAnn,Dr;a@x.com\nBo,Mr;b@x.com\n")
        out = json.loads(run("preview", path, "--json").stdout)
        self.assertEqual(out["delimiter"], ",")
        out = json.loads(run("preview", path, "--json", "--delimiter", ";").stdout)
        self.assertEqual(out["delimiter"], ";")
        self.assertEqual(out["header"], ["Name,Title", "Email"])
        run("import", self.store, path, "--delimiter", "semicolon")
        self.assertEqual(self.query("SELECT email FROM customers ORDER BY 1"),
                         [("a@x.com",), ("b@x.com",)])
        result = run("import", self.store, path, "--delimiter", "x", check=False)
        self.assertEqual(result.returncode, 2)

    def test_encoding_override(self):
        # Valid UTF-8 bytes that are really ISO-8859-1 ("Ã©" written by Latin-1).
        path = self.write("l1.csv", "Email,First Name\na@x.com,Jos\u00c3\u00a9\n".encode("latin-1"))
        out = json.loads(run("preview", path, "--json").stdout)
        self.assertEqual(out["encoding"], "UTF-8")
        self.assertEqual(out["rows"][0][1], "Jos\u00e9")
        out = json.loads(run("preview", path, "--json", "--encoding", "iso-8859-1").stdout)
        self.assertEqual(out["encoding"], "ISO-8859-1")
        self.assertEqual(out["rows"][0][1], "Jos\u00c3\u00a9")
        run("import", self.store, path, "--encoding", "windows-1252")
        self.assertEqual(self.query("SELECT first_name FROM customers"), [("Jos\u00c3\u00a9",)])
        result = run("preview", path, "--encoding", "klingon", check=False)
        self.assertEqual(result.returncode, 2)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]])
