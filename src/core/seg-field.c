/* seg-field.c — the catalogue of fields a rule can test
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-field"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "seg-field.h"

#define OP(x) SEG_RULE_OPERATOR_MASK (SEG_RULE_OPERATOR_##x)

#define OPS_EMPTY   (OP (IS_EMPTY) | OP (IS_NOT_EMPTY))
#define OPS_NUMBER  (OP (IS) | OP (IS_NOT) | OP (GT) | OP (GE) | OP (LT) | OP (LE) | \
                     OP (BETWEEN))
#define OPS_SHARE   (OP (GT) | OP (GE) | OP (LT) | OP (LE) | OP (BETWEEN))
#define OPS_DATE    (OP (ON) | OP (BEFORE) | OP (AFTER) | OP (BETWEEN) | \
                     OP (IN_LAST_DAYS) | OP (MORE_THAN_DAYS_AGO) | OPS_EMPTY)
#define OPS_CHOICE  (OP (IS) | OP (IS_NOT) | OP (IN) | OP (NOT_IN))
#define OPS_TEXT    (OPS_CHOICE | OP (CONTAINS) | OP (NOT_CONTAINS) | OP (STARTS_WITH) | \
                     OPS_EMPTY)
#define OPS_ITEMS   (OPS_CHOICE | OP (CONTAINS) | OP (NOT_CONTAINS) | OP (STARTS_WITH))
#define OPS_TAGS    (OP (CONTAINS) | OP (NOT_CONTAINS) | OP (IN) | OP (NOT_IN) | OPS_EMPTY)
#define OPS_BOOLEAN (OP (IS))
#define OPS_ATTR    (OPS_TEXT | OP (GT) | OP (GE) | OP (LT) | OP (LE) | OP (BETWEEN) | \
                     OP (BEFORE) | OP (AFTER) | OP (ON))

static const char * const age_bands[] = {
  "18-24", "25-34", "35-44", "45-54", "55-64", "65+", NULL
};
static const char * const genders[] = { "female", "male", "other", NULL };
static const char * const gender_labels[] = { N_("Female"), N_("Male"), N_("Other"), NULL };
static const char * const email_statuses[] = {
  "subscribed", "unsubscribed", "never_subscribed", "cleaned", NULL
};
static const char * const email_status_labels[] = {
  N_("Subscribed"), N_("Unsubscribed"), N_("Never subscribed"), N_("Cleaned"), NULL
};
/* Indexed by SegWorldRegion, NONE first. */
static const char * const world_regions[] = {
  "africa", "asia", "europe", "north_america", "south_america", "oceania",
  "middle_east", NULL
};
static const char * const world_region_labels[] = {
  N_("Africa"), N_("Asia"), N_("Europe"), N_("North America"), N_("South America"),
  N_("Oceania"), N_("Middle East"), NULL
};
static const char * const hemispheres[] = { "north", "south", NULL };
static const char * const hemisphere_labels[] = {
  N_("Northern hemisphere"), N_("Southern hemisphere"), NULL
};
static const char * const seasons[] = { "spring", "summer", "autumn", "winter", NULL };
static const char * const season_labels[] = {
  N_("Spring"), N_("Summer"), N_("Autumn"), N_("Winter"), NULL
};
static const char * const ppp_tiers[] = {
  "high", "upper_middle", "lower_middle", "low", NULL
};
static const char * const ppp_tier_labels[] = {
  N_("High income"), N_("Upper-middle income"), N_("Lower-middle income"),
  N_("Low income"), NULL
};
/* The names seg-rfm.c stores in customer_measures.rfm_group. */
static const char * const rfm_groups[] = {
  "Champions", "Loyal", "Potential Loyalist", "New Customers", "Promising",
  "Need Attention", "About To Sleep", "At Risk", "Can't Lose Them", "Hibernating",
  "Lost", "Prospects", NULL
};
static const char * const rfm_group_labels[] = {
  N_("Champions"), N_("Loyal"), N_("Potential Loyalist"), N_("New Customers"),
  N_("Promising"), N_("Need Attention"), N_("About To Sleep"), N_("At Risk"),
  N_("Can't Lose Them"), N_("Hibernating"), N_("Lost"), N_("Prospects"), NULL
};

