#!/usr/bin/env python3
"""Self-check for setA. Run from anywhere: python3 verify.py
Checks: manifest paths exist, ids unique, group counts, draft length/title, invented string occurs exactly once,
dropped figure absent in every known form (plus a crude digit+unit-class scan), every other fact figure present,
and a stray-quantity scan: after removing fact figures, years, headings, list numbers and (for named drafts)
the rule-5 names, no numeral-looking text may remain (except the invented string in invented drafts)."""
import json, os, re, sys
import yaml
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import figs

errors = []
def err(*a):
    errors.append(" ".join(str(x) for x in a))

FIGS = {"facts/a.yaml": figs.A, "facts/b.yaml": figs.B, "facts/c.yaml": figs.C}
NUMCH = "0-9０-９一二三四五六七八九十百千万亿两零"
# a form must not continue a longer number: no numeral right before it, and no "<numeral>点" (Chinese decimal point);
# a plain 点 (风险点46个) is an ordinary word
LB = r"(?<![%s])(?<![零一二三四五六七八九十百千]点)" % NUMCH
UNIT_RE = r"(?:个百分点|人次|平方米|万元|亿元|元|%|％|名|人|位|所|校|园|个|项|件|套|处|场|次|期|轮|批|起|亩|米|公里|岁|周岁|分|日|年|月|天|倍|番|成)"

# ---- 1. facts files: every figure in the facts text has a figure spec and vice versa
FACT_FIG = re.compile(r"第?\d[\d,]*(?:\.\d+)?(?:万|亿)?(?:个百分点|人次|平方米|万元|亿元|%|名|人|所|个|项|套|处|场|次|期|轮|起|亩|岁|分|名)|\d+月\d+日")
for fpath, F in FIGS.items():
    d = yaml.safe_load(open(os.path.join(HERE, fpath), encoding="utf-8"))
    facts = [x for v in d["sections"].values() for x in v] + list(d.get("problems") or [])
    found = []
    for fact in facts:
        for m in FACT_FIG.finditer(fact):
            found.append(m.group(0))
    spec = sorted(v[0][0] for v in F.values())
    if sorted(found) != spec:
        err("facts/spec mismatch", fpath, sorted(set(found) ^ set(spec)))
    n = len(found)
    if not 20 <= n <= 35:
        err("figure count", fpath, n)
    print(f"{fpath}: {len(facts) - len(d.get('problems') or [])} facts in {len(d['sections'])} categories, "
          f"{len(d.get('problems') or [])} problems, {n} figures")

# ---- names allowed by rule 5 (removed before the stray scan of named drafts)
NAMES = ["二十届三中全会", "二十大", "十四五", "十五五", "两个确立", "四个意识", "四个自信", "两个维护", "第一议题",
         "三会一课", "八项规定", "四风", "一岗双责", "三重一大", "三个区分开来", "两类学校", "九年一贯制", "四有",
         "四个引路人", "双减", "五项管理", "“5+2”", "“5·12”", "119消防宣传月", "12345", "12315", "12355", "110", "119",
         "120", "“3·15”", "两不愁三保障", "一人一案", "五育并举", "三全育人", "“12·4”", "一校一品", "三个课堂",
         "“4·15”", "“七一”", "“六一”", "“1+X”", "“3+N”", "“1+N”", "“六不”", "开学第一课"]
NAMES.sort(key=len, reverse=True)
ALLOW_WORDS = ["进一步", "下一步", "一体机", "数字化", "上半年", "第三季度", "三季度", "指数", "人数", "数量", "学位数"]
SIGNOFF = re.compile(r"\n\n(\S+教育局)\n\n\d{4}年\d{1,2}月\d{1,2}日\n*$")
HEAD = re.compile(r"(?m)^(?:#+ |\*\*)?(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\. )")
LISTW = re.compile(r"[一二三四五六七八九十]是")
YEAR = {"facts/a.yaml": "2023|2024|2025", "facts/b.yaml": "2024|2025|2026", "facts/c.yaml": "2023|2024|2025"}
RESID = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两零半双首几数余多第倍番%％]")

def present(text, form):
    return re.search(LB + re.escape(form), text) is not None

def strip_forms(text, F, skip=None):
    forms = sorted({f[0] for k, v in F.items() if k != skip for f in v}, key=len, reverse=True)
    for f in forms:
        text = re.sub(LB + re.escape(f), "⟨F⟩", text)
    return text

