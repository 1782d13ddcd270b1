#!/usr/bin/env python3
# gen-shopify-orders.py — a deterministic Shopify orders export for benchmarks
#
# Copyright 2026 The Segments authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: gen-shopify-orders.py LINES [OUTPUT]
#
# Writes LINES data lines (plus the header) in the current Shopify orders
# layout: one row per line item, order-level fields only on an order's
# first row, 1–4 items per order, about one customer per ten lines, some
# guest, cancelled, voided, refunded and partially refunded orders,
# apostrophe-prefixed zips and phones, quoted multi-line notes.

import csv
import random
import sys

HEADER = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,"
    "Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,"
    "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,"
    "Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
    "Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,"
    "Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,"
    "Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,"
    "Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,"
    "Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,"
    "Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,"
    "Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,"
    "Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,"
    "Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,"
    "Next Payment Due At,Payment References"
).split(",")

FIRST = ["Alice", "Bob", "Chloé", "David", "Emma", "Farid", "Greta", "Hugo", "Ines", "Jonas",
         "Karin", "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tara"]
LAST = ["Smith", "Müller", "Dubois", "García", "Rossi", "Jansen", "Nowak", "Berg", "Silva",
        "Kim", "O'Brien", "Lee", "Novak", "Meyer", "Moreau"]
PLACES = [("US", "NY", "New York", "New York", "10001"), ("US", "CA", "Los Angeles", "California", "90001"),
          ("CA", "ON", "Toronto", "Ontario", "M5H 2N2"), ("GB", "", "London", "", "SW1A 1AA"),
          ("DE", "BE", "Berlin", "Berlin", "10115"), ("FR", "", "Paris", "", "75001"),
          ("AU", "NSW", "Sydney", "New South Wales", "2000"), ("SE", "", "Stockholm", "", "111 22")]
PRODUCTS = [("Organic Cotton Tee", "TEE-ORG", 2400), ("Bamboo Socks", "SOCK-BAM", 900),
            ("Recycled Tote", "TOTE-REC", 1500), ("Wool Beanie", "BEAN-WOOL", 2200),
            ("Linen Shirt", "SHIRT-LIN", 5400), ("Canvas Sneakers", "SNK-CAN", 7900),
            ("Travel Mug", "MUG-TRV", 1800), ("Yoga Mat", "MAT-YOGA", 3900)]


def money(cents):
    return "%d.%02d" % (cents // 100, cents % 100)


def main():
    lines = int(sys.argv[1])
    out = open(sys.argv[2], "w", newline="", encoding="utf-8") if len(sys.argv) > 2 else sys.stdout
    rng = random.Random(20240601)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    n_customers = max(1, lines // 10)
    written = 0
    order_no = 1000
    while written < lines:
        order_no += 1
        c = rng.randrange(n_customers)
        guest = rng.random() < 0.03
        email = "" if guest else "customer%d@example.com" % c
        first, last = FIRST[c % len(FIRST)], LAST[(c // 7) % len(LAST)]
        country, prov, city, prov_name, zipc = PLACES[c % len(PLACES)]
        n_items = min(1 + int(rng.expovariate(0.9)), 4, lines - written)
        items = [PRODUCTS[rng.randrange(len(PRODUCTS))] + (1 + (rng.random() < 0.2),)
                 for _ in range(n_items)]
        subtotal = sum(p * q for _, _, p, q in items)
        shipping = 0 if subtotal > 5000 else 500
        discount = 500 if rng.random() < 0.15 else 0
        taxes = subtotal // 10
        total = subtotal + shipping + taxes - discount
        day = rng.randrange(730)
        y, rest = (2023, day) if day < 365 else (2024, day - 365)
        month, mday = 1 + rest // 31 % 12, 1 + rest % 28
        created = "%04d-%02d-%02d %02d:%02d:%02d -0500" % (y, month, mday, rng.randrange(24),
                                                        rng.randrange(60), rng.randrange(60))
        r = rng.random()
        status, cancelled, refunded = "paid", "", "0.00"
        if r < 0.02:
            status, cancelled = "voided", created
        elif r < 0.04:
            cancelled = created
            status, refunded = "refunded", money(total)
        elif r < 0.07:
            status, refunded = "partially_refunded", money(total // 4)
        notes = "Please gift wrap\nThank you!" if rng.random() < 0.05 else ""
        for i, (name, sku, price, qty) in enumerate(items):
            row = [""] * len(HEADER)
            row[0] = "#%d" % order_no
            row[15] = created
            row[16], row[17], row[18], row[20] = str(qty), name, money(price), sku
            row[21], row[22], row[23] = "true", "true", "fulfilled"
            row[50] = "Segments Test Co"
            if i == 0:
                row[1], row[2], row[3] = email, status, created
                row[4], row[6], row[7] = "fulfilled", "yes" if c % 3 else "no", "USD"
                row[8], row[9], row[10], row[11] = money(subtotal), money(shipping), money(taxes), money(total)
                row[12], row[13] = ("SPRING10", money(discount)) if discount else ("", "0.00")
                row[14] = "Standard"
                row[24] = "%s %s" % (first, last)
                row[25] = row[26] = "%d Market Street" % (c % 500)
                row[29], row[30], row[31], row[32] = city, ("'" + zipc if zipc.isdigit() else zipc), prov, country
                row[33] = "'+1 555 %04d" % (c % 10000)
                row[34], row[35], row[36] = row[24], row[25], row[26]
                row[39], row[40], row[41], row[42] = city, row[30], prov, country
                row[44] = notes
                row[46] = cancelled
                row[47] = "Shopify Payments"
                row[49] = refunded
                row[55] = str(5000000000 + order_no)
                row[57] = "Low"
                row[58] = "web"
                row[70] = row[33]
                row[73], row[74] = prov_name, prov_name
            writer.writerow(row)
            written += 1


if __name__ == "__main__":
    main()
