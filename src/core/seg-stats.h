/* seg-stats.h — the little statistics the dashboard needs
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The result of comparing two proportions (an A/B test). */
typedef struct
{
  double   rate_a;       /* successes_a / trials_a */
  double   rate_b;
  double   z;            /* positive when B's rate is higher */
  double   p_value;      /* two-sided */
  gboolean valid;        /* FALSE when either group is empty or nothing varies */
} SegProportionTest;

double    seg_stats_normal_cdf         (double             z);
gboolean  seg_stats_two_proportion_test (gint64             successes_a,
                                         gint64             trials_a,
                                         gint64             successes_b,
                                         gint64             trials_b,
                                         SegProportionTest *test);

G_END_DECLS
