#!/usr/bin/python3
"""Writes bench/event/events.csv: 1,000 events, 500 each for BIDU and JD,
on distinct trading days drawn (seeded) from those with a full 240-day
estimation window (-250:-11) and a -5:5 window in data/prices/."""
import csv
import random

rng = random.Random(20250213)
with open("bench/event/events.csv", "w", newline="") as out:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "ticker", "date"])
    for ticker in ("BIDU", "JD"):
        with open("data/prices/%s.csv" % ticker, newline="") as f:
            days = [r[0][:10] for r in list(csv.reader(f))[1:]]
        picked = sorted(rng.sample(range(251, len(days) - 6), 500))
        for k, d in enumerate(picked):
            w.writerow(["%s-%d" % (ticker, k + 1), ticker, days[d]])
