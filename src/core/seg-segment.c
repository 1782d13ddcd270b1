/* seg-segment.c — a named group of customers defined by a rule
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain model of one row of the segments table.  Loading, saving and
 * evaluating segments is seg-segment-list.c's work; this object only holds
 * the values, so the builder can bind to it and edit a copy.
 */

#define G_LOG_DOMAIN "seg-segment"

#include "config.h"

#include <string.h>

#include "seg-day.h"
#include "seg-segment.h"

struct _SegSegment
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *rule;
  char    *color;
  int      priority;
  char    *notes;
  char    *template_id;
  char    *created_at;
  char    *reviewed_at;
};

G_DEFINE_FINAL_TYPE (SegSegment, seg_segment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_RULE,
  PROP_COLOR,
  PROP_PRIORITY,
  PROP_NOTES,
  PROP_TEMPLATE_ID,
  PROP_CREATED_AT,
  PROP_REVIEWED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
replace_string (char       **slot,
                const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static char **
string_slot (SegSegment *self,
             guint       prop_id)
{
  switch (prop_id)
    {
    case PROP_NAME: return &self->name;
    case PROP_RULE: return &self->rule;
    case PROP_COLOR: return &self->color;
    case PROP_NOTES: return &self->notes;
    case PROP_TEMPLATE_ID: return &self->template_id;
    case PROP_CREATED_AT: return &self->created_at;
    case PROP_REVIEWED_AT: return &self->reviewed_at;
    default: return NULL;
    }
}

static void
set_string_property (SegSegment *self,
                     guint       prop_id,
                     const char *value)
{
  if (replace_string (string_slot (self, prop_id), value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
seg_segment_finalize (GObject *object)
{
  SegSegment *self = (SegSegment *)object;

  g_free (self->name);
  g_free (self->rule);
  g_free (self->color);
  g_free (self->notes);
  g_free (self->template_id);
  g_free (self->created_at);
  g_free (self->reviewed_at);

  G_OBJECT_CLASS (seg_segment_parent_class)->finalize (object);
}

static void
seg_segment_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SegSegment *self = SEG_SEGMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_PRIORITY:
      g_value_set_int (value, self->priority);
      break;

    case PROP_NAME:
    case PROP_RULE:
    case PROP_COLOR:
    case PROP_NOTES:
    case PROP_TEMPLATE_ID:
    case PROP_CREATED_AT:
    case PROP_REVIEWED_AT:
      g_value_set_string (value, *string_slot (self, prop_id));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_segment_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SegSegment *self = SEG_SEGMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      seg_segment_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_PRIORITY:
      seg_segment_set_priority (self, g_value_get_int (value));
      break;

    case PROP_NAME:
    case PROP_RULE:
    case PROP_COLOR:
    case PROP_NOTES:
    case PROP_TEMPLATE_ID:
    case PROP_CREATED_AT:
    case PROP_REVIEWED_AT:
      set_string_property (self, prop_id, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_segment_class_init (SegSegmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = seg_segment_finalize;
  object_class->get_property = seg_segment_get_property;
  object_class->set_property = seg_segment_set_property;

  /* 0 until the segment is saved in a store. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* The rule's text form, as the parser reads and prints it. */
  properties[PROP_RULE] = g_param_spec_string ("rule", NULL, NULL, NULL, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  /* 0 is the highest priority: it decides customers' primary segment. */
  properties[PROP_PRIORITY] =
    g_param_spec_int ("priority", NULL, NULL, 0, G_MAXINT, 0, flags);
  /* The "message and offer" note. */
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, flags);
  properties[PROP_TEMPLATE_ID] = g_param_spec_string ("template-id", NULL, NULL, NULL, flags);
  /* ISO 8601 timestamps in UTC, as the store keeps them. */
  properties[PROP_CREATED_AT] = g_param_spec_string ("created-at", NULL, NULL, NULL, flags);
  properties[PROP_REVIEWED_AT] = g_param_spec_string ("reviewed-at", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seg_segment_init (SegSegment *self)
{
}

/**
 * seg_segment_new:
 * @name: the segment's name, as the store owner sees it
 * @rule: the rule's text form
 *
 * Returns: (transfer full): a segment not yet saved in a store
 */
SegSegment *
seg_segment_new (const char *name,
                 const char *rule)
{
  return g_object_new (SEG_TYPE_SEGMENT, "name", name, "rule", rule, NULL);
}

/**
 * seg_segment_copy:
 * @self: a segment
 *
 * Returns: (transfer full): a copy with the same values, id included, for
 *   editing without touching the original until the edit is applied
 */
SegSegment *
seg_segment_copy (SegSegment *self)
{
  SegSegment *copy;

  g_return_val_if_fail (SEG_IS_SEGMENT (self), NULL);

  copy = seg_segment_new (self->name, self->rule);
  copy->id = self->id;
  copy->color = g_strdup (self->color);
  copy->priority = self->priority;
  copy->notes = g_strdup (self->notes);
  copy->template_id = g_strdup (self->template_id);
  copy->created_at = g_strdup (self->created_at);
  copy->reviewed_at = g_strdup (self->reviewed_at);

  return copy;
}

gint64
seg_segment_get_id (SegSegment *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENT (self), 0);
  return self->id;
}

void
seg_segment_set_id (SegSegment *self,
                    gint64      id)
{
  g_return_if_fail (SEG_IS_SEGMENT (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

int
seg_segment_get_priority (SegSegment *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENT (self), 0);
  return self->priority;
}

void
seg_segment_set_priority (SegSegment *self,
                          int         priority)
{
  g_return_if_fail (SEG_IS_SEGMENT (self));

  if (self->priority != priority)
    {
      self->priority = priority;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY]);
    }
}

#define STRING_ACCESSORS(field, PROP)                          \
const char *                                                   \
seg_segment_get_##field (SegSegment *self)                     \
{                                                              \
  g_return_val_if_fail (SEG_IS_SEGMENT (self), NULL);          \
  return self->field;                                          \
}                                                              \
                                                               \
void                                                           \
seg_segment_set_##field (SegSegment *self,                     \
                         const char *value)                    \
{                                                              \
  g_return_if_fail (SEG_IS_SEGMENT (self));                    \
  set_string_property (self, PROP, value);                     \
}

STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (rule, PROP_RULE)
STRING_ACCESSORS (color, PROP_COLOR)
STRING_ACCESSORS (notes, PROP_NOTES)
STRING_ACCESSORS (template_id, PROP_TEMPLATE_ID)
STRING_ACCESSORS (created_at, PROP_CREATED_AT)
STRING_ACCESSORS (reviewed_at, PROP_REVIEWED_AT)

static gint32
day_of_timestamp (const char *timestamp)
{
  char date[11];
  gint32 day;

  if (timestamp == NULL || strlen (timestamp) < 10)
    return SEG_DAY_INVALID;

  memcpy (date, timestamp, 10);
  date[10] = '\0';
  if (!seg_day_parse_iso (date, &day))
    return SEG_DAY_INVALID;

  return day;
}

/**
 * seg_segment_get_created_day:
 * @self: a segment
 *
 * Returns: the (UTC) day the segment was created, or %SEG_DAY_INVALID
 */
gint32
seg_segment_get_created_day (SegSegment *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENT (self), SEG_DAY_INVALID);
  return day_of_timestamp (self->created_at);
}

/**
 * seg_segment_get_reviewed_day:
 * @self: a segment
 *
 * Returns: the (UTC) day the segment was last marked reviewed, or
 *   %SEG_DAY_INVALID when it never was
 */
gint32
seg_segment_get_reviewed_day (SegSegment *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENT (self), SEG_DAY_INVALID);
  return day_of_timestamp (self->reviewed_at);
}
