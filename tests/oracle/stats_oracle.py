#!/usr/bin/python3
"""Independent expected values for `finfacts stats`, from pandas/numpy/scipy/statsmodels.

Run with Debian's /usr/bin/python3 (python3-pandas, python3-numpy,
python3-scipy, python3-statsmodels; scripts/install-deps.sh --peers):

    /usr/bin/python3 tests/oracle/stats_oracle.py

It reads the price files in tests/fixtures/stats/ with pandas (not with
finfacts' reader), computes every metric the way a pandas user would write
it, following DESIGN.md's conventions, and writes one expected_<case>.csv
per case next to them.  tests/e2e/t_stats.sh runs finfacts on the same
files with the same options and compares with `finfacts check`.
"""
import math
import os
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.stats import norm

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "fixtures", "stats")
YEAR = 252

# case name -> (series files, benchmark file or None, options)
CASES = {
    "hand": (["hand.csv"], "hand_bench.csv", {"window": 5}),
    "hand_plain": (["hand.csv"], None, {"window": 5}),
    "hk": (["9988.HK.csv"], "^HSI.csv", {"rf": 0.03}),
    "hk_log": (["9988.HK.csv"], "^HSI.csv", {"rf": 0.03, "log": True}),
    "us": (["AAPL.csv"], "SPY.csv", {}),
    "us_range": (["AAPL.csv", "SPY.csv"], "SPY.csv",
                 {"from": "2024-01-01", "to": "2024-12-31",
                  "confidence": 0.99, "window": 63, "rf": 0.045}),
}

COLUMNS = ["rows", "first_date", "last_date", "first_price", "last_price",
           "total_return", "cagr", "volatility", "sharpe", "sortino",
           "max_drawdown", "dd_peak", "dd_trough", "dd_recovery", "calmar",
           "var_hist", "cvar_hist", "var_gauss", "cvar_gauss", "skewness",
           "kurtosis", "best_day", "best_date", "worst_day", "worst_date",
           "up_share", "ytd", "high_52w", "low_52w", "rolling_vol"]
BENCH_COLUMNS = ["bench_returns", "beta", "alpha", "r2", "correlation",
                 "tracking_error", "info_ratio"]


def load(path, opts):
    """Price series (Adj Close if present, else Close) indexed by date."""
    df = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    df.columns = [c.strip().lower() for c in df.columns]
    # "2020-01-02 00:00:00+08:00": the calendar date as written.
    day = df["date"].str.split(r"[ T]", regex=True).str[0]
    idx = pd.to_datetime(day)
    col = "adj close" if "adj close" in df.columns else "close"
    p = pd.Series(df[col].astype(float).values, index=idx)
    if "from" in opts:
        p = p[p.index >= pd.Timestamp(opts["from"])]
    if "to" in opts:
        p = p[p.index <= pd.Timestamp(opts["to"])]
    return p


def day(ts):
    return "" if ts is None else ts.strftime("%Y-%m-%d")


def returns(p, opts):
    """Simple, or with opts["log"] log returns ln(P_t / P_(t-1))."""
    if opts.get("log"):
        return np.log(p / p.shift()).dropna()
    return p.pct_change().dropna()


def daily_rf(opts):
    rf = opts.get("rf", 0.0)
    if opts.get("log"):
        return math.log(1 + rf) / YEAR
    return (1 + rf) ** (1 / YEAR) - 1


