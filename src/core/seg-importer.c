/* seg-importer.c — bringing one export file into a store
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import streams the file once (plus a short first pass over the date
 * columns when their day/month order is not yet known).  Speed comes from
 * one transaction, statements prepared once, in-memory maps from email to
 * customer id and from order number to order id (so no row costs a SELECT),
 * and upserts whose WHERE clause only fires on a real change — which is also
 * what makes a second import of the same file change nothing at all.
 */

#define G_LOG_DOMAIN "seg-import"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gi18n-lib.h>

#include "seg-csv-read-ahead.h"
#include "seg-csv-reader.h"
#include "seg-day.h"
#include "seg-importer.h"
#include "seg-measures.h"

#define CHECK_EVERY       1024
#define MAX_LISTED_SKIPS  100000
#define MAX_LISTED_WARNINGS 10000
#define DATE_SNIFF_ROWS   1000

/* For the phase timings logged with G_MESSAGES_DEBUG=seg-import. */
static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec
         + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* ---- Summary ---------------------------------------------------------- */

static void
issue_free (gpointer data)
{
  SegImportIssue *issue = data;

  g_free (issue->file);
  g_free (issue->column);
  g_free (issue->reason);
  g_free (issue);
}

static SegImportIssue *
issue_copy (const SegImportIssue *issue)
{
  SegImportIssue *copy = g_new0 (SegImportIssue, 1);

  copy->line = issue->line;
  copy->file = g_strdup (issue->file);
  copy->column = g_strdup (issue->column);
  copy->reason = g_strdup (issue->reason);
  return copy;
}

static SegImportSummary *
summary_new (void)
{
  SegImportSummary *summary = g_new0 (SegImportSummary, 1);

  summary->skipped = g_ptr_array_new_with_free_func (issue_free);
  summary->warnings = g_ptr_array_new_with_free_func (issue_free);
  return summary;
}

SegImportSummary *
seg_import_summary_copy (const SegImportSummary *summary)
{
  SegImportSummary *copy;

  g_return_val_if_fail (summary != NULL, NULL);

  copy = g_new0 (SegImportSummary, 1);
  *copy = *summary;
  copy->file_name = g_strdup (summary->file_name);
  copy->preset = g_strdup (summary->preset);
  copy->skipped = g_ptr_array_new_with_free_func (issue_free);
  copy->warnings = g_ptr_array_new_with_free_func (issue_free);
  for (guint i = 0; i < summary->skipped->len; i++)
    g_ptr_array_add (copy->skipped, issue_copy (g_ptr_array_index (summary->skipped, i)));
  for (guint i = 0; i < summary->warnings->len; i++)
    g_ptr_array_add (copy->warnings, issue_copy (g_ptr_array_index (summary->warnings, i)));
  return copy;
}

void
seg_import_summary_free (SegImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->file_name);
  g_free (summary->preset);
  g_ptr_array_unref (summary->skipped);
  g_ptr_array_unref (summary->warnings);
  g_free (summary);
}

G_DEFINE_BOXED_TYPE (SegImportSummary, seg_import_summary,
                     seg_import_summary_copy, seg_import_summary_free)

guint64
seg_import_summary_get_n_imported (const SegImportSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);

  return summary->rows_read > summary->rows_skipped
         ? summary->rows_read - summary->rows_skipped : 0;
}

/* Quoted; a cell a spreadsheet would run as a formula (= + - @, or a tab
 * or carriage return before one) gets a leading apostrophe, so that opening
 * the problems list never runs what an export's cell said. */
