#!/bin/sh
# finfacts verify: price claims against real price files (copied byte for
# byte from data/prices/ into $FIX/verify/prices/).  Every expected number
# below is worked out here from the prices the files print, by awk, not by
# finfacts; `finfacts check` compares.
. "$E2E/lib.sh"
V=$FIX/verify
P=$V/prices

# pct NEW BASE: the move in percent.
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.12f", 100 * (a / b - 1) }'; }
# sub A B: A - B.
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.12f", a - b }'; }

# The prices (raw, as printed):
# 9988.HK 2025-02-12 C 113.8; 2025-02-13 O 115.2 H 124.3 L 115.2 C 116.7;
#         2025-02-14 C 124.1; 2025-02-17 H 129.5 L 118.8 (Mon after Sun 16).
# 9888.HK 2025-02-11 C 88.75; 2025-02-12 L 85.10.
# ^HSI    2025-02-07 C 21133.54; 2025-02-11 C 21294.86; 2025-02-12 C 21857.92;
#         2025-02-13 H 22523.57 L 21735.56 C 21814.37; 2025-02-14 C 22620.33.
# AAPL    2025-01-31 C 236.0; 2025-02-12 C 236.87; 2025-02-13 C 241.53;
#         2025-02-14 C 244.6.
# BABA    2024-12-31 C 84.79; 2025-02-12 C 118.33; 2025-02-13 C 119.54;
#         2025-02-14 C 124.73.
close_9988=$(pct 116.7 113.8)          # +2.5483%
{
echo "doc,verdict,computed,gap,day_used,prev_day,stated_low,stated_high"
# "as much as 9.2": high 124.3 vs 113.8 = +9.2267%, in [9.15, 9.25].
echo "max_rise,consistent,$(pct 124.3 113.8),0,2025-02-13,2025-02-12,9.15,9.25"
# "to HK\$124.3": the high itself, in [124.25, 124.35].
echo "high_level,consistent,124.3,0,2025-02-13,,124.25,124.35"
# "close up 2.6": +2.5483% is below [2.55, 2.65] by 0.0017 (a little).
echo "close_little,inconsistent,$close_9988,$(sub "$close_9988" 2.55),2025-02-13,2025-02-12,2.55,2.65"
# "close up 2.55": two decimals written, so [2.545, 2.555] holds it.
echo "close_2dp,consistent,$close_9988,0,2025-02-13,2025-02-12,2.545,2.555"
# "fell 5": [-5.5, -4.5] against +2.5483%: off by 7.0483 (a lot).
echo "close_lot,inconsistent,$close_9988,$(sub "$close_9988" -4.5),2025-02-13,2025-02-12,-5.5,-4.5"
# "opened 1.2 higher": open 115.2 vs 113.8 = +1.2302%, in [1.15, 1.25].
echo "open,consistent,$(pct 115.2 113.8),0,2025-02-13,2025-02-12,1.15,1.25"
# "about 2.6%", a day move = the close move: +2.6441%; approx widens by
# the larger of 0.05 and 5% of 2.6 = 0.13: [2.47, 2.73].
echo "approx_day,consistent,$(pct 21857.92 21294.86),0,2025-02-12,2025-02-11,2.47,2.73"
# "slipped nearly 0.2%": lt is [0.2 - max(0.5, 0.02), 0.2] stopped at 0,
# so [-0.2, 0]; -0.1992% is in.
echo "lt_ok,consistent,$(pct 21814.37 21857.92),0,2025-02-13,2025-02-12,-0.2,0"
# "closed at 21,814.37" (points): [21814.365, 21814.375].
echo "hsi_close,consistent,21814.37,0,2025-02-13,,21814.365,21814.375"
# "rose 2% intraday" (eq): the day ran from -0.5598% to +3.0453%, so 2 was
# touched; computed is the middle of [1.5, 2.5], 2.
echo "intraday_eq,consistent,2,0,2025-02-13,2025-02-12,1.5,2.5"
# days:5: 22620.33 vs 21133.54 five sessions before (Feb 7) = +7.0352%.
echo "days5,consistent,$(pct 22620.33 21133.54),0,2025-02-14,2025-02-07,6.5,7.5"
# "more than 2%": 241.53 / 236.87 = +1.9673%, short of 2 by 0.0327.
a=$(pct 241.53 236.87)
echo "gt_little,inconsistent,$a,$(sub "$a" 2),2025-02-13,2025-02-12,2,"
# since:2025-02 on Feb 14: 244.6 vs the Jan 31 close 236.0 = +3.6441%;
# approx 3.5 +- max(0.05, 0.175): [3.325, 3.675].
echo "since_feb,consistent,$(pct 244.6 236.0),0,2025-02-14,2025-01-31,3.325,3.675"
# "rose nearly 1%": [0.5, 1]; 119.54 / 118.33 = +1.0226%, 0.0226 over.
a=$(pct 119.54 118.33)
echo "lt_little,inconsistent,$a,$(sub "$a" 1),2025-02-13,2025-02-12,0.5,1"
# ytd: 124.73 vs the 2024-12-31 close 84.79 = +47.10% > 40.
echo "ytd_gt,consistent,$(pct 124.73 84.79),0,2025-02-14,2024-12-31,40,"
# A fall with max: low 85.10 vs 88.75 = -4.1127%, in [-4.15, -4.05].
echo "fall_max,consistent,$(pct 85.10 88.75),0,2025-02-12,2025-02-11,-4.15,-4.05"
# Dated Sunday Feb 16 (New York) about Monday Feb 17 in Hong Kong: the
# next day is used; low 118.8 vs Friday's 124.1 = -4.2708%.
echo "tz_shift,consistent,$(pct 118.8 124.1),0,2025-02-17,2025-02-14,-4.35,-4.25"
# "traded at HK\$120": within the day's 118.8..129.5.
echo "level_range,consistent,120,0,2025-02-17,,119.5,120.5"
# ytd from the 2024-12-31 placeholder (flat 82.85, volume 0): unknown.
echo "ytd_placeholder,unverifiable,,,2025-02-14,2024-12-31,50,"
# 2022-03-15 after the 2022-03-14 placeholder (131.80, volume 0).
echo "prev_placeholder,unverifiable,,,2022-03-15,2022-03-14,-24.5,-23.5"
# Saturday Feb 15: neither it nor Sunday is a session.
echo "missing_day,unverifiable,,,,,2.5,3.5"
echo "missing_file,unverifiable,,,,,0.5,1.5"
echo "week,unverifiable,,,,,20,"
echo "no_ticker,unverifiable,,,,,2.5,3.5"
# Baidu "fell nearly 3%" on a day it closed 88.90 vs 88.75 (+0.1690%):
# lt gives [-3, -2.5], off by 0.1690 + 2.5; yet the low 85.10 (-4.11%)
# and high 89.05 (+0.34%) span it, and the reason says so.
# year:2024 read in 2025: ^HSI 2024-12-31 close 20059.95 vs 2023-12-29
# close 17047.39 = +17.672%, in [17.65, 17.75].
echo "hsi_year,consistent,$(pct 20059.95 17047.39),0,2024-12-31,2023-12-29,17.65,17.75"
a=$(pct 88.90 88.75)
echo "day_range,inconsistent,$a,$(sub "$a" -2.5),2025-02-12,2025-02-11,-3,-2.5"
} >"$T/expected.csv"

