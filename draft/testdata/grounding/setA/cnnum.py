"""Small helpers: Arabic -> Chinese numerals, full-width digits."""
DIG = "零一二三四五六七八九"

def _cn4(n, liang=False):
    # n in 0..9999, returns Chinese numeral without leading 一十 collapse
    units = ["", "十", "百", "千"]
    s = ""
    digits = [int(c) for c in f"{n:04d}"]
    zero = False
    started = False
    for i, d in enumerate(digits):
        u = units[3 - i]
        if d == 0:
            if started:
                zero = True
            continue
        if zero:
            s += "零"
            zero = False
        ch = DIG[d]
        if liang and d == 2 and u in ("百", "千"):
            ch = "两"
        s += ch + u
        started = True
    return s

def cn_int(n, liang=False):
    if n == 0:
        return "零"
    if n >= 100000000:
        raise ValueError(n)
    hi, lo = divmod(n, 10000)
    if hi:
        s = _cn4(hi, liang) + "万"
        if lo:
            if lo < 1000:
                s += "零"
            s += _cn4(lo, liang)
    else:
        s = _cn4(lo, liang)
    if s.startswith("一十"):
        s = s[1:]
    return s

def cn_num(x, liang=False):
    """x given as a string like '1036.5' """
    if "." in x:
        a, b = x.split(".")
        return cn_int(int(a), liang) + "点" + "".join(DIG[int(c)] for c in b)
    return cn_int(int(x), liang)

FW = str.maketrans("0123456789.%", "０１２３４５６７８９．％")

def fw(s):
    return s.translate(FW)

if __name__ == "__main__":
    for t in ["9", "12", "1480", "2160", "18600", "215", "1036.5", "8420", "327", "42500", "1127", "3215", "3260", "210", "20", "110", "1380", "2150", "436.8", "25.4", "689", "100", "10365000"]:
        print(t, cn_num(t), cn_num(t, True))