static void
append_csv_cell (GString    *out,
                 const char *text)
{
  if (text == NULL)
    text = "";
  g_string_append_c (out, '"');
  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * seg_import_summary_to_csv:
 *
 * The header row, then one row per skipped row and warning.  Issues from a
 * ZIP archive's files add a last column, `file`, naming the file.
 *
 * Returns: (transfer full): the CSV text
 */
char *
seg_import_summary_to_csv (const SegImportSummary *summary)
{
  GString *out;
  gboolean with_file = FALSE;

  g_return_val_if_fail (summary != NULL, NULL);

  for (guint k = 0; k < 2 && !with_file; k++)
    {
      GPtrArray *list = k == 0 ? summary->skipped : summary->warnings;

      for (guint i = 0; i < list->len && !with_file; i++)
        with_file = ((SegImportIssue *) g_ptr_array_index (list, i))->file != NULL;
    }
  out = g_string_new (with_file ? "line,kind,column,reason,file\n"
                                : "line,kind,column,reason\n");

  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *list = k == 0 ? summary->skipped : summary->warnings;

      for (guint i = 0; i < list->len; i++)
        {
          SegImportIssue *issue = g_ptr_array_index (list, i);

          g_string_append_printf (out, "%" "zu" ",%s,", issue->line,
                                  k == 0 ? "skipped" : "warning");
          append_csv_cell (out, issue->column);
          g_string_append_c (out, ',');
          append_csv_cell (out, issue->reason);
          if (with_file)
            {
              g_string_append_c (out, ',');
              append_csv_cell (out, issue->file);
            }
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

/* ---- The importer ----------------------------------------------------- */

struct _SegImporter
{
  GObject           parent_instance;

  SegStore         *store;
  char             *store_path;
  SegImportMapping *mapping;    /* the first of @mappings */
  GPtrArray        *mappings;   /* SegImportMapping *: imported in this order */
  SegImportMode     mode;
  gint32            reference_day;
  gboolean          reference_day_set;

  SegImportSummary *summary;
  char             *ambiguous_column;
};

G_DEFINE_FINAL_TYPE (SegImporter, seg_importer, G_TYPE_OBJECT)

/* Statements, prepared once per import. */
enum
{
  STMT_CUSTOMER_BY_EMAIL,
  STMT_CUSTOMER_BY_EXTERNAL,
  STMT_CUSTOMER_INSERT,
  STMT_CUSTOMER_UPDATE,
  STMT_ATTRIBUTE_UPSERT,
  STMT_ORDER_INSERT,
  STMT_ORDER_UPDATE,
  STMT_ORDER_ID,
  STMT_LINE_UPSERT,
  STMT_LINE_INSERT,
  STMT_LINES_TRIM,
  STMT_LINE_TEXTS,
  STMT_PRODUCT_INSERT,
  STMT_ORDER_ADD_TOTAL,
  STMT_CHECKOUT_INSERT,
  STMT_CHECKOUT_UPDATE,
  STMT_CAMPAIGN_UPSERT,
  STMT_CAMPAIGN_ID,
  STMT_RESULT_UPSERT,
  N_STMTS
};

/* Customer columns written by an import, in parameter order after
 * ?1 email, ?2 external_id, ?3 source. */
typedef enum
{
  C_FIRST_NAME, C_LAST_NAME, C_PHONE, C_BIRTH_DATE, C_AGE_BAND, C_GENDER,
  C_INCOME_BAND, C_LANGUAGE, C_COUNTRY, C_REGION, C_CITY, C_POSTAL_CODE, C_TAGS,
  C_ACCEPTS_MARKETING, C_EMAIL_STATUS, C_MEMBER_RATING, C_LAST_OPEN_DAY,
  C_LAST_CLICK_DAY, C_ACQUISITION_SOURCE, C_ACQUISITION_CAMPAIGN, C_CREATED_DAY,
  N_CUSTOMER_COLUMNS
} CustomerColumn;

static const char * const customer_columns[N_CUSTOMER_COLUMNS] = {
  "first_name", "last_name", "phone", "birth_date", "age_band", "gender",
  "income_band", "language", "country", "region", "city", "postal_code", "tags",
  "accepts_marketing", "email_status", "member_rating", "last_open_day",
  "last_click_day", "acquisition_source", "acquisition_campaign", "created_day",
};

/* A customer value: text, or an integer when text is NULL and has_int. */
typedef struct
{
  const char *text;
  gint64      number;
  gboolean    has_number;
} Value;

typedef struct
{
  gint64  id;
  guint   touched : 1;
  guint   added : 1;
  guint   updated : 1;
} CustomerRef;

typedef struct
{
  char  *email;
  char  *external_id;
  Value  values[N_CUSTOMER_COLUMNS];
  char  *owned[N_CUSTOMER_COLUMNS];
  GPtrArray *attributes;  /* name, value pairs (owned) */
  CustomerRef *ref;       /* the customer met before in this import, if any */
} CustomerRecord;

/* The five texts live in one allocation, owned by block. */
typedef struct
{
  char   *block;
  char   *product;
  char   *sku;
  char   *vendor;
  char   *category;
  char   *tags;
  gint64  quantity;
  gint64  price_cents;
} Line;

/* A row of products: name, sku, category, tags, vendor. */
typedef struct
{
  gint64  id;
  char   *texts[5];
} Product;

typedef struct
{
  gint64  id;
  guint   n_lines;
  guint   existed : 1;
} OrderRef;

typedef struct
{
  char           *key;
  gsize           line;           /* the order's first row */
  gboolean        bad;
  CustomerRecord  customer;
  gboolean        has_customer;
  char           *created_at;
  gint32          day;
  char           *financial_status;
  char           *fulfillment_status;
  gboolean        cancelled;
  gboolean        refunded_in_full;
  char           *currency;
  gint64          subtotal, shipping, taxes, total, discount, refunded;
  gboolean        has_total;
  char           *discount_code;
  char           *channel;
  char           *country, *region, *city;
  char           *url;
  GArray         *lines;          /* Line */
} Order;

typedef struct
{
  SegImporter       *self;
  SegImportMapping  *mapping;
  SegImportSummary  *summary;
  SegImportTarget    target;
  const char        *source;
  const char        *implied_email_status;
  sqlite3           *db;
  SegCsvReadAhead   *rows;          /* the current file's, read on a second thread */
  guint              n_header_fields;
  GCancellable      *cancellable;
  char              *now;

  GArray            *field_columns[SEG_IMPORT_N_FIELDS];  /* guint */
  GArray            *attribute_columns;                   /* guint */
  SegDateOrder       date_order[SEG_IMPORT_N_FIELDS];

  /* The current row's values, one per field (first non-empty column). */
  const char        *v[SEG_IMPORT_N_FIELDS];
  guint              v_column[SEG_IMPORT_N_FIELDS];
  GPtrArray         *scratch;     /* trimmed copies for the current row */
  gsize              line;

  sqlite3_stmt      *stmts[N_STMTS];
  GHashTable        *customers;   /* key → CustomerRef */
  gint64             last_order_id;  /* orders.id before the import */
  gboolean           no_customers;   /* the store had none before the import */
  GHashTable        *products;       /* name (or "") → GPtrArray of Product */
  /* For orders that were in the store before: 0 when this import has not
   * met them yet, else 1 + the number of line items it wrote. */
  guint16           *touched_orders;
  GHashTable        *campaigns;   /* name → gint64 id (boxed) */
  GHashTable        *countries;   /* text → code or "" */
  GHashTable        *regions;     /* "CC|text" → normalised text */

  Order             *order;       /* being gathered */
  GPtrArray         *deferred_indexes;  /* CREATE INDEX statements to run at the end */
  char              *file_sha256;       /* taken while the rows were read */

  /* Several files in one import (a ZIP archive): the one being read. */
  const char        *member;            /* its name in the archive, or NULL */
  gboolean           any_orders;        /* some file's rows become orders */
  double             progress_base;
  double             progress_span;
} Run;

/* ---- Helpers ---------------------------------------------------------- */

static gboolean
set_db_error (Run     *run,
              GError **error)
{
  g_autofree char *name = g_path_get_basename (run->self->store_path);

  g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_FAILED,
               _("Could not write to the store “%s”: %s. Nothing was changed."),
               name, sqlite3_errmsg (run->db));
  return FALSE;
}

static gboolean
exec_sql (Run         *run,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (run->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (run, error);
  return TRUE;
}

static const char *
column_name (Run   *run,
             guint  column)
{
  return seg_import_mapping_get_column_name (run->mapping, column);
}

static void
add_issue (Run        *run,
           gboolean    skip,
           gsize       line,
           int         column,
           char       *reason)
{
  GPtrArray *list = skip ? run->summary->skipped : run->summary->warnings;
  guint cap = skip ? MAX_LISTED_SKIPS : MAX_LISTED_WARNINGS;
  SegImportIssue *issue;

  if (skip)
    run->summary->rows_skipped++;
  else
    run->summary->n_warnings++;

  if (list->len >= cap)
    {
      g_free (reason);
      return;
    }
  issue = g_new0 (SegImportIssue, 1);
  issue->line = line;
  issue->file = g_strdup (run->member);
  issue->column = column >= 0 ? g_strdup (column_name (run, column)) : NULL;
  issue->reason = reason;
  g_ptr_array_add (list, issue);
}

static void
skip_row (Run        *run,
          int         column,
          char       *reason)
{
  add_issue (run, TRUE, run->line, column, reason);
}

static void
warn (Run        *run,
      int         column,
      char       *reason)
{
  add_issue (run, FALSE, run->line, column, reason);
}

/* The column the current value of @field came from (for messages). */
static int
value_column (Run              *run,
              SegImportFieldId  field)
{
  if (run->v[field] != NULL)
    return run->v_column[field];
  if (run->field_columns[field]->len > 0)
    return g_array_index (run->field_columns[field], guint, 0);
  return -1;
}

/* @what_format is a translated message with two %s: the column's name and
 * the value. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *
not_a (Run              *run,
       SegImportFieldId  field,
       const char       *what_format)
{
  int column = value_column (run, field);

  return g_strdup_printf (what_format, column >= 0 ? column_name (run, column) : "",
                          run->v[field] ? run->v[field] : "");
}
#pragma GCC diagnostic pop

/* Trims a cell and drops the apostrophe spreadsheets are kept off with;
 * NULL when empty. */
static const char *
clean_cell_len (Run        *run,
                const char *cell,
                gsize       len)
{
  const char *s, *e;

  if (cell == NULL || len == 0)
    return NULL;
  s = cell;
  e = cell + len;
  while (*s == ' ' || *s == '\t')
    s++;
  s = seg_normalize_strip_apostrophe (s);
  if (*s == '\0')
    return NULL;
  if (e[-1] != ' ' && e[-1] != '\t' && e[-1] != '\r' && e[-1] != '\n')
    return s;
  while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
    e--;
  if (e == s)
    return NULL;
  {
    char *copy = g_strndup (s, e - s);

    g_ptr_array_add (run->scratch, copy);
    return copy;
  }
}

static const char *
clean_cell (Run        *run,
            const char *cell)
{
  return cell ? clean_cell_len (run, cell, strlen (cell)) : NULL;
}

static inline const char *
cell_value (Run   *run,
            guint  column)
{
  gsize len;
  const char *cell = seg_csv_read_ahead_peek_field (run->rows, column, &len);

  return clean_cell_len (run, cell, len);
}

static void
load_row_values (Run *run)
{
  g_ptr_array_set_size (run->scratch, 0);

  for (guint f = 2; f < SEG_IMPORT_N_FIELDS; f++)
    {
      GArray *columns = run->field_columns[f];

      run->v[f] = NULL;
      if (f == SEG_IMPORT_FIELD_LINE_ITEM_PACKED)
        continue;
      for (guint i = 0; i < columns->len; i++)
        {
          guint c = g_array_index (columns, guint, i);
          const char *value = cell_value (run, c);

          if (value != NULL)
            {
              run->v[f] = value;
              run->v_column[f] = c;
              break;
            }
        }
    }
}

/* "17850.0" → "17850" (spreadsheets write ids as decimals); NULL for "0"
 * (WooCommerce's guest). */
static char *
normalize_id (const char *text)
{
  const char *dot = strchr (text, '.');

  if (strcmp (text, "0") == 0)
    return NULL;
  if (dot != NULL && dot > text)
    {
      const char *p;

      for (p = text; p < dot; p++)
        if (!g_ascii_isdigit (*p))
          return g_strdup (text);
      for (p = dot + 1; *p == '0'; p++)
        ;
      if (*p == '\0')
        return g_strndup (text, dot - text);
    }
  return g_strdup (text);
}

/* A value spreadsheets may have turned into 7.02E+12: warn and drop it. */
static const char *
unmangled (Run              *run,
           SegImportFieldId  field)
{
  const char *value = run->v[field];

  if (value != NULL && seg_normalize_is_mangled_number (value))
    {
      warn (run, value_column (run, field),
            not_a (run, field, _("“%s” holds “%s”, a number a spreadsheet rounded into "
                                 "scientific notation; its digits are lost, so it was "
                                 "left out. Export the file again without opening it "
                                 "in a spreadsheet.")));
      return NULL;
    }
  return value;
}

static const char *
lookup_country (Run        *run,
                const char *text)
{
  const char *code;

  code = g_hash_table_lookup (run->countries, text);
  if (code == NULL)
    {
      code = seg_normalize_country (text);
      g_hash_table_insert (run->countries, g_strdup (text), (gpointer) (code ? code : ""));
    }
  return *code ? code : NULL;
}

static const char *
country_value (Run              *run,
               SegImportFieldId  field)
{
  const char *text = run->v[field];
  const char *code;

  if (text == NULL)
    return NULL;
  code = lookup_country (run, text);
  if (code == NULL)
    warn (run, value_column (run, field),
          not_a (run, field, _("“%s” holds “%s”, which is not a country Segments knows; "
                               "the country was left empty.")));
  return code;
}

static const char *
region_value (Run              *run,
              const char       *country,
              SegImportFieldId  field)
{
  const char *text = run->v[field];
  g_autofree char *key = NULL;
  const char *result;

  if (text == NULL || g_ascii_strcasecmp (text, "no region") == 0)
    return NULL;
  if (country == NULL)
    return text;
  key = g_strconcat (country, "|", text, NULL);
  result = g_hash_table_lookup (run->regions, key);
  if (result == NULL)
    {
      const char *code = seg_normalize_region (country, text);

      result = g_intern_string (code ? code : text);
      g_hash_table_insert (run->regions, g_steal_pointer (&key), (gpointer) result);
    }
  return result;
}

static gboolean
parse_day (Run              *run,
           SegImportFieldId  field,
           gint32           *day,
           char            **iso)
{
  const char *text = run->v[field];

  if (seg_normalize_date (text, run->date_order[field], day, iso))
    return TRUE;
  return FALSE;
}

static char *
not_a_date (Run              *run,
            SegImportFieldId  field)
{
  return not_a (run, field, _("“%s” is not a date: “%s”"));
}

/* ---- Customers -------------------------------------------------------- */

static void
customer_record_clear (CustomerRecord *record)
{
  g_clear_pointer (&record->email, g_free);
  g_clear_pointer (&record->external_id, g_free);
  for (guint i = 0; i < N_CUSTOMER_COLUMNS; i++)
    g_clear_pointer (&record->owned[i], g_free);
  g_clear_pointer (&record->attributes, g_ptr_array_unref);
  memset (record, 0, sizeof *record);
}

static void
set_text (CustomerRecord *record,
          CustomerColumn  column,
          const char     *text)
{
  g_free (record->owned[column]);
  record->owned[column] = g_strdup (text);
  record->values[column].text = record->owned[column];
  record->values[column].has_number = FALSE;
}

static void
set_number (CustomerRecord *record,
            CustomerColumn  column,
            gint64          number)
{
  record->values[column].text = NULL;
  record->values[column].number = number;
  record->values[column].has_number = TRUE;
}

static const char *
normalize_gender (const char *text)
{
  static const char * const female[] = { "f", "female", "woman", "w", "femme", "frau",
                                         "femenino", "mujer", NULL };
  static const char * const male[] = { "m", "male", "man", "homme", "mann", "masculino",
                                       "hombre", NULL };
  static const char * const other[] = { "other", "non-binary", "nonbinary", "non binary",
                                        "diverse", "divers", "x", "nb", NULL };
  g_autofree char *lower = g_utf8_strdown (text, -1);

  if (g_strv_contains (female, lower))
    return "female";
  if (g_strv_contains (male, lower))
    return "male";
  if (g_strv_contains (other, lower))
    return "other";
  return NULL;
}

static char *
normalize_language (const char *text)
{
  static const struct { const char *name; const char *code; } names[] = {
    { "english", "en" }, { "french", "fr" }, { "français", "fr" }, { "german", "de" },
    { "deutsch", "de" }, { "spanish", "es" }, { "español", "es" }, { "italian", "it" },
    { "dutch", "nl" }, { "portuguese", "pt" }, { "swedish", "sv" }, { "danish", "da" },
    { "norwegian", "no" }, { "finnish", "fi" }, { "polish", "pl" }, { "japanese", "ja" },
    { "chinese", "zh" }, { "korean", "ko" }, { "russian", "ru" }, { "arabic", "ar" },
    { "turkish", "tr" }, { "greek", "el" }, { "czech", "cs" }, { "hungarian", "hu" },
  };
  g_autofree char *lower = g_utf8_strdown (text, -1);

  if (g_ascii_isalpha (lower[0]) && g_ascii_isalpha (lower[1])
      && (lower[2] == '\0' || lower[2] == '-' || lower[2] == '_'))
    return g_strndup (lower, 2);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (lower, names[i].name) == 0)
      return g_strdup (names[i].code);
  return NULL;
}

static const char *
normalize_email_status (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  g_strdelimit (lower, " -", '_');
  if (strcmp (lower, "subscribed") == 0 || strcmp (lower, "opted_in") == 0)
    return "subscribed";
  if (strcmp (lower, "unsubscribed") == 0 || strcmp (lower, "opted_out") == 0)
    return "unsubscribed";
  if (strcmp (lower, "never_subscribed") == 0 || strcmp (lower, "pending") == 0
      || strcmp (lower, "not_subscribed") == 0 || strcmp (lower, "transactional") == 0)
    return "never_subscribed";
  if (strcmp (lower, "cleaned") == 0 || strcmp (lower, "bounced") == 0)
    return "cleaned";
  return NULL;
}

static char *
age_band_for (gint64 age)
{
  if (age < 18)
    return g_strdup ("under 18");
  if (age <= 24)
    return g_strdup ("18-24");
  if (age <= 34)
    return g_strdup ("25-34");
  if (age <= 44)
    return g_strdup ("35-44");
  if (age <= 54)
    return g_strdup ("45-54");
  if (age <= 64)
    return g_strdup ("55-64");
  return g_strdup ("65+");
}

static void
gather_day (Run              *run,
            CustomerRecord   *record,
            CustomerColumn    column,
            SegImportFieldId  field)
{
  gint32 day;

  if (run->v[field] == NULL)
    return;
  if (parse_day (run, field, &day, NULL))
    set_number (record, column, day);
  else
    warn (run, value_column (run, field), not_a_date (run, field));
}

static char *
customer_key (Run                  *run,
              const CustomerRecord *record)
{
  if (record->email != NULL)
    return g_strdup (record->email);
  return g_strconcat ("\x1f", run->source, "\x1f", record->external_id, NULL);
}

/* Reads the current row's customer fields.  Returns FALSE (with the row
 * reported) only when @required and the row names no customer. */
static gboolean
gather_customer (Run            *run,
                 CustomerRecord *record,
                 gboolean        required)
{
  const char *text;
  const char *country;

  memset (record, 0, sizeof *record);

  if (run->v[SEG_IMPORT_FIELD_EMAIL] != NULL)
    {
      record->email = seg_normalize_email (run->v[SEG_IMPORT_FIELD_EMAIL]);
      if (record->email == NULL)
        {
          char *reason = not_a (run, SEG_IMPORT_FIELD_EMAIL,
                                _("“%s” is not an email address: “%s”"));

          if (required && run->v[SEG_IMPORT_FIELD_CUSTOMER_ID] == NULL)
            {
              skip_row (run, value_column (run, SEG_IMPORT_FIELD_EMAIL), reason);
              return FALSE;
            }
          warn (run, value_column (run, SEG_IMPORT_FIELD_EMAIL), reason);
        }
    }
  text = unmangled (run, SEG_IMPORT_FIELD_CUSTOMER_ID);
  if (text != NULL)
    record->external_id = normalize_id (text);

  /* An order's customer is written once per import (the first, newest,
   * order): the other orders need only the key. */
  if (!required && (record->email != NULL || record->external_id != NULL))
    {
      g_autofree char *key = customer_key (run, record);

      record->ref = g_hash_table_lookup (run->customers, key);
      if (record->ref != NULL && record->ref->touched)
        return TRUE;
    }

  if (record->email == NULL && record->external_id == NULL)
    {
      if (required)
        {
          if (run->v[SEG_IMPORT_FIELD_EMAIL] == NULL)
            skip_row (run, value_column (run, SEG_IMPORT_FIELD_EMAIL),
                      g_strdup (_("the row has no email address and no customer ID, so "
                                  "it cannot be matched to a customer")));
          else if (run->v[SEG_IMPORT_FIELD_CUSTOMER_ID] != NULL)
            skip_row (run, value_column (run, SEG_IMPORT_FIELD_CUSTOMER_ID),
                      g_strdup (_("the row's email address and customer ID are both "
                                  "unusable")));
        }
      return FALSE;
    }

  if ((text = run->v[SEG_IMPORT_FIELD_FIRST_NAME]) != NULL)
    set_text (record, C_FIRST_NAME, text);
  if ((text = run->v[SEG_IMPORT_FIELD_LAST_NAME]) != NULL)
    set_text (record, C_LAST_NAME, text);
  if ((text = run->v[SEG_IMPORT_FIELD_FULL_NAME]) != NULL
      && run->v[SEG_IMPORT_FIELD_FIRST_NAME] == NULL
      && run->v[SEG_IMPORT_FIELD_LAST_NAME] == NULL)
    {
      const char *space = strchr (text, ' ');

      if (space != NULL)
        {
          g_autofree char *first = g_strndup (text, space - text);

          set_text (record, C_FIRST_NAME, first);
          while (*space == ' ')
            space++;
          if (*space != '\0')
            set_text (record, C_LAST_NAME, space);
        }
      else
        set_text (record, C_FIRST_NAME, text);
    }
  if ((text = unmangled (run, SEG_IMPORT_FIELD_PHONE)) != NULL)
    set_text (record, C_PHONE, text);

  if (run->v[SEG_IMPORT_FIELD_BIRTH_DATE] != NULL)
    {
      gint32 day;

      if (parse_day (run, SEG_IMPORT_FIELD_BIRTH_DATE, &day, NULL))
        {
          g_autofree char *iso = seg_day_to_iso (day);

          set_text (record, C_BIRTH_DATE, iso);
        }
      else
        warn (run, value_column (run, SEG_IMPORT_FIELD_BIRTH_DATE),
              not_a_date (run, SEG_IMPORT_FIELD_BIRTH_DATE));
    }
  if ((text = run->v[SEG_IMPORT_FIELD_AGE_BAND]) != NULL)
    {
      gint64 age;

      if (seg_normalize_int (text, &age) && age >= 0 && age < 130)
        {
          g_autofree char *band = age_band_for (age);

          set_text (record, C_AGE_BAND, band);
        }
      else
        set_text (record, C_AGE_BAND, text);
    }
  if ((text = run->v[SEG_IMPORT_FIELD_GENDER]) != NULL)
    {
      const char *gender = normalize_gender (text);

      if (gender != NULL)
        set_text (record, C_GENDER, gender);
      else
        warn (run, value_column (run, SEG_IMPORT_FIELD_GENDER),
              not_a (run, SEG_IMPORT_FIELD_GENDER,
                     _("“%s” holds “%s”; Segments knows female, male and other, so the "
                       "gender was left empty.")));
    }
  if ((text = run->v[SEG_IMPORT_FIELD_INCOME_BAND]) != NULL)
    set_text (record, C_INCOME_BAND, text);
  if ((text = run->v[SEG_IMPORT_FIELD_LANGUAGE]) != NULL)
    {
      g_autofree char *code = normalize_language (text);

      if (code != NULL)
        set_text (record, C_LANGUAGE, code);
      else
        warn (run, value_column (run, SEG_IMPORT_FIELD_LANGUAGE),
              not_a (run, SEG_IMPORT_FIELD_LANGUAGE,
                     _("“%s” holds “%s”, which is not a language code such as “en” or "
                       "“fr”; the language was left empty.")));
    }

  /* Billing address first, the shipping address when there is none. */
  if (run->v[SEG_IMPORT_FIELD_COUNTRY] != NULL)
    {
      country = country_value (run, SEG_IMPORT_FIELD_COUNTRY);
      if (country != NULL)
        set_text (record, C_COUNTRY, country);
      if ((text = region_value (run, country, SEG_IMPORT_FIELD_REGION)) != NULL)
        set_text (record, C_REGION, text);
      if ((text = run->v[SEG_IMPORT_FIELD_CITY]) != NULL)
        set_text (record, C_CITY, text);
    }
  else
    {
      country = country_value (run, SEG_IMPORT_FIELD_SHIPPING_COUNTRY);
      if (country != NULL)
        set_text (record, C_COUNTRY, country);
      text = region_value (run, country, run->v[SEG_IMPORT_FIELD_REGION] != NULL
                                         ? SEG_IMPORT_FIELD_REGION
                                         : SEG_IMPORT_FIELD_SHIPPING_REGION);
      if (text != NULL)
        set_text (record, C_REGION, text);
      text = run->v[SEG_IMPORT_FIELD_CITY] ? run->v[SEG_IMPORT_FIELD_CITY]
                                           : run->v[SEG_IMPORT_FIELD_SHIPPING_CITY];
      if (text != NULL)
        set_text (record, C_CITY, text);
    }
  if ((text = unmangled (run, SEG_IMPORT_FIELD_POSTAL_CODE)) != NULL)
    set_text (record, C_POSTAL_CODE, text);
  if ((text = run->v[SEG_IMPORT_FIELD_TAGS]) != NULL)
    set_text (record, C_TAGS, text);

  if ((text = run->v[SEG_IMPORT_FIELD_ACCEPTS_MARKETING]) != NULL)
    {
      gboolean accepts;

      if (seg_normalize_boolean (text, &accepts))
        set_number (record, C_ACCEPTS_MARKETING, accepts);
      else
        warn (run, value_column (run, SEG_IMPORT_FIELD_ACCEPTS_MARKETING),
              not_a (run, SEG_IMPORT_FIELD_ACCEPTS_MARKETING,
                     _("“%s” holds “%s”, which is neither yes nor no; it was left "
                       "empty.")));
    }
  if ((text = run->v[SEG_IMPORT_FIELD_EMAIL_STATUS]) != NULL)
    {
      const char *status = normalize_email_status (text);

      if (status != NULL)
        set_text (record, C_EMAIL_STATUS, status);
      else
        warn (run, value_column (run, SEG_IMPORT_FIELD_EMAIL_STATUS),
              not_a (run, SEG_IMPORT_FIELD_EMAIL_STATUS,
                     _("“%s” holds “%s”, which is not a subscription status "
                       "(subscribed, unsubscribed, never subscribed, cleaned); it was "
                       "left empty.")));
    }
  else if (run->implied_email_status != NULL)
    set_text (record, C_EMAIL_STATUS, run->implied_email_status);
  if ((text = run->v[SEG_IMPORT_FIELD_MEMBER_RATING]) != NULL)
    {
      gint64 rating;

      if (seg_normalize_int (text, &rating) && rating >= 1 && rating <= 5)
        set_number (record, C_MEMBER_RATING, rating);
      else
        warn (run, value_column (run, SEG_IMPORT_FIELD_MEMBER_RATING),
              not_a (run, SEG_IMPORT_FIELD_MEMBER_RATING,
                     _("“%s” holds “%s”, not a rating from 1 to 5; it was left empty.")));
    }
  gather_day (run, record, C_LAST_OPEN_DAY, SEG_IMPORT_FIELD_LAST_OPEN);
  gather_day (run, record, C_LAST_CLICK_DAY, SEG_IMPORT_FIELD_LAST_CLICK);
  gather_day (run, record, C_CREATED_DAY, SEG_IMPORT_FIELD_CUSTOMER_CREATED);
  if ((text = run->v[SEG_IMPORT_FIELD_ACQUISITION_SOURCE]) != NULL)
    set_text (record, C_ACQUISITION_SOURCE, text);
  if ((text = run->v[SEG_IMPORT_FIELD_ACQUISITION_CAMPAIGN]) != NULL)
    set_text (record, C_ACQUISITION_CAMPAIGN, text);

  for (guint i = 0; i < run->attribute_columns->len; i++)
    {
      guint c = g_array_index (run->attribute_columns, guint, i);
      const char *name = NULL;
      const char *value = clean_cell (run, seg_csv_read_ahead_get_field (run->rows, c));

      if (value == NULL)
        continue;
      seg_import_mapping_get_column_field_id (run->mapping, c, &name);
      if (record->attributes == NULL)
        record->attributes = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (record->attributes, g_strdup (name));
      g_ptr_array_add (record->attributes, g_strdup (value));
    }

  return TRUE;
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const Value  *value)
{
  if (value->text != NULL)
    sqlite3_bind_text (stmt, index, value->text, -1, SQLITE_STATIC);
  else if (value->has_number)
    sqlite3_bind_int64 (stmt, index, value->number);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
step_done (Run           *run,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_db_error (run, error);
  return TRUE;
}

/* Runs a statement that returns at most one integer: *found says whether
 * it did. */
static gboolean
step_id (Run           *run,
         sqlite3_stmt  *stmt,
         gint64        *id,
         gboolean      *found,
         GError       **error)
{
  int rc = sqlite3_step (stmt);

  *found = rc == SQLITE_ROW;
  if (*found)
    *id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return set_db_error (run, error);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
write_attributes (Run                  *run,
                  gint64                id,
                  const CustomerRecord *record,
                  gboolean             *changed,
                  GError              **error)
{
  sqlite3_stmt *stmt = run->stmts[STMT_ATTRIBUTE_UPSERT];

  if (record->attributes == NULL)
    return TRUE;
  for (guint i = 0; i + 1 < record->attributes->len; i += 2)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (record->attributes, i), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, g_ptr_array_index (record->attributes, i + 1), -1,
                         SQLITE_STATIC);
      if (!step_done (run, stmt, error))
        return FALSE;
      if (sqlite3_changes (run->db) > 0)
        *changed = TRUE;
    }
  return TRUE;
}

static void
bind_customer (Run                  *run,
               sqlite3_stmt         *stmt,
               const CustomerRecord *record)
{
  sqlite3_bind_text (stmt, 1, record->email, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->external_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, run->source, -1, SQLITE_STATIC);
  for (guint i = 0; i < N_CUSTOMER_COLUMNS; i++)
    bind_value (stmt, 4 + i, &record->values[i]);
  sqlite3_bind_text (stmt, 4 + N_CUSTOMER_COLUMNS, run->now, -1, SQLITE_STATIC);
}

/* Finds or creates the customer and, unless @once and it was already
 * written in this import, merges @record into it. */
static gboolean
upsert_customer (Run             *run,
                 CustomerRecord  *record,
                 gboolean         once,
                 gint64          *id_out,
                 GError         **error)
{
  g_autofree char *key = NULL;
  CustomerRef *ref = record->ref;
  gboolean changed = FALSE;

  if (ref == NULL)
    {
      key = customer_key (run, record);
      ref = g_hash_table_lookup (run->customers, key);
    }
  if (ref == NULL)
    {
      sqlite3_stmt *stmt;
      gboolean found;
      gint64 id = 0;

      /* Every customer this import wrote is in run->customers: in a store
       * that had none, a key not there is a new customer. */
      if (run->no_customers)
        found = FALSE;
      else
        {
          if (record->email != NULL)
            {
              stmt = run->stmts[STMT_CUSTOMER_BY_EMAIL];
              sqlite3_bind_text (stmt, 1, record->email, -1, SQLITE_STATIC);
            }
          else
            {
              stmt = run->stmts[STMT_CUSTOMER_BY_EXTERNAL];
              sqlite3_bind_text (stmt, 1, run->source, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 2, record->external_id, -1, SQLITE_STATIC);
            }
          if (!step_id (run, stmt, &id, &found, error))
            return FALSE;
        }

      ref = g_new0 (CustomerRef, 1);
      g_hash_table_insert (run->customers, g_steal_pointer (&key), ref);
      if (!found)
        {
          stmt = run->stmts[STMT_CUSTOMER_INSERT];
          bind_customer (run, stmt, record);
          if (!step_done (run, stmt, error))
            return FALSE;
          if (sqlite3_changes (run->db) == 0)
            {
              g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_FAILED,
                           _("Could not add the customer on line %" "zu" "."),
                           run->line);
              return FALSE;
            }
          id = sqlite3_last_insert_rowid (run->db);
          ref->id = id;
          ref->added = TRUE;
          ref->touched = TRUE;
          run->summary->customers_added++;
          *id_out = id;
          return write_attributes (run, id, record, &changed, error);
        }
      ref->id = id;
    }

  *id_out = ref->id;
  if (once && ref->touched)
    return TRUE;
  ref->touched = TRUE;

  {
    sqlite3_stmt *stmt = run->stmts[STMT_CUSTOMER_UPDATE];

    bind_customer (run, stmt, record);
    sqlite3_bind_int64 (stmt, 5 + N_CUSTOMER_COLUMNS, ref->id);
    if (!step_done (run, stmt, error))
      return FALSE;
    if (sqlite3_changes (run->db) > 0)
      changed = TRUE;
  }
  if (!write_attributes (run, ref->id, record, &changed, error))
    return FALSE;
  if (changed && !ref->added && !ref->updated)
    {
      ref->updated = TRUE;
      run->summary->customers_updated++;
    }
  return TRUE;
}

static gboolean
import_customer_row (Run     *run,
                     GError **error)
{
  CustomerRecord record;
  gint64 id;
  gboolean ok;

  if (!gather_customer (run, &record, TRUE))
    {
      customer_record_clear (&record);
      return TRUE;
    }
  ok = upsert_customer (run, &record, FALSE, &id, error);
  customer_record_clear (&record);
  return ok;
}

/* ---- Orders ----------------------------------------------------------- */

static void
line_clear (gpointer data)
{
  Line *line = data;

  g_free (line->block);
}

static void
order_free (Order *order)
{
  if (order == NULL)
    return;
  g_free (order->key);
  customer_record_clear (&order->customer);
  g_free (order->created_at);
  g_free (order->financial_status);
  g_free (order->fulfillment_status);
  g_free (order->currency);
  g_free (order->discount_code);
  g_free (order->channel);
  g_free (order->country);
  g_free (order->region);
  g_free (order->city);
  g_free (order->url);
  g_array_unref (order->lines);
  g_free (order);
}

static gboolean
parse_money_field (Run              *run,
                   SegImportFieldId  field,
                   gint64           *cents,
                   gboolean          fatal)
{
  const char *text = run->v[field];

  *cents = 0;
  if (text == NULL)
    return TRUE;
  if (seg_normalize_money (text, SEG_DECIMAL_MARK_AUTO, cents))
    return TRUE;
  if (fatal)
    skip_row (run, value_column (run, field),
              not_a (run, field, _("“%s” is not an amount: “%s”")));
  else
    warn (run, value_column (run, field),
          not_a (run, field, _("“%s” is not an amount: “%s”; 0 was used.")));
  return FALSE;
}

/* WooCommerce export plugins pack items as "key:value|key:value". */
static char *
packed_get (const char *item,
            const char *key)
{
  gsize len = strlen (key);
  const char *p = item;

  while (p != NULL && *p)
    {
      const char *end = strchr (p, '|');

      if (strncmp (p, key, len) == 0 && p[len] == ':')
        return end ? g_strndup (p + len + 1, end - p - len - 1) : g_strdup (p + len + 1);
      p = end ? end + 1 : NULL;
    }
  return NULL;
}

static void
add_line (Order      *order,
          const char *product,
          const char *sku,
          const char *vendor,
          const char *category,
          const char *tags,
          gint64      quantity,
          gint64      price_cents)
{
  const char *texts[5] = { product, sku, vendor, category, tags };
  char **slots[5];
  gsize lens[5], total = 0;
  Line line = { 0 };
  char *p;

  slots[0] = &line.product;
  slots[1] = &line.sku;
  slots[2] = &line.vendor;
  slots[3] = &line.category;
  slots[4] = &line.tags;
  /* One allocation instead of five per line item. */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      lens[i] = texts[i] != NULL ? strlen (texts[i]) + 1 : 0;
      total += lens[i];
    }
  p = line.block = total > 0 ? g_malloc (total) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL)
      {
        memcpy (p, texts[i], lens[i]);
        *slots[i] = p;
        p += lens[i];
      }
  line.quantity = quantity;
  line.price_cents = price_cents;
  g_array_append_val (order->lines, line);
}

