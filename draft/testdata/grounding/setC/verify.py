#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Self-check for test set C.  Run:  python3 /tmp/setC/verify.py
Hard checks (exit 1 on failure):
  * manifest rows well-formed, ids unique, paths exist, draft length 600-2000 chars
  * invented: non-empty only in group invented, occurs exactly once in the draft
  * dropped: non-empty only in group dropped, literal occurs in the facts file,
    and the draft contains the figure in no form (value+class scan, see qty())
  * every other figure of the facts is present in the draft (value+class scan)
  * group counts: clean>=25, invented>=40, dropped>=20, named>=15
  * lint: after removing known fact forms, heading/list markers, allowed years/period
    words and whitelisted fixed phrases, no numeral-like character may remain in
    clean/named/dropped drafts; in invented drafts only the invented string may remain.
"""
import json, os, re, sys
ROOT = os.path.dirname(os.path.abspath(__file__))
os.chdir(ROOT)
sys.path.insert(0, os.path.join(ROOT, 'tools'))

FW = str.maketrans('０１２３４５６７８９．％∶：', '0123456789.%::')
CD = {'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

def cnint(s):
    total, sec, num = 0, 0, 0
    for ch in s:
        if ch in CD: num = CD[ch]
        elif ch in '十百千':
            m = {'十': 10, '百': 100, '千': 1000}[ch]
            sec += (num or 1) * m; num = 0
        elif ch == '万':
            total += (sec + num) * 10000; sec = num = 0
        elif ch == '亿':
            total += (sec + num) * 10 ** 8; sec = num = 0
        else: raise ValueError(s)
    return total + sec + num

def num(s):
    s = s.translate(FW).replace(',', '')
    if re.fullmatch(r'\d+(\.\d+)?', s): return float(s)
    if '点' in s:
        a, b = s.split('点')
        return cnint(a) + float('0.' + ''.join(str(CD[c]) for c in b))
    return float(cnint(s))

CLS = {'人': 'person', '名': 'person', '位': 'person', '人次': 'persontime', '所': 'school', '校': 'school', '园': 'school',
       '个': 'item', '项': 'item', '件': 'item', '套': 'item', '台': 'tai', '家': 'jia', '篇': 'pian', '条': 'tiao',
       '平方米': 'area', '亩': 'mu', '公里': 'km', '千米': 'km', '场': 'session', '次': 'session', '期': 'session',
       '轮': 'session', '批': 'session', '处': 'place', '起': 'case', '间': 'room', '元': 'money', '份': 'copy',
       '岁': 'age', '周岁': 'age', '天': 'day', '个月': 'month_dur', '年': 'year_dur', '分': 'score'}
UNITS = sorted(CLS, key=len, reverse=True)
AR = r'[0-9０-９][0-9０-９,]*(?:[.．][0-9０-９]+)?'
CN = r'[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?'
N = f'(?:{AR}|{CN})'
UNIT_RE = '|'.join(re.escape(u) for u in UNITS)

def qty(text):
    """Return a list of (class, value) found in text (loose scanner, for self-checking only)."""
    t = [text.translate(FW)]
    out = []
    def scan(pat, fn):
        for m in list(re.finditer(pat, t[0])):
            out.extend(fn(m))
        t[0] = re.sub(pat, lambda m: ' ' * len(m.group(0)), t[0])
    scan(rf'({N})(?:元)?至({N})元', lambda m: [('money', num(m.group(1))), ('money', num(m.group(2)))])
    scan(rf'({N})(?:月)?至({N})月', lambda m: [('month', num(m.group(1))), ('month', num(m.group(2)))])
    scan(rf'({N})月({N})日', lambda m: [('date', (num(m.group(1)), num(m.group(2))))])
    scan(rf'({N})月', lambda m: [('month', num(m.group(1)))])
    scan(rf'第({N})(名|批|届)', lambda m: [('rank' + m.group(2), num(m.group(1)))])
    scan(rf'前({N})名', lambda m: [('top名', num(m.group(1)))])
    scan(r'(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)', lambda m: [('ratio', (float(m.group(1)), float(m.group(2))))])
    scan(rf'百分之({N}|百)', lambda m: [('pct', 100.0 if m.group(1) == '百' else num(m.group(1)))])
    scan(rf'({AR})%', lambda m: [('pct', num(m.group(1)))])
    scan(rf'({N})个百分点', lambda m: [('pp', num(m.group(1)))])
    def gen(m):
        return [(CLS[m.group(3)], num(m.group(1)) * {None: 1, '万': 1e4, '亿': 1e8}[m.group(2)])]
    scan(rf'({N})(万|亿)?({UNIT_RE})', gen)
    return out

def same(a, b):
    if a[0] != b[0]: return False
    x, y = a[1], b[1]
    if isinstance(x, tuple): return all(abs(p - q) < 1e-9 for p, q in zip(x, y))
    return abs(x - y) <= 1e-9 * max(1, abs(x))

# ---- lint material ----
GENERIC = ['习近平', '近视', '人数', '数量', '指数', '系数', '第二实验小学']
PERIOD = {'facts/b.yaml': ['下半年'], 'facts/c.yaml': ['第一季度']}
WHITELIST = [ '就近',
 '"两个只增不减"', '"八个相统一"', '"十大"', '"特岗计划"', '"三支一扶"', '"两个结合"', '"两个大局"', '"九个坚持"', '"三个面向"',
 '"第一议题"', '二十大', '二十届三中全会', '"四个意识"', '"四个自信"', '"两个维护"', '"两个确立"', '"三会一课"',
 '"三重一大"', '第一责任人', '"一岗双责"', '中央八项规定', '五育并举', '"双减"', '"五项管理"', '"5+2"', '"五一"', '"六一"',
 '"七一"', '"5·12"', '"6·26"', '"12·2"', '"12·4"', '"11·9"', '"3·5"', '12345', '12355', '12356', '110', '119', '120',
 '"1+X"', '"3+2"', '"1+N"', '2.0', '"三个课堂"', '一线', '进一步', '"十四五"', '"十五五"', '千方百计', '万无一失',
 '"两免一补"', '"两不愁三保障"', '"一人一案"', '第一书记', '九年义务教育', '"两类学校"', '"六不"', '"三防"',
 '"四有"', '"四个引路人"', '"四下基层"', '"三个区分开来"', '"一校一案"', '"开学第一课"', '"四不两直"', '第一时间',
 '"三全育人"', '"三教"', '"六一"',
]
MARKERS = [r'（[一二三四五六七八九十]+）', r'（\d+）', r'[①②③④⑤⑥⑦⑧⑨⑩⑪⑫]', r'(?m)^[#*\s]*[一二三四五六七八九十]+、',
           r'(?m)^[#*\s]*\d+\.\s', r'[一二三四五六七八九十]+是', r'〔20\d\d〕\d+号', r'(?m)^20\d\d年\d+月\d+日$', r'202[3-6]年']
NUMCH = set('0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿半双几数首倍余逾近多第%％')

def residual(text, removals):
    for s in removals:
        text = text.replace(s, ' ')
    for p in MARKERS:
        text = re.sub(p, ' ', text)
    return [(i, text[max(0, i - 12):i + 12]) for i, ch in enumerate(text) if ch in NUMCH]

def main():
    import yaml
    errs = []
    rows = [json.loads(l) for l in open('manifest.jsonl', encoding='utf-8') if l.strip()]
    keys = ['id', 'group', 'facts', 'draft', 'form', 'invented', 'dropped']
    ids = [r['id'] for r in rows]
    if len(ids) != len(set(ids)): errs.append('duplicate ids')
    try:
        mods = {}
        import data_a, data_b, data_c, data_d
        for m in (data_a, data_b, data_c, data_d): mods[m.FACTS] = m
    except ImportError:
        mods = {}
    counts = {}
    for r in rows:
        rid = r['id']
        if sorted(r) != sorted(keys): errs.append(f'{rid}: keys {sorted(r)}')
        counts[r['group']] = counts.get(r['group'], 0) + 1
        for k in ('facts', 'draft'):
            if not os.path.isfile(r[k]): errs.append(f'{rid}: missing {r[k]}')
        text = open(r['draft'], encoding='utf-8').read()
        factstxt = open(r['facts'], encoding='utf-8').read()
        facts = yaml.safe_load(factstxt)
        if not 600 <= len(text) <= 2000: errs.append(f'{rid}: length {len(text)}')
        if not text.startswith('# '): errs.append(f'{rid}: no title')
        g = r['group']
        if (g == 'invented') != bool(r['invented']): errs.append(f'{rid}: invented field vs group')
        if (g == 'dropped') != bool(r['dropped']): errs.append(f'{rid}: dropped field vs group')
        if r['invented'] and text.count(r['invented']) != 1:
            errs.append(f'{rid}: invented {r["invented"]!r} occurs {text.count(r["invented"])} times')
        if r['dropped']:
            if r['dropped'] not in factstxt: errs.append(f'{rid}: dropped literal not in facts')
            if re.search(r'(?<![0-9.,０-９])' + re.escape(r['dropped']), text): errs.append(f'{rid}: dropped literal present')
            for q in qty(r['dropped']):
                if any(same(q, x) for x in qty(text)): errs.append(f'{rid}: dropped figure present as {q}')
        # every other fact figure present (by value+class)
        m = mods.get(r['facts'])
        if m:
            for fid, (lit, forms) in m.FIGS.items():
                if lit == r['dropped']: continue
                dq = qty(text)
                for q in qty(lit):
                    if not any(same(q, x) for x in dq): errs.append(f'{rid}: fact {lit} {q} not found')
                for f in forms:  # forms must be equivalent to the literal
                    qf, ql = qty(f), qty(lit)
                    if len(qf) != len(ql) or not all(any(same(a, b) for b in ql) for a in qf):
                        errs.append(f'form {f} != {lit}: {qty(f)} {qty(lit)}')
                if r['dropped'] and fid in m.DROPPED and lit == r['dropped']:
                    pass
            # lint
            removals = []
            if r['invented']: removals.append(r['invented'])
            allforms = [f for _, (lit, fs) in m.FIGS.items() for f in fs + [lit]]
            removals += sorted(set(allforms), key=len, reverse=True)
            removals += GENERIC + PERIOD.get(r['facts'], [])
            if g == 'named': removals += WHITELIST
            res = residual(text, removals)
            if res: errs.append(f'{rid}: residual numerals {res[:5]}')
    need = {'clean': 25, 'invented': 40, 'dropped': 20, 'named': 15}
    for g, n in need.items():
        if counts.get(g, 0) < n: errs.append(f'group {g}: {counts.get(g, 0)} < {n}')
    print('counts:', counts, 'total', len(rows))
    if errs:
        print('\n'.join(sorted(set(errs))))
        print(f'FAIL ({len(set(errs))} problems)'); sys.exit(1)
    print('OK')

if __name__ == '__main__':
    main()