def metrics(p, opts):
    c = opts.get("confidence", 0.95)
    w = opts.get("window", 21)
    rf_d = daily_rf(opts)
    r = returns(p, opts)
    n = len(r)
    e = r - rf_d
    m = {"rows": len(p), "first_date": day(p.index[0]),
         "last_date": day(p.index[-1]), "first_price": p.iloc[0],
         "last_price": p.iloc[-1]}
    m["total_return"] = p.iloc[-1] / p.iloc[0] - 1
    m["cagr"] = (p.iloc[-1] / p.iloc[0]) ** (YEAR / n) - 1
    m["volatility"] = r.std(ddof=1) * math.sqrt(YEAR)
    m["sharpe"] = e.mean() / e.std(ddof=1) * math.sqrt(YEAR)
    m["sortino"] = e.mean() / math.sqrt((np.minimum(e, 0) ** 2).mean()) \
        * math.sqrt(YEAR)

    dd = p / p.cummax() - 1
    m["max_drawdown"] = dd.min()
    trough = dd.idxmin()
    peak = p[:trough].idxmax()
    after = p[p.index > trough]
    rec = after[after >= p[peak]]
    m["dd_peak"], m["dd_trough"] = day(peak), day(trough)
    m["dd_recovery"] = day(rec.index[0]) if len(rec) else ""
    m["calmar"] = m["cagr"] / abs(m["max_drawdown"])

    var = np.quantile(r.values, 1 - c)          # numpy default: linear
    m["var_hist"] = var
    m["cvar_hist"] = r[r <= var].mean()
    mu, sd, z = r.mean(), r.std(ddof=1), norm.ppf(1 - c)
    m["var_gauss"] = mu + sd * z
    m["cvar_gauss"] = mu - sd * norm.pdf(z) / (1 - c)
    m["skewness"] = r.skew()
    m["kurtosis"] = r.kurt()
    m["best_day"], m["best_date"] = r.max(), day(r.idxmax())
    m["worst_day"], m["worst_date"] = r.min(), day(r.idxmin())
    m["up_share"] = (r > 0).mean()
    jan1 = pd.Timestamp(year=p.index[-1].year, month=1, day=1)
    before = p[p.index < jan1]
    m["ytd"] = p.iloc[-1] / before.iloc[-1] - 1 if len(before) else math.nan
    m["high_52w"] = p.iloc[-YEAR:].max()
    m["low_52w"] = p.iloc[-YEAR:].min()
    m["rolling_vol"] = r.iloc[-w:].std(ddof=1) * math.sqrt(YEAR) \
        if n >= w else math.nan
    return m


def bench_metrics(p, b, opts):
    rf_d = daily_rf(opts)
    both = pd.concat([p, b], axis=1, join="inner")
    r, rb = returns(both.iloc[:, 0], opts), returns(both.iloc[:, 1], opts)
    fit = sm.OLS((r - rf_d).values, sm.add_constant((rb - rf_d).values)).fit()
    a, beta = fit.params
    active = r - rb
    te = active.std(ddof=1) * math.sqrt(YEAR)
    alpha = math.exp(YEAR * a) - 1 if opts.get("log") else (1 + a) ** YEAR - 1
    return {"bench_returns": len(r), "beta": beta,
            "alpha": alpha, "r2": fit.rsquared,
            "correlation": np.corrcoef(r.values, rb.values)[0, 1],
            "tracking_error": te,
            "info_ratio": active.mean() * YEAR / te}


def fmt(v):
    if isinstance(v, str):
        return v
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    v = float(v)
    return "" if math.isnan(v) else repr(v)


def main():
    for case, (files, bench, opts) in CASES.items():
        cols = ["series"] + (["benchmark"] if bench else []) + COLUMNS \
            + (BENCH_COLUMNS if bench else [])
        rows = []
        b = load(os.path.join(FIX, bench), opts) if bench else None
        for f in files:
            p = load(os.path.join(FIX, f), opts)
            m = metrics(p, opts)
            if bench:
                m.update(bench_metrics(p, b, opts))
                m["benchmark"] = os.path.basename(bench)[:-4]
            m["series"] = os.path.basename(f)[:-4]
            rows.append([fmt(m[k]) for k in cols])
        out = os.path.join(FIX, "expected_%s.csv" % case)
        with open(out, "w") as fh:
            fh.write(",".join(cols) + "\n")
            for row in rows:
                fh.write(",".join(row) + "\n")
        print("wrote", os.path.relpath(out), file=sys.stderr)
    run_case()


# `finfacts run` over tests/fixtures/run/data: every price file with its
# benchmark (.HK listings against ^HSI, the index itself against none), in
# one table with every column, rows in file-name byte order.
RUN = os.path.join(HERE, "..", "fixtures", "run")


def run_case():
    prices = os.path.join(RUN, "data", "prices")
    cols = ["series", "benchmark"] + COLUMNS + BENCH_COLUMNS
    rows = []
    for name in sorted(os.listdir(prices)):
        p = load(os.path.join(prices, name), {})
        m = metrics(p, {})
        m["benchmark"] = ""
        if name.endswith(".HK.csv"):
            m.update(bench_metrics(p, load(os.path.join(prices, "^HSI.csv"), {}), {}))
            m["benchmark"] = "^HSI"
        m["series"] = name[:-4]
        rows.append([fmt(m.get(k, "")) for k in cols])
    out = os.path.join(RUN, "metrics.expected.csv")
    with open(out, "w") as fh:
        fh.write(",".join(cols) + "\n")
        for row in rows:
            fh.write(",".join(row) + "\n")
    print("wrote", os.path.relpath(out), file=sys.stderr)


if __name__ == "__main__":
    main()
