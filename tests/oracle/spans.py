#!/usr/bin/python3
"""Turn a hand-written fact spec into an expected fact table.

usage: spans.py ARTICLE SPEC.csv > NAME.expected.csv
       spans.py --check ARTICLE EXPECTED.csv     (exit 1 on a bad span)

SPEC.csv has the FACTS.md columns without span_start/span_end; every cell is
written by hand.  Its evidence cell is either the exact evidence text (which
must then occur once in the body), or a longer passage that occurs once in
the body with the evidence inside [[ and ]]:
    "Vivo [[led the market]] in 2024"
This program only finds where that text is: span_start/span_end are byte
offsets of the evidence in the body (UTF-8 bytes, end exclusive), and the
evidence column is the body's bytes at that span, exactly as in the file.

The body (see tests/fixtures/extract/README.md):
  - Markdown with front matter (file starts with a line "---"): the bytes
    after the newline that ends the closing "---" line;
  - a .jsonl corpus: the `text` field of the record whose `id` is the
    row's doc, as UTF-8 (JSON escapes decoded);
  - anything else (.txt): the whole file.
Rows come out sorted by doc (in corpus order) then span_start, span_end.
"""
import csv, json, os, sys

COLS = ['doc', 'date', 'entity', 'ticker', 'scope', 'measure', 'value',
        'unit', 'qualifier', 'period', 'attribution', 'span_start',
        'span_end', 'evidence']


def bodies(path):
    """doc id -> body bytes, in file order."""
    data = open(path, 'rb').read()
    stem = os.path.splitext(os.path.basename(path))[0]
    if path.endswith('.jsonl'):
        out = {}
        for line in data.split(b'\n'):
            if line.strip():
                rec = json.loads(line.decode('utf-8'))
                out[str(rec['id'])] = rec['text'].encode('utf-8')
        return out
    if data.startswith(b'---\n'):
        end = data.find(b'\n---\n', 3)
        if end < 0:
            sys.exit('%s: front matter not closed' % path)
        return {stem: data[end + 5:]}
    return {stem: data}


def locate(body, ev, where):
    if '[[' in ev:
        pre, rest = ev.split('[[', 1)
        mid, post = rest.split(']]', 1)
        whole = (pre + mid + post).encode('utf-8')
        off = len(pre.encode('utf-8'))
        n = len(mid.encode('utf-8'))
    else:
        whole = ev.encode('utf-8')
        off, n = 0, len(whole)
    first = body.find(whole)
    if first < 0:
        sys.exit('%s: not found: %r' % (where, ev))
    if body.find(whole, first + 1) >= 0:
        sys.exit('%s: occurs more than once, give more context: %r'
                 % (where, ev))
    return first + off, first + off + n


def main(argv):
    check = argv[1:2] == ['--check']
    if check:
        argv = argv[1:]
    art, spec = argv[1], argv[2]
    bs = bodies(art)
    order = {d: i for i, d in enumerate(bs)}
    rows = []
    with open(spec, newline='', encoding='utf-8') as f:
        for lineno, r in enumerate(csv.DictReader(f), 2):
            where = '%s:%d' % (spec, lineno)
            if r['doc'] not in bs:
                sys.exit('%s: no document %r in %s' % (where, r['doc'], art))
            body = bs[r['doc']]
            if check:
                s, e = int(r['span_start']), int(r['span_end'])
                if body[s:e].decode('utf-8') != r['evidence']:
                    print('%s: span %d-%d is %r, evidence says %r' % (
                        where, s, e, body[s:e].decode('utf-8', 'replace'),
                        r['evidence']))
                    rows.append(None)
                continue
            s, e = locate(body, r['evidence'], where)
            r['span_start'], r['span_end'] = s, e
            r['evidence'] = body[s:e].decode('utf-8')
            rows.append(r)
    if check:
        return 1 if rows else 0
    rows.sort(key=lambda r: (order[r['doc']], r['span_start'], r['span_end']))
    w = csv.DictWriter(sys.stdout, COLS, lineterminator='\n',
                       extrasaction='ignore')
    w.writeheader()
    for r in rows:
        w.writerow(r)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