ff verify "$V/facts.csv" --prices "$P" -o "$T/verdicts.csv"
assert_rc "verify: exit 1 when a claim is inconsistent" 1
assert_check "verify: verdicts, computed moves and gaps by hand" \
	"$T/verdicts.csv" "$T/expected.csv" --key doc \
	--columns doc,verdict,computed,gap,day_used,prev_day,stated_low,stated_high \
	--ignore-extra-columns --rtol 1e-9 --atol 1e-5
# The revenue fact is not a price fact: no row for it.
if grep -q "^revenue," "$T/verdicts.csv"; then fail "verify: non-price facts left out" "revenue row present"
else pass "verify: non-price facts left out"; fi
assert_grep "verify: header" "doc,entity,ticker,date,measure,period,value,unit,qualifier,stated_low,stated_high,computed,day_used,prev_day,verdict,gap,reason,evidence" "$T/verdicts.csv"
assert_grep "verify: the day move says it is the close move" "taken as the close move" "$T/verdicts.csv"
assert_grep "verify: the time-zone shift is said" "no session on 2025-02-16; used the next day 2025-02-17" "$T/verdicts.csv"
assert_grep "verify: the placeholder base is said" "2024-12-31, is a flat placeholder row with no volume" "$T/verdicts.csv"
# 124.1 / 82.85 = +49.79%; 124.1 / 82.00 = +51.34%.
assert_grep "verify: ... with the moves from it and the last real close" "+49.79% from its 82.85 and +51.34% from the last real close, 82 on 2024-12-30" "$T/verdicts.csv"
assert_grep "verify: a day move the range holds is said" "the day's range -4.11%..+0.34% holds the claim" "$T/verdicts.csv"
assert_grep "verify: a miss under half a unit is said" "+2.55% vs previous close 113.8 on 2025-02-12; off by less than half a unit" "$T/verdicts.csv"
assert_grep "verify: a missing file is named" "no price file $P/0700.HK.csv" "$T/verdicts.csv"
assert_grep "verify: evidence kept" "tumbled as much as 4.3 per cent" "$T/verdicts.csv"

