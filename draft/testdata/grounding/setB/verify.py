#!/usr/bin/env python3
"""Self-check for grounding set B.

Checks: manifest paths exist, ids unique, group sizes, draft lengths (600-2000 chars),
`invented` occurs exactly once in its draft, every fact figure is present in some
equivalent form in every draft except the dropped one, and the `dropped` figure occurs
in no form (crude: the value in Arabic / full-width / Chinese numerals / 万-scaled,
followed by any unit of the same class).
"""
import json, os, re, sys
import yaml

ROOT = os.path.dirname(os.path.abspath(__file__))
NEED = {'clean': 30, 'invented': 40, 'dropped': 20, 'named': 20}

DIG = '零一二三四五六七八九'

def cn_int(n, liang=False):
    n = int(n)
    if n == 0:
        return '零'
    def under10k(x):
        s, zero = '', False
        for val, name in ((1000, '千'), (100, '百'), (10, '十'), (1, '')):
            d = x // val; x %= val
            if d:
                if zero and s:
                    s += '零'
                s += DIG[d] + name; zero = False
            else:
                zero = True
        return s
    parts = []
    yi, rest = divmod(n, 10 ** 8)
    wan, low = divmod(rest, 10 ** 4)
    s = ''
    if yi: s += under10k(yi) + '亿'
    if wan:
        if yi and wan < 1000: s += '零'
        s += under10k(wan) + '万'
    if low:
        if (yi or wan) and low < 1000: s += '零'
        s += under10k(low)
    if s.startswith('一十'):
        s = s[1:]
    return s

def cn_num(x):
    """Chinese numeral strings for a number (int or decimal string)."""
    xs = str(x)
    if '.' in xs:
        i, f = xs.split('.')
        base = cn_int(int(i)) + '点' + ''.join(DIG[int(c)] for c in f)
        outs = {base}
    else:
        outs = {cn_int(int(xs))}
    more = set()
    for o in outs:
        for a, b in (('二千', '两千'), ('二百', '两百'), ('二万', '两万'), ('二亿', '两亿')):
            if o.startswith(a): more.add(b + o[len(a):])
        if o == '二': more.add('两')
    return outs | more

def fmt(v):
    s = ('%.6f' % v).rstrip('0').rstrip('.')
    return s

def arabic_forms(v):
    s = fmt(v)
    outs = {s}
    i, _, f = s.partition('.')
    if len(i) > 3:
        outs.add('{:,}'.format(int(i)) + ('.' + f if f else ''))
    fw = set()
    for o in outs:
        t = o.translate(str.maketrans('0123456789', '０１２３４５６７８９'))
        fw.add(t); fw.add(t.replace('.', '．'))
    return outs | fw

def num_forms(v, chinese=True):
    outs = set(arabic_forms(v))
    if v >= 1000:
        outs |= {o + '万' for o in arabic_forms(v / 10000)}
        if chinese: outs |= {c + '万' for c in cn_num(fmt(v / 10000))}
    if chinese:
        outs |= cn_num(fmt(v))
    return outs

CLASSES = [['名', '人', '位'], ['人次'], ['所', '校', '园'], ['个', '项', '件', '套'], ['处'],
           ['场', '次', '期', '轮', '批'], ['起'], ['岁', '周岁'], ['分'], ['家'], ['平方米']]
def unit_class(u):
    for c in CLASSES:
        if u in c:
            return c
    return [u]

FIG = re.compile(r'(第)?([0-9][0-9,]*(?:\.[0-9]+)?|[零一二两三四五六七八九十百千万]+)(个百分点|%|人次|平方米|亿元|万元|元|名|人|位|所|校|园|个|项|件|套|处|场|次|期|轮|批|起|岁|分|家|年)')

def cn_to_int(s):
    d = {c: i for i, c in enumerate(DIG)}; d['两'] = 2
    total, sec, num = 0, 0, 0
    for ch in s:
        if ch in d: num = d[ch]
        elif ch in '十百千':
            m = {'十': 10, '百': 100, '千': 1000}[ch]
            sec += (num or 1) * m; num = 0
        elif ch == '万':
            total += (sec + num) * 10000; sec = num = 0
    return total + sec + num

