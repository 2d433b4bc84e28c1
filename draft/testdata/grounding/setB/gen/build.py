#!/usr/bin/env python3
# Generator for grounding test set B. Run from anywhere: python3 gen/build.py
import os, re, sys, json, random
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ROOT = os.path.dirname(HERE)  # setB/
import data_a, data_b, data_c

FILES = [('a', data_a, 'facts/a.yaml'), ('b', data_b, 'facts/b.yaml'), ('c', data_c, 'facts/c.yaml')]
CN = '一二三四五六七八九十'
PH = re.compile(r'\{(\w+)(!n)?\}')

def compatible(t, forms):
    for k, flag in PH.findall(t):
        if flag and forms[k].endswith('人'):
            return False
    return True

def fill(t, forms, used):
    def rep(m):
        used.append(forms[m.group(1)])
        return forms[m.group(1)]
    return PH.sub(rep, t)

def render_S(s, forms, rng, drop_key, used):
    cands = s.drop[drop_key] if drop_key in s.keys else s.t
    cands = [t for t in cands if compatible(t, forms)]
    return fill(rng.choice(cands), forms, used)

def unit_clauses(sec, forms, rng, mode, drop_key, inv, used, nfill_max):
    """Return (lead_or_None, items) for a section/part."""
    lead = rng.choice(sec['lead']) if sec.get('lead') else None
    fills = list(sec.get('fill', []))
    if sec.get('fill_all'):
        chosen = fills[:1] + rng.sample(fills[1:], rng.randint(1, len(fills) - 1))
    else:
        n = min(len(fills), rng.choice([1, 1, 2][:nfill_max + 1] if nfill_max else [0]))
        chosen = rng.sample(fills, n) if n else []
    facts = [render_S(s, forms, rng, drop_key, used) for s in sec.get('facts', [])]
    items = []
    if chosen:
        items.append(chosen[0])
    items += facts
    items += chosen[1:]
    if not items and not lead:
        items = fills[:1]
    if mode == 'named' and sec.get('named'):
        k = 0
        r = rng.random()
        if r < 0.85: k = 1
        if r < 0.30 and len(sec['named']) > 1: k = 2
        for nm in rng.sample(sec['named'], k):
            items.insert(rng.randint(0, min(1, len(items))), nm)
    if inv and inv[0] == sec['key']:
        items.insert(rng.randint(1 if len(items) > 1 else 0, len(items)), inv[1])
    return lead, items

def joinitems(items, rng):
    out = items[0]
    for it in items[1:]:
        out += ('，' if rng.random() < 0.25 and '，' not in it else '。') + it
    return out + '。'

def para(lead, items, style, rng=None):
    if style == 'prose' or not items:
        cl = ([lead] if lead else []) + items
        return [joinitems(cl, rng)]
    if style == 'yishi':
        body = '；'.join('%s是%s' % (CN[i], it) for i, it in enumerate(items)) + '。'
        return [((lead + '。') if lead else '') + body]
    if style == 'numbered':
        out = [lead + '：'] if lead else []
        out.append('\n'.join('%d. %s。' % (i + 1, it) for i, it in enumerate(items)))
        return out
    raise ValueError(style)

