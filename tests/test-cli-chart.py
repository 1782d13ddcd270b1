#!/usr/bin/env python3
# test-cli-chart.py — segments-cli chart: every dashboard chart to PNG, SVG, PDF.
#
# Copyright 2026 The Segments authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import struct
import subprocess
import sys
import tempfile
import unittest

CLI = os.environ.get("SEGMENTS_CLI") or sys.argv[1]
AS_OF = "2025-06-30"


def run(*args, check=True):
    result = subprocess.run([CLI, *args], capture_output=True, text=True,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed ({result.returncode}): {result.stderr}")
    return result


def chart_ids():
    lines = run("chart", "--list").stdout.splitlines()
    return [line.split("\t")[0] for line in lines]


class ChartCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.store = os.path.join(cls.tmp.name, "demo.segments")
        run("demo", cls.store, "--as-of", AS_OF)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def test_list(self):
        out = run("chart", "--list").stdout
        lines = out.splitlines()
        self.assertTrue(out.endswith("\n"))
        for line in lines:
            chart_id, title = line.split("\t")
            self.assertRegex(chart_id, r"^[a-z]+(-[a-z]+)*$")
            self.assertTrue(title.strip(), line)
        ids = [line.split("\t")[0] for line in lines]
        for expected in ("segment-sizes", "segment-revenue", "segment-aov",
                         "segment-repeat-rate", "returning-revenue", "segment-trend",
                         "rfm-grid", "rfm-movement", "overlap", "campaigns", "ab-tests",
                         "geography"):
            self.assertIn(expected, ids)
        self.assertEqual(len(ids), len(set(ids)))

    def test_every_chart_every_format(self):
        for chart_id in chart_ids():
            for ext in ("png", "svg", "pdf"):
                with self.subTest(chart=chart_id, format=ext):
                    out = self.path(f"{chart_id}.{ext}")
                    run("chart", self.store, chart_id, "-o", out, "--as-of", AS_OF)
                    with open(out, "rb") as f:
                        data = f.read()
                    self.assertGreater(len(data), 500)
                    if ext == "png":
                        self.assertEqual(data[:8], b"\x89PNG\r\n\x1a\n")
                        width, height = struct.unpack(">II", data[16:24])
                        self.assertEqual((width, height), (800, 500))
                    elif ext == "svg":
                        self.assertIn(b"<svg", data[:400])
                        self.assertTrue(data.rstrip().endswith(b"</svg>"))
                    else:
                        self.assertEqual(data[:5], b"%PDF-")
                        self.assertIn(b"%%EOF", data[-32:])

    def test_size_and_dark(self):
        out = self.path("sizes-dark.png")
        run("chart", self.store, "segment-sizes", "-o", out, "--width", "420",
            "--height", "300", "--dark", "--as-of", AS_OF)
        with open(out, "rb") as f:
            data = f.read()
        self.assertEqual(struct.unpack(">II", data[16:24]), (420, 300))

    def test_ab_tests_statements(self):
        out = run("chart", self.store, "ab-tests", "-o", self.path("ab.png"),
                  "--as-of", AS_OF).stdout
        lines = out.splitlines()
        self.assertTrue(lines)
        for line in lines:
            self.assertRegex(line, r"(statistically significant \(p [=<] [0-9.]+\)|"
                                   r"too small to tell \(p [=<] [0-9.]+\))")

    def test_errors(self):
        result = run("chart", self.store, "pie-in-the-sky", "-o", self.path("x.png"),
                     check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("pie-in-the-sky", result.stderr)
        self.assertIn("--list", result.stderr)

        result = run("chart", self.store, "overlap", check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("-o FILE", result.stderr)

        result = run("chart", self.store, "overlap", "-o", self.path("x.gif"), check=False)
        self.assertEqual(result.returncode, 1)
        self.assertFalse(os.path.exists(self.path("x.gif")))

        result = run("chart", self.path("missing.segments"), "overlap", "-o",
                     self.path("y.png"), check=False)
        self.assertEqual(result.returncode, 1)
        self.assertFalse(os.path.exists(self.path("y.png")))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
