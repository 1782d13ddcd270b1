/* seg-bench.c — timings of the core's hot paths, for build-aux/bench
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command prints one JSON object of medians and 95th percentiles in
 * milliseconds.  build-aux/bench sets them beside reference timings of the
 * sqlite3 shell measured in the same run.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "seg-day.h"
#include "seg-measures.h"
#include "seg-rfm.h"
#include "seg-rule.h"
#include "seg-rule-compiler.h"
#include "seg-store.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (double *values,
            guint   n,
            double  p)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[MIN (n - 1, (guint) (p * (n - 1) + 0.5))];
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static SegStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  SegStore *store = seg_store_open (path, &error);

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  return store;
}

static int
bench_measures (const char *path,
                int         runs)
{
  g_autoptr(SegStore) store = open_store (path);
  sqlite3 *db = seg_store_get_db (store);
  gint32 day = seg_store_get_reference_day (store);
  g_autofree double *recompute = g_new (double, runs);
  g_autofree double *rfm = g_new (double, runs);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < runs; i++)
    {
      double start = now_ms ();

      if (!seg_measures_recompute (db, day - (i % 2), NULL, &error))
        goto failed;
      recompute[i] = now_ms () - start;

      /* Scores that all change: apply as of a day far from the last one. */
      start = now_ms ();
      if (!seg_rfm_apply (db, day + 400 * ((i % 2) + 1), NULL, &error))
        goto failed;
      rfm[i] = now_ms () - start;
    }

  if (!seg_measures_recompute (db, day, NULL, &error))
    goto failed;

  g_print ("{\"recompute_median_ms\": %.1f, \"recompute_p95_ms\": %.1f, "
           "\"rfm_median_ms\": %.1f, \"rfm_p95_ms\": %.1f}\n",
           percentile (recompute, runs, 0.5), percentile (recompute, runs, 0.95),
           percentile (rfm, runs, 0.5), percentile (rfm, runs, 0.95));
  return 0;

failed:
  g_printerr ("%s\n", error->message);
  return 1;
}

/* Five-condition rules of the kinds a store owner builds. */
static const char *count_rules[] = {
  "orders >= 2 and last_order_days >= 90 and country in (\"US\", \"CA\") and revenue > 100 "
  "and email_status = \"subscribed\"",
  "orders = 1 and last_order_days <= 60 and aov >= 50 and gender = \"female\" and age >= 25",
  "rfm_group in (\"Champions\", \"Loyal\") and country = \"GB\" and orders >= 5 "
  "and last_open_days <= 90 and revenue >= 500",
  "revenue_percentile >= 80 and last_order_days < 30 and country in (\"DE\", \"FR\", \"NL\") "
  "and orders >= 3 and tags contains \"vip\"",
  "orders >= 1 and last_order_days >= 180 and last_order_days < 365 and discount_share >= 0.5 "
  "and email_status = \"subscribed\"",
  "r >= 4 and f >= 3 and m >= 3 and country = \"US\" and region = \"CA\"",
  "(orders = 0 or last_order_days > 120) and email_status = \"subscribed\" and "
  "last_open_days <= 30 and country in (\"AU\", \"NZ\") and age_band = \"25-34\"",
  "orders between 2 and 4 and revenue between 50 and 400 and aov > 40 and "
  "last_order_days <= 365 and gender is not empty",
};

static int
bench_count (const char *path,
             int         runs)
{
  g_autoptr(SegStore) store = open_store (path);
  sqlite3 *db = seg_store_get_db (store);
  gint32 day = seg_store_get_reference_day (store);
  guint n_rules = G_N_ELEMENTS (count_rules);
  g_autofree double *times = g_new (double, runs * n_rules);
  g_autofree double *rule_times = g_new (double, runs);
  g_autoptr(GString) per_rule = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!seg_measures_ensure (db, day, &error))
    goto failed;

  for (guint r = 0; r < n_rules; r++)
    {
      g_autoptr(SegRule) rule = seg_rule_new_from_text (count_rules[r], &error);
      gint64 customers = 0, revenue = 0;

      if (rule == NULL)
        goto failed;

      /* Warm the page cache once, as a live count while editing would. */
      if (!seg_rule_count (db, rule, day, &customers, &revenue, &error))
        goto failed;

      for (int i = 0; i < runs; i++)
        {
          double start = now_ms ();

          if (!seg_rule_count (db, rule, day, &customers, &revenue, &error))
            goto failed;
          rule_times[i] = times[n++] = now_ms () - start;
        }
      g_string_append_printf (per_rule, "%s%.2f", r > 0 ? ", " : "",
                              percentile (rule_times, runs, 0.5));
    }

  g_print ("{\"rules\": %u, \"counts\": %u, \"count_median_ms\": %.2f, \"count_p95_ms\": %.2f, "
           "\"count_max_ms\": %.2f, \"rule_median_ms\": [%s]}\n",
           n_rules, n, percentile (times, n, 0.5), percentile (times, n, 0.95),
           percentile (times, n, 1.0), per_rule->str);
  return 0;

failed:
  g_printerr ("%s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  int runs = argc > 3 ? atoi (argv[3]) : 5;

  if (argc < 3)
    {
      g_printerr ("usage: seg-bench measures|count STORE [RUNS]\n");
      return 2;
    }

  if (g_str_equal (argv[1], "measures"))
    return bench_measures (argv[2], MAX (runs, 1));
  if (g_str_equal (argv[1], "count"))
    return bench_count (argv[2], MAX (runs, 1));

  g_printerr ("unknown benchmark %s\n", argv[1]);
  return 2;
}