def figures(item):
    """Figures of one facts item: list of (label, variants)."""
    out = []
    m = re.search(r'(\d+)月(\d+)日', item)
    if m:
        mo, da = m.groups()
        v = set()
        for a in num_forms(int(mo)):
            for b in num_forms(int(da)):
                v.add(a + '月' + b + '日')
        out.append((m.group(0), v)); item = item.replace(m.group(0), ' ')
    m = re.search(r'(\d+)至(\d+)岁', item)
    if m:
        a, b = m.groups(); v = set()
        for x in num_forms(int(a)):
            for y in num_forms(int(b)):
                for sep in ('至', '到', '—', '-', '～', '~'):
                    v.add(x + sep + y + '岁'); v.add(x + '岁' + sep + y + '岁')
        out.append((m.group(0), v)); item = item.replace(m.group(0), ' ')
    for m in FIG.finditer(item):
        ordinal, num, unit = m.groups()
        if unit == '年':
            continue
        val = float(num.replace(',', '')) if num[0].isdigit() else cn_to_int(num)
        if unit in ('亿元', '万元', '元'):
            yuan = val * {'亿元': 1e8, '万元': 1e4, '元': 1}[unit]
            v = set()
            for scale, name in ((1e8, '亿元'), (1e4, '万元'), (1, '元')):
                if yuan / scale >= 0.01:
                    v |= {f + name for f in num_forms(round(yuan / scale, 6))}
            if yuan >= 1e8 and yuan % 1e8:
                y, w = divmod(yuan, 1e8)
                v |= {a + '亿' + b + '万元' for a in num_forms(y) for b in num_forms(w / 1e4)}
            out.append((m.group(0), v)); continue
        if unit == '%':
            v = set()
            for f in num_forms(val, chinese=False):
                v |= {f + '%', f + '％'}
            v |= {'百分之' + c for c in cn_num(fmt(val))}
            if val == 100: v.add('百分之百')
            out.append((m.group(0), v)); continue
        if unit == '个百分点':
            out.append((m.group(0), {f + '个百分点' for f in num_forms(val)})); continue
        units = unit_class(unit)
        v = {(ordinal or '') + f + u for f in num_forms(val) for u in units}
        out.append((m.group(0), v))
    return out

def occurs(text, variants):
    for s in variants:
        for mm in re.finditer(re.escape(s), text):
            before = text[mm.start() - 1] if mm.start() else ''
            after = text[mm.end()] if mm.end() < len(text) else ''
            if before and (before in '0123456789０１２３４５６７８９.,．' or (before in DIG + '十百千万两' and s[0] in DIG + '十百千万两')):
                continue
            if after and s[-1] in '0123456789０１２３４５６７８９' and after in '0123456789０１２３４５６７８９.．,':
                continue
            if after and s[-1] in DIG + '十百千万两' and after in DIG + '十百千万两点':
                continue
            if s[-1] == '人' and after == '次':
                continue
            if before == '第' and not s.startswith('第'):
                continue
            return True
    return False

def main():
    errs = []
    rows = [json.loads(l) for l in open(os.path.join(ROOT, 'manifest.jsonl'), encoding='utf-8') if l.strip()]
    ids = [r['id'] for r in rows]
    if len(ids) != len(set(ids)):
        errs.append('duplicate ids')
    counts = {}
    facts_cache = {}
    for r in rows:
        counts[r['group']] = counts.get(r['group'], 0) + 1
        for k in ('facts', 'draft'):
            if not os.path.exists(os.path.join(ROOT, r[k])):
                errs.append('%s: missing %s %s' % (r['id'], k, r[k]))
        if r['facts'] not in facts_cache:
            fy = yaml.safe_load(open(os.path.join(ROOT, r['facts']), encoding='utf-8'))
            items = [it for v in fy['sections'].values() for it in v] + list(fy.get('problems') or [])
            figs = [f for it in items for f in figures(it)]
            facts_cache[r['facts']] = (fy, figs)
        fy, figs = facts_cache[r['facts']]
        text = open(os.path.join(ROOT, r['draft']), encoding='utf-8').read()
        if not (600 <= len(text) <= 2000):
            errs.append('%s: length %d' % (r['id'], len(text)))
        if not text.startswith('# '):
            errs.append('%s: no title line' % r['id'])
        g = r['group']
        if g == 'invented':
            if not r['invented'] or text.count(r['invented']) != 1:
                errs.append('%s: invented %r occurs %d times' % (r['id'], r['invented'], text.count(r['invented'])))
            if r['dropped']:
                errs.append('%s: dropped set on invented' % r['id'])
        else:
            if r['invented']:
                errs.append('%s: invented set on %s' % (r['id'], g))
        if g == 'dropped':
            labels = [l for l, _ in figs]
            if r['dropped'] not in labels:
                errs.append('%s: dropped %r is not a figure of %s' % (r['id'], r['dropped'], r['facts']))
        elif r['dropped']:
            errs.append('%s: dropped set on %s' % (r['id'], g))
        for label, variants in figs:
            present = occurs(text, variants)
            if g == 'dropped' and label == r['dropped']:
                if present:
                    errs.append('%s: dropped figure %s still present' % (r['id'], label))
            elif not present:
                errs.append('%s: fact figure %s missing' % (r['id'], label))
    for g, n in NEED.items():
        if counts.get(g, 0) < n:
            errs.append('group %s has %d < %d' % (g, counts.get(g, 0), n))
    print('drafts per group:', counts, 'total', len(rows))
    for f, (fy, figs) in facts_cache.items():
        print('%s: %d figures in %d categories' % (f, len(figs), len(fy['sections'])))
    if errs:
        print('\n'.join('ERROR ' + e for e in errs))
        sys.exit(1)
    print('OK')

if __name__ == '__main__':
    main()
