#!/usr/bin/env python3
"""Generate a SQLite database in the layout of the legacy Python Telegram bot.

The old retail-analytics bot kept everything in one SQLite file. This script
writes a synthetic file in that layout (the default layout of our importer),
deterministic for a given --seed, so importer tests and load tests have data
to work on.

Layout
------
    CREATE TABLE stores (
      id        TEXT PRIMARY KEY,            -- e.g. 'store-01'
      name      TEXT NOT NULL,
      timezone  TEXT NOT NULL DEFAULT 'UTC', -- IANA zone
      currency  TEXT NOT NULL DEFAULT 'EUR'
    );
    CREATE TABLE counts (                    -- one people-counter reading per sensor and interval
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      store_id    TEXT NOT NULL,
      sensor      TEXT NOT NULL,
      recorded_at TEXT NOT NULL,             -- 'YYYY-MM-DD HH:MM:SS' in UTC, no offset
      entered     INTEGER NOT NULL,
      exited      INTEGER NOT NULL
    );
    CREATE TABLE transactions (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      store_id    TEXT NOT NULL,
      recorded_at TEXT NOT NULL,             -- as above, UTC
      total_cents INTEGER NOT NULL,          -- amount in minor units
      currency    TEXT NOT NULL DEFAULT 'EUR',
      items       INTEGER,
      kind        TEXT NOT NULL DEFAULT 'sale'  -- 'sale' or 'refund'
    );
    CREATE TABLE chat_users (
      chat_id   INTEGER PRIMARY KEY,         -- Telegram chat id
      username  TEXT NOT NULL,
      role      TEXT NOT NULL DEFAULT 'manager',  -- 'admin', 'manager' or 'viewer'
      stores    TEXT NOT NULL DEFAULT ''     -- comma-separated store ids ('' for an admin: all stores)
    );

Usage
-----
    scripts/legacy-db.py OUT.db [--stores 10] [--traffic 1000000] [--sales 200000]
                                [--days 730] [--end 2026-11-30] [--seed 42] [--bad 0]
                                [--chats 3] [--prefix store] [--expected FILE]

OUT.db is overwritten. What is generated:

* stores: <prefix>-01 .. <prefix>-NN, named "Store 01" .., time zones cycling
  over Europe/Lisbon, Europe/Berlin, America/New_York, Asia/Tokyo, UTC;
  currency EUR.
* counts: exactly --traffic rows. The --days business days are the calendar
  dates end-days+1 .. end; each store's day is its *local* date, open
  09:00-21:00 local time (so for America/New_York the last readings of a day
  have the next UTC date). Rows are split evenly over store-days (the
  remainder is spread evenly), then over the sensors door-1/door-2, and put on
  interval boundaries from 09:00 local; the interval (60, 30, 20, 15, 12, 10,
  6, 5, 4, 3, 2 or 1 minutes) is the largest one that makes room for the rows.
  No store+sensor has two rows with the same timestamp. entered/exited are
  0..40, busier around midday and at weekends.
* transactions: exactly --sales rows, split over store-days the same way, at
  random distinct seconds within opening hours; total_cents 100..20000,
  items 1..8, about 3% kind 'refund' (amount positive), currency EUR.
* Both tables are in chronological order over all stores, ids ascending from
  1 (as the live bot appended them).
* chat_users: --chats rows, chat ids 700000001..: legacy-admin (admin, ''),
  legacy-manager-01 (manager, '<prefix>-01'), legacy-viewer-02 (viewer,
  '<prefix>-02,<prefix>-03'), then manager/viewer alternately (a manager gets
  store N, a viewer stores N and N+1, wrapping around).
* --bad K (0..5) replaces K good rows (totals stay exact) with invalid ones,
  in this order, and prints each as "BAD <table> <id> <reason>" on stdout:
      1. BAD counts <id> negative-entered        (entered = -3)
      2. BAD counts <id> unknown-store           (store_id 'no-such-store')
      3. BAD counts <id> unparseable-timestamp   (recorded_at 'yesterday at noon')
      4. BAD transactions <id> unknown-kind      (kind 'void')
      5. BAD transactions <id> wrong-currency    (currency 'XXX')
* --expected FILE (or '-' for stdout) writes a CSV
      store_id,local_day,visitors,exits,transactions,gross_cents,refunds_cents
  computed afterwards by reading the generated file back with SQL, only over
  valid rows (entered >= 0 and exited >= 0, known store, timestamp in the
  exact 'YYYY-MM-DD HH:MM:SS' form, kind sale/refund, currency = the store's);
  local_day is the store-local date of recorded_at, computed in Python with
  zoneinfo because SQLite knows no IANA zones.

A summary (rows per table, time taken) goes to stderr.
"""