#define D SEG_FIELD_KIND_DEMOGRAPHIC
#define B SEG_FIELD_KIND_BEHAVIORAL
#define P SEG_FIELD_KIND_PSYCHOGRAPHIC
#define G SEG_FIELD_KIND_GEOGRAPHIC
#define R SEG_FIELD_KIND_RFM

#define NUMBER  SEG_VALUE_TYPE_NUMBER
#define MONEY   SEG_VALUE_TYPE_MONEY
#define DATE    SEG_VALUE_TYPE_DATE
#define DAYS    SEG_VALUE_TYPE_DAYS
#define PERCENT SEG_VALUE_TYPE_PERCENT
#define TEXT    SEG_VALUE_TYPE_TEXT
#define ENUM    SEG_VALUE_TYPE_ENUM
#define TAGS    SEG_VALUE_TYPE_TAGS
#define BOOLEAN SEG_VALUE_TYPE_BOOLEAN

/* Keep in the order the builder lists them, kind by kind. */
static const SegField fields[] = {
  /* Demographic */
  { "age", N_("Age"), N_("age"), D, NUMBER, OPS_NUMBER | OPS_EMPTY },
  { "age_band", N_("Age band"), N_("age band"), D, ENUM, OPS_CHOICE | OPS_EMPTY,
    age_bands, age_bands },
  { "gender", N_("Gender"), N_("gender"), D, ENUM, OPS_CHOICE | OPS_EMPTY,
    genders, gender_labels },
  { "income_band", N_("Income band"), N_("income band"), D, TEXT, OPS_TEXT },
  { "language", N_("Language"), N_("language"), D, TEXT, OPS_CHOICE | OPS_EMPTY },

  /* Behavioral */
  { "orders", N_("Orders"), N_("number of orders"), B, NUMBER, OPS_NUMBER },
  { "revenue", N_("Total spent"), N_("total spent"), B, MONEY, OPS_NUMBER },
  { "aov", N_("Average order value"), N_("average order value"), B, MONEY,
    OPS_NUMBER | OPS_EMPTY },
  { "revenue_percentile", N_("Spend percentile among buyers"),
    N_("spend percentile among buyers"), B, PERCENT, OPS_SHARE },
  { "first_order", N_("First order date"), N_("first order date"), B, DATE, OPS_DATE },
  { "last_order", N_("Last order date"), N_("last order date"), B, DATE, OPS_DATE },
  { "first_order_days", N_("Days since first order"), N_("days since first order"),
    B, DAYS, OPS_NUMBER | OPS_EMPTY },
  { "last_order_days", N_("Days since last order"), N_("days since last order"),
    B, DAYS, OPS_NUMBER | OPS_EMPTY },
  { "returning", N_("Returning customer"), N_("returning customer"), B, BOOLEAN,
    OPS_BOOLEAN },
  { "orders_in_period", N_("Orders in a period"), N_("number of orders"), B, NUMBER,
    OPS_NUMBER, NULL, NULL, FALSE, TRUE },
  { "revenue_in_period", N_("Spent in a period"), N_("amount spent"), B, MONEY,
    OPS_NUMBER, NULL, NULL, FALSE, TRUE },
  { "bought_product", N_("Bought product"), N_("product bought"), B, TEXT, OPS_ITEMS,
    NULL, NULL, FALSE, TRUE },
  { "bought_category", N_("Bought from category"), N_("category bought from"), B, TEXT,
    OPS_ITEMS, NULL, NULL, FALSE, TRUE },
  { "bought_sku", N_("Bought SKU"), N_("SKU bought"), B, TEXT, OPS_ITEMS,
    NULL, NULL, FALSE, TRUE },
  { "used_discount", N_("Used a discount"), N_("used a discount"), B, BOOLEAN,
    OPS_BOOLEAN, NULL, NULL, FALSE, TRUE },
  { "discount_code", N_("Discount code used"), N_("discount code used"), B, TEXT,
    OPS_ITEMS, NULL, NULL, FALSE, TRUE },
  { "abandoned_checkout", N_("Abandoned a checkout"), N_("abandoned a checkout"), B,
    BOOLEAN, OPS_BOOLEAN, NULL, NULL, FALSE, TRUE },
  { "checkouts", N_("Abandoned checkouts"), N_("number of abandoned checkouts"), B,
    NUMBER, OPS_NUMBER, NULL, NULL, FALSE, TRUE },
  { "checkout_days", N_("Days since abandoned checkout"),
    N_("days since the last abandoned checkout"), B, DAYS, OPS_NUMBER | OPS_EMPTY },
  { "checkout_value", N_("Abandoned checkout value"),
    N_("value of the last abandoned checkout"), B, MONEY, OPS_NUMBER | OPS_EMPTY },
  { "checkout_recovered", N_("Recovered a checkout"), N_("recovered a checkout"), B,
    BOOLEAN, OPS_BOOLEAN, NULL, NULL, FALSE, TRUE },
  { "ordered_since_checkout", N_("Ordered since abandoning a checkout"),
    N_("ordered since abandoning a checkout"), B, BOOLEAN, OPS_BOOLEAN },
  { "email_status", N_("Email subscription"), N_("email subscription"), B, ENUM,
    OPS_CHOICE | OPS_EMPTY, email_statuses, email_status_labels },
  { "accepts_marketing", N_("Accepts marketing"), N_("accepts marketing"), B, BOOLEAN,
    OPS_BOOLEAN },
  { "member_rating", N_("Member rating"), N_("member rating"), B, NUMBER,
    OPS_NUMBER | OPS_EMPTY },
  { "last_open", N_("Last email open"), N_("last email open"), B, DATE, OPS_DATE },
  { "last_open_days", N_("Days since last email open"),
    N_("days since last email open"), B, DAYS, OPS_NUMBER | OPS_EMPTY },
  { "last_click", N_("Last email click"), N_("last email click"), B, DATE, OPS_DATE },
  { "last_click_days", N_("Days since last email click"),
    N_("days since last email click"), B, DAYS, OPS_NUMBER | OPS_EMPTY },
  { "opens_in_period", N_("Email opens in a period"), N_("number of email opens"), B,
    NUMBER, OPS_NUMBER, NULL, NULL, FALSE, TRUE },
  { "clicks_in_period", N_("Email clicks in a period"), N_("number of email clicks"), B,
    NUMBER, OPS_NUMBER, NULL, NULL, FALSE, TRUE },
  /* See compile_reengagement_no_response () in seg-rule-compiler.c for
   * exactly who counts as having received a re-engagement email. */
  { "reengagement_no_response", N_("Ignored a re-engagement email"),
    N_("ignored a re-engagement email"), B, BOOLEAN, OPS_BOOLEAN },
  { "created", N_("Customer since"), N_("customer since"), B, DATE, OPS_DATE },

  /* Psychographic */
  { "tags", N_("Tags"), N_("tags"), P, TAGS, OPS_TAGS },
  { "attr", N_("Custom attribute"), N_("custom attribute"), P, TEXT, OPS_ATTR,
    NULL, NULL, FALSE, FALSE, TRUE },
  { "acquisition_source", N_("Acquisition source"), N_("acquisition source"), P, TEXT,
    OPS_TEXT },
  { "acquisition_campaign", N_("Acquisition campaign"), N_("acquisition campaign"), P,
    TEXT, OPS_TEXT },
  { "bought_product_tag", N_("Bought a product tagged"), N_("product tag bought"), P,
    TEXT, OPS_CHOICE, NULL, NULL, FALSE, TRUE },
  { "discount_share", N_("Share of orders with a discount"),
    N_("share of orders with a discount"), P, PERCENT, OPS_SHARE },

  /* Geographic */
  { "country", N_("Country"), N_("country"), G, TEXT, OPS_CHOICE | OPS_EMPTY },
  { "region", N_("Region or state"), N_("region or state"), G, TEXT, OPS_TEXT },
  { "city", N_("City"), N_("city"), G, TEXT, OPS_TEXT },
  { "postal_code", N_("Postal code"), N_("postal code"), G, TEXT, OPS_TEXT },
  { "world_region", N_("World region"), N_("world region"), G, ENUM, OPS_CHOICE,
    world_regions, world_region_labels, TRUE },
  { "hemisphere", N_("Hemisphere"), N_("hemisphere"), G, ENUM, OPS_CHOICE,
    hemispheres, hemisphere_labels, TRUE },
  { "season", N_("Current season"), N_("current season"), G, ENUM, OPS_CHOICE,
    seasons, season_labels, TRUE },
  { "ppp_tier", N_("Purchasing power"), N_("purchasing power of the country"), G, ENUM,
    OPS_CHOICE, ppp_tiers, ppp_tier_labels, TRUE },

  /* RFM */
  { "rfm_group", N_("RFM group"), N_("RFM group"), R, ENUM, OPS_CHOICE,
    rfm_groups, rfm_group_labels, TRUE },
  { "r", N_("Recency score"), N_("recency score"), R, NUMBER, OPS_NUMBER | OPS_EMPTY },
  { "f", N_("Frequency score"), N_("frequency score"), R, NUMBER, OPS_NUMBER | OPS_EMPTY },
  { "m", N_("Monetary score"), N_("monetary score"), R, NUMBER, OPS_NUMBER | OPS_EMPTY },
};