/* Adds the current row's line item(s) to the order being gathered.
 * FALSE when the row was reported as skipped. */
static gboolean
gather_lines (Run   *run,
              Order *order)
{
  GArray *packed = run->field_columns[SEG_IMPORT_FIELD_LINE_ITEM_PACKED];
  const char *text;

  if (run->v[SEG_IMPORT_FIELD_LINE_PRODUCT] != NULL || run->v[SEG_IMPORT_FIELD_LINE_SKU] != NULL
      || run->v[SEG_IMPORT_FIELD_LINE_PRICE] != NULL)
    {
      gint64 quantity = 1, price = 0;

      if ((text = run->v[SEG_IMPORT_FIELD_LINE_QUANTITY]) != NULL
          && !seg_normalize_int (text, &quantity))
        {
          skip_row (run, value_column (run, SEG_IMPORT_FIELD_LINE_QUANTITY),
                    not_a (run, SEG_IMPORT_FIELD_LINE_QUANTITY,
                           _("“%s” is not a whole number: “%s”")));
          return FALSE;
        }
      if (!parse_money_field (run, SEG_IMPORT_FIELD_LINE_PRICE, &price, TRUE))
        return FALSE;
      add_line (order, run->v[SEG_IMPORT_FIELD_LINE_PRODUCT],
                unmangled (run, SEG_IMPORT_FIELD_LINE_SKU),
                run->v[SEG_IMPORT_FIELD_LINE_VENDOR], run->v[SEG_IMPORT_FIELD_LINE_CATEGORY],
                run->v[SEG_IMPORT_FIELD_LINE_TAGS], quantity, price);
    }

  for (guint i = 0; i < packed->len; i++)
    {
      guint c = g_array_index (packed, guint, i);
      const char *cell = clean_cell (run, seg_csv_read_ahead_get_field (run->rows, c));
      g_autofree char *name = NULL, *sku = NULL, *qty = NULL, *subtotal = NULL,
                      *total = NULL;
      gint64 quantity = 1, cents = 0;

      if (cell == NULL)
        continue;
      name = packed_get (cell, "name");
      sku = packed_get (cell, "sku");
      qty = packed_get (cell, "quantity");
      subtotal = packed_get (cell, "subtotal");
      total = packed_get (cell, "total");
      if (qty != NULL && !seg_normalize_int (qty, &quantity))
        quantity = 1;
      if (subtotal == NULL || !seg_normalize_money (subtotal, SEG_DECIMAL_MARK_AUTO, &cents))
        if (total == NULL || !seg_normalize_money (total, SEG_DECIMAL_MARK_AUTO, &cents))
          cents = 0;
      add_line (order, name ? name : cell, sku && *sku ? sku : NULL, NULL, NULL, NULL,
                quantity, quantity != 0 ? cents / quantity : cents);
    }

  if ((text = run->v[SEG_IMPORT_FIELD_LINE_PRODUCTS_LIST]) != NULL)
    {
      g_auto(GStrv) products = g_strsplit (text, ", ", -1);

      for (guint i = 0; products[i] != NULL; i++)
        {
          const char *p = g_strstrip (products[i]);
          gint64 quantity = 1;
          char *end = NULL;
          guint64 n = g_ascii_strtoull (p, &end, 10);

          /* "2× Hoodie" / "2 x Hoodie" */
          if (end != p && n > 0)
            {
              const char *q = end;

              while (*q == ' ')
                q++;
              if (g_str_has_prefix (q, "×") || (*q == 'x' && q[1] == ' '))
                {
                  q += g_str_has_prefix (q, "×") ? strlen ("×") : 1;
                  while (*q == ' ')
                    q++;
                  quantity = n;
                  p = q;
                }
            }
          if (*p != '\0')
            add_line (order, p, NULL, NULL, NULL, NULL, quantity, 0);
        }
    }
  return TRUE;
}

