class S:
    def __init__(self, keys, t, drop=None):
        self.keys = keys
        self.t = t
        self.drop = drop or {}
