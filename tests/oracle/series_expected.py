#!/usr/bin/python3
"""Expected output of `finfacts series` for the fixtures in
tests/fixtures/series/, computed by hand, one formula per number (see
tests/fixtures/series/README.md for the arithmetic written out).  The
least-squares trend comes from scipy.stats.linregress, a peer.

Run: /usr/bin/python3 tests/oracle/series_expected.py tests/fixtures/series
Writes seeds.expected.csv, merge.expected.csv, week.expected.csv there."""
import csv
import math
import os
import sys

from scipy.stats import linregress

COLS = ["kind", "entity", "ticker", "scope", "measure", "period", "date",
        "value", "unit", "qualifier", "low", "high", "sources", "docs",
        "flag", "verdict"]
INF = math.inf


def fmt(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    if isinstance(x, float) and math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x) if isinstance(x, float) else str(x)


def row(kind, entity, ticker, scope, measure, period, date, value, unit,
        qual, low, high, sources, docs, flag="", verdict=""):
    return [kind, entity, ticker, scope, measure, period, date, fmt(value),
            unit, qual, fmt(low), fmt(high), str(sources), docs, flag, verdict]


def half(v, u):
    """value +- half a unit of its last written digit"""
    return v - u / 2, v + u / 2


def seeds():
    D = "000_a7d27970ce66e020"
    day = "2025-02-13"
    F = lambda *a, **k: row("fact", *a, **k)
    R = lambda *a, **k: row("derived", *a, **k)
    C = lambda *a, **k: row("check", *a, **k)
    out = []
    # facts, as stated: precision from the written digits
    out.append(F("Alibaba", "9988.HK", "", "price", "intraday_high", day, 124.3, "HKD", "eq", 124.25, 124.35, 1, D))
    out.append(F("Alibaba", "9988.HK", "", "price_change", "close", day, 2.6, "pct", "eq", 2.55, 2.65, 1, D))
    out.append(F("Alibaba", "9988.HK", "", "price_change", "intraday", day, 9.2, "pct", "max", 9.15, 9.25, 1, D))
    out.append(F("Alibaba", "9988.HK", "", "price_change", "intraday", "", 8.6, "pct", "max", 8.55, 8.65, 1, "003_a74b44184a646fae"))
    out.append(F("Alibaba", "9988.HK", "", "price_change", "ytd", day, 40, "pct", "gt", 40, INF, 1, D))
    out.append(F("Alibaba", "9988.HK", "", "price_change", "ytd", "", 30, "pct", "gt", 30, INF, 1, "003_a74b44184a646fae"))
    out.append(F("Apple", "", "China", "market_rank", "year:2024", day, 3, "rank", "eq", 3, 3, 1, D))
    out.append(F("Apple", "", "China", "market_share", "year:2024", day, 15, "pct", "eq", 14.5, 15.5, 1, D))
    out.append(F("Apple", "", "China", "revenue_change", "", "2025-02-12", -11, "pct", "eq", -11.5, -10.5, 1, "004_420689f6399db323"))
    out.append(F("Apple", "", "China", "shipments_change", "year:2024", day, -17, "pct", "eq", -17.5, -16.5, 1, D))
    # $18.51-billion: last digit 0.01 billion = 1e7
    out.append(F("Apple", "", "Greater China", "revenue", "fiscal:FY2025Q1", day, 18510000000, "USD", "eq", 18505000000, 18515000000, 1, D))
    out.append(F("Apple", "", "Greater China", "revenue_change", "fiscal:FY2025Q1", day, -11, "pct", "eq", -11.5, -10.5, 1, D))
    # nearly 3%: [3 - max(0.5, 0.3), 3], sign applied after
    out.append(F("Baidu", "9888.HK", "", "price_change", "day", "", -3, "pct", "lt", -3, -2.5, 1, "003_a74b44184a646fae"))
    out.append(F("Huawei", "", "China", "market_rank", "year:2024", day, 2, "rank", "eq", 2, 2, 1, D))
    out.append(F("Huawei", "", "China", "market_share", "year:2024", day, 16, "pct", "eq", 15.5, 16.5, 1, D))
    out.append(F("Vivo", "", "China", "market_rank", "year:2024", day, 1, "rank", "eq", 1, 1, 1, D))
    out.append(F("Vivo", "", "China", "market_share", "year:2024", day, 17, "pct", "eq", 16.5, 17.5, 1, D))

    # implied previous close: 124.3 / 1.092; low = 124.25 / 1.0925,
    # high = 124.35 / 1.0915
    prev = 124.3 / 1.092
    prev_lo, prev_hi = 124.25 / 1.0925, 124.35 / 1.0915
    out.append(R("Alibaba", "9988.HK", "", "implied_prev_close", "intraday", day, prev, "HKD", "", prev_lo, prev_hi, 1, D))
    # implied close: prev * 1.026, bounds prev_lo * 1.0255, prev_hi * 1.0265
    out.append(R("Alibaba", "9988.HK", "", "implied_close", "close", day, prev * 1.026, "HKD", "", prev_lo * 1.0255, prev_hi * 1.0265, 1, D))
    # give-back: 9.2 - 2.6; [9.15 - 2.65, 9.25 - 2.55]
    out.append(R("Alibaba", "9988.HK", "", "giveback_pp", "close", day, 9.2 - 2.6, "pp", "", 9.15 - 2.65, 9.25 - 2.55, 1, D))
    # share of the gain given back: 100 (1 - 2.6/9.2); 2.6/9.2 is in
    # [2.55/9.25, 2.65/9.15]
    out.append(R("Alibaba", "9988.HK", "", "giveback_share", "close", day, 100 * (1 - 2.6 / 9.2), "pct", "", 100 * (1 - 2.65 / 9.15), 100 * (1 - 2.55 / 9.25), 1, D))
    out.append(C("Alibaba", "9988.HK", "", "check_intraday_vs_close", "close", day, 9.2 - 2.6, "pp", "", 9.15 - 2.65, 9.25 - 2.55, 1, D, verdict="consistent"))
    # prior revenue: 18.51e9 / 0.89; growth 1 + g/100 in [0.885, 0.895]
    out.append(R("Apple", "", "Greater China", "implied_prior_revenue", "fiscal:FY2025Q1", day, 18.51e9 / 0.89, "USD", "", 18.505e9 / 0.895, 18.515e9 / 0.885, 1, D))
    # change: level * g / (100 + g): -11/89; bounds -11.5/88.5, -10.5/89.5
    out.append(R("Apple", "", "Greater China", "revenue_abs_change", "fiscal:FY2025Q1", day, 18.51e9 * -11 / 89, "USD", "", 18.515e9 * -11.5 / 88.5, 18.505e9 * -10.5 / 89.5, 1, D))
    # shares Vivo 17, Huawei 16, Apple 15 (each +-0.5)
    M = lambda measure, v, unit, lo, hi, flag="": R("market", "", "China", measure, "year:2024", day, v, unit, "", lo, hi, 1, D, flag=flag)
    out.append(M("share_sum", 17 + 16 + 15, "pct", 16.5 + 15.5 + 14.5, 17.5 + 16.5 + 15.5))
    out.append(M("share_remainder", 100 - 48, "pct", 100 - 49.5, 100 - 46.5))
    out.append(M("cr3", 48, "pct", 46.5, 49.5))
    out.append(M("hhi", 17 ** 2 + 16 ** 2 + 15 ** 2, "hhi", 16.5 ** 2 + 15.5 ** 2 + 14.5 ** 2, 17.5 ** 2 + 16.5 ** 2 + 15.5 ** 2, "lower_bound"))
    out.append(M("share_gap_1_2", 17 - 16, "pp", 16.5 - 16.5, 17.5 - 15.5))
    out.append(M("share_gap_2_3", 16 - 15, "pp", 15.5 - 15.5, 16.5 - 14.5))
    out.append(C("market", "", "China", "check_share_sum", "year:2024", day, 48, "pct", "", 46.5, 49.5, 1, D, verdict="consistent"))
    out.append(C("market", "", "China", "check_ranks_vs_shares", "year:2024", day, None, "", "", None, None, 1, D, verdict="consistent"))
    return out