#undef D
#undef B
#undef P
#undef G
#undef R

static const SegCountryInfo countries[] = {
  { "AD", "Andorra", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "AE", "United Arab Emirates", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "AF", "Afghanistan", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "AG", "Antigua and Barbuda", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "AI", "Anguilla", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_NONE },
  { "AL", "Albania", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "AM", "Armenia", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "AO", "Angola", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "AQ", "Antarctica", SEG_WORLD_REGION_NONE, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "AR", "Argentina", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "AS", "American Samoa", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "AT", "Austria", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "AU", "Australia", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_HIGH },
  { "AW", "Aruba", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "AX", "Åland Islands", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "AZ", "Azerbaijan", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "BA", "Bosnia and Herzegovina", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "BB", "Barbados", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "BD", "Bangladesh", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "BE", "Belgium", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "BF", "Burkina Faso", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "BG", "Bulgaria", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "BH", "Bahrain", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "BI", "Burundi", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOW },
  { "BJ", "Benin", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "BL", "Saint Barthélemy", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "BM", "Bermuda", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "BN", "Brunei Darussalam", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "BO", "Bolivia, Plurinational State of", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "BQ", "Bonaire, Sint Eustatius and Saba", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "BR", "Brazil", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "BS", "Bahamas", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "BT", "Bhutan", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "BV", "Bouvet Island", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "BW", "Botswana", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "BY", "Belarus", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "BZ", "Belize", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "CA", "Canada", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "CC", "Cocos (Keeling) Islands", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "CD", "Congo, The Democratic Republic of the", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOW },
  { "CF", "Central African Republic", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "CG", "Congo", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "CH", "Switzerland", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "CI", "Côte d'Ivoire", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "CK", "Cook Islands", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "CL", "Chile", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_HIGH },
  { "CM", "Cameroon", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "CN", "China", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "CO", "Colombia", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "CR", "Costa Rica", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "CU", "Cuba", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "CV", "Cabo Verde", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "CW", "Curaçao", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "CX", "Christmas Island", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "CY", "Cyprus", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "CZ", "Czechia", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "DE", "Germany", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "DJ", "Djibouti", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "DK", "Denmark", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "DM", "Dominica", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "DO", "Dominican Republic", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "DZ", "Algeria", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "EC", "Ecuador", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "EE", "Estonia", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "EG", "Egypt", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "EH", "Western Sahara", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_NONE },
  { "ER", "Eritrea", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "ES", "Spain", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "ET", "Ethiopia", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "FI", "Finland", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "FJ", "Fiji", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "FK", "Falkland Islands (Malvinas)", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_HIGH },
  { "FM", "Micronesia, Federated States of", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "FO", "Faroe Islands", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "FR", "France", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "GA", "Gabon", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "GB", "United Kingdom", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "GD", "Grenada", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "GE", "Georgia", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "GF", "French Guiana", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "GG", "Guernsey", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "GH", "Ghana", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "GI", "Gibraltar", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "GL", "Greenland", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "GM", "Gambia", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "GN", "Guinea", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "GP", "Guadeloupe", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "GQ", "Equatorial Guinea", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "GR", "Greece", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "GS", "South Georgia and the South Sandwich Islands", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "GT", "Guatemala", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "GU", "Guam", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "GW", "Guinea-Bissau", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "GY", "Guyana", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "HK", "Hong Kong", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "HM", "Heard Island and McDonald Islands", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "HN", "Honduras", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "HR", "Croatia", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "HT", "Haiti", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "HU", "Hungary", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "ID", "Indonesia", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "IE", "Ireland", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "IL", "Israel", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "IM", "Isle of Man", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "IN", "India", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "IO", "British Indian Ocean Territory", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "IQ", "Iraq", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "IR", "Iran, Islamic Republic of", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "IS", "Iceland", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "IT", "Italy", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "JE", "Jersey", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "JM", "Jamaica", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "JO", "Jordan", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "JP", "Japan", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "KE", "Kenya", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "KG", "Kyrgyzstan", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "KH", "Cambodia", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "KI", "Kiribati", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "KM", "Comoros", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "KN", "Saint Kitts and Nevis", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "KP", "Korea, Democratic People's Republic of", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "KR", "Korea, Republic of", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "KW", "Kuwait", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "KY", "Cayman Islands", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "KZ", "Kazakhstan", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "LA", "Lao People's Democratic Republic", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "LB", "Lebanon", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "LC", "Saint Lucia", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "LI", "Liechtenstein", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "LK", "Sri Lanka", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "LR", "Liberia", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "LS", "Lesotho", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "LT", "Lithuania", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "LU", "Luxembourg", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "LV", "Latvia", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "LY", "Libya", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "MA", "Morocco", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "MC", "Monaco", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "MD", "Moldova, Republic of", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "ME", "Montenegro", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "MF", "Saint Martin (French part)", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "MG", "Madagascar", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOW },
  { "MH", "Marshall Islands", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "MK", "North Macedonia", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "ML", "Mali", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "MM", "Myanmar", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "MN", "Mongolia", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "MO", "Macao", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "MP", "Northern Mariana Islands", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "MQ", "Martinique", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "MR", "Mauritania", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "MS", "Montserrat", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_NONE },
  { "MT", "Malta", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "MU", "Mauritius", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "MV", "Maldives", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "MW", "Malawi", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOW },
  { "MX", "Mexico", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "MY", "Malaysia", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "MZ", "Mozambique", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOW },
  { "NA", "Namibia", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "NC", "New Caledonia", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_HIGH },
  { "NE", "Niger", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "NF", "Norfolk Island", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "NG", "Nigeria", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "NI", "Nicaragua", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "NL", "Netherlands", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "NO", "Norway", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "NP", "Nepal", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "NR", "Nauru", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_HIGH },
  { "NU", "Niue", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "NZ", "New Zealand", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_HIGH },
  { "OM", "Oman", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "PA", "Panama", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "PE", "Peru", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "PF", "French Polynesia", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_HIGH },
  { "PG", "Papua New Guinea", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "PH", "Philippines", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "PK", "Pakistan", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "PL", "Poland", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "PM", "Saint Pierre and Miquelon", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "PN", "Pitcairn", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "PR", "Puerto Rico", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "PS", "Palestine, State of", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "PT", "Portugal", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "PW", "Palau", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "PY", "Paraguay", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "QA", "Qatar", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "RE", "Réunion", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_HIGH },
  { "RO", "Romania", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "RS", "Serbia", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "RU", "Russian Federation", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "RW", "Rwanda", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOW },
  { "SA", "Saudi Arabia", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "SB", "Solomon Islands", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "SC", "Seychelles", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_HIGH },
  { "SD", "Sudan", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "SE", "Sweden", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "SG", "Singapore", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "SH", "Saint Helena, Ascension and Tristan da Cunha", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "SI", "Slovenia", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "SJ", "Svalbard and Jan Mayen", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_NONE },
  { "SK", "Slovakia", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "SL", "Sierra Leone", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "SM", "San Marino", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "SN", "Senegal", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "SO", "Somalia", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "SR", "Suriname", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "SS", "South Sudan", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "ST", "Sao Tome and Principe", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "SV", "El Salvador", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "SX", "Sint Maarten (Dutch part)", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "SY", "Syrian Arab Republic", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "SZ", "Eswatini", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "TC", "Turks and Caicos Islands", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "TD", "Chad", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "TF", "French Southern Territories", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "TG", "Togo", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "TH", "Thailand", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "TJ", "Tajikistan", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "TK", "Tokelau", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "TL", "Timor-Leste", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "TM", "Turkmenistan", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "TN", "Tunisia", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "TO", "Tonga", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "TR", "Türkiye", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "TT", "Trinidad and Tobago", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "TV", "Tuvalu", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "TW", "Taiwan, Province of China", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "TZ", "Tanzania, United Republic of", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "UA", "Ukraine", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "UG", "Uganda", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "UM", "United States Minor Outlying Islands", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_NONE },
  { "US", "United States", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "UY", "Uruguay", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_HIGH },
  { "UZ", "Uzbekistan", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "VA", "Holy See (Vatican City State)", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "VC", "Saint Vincent and the Grenadines", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "VE", "Venezuela, Bolivarian Republic of", SEG_WORLD_REGION_SOUTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "VG", "Virgin Islands, British", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "VI", "Virgin Islands, U.S.", SEG_WORLD_REGION_NORTH_AMERICA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_HIGH },
  { "VN", "Viet Nam", SEG_WORLD_REGION_ASIA, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "VU", "Vanuatu", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "WF", "Wallis and Futuna", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_NONE },
  { "WS", "Samoa", SEG_WORLD_REGION_OCEANIA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "XK", "Kosovo", SEG_WORLD_REGION_EUROPE, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "YE", "Yemen", SEG_WORLD_REGION_MIDDLE_EAST, SEG_HEMISPHERE_NORTH, SEG_PPP_TIER_LOW },
  { "YT", "Mayotte", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_HIGH },
  { "ZA", "South Africa", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_UPPER_MIDDLE },
  { "ZM", "Zambia", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
  { "ZW", "Zimbabwe", SEG_WORLD_REGION_AFRICA, SEG_HEMISPHERE_SOUTH, SEG_PPP_TIER_LOWER_MIDDLE },
};

static const struct
{
  const char *id;
  const char *label;
  guint n_values;
} operators[SEG_RULE_N_OPERATORS] = {
  [SEG_RULE_OPERATOR_IS] = { "is", N_("is"), 1 },
  [SEG_RULE_OPERATOR_IS_NOT] = { "is_not", N_("is not"), 1 },
  [SEG_RULE_OPERATOR_IN] = { "in", N_("is one of"), G_MAXUINT },
  [SEG_RULE_OPERATOR_NOT_IN] = { "not_in", N_("is none of"), G_MAXUINT },
  [SEG_RULE_OPERATOR_GT] = { "gt", N_("is more than"), 1 },
  [SEG_RULE_OPERATOR_GE] = { "ge", N_("is at least"), 1 },
  [SEG_RULE_OPERATOR_LT] = { "lt", N_("is less than"), 1 },
  [SEG_RULE_OPERATOR_LE] = { "le", N_("is at most"), 1 },
  [SEG_RULE_OPERATOR_BETWEEN] = { "between", N_("is between"), 2 },
  [SEG_RULE_OPERATOR_BEFORE] = { "before", N_("is before"), 1 },
  [SEG_RULE_OPERATOR_AFTER] = { "after", N_("is after"), 1 },
  [SEG_RULE_OPERATOR_ON] = { "on", N_("is on"), 1 },
  [SEG_RULE_OPERATOR_IN_LAST_DAYS] = { "in_last_days", N_("is in the last … days"), 1 },
  [SEG_RULE_OPERATOR_MORE_THAN_DAYS_AGO] = { "more_than_days_ago",
                                             N_("is more than … days ago"), 1 },
  [SEG_RULE_OPERATOR_CONTAINS] = { "contains", N_("contains"), 1 },
  [SEG_RULE_OPERATOR_NOT_CONTAINS] = { "not_contains", N_("does not contain"), 1 },
  [SEG_RULE_OPERATOR_IS_EMPTY] = { "is_empty", N_("is not set"), 0 },
  [SEG_RULE_OPERATOR_IS_NOT_EMPTY] = { "is_not_empty", N_("is set"), 0 },
  [SEG_RULE_OPERATOR_STARTS_WITH] = { "starts_with", N_("starts with"), 1 },
};

GType
seg_rule_operator_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static GEnumValue values[SEG_RULE_N_OPERATORS + 1];
      GType type;

      for (guint i = 0; i < SEG_RULE_N_OPERATORS; i++)
        {
          values[i].value = i;
          values[i].value_name = operators[i].id;
          values[i].value_nick = operators[i].id;
        }
      type = g_enum_register_static (g_intern_static_string ("SegRuleOperator"), values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/**
 * seg_field_lookup:
 * @id: a field id as written in the text form, e.g. "orders"
 *
 * Returns: (nullable): the field, or %NULL when there is none by that id
 */
const SegField *
seg_field_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_ascii_strcasecmp (fields[i].id, id) == 0)
      return &fields[i];

  return NULL;
}

