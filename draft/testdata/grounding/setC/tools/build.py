# -*- coding: utf-8 -*-
"""Generate drafts/, manifest.jsonl and audit/forms.json for set C.
Run from /tmp/setC:  python3 tools/build.py
"""
import json, os, random, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import data_a, data_b, data_c, data_d
MODS = [data_a, data_b, data_c, data_d]

CNUM = '零一二三四五六七八九十'
def cn(n):
    if n <= 10: return CNUM[n]
    if n < 20: return '十' + (CNUM[n - 10] if n > 10 else '')
    t, u = divmod(n, 10)
    return CNUM[t] + '十' + (CNUM[u] if u else '')
CIRC = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫'
NSTYLES = 7

def h1(style, i, t):
    if style in (0, 2, 4): return f'## {cn(i)}、{t}'
    if style in (1, 6): return f'**{cn(i)}、{t}**'
    if style == 3: return f'{cn(i)}、{t}'
    return f'### {cn(i)}、{t}'

def h2(style, j, h, para):
    if style == 0: return f'### （{cn(j)}）{h}\n\n{para}'
    if style == 1: return f'（{cn(j)}）{h}。{para}'
    if style == 2: return f'【{h}】\n\n{para}'
    if style == 3: return f'{j}. {h}\n\n{para}'
    if style == 4: return f'**（{cn(j)}）{h}。**{para}'
    if style == 5: return f'#### {j}. {h}\n\n{para}'
    return f'**{j}. {h}**\n\n{para}'

def marker(style, k):
    if style in (2, 6): return CIRC[k - 1]
    if style == 3: return f'（{k}）'
    return cn(k) + '是'

def slots(t):
    return re.findall(r'\{(\w+)\}', t)

class Draft:
    def __init__(self, mod, seed, group, cycle=None, drop=None, inv=None, named=False):
        self.args = ((mod, seed, group), dict(cycle=cycle, drop=drop, inv=inv, named=named))
        self.mod, self.group, self.drop, self.inv, self.named = mod, group, drop, inv, named
        self.rng = random.Random(f'{mod.KEY}|{group}|{seed}')
        rng = self.rng
        self.forms = {}
        for k, fid in enumerate(mod.FIGS):
            fl = mod.FIGS[fid][1]
            self.forms[fid] = fl[(cycle + k) % len(fl)] if cycle is not None else rng.choice(fl)
        if inv and len(inv) > 4:  # force the fact forms that make the invention most adversarial
            self.forms.update(inv[4])
        self.style = cycle % NSTYLES if cycle is not None else rng.randrange(NSTYLES)
        self.used = {}
        self.inv_done = False
        self.named_used = []

    def clause(self, c):
        alts, drops = c
        a = self.rng.randrange(len(alts))
        t = alts[a]
        if self.drop and self.drop in slots(t):
            d = drops[self.drop]
            t = d[min(a, len(d) - 1)]
        for f in slots(t):
            self.used[f] = self.forms[f]
        txt = t.format_map(self.forms)
        if self.inv and self.inv[1] in slots(alts[a]) and not self.inv_done:
            txt += self.inv[2]
            self.inv_done = True
        return txt

    def para(self, lead, clauses, named_sentence=None, allow_run=True):
        rng = self.rng
        texts = [self.clause(c) for c in clauses]
        out = lead
        if named_sentence:
            out += named_sentence
            self.named_used.append(named_sentence)
        if len(texts) >= 2 and allow_run and rng.random() < 0.55:
            out += '；'.join(marker(self.style, k + 1) + t for k, t in enumerate(texts)) + '。'
        else:
            buf = texts[0]
            for t in texts[1:]:
                buf += rng.choice(['；', '。', '，']) + t
            out += buf + '。'
        return out

    def render(self):
        m, rng, st = self.mod, self.rng, self.style
        named = {k: v for k, v in m.NAMED.items() if k not in getattr(self, 'skip', ())} if self.named else {}
        parts = ['# ' + rng.choice(m.TITLES)]
        intro = rng.choice(m.INTRO)
        if 'INTRO' in named:
            intro += named['INTRO']; self.named_used.append(named['INTRO'])
        intro += m.NAMED_INTRO_END if self.named else m.INTRO_END
        if self.named: self.named_used.append(m.NAMED_INTRO_END)
        parts.append(intro)
        secs = list(m.MAIN)
        if rng.random() < 0.5:
            mid = secs[1:]; rng.shuffle(mid); secs = secs[:1] + mid
        parts.append(h1(st, 1, rng.choice(m.MAIN_PART_TITLES)))
        for j, (cat, heads, leads, clauses) in enumerate(secs, 1):
            p = self.para(rng.choice(leads), clauses, named.get(cat))
            parts.append(h2(st, j, rng.choice(heads), p))
        parts.append(h1(st, 2, rng.choice(m.PROBLEM_TITLES)))
        parts.append(self.para(rng.choice(m.PROBLEM_LEAD), m.PROBLEMS))
        parts.append(h1(st, 3, rng.choice(m.PLAN_TITLES)))
        parts.append(self.para(rng.choice(m.PLAN_LEAD), m.PLAN, named.get('PLAN')))
        parts.append(rng.choice(m.CLOSING))
        if self.named:
            parts.append(m.SIGNOFF); self.named_used.append(m.SIGNOFF)
        if self.inv: assert self.inv_done, (m.KEY, self.inv)
        return '\n\n'.join(parts) + '\n'

