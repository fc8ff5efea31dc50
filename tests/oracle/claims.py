#!/usr/bin/python3
"""Check the price claims of the expected fact tables against the bundled
prices, independently of finfacts (an oracle for `finfacts verify`).

usage: claims.py EXPECTED.csv...    (prints one line per price fact)

What the prices say (raw file values, see moves.py):
  price_change max/intraday   High/prev close - 1 for a rise, Low/prev close - 1 for a fall
  price_change close or day   Close/prev close - 1   (day: "no word of close", read as close)
  price_change open           Open/prev close - 1
  price_change ytd            Close / last close of the previous year - 1
  price_change week           Close / last close before that week's Monday - 1
  price intraday_high / intraday_low / close / open / level(=close)
A day not in the file moves to the next calendar day if that is a trading
day (the time-zone case); otherwise the claim is unverifiable.

How a stated value bounds the truth (DESIGN.md):
  eq      |truth - v| <= half a unit of the last written digit
  approx  within max(that half unit, 5% of |v|)
  gt      |truth| > |v|, same sign
  lt      |v| - max(0.5, 10% of |v|) <= |truth| <= |v|, same sign
  max     as eq, against the day's extreme
"""
import csv, datetime, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import moves  # noqa: E402

CACHE = {}


def series(ticker):
    if ticker not in CACHE:
        path = os.path.join(moves.PRICES, ticker + '.csv')
        CACHE[ticker] = moves.load(ticker) if os.path.exists(path) else None
    return CACHE[ticker]


def half_unit(text):
    t = text.strip().lstrip('-')
    if '.' in t:
        return 0.5 * 10 ** -len(t.split('.')[1])
    return 0.5


def find_day(rows, day):
    days = [r[0] for r in rows]
    if day in days:
        return days.index(day), ''
    nxt = (datetime.date.fromisoformat(day) +
           datetime.timedelta(days=1)).isoformat()
    if nxt in days:
        return days.index(nxt), 'moved to next day %s' % nxt
    return None, 'day %s not in file' % day


def truth(rows, i, measure, period, value):
    d, o, h, l, c = rows[i]
    pc = rows[i - 1][4]
    if measure == 'price':
        return {'intraday_high': h, 'intraday_low': l, 'open': o,
                'close': c, 'level': c}[period]
    if period == 'intraday':
        return ((h if value > 0 else l) / pc - 1) * 100
    if period in ('close', 'day'):
        return (c / pc - 1) * 100
    if period == 'open':
        return (o / pc - 1) * 100
    if period.startswith("days:"):
        n = int(period[5:])
        return (c / rows[i - n][4] - 1) * 100
    if period == "week":
        monday = (datetime.date.fromisoformat(d) - datetime.timedelta(
            days=datetime.date.fromisoformat(d).weekday())).isoformat()
        prev = [r for r in rows if r[0] < monday]
        return (c / prev[-1][4] - 1) * 100
    if period == 'ytd':
        prev = [r for r in rows if r[0] < d[:4] + '-01-01']
        return (c / prev[-1][4] - 1) * 100
    return None


def judge(v, text, q, t):
    hu = half_unit(text)
    if q in ('eq', 'max'):
        return abs(t - v) <= hu + 1e-9
    if q == 'approx':
        return abs(t - v) <= max(hu, 0.05 * abs(v)) + 1e-9
    if (t > 0) != (v > 0):
        return False
    if q == 'gt':
        return abs(t) > abs(v)
    if q == 'lt':
        return abs(v) - max(0.5, 0.1 * abs(v)) <= abs(t) <= abs(v)
    return None


def main(paths):
    bad = 0
    for p in paths:
        for r in csv.DictReader(open(p, newline='', encoding='utf-8')):
            if r['measure'] not in ('price', 'price_change') or not r['ticker']:
                continue
            head = '%s %s %s %s %s %s %s' % (
                r['doc'], r['date'], r['ticker'], r['measure'], r['period'],
                r['qualifier'], r['value'])
            rows = series(r['ticker'])
            if rows is None:
                print('%s -> unverifiable: no price file' % head)
                continue
            i, note = find_day(rows, r['date'])
            if i is None:
                print('%s -> unverifiable: %s' % (head, note))
                continue
            v = float(r['value'])
            t = truth(rows, i, r['measure'], r['period'], v)
            if t is None:
                print('%s -> unverifiable: period %s is not in daily bars'
                      % (head, r['period']))
                continue
            ok = judge(v, r['value'], r['qualifier'], t)
            bad += not ok
            print('%s -> %.3f %s%s' % (head, t,
                  'consistent' if ok else 'INCONSISTENT',
                  ' (%s)' % note if note else ''))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