def merge():
    F = lambda *a, **k: row("fact", *a, **k)
    R = lambda *a, **k: row("derived", *a, **k)
    C = lambda *a, **k: row("check", *a, **k)
    day = "2025-02-13"
    A = ("Alibaba", "9988.HK", "")
    out = [
        # 2.4 (b) and 2.6 (a) for the same day: both kept, flagged
        F(*A, "price_change", "close", day, 2.4, "pct", "eq", 2.35, 2.45, 1, "b", flag="conflict"),
        F(*A, "price_change", "close", day, 2.6, "pct", "eq", 2.55, 2.65, 1, "a", flag="conflict"),
        # "rose 5%" with no date in b and in c: not known to be one fact
        F(*A, "price_change", "day", "", 5, "pct", "eq", 4.5, 5.5, 1, "b"),
        F(*A, "price_change", "day", "", 5, "pct", "eq", 4.5, 5.5, 1, "c"),
        # 9.2 max intraday told by a, b and c: one row
        F(*A, "price_change", "intraday", day, 9.2, "pct", "max", 9.15, 9.25, 3, "a;b;c"),
        F("Huawei", "", "China", "market_share", "year:2024", "2025-02-15", 16, "pct", "eq", 15.5, 16.5, 1, "c"),
        # a labelled period is one fact whatever day it was told: Vivo 17
        # (a on the 13th, b on the 14th, date = the first) against 18 (c)
        F("Vivo", "", "China", "market_share", "year:2024", day, 17, "pct", "eq", 16.5, 17.5, 2, "a;b", flag="conflict"),
        F("Vivo", "", "China", "market_share", "year:2024", "2025-02-15", 18, "pct", "eq", 17.5, 18.5, 1, "c", flag="conflict"),
    ]
    # give-back against each close value: the docs of the intraday (a;b;c)
    for c, clo, chi in ((2.4, 2.35, 2.45), (2.6, 2.55, 2.65)):
        out.append(R(*A, "giveback_pp", "close", day, 9.2 - c, "pp", "", 9.15 - chi, 9.25 - clo, 3, "a;b;c", flag="conflict_input"))
        out.append(R(*A, "giveback_share", "close", day, 100 * (1 - c / 9.2), "pct", "", 100 * (1 - chi / 9.15), 100 * (1 - clo / 9.25), 3, "a;b;c", flag="conflict_input"))
        out.append(C(*A, "check_intraday_vs_close", "close", day, 9.2 - c, "pp", "", 9.15 - chi, 9.25 - clo, 3, "a;b;c", flag="conflict_input", verdict="consistent"))
    # shares: Vivo's value is the one told by most sources (17), its bounds
    # the hull over 17 and 18: [16.5, 18.5]; Huawei 16 [15.5, 16.5]
    M = lambda measure, v, unit, lo, hi, flag="conflict_input": R("market", "", "China", measure, "year:2024", day, v, unit, "", lo, hi, 3, "a;b;c", flag=flag)
    out += [
        M("share_sum", 17 + 16, "pct", 16.5 + 15.5, 18.5 + 16.5),
        M("share_remainder", 100 - 33, "pct", 100 - 35, 100 - 32),
        M("hhi", 17 ** 2 + 16 ** 2, "hhi", 16.5 ** 2 + 15.5 ** 2, 18.5 ** 2 + 16.5 ** 2, "lower_bound"),
        M("share_gap_1_2", 1, "pp", 16.5 - 16.5, 18.5 - 15.5),
        C("market", "", "China", "check_share_sum", "year:2024", day, 33, "pct", "", 32, 35, 3, "a;b;c", flag="conflict_input", verdict="consistent"),
    ]
    return out


