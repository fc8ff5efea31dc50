# finfacts plot: every kind in every format from real data; PDFs checked
# with pdfinfo, SVGs parsed as XML, PNGs by their header; same input, same
# bytes; bad input exits 2 and leaves no file.
. "$E2E/lib.sh"
P="$FIX/plot"

png_size() { # FILE -> "W H" from the IHDR chunk
	od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}'
}

for fmt in png pdf svg; do
	ff plot candles "$P/9988.HK.csv" --from 2024-11-01 --to 2025-03-31 --ma 20,50 -o "$T/candles.$fmt"
	assert_rc "plot candles $fmt" 0
	ff plot series --rebase "$P/9988.HK.csv" "$P/^HSI.csv" --event 2025-02-13 --from 2024-06-01 -o "$T/series.$fmt"
	assert_rc "plot series $fmt" 0
	ff plot returns "$P/AAPL.csv" -o "$T/returns.$fmt"
	assert_rc "plot returns $fmt" 0
	ff plot drawdown "$P/AAPL.csv" -o "$T/drawdown.$fmt"
	assert_rc "plot drawdown $fmt" 0
	ff plot share "$P/facts.csv" -o "$T/share.$fmt"
	assert_rc "plot share $fmt" 0
	ff plot reaction "$P/9988.HK.csv" "$P/facts.csv" --date 2025-02-13 -o "$T/reaction.$fmt"
	assert_rc "plot reaction $fmt" 0
done

for k in candles series returns drawdown share reaction; do
	if [ "$(png_size "$T/$k.png")" = "1200 700" ] && head -c 8 "$T/$k.png" | od -An -c | grep -q 'P   N   G'; then
		pass "png $k is a 1200x700 PNG"
	else
		fail "png $k is a 1200x700 PNG" "got $(png_size "$T/$k.png")"
	fi
	info=$(pdfinfo "$T/$k.pdf" 2>&1)
	if echo "$info" | grep -q "^Pages: *1$" && echo "$info" | grep -q "Page size: *720 x 420 pts"; then
		pass "pdf $k: one 720x420 pt page"
	else
		fail "pdf $k: one 720x420 pt page" "$info"
	fi
	if /usr/bin/python3 -c 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); sys.exit(0 if r.tag.endswith("svg") and r.get("width").startswith("1200") else 1)' "$T/$k.svg"; then
		pass "svg $k parses, 1200 wide"
	else
		fail "svg $k parses, 1200 wide" "$(head -c 300 "$T/$k.svg")"
	fi
done

# The text a reader needs is in the PDF.
pdftotext "$T/reaction.pdf" "$T/reaction.txt"
assert_grep "reaction pdf states the claim" "stated intraday move: as much as +9.2%" "$T/reaction.txt"
assert_grep "reaction pdf labels the actual high" "actual high HK\$124.30 (+9.23%)" "$T/reaction.txt"
pdftotext "$T/share.pdf" "$T/share.txt"
# CR3 = 17 + 16 + 15 = 48; HHI = 17^2 + 16^2 + 15^2 = 289 + 256 + 225 = 770.
assert_grep "share pdf gives CR3" "CR3) 48.0%" "$T/share.txt"
assert_grep "share pdf gives HHI" "HHI at least 770" "$T/share.txt"

# Same input, same bytes.
for fmt in png pdf svg; do
	"$FF" plot reaction "$P/9988.HK.csv" "$P/facts.csv" --date 2025-02-13 -o "$T/again.$fmt"
	if cmp -s "$T/reaction.$fmt" "$T/again.$fmt"; then pass "same bytes $fmt"
	else fail "same bytes $fmt" "two runs differ"; fi
done

# Bad input: exit 2, a message naming the problem, no file.
ff plot candles "$P/9988.HK.csv" -o "$T/bad.gif"
assert_rc "unknown format exits 2" 2
assert_grep "unknown format says which" ".png, .pdf or .svg" "$T/err"
assert_no_file "unknown format leaves no file" "$T/bad.gif"
printf 'Date,Open,High,Low,Close\n2025-01-02,1,2,0.5,1\n2025-01-03,1,0.9,0.5,1\n' >"$T/badprices.csv"
ff plot candles "$T/badprices.csv" -o "$T/bad.png"
assert_rc "bad prices exit 2" 2
assert_grep "bad prices name line and field" "badprices.csv:3: field 'High'" "$T/err"
assert_no_file "bad prices leave no chart" "$T/bad.png"
ff plot share "$P/9988.HK.csv" -o "$T/bad2.png"
assert_rc "share of a non-fact table exits 2" 2
assert_grep "share names the missing column" "not a fact table" "$T/err"
ff plot nosuchkind "$P/9988.HK.csv" -o "$T/bad3.png"
assert_rc "unknown kind exits 2" 2
ff plot reaction "$P/9988.HK.csv" "$P/facts.csv" -o "$T/bad4.png"
assert_rc "reaction without --date exits 2" 2
assert_no_file "reaction without --date leaves no file" "$T/bad4.png"

