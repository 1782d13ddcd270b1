/* seg-template-dialog.c — New Segment: the guide's templates or a blank one
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-template-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-segment-list.h"
#include "seg-template-dialog.h"

#define BLANK_ID "blank"

struct _SegTemplateDialog
{
  AdwWindow  parent_instance;

  SegStore  *store;
  GtkWidget *preferences_page;
};

G_DEFINE_FINAL_TYPE (SegTemplateDialog, seg_template_dialog, ADW_TYPE_WINDOW)

enum {
  SEGMENT_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The guide's lifecycle templates; the other "more" templates are about
 * email engagement. */
static const char * const lifecycle_ids[] = {
  "returning-buyers", "loyal-customers", "cart-abandoners", NULL
};

typedef enum
{
  SECTION_BLANK,
  SECTION_CORE,
  SECTION_LIFECYCLE,
  SECTION_ENGAGEMENT,
  SECTION_RFM,
  N_SECTIONS
} Section;

static Section
section_for (const SegTemplate *template)
{
  switch (seg_template_get_kind (template))
    {
    case SEG_TEMPLATE_KIND_CORE:
      return SECTION_CORE;
    case SEG_TEMPLATE_KIND_RFM:
      return SECTION_RFM;
    case SEG_TEMPLATE_KIND_MORE:
    default:
      return g_strv_contains (lifecycle_ids, seg_template_get_id (template))
             ? SECTION_LIFECYCLE : SECTION_ENGAGEMENT;
    }
}

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  const char *color = user_data;
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, "#9a9996");

  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
use_clicked_cb (GtkButton         *button,
                SegTemplateDialog *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "seg-template-id");
  g_autoptr(GError) error = NULL;
  g_autoptr(SegSegment) segment = NULL;

  segment = seg_template_dialog_use (self, id, &error);
  if (segment == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _("Could Not Create the Segment"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
make_row (SegTemplateDialog *self,
          const char        *id,
          const char        *name,
          const char        *description,
          const char        *color)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Use"));
  GtkWidget *dot = gtk_drawing_area_new ();
  g_autofree char *accessible = g_strdup_printf (_("Use “%s”"), name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 12);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, g_strdup (color), g_free);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), dot);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "seg-template-id", g_strdup (id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (use_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

static void
build_rows (SegTemplateDialog *self)
{
  static const struct
  {
    const char *title;
    const char *description;
  } sections[N_SECTIONS] = {
    [SECTION_BLANK] = { N_("Start From Scratch"), NULL },
    [SECTION_CORE] = { N_("Core Segments"),
                       N_("The five segments every store starts with") },
    [SECTION_LIFECYCLE] = { N_("Lifecycle"),
                            N_("Where customers are in their life with the store") },
    [SECTION_ENGAGEMENT] = { N_("Email Engagement"),
                             N_("How subscribers respond to email") },
    [SECTION_RFM] = { N_("RFM Groups"),
                      N_("Recency, frequency and monetary scores; best with 500 buyers or more") },
  };
  GtkWidget *groups[N_SECTIONS];

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      groups[i] = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (groups[i]), _(sections[i].title));
      if (sections[i].description != NULL)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (groups[i]),
                                               _(sections[i].description));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->preferences_page),
                                ADW_PREFERENCES_GROUP (groups[i]));
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[SECTION_BLANK]),
                             make_row (self, BLANK_ID, _("Blank segment"),
                                       _("An empty rule: add your own conditions"), NULL));

  for (guint i = 0; i < seg_template_get_n_templates (); i++)
    {
      const SegTemplate *template = seg_template_get_nth (i);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[section_for (template)]),
                                 make_row (self, seg_template_get_id (template),
                                           seg_template_get_name (template),
                                           seg_template_get_description (template),
                                           seg_template_get_color (template)));
    }
}

static void
seg_template_dialog_dispose (GObject *object)
{
  SegTemplateDialog *self = (SegTemplateDialog *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (seg_template_dialog_parent_class)->dispose (object);
}

static void
seg_template_dialog_class_init (SegTemplateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_template_dialog_dispose;

  /**
   * SegTemplateDialog::segment-created:
   * @segment: the new segment, saved in the store
   */
  signals[SEGMENT_CREATED] =
    g_signal_new ("segment-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SEG_TYPE_SEGMENT);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seg_template_dialog_init (SegTemplateDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("New Segment"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 680);

  self->preferences_page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (self->preferences_page, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), self->preferences_page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * seg_template_dialog_new:
 * @store: where the new segment goes
 */
GtkWidget *
seg_template_dialog_new (SegStore *store)
{
  SegTemplateDialog *self;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  self = g_object_new (SEG_TYPE_TEMPLATE_DIALOG, NULL);
  self->store = g_object_ref (store);
  build_rows (self);

  return GTK_WIDGET (self);
}

/**
 * seg_template_dialog_use:
 * @template_id: a template's id, or "blank"
 *
 * What a row's Use button does: adds the segment to the store (named
 * "Name 2" if "Name" is taken) and emits #SegTemplateDialog::segment-created.
 *
 * Returns: (transfer full): the new segment, or %NULL with @error set
 */
SegSegment *
seg_template_dialog_use (SegTemplateDialog  *self,
                         const char         *template_id,
                         GError            **error)
{
  g_autoptr(SegSegment) segment = NULL;

  g_return_val_if_fail (SEG_IS_TEMPLATE_DIALOG (self), NULL);
  g_return_val_if_fail (template_id != NULL, NULL);

  if (g_str_equal (template_id, BLANK_ID))
    segment = seg_segment_create_from_template (self->store, NULL, error);
  else
    {
      const SegTemplate *template = seg_template_lookup (template_id);

      if (template == NULL)
        {
          g_set_error (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_NOT_FOUND,
                       _("There is no template called “%s”."), template_id);
          return NULL;
        }
      segment = seg_segment_create_from_template (self->store, template, error);
    }

  if (segment == NULL)
    return NULL;

  g_signal_emit (self, signals[SEGMENT_CREATED], 0, segment);

  return g_steal_pointer (&segment);
}

/**
 * seg_segment_dup_unique_name:
 * @name: the name wanted
 *
 * Returns: @name if no segment has it, else "@name 2", "@name 3", …
 */
char *
seg_segment_dup_unique_name (SegStore   *store,
                             const char *name)
{
  g_autofree char *candidate = g_strdup (name);

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  for (guint n = 2; n < 10000; n++)
    {
      g_autoptr(SegSegment) existing = seg_segments_lookup (store, candidate, NULL);

      if (existing == NULL)
        return g_steal_pointer (&candidate);

      g_free (candidate);
      candidate = g_strdup_printf ("%s %u", name, n);
    }

  return g_steal_pointer (&candidate);
}

/**
 * seg_segment_create_from_template:
 * @template: (nullable): a template, or %NULL for a blank segment
 *
 * Returns: (transfer full): the new segment, saved in @store
 */
SegSegment *
seg_segment_create_from_template (SegStore           *store,
                                  const SegTemplate  *template,
                                  GError            **error)
{
  g_autoptr(SegSegment) segment = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  if (template != NULL)
    segment = seg_template_create_segment (template);
  else
    {
      segment = seg_segment_new (_("New segment"), "");
      seg_segment_set_color (segment, "#3584e4");
    }

  name = seg_segment_dup_unique_name (store, seg_segment_get_name (segment));
  seg_segment_set_name (segment, name);

  if (!seg_segments_add (store, segment, error))
    return NULL;

  return g_steal_pointer (&segment);
}
