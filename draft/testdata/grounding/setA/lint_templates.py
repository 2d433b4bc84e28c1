"""Dev aid: list every numeral-looking character in the fixed (non-figure) template text, with context,
so a human can confirm none of it is a quantity."""
import re, tpl_a, tpl_b, tpl_c
SLOT = re.compile(r"\[\[(\w+)\|([^|\]]*)\|([^|\]]*)\]\]")
PAT = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两零半双首几数余多第俩仨%％]")
for T in (tpl_a, tpl_b, tpl_c):
    texts = list(T.TITLES) + list(T.INTROS) + list(T.S1)
    for _, vs in T.BLOCKS:
        for h, b in vs:
            texts += [h, b]
    for h, b in T.PROBLEMS + T.PLANS:
        texts += [h, b]
    ctx = {}
    for t in texts:
        t = SLOT.sub(lambda m: m.group(2).replace("{%s}" % m.group(1), "<F>") + "⟂" + m.group(3), t)
        for m in PAT.finditer(t):
            c = t[max(0, m.start() - 4): m.end() + 4].replace("\n", "/")
            ctx[c] = ctx.get(c, 0) + 1
    print(T.ORG, len(ctx))
    for c in sorted(ctx):
        print("   ", c)