# car: one event from per-day rows (the first event unless --event-id).
ff plot car "$P/event_days.csv" -o "$T/car.pdf"
assert_rc "plot car" 0
pdftotext "$T/car.pdf" "$T/car.txt"
# e1's last row: car 0.020 -> "+2.00%".
assert_grep "car pdf gives the final CAR" "final CAR +2.00%" "$T/car.txt"
assert_grep "car pdf names the event" "9988.HK, 2025-02-13" "$T/car.txt"
ff plot car "$P/event_days.csv" --event-id e2 -o "$T/car2.pdf"
assert_rc "plot car --event-id" 0
pdftotext "$T/car2.pdf" "$T/car2.txt"
assert_grep "car --event-id picks e2" "final CAR" "$T/car2.txt"
assert_grep "car --event-id e2 ends at -5.50%" "5.50%" "$T/car2.txt"
ff plot car "$P/event_summary.csv" -o "$T/caar.pdf"
assert_rc "plot car from a summary (CAAR)" 0
pdftotext "$T/caar.pdf" "$T/caar.txt"
assert_grep "caar chart says CAAR of 3 events" "CAAR of 3 events" "$T/caar.txt"
# Band from the cross-sectional t with 3 - 1 = 2 df.
assert_grep "caar band names its t quantile" "t(0.975, 2 df)" "$T/caar.txt"
ff plot car "$P/event_days.csv" --event-id nosuch -o "$T/car3.png"
assert_rc "car of an unknown event exits 2" 2
assert_no_file "car of an unknown event leaves no file" "$T/car3.png"
ff plot car "$P/facts.csv" -o "$T/car4.png"
assert_rc "car of a non-event table exits 2" 2
assert_grep "car of a non-event table says so" "not \`finfacts event\` output" "$T/err"

# reaction without a price file: the ladder implied by `finfacts series`.
"$FF" series "$FIX/series/seeds.csv" -o "$T/seeds-series.csv"
ff plot reaction "$T/seeds-series.csv" --date 2025-02-13 -o "$T/ladder.pdf"
assert_rc "plot reaction ladder from series output" 0
pdftotext "$T/ladder.pdf" "$T/ladder.txt"
# 124.3 / 1.092 = 113.8278 -> HK$113.83; close 113.8278 * 1.026 = 116.7874 -> HK$116.79.
assert_grep "ladder shows the implied previous close" "HK\$113.83" "$T/ladder.txt"
assert_grep "ladder shows the stated high" "HK\$124.30" "$T/ladder.txt"
assert_grep "ladder shows the implied close" "HK\$116.79" "$T/ladder.txt"
assert_grep "ladder labels the stated move" "as much as +9.2%" "$T/ladder.txt"
ff plot reaction "$T/seeds-series.csv" --date 2025-02-14 -o "$T/ladder2.png"
assert_rc "ladder for a day with no levels exits 2" 2
assert_no_file "ladder for a day with no levels leaves no file" "$T/ladder2.png"

# Fonts: the built-in fontconfig configuration draws what the system's
# (stock Debian) draws, byte for byte; a configuration named in
# FONTCONFIG_FILE is the one used (full hinting moves glyph pixels).
if [ -r /etc/fonts/fonts.conf ]; then
	for fmt in png pdf svg; do
		FONTCONFIG_FILE=/etc/fonts/fonts.conf "$FF" plot reaction "$P/9988.HK.csv" \
			"$P/facts.csv" --date 2025-02-13 -o "$T/sysfonts.$fmt"
		if cmp -s "$T/reaction.$fmt" "$T/sysfonts.$fmt"; then pass "built-in fonts draw as the system's ($fmt)"
		else fail "built-in fonts draw as the system's ($fmt)" "bytes differ"; fi
	done
else
	fail "built-in fonts draw as the system's" "no /etc/fonts/fonts.conf (fontconfig not installed)"
fi
cat >"$T/hintfull.conf" <<'CONF'
<fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<match target="pattern"><edit name="hintstyle" mode="prepend"><const>hintfull</const></edit></match>
</fontconfig>
CONF
FONTCONFIG_FILE="$T/hintfull.conf" "$FF" plot reaction "$P/9988.HK.csv" "$P/facts.csv" \
	--date 2025-02-13 -o "$T/hintfull.png"
if [ -s "$T/hintfull.png" ] && ! cmp -s "$T/reaction.png" "$T/hintfull.png"; then pass "FONTCONFIG_FILE is honoured"
else fail "FONTCONFIG_FILE is honoured" "same bytes as the built-in configuration"; fi

# Freeing the font caches at exit (for leak checkers) changes nothing else.
FINFACTS_FREE_AT_EXIT=1 "$FF" plot reaction "$P/9988.HK.csv" "$P/facts.csv" --date 2025-02-13 \
	-o "$T/freed.png"
if [ $? -eq 0 ] && cmp -s "$T/reaction.png" "$T/freed.png"; then pass "FINFACTS_FREE_AT_EXIT: same chart, exit 0"
else fail "FINFACTS_FREE_AT_EXIT: same chart, exit 0" "differs or failed"; fi
