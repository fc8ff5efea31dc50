#!/usr/bin/python3
"""The pandas peer of `finfacts stats --benchmark BENCH SERIES`.

    /usr/bin/python3 bench/stats_pandas.py SERIES.csv BENCH.csv [OUT.csv]

Written as a pandas user would write it: read_csv both files whole (every
column parsed, as finfacts also parses and validates every column), then
the metrics of issue 2 point 4 with DESIGN.md's conventions (the same
formulas as tests/oracle/stats_oracle.py on the stats branch): returns
from Adj Close when present, n-1 deviations, 252 days a year, VaR as
numpy's linear quantile, bias-corrected skew and kurtosis, beta and
alpha by OLS on the dates both series share.  Writes one CSV row, the
same columns finfacts writes, so `finfacts check` can compare them.
"""
import math
import os
import sys
from statistics import NormalDist

import numpy as np
import pandas as pd

YEAR = 252
CONF = 0.95
WINDOW = 21


def load(path):
    # Dates stay ISO strings (they sort and compare as dates): a million
    # trading days run to the year 5733, beyond pandas' datetime64[ns]
    # (1677 to 2262), so parse_dates would leave them strings anyway.
    df = pd.read_csv(path, index_col="Date", dtype={"Date": str})
    col = "Adj Close" if "Adj Close" in df.columns else "Close"
    return df[col]


def day(d):
    return d[:10]


def metrics(p):
    r = p.pct_change().dropna()
    n = len(r)
    m = {"rows": len(p), "first_date": day(p.index[0]),
         "last_date": day(p.index[-1]), "first_price": p.iloc[0],
         "last_price": p.iloc[-1]}
    m["total_return"] = p.iloc[-1] / p.iloc[0] - 1
    m["cagr"] = (p.iloc[-1] / p.iloc[0]) ** (YEAR / n) - 1
    sd = r.std(ddof=1)
    m["volatility"] = sd * math.sqrt(YEAR)
    m["sharpe"] = r.mean() / sd * math.sqrt(YEAR)          # rf = 0
    m["sortino"] = r.mean() / math.sqrt((np.minimum(r, 0) ** 2).mean()) \
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
    var = np.quantile(r.values, 1 - CONF)
    m["var_hist"] = var
    m["cvar_hist"] = r[r <= var].mean()
    mu, z = r.mean(), NormalDist().inv_cdf(1 - CONF)
    m["var_gauss"] = mu + sd * z
    m["cvar_gauss"] = mu - sd * NormalDist().pdf(z) / (1 - CONF)
    m["skewness"] = r.skew()
    m["kurtosis"] = r.kurt()
    m["best_day"], m["best_date"] = r.max(), day(r.idxmax())
    m["worst_day"], m["worst_date"] = r.min(), day(r.idxmin())
    m["up_share"] = (r > 0).mean()
    jan1 = p.index[-1][:4] + "-01-01"
    before = p[p.index < jan1]
    m["ytd"] = p.iloc[-1] / before.iloc[-1] - 1 if len(before) else math.nan
    m["high_52w"] = p.iloc[-YEAR:].max()
    m["low_52w"] = p.iloc[-YEAR:].min()
    m["rolling_vol"] = r.iloc[-WINDOW:].std(ddof=1) * math.sqrt(YEAR)
    return m


def bench_metrics(p, b):
    both = pd.concat([p, b], axis=1, join="inner").pct_change().dropna()
    r, rb = both.iloc[:, 0].values, both.iloc[:, 1].values
    beta, a = np.polyfit(rb, r, 1)                         # OLS, rf = 0
    corr = np.corrcoef(r, rb)[0, 1]
    active = r - rb
    te = active.std(ddof=1) * math.sqrt(YEAR)
    return {"bench_returns": len(both), "beta": beta,
            "alpha": (1 + a) ** YEAR - 1, "r2": corr * corr,
            "correlation": corr, "tracking_error": te,
            "info_ratio": active.mean() * YEAR / te}


def fmt(v):
    if isinstance(v, str):
        return v
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    v = float(v)
    return "" if math.isnan(v) else repr(v)


def main():
    series, bench = sys.argv[1], sys.argv[2]
    p, b = load(series), load(bench)
    m = metrics(p)
    m.update(bench_metrics(p, b))
    name = lambda f: os.path.basename(f)[:-4]
    m["series"], m["benchmark"] = name(series), name(bench)
    cols = ["series", "benchmark"] + list(m.keys())[:-2]
    out = open(sys.argv[3], "w") if len(sys.argv) > 3 else sys.stdout
    out.write(",".join(cols) + "\n")
    out.write(",".join(fmt(m[k]) for k in cols) + "\n")


if __name__ == "__main__":
    main()