import argparse
import datetime
import hashlib
import heapq
import os
import random
import sqlite3
import sys
import time
from zoneinfo import ZoneInfo

ZONES = ['Europe/Lisbon', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC']
SENSORS = ('door-1', 'door-2')
OPEN_HOUR = 9
OPEN_MINUTES = 12 * 60          # 09:00-21:00
INTERVALS = (60, 30, 20, 15, 12, 10, 6, 5, 4, 3, 2, 1)
UTC = datetime.timezone.utc

# Traffic shape: factor by local hour (9..20) and by weekday (Mon=0..Sun=6).
HOUR_FACTOR = {9: 0.35, 10: 0.5, 11: 0.75, 12: 1.0, 13: 1.0, 14: 0.85,
               15: 0.7, 16: 0.7, 17: 0.8, 18: 0.8, 19: 0.6, 20: 0.4}
DOW_FACTOR = (0.6, 0.55, 0.6, 0.65, 0.8, 1.0, 0.9)

SCHEMA = """
CREATE TABLE stores (
  id        TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  timezone  TEXT NOT NULL DEFAULT 'UTC',
  currency  TEXT NOT NULL DEFAULT 'EUR'
);
CREATE TABLE counts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  store_id    TEXT NOT NULL,
  sensor      TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  entered     INTEGER NOT NULL,
  exited      INTEGER NOT NULL
);
CREATE TABLE transactions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  store_id    TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  total_cents INTEGER NOT NULL,
  currency    TEXT NOT NULL DEFAULT 'EUR',
  items       INTEGER,
  kind        TEXT NOT NULL DEFAULT 'sale'
);
CREATE TABLE chat_users (
  chat_id   INTEGER PRIMARY KEY,
  username  TEXT NOT NULL,
  role      TEXT NOT NULL DEFAULT 'manager',
  stores    TEXT NOT NULL DEFAULT ''
);
"""


def rng_for(seed, table, store_id):
    """An independent, reproducible random stream per table and store."""
    digest = hashlib.sha256(f'{seed}:{table}:{store_id}'.encode()).digest()
    return random.Random(int.from_bytes(digest[:8], 'big'))


def per_store_day(total, n_stores, n_days):
    """Rows for each (day index, store index): total split evenly, remainder spread evenly."""
    cells = n_stores * n_days
    base, rem = divmod(total, cells)

    def count(day_i, store_i):
        k = day_i * n_stores + store_i
        return base + ((k + 1) * rem // cells - k * rem // cells)
    return count, base + (1 if rem else 0)


def opening_starts(tz_name, days):
    """Naive UTC datetime of local 09:00 for each local date (one zoneinfo conversion per day)."""
    tz = ZoneInfo(tz_name)
    out = []
    for d in days:
        local = datetime.datetime(d.year, d.month, d.day, OPEN_HOUR, tzinfo=tz)
        out.append(local.astimezone(UTC).replace(tzinfo=None))
    return out


def spread(m, slots):
    """m distinct slot indices out of range(slots), spread evenly (m <= slots)."""
    return [i * slots // m for i in range(m)]


def count_rows(store_i, store_id, tz_name, days, count, interval, seed):
    """Chronological counts rows of one store: (recorded_at, store_id, sensor, entered, exited)."""
    rng = rng_for(seed, 'counts', store_id)
    rand = rng.random
    slots = OPEN_MINUTES // interval
    steps = [datetime.timedelta(minutes=s * interval) for s in range(slots)]
    hour_of_slot = [OPEN_HOUR + (s * interval) // 60 for s in range(slots)]
    starts = opening_starts(tz_name, days)
    for day_i, d in enumerate(days):
        n = count(day_i, store_i)
        if not n:
            continue
        # Split over the two sensors; alternate which one takes the odd row.
        first = (n + 1) // 2 if day_i % 2 == 0 else n // 2
        day_rows = [(s, 0) for s in spread(first, slots)] if first else []
        if n - first:
            day_rows += [(s, 1) for s in spread(n - first, slots)]
        day_rows.sort()
        start = starts[day_i]
        dow = DOW_FACTOR[d.weekday()]
        for s, sensor_i in day_rows:
            top = round(40 * dow * HOUR_FACTOR[hour_of_slot[s]])
            entered = int(rand() * (top + 1))
            exited = entered + int(rand() * 7) - 3
            exited = 0 if exited < 0 else (40 if exited > 40 else exited)
            yield (str(start + steps[s]), store_id, SENSORS[sensor_i], entered, exited)


def sale_rows(store_i, store_id, tz_name, days, count, seed):
    """Chronological transactions rows of one store:
    (recorded_at, store_id, total_cents, currency, items, kind)."""
    rng = rng_for(seed, 'transactions', store_id)
    rand = rng.random
    span = OPEN_MINUTES * 60
    starts = opening_starts(tz_name, days)
    for day_i in range(len(days)):
        n = count(day_i, store_i)
        if not n:
            continue
        if n <= span:
            secs = sorted(rng.sample(range(span), n))
        else:   # cannot be distinct; only for absurd --sales values
            secs = sorted(rng.randrange(span) for _ in range(n))
        start = starts[day_i]
        for sec in secs:
            total = 100 + int(rand() * 19901)
            items = 1 + int(rand() * 8)
            kind = 'refund' if rand() < 0.03 else 'sale'
            yield (str(start + datetime.timedelta(seconds=sec)), store_id, total, 'EUR', items, kind)


def bad_ids(total, k):
    """k distinct ids in 1..total, spread over the table."""
    return [max(j + 1, total * (j + 1) // (k + 1)) for j in range(k)]


def with_ids(rows, replacements):
    """Prefix each row with its id (1..); apply replacements {id: fn(row) -> row}."""
    for i, row in enumerate(rows, 1):
        fn = replacements.get(i)
        yield (i,) + (fn(row) if fn else row)


def write_expected(db_path, out):
    """Daily figures computed by reading the generated file back (valid rows only)."""
    con = sqlite3.connect(db_path)
    zones = {sid: ZoneInfo(tz) for sid, tz in con.execute('SELECT id, timezone FROM stores')}
    figures = {}            # (store, local_day) -> [visitors, exits, transactions, gross, refunds]
    cache = {}

    def local_day(store_id, minute):
        key = (store_id, minute)
        day = cache.get(key)
        if day is None:
            utc = datetime.datetime.fromisoformat(minute + ':00').replace(tzinfo=UTC)
            day = cache[key] = utc.astimezone(zones[store_id]).date().isoformat()
        return day

    def cell(store_id, minute):
        key = (store_id, local_day(store_id, minute))
        f = figures.get(key)
        if f is None:
            f = figures[key] = [0, 0, 0, 0, 0]
        return f

    # Grouped per UTC minute: every zone offset in use is a whole number of minutes.
    for store_id, minute, entered, exited in con.execute("""
            SELECT c.store_id, substr(c.recorded_at, 1, 16), SUM(c.entered), SUM(c.exited)
            FROM counts c JOIN stores s ON s.id = c.store_id
            WHERE c.entered >= 0 AND c.exited >= 0
              AND datetime(c.recorded_at) IS c.recorded_at
            GROUP BY 1, 2"""):
        f = cell(store_id, minute)
        f[0] += entered
        f[1] += exited
    for store_id, minute, sales, gross, refunds in con.execute("""
            SELECT t.store_id, substr(t.recorded_at, 1, 16),
                   SUM(t.kind = 'sale'),
                   SUM(CASE WHEN t.kind = 'sale' THEN t.total_cents ELSE 0 END),
                   SUM(CASE WHEN t.kind = 'refund' THEN t.total_cents ELSE 0 END)
            FROM transactions t JOIN stores s ON s.id = t.store_id
            WHERE t.kind IN ('sale', 'refund') AND t.currency = s.currency
              AND datetime(t.recorded_at) IS t.recorded_at
            GROUP BY 1, 2"""):
        f = cell(store_id, minute)
        f[2] += sales
        f[3] += gross
        f[4] += refunds
    con.close()
    out.write('store_id,local_day,visitors,exits,transactions,gross_cents,refunds_cents\n')
    for (store_id, day), f in sorted(figures.items()):
        out.write(f'{store_id},{day},{f[0]},{f[1]},{f[2]},{f[3]},{f[4]}\n')
    return len(figures)


def parse_args(argv):
    p = argparse.ArgumentParser(description='Generate a SQLite file in the legacy Telegram bot layout.',
                                epilog='See the docstring at the top of this script for the layout.')
    p.add_argument('out', metavar='OUT.db', help='output file (overwritten)')
    p.add_argument('--stores', type=int, default=10)
    p.add_argument('--traffic', type=int, default=1_000_000, help='rows in counts')
    p.add_argument('--sales', type=int, default=200_000, help='rows in transactions')
    p.add_argument('--days', type=int, default=730)
    p.add_argument('--end', type=datetime.date.fromisoformat, default=datetime.date(2026, 11, 30),
                   help='last business day, YYYY-MM-DD (inclusive)')
    p.add_argument('--seed', type=int, default=42)
    p.add_argument('--bad', type=int, default=0, help='invalid rows to substitute (0..5)')
    p.add_argument('--chats', type=int, default=3)
    p.add_argument('--prefix', default='store')
    p.add_argument('--expected', metavar='FILE', help="write expected daily figures as CSV ('-': stdout)")
    a = p.parse_args(argv)
    if a.stores < 1 or a.days < 1:
        p.error('--stores and --days must be at least 1')
    if a.traffic < 0 or a.sales < 0 or a.chats < 0:
        p.error('--traffic, --sales and --chats must not be negative')
    if not 0 <= a.bad <= 5:
        p.error('--bad must be between 0 and 5')
    if a.traffic < min(a.bad, 3) or a.sales < max(0, a.bad - 3):
        p.error(f'--bad {a.bad} needs at least {min(a.bad, 3)} counts and {max(0, a.bad - 3)} sales rows')
    if a.traffic > a.stores * a.days * len(SENSORS) * OPEN_MINUTES:
        p.error('--traffic does not fit: at most one reading per sensor and minute of opening hours')
    return a


def main(argv=None):
    a = parse_args(argv)
    t0 = time.monotonic()
    width = max(2, len(str(a.stores)))
    stores = [(f'{a.prefix}-{i:0{width}d}', f'Store {i:0{width}d}', ZONES[(i - 1) % len(ZONES)], 'EUR')
              for i in range(1, a.stores + 1)]
    days = [a.end - datetime.timedelta(days=a.days - 1 - j) for j in range(a.days)]

    traffic_count, traffic_max = per_store_day(a.traffic, a.stores, a.days)
    per_sensor = (traffic_max + 1) // 2
    interval = next(iv for iv in INTERVALS if OPEN_MINUTES // iv >= per_sensor)
    sales_count, _ = per_store_day(a.sales, a.stores, a.days)

    # Bad rows: replace (not add) rows, keeping the rest of the row as it was.
    bad_counts = dict(zip(bad_ids(a.traffic, min(a.bad, 3)), [
        ('negative-entered', lambda r: r[:3] + (-3,) + r[4:]),
        ('unknown-store', lambda r: (r[0], 'no-such-store') + r[2:]),
        ('unparseable-timestamp', lambda r: ('yesterday at noon',) + r[1:]),
    ]))
    bad_sales = dict(zip(bad_ids(a.sales, max(0, a.bad - 3)), [
        ('unknown-kind', lambda r: r[:5] + ('void',)),
        ('wrong-currency', lambda r: r[:3] + ('XXX',) + r[4:]),
    ]))

    if os.path.exists(a.out):
        os.remove(a.out)
    con = sqlite3.connect(a.out, isolation_level=None)
    con.execute('PRAGMA journal_mode=OFF')
    con.execute('PRAGMA synchronous=OFF')
    con.executescript(SCHEMA)
    con.execute('BEGIN')
    con.executemany('INSERT INTO stores (id, name, timezone, currency) VALUES (?, ?, ?, ?)', stores)

    # Each store's stream is chronological; merging them gives the global append order.
    counts = heapq.merge(*(count_rows(i, sid, tz, days, traffic_count, interval, a.seed)
                           for i, (sid, _, tz, _) in enumerate(stores)))
    con.executemany('INSERT INTO counts (id, recorded_at, store_id, sensor, entered, exited) '
                    'VALUES (?, ?, ?, ?, ?, ?)',
                    with_ids(counts, {i: fn for i, (_, fn) in bad_counts.items()}))
    sales = heapq.merge(*(sale_rows(i, sid, tz, days, sales_count, a.seed)
                          for i, (sid, _, tz, _) in enumerate(stores)))
    con.executemany('INSERT INTO transactions (id, recorded_at, store_id, total_cents, currency, items, kind) '
                    'VALUES (?, ?, ?, ?, ?, ?, ?)',
                    with_ids(sales, {i: fn for i, (_, fn) in bad_sales.items()}))

    chats = []
    for i in range(a.chats):
        if i == 0:
            chats.append((700000001, 'legacy-admin', 'admin', ''))
            continue
        role = 'manager' if i % 2 else 'viewer'
        own = [stores[(i - 1) % a.stores][0]]
        if role == 'viewer' and stores[i % a.stores][0] not in own:
            own.append(stores[i % a.stores][0])
        chats.append((700000001 + i, f'legacy-{role}-{i:02d}', role, ','.join(own)))
    con.executemany('INSERT INTO chat_users (chat_id, username, role, stores) VALUES (?, ?, ?, ?)', chats)
    con.execute('COMMIT')

    tally = {t: con.execute(f'SELECT COUNT(*) FROM {t}').fetchone()[0]
             for t in ('stores', 'counts', 'transactions', 'chat_users')}
    con.close()
    t_gen = time.monotonic() - t0

    for i, (reason, _) in sorted(bad_counts.items()):
        print(f'BAD counts {i} {reason}')
    for i, (reason, _) in sorted(bad_sales.items()):
        print(f'BAD transactions {i} {reason}')
    sys.stdout.flush()

    for t, n in tally.items():
        print(f'{t}: {n} rows', file=sys.stderr)
    print(f'counts interval: {interval} min per sensor; generated {a.out} in {t_gen:.1f} s', file=sys.stderr)
    if a.expected:
        t1 = time.monotonic()
        if a.expected == '-':
            n = write_expected(a.out, sys.stdout)
        else:
            with open(a.expected, 'w', newline='') as f:
                n = write_expected(a.out, f)
        print(f'expected: {n} store-days written to {a.expected} in {time.monotonic() - t1:.1f} s',
              file=sys.stderr)
    print(f'total time: {time.monotonic() - t0:.1f} s', file=sys.stderr)


if __name__ == '__main__':
    main()
