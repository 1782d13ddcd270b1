/* seg-template.c — ready-made segments from the guide
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each template is a rule in the text form plus the guide's advice: what
 * the group is and which message and offer suit it.  Rules use only the
 * measures fields, so that every template counts with one indexed query.
 */

#define G_LOG_DOMAIN "seg-template"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seg-rfm.h"
#include "seg-segment-list.h"
#include "seg-template.h"

struct _SegTemplate
{
  const char      *id;
  SegTemplateKind  kind;
  const char      *name;          /* N_() */
  const char      *description;   /* N_(); NULL: the RFM group's */
  const char      *rule;
  const char      *color;
  const char      *notes;         /* N_(); NULL: the RFM group's action */
  SegRfmGroup      rfm_group;
};

#define NO_GROUP SEG_RFM_GROUP_INVALID
#define RFM(id, group, name, color) \
  { "rfm-" id, SEG_TEMPLATE_KIND_RFM, NULL, NULL, "rfm_group = \"" name "\"", color, NULL, group }

static const SegTemplate templates[] = {
  /* The five core segments, named exactly as the guide names them. */
  { "first-time-visitors", SEG_TEMPLATE_KIND_CORE,
    N_("First-time visitors"),
    N_("Contacts who have not placed an order yet."),
    "orders = 0", "#3584e4",
    N_("Build trust before asking for the first order: social proof (reviews, ratings, "
       "customer photos) and a low-risk entry such as free shipping, easy returns or a small "
       "first-order discount."),
    NO_GROUP },
  { "first-time-buyers", SEG_TEMPLATE_KIND_CORE,
    N_("First-time buyers"),
    N_("Customers with exactly one order, placed within the last 60 days."),
    "orders = 1 and last_order_days < 60", "#33d17a",
    N_("Welcome them and thank them for the first order, help them get the most from what "
       "they bought, and give an incentive to return, such as an offer on the second order."),
    NO_GROUP },
  { "repeat-buyers", SEG_TEMPLATE_KIND_CORE,
    N_("Repeat buyers"),
    N_("Customers with two or more orders."),
    "orders >= 2", "#f6d32d",
    N_("Give them early access to new products and sales, and recommend what goes with what "
       "they already buy."),
    NO_GROUP },
  { "lapsed-customers", SEG_TEMPLATE_KIND_CORE,
    N_("Lapsed customers"),
    N_("Customers whose last order was 90 or more days ago."),
    "orders >= 1 and last_order_days >= 90", "#ff7800",
    N_("Win them back with a time-limited re-engagement hook: remind them what they liked, "
       "show what is new, and make an offer that expires in a few days."),
    NO_GROUP },
  { "high-value-customers", SEG_TEMPLATE_KIND_CORE,
    N_("High-value customers"),
    N_("The top 20% of buyers by net revenue: at or above the 80th percentile."),
    "revenue_percentile >= 80", "#9141ac",
    N_("Give them VIP treatment: early access, exclusive products, free express shipping and "
       "a personal thank-you. Reward rather than discount."),
    NO_GROUP },

  /* More lifecycle and email templates. */
  { "returning-buyers", SEG_TEMPLATE_KIND_MORE,
    N_("Returning buyers"),
    N_("Customers with two to four orders."),
    "orders between 2 and 4", "#2190a4",
    N_("Turn the habit into loyalty: early access to new products, a loyalty programme and "
       "recommendations based on what they bought."),
    NO_GROUP },
  { "loyal-customers", SEG_TEMPLATE_KIND_MORE,
    N_("Loyal customers"),
    N_("Customers with five or more orders."),
    "orders >= 5", "#986a44",
    N_("Give them VIP treatment: exclusive offers, a loyalty tier and personal thanks; ask "
       "them for reviews and referrals."),
    NO_GROUP },
  { "engaged-subscribers", SEG_TEMPLATE_KIND_MORE,
    N_("Engaged subscribers"),
    N_("Subscribers who opened an email in the last 90 days."),
    "email_status = \"subscribed\" and last_open_days < 90", "#26a269",
    N_("Your most responsive audience: send launches and news here first, and test new "
       "offers and subject lines on them."),
    NO_GROUP },
  { "at-risk-subscribers", SEG_TEMPLATE_KIND_MORE,
    N_("At-risk subscribers"),
    N_("Subscribers who have not opened an email in 90 days."),
    "email_status = \"subscribed\" and (last_open_days >= 90 or last_open_days is empty)",
    "#e5a50a",
    N_("Send a re-engagement campaign: a subject line that stands out, a reason to open "
       "(an exclusive offer, a preference centre) and the question whether they still want "
       "to hear from you."),
    NO_GROUP },
  /* The guide: at risk (the at-risk subscribers' rule), and no open in the
   * 14 days after a re-engagement campaign (reengagement_no_response, see
   * seg-rule-compiler.c for who counts as having received one). */
  { "suppression-candidates", SEG_TEMPLATE_KIND_MORE,
    N_("Suppression candidates"),
    N_("At-risk subscribers who did not open in the 14 days after a re-engagement email."),
    "email_status = \"subscribed\" and (last_open_days >= 90 or last_open_days is empty) "
    "and reengagement_no_response = true",
    "#77767b",
    N_("Stop mailing them: unsubscribe or suppress them to protect your sender reputation "
       "and deliverability. They can still be reached through ads."),
    NO_GROUP },
  { "cart-abandoners", SEG_TEMPLATE_KIND_MORE,
    N_("Cart abandoners"),
    N_("Customers who abandoned a checkout in the last 72 hours and have not ordered since."),
    "checkout_days < 3 and ordered_since_checkout = false", "#e01b24",
    N_("Send a short sequence: first a reminder of what is in the cart, then an answer to "
       "the likely objection (shipping, returns, sizing, reviews), and only then a small "
       "incentive."),
    NO_GROUP },

  /* The eleven RFM groups: name, description and action from seg-rfm.c. */
  RFM ("champions", SEG_RFM_GROUP_CHAMPIONS, "Champions", "#1c71d8"),
  RFM ("loyal", SEG_RFM_GROUP_LOYAL, "Loyal", "#2ec27e"),
  RFM ("potential-loyalist", SEG_RFM_GROUP_POTENTIAL_LOYALIST, "Potential Loyalist", "#8ff0a4"),
  RFM ("new-customers", SEG_RFM_GROUP_NEW_CUSTOMERS, "New Customers", "#99c1f1"),
  RFM ("promising", SEG_RFM_GROUP_PROMISING, "Promising", "#f9f06b"),
  RFM ("need-attention", SEG_RFM_GROUP_NEED_ATTENTION, "Need Attention", "#ffbe6f"),
  RFM ("about-to-sleep", SEG_RFM_GROUP_ABOUT_TO_SLEEP, "About To Sleep", "#cdab8f"),
  RFM ("at-risk", SEG_RFM_GROUP_AT_RISK, "At Risk", "#f66151"),
  RFM ("cant-lose-them", SEG_RFM_GROUP_CANT_LOSE_THEM, "Can't Lose Them", "#c01c28"),
  RFM ("hibernating", SEG_RFM_GROUP_HIBERNATING, "Hibernating", "#9a9996"),
  RFM ("lost", SEG_RFM_GROUP_LOST, "Lost", "#5e5c64"),
};

