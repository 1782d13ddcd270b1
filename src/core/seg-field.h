/* seg-field.h — the catalogue of fields a rule can test
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A field is what the store owner picks in the first column of a builder
 * row ("Orders", "Country", "Tags"); its id is the word used in the text
 * form of a rule ("orders >= 2").  The catalogue is static: fields, their
 * value types, the operators that fit them, and the country table that
 * geographic fields (world region, hemisphere, season, purchasing-power
 * tier) are derived from.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SEG_FIELD_KIND_DEMOGRAPHIC,
  SEG_FIELD_KIND_BEHAVIORAL,
  SEG_FIELD_KIND_PSYCHOGRAPHIC,
  SEG_FIELD_KIND_GEOGRAPHIC,
  SEG_FIELD_KIND_RFM,
} SegFieldKind;

typedef enum
{
  SEG_VALUE_TYPE_NUMBER,   /* a count or score: 2, 4.5 */
  SEG_VALUE_TYPE_MONEY,    /* major units in the text form (100.50), cents in SQL */
  SEG_VALUE_TYPE_DATE,     /* YYYY-MM-DD */
  SEG_VALUE_TYPE_DAYS,     /* a number of days before the reference day */
  SEG_VALUE_TYPE_PERCENT,  /* 0 to 100 */
  SEG_VALUE_TYPE_TEXT,     /* free text, compared without regard to ASCII case */
  SEG_VALUE_TYPE_ENUM,     /* one of the field's choices */
  SEG_VALUE_TYPE_TAGS,     /* a comma separated list of tags */
  SEG_VALUE_TYPE_BOOLEAN,  /* true or false */
} SegValueType;

typedef enum
{
  SEG_RULE_OPERATOR_IS,
  SEG_RULE_OPERATOR_IS_NOT,
  SEG_RULE_OPERATOR_IN,
  SEG_RULE_OPERATOR_NOT_IN,
  SEG_RULE_OPERATOR_GT,
  SEG_RULE_OPERATOR_GE,
  SEG_RULE_OPERATOR_LT,
  SEG_RULE_OPERATOR_LE,
  SEG_RULE_OPERATOR_BETWEEN,
  SEG_RULE_OPERATOR_BEFORE,
  SEG_RULE_OPERATOR_AFTER,
  SEG_RULE_OPERATOR_ON,
  SEG_RULE_OPERATOR_IN_LAST_DAYS,
  SEG_RULE_OPERATOR_MORE_THAN_DAYS_AGO,
  SEG_RULE_OPERATOR_CONTAINS,
  SEG_RULE_OPERATOR_NOT_CONTAINS,
  SEG_RULE_OPERATOR_IS_EMPTY,
  SEG_RULE_OPERATOR_IS_NOT_EMPTY,
  SEG_RULE_OPERATOR_STARTS_WITH,
  SEG_RULE_N_OPERATORS
} SegRuleOperator;

#define SEG_RULE_OPERATOR_MASK(op) (1u << (op))

typedef enum
{
  SEG_WORLD_REGION_NONE,
  SEG_WORLD_REGION_AFRICA,
  SEG_WORLD_REGION_ASIA,
  SEG_WORLD_REGION_EUROPE,
  SEG_WORLD_REGION_NORTH_AMERICA,
  SEG_WORLD_REGION_SOUTH_AMERICA,
  SEG_WORLD_REGION_OCEANIA,
  SEG_WORLD_REGION_MIDDLE_EAST,
} SegWorldRegion;

typedef enum
{
  SEG_HEMISPHERE_NORTH,
  SEG_HEMISPHERE_SOUTH,
} SegHemisphere;

/* The World Bank's income groups, a stand-in for purchasing power. */
typedef enum
{
  SEG_PPP_TIER_NONE,
  SEG_PPP_TIER_HIGH,
  SEG_PPP_TIER_UPPER_MIDDLE,
  SEG_PPP_TIER_LOWER_MIDDLE,
  SEG_PPP_TIER_LOW,
} SegPppTier;

typedef enum
{
  SEG_SEASON_SPRING,
  SEG_SEASON_SUMMER,
  SEG_SEASON_AUTUMN,
  SEG_SEASON_WINTER,
} SegSeason;

typedef struct
{
  const char     *code;          /* ISO 3166-1 alpha-2 */
  const char     *name;          /* English; translated through iso-codes */
  SegWorldRegion  world_region;
  SegHemisphere   hemisphere;    /* of the capital */
  SegPppTier      ppp_tier;
} SegCountryInfo;

typedef struct
{
  const char *id;                /* the word in the text form: "orders" */
  const char *label;             /* untranslated, see seg_field_get_label () */
  const char *noun;              /* untranslated, lower case, used in sentences */
  SegFieldKind kind;
  SegValueType value_type;
  guint       operators;         /* SEG_RULE_OPERATOR_MASK () bits */
  const char * const *choices;   /* NULL-terminated, or NULL */
  const char * const *choice_labels; /* untranslated, parallel to choices */
  guint       strict_choices : 1; /* values must be one of the choices */
  guint       period : 1;        /* accepts "within N days" */
  guint       attribute : 1;     /* attr("name"): takes an attribute name */
} SegField;

GType              seg_rule_operator_get_type   (void) G_GNUC_CONST;
#define SEG_TYPE_RULE_OPERATOR (seg_rule_operator_get_type ())

const SegField    *seg_field_lookup             (const char       *id);
const SegField    *seg_field_get_all            (guint            *n_fields);
const char        *seg_field_get_label          (const SegField   *field);
const char        *seg_field_get_noun           (const SegField   *field);
const char        *seg_field_kind_get_label     (SegFieldKind      kind);
gboolean           seg_field_allows_operator    (const SegField   *field,
                                                 SegRuleOperator   op);
const char        *seg_field_suggest            (const char       *unknown_id);
const char        *seg_field_get_choice_label   (const SegField   *field,
                                                 const char       *choice);

const char        *seg_rule_operator_to_string  (SegRuleOperator   op);
gboolean           seg_rule_operator_from_string (const char      *id,
                                                 SegRuleOperator  *op);
const char        *seg_rule_operator_get_label  (SegRuleOperator   op);
guint              seg_rule_operator_get_n_values (SegRuleOperator op);

const SegCountryInfo *seg_country_info_lookup  (const char       *code);
const SegCountryInfo *seg_country_info_get_all (guint            *n_countries);
const char        *seg_country_info_get_name    (const SegCountryInfo *country);
const char        *seg_world_region_to_string   (SegWorldRegion    region);
const char        *seg_hemisphere_to_string     (SegHemisphere     hemisphere);
const char        *seg_ppp_tier_to_string       (SegPppTier        tier);
const char        *seg_season_to_string         (SegSeason         season);
SegSeason          seg_season_for_month         (SegHemisphere     hemisphere,
                                                 int               month);

G_END_DECLS
