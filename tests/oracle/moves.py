#!/usr/bin/python3
"""Daily moves from the bundled raw price files, for writing and checking
the articles in data/articles (see tests/fixtures/articles/COMPUTATIONS.md).

usage: moves.py TICKER YYYY-MM-DD [YYYY-MM-DD ...]

For each day prints the previous trading day's close, the day's OHLC and
  open%  = open / prev_close - 1
  high%  = high / prev_close - 1   (intraday max for a rise)
  low%   = low  / prev_close - 1   (intraday max for a fall)
  close% = close / prev_close - 1
  ytd%   = close / last close of the previous year - 1
Values are the file's own (raw where the file is raw; see data/README.md).
"""
import csv, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PRICES = os.path.join(HERE, '..', '..', 'data', 'prices')


def norm_date(s):
    s = s.strip().split(' ')[0]
    if '/' in s:
        y, m, d = s.split('/')
        return '%04d-%02d-%02d' % (int(y), int(m), int(d))
    return s


def load(ticker):
    rows = []
    with open(os.path.join(PRICES, ticker + '.csv'), newline='') as f:
        for r in csv.DictReader(f):
            try:
                rows.append((norm_date(r['Date']), float(r['Open']),
                             float(r['High']), float(r['Low']),
                             float(r['Close'])))
            except ValueError:
                continue
    rows.sort()
    return rows


def pct(a, b):
    return (a / b - 1) * 100


def report(rows, day):
    idx = [i for i, r in enumerate(rows) if r[0] == day]
    if not idx:
        return '%s: not a trading day in the file' % day
    i = idx[0]
    d, o, h, l, c = rows[i]
    pc = rows[i - 1][4]
    prev_year = [r for r in rows if r[0] < day[:4] + '-01-01']
    ytd = pct(c, prev_year[-1][4]) if prev_year else float('nan')
    return ('%s prev %s close %.4f | O %.4f H %.4f L %.4f C %.4f | '
            'open %+.3f%% high %+.3f%% low %+.3f%% close %+.3f%% ytd %+.3f%% '
            '(vs %s %.4f)' % (d, rows[i - 1][0], pc, o, h, l, c, pct(o, pc),
                             pct(h, pc), pct(l, pc), pct(c, pc), ytd,
                             prev_year[-1][0] if prev_year else '-',
                             prev_year[-1][4] if prev_year else 0))


if __name__ == '__main__':
    rows = load(sys.argv[1])
    for day in sys.argv[2:]:
        print(sys.argv[1], report(rows, day))