def render(D, seed, mode='clean', drop_key=None, inv=None, nfill_max=2):
    rng = random.Random(seed)
    forms = {}
    for k, (canon, fl) in D.FIGS.items():
        forms[k] = canon if rng.random() < 0.35 else rng.choice(fl)
    used = []
    out = ['# ' + rng.choice(D.TITLES), '']
    # intro
    intro = list(rng.choice(D.INTRO))
    if mode == 'named':
        for nm in rng.sample(D.INTRO_NAMED, rng.choice([1, 2])):
            intro.insert(1 if len(intro) > 1 else 0, nm)
    if inv and inv[0] == 'intro':
        intro.insert(max(len(intro) - 1, 1) if len(intro) > 1 else 1, inv[1])
    if len(intro) > 1:
        out += ['，'.join(intro[:-1]) + '。' + intro[-1] + '。', '']
    else:
        out += [intro[0] + '。', '']
    sub_style = rng.choice(['h3', 'bold', 'plain'])
    n = 0
    parts = list(getattr(D, 'PRE', [])) + ['SECTIONS'] + list(D.TAIL)
    list_parts = [p for p in parts if p != 'SECTIONS']
    yishi_forced = rng.choice(list_parts)['key'] if mode == 'named' else None
    for p in parts:
        n += 1
        if p == 'SECTIONS':
            out += ['## %s、%s' % (CN[n - 1], rng.choice(D.MAIN_HEADS)), '']
            secs = list(D.SECTIONS)
            if rng.random() < 0.6:
                i, j = rng.sample(range(1, len(secs)), 2)
                secs[i], secs[j] = secs[j], secs[i]
            for si, sec in enumerate(secs):
                lead, items = unit_clauses(sec, forms, rng, mode, drop_key, inv, used, nfill_max)
                head = '（%s）%s' % (CN[si] if si < 10 else '十' + CN[si - 10], rng.choice(sec['heads']))
                text = joinitems(items, rng)
                if sub_style == 'h3':
                    out += ['### ' + head, '', text, '']
                elif sub_style == 'bold':
                    out += ['**%s。**%s' % (head, text), '']
                else:
                    out += [head, text, '']
        else:
            out += ['## %s、%s' % (CN[n - 1], rng.choice(p['heads'])), '']
            lead, items = unit_clauses(p, forms, rng, mode, drop_key, inv, used, nfill_max)
            if yishi_forced == p['key']:
                style = 'yishi'
            else:
                style = rng.choice(['prose', 'numbered', 'yishi'] if mode == 'named' else ['prose', 'prose', 'numbered'])
            out += para(lead, items, style, rng) + ['']
    if rng.random() < 0.6:
        out += ['。'.join([rng.choice(D.CLOSING)]) + '。', '']
    if mode == 'named':
        out += [D.ORG, rng.choice(D.SIGNOFF), '']
    text = '\n'.join(out)
    return text, forms, used

# ---------- self-check: stray numerals ----------
NAMED_PHRASES = ['二十大', '二十届二中、三中全会', '二十届三中全会', '两个确立', '四个意识', '四个自信', '两个维护', '五育并举',
    '十四五', '十五五', '第一议题', '三会一课', '一岗双责', '八项规定', '四风', '三重一大', '三个区分开来', '两类学校', '一校一策',
    '1+N', '四有', '四个引路人', '十项准则', '一票否决', '双减', '5+2', '五项管理', '3+1+2', '三全育人', '五四', '六一', '12·4',
    '9·20', '三个课堂', '2.0', '12345', '110、119、120', '5·12', '119', '3·15', '12315', '九年义务教育', '1+X', '三教', '双师型',
    '3+N', '一校一品', '12355', '12356', '4·15', '一把手', '三保', '两不愁三保障', '一人一案', '两免一补', '第一书记', '6·26']
WHITELIST = ['习近平', '人数', '进一步', '下一步', '数字', '数据', '统一']
SCAN = re.compile(r'[0-9０-９零〇一二两三四五六七八九十百千万亿半倍双几数余多近约首]')

def strays(text, D, used, inv=None, mode='clean'):
    r = text
    lines = r.split('\n')
    if mode == 'named':  # sign-off block
        lines = lines[:-3]
    r = '\n'.join(lines)
    for s in sorted(set(used) | ({inv} if inv else set()), key=len, reverse=True):
        r = r.replace(s, '＠')
    r = re.sub(r'^#+ [一二三四五六七八九十]+、', '', r, flags=re.M)
    r = re.sub(r'（[一二三四五六七八九十]+）', '', r)
    r = re.sub(r'^\d+\. ', '', r, flags=re.M)
    r = re.sub(r'[；。]?[一二三四五六七八九十]是', '', r)
    r = re.sub(r'20(23|24|25|26)年', 'Y', r)
    if mode == 'named':
        for ph in sorted(NAMED_PHRASES, key=len, reverse=True):
            r = r.replace(ph, '＃')
    for w in WHITELIST:
        r = r.replace(w, '～')
    hits = []
    for m in SCAN.finditer(r):
        hits.append(r[max(0, m.start() - 8): m.end() + 8].replace('\n', '/'))
    return hits