/**
 * seg_field_get_all:
 * @n_fields: (out): the number of fields
 *
 * Returns: every field, kind by kind, in the order the builder shows them
 */
const SegField *
seg_field_get_all (guint *n_fields)
{
  g_return_val_if_fail (n_fields != NULL, NULL);

  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const char *
seg_field_get_label (const SegField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return _(field->label);
}

const char *
seg_field_get_noun (const SegField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return _(field->noun);
}

const char *
seg_field_kind_get_label (SegFieldKind kind)
{
  switch (kind)
    {
    case SEG_FIELD_KIND_DEMOGRAPHIC:
      return _("Demographic");
    case SEG_FIELD_KIND_BEHAVIORAL:
      return _("Behavioral");
    case SEG_FIELD_KIND_PSYCHOGRAPHIC:
      return _("Psychographic");
    case SEG_FIELD_KIND_GEOGRAPHIC:
      return _("Geographic");
    case SEG_FIELD_KIND_RFM:
      return _("RFM");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
seg_field_allows_operator (const SegField  *field,
                           SegRuleOperator  op)
{
  g_return_val_if_fail (field != NULL, FALSE);

  return op < SEG_RULE_N_OPERATORS && (field->operators & SEG_RULE_OPERATOR_MASK (op)) != 0;
}

/**
 * seg_field_get_choice_label:
 * @field: a field
 * @choice: one of the field's choices
 *
 * Returns: the translated label of @choice, or @choice itself when the field
 *   has no label for it
 */
const char *
seg_field_get_choice_label (const SegField *field,
                            const char     *choice)
{
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (choice != NULL, NULL);

  if (field->choices != NULL && field->choice_labels != NULL)
    {
      for (guint i = 0; field->choices[i] != NULL; i++)
        if (g_ascii_strcasecmp (field->choices[i], choice) == 0)
          return _(field->choice_labels[i]);
    }

  return choice;
}

static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;

  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }

  return row[lb];
}

/**
 * seg_field_suggest:
 * @unknown_id: a word that is not a field id
 *
 * Returns: (nullable): the id of the field closest to @unknown_id, when one
 *   is close enough to be a likely typo
 */
const char *
seg_field_suggest (const char *unknown_id)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  guint limit;

  g_return_val_if_fail (unknown_id != NULL, NULL);

  /* Edits on a long word are cheap, so the limit grows with its length. */
  limit = CLAMP (strlen (unknown_id) / 3, 1, 3);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      guint distance = edit_distance (unknown_id, fields[i].id);

      if (distance < best_distance)
        {
          best_distance = distance;
          best = fields[i].id;
        }
    }

  return best_distance <= limit ? best : NULL;
}

