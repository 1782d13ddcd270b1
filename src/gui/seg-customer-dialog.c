/* seg-customer-dialog.c — everything the store knows about one customer
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only.  Every query is by the customer's id, on indexed columns, so
 * it runs on the main thread.
 */

#define G_LOG_DOMAIN "seg-customer-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-customer-dialog.h"
#include "seg-day.h"
#include "seg-format.h"

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? text : NULL;
}

static GtkWidget *
add_group (GtkBox     *box,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (box, group);
  return group;
}

/* A field and its value; nothing when the store does not know it. */
static void
add_field (GtkWidget  *group,
           const char *name,
           const char *value)
{
  GtkWidget *row;
  GtkWidget *label;

  if (value == NULL || *value == '\0')
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);

  /* A long value (interests, tags) reads better below its name. */
  if (g_utf8_strlen (value, -1) > 32)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
#if ADW_CHECK_VERSION (1, 3, 0)
      adw_action_row_set_subtitle_selectable (ADW_ACTION_ROW (row), TRUE);
#endif
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      return;
    }

  label = gtk_label_new (value);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_can_focus (label, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
add_day_field (GtkWidget    *group,
               const char   *name,
               sqlite3_stmt *stmt,
               int           column)
{
  g_autofree char *text = NULL;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return;

  text = seg_format_day_long (sqlite3_column_int (stmt, column));
  add_field (group, name, text);
}

static const char *
email_status_text (const char *status)
{
  if (g_strcmp0 (status, "subscribed") == 0)
    return _("Subscribed");
  if (g_strcmp0 (status, "unsubscribed") == 0)
    return _("Unsubscribed");
  if (g_strcmp0 (status, "never_subscribed") == 0)
    return _("Never subscribed");
  if (g_strcmp0 (status, "cleaned") == 0)
    return _("Cleaned (address bounced)");
  return status;
}

static char *
dup_join (const char *separator,
          ...)
{
  GString *text = g_string_new (NULL);
  va_list args;
  const char *part;

  va_start (args, separator);
  while ((part = va_arg (args, const char *)) != (const char *) -1)
    {
      if (part == NULL || *part == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, separator);
      g_string_append (text, part);
    }
  va_end (args);

  return g_string_free (text, text->len == 0);
}

static void
add_orders (GtkBox     *box,
            SegStore   *store,
            gint64      customer_id,
            const char *currency)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GtkWidget *group = NULL;
  guint n = 0;

  stmt = seg_store_prepare (store,
                            "SELECT o.order_key, o.order_day, o.net_cents, o.cancelled, "
                            "  o.refunded_cents, o.discount_code, "
                            "  (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id), "
                            "  (SELECT GROUP_CONCAT(name, ', ') FROM "
                            "     (SELECT p.name FROM order_lines l "
                            "      LEFT JOIN products p ON p.id = l.product_id "
                            "      WHERE l.order_id = o.id ORDER BY l.line_no LIMIT 3)) "
                            "FROM orders o WHERE o.customer_id = ?1 "
                            "ORDER BY o.order_day DESC, o.id DESC LIMIT 200",
                            NULL);
  if (stmt == NULL)
    return;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *date = seg_format_day (sqlite3_column_int (stmt, 1));
      g_autofree char *money = seg_format_money (sqlite3_column_int64 (stmt, 2), currency);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *status = NULL;
      g_autofree char *discount = NULL;
      GtkWidget *row;
      GtkWidget *label;

      if (group == NULL)
        group = add_group (box, _("Orders"));

      if (sqlite3_column_int (stmt, 3))
        status = g_strdup (_("cancelled, not counted"));
      else if (sqlite3_column_int64 (stmt, 4) > 0 && sqlite3_column_int64 (stmt, 2) <= 0)
        status = g_strdup (_("refunded"));
      else if (sqlite3_column_int64 (stmt, 4) > 0)
        status = g_strdup (_("partly refunded"));
      if (column_text (stmt, 5) != NULL)
        /* Translators: %s is a discount code. */
        discount = g_strdup_printf (_("code %s"), column_text (stmt, 5));

      /* Translators: an order in a customer's history: its date · its number. */
      title = g_strdup_printf (_("%s · %s"), date, column_text (stmt, 0));
      subtitle = dup_join (" · ", column_text (stmt, 7), discount, status, (const char *) -1);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      label = gtk_label_new (money);
      gtk_widget_add_css_class (label, "numeric");
      if (sqlite3_column_int (stmt, 3))
        gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n++;
    }

  if (group == NULL)
    {
      group = add_group (box, _("Orders"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("This customer has not ordered yet."));
    }
  else if (n == 200)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("The 200 most recent orders."));
    }
}

