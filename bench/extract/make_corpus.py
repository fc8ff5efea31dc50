#!/usr/bin/python3
"""Writes a deterministic JSON Lines corpus of news text for the extract
benchmark: the bodies of the project's own articles (data/articles) as templates, with their companies, numbers and
days varied by a fixed-seed generator, until the file has MB megabytes.

usage: make_corpus.py MB OUT.jsonl
"""
import glob, json, os, random, re, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, '..', '..'))


def body(path):
    data = open(path, encoding='utf-8').read()
    if data.startswith('---\n'):
        data = data[data.find('\n---\n', 3) + 5:]
    return data.strip()


def templates():
    paths = sorted(glob.glob(os.path.join(root, 'data', 'articles', '*.md')))
    return [body(p) for p in paths]


NUM = re.compile(r'\d+(?:\.\d+)?')
COMPANIES = ['Alibaba', 'Tencent', 'Baidu', 'JD.com', 'Apple', 'Microsoft',
             'Tesla', 'Nvidia', 'Xiaomi', 'Meituan', 'NetEase', 'BYD']
DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']


def vary(text, rnd):
    # other numbers with the same number of digits, so the text keeps its
    # shape: "9.2 per cent" -> "7.4 per cent", "2024" stays a year-like word
    def num(m):
        s = m.group(0)
        if len(s) == 4 and s.startswith('20'):
            return s
        return ''.join(str(rnd.randrange(10)) if c.isdigit() else c
                       for c in s).lstrip('0') or '1'
    text = NUM.sub(num, text)
    a, b = rnd.sample(COMPANIES, 2)
    text = text.replace('Alibaba', a).replace('Apple', b)
    return text.replace('Thursday', rnd.choice(DAYS))


def main():
    mb, out = float(sys.argv[1]), sys.argv[2]
    rnd = random.Random(20250213)
    tpl = templates()
    target = int(mb * 1e6)
    n = 0
    size = 0
    with open(out, 'w', encoding='utf-8') as f:
        while size < target:
            t = tpl[n % len(tpl)]
            rec = {'id': 'gen-%07d' % n,
                   'date': '2025-%02d-%02d' % (1 + n % 12, 1 + n % 28),
                   'title': 'generated', 'text': vary(t, rnd)}
            line = json.dumps(rec, ensure_ascii=False) + '\n'
            f.write(line)
            size += len(line.encode('utf-8'))
            n += 1
    print('%s: %d records, %.1f MB' % (out, n, size / 1e6), file=sys.stderr)


if __name__ == '__main__':
    main()
