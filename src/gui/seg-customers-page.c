/* seg-customers-page.c — the customer list
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkColumnView over SegCustomerModel: only the visible rows exist as
 * widgets and only their pages are read from the store.  Sorting is done by
 * the store (ORDER BY), not by a GtkSortListModel, which would have to read
 * every customer first; the column sorters only tell which header was
 * clicked.
 */

#define G_LOG_DOMAIN "seg-customers-page"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-customer-dialog.h"
#include "seg-customers-page.h"
#include "seg-day.h"
#include "seg-format.h"

struct _SegCustomersPage
{
  GtkWidget          parent_instance;

  GtkSearchEntry    *search_entry;
  GtkLabel          *count_label;
  GtkStack          *list_stack;
  GtkColumnView     *column_view;

  SegStore          *store;
  SegCustomerModel  *model;
  GtkSingleSelection *selection;
  char              *currency;
  GObject           *probe_a;
  GObject           *probe_b;
  int                probed_sort;
  GtkSorter         *sorter;
};

G_DEFINE_FINAL_TYPE (SegCustomersPage, seg_customers_page, GTK_TYPE_WIDGET)

typedef struct
{
  const char      *title;
  SegCustomerSort  sort;
  gboolean         numeric;
  gboolean         expand;
  int              fixed_width;
} Column;

static const Column columns[] = {
  { N_("Name"), SEG_CUSTOMER_SORT_NAME, FALSE, TRUE, -1 },
  { N_("Email"), SEG_CUSTOMER_SORT_EMAIL, FALSE, TRUE, -1 },
  { N_("Country"), SEG_CUSTOMER_SORT_COUNTRY, FALSE, FALSE, 90 },
  { N_("Orders"), SEG_CUSTOMER_SORT_ORDERS, TRUE, FALSE, 80 },
  { N_("Revenue"), SEG_CUSTOMER_SORT_REVENUE, TRUE, FALSE, 120 },
  { N_("Last Order"), SEG_CUSTOMER_SORT_LAST_ORDER, TRUE, FALSE, 130 },
};

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  const Column *column = user_data;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column->numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  const Column *column = user_data;
  SegCustomer *customer = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  SegCustomersPage *self = g_object_get_data (G_OBJECT (factory), "page");
  g_autofree char *text = NULL;

  switch (column->sort)
    {
    case SEG_CUSTOMER_SORT_NAME:
      gtk_label_set_label (label, seg_customer_get_name (customer));
      break;

    case SEG_CUSTOMER_SORT_EMAIL:
      gtk_label_set_label (label, seg_customer_get_email (customer));
      break;

    case SEG_CUSTOMER_SORT_COUNTRY:
      gtk_label_set_label (label, seg_customer_get_country (customer));
      break;

    case SEG_CUSTOMER_SORT_ORDERS:
      text = seg_format_count (seg_customer_get_orders (customer));
      gtk_label_set_label (label, text);
      break;

    case SEG_CUSTOMER_SORT_REVENUE:
      text = seg_format_money (seg_customer_get_revenue_cents (customer), self->currency);
      gtk_label_set_label (label, text);
      break;

    case SEG_CUSTOMER_SORT_LAST_ORDER:
      if (seg_customer_get_last_order_day (customer) == SEG_DAY_INVALID)
        gtk_label_set_label (label, "—");
      else
        {
          text = seg_format_day (seg_customer_get_last_order_day (customer));
          gtk_label_set_label (label, text);
        }
      break;

    case SEG_N_CUSTOMER_SORTS:
    default:
      g_assert_not_reached ();
    }
}

/* Column sorters never sort anything: comparing two probes through the
 * view's sorter calls the primary column's sorter first, which says which
 * column it is, and the sign of the answer gives the direction. */
static int
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Column *column = user_data;
  SegCustomersPage *self = g_object_get_data (G_OBJECT (a), "page");

  if (self != NULL && self->probed_sort < 0)
    self->probed_sort = column->sort;

  return GTK_ORDERING_SMALLER;
}

static void
read_sort (SegCustomersPage *self,
           SegCustomerSort  *sort,
           gboolean         *descending)
{
  GtkSorter *sorter = self->sorter;
  GtkOrdering order;

  *sort = SEG_CUSTOMER_SORT_NAME;
  *descending = FALSE;

  if (sorter == NULL)
    return;

  self->probed_sort = -1;
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  if (self->probed_sort >= 0)
    {
      *sort = self->probed_sort;
      *descending = order == GTK_ORDERING_LARGER;
    }
}

