#!/usr/bin/python3
"""Independent event study for `finfacts event`, on numpy, scipy and
statsmodels (Debian's packages; run with /usr/bin/python3).

It takes the same options as `finfacts event` and writes the same CSV, so
its output, committed as a fixture, is what finfacts must reproduce.  It
shares no code with finfacts: the market model is statsmodels' OLS, each
AR's standard error is statsmodels' prediction standard error (se_obs),
the CAR's variance is the matrix form s^2 i'(I + X*(X'X)^-1 X*')i built
with numpy, ranks come from scipy.stats.rankdata and p-values from
scipy.stats.  Conventions (MacKinlay 1997; Patell 1976; Boehmer,
Musumeci and Poulsen 1991; Corrado 1989 with Corrado-Zivney scaling and
Cowan's multi-day form; Cowan 1992 generalized sign test) are those of
README.md (`finfacts event`).
"""
import argparse
import csv
import datetime
import math
import os
import sys

import numpy as np
import statsmodels.api as sm
from scipy import stats

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday"]


def parse_date(text):
    text = text.strip()
    head = text.split(" ")[0].split("T")[0]
    sep = "/" if "/" in head else "-"
    y, m, d = (int(x) for x in head.split(sep))
    return datetime.date(y, m, d)


def load(path):
    """Dates and the price returns come from: Adj Close, else Close."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    head = [h.strip().lower().replace(" ", "").replace("_", "")
            for h in rows[0]]
    col = head.index("adjclose") if "adjclose" in head else head.index("close")
    dates = [parse_date(r[0]) for r in rows[1:] if r]
    price = [float(r[col]) for r in rows[1:] if r]
    return dates, np.array(price)


def rng(text):
    a, b = text.split(":")
    return int(a), int(b)


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return str(int(v))
    v = float(v)
    if math.isnan(v):
        return ""
    if v == 0:
        return "0"
    return repr(v)


class Excluded(Exception):
    pass


class Listing:
    def __init__(self, path, market):
        self.path = path
        self.dates, p = load(path)
        md = dict(zip(market[0], market[1]))
        self.mdates = md
        self.r = np.full(len(p), np.nan)
        self.r[1:] = p[1:] / p[:-1] - 1
        self.rm = np.full(len(p), np.nan)
        for k in range(1, len(p)):
            a, b = self.dates[k - 1], self.dates[k]
            if a in md and b in md:
                self.rm[k] = md[b] / md[a] - 1


def iso(d):
    return d.isoformat()


def study(L, mpath, date, a):
    """One event: the per-day table and the model, or Excluded(reason)."""
    e0, e1 = a.est
    w0, w1 = a.win
    k0 = next((k for k, d in enumerate(L.dates) if d >= date), None)
    if k0 is None:
        raise Excluded("event date %s is after the last row (%s)"
                       % (iso(date), iso(L.dates[-1])))
    if k0 + e0 < 1:
        raise Excluded("too little history for the event on %s: the "
                       "estimation window %d:%d needs %d trading days "
                       "before day 0 (%s), the file has %d"
                       % (iso(date), e0, e1, 1 - e0, iso(L.dates[k0]), k0))
    if k0 + w1 >= len(L.dates):
        raise Excluded("the event window %d:%d of the event on %s runs past "
                       "the last row (%s)" % (w0, w1, iso(date),
                                              iso(L.dates[-1])))
    need_m = a.model != "mean"
    est = [k0 + o for o in range(e0, e1 + 1)]
    keep = [k for k in est if not (need_m and np.isnan(L.rm[k]))]
    dropped = len(est) - len(keep)
    n_est = len(keep)
    df = n_est - (2 if a.model == "market" else 1)
    if df < 3:
        raise Excluded("the event on %s has only %d estimation days with a "
                       "market return (%d dropped); at least %d are needed"
                       % (iso(date), n_est, dropped,
                          5 if a.model == "market" else 4))
    win = [k0 + o for o in range(w0, w1 + 1)]
    for o, k in zip(range(w0, w1 + 1), win):
        if need_m and np.isnan(L.rm[k]):
            miss = L.dates[k] if L.dates[k] not in L.mdates else L.dates[k - 1]
            raise Excluded("the market has no row on %s, needed for day "
                           "%+d of the event on %s" % (iso(miss), o,
                                                       iso(date)))
    y, x = L.r[keep], L.rm[keep]
    yw, xw = L.r[win], L.rm[win]
    n = len(win)
    if a.model == "market":
        X = sm.add_constant(x)
        fit = sm.OLS(y, X).fit()
        alpha, beta = fit.params
        s2 = fit.scale
        Xw = np.column_stack([np.ones(n), xw])
        exp = fit.predict(Xw)
        se = fit.get_prediction(Xw).se_obs
        resid_est = fit.resid
        inv = fit.normalized_cov_params
    elif a.model == "mean":
        X = np.ones((n_est, 1))
        fit = sm.OLS(y, X).fit()
        alpha, beta = fit.params[0], np.nan
        s2 = fit.scale
        Xw = np.ones((n, 1))
        exp = fit.predict(Xw)
        se = fit.get_prediction(Xw).se_obs
        resid_est = fit.resid
        inv = fit.normalized_cov_params
    else:
        alpha = beta = np.nan
        resid_est = y - x
        s2 = np.var(resid_est, ddof=1)
        exp = xw
        se = np.full(n, math.sqrt(s2))
        Xw = inv = None
    ar = yw - exp
    car = np.cumsum(ar)
    car_se = np.empty(n)
    for d in range(n):
        if Xw is None:
            car_se[d] = math.sqrt(s2 * (d + 1))
        else:
            Xd = Xw[: d + 1]
            V = s2 * (np.eye(d + 1) + Xd @ inv @ Xd.T)
            car_se[d] = math.sqrt(np.ones(d + 1) @ V @ np.ones(d + 1))
    t = ar / se
    car_t = car / car_se
    res = dict(
        k0=k0, day0=L.dates[k0], est_days=n_est, dropped=dropped, df=df,
        alpha=alpha, beta=beta, sigma=math.sqrt(s2),
        offsets=list(range(w0, w1 + 1)), dates=[L.dates[k] for k in win],
        r=yw, rm=xw, exp=exp, ar=ar, se=se, t=t,
        p=2 * stats.t.sf(np.abs(t), df), car=car, car_se=car_se,
        car_t=car_t, car_p=2 * stats.t.sf(np.abs(car_t), df))
    # Every AR the event has, by offset, for the rank and sign tests.
    res["all"] = {}
    for k, e in zip(keep, resid_est):
        res["all"][k - k0] = e
    for o, v in zip(res["offsets"], ar):
        res["all"][o] = v
    res["pos"] = float(np.mean(np.asarray(resid_est) > 0))
    return res


def read_events(a):
    if a.date:
        return [("e1", os.path.basename(a.prices)[:-4], parse_date(a.date))]
    with open(a.events, newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for i, r in enumerate(rows):
        ev_id = r.get("id") or r.get("event") or "e%d" % (i + 1)
        ticker = r.get("ticker") or os.path.basename(a.prices)[:-4]
        out.append((ev_id, ticker, parse_date(r["date"])))
    return out


def run(a):
    market = load(a.market)
    events = read_events(a)
    listings = {}
    out = []
    for ev_id, ticker, date in events:
        o = dict(id=ev_id, ticker=ticker, date=date, ok=False, note="")
        out.append(o)
        path = (os.path.join(a.prices, ticker + ".csv")
                if os.path.isdir(a.prices) else a.prices)
        if not os.path.exists(path):
            o["note"] = ("excluded: no price file %s.csv in the --prices "
                         "folder" % ticker)
            continue
        if path not in listings:
            listings[path] = Listing(path, market)
        o["listing"] = path
        try:
            o["res"] = study(listings[path], a.market, date, a)
            o["ok"] = True
        except Excluded as x:
            o["note"] = "excluded: " + str(x)
            continue
        d0 = o["res"]["day0"]
        if d0 != date:
            o["note"] = ("moved: %s (%s) is not a trading day of %s; day 0 "
                         "is the next, %s" % (iso(date),
                                              WEEKDAYS[date.weekday()],
                                              ticker, iso(d0)))
    width = a.win[1] - a.win[0]
    for i, o in enumerate(out):
        if not o["ok"]:
            continue
        same = [p for p in out[:i] if p["ok"] and p["listing"] == o["listing"]
                and p["res"]["k0"] == o["res"]["k0"]]
        if same:
            o["ok"] = False
            o["note"] = ("excluded: same listing and trading day as event %s"
                         % same[0]["id"])
    for i, o in enumerate(out):
        if not o["ok"]:
            continue
        near = [p["id"] for j, p in enumerate(out) if j != i and p["ok"]
                and p["listing"] == o["listing"]
                and abs(p["res"]["k0"] - o["res"]["k0"]) <= width]
        if near:
            text = "window overlaps event%s %s%s" % (
                "s" if len(near) > 1 else "", ", ".join(near[:5]),
                " and more" if len(near) > 5 else "")
            o["note"] = o["note"] + "; " + text if o["note"] else text
    return out


DAY_HEADER = ["event", "ticker", "event_date", "day0", "offset", "date",
              "return", "market_return", "expected", "ar", "se", "t", "p",
              "car", "car_se", "car_t", "car_p", "note"]
SUMMARY_HEADER = ["scope", "event", "ticker", "event_date", "day0", "from",
                  "to", "events", "est_days", "est_dropped", "alpha", "beta",
                  "sigma", "car", "car_se", "car_t", "car_p", "aar", "caar",
                  "cs_t", "cs_p", "patell_z", "patell_p", "bmp_t", "bmp_p",
                  "corrado_z", "corrado_p", "sign_z", "sign_p", "note"]


def write_days(w, out):
    w.writerow(DAY_HEADER)
    for o in out:
        key = [o["id"], o["ticker"], iso(o["date"])]
        if not o["ok"]:
            w.writerow(key + [""] * 14 + [o["note"]])
            continue
        r = o["res"]
        for d in range(len(r["offsets"])):
            w.writerow(key + [iso(r["day0"]), r["offsets"][d],
                              iso(r["dates"][d])]
                       + [fmt(r[c][d]) for c in ("r", "rm", "exp", "ar", "se",
                                                 "t", "p", "car", "car_se",
                                                 "car_t", "car_p")]
                       + [o["note"]])


def t_test(v):
    n = len(v)
    m = float(np.mean(v))
    if n < 2:
        return m, np.nan, np.nan
    t = m / (np.std(v, ddof=1) / math.sqrt(n))
    return m, t, 2 * stats.t.sf(abs(t), n - 1)


def z_p(z):
    return np.nan if np.isnan(z) else 2 * stats.norm.sf(abs(z))


def across(kept, d0, d1, cumulative, a):
    """Tests on the AR of window day d1 (cumulative False) or on the CAR of
    window days d0..d1."""
    n = len(kept)
    if cumulative:
        v = np.array([r["car"][d1] for r in kept])
        sv = np.array([r["car"][d1] / r["car_se"][d1] for r in kept])
    else:
        v = np.array([r["ar"][d1] for r in kept])
        sv = np.array([r["ar"][d1] / r["se"][d1] for r in kept])
    mean, cs_t, cs_p = t_test(v)
    dfs = np.array([r["df"] for r in kept], dtype=float)
    patell = sv.sum() / math.sqrt(np.sum(dfs / (dfs - 2)))
    _, bmp_t, bmp_p = t_test(sv)
    # Corrado: scores K/(T+1) - 1/2 of each event's ranks over all its days.
    scores = []
    for r in kept:
        offs = sorted(r["all"])
        ranks = stats.rankdata([r["all"][o] for o in offs])
        scores.append(dict(zip(offs, ranks / (len(offs) + 1) - 0.5)))
    every = sorted(set().union(*[set(s) for s in scores]))
    ubar = {o: np.mean([s[o] for s in scores if o in s]) for o in every}
    s_u = math.sqrt(np.mean([ubar[o] ** 2 for o in every]))
    offs = [a.win[0] + d for d in range(d0, d1 + 1)]
    corrado = sum(ubar[o] for o in offs) / (math.sqrt(len(offs)) * s_u)
    ph = np.mean([r["pos"] for r in kept])
    w = np.sum(v > 0)
    sign = (w - n * ph) / math.sqrt(n * ph * (1 - ph)) if 0 < ph < 1 else np.nan
    return [mean, cs_t, cs_p, patell, z_p(patell), bmp_t, bmp_p, corrado,
            z_p(corrado), sign, z_p(sign)]


def write_summary(w, out, a):
    w.writerow(SUMMARY_HEADER)
    kept = []
    for o in out:
        key = ["event", o["id"], o["ticker"], iso(o["date"])]
        if not o["ok"]:
            w.writerow(key + [""] * 25 + [o["note"]])
            continue
        r = o["res"]
        kept.append(r)
        w.writerow(key + [iso(r["day0"]), a.win[0], a.win[1], "",
                          r["est_days"], r["dropped"]]
                   + [fmt(x) for x in (r["alpha"], r["beta"], r["sigma"],
                                       r["car"][-1], r["car_se"][-1],
                                       r["car_t"][-1], r["car_p"][-1])]
                   + [""] * 12 + [o["note"]])
    n = a.win[1] - a.win[0] + 1
    for d in range(n):
        off = a.win[0] + d
        t = across(kept, d, d, False, a)
        caar = np.mean([r["car"][d] for r in kept])
        w.writerow(["day", "", "", "", "", off, off, len(kept)] + [""] * 9
                   + [fmt(t[0]), fmt(caar)] + [fmt(x) for x in t[1:]] + [""])
    t = across(kept, 0, n - 1, True, a)
    w.writerow(["window", "", "", "", "", a.win[0], a.win[1], len(kept)]
               + [""] * 9 + ["", fmt(t[0])] + [fmt(x) for x in t[1:]] + [""])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prices", required=True)
    ap.add_argument("--market", required=True)
    ap.add_argument("--date")
    ap.add_argument("--events")
    ap.add_argument("--model", default="market")
    ap.add_argument("--estimation", default="-250:-11")
    ap.add_argument("--window", default="-5:5")
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("-o")
    # "-250:-11" looks like an option to argparse; glue it to its flag.
    argv, i = [], 1
    while i < len(sys.argv):
        if sys.argv[i] in ("--estimation", "--window") and i + 1 < len(sys.argv):
            argv.append(sys.argv[i] + "=" + sys.argv[i + 1])
            i += 2
        else:
            argv.append(sys.argv[i])
            i += 1
    a = ap.parse_args(argv)
    a.est, a.win = rng(a.estimation), rng(a.window)
    out = run(a)
    f = open(a.o, "w", newline="") if a.o else sys.stdout
    w = csv.writer(f, lineterminator="\n")
    if a.summary:
        write_summary(w, out, a)
    else:
        write_days(w, out)
    if a.o:
        f.close()


if __name__ == "__main__":
    main()