static char *
fill_details (GtkBox   *box,
              SegStore *store,
              gint64    customer_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *currency = seg_store_dup_currency (store);
  g_autofree char *name = NULL;
  g_autofree char *location = NULL;
  GtkWidget *group;

  stmt = seg_store_prepare (store,
                            "SELECT c.first_name, c.last_name, c.email, c.phone, c.city, "
                            "  c.region, c.country, c.postal_code, c.birth_date, c.age_band, "
                            "  c.gender, c.income_band, c.language, c.tags, c.email_status, "
                            "  c.last_open_day, c.last_click_day, c.member_rating, "
                            "  c.acquisition_source, c.acquisition_campaign, c.created_day, "
                            "  m.orders, m.revenue_cents, m.aov_cents, m.first_order_day, "
                            "  m.last_order_day, m.rfm_group, m.r, m.f, m.m, m.checkouts, "
                            "  m.discount_orders "
                            "FROM customers c LEFT JOIN customer_measures m "
                            "  ON m.customer_id = c.id WHERE c.id = ?1",
                            NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  name = dup_join (" ", column_text (stmt, 0), column_text (stmt, 1), (const char *) -1);
  if (name == NULL)
    name = g_strdup (column_text (stmt, 2) ? column_text (stmt, 2) : _("Unnamed customer"));

  group = add_group (box, _("Contact"));
  add_field (group, _("Email address"), column_text (stmt, 2));
  add_field (group, _("Phone"), column_text (stmt, 3));
  location = dup_join (", ", column_text (stmt, 4), column_text (stmt, 5),
                       column_text (stmt, 7), column_text (stmt, 6), (const char *) -1);
  add_field (group, _("Location"), location);

  if (sqlite3_column_type (stmt, 21) != SQLITE_NULL)
    {
      g_autofree char *orders = seg_format_count (sqlite3_column_int64 (stmt, 21));
      g_autofree char *revenue = seg_format_money (sqlite3_column_int64 (stmt, 22), currency);
      g_autofree char *aov = NULL;
      g_autofree char *rfm = NULL;
      g_autofree char *checkouts = NULL;
      g_autofree char *discounts = NULL;

      group = add_group (box, _("Purchases"));
      add_field (group, _("Orders"), orders);
      add_field (group, _("Revenue, net of refunds"), revenue);
      if (sqlite3_column_type (stmt, 23) != SQLITE_NULL)
        {
          aov = seg_format_money (sqlite3_column_int64 (stmt, 23), currency);
          add_field (group, _("Average order"), aov);
        }
      add_day_field (group, _("First order"), stmt, 24);
      add_day_field (group, _("Last order"), stmt, 25);
      if (sqlite3_column_int64 (stmt, 31) > 0)
        {
          discounts = seg_format_count (sqlite3_column_int64 (stmt, 31));
          add_field (group, _("Orders with a discount"), discounts);
        }
      if (sqlite3_column_int64 (stmt, 30) > 0)
        {
          checkouts = seg_format_count (sqlite3_column_int64 (stmt, 30));
          add_field (group, _("Abandoned checkouts"), checkouts);
        }
      if (sqlite3_column_type (stmt, 27) != SQLITE_NULL)
        /* Translators: an RFM group and its recency, frequency, monetary scores. */
        rfm = g_strdup_printf (_("%s (R %d · F %d · M %d)"),
                               column_text (stmt, 26) ? column_text (stmt, 26) : "",
                               sqlite3_column_int (stmt, 27), sqlite3_column_int (stmt, 28),
                               sqlite3_column_int (stmt, 29));
      else
        rfm = g_strdup (column_text (stmt, 26));
      add_field (group, _("RFM group"), rfm);
    }

  group = add_group (box, _("Profile"));
  add_field (group, _("Birth date"), column_text (stmt, 8));
  add_field (group, _("Age"), column_text (stmt, 9));
  add_field (group, _("Gender"), column_text (stmt, 10));
  add_field (group, _("Income"), column_text (stmt, 11));
  add_field (group, _("Language"), column_text (stmt, 12));
  add_field (group, _("Tags"), column_text (stmt, 13));
  add_field (group, _("Acquired through"), column_text (stmt, 18));
  add_field (group, _("Acquisition campaign"), column_text (stmt, 19));
  add_day_field (group, _("Customer since"), stmt, 20);

  group = add_group (box, _("Email"));
  add_field (group, _("Subscription"), email_status_text (column_text (stmt, 14)));
  add_day_field (group, _("Last open"), stmt, 15);
  add_day_field (group, _("Last click"), stmt, 16);
  if (sqlite3_column_type (stmt, 17) != SQLITE_NULL)
    {
      g_autofree char *rating = g_strdup_printf ("%d / 5", sqlite3_column_int (stmt, 17));
      add_field (group, _("Rating"), rating);
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = seg_store_prepare (store,
                            "SELECT name, value FROM customer_attributes "
                            "WHERE customer_id = ?1 ORDER BY name", NULL);
  if (stmt != NULL)
    {
      group = NULL;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *title = g_strdup (column_text (stmt, 0));

          if (group == NULL)
            group = add_group (box, _("Attributes"));
          if (title != NULL)
            title[0] = g_ascii_toupper (title[0]);
          add_field (group, title, column_text (stmt, 1));
        }
    }

  add_orders (box, store, customer_id, currency);

  return g_steal_pointer (&name);
}

/**
 * seg_customer_dialog_new:
 *
 * Returns: (transfer floating): a window with the customer's fields,
 *   attributes and order history; Escape closes it
 */
GtkWidget *
seg_customer_dialog_new (SegStore *store,
                         gint64    customer_id)
{
  GtkWidget *window;
  GtkWidget *content;
  GtkWidget *header;
  GtkWidget *title;
  GtkWidget *scrolled;
  GtkWidget *clamp;
  GtkWidget *box;
  GtkEventController *shortcuts;
  g_autofree char *name = NULL;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  window = adw_window_new ();
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 680);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new ("", NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (content), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  name = fill_details (GTK_BOX (box), store, customer_id);
  if (name == NULL)
    {
      GtkWidget *label = gtk_label_new (_("This customer is no longer in the store."));
      gtk_box_append (GTK_BOX (box), label);
    }
  adw_window_title_set_title (ADW_WINDOW_TITLE (title), name ? name : _("Customer"));
  gtk_window_set_title (GTK_WINDOW (window), name ? name : _("Customer"));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), scrolled);

  adw_window_set_content (ADW_WINDOW (window), content);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  return window;
}