def form_desc(D, forms):
    d = []
    for k, (canon, fl) in D.FIGS.items():
        if forms[k] != canon:
            d.append('%s→%s' % (canon, forms[k]))
    return d

def main():
    ddir = os.path.join(ROOT, 'drafts')
    for f in os.listdir(ddir):
        if f.endswith('.md'):
            os.remove(os.path.join(ddir, f))
    manifest = []
    counters = {}
    problems = []

    def emit(group, fid, D, fpath, text, form, inv='', dropped=''):
        counters[group] = counters.get(group, 0) + 1
        did = 'B-%s-%03d' % (group, counters[group])
        rel = 'drafts/%s.md' % did
        with open(os.path.join(ROOT, rel), 'w', encoding='utf-8') as fh:
            fh.write(text)
        manifest.append({'id': did, 'group': group, 'facts': fpath, 'draft': rel, 'form': form,
                         'invented': inv, 'dropped': dropped})

    def ok_len(t):
        return 600 <= len(t) <= 2000

    # clean + named
    for group, mode, per_file, base in [('clean', 'clean', 11, 1000), ('named', 'named', 8, 2000)]:
        for fid, D, fpath in FILES:
            for i in range(per_file):
                seed = base + ord(fid) * 100 + i
                for attempt in range(300):
                    text, forms, used = render(D, seed + attempt * 7919, mode, nfill_max=2 if attempt < 150 else 1)
                    if ok_len(text):
                        break
                h = strays(text, D, used, mode=mode)
                if h: problems.append((group, fid, i, h))
                fd = form_desc(D, forms)
                label = 'all facts, equivalent forms: ' + ('; '.join(fd) if fd else 'canonical')
                if mode == 'named':
                    label = 'named numerals (policy phrases, hotlines, days, models, 一是, sign-off) + ' + label
                emit(group, fid, D, fpath, text, label)
    # invented
    for fid, D, fpath in FILES:
        for i, (where, sent, inv, desc) in enumerate(D.INVENTED):
            seed = 3000 + ord(fid) * 100 + i
            for attempt in range(500):
                text, forms, used = render(D, seed + attempt * 7919, 'clean', inv=(where, sent))
                if ok_len(text) and text.count(inv) == 1 and sent in text:
                    break
            else:
                raise SystemExit('cannot place invented %s %s' % (fid, inv))
            h = strays(text, D, used, inv=inv)
            if h: problems.append(('invented', fid, i, h))
            emit('invented', fid, D, fpath, text, desc, inv=inv)
    # dropped
    for fid, D, fpath in FILES:
        for i, (key, desc) in enumerate(D.DROPPED):
            seed = 4000 + ord(fid) * 100 + i
            for attempt in range(300):
                text, forms, used = render(D, seed + attempt * 7919, 'clean', drop_key=key)
                if ok_len(text):
                    break
            h = strays(text, D, used)
            if h: problems.append(('dropped', fid, i, h))
            emit('dropped', fid, D, fpath, text, 'dropped ' + desc + ' (' + D.FIGS[key][0] + ')', dropped=D.FIGS[key][0])
    with open(os.path.join(ROOT, 'manifest.jsonl'), 'w', encoding='utf-8') as fh:
        for m in manifest:
            fh.write(json.dumps(m, ensure_ascii=False) + '\n')
    print(counters)
    for p in problems:
        print('STRAY', p)

if __name__ == '__main__':
    main()
