"""matplotlib drawing the same three charts as plot_bench.c: a line of the
last 260 closes, candles with volume of the last 260 sessions, and sorted
horizontal share bars; 1200x700 px PNG (Agg).  Prints ms per chart.

usage: /usr/bin/python3 plot_mpl.py PRICES.csv OUTDIR N [KIND]
With KIND, draws that one chart once (for whole-process timing)."""
import sys, time
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

def load(path):
    df = pd.read_csv(path)
    df["Date"] = pd.to_datetime(df["Date"].str[:10])
    return df.tail(260).reset_index(drop=True)

def line(df, out):
    fig, ax = plt.subplots(figsize=(12, 7), dpi=100)
    ax.plot(range(len(df)), df["Close"], lw=2)
    ax.set_title("9988.HK")
    fig.savefig(out); plt.close(fig)

def candles(df, out):
    fig, (ax, av) = plt.subplots(2, 1, figsize=(12, 7), dpi=100, sharex=True,
                                 gridspec_kw={"height_ratios": [3, 1]})
    x = range(len(df))
    up = df["Close"] >= df["Open"]
    col = ["tab:green" if u else "tab:red" for u in up]
    ax.vlines(x, df["Low"], df["High"], color=col, lw=1)
    ax.bar(x, (df["Close"] - df["Open"]).abs(), bottom=df[["Open", "Close"]].min(axis=1),
           color=col, width=0.7)
    av.bar(x, df["Volume"], color=col, width=0.7)
    ax.set_title("9988.HK daily candles")
    fig.savefig(out); plt.close(fig)

def bars(df, out):
    names, vals = ["Vivo", "Huawei", "Apple", "Others"], [17, 16, 15, 52]
    fig, ax = plt.subplots(figsize=(12, 7), dpi=100)
    ax.barh(names[::-1], vals[::-1])
    for i, v in enumerate(vals[::-1]):
        ax.text(v + 0.5, i, f"{v}%", va="center")
    ax.set_title("Market share: China, 2024")
    fig.savefig(out); plt.close(fig)

KINDS = {"line": line, "candles": candles, "bars": bars}

def main():
    df = load(sys.argv[1])
    outdir, n = sys.argv[2], int(sys.argv[3])
    if len(sys.argv) > 4:
        KINDS[sys.argv[4]](df, f"{outdir}/mpl_one.png")
        return
    for name, fn in KINDS.items():
        fn(df, f"{outdir}/mpl_warm.png")  # first draw pays font caches
        t0 = time.perf_counter()
        for _ in range(n):
            fn(df, f"{outdir}/mpl_{name}.png")
        print(f"matplotlib,{name},{(time.perf_counter() - t0) / n * 1000:.3f}")

main()