def week():
    F = lambda *a, **k: row("fact", *a, **k)
    R = lambda *a, **k: row("derived", *a, **k)
    C = lambda *a, **k: row("check", *a, **k)
    A = ("Alibaba", "9988.HK", "")
    # "around HK$116.8": approx, half-width max(0.05, 5% of 116.8 = 5.84)
    w = max(0.05, 0.05 * 116.8)
    out = [
        F(*A, "price", "close", "2025-02-10", 104.5, "HKD", "eq", 104.45, 104.55, 1, "w1"),
        # "HK$108.20": two decimals written
        F(*A, "price", "close", "2025-02-11", 108.2, "HKD", "eq", 108.195, 108.205, 1, "w2"),
        F(*A, "price", "close", "2025-02-13", 116.8, "HKD", "approx", 116.8 - w, 116.8 + w, 1, "w3"),
        F(*A, "price_change", "ytd", "2025-02-10", 25, "pct", "eq", 24.5, 25.5, 1, "w1"),
        F(*A, "price_change", "ytd", "2025-02-13", 22, "pct", "eq", 21.5, 22.5, 1, "w3"),
        F("Huawei", "", "China", "market_rank", "quarter:2024Q4", "2025-01-27", 1, "rank", "eq", 1, 1, 1, "w4"),
        F("Huawei", "", "China", "market_share", "quarter:2024Q4", "2025-01-27", 17, "pct", "eq", 16.5, 17.5, 1, "w4"),
        # "50 million": last digit 1 million
        F("Xiaomi", "", "", "shipments", "year:2024", "2025-01-27", 50000000, "units", "eq", 49500000, 50500000, 1, "w4"),
        F("Xiaomi", "", "", "shipments_change", "year:2024", "2025-01-27", 10, "pct", "eq", 9.5, 10.5, 1, "w4"),
        F("Xiaomi", "", "China", "market_rank", "quarter:2024Q4", "2025-01-27", 2, "rank", "eq", 2, 2, 1, "w4"),
        F("Xiaomi", "", "China", "market_share", "quarter:2024Q4", "2025-01-27", 18, "pct", "eq", 17.5, 18.5, 1, "w4"),
        # ytd 25 -> 22 (-3 pp, [21.5 - 25.5, 22.5 - 24.5]) while the close
        # rose from [104.45, 104.55] to [110.96, 122.64]: inconsistent
        C(*A, "check_ytd_vs_price", "ytd", "2025-02-13", 22 - 25, "pp", "", 21.5 - 25.5, 22.5 - 24.5, 2, "w1;w3", verdict="inconsistent"),
        # prior shipments 50e6 / 1.1; growth in [1.095, 1.105]
        R("Xiaomi", "", "", "implied_prior_shipments", "year:2024", "2025-01-27", 50e6 / 1.1, "units", "", 49.5e6 / 1.105, 50.5e6 / 1.095, 1, "w4"),
        # change 50e6 * 10/110; bounds 49.5e6 * 9.5/109.5, 50.5e6 * 10.5/110.5
        R("Xiaomi", "", "", "shipments_abs_change", "year:2024", "2025-01-27", 50e6 * 10 / 110, "units", "", 49.5e6 * 9.5 / 109.5, 50.5e6 * 10.5 / 110.5, 1, "w4"),
    ]
    M = lambda measure, v, unit, lo, hi, flag="": R("market", "", "China", measure, "quarter:2024Q4", "2025-01-27", v, unit, "", lo, hi, 1, "w4", flag=flag)
    out += [
        M("share_sum", 35, "pct", 34, 36),
        M("share_remainder", 65, "pct", 64, 66),
        M("hhi", 18 ** 2 + 17 ** 2, "hhi", 17.5 ** 2 + 16.5 ** 2, 18.5 ** 2 + 17.5 ** 2, "lower_bound"),
        # in stated rank order: Huawei (1) 17 - Xiaomi (2) 18
        M("share_gap_1_2", 17 - 18, "pp", 16.5 - 18.5, 17.5 - 17.5),
        C("market", "", "China", "check_share_sum", "quarter:2024Q4", "2025-01-27", 35, "pct", "", 34, 36, 1, "w4", verdict="consistent"),
        # rank 1 (Huawei 17) below rank 2 (Xiaomi 18)
        C("market", "", "China", "check_ranks_vs_shares", "quarter:2024Q4", "2025-01-27", None, "", "", None, None, 1, "w4", verdict="inconsistent"),
    ]
    # closes on days 0, 1, 3 (Feb 10, 11, 13): scipy's least squares
    fit = linregress([0, 1, 3], [104.5, 108.2, 116.8])
    out.append(R(*A, "trend_slope", "close", "2025-02-10", float(fit.slope), "HKD/day", "", None, None, 3, "w1;w2;w3"))
    out.append(R(*A, "trend_slope_se", "close", "2025-02-10", float(fit.stderr), "HKD/day", "", None, None, 3, "w1;w2;w3"))
    return out


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/series"
    for name, rows in (("seeds", seeds()), ("merge", merge()), ("week", week())):
        with open(os.path.join(d, name + ".expected.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(COLS)
            w.writerows(rows)


if __name__ == "__main__":
    main()
