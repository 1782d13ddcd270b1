#!/usr/bin/env python3
# test-report-pdf.py — segments-cli report, read back with poppler's tools.
#
# Copyright 2026 The Segments authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest

CLI = os.environ.get("SEGMENTS_CLI") or sys.argv[1]
ENV = {**os.environ, "LC_ALL": "C.UTF-8"}
AS_OF = "2026-06-30"


def run(*args, check=True):
    result = subprocess.run([CLI, *args], capture_output=True, text=True, env=ENV)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed ({result.returncode}): {result.stderr}")
    return result


def pdftotext(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                          text=True, check=True, env=ENV).stdout


def pdfinfo(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True,
                         env=ENV).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


@unittest.skipUnless(shutil.which("pdftotext") and shutil.which("pdfinfo"),
                     "poppler-utils is not installed")
class ReportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.store = os.path.join(cls.tmp.name, "demo.segments")
        run("demo", cls.store, "--as-of", AS_OF)
        cls.segments = json.loads(run("segments", cls.store, "--as-of", AS_OF,
                                      "--json").stdout)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def report(self, name, *args):
        path = os.path.join(self.tmp.name, name)
        run("report", self.store, "-o", path, "--as-of", AS_OF, *args)
        return path

    def test_a4_report(self):
        path = self.report("a4.pdf")
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        info = pdfinfo(path)
        pages = int(info["Pages"])
        self.assertGreater(pages, 3)
        self.assertIn("A4", info["Page size"])
        text = pdftotext(path)
        self.assertIn(f"Page 1 of {pages}", text)
        self.assertIn(f"Page {pages} of {pages}", text)
        self.assertNotIn(f"Page {pages + 1} of", text)

        # Every segment is there, with its member count on its own page.
        self.assertGreater(len(self.segments), 0)
        page_texts = text.split("\f")
        for segment in self.segments:
            count = f"{segment['customers']:,}"
            pages_with_name = [p for p in page_texts if segment["name"] in p]
            self.assertTrue(pages_with_name, segment["name"])
            self.assertTrue(any(re.search(rf"\b{re.escape(count)}\b", p)
                                for p in pages_with_name),
                            f"{segment['name']}: {count} not found")
            self.assertIn(f"{count} of the store’s", text)

        for heading in ("Summary", "How segments overlap", "RFM groups", "Definitions",
                        "Champions", "Can’t Lose Them"):
            self.assertIn(heading, text)

    def test_letter_and_choice(self):
        first = self.segments[0]["name"]
        last = self.segments[-1]["name"]
        path = self.report("letter.pdf", "--paper", "letter", "--segment", last,
                           "--segment", first)
        info = pdfinfo(path)
        self.assertIn("612 x 792", info["Page size"])
        text = pdftotext(path)
        self.assertIn(first, text)
        self.assertIn(last, text)
        others = [s["name"] for s in self.segments[1:-1]]
        for name in others:
            # Named in the summary table only if chosen: not at all here.
            self.assertNotIn(name, text.split("How segments overlap")[0].split("Summary", 1)[1])

    def test_top_products_match_sql(self):
        # The report tallies every segment's products in one pass over the
        # order lines; the plain join per segment is the reference.
        db = sqlite3.connect(self.store)
        rule = db.execute("SELECT rule FROM segments WHERE name = 'Repeat buyers'").fetchone()
        self.assertEqual(rule, ("orders >= 2",))
        day = db.execute("SELECT CAST (julianday (?) - julianday ('1970-01-01') AS INTEGER)",
                         (AS_OF,)).fetchone()[0]
        expected = db.execute(
            "SELECT l.product, COUNT (DISTINCT o.customer_id) AS buyers,"
            "       SUM (l.quantity) AS units"
            " FROM customer_measures AS m"
            " JOIN orders AS o ON o.customer_id = m.customer_id"
            " JOIN order_items AS l ON l.order_id = o.id"
            " WHERE m.orders >= 2 AND o.cancelled = 0 AND o.order_day <= ?"
            "  AND l.product IS NOT NULL AND l.product != ''"
            " GROUP BY l.product ORDER BY buyers DESC, units DESC, l.product LIMIT 5",
            (day,)).fetchall()
        db.close()
        self.assertEqual(len(expected), 5)

        text = pdftotext(self.report("products.pdf", "--segment", "Repeat buyers"))
        section = text.split("Top products", 1)[1]
        rows = []
        for line in section.splitlines():
            cells = re.split(r"\s{2,}", line.strip())
            if len(cells) == 3 and cells[1].replace(",", "").isdigit():
                rows.append((cells[0], int(cells[1].replace(",", "")),
                             int(cells[2].replace(",", ""))))
            if len(rows) == len(expected):
                break
        self.assertEqual(rows, expected)

    def test_landscape_has_more_pages(self):
        portrait = int(pdfinfo(self.report("p.pdf"))["Pages"])
        landscape = int(pdfinfo(self.report("l.pdf", "--landscape"))["Pages"])
        self.assertGreaterEqual(landscape, portrait)

    def test_unknown_segment(self):
        path = os.path.join(self.tmp.name, "bad.pdf")
        result = run("report", self.store, "-o", path, "--segment", "Big spenders",
                     check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn("Big spenders", result.stderr)
        for segment in self.segments:
            self.assertIn(segment["name"], result.stderr)
        self.assertFalse(os.path.exists(path))

    def test_bad_paper(self):
        result = run("report", self.store, "-o", os.path.join(self.tmp.name, "x.pdf"),
                     "--paper", "a5", check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("a4 or letter", result.stderr)

    def test_missing_output(self):
        result = run("report", self.store, check=False)
        self.assertEqual(result.returncode, 2)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