#define N_CORE_TEMPLATES 5

/**
 * seg_template_get_n_templates:
 *
 * Returns: the number of templates: the five core ones first, then the
 *   other lifecycle and email templates, then the eleven RFM groups
 */
guint
seg_template_get_n_templates (void)
{
  return G_N_ELEMENTS (templates);
}

/**
 * seg_template_get_nth:
 * @index: a template's place, below seg_template_get_n_templates ()
 *
 * Returns: (transfer none): the template
 */
const SegTemplate *
seg_template_get_nth (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (templates), NULL);

  return &templates[index];
}

const SegTemplate *
seg_template_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (g_str_equal (templates[i].id, id))
      return &templates[i];

  return NULL;
}

const char *
seg_template_get_id (const SegTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

SegTemplateKind
seg_template_get_kind (const SegTemplate *self)
{
  g_return_val_if_fail (self != NULL, SEG_TEMPLATE_KIND_MORE);
  return self->kind;
}

/* Returns: (transfer none): the translated name */
const char *
seg_template_get_name (const SegTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->rfm_group != NO_GROUP)
    return seg_rfm_group_get_title (self->rfm_group);
  return _(self->name);
}

const char *
seg_template_get_description (const SegTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->rfm_group != NO_GROUP)
    return seg_rfm_group_get_description (self->rfm_group);
  return _(self->description);
}

/* Returns: (transfer none): the rule in text form; a static string, not
 * translated */
const char *
seg_template_get_rule (const SegTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->rule;
}

const char *
seg_template_get_color (const SegTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->color;
}

/* Returns: (transfer none): the translated "message and offer" note */
const char *
seg_template_get_notes (const SegTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->rfm_group != NO_GROUP)
    return seg_rfm_group_get_action (self->rfm_group);
  return _(self->notes);
}

/**
 * seg_template_create_segment:
 * @self: a template
 *
 * Returns: (transfer full): a new, unsaved segment with the template's
 *   name, rule, colour and note
 */
SegSegment *
seg_template_create_segment (const SegTemplate *self)
{
  SegSegment *segment;

  g_return_val_if_fail (self != NULL, NULL);

  segment = seg_segment_new (seg_template_get_name (self), seg_template_get_rule (self));
  seg_segment_set_color (segment, self->color);
  seg_segment_set_notes (segment, seg_template_get_notes (self));
  seg_segment_set_template_id (segment, self->id);

  return segment;
}

/**
 * seg_template_add_to_store:
 * @self: a template
 * @store: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new segment, saved last in priority order,
 *   or %NULL (a segment of that name already exists, say)
 */
SegSegment *
seg_template_add_to_store (const SegTemplate  *self,
                           SegStore           *store,
                           GError            **error)
{
  g_autoptr(SegSegment) segment = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  segment = seg_template_create_segment (self);
  if (!seg_segments_add (store, segment, error))
    return NULL;

  return g_steal_pointer (&segment);
}

/**
 * seg_templates_add_starter_set:
 * @store: a store
 * @error: return location for a #GError
 *
 * Adds the guide's five core segments, in the guide's order, skipping any
 * whose name the store already uses.  Runs in its own transaction or in a
 * savepoint of the caller's.
 *
 * Returns: %TRUE on success
 */
gboolean
seg_templates_add_starter_set (SegStore  *store,
                               GError   **error)
{
  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);

  for (guint i = 0; i < N_CORE_TEMPLATES; i++)
    {
      g_autoptr(SegSegment) segment = NULL;
      g_autoptr(GError) local_error = NULL;

      g_assert (templates[i].kind == SEG_TEMPLATE_KIND_CORE);

      segment = seg_template_add_to_store (&templates[i], store, &local_error);
      if (segment != NULL)
        continue;

      if (!g_error_matches (local_error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_NAME_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}