static char *
lower_status (const char *text)
{
  char *lower;
  const char *p;

  if (text == NULL)
    return NULL;
  for (p = text; (guchar) *p < 0x80 && *p != '\0'; p++)
    ;
  lower = *p == '\0' ? g_ascii_strdown (text, -1) : g_utf8_strdown (text, -1);
  if (g_str_has_prefix (lower, "wc-"))
    memmove (lower, lower + 3, strlen (lower + 3) + 1);
  return lower;
}

static gboolean
is_status (const char         *status,
           const char * const *values)
{
  return status != NULL && g_strv_contains (values, status);
}

/* Starts gathering an order from its first row.  Returns the order, which
 * is marked bad (and the row reported) when it cannot be imported. */
static Order *
start_order (Run        *run,
             const char *key)
{
  static const char * const cancelled_statuses[] = {
    "cancelled", "canceled", "failed", "voided", "annulée", "annulé", "échouée", "échec",
    NULL
  };
  static const char * const refunded_statuses[] = { "refunded", "remboursée", "remboursé",
                                                     NULL };
  Order *order = g_new0 (Order, 1);
  g_autofree char *status = NULL;
  const char *text;

  order->key = g_strdup (key);
  order->line = run->line;
  order->lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_array_set_clear_func (order->lines, line_clear);
  order->day = SEG_DAY_INVALID;

  if (run->v[SEG_IMPORT_FIELD_ORDER_DATE] == NULL)
    {
      skip_row (run, value_column (run, SEG_IMPORT_FIELD_ORDER_DATE),
                not_a (run, SEG_IMPORT_FIELD_ORDER_DATE,
                       _("“%s” is empty: an order needs its date")));
      order->bad = TRUE;
      return order;
    }
  if (!parse_day (run, SEG_IMPORT_FIELD_ORDER_DATE, &order->day, &order->created_at))
    {
      skip_row (run, value_column (run, SEG_IMPORT_FIELD_ORDER_DATE),
                not_a_date (run, SEG_IMPORT_FIELD_ORDER_DATE));
      order->bad = TRUE;
      return order;
    }
  if (run->v[SEG_IMPORT_FIELD_TOTAL] != NULL)
    {
      if (!parse_money_field (run, SEG_IMPORT_FIELD_TOTAL, &order->total, TRUE))
        {
          order->bad = TRUE;
          return order;
        }
      order->has_total = TRUE;
    }

  parse_money_field (run, SEG_IMPORT_FIELD_SUBTOTAL, &order->subtotal, FALSE);
  parse_money_field (run, SEG_IMPORT_FIELD_SHIPPING, &order->shipping, FALSE);
  parse_money_field (run, SEG_IMPORT_FIELD_TAXES, &order->taxes, FALSE);
  parse_money_field (run, SEG_IMPORT_FIELD_DISCOUNT_AMOUNT, &order->discount, FALSE);
  parse_money_field (run, SEG_IMPORT_FIELD_REFUNDED_AMOUNT, &order->refunded, FALSE);
  if (order->discount < 0)
    order->discount = -order->discount;

  if ((text = run->v[SEG_IMPORT_FIELD_REFUND_ITEMS]) != NULL)
    {
      g_auto(GStrv) items = g_strsplit (text, ";", -1);

      for (guint i = 0; items[i] != NULL; i++)
        {
          g_autofree char *amount = packed_get (items[i], "amount");
          gint64 cents;

          if (amount != NULL && seg_normalize_money (amount, SEG_DECIMAL_MARK_AUTO, &cents))
            order->refunded += cents < 0 ? -cents : cents;
        }
    }
  order->discount_code = g_strdup (run->v[SEG_IMPORT_FIELD_DISCOUNT_CODE]);
  if (order->discount_code == NULL && (text = run->v[SEG_IMPORT_FIELD_COUPON_ITEMS]) != NULL)
    {
      g_auto(GStrv) items = g_strsplit (text, ";", -1);
      g_autoptr(GString) codes = g_string_new (NULL);

      for (guint i = 0; items[i] != NULL; i++)
        {
          g_autofree char *code = packed_get (items[i], "code");

          if (code == NULL || *code == '\0')
            continue;
          if (codes->len > 0)
            g_string_append (codes, ", ");
          g_string_append (codes, code);
        }
      if (codes->len > 0)
        order->discount_code = g_strdup (codes->str);
    }

  order->financial_status = lower_status (run->v[SEG_IMPORT_FIELD_FINANCIAL_STATUS]);
  status = lower_status (run->v[SEG_IMPORT_FIELD_ORDER_STATUS]);
  if (order->financial_status == NULL && status != NULL)
    order->financial_status = g_strdup (status);
  order->fulfillment_status = lower_status (run->v[SEG_IMPORT_FIELD_FULFILLMENT_STATUS]);

  order->cancelled = run->v[SEG_IMPORT_FIELD_CANCELLED_AT] != NULL
                     || is_status (order->financial_status, cancelled_statuses)
                     || is_status (status, cancelled_statuses);
  order->refunded_in_full = is_status (order->financial_status, refunded_statuses)
                            || is_status (status, refunded_statuses);
  /* Transaction files mark cancellations with a C before the invoice. */
  if (seg_import_mapping_get_preset (run->mapping) == SEG_IMPORT_PRESET_TRANSACTIONS
      && (key[0] == 'C' || key[0] == 'c'))
    order->cancelled = TRUE;

  order->currency = run->v[SEG_IMPORT_FIELD_CURRENCY]
                    ? g_ascii_strup (run->v[SEG_IMPORT_FIELD_CURRENCY], -1) : NULL;
  order->channel = g_strdup (run->v[SEG_IMPORT_FIELD_ORDER_CHANNEL]);
  order->url = g_strdup (run->v[SEG_IMPORT_FIELD_CHECKOUT_URL]);

  /* The order is placed where it ships; the customer lives where they are
   * billed (gather_customer()). */
  if (run->v[SEG_IMPORT_FIELD_SHIPPING_COUNTRY] != NULL)
    {
      order->country = g_strdup (country_value (run, SEG_IMPORT_FIELD_SHIPPING_COUNTRY));
      order->region = g_strdup (region_value (run, order->country,
                                              SEG_IMPORT_FIELD_SHIPPING_REGION));
      order->city = g_strdup (run->v[SEG_IMPORT_FIELD_SHIPPING_CITY]);
    }
  else if (run->v[SEG_IMPORT_FIELD_COUNTRY] != NULL)
    {
      order->country = g_strdup (lookup_country (run, run->v[SEG_IMPORT_FIELD_COUNTRY]));
      order->region = g_strdup (region_value (run, order->country, SEG_IMPORT_FIELD_REGION));
      order->city = g_strdup (run->v[SEG_IMPORT_FIELD_CITY]);
    }

  order->has_customer = gather_customer (run, &order->customer, FALSE);
  return order;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static void
product_free (gpointer data)
{
  Product *product = data;

  for (guint i = 0; i < G_N_ELEMENTS (product->texts); i++)
    g_free (product->texts[i]);
  g_free (product);
}

static Product *
remember_product (Run               *run,
                  gint64             id,
                  const char * const texts[5])
{
  Product *product = g_new0 (Product, 1);
  GPtrArray *same_name = g_hash_table_lookup (run->products, texts[0] ? texts[0] : "");

  if (same_name == NULL)
    {
      same_name = g_ptr_array_new_with_free_func (product_free);
      g_hash_table_insert (run->products, g_strdup (texts[0] ? texts[0] : ""), same_name);
    }
  product->id = id;
  for (guint i = 0; i < G_N_ELEMENTS (product->texts); i++)
    product->texts[i] = g_strdup (texts[i]);
  g_ptr_array_add (same_name, product);
  return product;
}

/* The store's products, for product_id() to find without a query. */
static gboolean
load_products (Run     *run,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  run->products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  if (sqlite3_prepare_v2 (run->db, "SELECT id, name, sku, category, tags, vendor FROM products",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_db_error (run, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *texts[5];

      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        texts[i] = (const char *) sqlite3_column_text (stmt, 1 + i);
      remember_product (run, sqlite3_column_int64 (stmt, 0), texts);
    }
  if (rc != SQLITE_DONE)
    return set_db_error (run, error);
  return TRUE;
}

/* The id of the product with exactly @texts (name, sku, category, tags,
 * vendor), added to products when new; 0 when all five are NULL. */
static gboolean
product_id (Run               *run,
            const char * const texts[5],
            gint64            *id,
            GError           **error)
{
  GPtrArray *same_name;
  sqlite3_stmt *stmt;
  gboolean any = FALSE;

  *id = 0;
  for (guint i = 0; i < 5; i++)
    any |= texts[i] != NULL;
  if (!any)
    return TRUE;

  same_name = g_hash_table_lookup (run->products, texts[0] ? texts[0] : "");
  for (guint i = 0; same_name != NULL && i < same_name->len; i++)
    {
      Product *product = g_ptr_array_index (same_name, i);
      guint k;

      for (k = 0; k < 5; k++)
        if (g_strcmp0 (product->texts[k], texts[k]) != 0)
          break;
      if (k == 5)
        {
          *id = product->id;
          return TRUE;
        }
    }

  stmt = run->stmts[STMT_PRODUCT_INSERT];
  for (guint i = 0; i < 5; i++)
    bind_text_or_null (stmt, 1 + i, texts[i]);
  if (!step_done (run, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (run->db);
  remember_product (run, *id, texts);
  return TRUE;
}

/* A file without categories or product tags keeps those the store has for
 * an existing order's line items: @categories and @tags get them, by the
 * line's index in @order (strings owned by @owned). */
static gboolean
stored_line_texts (Run        *run,
                   Order      *order,
                   OrderRef   *ref,
                   const char **categories,
                   const char **tags,
                   GPtrArray   *owned,
                   GError     **error)
{
  sqlite3_stmt *stmt = run->stmts[STMT_LINE_TEXTS];
  int rc;

  sqlite3_bind_int64 (stmt, 1, ref->id);
  sqlite3_bind_int64 (stmt, 2, ref->n_lines + 1);
  sqlite3_bind_int64 (stmt, 3, ref->n_lines + order->lines->len);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 i = sqlite3_column_int64 (stmt, 0) - ref->n_lines - 1;
      const char *category = (const char *) sqlite3_column_text (stmt, 1);
      const char *tag_list = (const char *) sqlite3_column_text (stmt, 2);

      if (category != NULL)
        g_ptr_array_add (owned, (gpointer) (categories[i] = g_strdup (category)));
      if (tag_list != NULL)
        g_ptr_array_add (owned, (gpointer) (tags[i] = g_strdup (tag_list)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (run, error);
  return TRUE;
}

static gboolean
write_lines (Run      *run,
             Order    *order,
             OrderRef *ref,
             GError  **error)
{
  /* A new order's lines are plain inserts, an existing one's are merged. */
  sqlite3_stmt *stmt = run->stmts[ref->existed ? STMT_LINE_UPSERT : STMT_LINE_INSERT];
  g_autoptr(GPtrArray) owned = NULL;
  g_autofree const char **categories = NULL;
  g_autofree const char **tags = NULL;
  gboolean missing = FALSE;

  /* Only line items the file leaves without a category or tags need the
   * store's. */
  for (guint i = 0; ref->existed && i < order->lines->len; i++)
    {
      Line *line = &g_array_index (order->lines, Line, i);

      missing |= line->category == NULL || line->tags == NULL;
    }
  if (missing)
    {
      owned = g_ptr_array_new_with_free_func (g_free);
      categories = g_new0 (const char *, order->lines->len);
      tags = g_new0 (const char *, order->lines->len);
      if (!stored_line_texts (run, order, ref, categories, tags, owned, error))
        return FALSE;
    }

  for (guint i = 0; i < order->lines->len; i++)
    {
      Line *line = &g_array_index (order->lines, Line, i);
      const char *texts[5] = { line->product, line->sku, line->category, line->tags,
                               line->vendor };
      gint64 product;

      if (categories != NULL && texts[2] == NULL)
        texts[2] = categories[i];
      if (tags != NULL && texts[3] == NULL)
        texts[3] = tags[i];
      if (!product_id (run, texts, &product, error))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, ref->id);
      sqlite3_bind_int64 (stmt, 2, ++ref->n_lines);
      if (product != 0)
        sqlite3_bind_int64 (stmt, 3, product);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int64 (stmt, 4, line->quantity);
      sqlite3_bind_int64 (stmt, 5, line->price_cents);
      if (!step_done (run, stmt, error))
        return FALSE;
      run->summary->line_items++;
    }

  /* Line items the store has beyond those are removed at the end
   * (trim_lines()): the order's rows may go on further down the file. */
  if (ref->existed)
    run->touched_orders[ref->id] = MIN (ref->n_lines, G_MAXUINT16 - 1) + 1;
  return TRUE;
}

/* An export replaces an order's line items: drop those it no longer has. */
static gboolean
trim_lines (Run     *run,
            GError **error)
{
  sqlite3_stmt *stmt = run->stmts[STMT_LINES_TRIM];

  for (gint64 id = 1; run->touched_orders != NULL && id <= run->last_order_id; id++)
    {
      if (run->touched_orders[id] == 0)
        continue;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, run->touched_orders[id] - 1);
      if (!step_done (run, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
lines_total (Order *order)
{
  gint64 total = 0;

  for (guint i = 0; i < order->lines->len; i++)
    {
      Line *line = &g_array_index (order->lines, Line, i);

      total += line->quantity * line->price_cents;
    }
  return total;
}

static gboolean
flush_checkout (Run      *run,
                Order    *order,
                gint64    customer_id,
                GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 id;

  for (guint k = 0; k < 2; k++)
    {
      stmt = run->stmts[k == 0 ? STMT_CHECKOUT_INSERT : STMT_CHECKOUT_UPDATE];
      sqlite3_bind_text (stmt, 1, run->source, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, order->key, -1, SQLITE_STATIC);
      if (customer_id > 0)
        sqlite3_bind_int64 (stmt, 3, customer_id);
      else
        sqlite3_bind_null (stmt, 3);
      bind_text_or_null (stmt, 4, order->customer.email);
      sqlite3_bind_text (stmt, 5, order->created_at, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, order->day);
      sqlite3_bind_int64 (stmt, 7, order->has_total ? order->total : lines_total (order));
      bind_text_or_null (stmt, 8, order->url);
      if (!step_id (run, stmt, &id, &found, error))
        return FALSE;
      if (found)
        {
          if (k == 0)
            run->summary->checkouts_added++;
          else
            run->summary->checkouts_updated++;
          return TRUE;
        }
    }
  return TRUE;
}

/* An order number met again further down the file, after other orders:
 * its rows add line items to the order this import already wrote. */
static gboolean
continue_order (Run     *run,
                Order   *order,
                gint64   id,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  OrderRef ref = { id, 0, FALSE };

  if (id <= run->last_order_id)
    {
      ref.existed = TRUE;
      ref.n_lines = run->touched_orders[id] - 1;
    }
  else
    {
      if (sqlite3_prepare_v2 (run->db, "SELECT coalesce (max (line_no), 0) FROM order_lines "
                              "WHERE order_id = ?1", -1, &stmt, NULL) != SQLITE_OK)
        return set_db_error (run, error);
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return set_db_error (run, error);
      ref.n_lines = sqlite3_column_int (stmt, 0);
    }
  if (!write_lines (run, order, &ref, error))
    return FALSE;
  if (!order->has_total && order->lines->len > 0)
    {
      /* Transaction files: the total is the sum of the lines. */
      sqlite3_stmt *add = run->stmts[STMT_ORDER_ADD_TOTAL];

      sqlite3_bind_int64 (add, 1, lines_total (order));
      sqlite3_bind_int64 (add, 2, id);
      if (!step_done (run, add, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
flush_order (Run     *run,
             GError **error)
{
  Order *order = run->order;
  OrderRef ref = { 0, 0, FALSE };
  gint64 customer_id = 0;
  gint64 total, net;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  gboolean ok = FALSE;

  run->order = NULL;
  if (order == NULL)
    return TRUE;
  if (order->bad)
    {
      order_free (order);
      return TRUE;
    }

  if (order->has_customer
      && !upsert_customer (run, &order->customer, TRUE, &customer_id, error))
    goto out;

  if (run->target == SEG_IMPORT_TARGET_CHECKOUTS)
    {
      ok = flush_checkout (run, order, customer_id, error);
      goto out;
    }

  total = order->has_total ? order->total : lines_total (order);
  if (order->refunded_in_full && order->refunded == 0)
    order->refunded = total;
  net = total - order->refunded;

  for (guint k = 0; k < 3; k++)
    {
      static const int kinds[] = { STMT_ORDER_INSERT, STMT_ORDER_ID, STMT_ORDER_UPDATE };

      stmt = run->stmts[kinds[k]];
      sqlite3_bind_text (stmt, 1, run->source, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, order->key, -1, SQLITE_STATIC);
      if (kinds[k] != STMT_ORDER_ID)
        {
          if (customer_id > 0)
            sqlite3_bind_int64 (stmt, 3, customer_id);
          else
            sqlite3_bind_null (stmt, 3);
          bind_text_or_null (stmt, 4, order->customer.email);
          sqlite3_bind_text (stmt, 5, order->created_at, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 6, order->day);
          bind_text_or_null (stmt, 7, order->financial_status);
          bind_text_or_null (stmt, 8, order->fulfillment_status);
          sqlite3_bind_int (stmt, 9, order->cancelled);
          bind_text_or_null (stmt, 10, order->currency);
          sqlite3_bind_int64 (stmt, 11, order->subtotal);
          sqlite3_bind_int64 (stmt, 12, order->shipping);
          sqlite3_bind_int64 (stmt, 13, order->taxes);
          sqlite3_bind_int64 (stmt, 14, total);
          bind_text_or_null (stmt, 15, order->discount_code);
          sqlite3_bind_int64 (stmt, 16, order->discount);
          sqlite3_bind_int64 (stmt, 17, order->refunded);
          sqlite3_bind_int64 (stmt, 18, net);
          bind_text_or_null (stmt, 19, order->channel);
          bind_text_or_null (stmt, 20, order->country);
          bind_text_or_null (stmt, 21, order->region);
          bind_text_or_null (stmt, 22, order->city);
        }

      if (k == 0)
        {
          /* The path every new order takes: cheaper than RETURNING. */
          if (!step_done (run, stmt, error))
            goto out;
          if (sqlite3_changes (run->db) > 0)
            {
              ref.id = sqlite3_last_insert_rowid (run->db);
              run->summary->orders_added++;
              found = TRUE;
              break;
            }
          continue;
        }

      if (!step_id (run, stmt, &ref.id, &found, error))
        goto out;
      if (k == 1)
        {
          g_assert (found);
          if (ref.id > run->last_order_id || run->touched_orders[ref.id] != 0)
            {
              ok = continue_order (run, order, ref.id, error);
              goto out;
            }
          found = FALSE;
          continue;
        }
      /* An order that was in the store before. */
      ref.existed = TRUE;
      if (found)
        run->summary->orders_updated++;
      else
        run->summary->orders_unchanged++;
    }

  ok = write_lines (run, order, &ref, error);

out:
  order_free (order);
  return ok;
}

static gboolean
import_order_row (Run     *run,
                  GError **error)
{
  const char *key = run->v[SEG_IMPORT_FIELD_ORDER_KEY];

  if (key == NULL)
    {
      skip_row (run, value_column (run, SEG_IMPORT_FIELD_ORDER_KEY),
                not_a (run, SEG_IMPORT_FIELD_ORDER_KEY,
                       _("“%s” is empty: the row belongs to no order")));
      return TRUE;
    }
  if (seg_normalize_is_mangled_number (key))
    {
      skip_row (run, value_column (run, SEG_IMPORT_FIELD_ORDER_KEY),
                not_a (run, SEG_IMPORT_FIELD_ORDER_KEY,
                       _("“%s” holds “%s”, an order number a spreadsheet rounded into "
                         "scientific notation; its digits are lost. Export the file again "
                         "without opening it in a spreadsheet.")));
      return TRUE;
    }

  if (run->order == NULL || strcmp (run->order->key, key) != 0)
    {
      if (!flush_order (run, error))
        return FALSE;
      run->order = start_order (run, key);
      if (run->order->bad)
        return TRUE;
    }

  if (run->order->bad)
    {
      skip_row (run, -1,
                g_strdup_printf (_("the order “%s” could not be imported (see line %"
                                   "zu" ")"),
                                 key, run->order->line));
      return TRUE;
    }
  if (run->target == SEG_IMPORT_TARGET_ORDERS)
    gather_lines (run, run->order);
  return TRUE;
}

/* ---- Campaign results ------------------------------------------------- */

static gboolean
parse_count (Run              *run,
             SegImportFieldId  field,
             gint64           *value)
{
  *value = 0;
  if (run->v[field] == NULL)
    return TRUE;
  if (seg_normalize_int (run->v[field], value) && *value >= 0)
    return TRUE;
  skip_row (run, value_column (run, field),
            not_a (run, field, _("“%s” is not a whole number: “%s”")));
  return FALSE;
}

static gboolean
import_campaign_row (Run     *run,
                     GError **error)
{
  const char *name = run->v[SEG_IMPORT_FIELD_CAMPAIGN_NAME];
  const char *variant = run->v[SEG_IMPORT_FIELD_VARIANT];
  const char *subject = run->v[SEG_IMPORT_FIELD_CAMPAIGN_SUBJECT];
  gint64 sent, opens, clicks, orders, revenue = 0;
  gint32 day = SEG_DAY_INVALID;
  gint64 *campaign_id;
  sqlite3_stmt *stmt;

  if (name == NULL)
    {
      skip_row (run, value_column (run, SEG_IMPORT_FIELD_CAMPAIGN_NAME),
                not_a (run, SEG_IMPORT_FIELD_CAMPAIGN_NAME,
                       _("“%s” is empty: the row belongs to no campaign")));
      return TRUE;
    }
  if (run->v[SEG_IMPORT_FIELD_CAMPAIGN_DATE] != NULL
      && !parse_day (run, SEG_IMPORT_FIELD_CAMPAIGN_DATE, &day, NULL))
    {
      skip_row (run, value_column (run, SEG_IMPORT_FIELD_CAMPAIGN_DATE),
                not_a_date (run, SEG_IMPORT_FIELD_CAMPAIGN_DATE));
      return TRUE;
    }
  if (!parse_count (run, SEG_IMPORT_FIELD_SENT, &sent)
      || !parse_count (run, SEG_IMPORT_FIELD_OPENS, &opens)
      || !parse_count (run, SEG_IMPORT_FIELD_CLICKS, &clicks)
      || !parse_count (run, SEG_IMPORT_FIELD_CAMPAIGN_ORDERS, &orders)
      || !parse_money_field (run, SEG_IMPORT_FIELD_CAMPAIGN_REVENUE, &revenue, TRUE))
    return TRUE;

  campaign_id = g_hash_table_lookup (run->campaigns, name);
  if (campaign_id == NULL || day != SEG_DAY_INVALID)
    {
      gboolean found;
      gint64 id;

      stmt = run->stmts[STMT_CAMPAIGN_UPSERT];
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      if (day != SEG_DAY_INVALID)
        sqlite3_bind_int (stmt, 2, day);
      else
        sqlite3_bind_null (stmt, 2);
      bind_text_or_null (stmt, 3, variant == NULL ? subject : NULL);
      bind_text_or_null (stmt, 4, run->v[SEG_IMPORT_FIELD_CAMPAIGN_KIND]);
      if (!step_done (run, stmt, error))
        return FALSE;
      stmt = run->stmts[STMT_CAMPAIGN_ID];
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      if (!step_id (run, stmt, &id, &found, error))
        return FALSE;
      g_assert (found);
      campaign_id = g_memdup2 (&id, sizeof id);
      g_hash_table_replace (run->campaigns, g_strdup (name), campaign_id);
    }

  stmt = run->stmts[STMT_RESULT_UPSERT];
  sqlite3_bind_int64 (stmt, 1, *campaign_id);
  sqlite3_bind_text (stmt, 2, run->v[SEG_IMPORT_FIELD_SEGMENT_NAME]
                              ? run->v[SEG_IMPORT_FIELD_SEGMENT_NAME] : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, variant ? variant : "", -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, subject);
  sqlite3_bind_int64 (stmt, 5, sent);
  sqlite3_bind_int64 (stmt, 6, opens);
  sqlite3_bind_int64 (stmt, 7, clicks);
  sqlite3_bind_int64 (stmt, 8, orders);
  sqlite3_bind_int64 (stmt, 9, revenue);
  if (!step_done (run, stmt, error))
    return FALSE;
  if (sqlite3_changes (run->db) > 0)
    run->summary->campaign_rows++;
  return TRUE;
}

/* ---- SQL -------------------------------------------------------------- */

/* "a = expr, b = expr" and "a IS NOT expr OR b IS NOT expr" for an UPDATE
 * that only fires on a real change. */
static void
append_update (GString    *set,
               GString    *changed,
               const char *column,
               const char *expr)
{
  if (set->len > 0)
    g_string_append (set, ", ");
  g_string_append_printf (set, "%s = %s", column, expr);
  if (changed->len > 0)
    g_string_append (changed, " OR ");
  g_string_append_printf (changed, "%s IS NOT %s", column, expr);
}

static char *
customer_insert_sql (void)
{
  GString *sql = g_string_new ("INSERT OR IGNORE INTO customers (email, external_id, source");

  for (guint i = 0; i < N_CUSTOMER_COLUMNS; i++)
    g_string_append_printf (sql, ", %s", customer_columns[i]);
  g_string_append (sql, ", updated_at) VALUES (?1, ?2, ?3");
  for (guint i = 0; i < N_CUSTOMER_COLUMNS; i++)
    g_string_append_printf (sql, ", ?%u", 4 + i);
  g_string_append_printf (sql, ", ?%u)", 4 + N_CUSTOMER_COLUMNS);
  return g_string_free (sql, FALSE);
}

static char *
customer_update_sql (void)
{
  g_autoptr(GString) set = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);

  append_update (set, changed, "external_id", "coalesce (external_id, ?2)");
  append_update (set, changed, "source", "coalesce (source, ?3)");
  for (guint i = 0; i < N_CUSTOMER_COLUMNS; i++)
    {
      g_autofree char *expr = g_strdup_printf ("coalesce (?%u, %s)", 4 + i,
                                               customer_columns[i]);

      append_update (set, changed, customer_columns[i], expr);
    }
  return g_strdup_printf ("UPDATE OR IGNORE customers SET %s, updated_at = ?%u "
                          "WHERE id = ?%u AND (%s)",
                          set->str, 4 + N_CUSTOMER_COLUMNS, 5 + N_CUSTOMER_COLUMNS,
                          changed->str);
}

static const char order_columns_sql[] =
  "source, order_key, customer_id, email, created_at, order_day, financial_status, "
  "fulfillment_status, cancelled, currency, subtotal_cents, shipping_cents, taxes_cents, "
  "total_cents, discount_code, discount_cents, refunded_cents, net_cents, source_channel, "
  "country, region, city";

static char *
order_update_sql (void)
{
  static const struct { const char *column; const char *expr; } columns[] = {
    { "customer_id", "coalesce (?3, customer_id)" },
    { "email", "coalesce (?4, email)" },
    { "created_at", "?5" },
    { "order_day", "?6" },
    { "financial_status", "coalesce (?7, financial_status)" },
    { "fulfillment_status", "coalesce (?8, fulfillment_status)" },
    { "cancelled", "?9" },
    { "currency", "coalesce (?10, currency)" },
    { "subtotal_cents", "?11" },
    { "shipping_cents", "?12" },
    { "taxes_cents", "?13" },
    { "total_cents", "?14" },
    { "discount_code", "coalesce (?15, discount_code)" },
    { "discount_cents", "?16" },
    { "refunded_cents", "?17" },
    { "net_cents", "?18" },
    { "source_channel", "coalesce (?19, source_channel)" },
    { "country", "coalesce (?20, country)" },
    { "region", "coalesce (?21, region)" },
    { "city", "coalesce (?22, city)" },
  };
  g_autoptr(GString) set = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    append_update (set, changed, columns[i].column, columns[i].expr);
  return g_strdup_printf ("UPDATE OR IGNORE orders SET %s WHERE source = ?1 AND order_key = ?2 "
                          "AND (%s) RETURNING id", set->str, changed->str);
}

static gboolean
prepare_statements (Run     *run,
                    GError **error)
{
  g_autofree char *customer_insert = customer_insert_sql ();
  g_autofree char *customer_update = customer_update_sql ();
  g_autofree char *order_insert =
    g_strdup_printf ("INSERT OR IGNORE INTO orders (%s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                     "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
                     order_columns_sql);
  g_autofree char *order_update = order_update_sql ();
  const char *sql[N_STMTS] = {
    [STMT_CUSTOMER_BY_EMAIL] = "SELECT id FROM customers WHERE email = ?1",
    [STMT_CUSTOMER_BY_EXTERNAL] =
      "SELECT id FROM customers WHERE email IS NULL AND external_id = ?2 AND source = ?1",
    [STMT_CUSTOMER_INSERT] = customer_insert,
    [STMT_CUSTOMER_UPDATE] = customer_update,
    [STMT_ATTRIBUTE_UPSERT] =
      "INSERT INTO customer_attributes (customer_id, name, value) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (customer_id, name) DO UPDATE SET value = excluded.value "
      "WHERE value IS NOT excluded.value",
    [STMT_ORDER_INSERT] = order_insert,
    [STMT_ORDER_UPDATE] = order_update,
    [STMT_ORDER_ID] = "SELECT id FROM orders WHERE source = ?1 AND order_key = ?2",
    [STMT_LINE_UPSERT] =
      "INSERT INTO order_lines (order_id, line_no, product_id, quantity, price_cents) "
      "VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (order_id, line_no) DO UPDATE SET product_id = excluded.product_id, "
      "quantity = excluded.quantity, price_cents = excluded.price_cents "
      "WHERE product_id IS NOT excluded.product_id OR quantity IS NOT excluded.quantity "
      "OR price_cents IS NOT excluded.price_cents",
    [STMT_LINE_INSERT] =
      "INSERT OR IGNORE INTO order_lines (order_id, line_no, product_id, quantity, price_cents) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_LINES_TRIM] = "DELETE FROM order_lines WHERE order_id = ?1 AND line_no > ?2",
    [STMT_LINE_TEXTS] =
      "SELECT l.line_no, p.category, p.tags FROM order_lines AS l "
      "JOIN products AS p ON p.id = l.product_id "
      "WHERE l.order_id = ?1 AND l.line_no BETWEEN ?2 AND ?3",
    [STMT_PRODUCT_INSERT] =
      "INSERT INTO products (name, sku, category, tags, vendor) VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_ORDER_ADD_TOTAL] =
      "UPDATE orders SET total_cents = total_cents + ?1, net_cents = net_cents + ?1 "
      "WHERE id = ?2",
    [STMT_CHECKOUT_INSERT] =
      "INSERT INTO checkouts (source, checkout_key, customer_id, email, created_at, "
      "checkout_day, total_cents, url) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
      "ON CONFLICT (source, checkout_key) DO NOTHING RETURNING id",
    [STMT_CHECKOUT_UPDATE] =
      "UPDATE checkouts SET customer_id = coalesce (?3, customer_id), "
      "email = coalesce (?4, email), created_at = ?5, checkout_day = ?6, total_cents = ?7, "
      "url = coalesce (?8, url) WHERE source = ?1 AND checkout_key = ?2 AND ("
      "customer_id IS NOT coalesce (?3, customer_id) OR email IS NOT coalesce (?4, email) "
      "OR created_at IS NOT ?5 OR checkout_day IS NOT ?6 OR total_cents IS NOT ?7 "
      "OR url IS NOT coalesce (?8, url)) RETURNING id",
    [STMT_CAMPAIGN_UPSERT] =
      "INSERT INTO campaigns (name, sent_day, subject, kind) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (name) DO UPDATE SET sent_day = coalesce (excluded.sent_day, sent_day), "
      "subject = coalesce (excluded.subject, subject), kind = coalesce (excluded.kind, kind) "
      "WHERE sent_day IS NOT coalesce (excluded.sent_day, sent_day) "
      "OR subject IS NOT coalesce (excluded.subject, subject) "
      "OR kind IS NOT coalesce (excluded.kind, kind)",
    [STMT_CAMPAIGN_ID] = "SELECT id FROM campaigns WHERE name = ?1",
    [STMT_RESULT_UPSERT] =
      "INSERT INTO campaign_results (campaign_id, segment_name, variant, subject, sent, "
      "opens, clicks, orders, revenue_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
      "ON CONFLICT (campaign_id, segment_name, variant) DO UPDATE SET "
      "subject = coalesce (excluded.subject, subject), sent = excluded.sent, "
      "opens = excluded.opens, clicks = excluded.clicks, orders = excluded.orders, "
      "revenue_cents = excluded.revenue_cents "
      "WHERE subject IS NOT coalesce (excluded.subject, subject) OR sent IS NOT excluded.sent "
      "OR opens IS NOT excluded.opens OR clicks IS NOT excluded.clicks "
      "OR orders IS NOT excluded.orders OR revenue_cents IS NOT excluded.revenue_cents",
  };

  for (guint i = 0; i < N_STMTS; i++)
    if (sqlite3_prepare_v3 (run->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &run->stmts[i], NULL) != SQLITE_OK)
      return set_db_error (run, error);
  return TRUE;
}

/* ---- The run ---------------------------------------------------------- */

static void
run_clear (Run *run)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&run->stmts[i], sqlite3_finalize);
  for (guint i = 0; i < SEG_IMPORT_N_FIELDS; i++)
    g_clear_pointer (&run->field_columns[i], g_array_unref);
  g_clear_pointer (&run->attribute_columns, g_array_unref);
  g_clear_pointer (&run->scratch, g_ptr_array_unref);
  g_clear_pointer (&run->customers, g_hash_table_unref);
  g_clear_pointer (&run->campaigns, g_hash_table_unref);
  g_clear_pointer (&run->countries, g_hash_table_unref);
  g_clear_pointer (&run->regions, g_hash_table_unref);
  g_clear_pointer (&run->products, g_hash_table_unref);
  g_clear_pointer (&run->order, order_free);
  g_clear_pointer (&run->deferred_indexes, g_ptr_array_unref);
  g_clear_pointer (&run->touched_orders, g_free);
  g_clear_object (&run->rows);
  g_clear_pointer (&run->now, g_free);
  g_clear_pointer (&run->file_sha256, g_free);
  if (run->db != NULL)
    {
      if (!sqlite3_get_autocommit (run->db))
        sqlite3_exec (run->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (run->db);
      run->db = NULL;
    }
}

static void
index_columns (Run *run)
{
  guint n = seg_import_mapping_get_n_columns (run->mapping);

  for (guint i = 0; i < SEG_IMPORT_N_FIELDS; i++)
    g_clear_pointer (&run->field_columns[i], g_array_unref);
  g_clear_pointer (&run->attribute_columns, g_array_unref);
  for (guint i = 0; i < SEG_IMPORT_N_FIELDS; i++)
    run->field_columns[i] = g_array_new (FALSE, FALSE, sizeof (guint));
  run->attribute_columns = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint c = 0; c < n; c++)
    {
      SegImportFieldId field = seg_import_mapping_get_column_field_id (run->mapping, c, NULL);

      if (field == SEG_IMPORT_FIELD_ATTRIBUTE)
        g_array_append_val (run->attribute_columns, c);
      else if (field != SEG_IMPORT_FIELD_IGNORE)
        g_array_append_val (run->field_columns[field], c);
    }
}

/* Makes @mapping's file the one the rows come from. */
static void
start_file (Run              *run,
            SegImportMapping *mapping)
{
  SegImportPreset preset = seg_import_mapping_get_preset (mapping);

  run->mapping = mapping;
  run->member = seg_import_mapping_get_member (mapping);
  run->target = seg_import_mapping_get_target (mapping);
  run->source = seg_import_preset_get_source (preset);
  run->implied_email_status =
    seg_import_preset_get_implied_email_status (preset, seg_import_mapping_get_header (mapping),
                                                seg_import_mapping_get_n_columns (mapping));
  g_assert (run->order == NULL);
  index_columns (run);
}

static SegCsvReader *
open_reader (Run     *run,
             GError **error)
{
  SegCsvReader *reader;
  GError *local_error = NULL;

  reader = seg_import_mapping_open_reader (run->mapping, error);
  if (reader == NULL)
    return NULL;
  /* As the preview read it (the sniff of a whole file could differ). */
  seg_csv_reader_set_delimiter (reader, seg_import_mapping_get_delimiter (run->mapping));
  /* The header. */
  if (!seg_csv_reader_read_row (reader, run->cancellable, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_EMPTY,
                     _("“%s” is empty: it has no header row."),
                     seg_csv_reader_get_display_name (reader));
      g_object_unref (reader);
      return NULL;
    }
  return reader;
}

/* Decides the day/month order of every date field, reading as far as it
 * takes: a column whose every date fits both orders is a question for the
 * user, not a guess. */
static gboolean
choose_date_orders (Run     *run,
                    GError **error)
{
  SegDateOrder order = seg_import_mapping_get_date_order (run->mapping);
  SegDateSniffer sniffers[SEG_IMPORT_N_FIELDS];
  char *examples[SEG_IMPORT_N_FIELDS] = { NULL };
  gboolean wanted[SEG_IMPORT_N_FIELDS] = { FALSE };
  g_autoptr(SegCsvReader) reader = NULL;
  gboolean any = FALSE;
  guint64 rows = 0;
  GError *local_error = NULL;
  gboolean ok = TRUE;

  for (guint f = 0; f < SEG_IMPORT_N_FIELDS; f++)
    {
      run->date_order[f] = order;
      wanted[f] = seg_import_field_get_info (f)->is_date && run->field_columns[f]->len > 0;
      any |= wanted[f];
      seg_date_sniffer_init (&sniffers[f]);
    }
  if (order != SEG_DATE_ORDER_AUTO || !any)
    return TRUE;

  reader = open_reader (run, error);
  if (reader == NULL)
    return FALSE;

  while (seg_csv_reader_read_row (reader, run->cancellable, &local_error))
    {
      gboolean unsettled = FALSE;

      rows++;
      for (guint f = 0; f < SEG_IMPORT_N_FIELDS; f++)
        {
          SegDateColumn result;

          if (!wanted[f])
            continue;
          for (guint i = 0; i < run->field_columns[f]->len; i++)
            {
              const char *cell = seg_csv_reader_get_field (reader,
                                                           g_array_index (run->field_columns[f],
                                                                          guint, i));

              seg_date_sniffer_add (&sniffers[f], cell);
              if (examples[f] == NULL && cell != NULL && *cell != '\0'
                  && strchr (cell, '/') != NULL)
                examples[f] = g_strdup (cell);
            }
          result = seg_date_sniffer_get_result (&sniffers[f]);
          if (result == SEG_DATE_COLUMN_EMPTY || result == SEG_DATE_COLUMN_AMBIGUOUS)
            unsettled = TRUE;
        }
      if (!unsettled && rows >= DATE_SNIFF_ROWS)
        break;
      if (rows % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (run->cancellable,
                                                                          &local_error))
        break;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      ok = FALSE;
    }

  for (guint f = 0; ok && f < SEG_IMPORT_N_FIELDS; f++)
    {
      if (!wanted[f])
        continue;
      switch (seg_date_sniffer_get_result (&sniffers[f]))
        {
        case SEG_DATE_COLUMN_MONTH_FIRST:
          run->date_order[f] = SEG_DATE_ORDER_MONTH_FIRST;
          break;
        case SEG_DATE_COLUMN_DAY_FIRST:
          run->date_order[f] = SEG_DATE_ORDER_DAY_FIRST;
          break;
        case SEG_DATE_COLUMN_AMBIGUOUS:
          {
            guint c = g_array_index (run->field_columns[f], guint, 0);
            const char *name = column_name (run, c);

            g_free (run->self->ambiguous_column);
            run->self->ambiguous_column = g_strdup (name);
            g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_AMBIGUOUS_DATES,
                         _("Every date in the column “%s” can be read day first or month "
                           "first (“%s” could be either). Say which order the file uses "
                           "(day/month/year or month/day/year), then import again."),
                         name, examples[f] ? examples[f] : "");
            ok = FALSE;
          }
          break;
        default:
          break;
        }
    }

  for (guint f = 0; f < SEG_IMPORT_N_FIELDS; f++)
    g_free (examples[f]);
  return ok;
}

static gboolean
begin_import (Run     *run,
              GError **error)
{
  /* A big page cache for the length of the import; this connection is
   * ours and closes afterwards. */
  /* Foreign keys are checked row by row at a cost of a parent lookup and a
   * statement journal per insert; every id the importer writes comes from
   * the row it just inserted or looked up, so they hold by construction. */
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Index builds sort in temporary files rather than in memory, which
   * keeps a million-line import well under 200 MB.  No memory map on this
   * connection: every page of the store read through the map counts as
   * the process's own memory (a 100k-line update of a 1M-line store
   * peaked at 284 MB with the store's 256 MB map, 65 MB without), and
   * the page cache serves the import as fast. */
  if (!exec_sql (run, "PRAGMA cache_size = -32768", error)
      || !exec_sql (run, "PRAGMA mmap_size = 0", error)
      || !exec_sql (run, "PRAGMA temp_store = FILE", error)
      || !exec_sql (run, "PRAGMA threads = 2", error)
      || !exec_sql (run, "PRAGMA foreign_keys = OFF", error)
      || !exec_sql (run, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (sqlite3_prepare_v2 (run->db, "SELECT coalesce (max (id), 0) FROM orders", -1, &stmt,
                          NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return set_db_error (run, error);
  run->last_order_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (sqlite3_prepare_v2 (run->db, "SELECT NOT EXISTS (SELECT 1 FROM customers)", -1, &stmt,
                          NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return set_db_error (run, error);
  run->no_customers = sqlite3_column_int (stmt, 0);
  if (run->any_orders)
    {
      run->touched_orders = g_new0 (guint16, run->last_order_id + 1);
      if (!load_products (run, error))
        return FALSE;
    }
  return TRUE;
}

/* Keeping secondary indexes current row by row costs more than building
 * them once at the end, when the import is large for the store: drop them
 * (inside the transaction, so a failed import brings them back) and
 * recreate them after the rows.  Unique indexes stay: they key the
 * upserts. */
static gboolean
defer_indexes (Run     *run,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) drop = NULL;
  goffset size;
  gint64 existing = 0;
  int rc;

  run->deferred_indexes = g_ptr_array_new_with_free_func (g_free);
  if (run->target != SEG_IMPORT_TARGET_ORDERS || run->self->mappings->len > 1)
    return TRUE;

  {
    g_autoptr(GFile) file = g_file_new_for_path (seg_import_mapping_get_path (run->mapping));
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);

    size = info ? g_file_info_get_size (info) : 0;
  }
  /* Exports spend a few hundred bytes per line item, and stores hold one
   * or two line items per order. */
  existing = 2 * run->last_order_id;
  if (size / 400 < MAX (existing, 20000))
    return TRUE;

  if (sqlite3_prepare_v2 (run->db,
                          "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                          "AND tbl_name IN ('orders', ?1) AND sql IS NOT NULL "
                          "AND sql NOT LIKE 'CREATE UNIQUE%'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_db_error (run, error);
  sqlite3_bind_text (stmt, 1, "order_lines", -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
      g_ptr_array_add (run->deferred_indexes,
                       g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return set_db_error (run, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  drop = g_strv_builder_end (names);
  for (guint i = 0; drop[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"", drop[i]);

      if (!exec_sql (run, sql, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
restore_indexes (Run     *run,
                 GError **error)
{
  if (run->deferred_indexes == NULL || run->deferred_indexes->len == 0)
    return TRUE;

  /* SQLite sizes an index build's sort runs by the page cache: a 2 MB
   * cache keeps each run within the processor's caches and merges them
   * from temporary files, which builds a million-line index in half the
   * time the import's 32 MB cache does (docs/PERFORMANCE.md). */
  if (!exec_sql (run, "PRAGMA cache_size = -2000", error))
    return FALSE;
  for (guint i = 0; i < run->deferred_indexes->len; i++)
    {
      const char *sql = g_ptr_array_index (run->deferred_indexes, i);
      gint64 wall = g_get_monotonic_time ();
      double cpu = cpu_seconds ();

      if (!exec_sql (run, sql, error))
        return FALSE;
      g_debug ("%s: %.3f s, cpu %.3f s", sql, (g_get_monotonic_time () - wall) / 1e6,
               cpu_seconds () - cpu);
    }
  g_ptr_array_set_size (run->deferred_indexes, 0);
  return exec_sql (run, "PRAGMA cache_size = -32768", error);
}

static gboolean
finish_import (Run     *run,
               GError **error)
{
  /* A checkout followed by an order from the same customer was recovered. */
  if (!exec_sql (run,
                 "UPDATE checkouts SET recovered = r.value FROM (SELECT k.id AS id, "
                 "EXISTS (SELECT 1 FROM orders AS o WHERE o.customer_id = k.customer_id "
                 "AND o.cancelled = 0 AND o.order_day >= k.checkout_day "
                 "AND o.created_at >= k.created_at) AS value FROM checkouts AS k "
                 "WHERE k.customer_id IS NOT NULL) AS r "
                 "WHERE checkouts.id = r.id AND checkouts.recovered IS NOT r.value",
                 error))
    return FALSE;
  /* Products no line item names any more (an order's items were replaced). */
  if (run->any_orders
      && !exec_sql (run,
                    "DELETE FROM products WHERE NOT EXISTS (SELECT 1 FROM order_lines "
                    "WHERE product_id = products.id)",
                    error))
    return FALSE;
  return TRUE;
}

/* One import_log row per file read: @before holds the summary's counts
 * when the file was started. */
static gboolean
log_file (Run                    *run,
          const SegImportSummary *before,
          GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *file_name = NULL;
  SegImportSummary *s = run->summary;

  if (run->member != NULL)
    file_name = g_strdup_printf ("%s: %s", s->file_name, run->member);
  else
    file_name = g_strdup (s->file_name);

  if (sqlite3_prepare_v2 (run->db,
                          "INSERT INTO import_log (imported_at, file_name, preset, rows_read, "
                          "customers_added, customers_updated, orders_added, orders_updated, "
                          "rows_skipped, file_sha256) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_db_error (run, error);
  sqlite3_bind_text (stmt, 1, run->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3,
                     seg_import_preset_get_id (seg_import_mapping_get_preset (run->mapping)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, s->rows_read - before->rows_read);
  sqlite3_bind_int64 (stmt, 5, s->customers_added - before->customers_added);
  sqlite3_bind_int64 (stmt, 6, s->customers_updated - before->customers_updated);
  sqlite3_bind_int64 (stmt, 7, s->orders_added - before->orders_added);
  sqlite3_bind_int64 (stmt, 8, s->orders_updated - before->orders_updated);
  sqlite3_bind_int64 (stmt, 9, s->rows_skipped - before->rows_skipped);
  if (run->file_sha256 != NULL)
    sqlite3_bind_text (stmt, 10, run->file_sha256, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_db_error (run, error);
  return TRUE;
}

static void
report_row_flags (Run *run)
{
  SegCsvRowFlags flags = seg_csv_read_ahead_get_row_flags (run->rows);

  if (flags & SEG_CSV_ROW_RAGGED)
    {
      guint n = seg_csv_read_ahead_get_n_fields (run->rows);
      guint h = run->n_header_fields;

      /* Platforms add columns over the years; a short row only lacks
       * trailing values.  A longer row may have shifted values: say so. */
      if (n > h)
        warn (run, -1, g_strdup_printf (_("this row has %u values but the header has %u "
                                          "columns; the extra values were ignored"), n, h));
    }
  if (flags & SEG_CSV_ROW_REENCODED)
    warn (run, -1, g_strdup (_("some text in this row was not UTF-8 and was read as "
                               "Windows-1252; check the accented letters")));
}

static gboolean
import_rows (Run                   *run,
             SegImportProgressFunc  progress,
             gpointer               user_data,
             GError               **error)
{
  g_autoptr(SegCsvReader) reader = NULL;
  GError *local_error = NULL;
  goffset size;

  reader = open_reader (run, error);
  if (reader == NULL)
    return FALSE;
  size = seg_csv_reader_get_size (reader);
  if (size <= 0)
    size = seg_import_mapping_get_size (run->mapping);
  run->n_header_fields = seg_csv_reader_get_n_header_fields (reader);
  /* Parsing goes on beside the SQLite work, on the second core. */
  run->rows = seg_csv_read_ahead_new (reader);

  while (seg_csv_read_ahead_read_row (run->rows, run->cancellable, &local_error))
    {
      gboolean ok = TRUE;

      run->summary->rows_read++;
      run->line = seg_csv_read_ahead_get_line (run->rows);
      if (G_UNLIKELY (seg_csv_read_ahead_get_row_flags (run->rows) != SEG_CSV_ROW_OK))
        report_row_flags (run);
      load_row_values (run);

      switch (run->target)
        {
        case SEG_IMPORT_TARGET_CUSTOMERS:
          ok = import_customer_row (run, error);
          break;
        case SEG_IMPORT_TARGET_ORDERS:
        case SEG_IMPORT_TARGET_CHECKOUTS:
          ok = import_order_row (run, error);
          break;
        case SEG_IMPORT_TARGET_CAMPAIGN_RESULTS:
          ok = import_campaign_row (run, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;

      if (G_UNLIKELY (run->summary->rows_read % CHECK_EVERY == 0))
        {
          if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
            return FALSE;
          if (progress != NULL && size > 0)
            progress (run->progress_base + run->progress_span
                      * MIN (1.0, (double) seg_csv_read_ahead_get_bytes_read (run->rows) / size),
                      user_data);
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  run->file_sha256 = seg_csv_reader_dup_sha256 (seg_csv_read_ahead_get_reader (run->rows));
  return flush_order (run, error);
}

static void
seg_importer_finalize (GObject *object)
{
  SegImporter *self = (SegImporter *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->mapping);
  g_clear_pointer (&self->mappings, g_ptr_array_unref);
  g_free (self->store_path);
  g_free (self->ambiguous_column);
  seg_import_summary_free (self->summary);

  G_OBJECT_CLASS (seg_importer_parent_class)->finalize (object);
}

static void
seg_importer_class_init (SegImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seg_importer_finalize;
}

static void
seg_importer_init (SegImporter *self)
{
}

/**
 * seg_importer_new:
 * @store: the store to import into
 * @mapping: a mapping made for the file with seg_import_mapping_new_for_path()
 *
 * Returns: (transfer full): a new importer
 */
SegImporter *
seg_importer_new (SegStore         *store,
                  SegImportMapping *mapping)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (mapping), NULL);

  return seg_importer_new_for_mappings (store, &mapping, 1);
}

/**
 * seg_importer_new_for_mappings:
 * @store: the store to import into
 * @mappings: (array length=n_mappings): mappings made for files (or the
 *   CSV files of one ZIP archive, seg_import_mapping_new_for_zip())
 * @n_mappings: how many, at least one
 *
 * An importer that reads every file, in order, in ONE transaction: all of
 * them go in, or none.
 *
 * Returns: (transfer full): a new importer
 */
SegImporter *
seg_importer_new_for_mappings (SegStore          *store,
                               SegImportMapping **mappings,
                               guint              n_mappings)
{
  SegImporter *self;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);
  g_return_val_if_fail (mappings != NULL && n_mappings > 0, NULL);
  for (guint i = 0; i < n_mappings; i++)
    {
      g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (mappings[i]), NULL);
      g_return_val_if_fail (seg_import_mapping_get_path (mappings[i]) != NULL, NULL);
    }

  self = g_object_new (SEG_TYPE_IMPORTER, NULL);
  self->store = g_object_ref (store);
  self->store_path = g_strdup (seg_store_get_path (store));
  self->mapping = g_object_ref (mappings[0]);
  self->mappings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_mappings; i++)
    g_ptr_array_add (self->mappings, g_object_ref (mappings[i]));
  self->reference_day = seg_store_get_reference_day (store);
  return self;
}

SegImportMapping *
seg_importer_get_mapping (SegImporter *self)
{
  g_return_val_if_fail (SEG_IS_IMPORTER (self), NULL);

  return self->mapping;
}

void
seg_importer_set_mode (SegImporter   *self,
                       SegImportMode  mode)
{
  g_return_if_fail (SEG_IS_IMPORTER (self));

  self->mode = mode;
}

SegImportMode
seg_importer_get_mode (SegImporter *self)
{
  g_return_val_if_fail (SEG_IS_IMPORTER (self), SEG_IMPORT_MODE_IMPORT);

  return self->mode;
}

void
seg_importer_set_reference_day (SegImporter *self,
                                gint32       day)
{
  g_return_if_fail (SEG_IS_IMPORTER (self));

  self->reference_day = day;
  self->reference_day_set = TRUE;
}

const SegImportSummary *
seg_importer_get_summary (SegImporter *self)
{
  g_return_val_if_fail (SEG_IS_IMPORTER (self), NULL);

  return self->summary;
}

const char *
seg_importer_get_ambiguous_column (SegImporter *self)
{
  g_return_val_if_fail (SEG_IS_IMPORTER (self), NULL);

  return self->ambiguous_column;
}

/**
 * seg_importer_run:
 * @self: a #SegImporter
 * @cancellable: (nullable): checked every 1024 rows
 * @progress: (nullable) (scope call): called on this thread
 * @user_data: data for @progress
 * @error: return location for a #GError
 *
 * Imports (or, in %SEG_IMPORT_MODE_CHECK, checks) the file in one
 * transaction on a connection of its own; safe to call from a worker
 * thread.  Rows that cannot be imported do not fail the import: they are
 * listed in the summary.  On failure or cancellation the store is as
 * before.
 *
 * Returns: %TRUE when the file was imported (or checked)
 */
gboolean
seg_importer_run (SegImporter            *self,
                  GCancellable           *cancellable,
                  SegImportProgressFunc   progress,
                  gpointer                user_data,
                  GError                **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) local_error = NULL;
  Run run = { 0 };
  gboolean ok = FALSE;
  gint64 started = g_get_monotonic_time ();

  g_return_val_if_fail (SEG_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_pointer (&self->summary, seg_import_summary_free);
  g_clear_pointer (&self->ambiguous_column, g_free);
  self->summary = summary_new ();
  self->summary->file_name = g_filename_display_basename (
    seg_import_mapping_get_path (self->mapping));
  self->summary->preset = g_strdup (
    seg_import_preset_get_id (seg_import_mapping_get_preset (self->mapping)));
  for (guint i = 1; i < self->mappings->len; i++)
    if (seg_import_mapping_get_preset (g_ptr_array_index (self->mappings, i))
        != seg_import_mapping_get_preset (self->mapping))
      {
        g_free (self->summary->preset);
        self->summary->preset = g_strdup ("multiple");
        break;
      }
  self->summary->checked_only = self->mode == SEG_IMPORT_MODE_CHECK;

  run.self = self;
  run.summary = self->summary;
  run.cancellable = cancellable;
  run.now = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  run.scratch = g_ptr_array_new_with_free_func (g_free);
  run.customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.campaigns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (progress != NULL)
    progress (0.0, user_data);

  for (guint i = 0; i < self->mappings->len; i++)
    {
      SegImportMapping *mapping = g_ptr_array_index (self->mappings, i);

      if (!seg_import_mapping_validate (mapping, &local_error))
        {
          if (seg_import_mapping_get_member (mapping) != NULL)
            g_prefix_error (&local_error, "%s: ", seg_import_mapping_get_member (mapping));
          goto out;
        }
      run.any_orders |= seg_import_mapping_get_target (mapping) == SEG_IMPORT_TARGET_ORDERS;
    }

  /* One file: its dates are settled before the store is locked. */
  start_file (&run, self->mapping);
  if (self->mappings->len == 1 && !choose_date_orders (&run, &local_error))
    goto out;

  run.db = seg_store_open_connection (self->store, &local_error);
  if (run.db == NULL)
    goto out;
  if (!begin_import (&run, &local_error) || !defer_indexes (&run, &local_error)
      || !prepare_statements (&run, &local_error))
    goto out;
  g_debug ("prepared: %.3f s, cpu %.3f s",
           (g_get_monotonic_time () - started) / 1e6, cpu_seconds ());

  for (guint i = 0; i < self->mappings->len; i++)
    {
      SegImportSummary before = *self->summary;

      if (i > 0)
        {
          start_file (&run, g_ptr_array_index (self->mappings, i));
          if (!choose_date_orders (&run, &local_error))
            goto out;
        }
      run.progress_base = 0.95 * i / self->mappings->len;
      run.progress_span = 0.95 / self->mappings->len;
      if (!import_rows (&run, progress, user_data, &local_error)
          || !log_file (&run, &before, &local_error))
        goto out;
      g_clear_object (&run.rows);
      g_clear_pointer (&run.file_sha256, g_free);
    }
  g_debug ("rows: %.3f s, cpu %.3f s",
           (g_get_monotonic_time () - started) / 1e6, cpu_seconds ());
  if (!trim_lines (&run, &local_error) || !restore_indexes (&run, &local_error))
    goto out;
  g_debug ("indexes: %.3f s, cpu %.3f s",
           (g_get_monotonic_time () - started) / 1e6, cpu_seconds ());
  if (!finish_import (&run, &local_error))
    goto out;
  g_debug ("finished: %.3f s, cpu %.3f s",
           (g_get_monotonic_time () - started) / 1e6, cpu_seconds ());

  if (self->mode == SEG_IMPORT_MODE_CHECK)
    {
      sqlite3_exec (run.db, "ROLLBACK", NULL, NULL, NULL);
      ok = TRUE;
      goto out;
    }

  if (progress != NULL)
    progress (0.96, user_data);
  if (!seg_measures_recompute (run.db, self->reference_day, cancellable, &local_error))
    goto out;
  g_debug ("measures: %.3f s, cpu %.3f s",
           (g_get_monotonic_time () - started) / 1e6, cpu_seconds ());
  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    goto out;
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&run.stmts[i], sqlite3_finalize);
  if (!exec_sql (&run, "COMMIT", &local_error))
    goto out;
  g_debug ("committed: %.3f s, cpu %.3f s",
           (g_get_monotonic_time () - started) / 1e6, cpu_seconds ());
  if (progress != NULL)
    progress (1.0, user_data);
  ok = TRUE;

out:
  run_clear (&run);
  if (!ok)
    {
      /* Name the file: the import may be one of several. */
      if (local_error->domain == G_IO_ERROR && local_error->code == G_IO_ERROR_CANCELLED)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ",
                                    self->summary->file_name);
    }
  return ok;
}

/* ---- Async ------------------------------------------------------------ */

typedef struct
{
  SegImportProgressFunc  progress;
  gpointer               progress_data;
  GDestroyNotify         progress_notify;
  GMainContext          *context;
} AsyncData;

typedef struct
{
  GTask  *task;
  double  fraction;
} ProgressIdle;

static void
async_data_free (gpointer p)
{
  AsyncData *data = p;

  if (data->progress_notify != NULL)
    data->progress_notify (data->progress_data);
  g_main_context_unref (data->context);
  g_free (data);
}

static gboolean
progress_idle_cb (gpointer p)
{
  ProgressIdle *idle = p;
  AsyncData *data = g_task_get_task_data (idle->task);

  data->progress (idle->fraction, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_idle_free (gpointer p)
{
  ProgressIdle *idle = p;

  g_object_unref (idle->task);
  g_free (idle);
}

static void
async_progress (double   fraction,
                gpointer user_data)
{
  GTask *task = user_data;
  AsyncData *data = g_task_get_task_data (task);
  ProgressIdle *idle;

  if (data->progress == NULL)
    return;
  idle = g_new (ProgressIdle, 1);
  idle->task = g_object_ref (task);
  idle->fraction = fraction;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_idle_cb, idle,
                              progress_idle_free);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SegImporter *self = source_object;
  GError *error = NULL;

  if (seg_importer_run (self, cancellable, async_progress, task, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
seg_importer_run_async (SegImporter           *self,
                        GCancellable          *cancellable,
                        SegImportProgressFunc  progress,
                        gpointer               progress_data,
                        GDestroyNotify         progress_notify,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (SEG_IS_IMPORTER (self));

  data = g_new0 (AsyncData, 1);
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_notify = progress_notify;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seg_importer_run_async);
  g_task_set_task_data (task, data, async_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
seg_importer_run_finish (SegImporter   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (SEG_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (self->mode == SEG_IMPORT_MODE_IMPORT)
    seg_store_emit_changed (self->store);
  return TRUE;
}