rows = [json.loads(l) for l in open(os.path.join(HERE, "manifest.jsonl"), encoding="utf-8") if l.strip()]
ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)):
    err("duplicate ids")
counts = {}
for r in rows:
    for k in ("id", "group", "facts", "draft", "form", "invented", "dropped"):
        if k not in r:
            err(r.get("id"), "missing key", k)
    g = r["group"]
    counts[g] = counts.get(g, 0) + 1
    dp, fp = os.path.join(HERE, r["draft"]), os.path.join(HERE, r["facts"])
    if not os.path.exists(dp) or not os.path.exists(fp):
        err(r["id"], "path missing")
        continue
    text = open(dp, encoding="utf-8").read()
    F = FIGS[r["facts"]]
    if not text.startswith("# "):
        err(r["id"], "no title line")
    if not 600 <= len(text) <= 2000:
        err(r["id"], "length", len(text))
    if g != "invented" and r["invented"]:
        err(r["id"], "invented set outside invented group")
    if g != "dropped" and r["dropped"]:
        err(r["id"], "dropped set outside dropped group")
    skip = None
    if g == "invented":
        c = text.count(r["invented"])
        if not r["invented"] or c != 1:
            err(r["id"], "invented occurs", c, "times:", r["invented"])
    if g == "dropped":
        key = next((k for k, v in F.items() if v[0][0] == r["dropped"]), None)
        if key is None:
            err(r["id"], "dropped figure not a facts figure", r["dropped"])
            continue
        skip = key
        for f, _ in F[key]:
            if f in text:
                err(r["id"], "dropped figure still present as", f)
        # crude: the bare Arabic value followed by a unit of the same class
        val = re.match(r"第?([\d,\.]+)", r["dropped"].replace("月", " ").split()[0]).group(1).replace(",", "")
        cls = figs.CLASS[key]
        digits = re.escape(val)
        if cls == "date":
            m_, d_ = re.match(r"(\d+)月(\d+)日", r["dropped"]).groups()
            if re.search(r"(?<!\d)%s月%s日" % (m_, d_), text):
                err(r["id"], "dropped date present")
        elif cls == "rank":
            if re.search(r"第\s*%s(?!\d)" % digits, text):
                err(r["id"], "dropped rank present (digits)")
        else:
            unit = {"person": "[名人位]", "school": "[所校园]", "item": "[个项件套]", "place": "处", "session": "[场次期轮批]",
                    "case": "起", "money": "(?:万元|亿元|元)", "area": "(?:平方米|亩)", "pct": "[%％]", "pp": "个百分点",
                    "age": "岁", "score": "分", "pt": "人次"}[cls]
            for m in re.finditer(r"(?<![\d\.,])%s(?![\d])" % digits, text.replace(",", "")):
                tail = text.replace(",", "")[m.end(): m.end() + 6]
                if re.match(r"(?:万)?%s" % unit, tail):
                    err(r["id"], "dropped value present with same unit class:", m.group(0) + tail)
    # every (other) fact figure present in some form
    for k, v in F.items():
        if k == skip:
            continue
        if not any(present(text, f) for f, _ in v):
            err(r["id"], "fact figure missing:", v[0][0])
    # stray-quantity scan
    t = text
    if g == "invented":
        t = t.replace(r["invented"], "⟨INV⟩")
    if g == "named":
        t = SIGNOFF.sub("\n⟨SIGNOFF⟩", t)
    t = strip_forms(t, F, skip)
    t = re.sub(r"(?:%s)年" % YEAR[r["facts"]], "⟨Y⟩", t)
    t = HEAD.sub("⟨H⟩", t)
    t = LISTW.sub("⟨L⟩", t)
    for w in ALLOW_WORDS:
        t = t.replace(w, "⟨W⟩")
    if g == "named":
        for n in NAMES:
            t = t.replace(n, "⟨N⟩")
    for m in RESID.finditer(t):
        ctx = t[max(0, m.start() - 8): m.end() + 8].replace("\n", "/")
        err(r["id"], "stray numeral:", ctx)

need = {"clean": 30, "invented": 40, "dropped": 20, "named": 20}
for g, n in need.items():
    if counts.get(g, 0) < n:
        err("group", g, "has", counts.get(g, 0), "< required", n)
print("counts:", counts, "total", len(rows))
if errors:
    print(len(errors), "problems:")
    for e in errors:
        print("  ", e)
    sys.exit(1)
print("OK")
