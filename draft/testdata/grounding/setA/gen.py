#!/usr/bin/env python3
"""Generator for setA drafts. Run: python3 gen.py  (writes drafts/ and manifest.jsonl)."""
import json, random, re, os, sys
import figs, tpl_a, tpl_b, tpl_c

HERE = os.path.dirname(os.path.abspath(__file__))
SLOT = re.compile(r"\[\[(\w+)\|([^|\]]*)\|([^|\]]*)\]\]")
CN_IDX = "一二三四五六七八九十"
SETS = [("A", "facts/a.yaml", tpl_a, figs.A), ("B", "facts/b.yaml", tpl_b, figs.B), ("C", "facts/c.yaml", tpl_c, figs.C)]

def all_texts(T):
    out = []
    for _, vs in T.BLOCKS:
        out += [v[1] for v in vs]
    out += [p[1] for p in T.PROBLEMS] + [p[1] for p in T.PLANS]
    return out

def check_templates(T, F):
    # every figure key appears exactly once in one variant of each block, and in every variant of that block
    seen = {}
    for name, vs in T.BLOCKS + [("problems", T.PROBLEMS), ("plan", T.PLANS)]:
        keysets = [sorted(m.group(1) for m in SLOT.finditer(v[1])) for v in vs]
        for ks in keysets:
            assert ks == keysets[0], (name, keysets)
            assert len(ks) == len(set(ks)), (name, ks)
        for k in keysets[0]:
            assert k not in seen, k
            seen[k] = name
        for v in vs:
            for m in SLOT.finditer(v[1]):
                assert "{%s}" % m.group(1) in m.group(2), m.group(0)
                assert "{" not in m.group(3)
    missing = set(F) - set(seen)
    assert not missing, missing

def choose_forms(F, rng, force=None, min_alt=6):
    while True:
        ch = {}
        for k, forms in F.items():
            if rng.random() < 0.45:
                ch[k] = forms[0]
            else:
                alts = forms[1:] or forms
                w = [0.2 if "fullwidth" in f[1] else 0.5 if f[1].startswith("cn-numeral") else 1.0 for f in alts]
                ch[k] = rng.choices(alts, weights=w)[0]
        if force:
            for k, v in force.items():
                ch[k] = next(f for f in F[k] if f[0] == v)
        nfw = sum(1 for k in ch if "fullwidth" in ch[k][1])
        if sum(1 for k in ch if ch[k][1] != "as-facts") >= min_alt and nfw <= 3:
            return ch

def fill(text, forms, drop=None):
    def rep(m):
        k, w, d = m.groups()
        if k == drop:
            return d
        return w.replace("{%s}" % k, forms[k][0])
    return SLOT.sub(rep, text)

def insert_before_last_sentence(par, sent):
    parts = [p for p in re.split(r"(?<=。)", par) if p]
    if len(parts) == 1:
        return par + sent
    return "".join(parts[:-1]) + sent + parts[-1]

def render(T, F, rng, forms, drop=None, inv=None, named=None, style=None):
    """inv: (block, sentence); named: dict block -> list of sentences, plus 'intro' replacement, 'signoff'."""
    title = rng.choice(T.TITLES)
    intro = rng.choice(T.INTROS)
    if named and named.get("intro"):
        intro = named["intro"]
    if inv and inv[0] == "intro":
        intro = insert_before_last_sentence(intro, inv[1])
    style = rng.randrange(3) if style is None else style
    def h1(s):
        return ("## " if style in (1, 2) else "") + s
    def h2(s):
        return {0: s, 1: "### " + s, 2: "**" + s + "**"}[style]
    out = ["# " + title, "", intro, "", h1("一、" + rng.choice(T.S1)), ""]
    for i, (name, vs) in enumerate(T.BLOCKS):
        head, body = rng.choice(vs)
        body = fill(body, forms, drop)
        if inv and inv[0] == name:
            body = body + inv[1]
        if named:
            for s in named.get(name, []):
                body = body + s
        out += [h2("（%s）%s" % (CN_IDX[i], head)), "", body, ""]
    ph, pb = rng.choice(T.PROBLEMS)
    pb = fill(pb, forms, drop)
    if inv and inv[0] == "problems":
        pb = pb + inv[1]
    out += [h1("二、" + ph), "", pb, ""]
    lh, lb = rng.choice(T.PLANS)
    lb = fill(lb, forms, drop)
    if inv and inv[0] == "plan":
        lb = lb + inv[1]
    if named:
        for s in named.get("plan", []):
            last = lb.split("\n")[-1]
            lb = lb + s if (lb.endswith("。") and not last[:1].isdigit()) else lb + "\n\n" + s
    out += [h1("三、" + lh), "", lb, ""]
    if named and named.get("signoff"):
        out += ["", T.ORG, "", named["signoff"], ""]
    return "\n".join(out)