static void
update_view (SegCustomersPage *self)
{
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  gboolean searching = self->model && seg_customer_model_get_search (self->model) != NULL;
  g_autofree char *count = seg_format_count (n);
  g_autofree char *text = NULL;

  if (self->model == NULL || seg_customer_model_get_loading (self->model))
    return;

  if (searching)
    /* Translators: %s is a number of customers matching the search. */
    text = g_strdup_printf (ngettext ("%s found", "%s found", n), count);
  else
    text = g_strdup_printf (ngettext ("%s customer", "%s customers", n), count);
  gtk_label_set_label (self->count_label, text);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack, searching ? "no-results" : "empty");
}

static void
run_query (SegCustomersPage *self)
{
  SegCustomerSort sort;
  gboolean descending;

  if (self->model == NULL)
    return;

  read_sort (self, &sort, &descending);
  seg_customer_model_set_query (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                sort, descending);
}

static void
sorter_changed_cb (GtkSorter        *sorter,
                   GtkSorterChange   change,
                   SegCustomersPage *self)
{
  run_query (self);
}

static void
search_changed_cb (SegCustomersPage *self)
{
  run_query (self);
}

static void
row_activated_cb (GtkColumnView    *view,
                  guint             position,
                  SegCustomersPage *self)
{
  g_autoptr(SegCustomer) customer = NULL;
  GtkWidget *dialog;

  customer = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (customer == NULL)
    return;

  dialog = seg_customer_dialog_new (self->store, seg_customer_get_id (customer));
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  SegCustomersPage *self = SEG_CUSTOMERS_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

static void
add_columns (SegCustomersPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const Column *column = &columns[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *view_column;
      GtkSorter *sorter;

      g_object_set_data (G_OBJECT (factory), "page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) column);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) column);

      view_column = gtk_column_view_column_new (_(column->title), factory);
      gtk_column_view_column_set_expand (view_column, column->expand);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      if (column->fixed_width > 0)
        gtk_column_view_column_set_fixed_width (view_column, column->fixed_width);

      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_cb, (gpointer) column, NULL));
      gtk_column_view_column_set_sorter (view_column, sorter);
      g_object_unref (sorter);

      gtk_column_view_append_column (self->column_view, view_column);
      if (i == 0)
        gtk_column_view_sort_by_column (self->column_view, view_column, GTK_SORT_ASCENDING);
      g_object_unref (view_column);
    }

  self->sorter = g_object_ref (gtk_column_view_get_sorter (self->column_view));
  g_signal_connect (self->sorter, "changed", G_CALLBACK (sorter_changed_cb), self);
}

static void
seg_customers_page_dispose (GObject *object)
{
  SegCustomersPage *self = (SegCustomersPage *) object;
  GtkWidget *child;

  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_data (self->sorter, self);
  g_clear_object (&self->sorter);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_CUSTOMERS_PAGE);
  /* The template's top widget has no id, so disposing the template
   * leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (seg_customers_page_parent_class)->dispose (object);
}

static void
seg_customers_page_class_init (SegCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_customers_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segmentsapp/Segments/seg-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SegCustomersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SegCustomersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SegCustomersPage, column_view);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search_cb, NULL);
}

static void
seg_customers_page_init (SegCustomersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data (self->probe_a, "page", self);
  g_object_set_data (self->probe_b, "page", self);

  add_columns (self);

  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (row_activated_cb), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

void
seg_customers_page_set_store (SegCustomersPage *self,
                              SegStore         *store)
{
  g_return_if_fail (SEG_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (store == NULL || SEG_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->currency, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (store == NULL)
    return;

  self->currency = seg_store_dup_currency (store);
  self->model = seg_customer_model_new (store);
  run_query (self);
  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (update_view), self);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (update_view), self);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

/**
 * seg_customers_page_reload:
 *
 * Reads the customers again, keeping the search and the sort order.
 */
void
seg_customers_page_reload (SegCustomersPage *self)
{
  g_return_if_fail (SEG_IS_CUSTOMERS_PAGE (self));

  if (self->model == NULL)
    return;

  g_free (self->currency);
  self->currency = seg_store_dup_currency (self->store);
  seg_customer_model_reload (self->model);
}

/**
 * seg_customers_page_get_model:
 *
 * Returns: (transfer none) (nullable): the customers listed
 */
SegCustomerModel *
seg_customers_page_get_model (SegCustomersPage *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMERS_PAGE (self), NULL);
  return self->model;
}
