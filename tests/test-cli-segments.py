#!/usr/bin/env python3
# test-cli-segments.py — segments-cli's segment commands, as a script would use them.
#
# Copyright 2026 The Segments authors
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import datetime
import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest

CLI = os.environ.get("SEGMENTS_CLI") or sys.argv[1]
AS_OF = "2024-06-30"
AS_OF_DAY = (datetime.date(2024, 6, 30) - datetime.date(1970, 1, 1)).days
CORE = ["First-time visitors", "First-time buyers", "Repeat buyers", "Lapsed customers",
        "High-value customers"]


def run(*args, check=True):
    result = subprocess.run([CLI, *args], capture_output=True, text=True,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed ({result.returncode}): {result.stderr}")
    return result


class SegmentsCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.demo = os.path.join(cls.tmp.name, "demo.segments")
        run("demo", cls.demo, "--as-of", AS_OF)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def copy_demo(self, name):
        target = self.path(name)
        with sqlite3.connect(self.demo) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        os.chmod(target, 0o600)
        return target

    def test_new_store_has_starter_set(self):
        store = self.path("new.segments")
        run("new", store)
        segments = json.loads(run("segments", store, "--json").stdout)
        self.assertEqual([s["name"] for s in segments], CORE)
        for s in segments:
            self.assertEqual(s["customers"], 0)
            self.assertIn("too-small", s["warnings"])

    def test_segments_json(self):
        segments = json.loads(run("segments", self.demo, "--as-of", AS_OF, "--json").stdout)
        self.assertEqual([s["name"] for s in segments], CORE)
        stats = json.loads(run("stats", self.demo, "--as-of", AS_OF, "--json").stdout)
        for i, s in enumerate(segments):
            for key in ("name", "customers", "revenue", "share", "revenue_share", "aov",
                        "repeat_rate", "primary_customers", "priority", "warnings"):
                self.assertIn(key, s)
            self.assertEqual(s["priority"], i)
            self.assertAlmostEqual(s["share"], s["customers"] / stats["contacts"])
            self.assertLessEqual(s["primary_customers"], s["customers"])
            # The count command agrees with the segment's own rule.
            count = run("count", self.demo, s["rule"], "--as-of", AS_OF).stdout.strip()
            self.assertEqual(int(count), s["customers"])
        self.assertEqual(segments[0]["primary_customers"], segments[0]["customers"])
        self.assertEqual(segments[2]["repeat_rate"], 1.0)

    def test_count_cross_checked(self):
        with sqlite3.connect(self.demo) as db:
            expected = db.execute(
                "SELECT count(*) FROM (SELECT c.id FROM customers c JOIN orders o"
                " ON o.customer_id = c.id AND o.cancelled = 0 AND o.order_day <= ?"
                " WHERE c.country IN ('US', 'CA') GROUP BY c.id HAVING count(*) >= 2)",
                (AS_OF_DAY,)).fetchone()[0]
        count = run("count", self.demo, 'orders >= 2 and country in ("US", "CA")',
                    "--as-of", AS_OF).stdout.strip()
        self.assertEqual(int(count), expected)

    def test_count_bad_rule(self):
        result = run("count", self.demo, 'orders >= 2 and contry = "US"', check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn("contry", result.stderr)
        self.assertIn("column 17", result.stderr)
        result = run("count", self.demo, "orders >=", check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn("olumn", result.stderr)

    def test_rfm(self):
        rfm = json.loads(run("rfm", self.demo, "--as-of", AS_OF, "--json").stdout)
        for key in ("recency", "frequency", "monetary"):
            self.assertEqual(len(rfm["cuts"][key]), 4)
            self.assertEqual(rfm["cuts"][key], sorted(rfm["cuts"][key]))
        names = [g["name"] for g in rfm["groups"]]
        self.assertEqual(names[0], "Champions")
        self.assertIn("Can't Lose Them", names)
        stats = json.loads(run("stats", self.demo, "--as-of", AS_OF, "--json").stdout)
        self.assertEqual(sum(g["customers"] for g in rfm["groups"]), stats["contacts"])
        for g in rfm["groups"]:
            if g["name"] == "Prospects":
                continue
            count = run("count", self.demo, f'rfm_group = "{g["name"]}"',
                        "--as-of", AS_OF).stdout.strip()
            self.assertEqual(int(count), g["customers"], g["name"])

    def test_add(self):
        store = self.copy_demo("add.segments")
        out = run("add", store, "VIP Americans", 'revenue >= 1000 and country = "US"',
                  "--notes", "Free express shipping").stdout
        self.assertIn("VIP Americans", out)
        segments = json.loads(run("segments", store, "--json").stdout)
        self.assertEqual(segments[-1]["name"], "VIP Americans")
        self.assertEqual(segments[-1]["priority"], 5)

        result = run("add", store, "vip americans", "orders >= 1", check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn("already", result.stderr)

        result = run("add", store, "Typo", "ordrs >= 1", check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn("ordrs", result.stderr)

        run("add", store, "Champions", 'rfm_group = "Champions"', "--template", "rfm-champions")
        with sqlite3.connect(store) as db:
            template, notes = db.execute(
                "SELECT template, notes FROM segments WHERE name = 'Champions'").fetchone()
        self.assertEqual(template, "rfm-champions")
        self.assertTrue(notes)

    def test_templates(self):
        templates = json.loads(run("templates", "--json").stdout)
        self.assertEqual([t["name"] for t in templates[:5]], CORE)
        self.assertEqual(len([t for t in templates if t["kind"] == "rfm"]), 11)
        ids = {t["id"] for t in templates}
        for wanted in ("returning-buyers", "loyal-customers", "engaged-subscribers",
                       "at-risk-subscribers", "suppression-candidates", "cart-abandoners"):
            self.assertIn(wanted, ids)
        for t in templates:
            self.assertTrue(t["notes"], t["id"])
            run("count", self.demo, t["rule"], "--as-of", AS_OF)

    def test_overlap(self):
        overlap = json.loads(run("overlap", self.demo, "--as-of", AS_OF, "--json").stdout)
        segments = json.loads(run("segments", self.demo, "--as-of", AS_OF, "--json").stdout)
        matrix = overlap["matrix"]
        self.assertEqual(overlap["segments"], CORE)
        for a in range(5):
            self.assertEqual(matrix[a][a], segments[a]["customers"])
            for b in range(5):
                self.assertEqual(matrix[a][b], matrix[b][a])
        self.assertEqual(overlap["primary"], [s["primary_customers"] for s in segments])

    def export(self, fmt, *extra):
        out = self.path(f"{fmt}.csv")
        run("export", self.demo, "Repeat buyers", "--format", fmt, "-o", out,
            "--as-of", AS_OF, *extra)
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o600)
        with open(out, newline="", encoding="utf-8") as f:
            return list(csv.reader(f))

    def test_export_formats(self):
        segments = json.loads(run("segments", self.demo, "--as-of", AS_OF, "--json").stdout)
        repeat = segments[2]
        headers = {
            "klaviyo": ["Email", "First Name", "Last Name", "Phone Number", "City", "Region",
                        "Country", "Zip Code", "Segment"],
            "mailchimp": ["Email Address", "First Name", "Last Name", "Address",
                          "Phone Number", "TAGS"],
            "meta": ["email", "phone", "fn", "ln", "ct", "st", "zip", "country", "doby", "gen"],
            "google": ["Email", "Phone", "First Name", "Last Name", "Country", "Zip"],
        }
        for fmt, header in headers.items():
            rows = self.export(fmt)
            self.assertEqual(rows[0], header, fmt)
            self.assertEqual(len(rows) - 1, repeat["customers"], fmt)

        rows = self.export("meta")
        with sqlite3.connect(self.demo) as db:
            emails = {e for (e,) in db.execute(
                "SELECT lower(trim(email)) FROM customers WHERE email IS NOT NULL")}
        hashes = {hashlib.sha256(e.encode()).hexdigest() for e in emails}
        for row in rows[1:]:
            if row[0]:
                self.assertIn(row[0], hashes)
                self.assertRegex(row[0], "^[0-9a-f]{64}$")

        rows = self.export("csv", "--primary-only")
        self.assertEqual(len(rows) - 1, repeat["primary_customers"])
        self.assertEqual(rows[0][0], "id")
        for row in rows[1:]:
            for value in row:
                self.assertFalse(value[:1] in ("=", "+", "-", "@", "\t", "\r"), value)

    def test_export_errors(self):
        result = run("export", self.demo, "Nobody", "--format", "csv", "-o",
                     self.path("x.csv"), check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn("Nobody", result.stderr)
        result = run("export", self.demo, "Repeat buyers", "--format", "excel", "-o",
                     self.path("x.csv"), check=False)
        self.assertEqual(result.returncode, 2)
        self.assertFalse(os.path.exists(self.path("x.csv")))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