def main():
    os.chdir(ROOT)
    for f in os.listdir('drafts'):
        os.remove(os.path.join('drafts', f))
    manifest, audit = [], {}
    counters = {}
    def emit(mod, group, d, form, invented='', dropped=''):
        counters[group] = counters.get(group, 0) + 1
        did = f'C-{group}-{counters[group]:03d}'
        text = d.render()
        if d.named:  # keep named drafts under 2000 chars: leave out optional named sentences
            opt = [k for k in d.mod.NAMED if k not in ('INTRO', 'PLAN')]
            random.Random(did).shuffle(opt)
            skip = set()
            while len(text) > 1950 and opt:
                skip.add(opt.pop())
                d = Draft(*d.args[0], **d.args[1]); d.skip = skip
                text = d.render()
        path = f'drafts/{did}.md'
        with open(path, 'w', encoding='utf-8') as fh: fh.write(text)
        manifest.append({'id': did, 'group': group, 'facts': mod.FACTS, 'draft': path,
                         'form': form, 'invented': invented, 'dropped': dropped})
        audit[did] = {'used_forms': d.used, 'named': d.named_used, 'style': d.style}
    for mod in MODS:
        for i in range(7):
            emit(mod, 'clean', Draft(mod, i, 'clean', cycle=i), 'clean (forms cycled, style %d)' % (i % NSTYLES))
    for mod in MODS:
        for k, inv in enumerate(mod.INVENTED):
            emit(mod, 'invented', Draft(mod, k, 'invented', inv=inv), inv[0], invented=inv[3])
    for mod in MODS:
        for k, fid in enumerate(mod.DROPPED):
            lit = mod.FIGS[fid][0]
            emit(mod, 'dropped', Draft(mod, k, 'dropped', drop=fid), 'dropped ' + mod.DROP_KIND[fid], dropped=lit)
    for mod in MODS:
        for k in range(4):
            emit(mod, 'named', Draft(mod, k, 'named', cycle=k + 3, named=True), 'named: numerals in names/fixed phrases/sign-off')
    with open('manifest.jsonl', 'w', encoding='utf-8') as fh:
        for r in manifest: fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    with open('audit/forms.json', 'w', encoding='utf-8') as fh:
        json.dump(audit, fh, ensure_ascii=False, indent=1)
    print(counters)

if __name__ == '__main__':
    main()
