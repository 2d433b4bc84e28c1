"""Figure specs: every figure of the three facts files, with its equivalent written forms.
Each form is (text, label). The first form is the figure exactly as written in the facts file."""
from cnnum import cn_num, fw

def count(fact, val, unit, persons_swap=None, sep=False, extra=()):
    f = [(fact, "as-facts")]
    plain = val + unit
    if plain != fact:
        f.append((plain, "arabic-plain"))
    if sep and "," not in fact:
        ip, _, dp = val.partition(".")
        s = f"{int(ip):,}" + ("." + dp if dp else "")
        f.append((s + unit, "thousands-sep"))
    f.append((cn_num(val) + unit, "cn-numeral"))
    l = cn_num(val, liang=True)
    if l != cn_num(val):
        f.append((l + unit, "cn-numeral-liang"))
    f.append((fw(val) + unit, "fullwidth"))
    if persons_swap:
        for u in persons_swap:
            f.append((val + u, "person-unit-swap"))
            f.append((cn_num(val) + u, "cn-numeral+person-unit-swap"))
    for e in extra:
        f.append(e)
    return f

def pct(val):
    return [(val + "%", "as-facts"), (val + "％", "fullwidth-percent"),
            ("百分之" + (cn_num(val) if val != "100" else "百"), "百分之"),
            (fw(val) + "％", "fullwidth")]

def pp(val):
    return [(val + "个百分点", "as-facts"), (cn_num(val) + "个百分点", "cn-numeral")]

def rank(n):
    return [(f"第{n}名", "as-facts"), (f"第{cn_num(n)}名", "cn-ordinal"), (f"第{fw(n)}名", "fullwidth")]

def date(m, d):
    return [(f"{m}月{d}日", "as-facts"), (f"{cn_num(m)}月{cn_num(d)}日", "cn-date"),
            (f"{fw(m)}月{fw(d)}日", "fullwidth")]