def form_summary(forms):
    c = {}
    for k, (t, lab) in forms.items():
        if lab != "as-facts":
            c[lab] = c.get(lab, 0) + 1
    return ", ".join("%s×%d" % (k, v) for k, v in sorted(c.items()))

def main():
    rows = []
    os.makedirs(os.path.join(HERE, "drafts"), exist_ok=True)
    for f in os.listdir(os.path.join(HERE, "drafts")):
        os.remove(os.path.join(HERE, "drafts", f))
    for letter, facts, T, F in SETS:
        check_templates(T, F)
        rng = random.Random("setA-" + letter)
        n = {"clean": 0, "invented": 0, "dropped": 0, "named": 0}
        def emit(group, text, form, invented="", dropped=""):
            assert 600 <= len(text) <= 2000, (letter, group, len(text))
            n[group] += 1
            did = "%s-%s-%03d" % (letter, group, n[group])
            path = "drafts/%s.md" % did
            with open(os.path.join(HERE, path), "w", encoding="utf-8") as fh:
                fh.write(text)
            rows.append({"id": did, "group": group, "facts": facts, "draft": path, "form": form,
                         "invented": invented, "dropped": dropped})
        def fitted(**kw):
            for _ in range(200):
                forms = choose_forms(F, rng, kw.pop("force", None) if False else kw.get("force"))
                t = render(T, F, rng, forms, drop=kw.get("drop"), inv=kw.get("inv"), named=kw.get("named"))
                if 600 <= len(t) <= 2000:
                    return t, forms
            raise RuntimeError("cannot fit length")
        seen = set()
        # clean
        for i in range(11):
            while True:
                t, forms = fitted()
                if t not in seen:
                    break
            seen.add(t)
            emit("clean", t, "clean; alternative forms: " + form_summary(forms))
        # named
        named_keys = [k for k in T.NAMED]
        cyc = {k: 0 for k in named_keys}
        for i in range(8):
            for _ in range(200):
                nm = {}
                labels = []
                if i % 3 != 2:
                    ni = T.NAMED_INTROS[i % len(T.NAMED_INTROS)]
                    nm["intro"] = ni[0]
                    labels.append(ni[1])
                picks = rng.sample(named_keys, k=min(len(named_keys), 4 + i % 3))
                for k in picks:
                    s, lab = T.NAMED[k][cyc[k] % len(T.NAMED[k])]
                    cyc[k] += 1
                    nm.setdefault(k, []).append(s)
                    labels.append(lab)
                if i % 4 != 3:
                    nm["signoff"] = T.SIGNOFF_DATES[i % len(T.SIGNOFF_DATES)]
                    labels.append("sign-off date " + nm["signoff"])
                forms = choose_forms(F, rng)
                t = render(T, F, rng, forms, named=nm)
                if 600 <= len(t) <= 2000 and t not in seen:
                    break
            else:
                raise RuntimeError("named fit")
            seen.add(t)
            emit("named", t, "named numbers that are not claims: " + "; ".join(labels) + " | forms: " + form_summary(forms))
        # invented
        for form, block, sent, invs, force in T.INVENTED:
            assert sent.count(invs) == 1
            for _ in range(200):
                forms = choose_forms(F, rng, force=force)
                t = render(T, F, rng, forms, inv=(block, sent))
                if 600 <= len(t) <= 2000 and t.count(invs) == 1:
                    break
            else:
                raise RuntimeError(("inv", invs))
            emit("invented", t, form, invented=invs)
        # dropped
        for key, kind in T.DROPPED:
            for _ in range(200):
                forms = choose_forms(F, rng)
                t = render(T, F, rng, forms, drop=key)
                if 600 <= len(t) <= 2000 and not any(f[0] in t for f in F[key]):
                    break
            else:
                raise RuntimeError(("drop", key))
            emit("dropped", t, "dropped %s (%s)" % (F[key][0][0], kind), dropped=F[key][0][0])
    with open(os.path.join(HERE, "manifest.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows), "drafts")

if __name__ == "__main__":
    main()