# Only consistent and unverifiable claims: exit 0; standard input.
grep -v -E "^(close_little|close_lot|gt_little|lt_little|day_range)," "$V/facts.csv" >"$T/ok.csv"
"$FF" verify - --prices "$P" <"$T/ok.csv" >"$T/out" 2>"$T/err"; rc=$?
assert_rc "verify: exit 0 with no inconsistent claim (stdin)" 0
assert_grep "verify: stdin rows" "max_rise,Alibaba,9988.HK,2025-02-13" "$T/out"

# Bad input: exit 2, the file, line and field named, no output file.
sed 's/^open,\(.*\),eq,open,/open,\1,roughly,open,/' "$V/facts.csv" >"$T/badq.csv"
ff verify "$T/badq.csv" --prices "$P" -o "$T/bad-out.csv"
assert_rc "verify: unknown qualifier is bad input" 2
assert_grep "verify: ... names file, line and field" "badq.csv:7: field 'qualifier'" "$T/err"
assert_no_file "verify: ... leaves no output file" "$T/bad-out.csv"
mkdir "$T/broken"
head -n 3 "$P/BABA.csv" >"$T/broken/BABA.csv"
printf '2023-10-27,1,2,3\r\n' >>"$T/broken/BABA.csv"
{ head -n 1 "$V/facts.csv"
  echo "x,2023-10-25,Alibaba,BABA,,price_change,-2,pct,eq,close,,0,12,fell 2 per cent"; } >"$T/one.csv"
ff verify "$T/one.csv" --prices "$T/broken" -o "$T/bad-out.csv"
assert_rc "verify: a price file that does not load is bad input" 2
assert_grep "verify: ... names the price file and line" "broken/BABA.csv:4" "$T/err"
assert_no_file "verify: ... leaves no output file" "$T/bad-out.csv"
ff verify "$V/facts.csv"
assert_rc "verify: --prices is required" 2
ff verify --help
assert_rc "verify: --help" 0
assert_grep "verify: --help states the qualifier rules" "[v - max(0.5, 10% of v), v]" "$T/out"
ff verify "$V/facts.csv" --prices "$T/no-such-folder" -o "$T/bad-out.csv"
assert_rc "verify: a --prices that is not a folder is bad usage" 2
assert_grep "verify: ... names it" "no-such-folder' is not a folder" "$T/err"
assert_no_file "verify: ... leaves no output file" "$T/bad-out.csv"