/**
 * seg_rule_operator_to_string:
 * @op: an operator
 *
 * Returns: the operator's stable id ("ge", "in_last_days", …)
 */
const char *
seg_rule_operator_to_string (SegRuleOperator op)
{
  g_return_val_if_fail (op < SEG_RULE_N_OPERATORS, NULL);

  return operators[op].id;
}

gboolean
seg_rule_operator_from_string (const char      *id,
                               SegRuleOperator *op)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < SEG_RULE_N_OPERATORS; i++)
    {
      if (g_ascii_strcasecmp (operators[i].id, id) == 0)
        {
          if (op != NULL)
            *op = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * seg_rule_operator_get_label:
 * @op: an operator
 *
 * Returns: the translated label shown in the builder's operator column
 */
const char *
seg_rule_operator_get_label (SegRuleOperator op)
{
  g_return_val_if_fail (op < SEG_RULE_N_OPERATORS, NULL);

  return _(operators[op].label);
}

/**
 * seg_rule_operator_get_n_values:
 * @op: an operator
 *
 * Returns: how many values @op takes: 0, 1, 2, or %G_MAXUINT for "one or more"
 */
guint
seg_rule_operator_get_n_values (SegRuleOperator op)
{
  g_return_val_if_fail (op < SEG_RULE_N_OPERATORS, 0);

  return operators[op].n_values;
}

static int
compare_country_code (const void *key,
                      const void *element)
{
  const SegCountryInfo *country = element;

  return g_ascii_strcasecmp (key, country->code);
}

/**
 * seg_country_info_lookup:
 * @code: an ISO 3166-1 alpha-2 code, in any case
 *
 * Returns: (nullable): the country, or %NULL for an unknown code
 */
const SegCountryInfo *
seg_country_info_lookup (const char *code)
{
  if (code == NULL || strlen (code) != 2)
    return NULL;

  return bsearch (code, countries, G_N_ELEMENTS (countries), sizeof countries[0],
                  compare_country_code);
}

const SegCountryInfo *
seg_country_info_get_all (guint *n_countries)
{
  g_return_val_if_fail (n_countries != NULL, NULL);

  *n_countries = G_N_ELEMENTS (countries);
  return countries;
}

/**
 * seg_country_info_get_name:
 * @country: a country
 *
 * Returns: the country's name, translated by iso-codes when it is installed
 */
const char *
seg_country_info_get_name (const SegCountryInfo *country)
{
  g_return_val_if_fail (country != NULL, NULL);

  return g_dgettext ("iso_3166-1", country->name);
}

const char *
seg_world_region_to_string (SegWorldRegion region)
{
  if (region == SEG_WORLD_REGION_NONE || region > SEG_WORLD_REGION_MIDDLE_EAST)
    return NULL;

  return world_regions[region - 1];
}

const char *
seg_hemisphere_to_string (SegHemisphere hemisphere)
{
  g_return_val_if_fail (hemisphere <= SEG_HEMISPHERE_SOUTH, NULL);

  return hemispheres[hemisphere];
}

const char *
seg_ppp_tier_to_string (SegPppTier tier)
{
  if (tier == SEG_PPP_TIER_NONE || tier > SEG_PPP_TIER_LOW)
    return NULL;

  return ppp_tiers[tier - 1];
}

const char *
seg_season_to_string (SegSeason season)
{
  g_return_val_if_fail (season <= SEG_SEASON_WINTER, NULL);

  return seasons[season];
}

/**
 * seg_season_for_month:
 * @hemisphere: a hemisphere
 * @month: 1 to 12
 *
 * Meteorological seasons: spring is March to May in the north and September
 * to November in the south.
 *
 * Returns: the season
 */
SegSeason
seg_season_for_month (SegHemisphere hemisphere,
                      int           month)
{
  SegSeason north;

  g_return_val_if_fail (month >= 1 && month <= 12, SEG_SEASON_WINTER);

  if (month >= 3 && month <= 5)
    north = SEG_SEASON_SPRING;
  else if (month >= 6 && month <= 8)
    north = SEG_SEASON_SUMMER;
  else if (month >= 9 && month <= 11)
    north = SEG_SEASON_AUTUMN;
  else
    north = SEG_SEASON_WINTER;

  if (hemisphere == SEG_HEMISPHERE_NORTH)
    return north;

  return (north + 2) % 4;
}