# ---------------------------------------------------------------- A
A = {
 "a_dy": count("9名", "9", "名", persons_swap=["人"]),
 "a_px": count("12场", "12", "场"),
 "a_pt": count("1,480人次", "1480", "人次"),
 "a_xx": count("4所", "4", "所"),
 "a_xw": count("2160个", "2160", "个", sep=True),
 "a_tz": [("1.35亿元", "as-facts"), ("13500万元", "rescaled-万"), ("13,500万元", "rescaled-万+sep"),
          ("一点三五亿元", "cn-numeral"), ("１．３５亿元", "fullwidth"), ("135,000,000元", "rescaled-元+sep")],
 "a_cd": count("3处", "3", "处"),
 "a_mj": count("18600平方米", "18600", "平方米", sep=True, extra=[("1.86万平方米", "rescaled-万")]),
 "a_tg": count("72名", "72", "名", persons_swap=["人"]),
 "a_age": count("24岁", "24", "岁"),
 "a_lg": count("215人", "215", "人", persons_swap=["名"]),
 "a_gg": pct("31.6"),
 "a_sx": pct("68.7"),
 "a_pp": pp("2.3"),
 "a_rank": rank("2"),
 "a_score": count("12.6分", "12.6", "分"),
 "a_date": date("11", "28"),
 "a_lun": count("6轮", "6", "轮"),
 "a_yh": count("327项", "327", "项"),
 "a_aj": count("14起", "14", "起"),
 "a_zz": [("1,036.5万元", "as-facts"), ("1036.5万元", "arabic-plain"), ("一千零三十六点五万元", "cn-numeral"),
          ("10,365,000元", "rescaled-元+sep"), ("10365000元", "rescaled-元"), ("１０３６．５万元", "fullwidth")],
 "a_rc": count("8,420人次", "8420", "人次"),
 "a_hsn": count("40名", "40", "名", persons_swap=["人", "位"]),
 "a_yx": count("26期", "26", "期"),
 "a_ry": pct("93.5"),
 "a_yey": count("5所", "5", "所"),
 "a_sb": count("1,150套", "1150", "套"),
 "a_wl": pct("100"),
}
# ---------------------------------------------------------------- B
B = {
 "b_xx": count("8次", "8", "次"),
 "b_fx": count("46个", "46", "个"),
 "b_tz": [("2.8亿元", "as-facts"), ("28000万元", "rescaled-万"), ("28,000万元", "rescaled-万+sep"),
          ("二点八亿元", "cn-numeral"), ("２．８亿元", "fullwidth"), ("280,000,000元", "rescaled-元+sep")],
 "b_mj": count("42,500平方米", "42500", "平方米", extra=[("4.25万平方米", "rescaled-万")]),
 "b_yd": count("56.3亩", "56.3", "亩"),
 "b_wx": count("11所", "11", "所"),
 "b_wxzj": count("960万元", "960", "万元", extra=[("9,600,000元", "rescaled-元+sep")]),
 "b_tt": date("9", "1"),
 "b_ty": count("2所", "2", "所", extra=[("两所", "cn-numeral-liang")]),
 "b_zp": count("120名", "120", "名", persons_swap=["人"]),
 "b_pxq": count("3期", "3", "期"),
 "b_pxrc": count("3,260人次", "3260", "人次"),
 "b_hj": count("37项", "37", "项"),
 "b_score": count("85.4分", "85.4", "分"),
 "b_rank": rank("3"),
 "b_yl": pct("57.8"),
 "b_pp": pp("4.5"),
 "b_date": date("2", "17"),
 "b_fn": count("210场", "210", "场"),
 "b_sl": [("4.6万人次", "as-facts"), ("46000人次", "rescaled-plain"), ("46,000人次", "rescaled+sep"),
          ("四万六千人次", "cn-numeral"), ("４．６万人次", "fullwidth")],
 "b_xw": count("1,380个", "1380", "个"),
 "b_ph": pct("91.2"),
 "b_ddb": count("6个", "6", "个"),
 "b_jn": count("15项", "15", "项"),
 "b_jt": count("9个", "9", "个"),
 "b_cy": count("34所", "34", "所"),
 "b_dbe": count("17所", "17", "所"),
 "b_bm": count("63人", "63", "人"),
 "b_qk": count("48名", "48", "名", persons_swap=["人"]),
 "b_jk": pct("82"),
}
# b_ty: "2所" cn form is 二所 which is unidiomatic; drop it
B["b_ty"] = [f for f in B["b_ty"] if f[0] != "二所"]
# ---------------------------------------------------------------- C
C = {
 "c_dr": count("21次", "21", "次"),
 "c_xc": count("1,860人次", "1860", "人次"),
 "c_bs": count("430处", "430", "处"),
 "c_sp": count("58项", "58", "项"),
 "c_bl": count("2起", "2", "起", extra=[("两起", "cn-numeral-liang")]),
 "c_zxj": [("436.8万元", "as-facts"), ("四百三十六点八万元", "cn-numeral"), ("4,368,000元", "rescaled-元+sep"),
           ("4368000元", "rescaled-元"), ("４３６．８万元", "fullwidth")],
 "c_kn": count("3,215名", "3215", "名", persons_swap=["人"]),
 "c_wx": count("23个", "23", "个"),
 "c_tz": [("2,150万元", "as-facts"), ("2150万元", "arabic-plain"), ("二千一百五十万元", "cn-numeral"),
          ("两千一百五十万元", "cn-numeral-liang"), ("0.215亿元", "rescaled-亿"), ("21,500,000元", "rescaled-元+sep")],
 "c_mu": count("12.5亩", "12.5", "亩"),
 "c_xr": count("98名", "98", "名", persons_swap=["人"]),
 "c_dg": date("9", "2"),
 "c_age": count("25.4岁", "25.4", "岁"),
 "c_pq": count("2期", "2", "期", extra=[("两期", "cn-numeral-liang")]),
 "c_pr": count("164人", "164", "人", persons_swap=["名"]),
 "c_bk": count("1,127人", "1127", "人", persons_swap=["名"]),
 "c_pp": pp("3.1"),
 "c_zg": count("689分", "689", "分"),
 "c_rank": rank("4"),
 "c_sj": [("2.3万人次", "as-facts"), ("23000人次", "rescaled-plain"), ("23,000人次", "rescaled+sep"),
          ("二万三千人次", "cn-numeral"), ("两万三千人次", "cn-numeral-liang"), ("２．３万人次", "fullwidth")],
 "c_xw": count("720个", "720", "个"),
 "c_gb": pct("54.6"),
 "c_kh": pct("96.3"),
 "c_bek": count("52人", "52", "人"),
 "c_xgm": count("28所", "28", "所"),
}
for d in (B, C):
    for k, v in d.items():
        d[k] = [f for f in v if not (f[0] in ("二所", "二起", "二期"))]

# unit class of each figure (used by the dropped-figure check in verify.py)
CLASS = {}
def _cls(form):
    for u, c in [("个百分点", "pp"), ("人次", "pt"), ("平方米", "area"), ("万元", "money"), ("亿元", "money"), ("元", "money"),
                 ("%", "pct"), ("名", "person"), ("人", "person"), ("位", "person"), ("所", "school"), ("个", "item"),
                 ("项", "item"), ("套", "item"), ("处", "place"), ("场", "session"), ("次", "session"), ("期", "session"),
                 ("轮", "session"), ("起", "case"), ("亩", "area"), ("岁", "age"), ("分", "score"), ("日", "date")]:
        if form.endswith(u):
            return c
    raise ValueError(form)
for d in (A, B, C):
    for k, v in d.items():
        c = "rank" if v[0][0].startswith("第") else _cls(v[0][0])
        CLASS[k] = c
