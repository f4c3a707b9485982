import json
def L(e, a="none", j=None, s=None):
    if a == "none":
        return {"entity": e, "action": "none", "jurisdiction": None, "status": "none"}
    return {"entity": e, "action": a, "jurisdiction": j, "status": s or "confirmed"}
def I(lang, link, summary, labels, title="", notes="", amb=False):
    return {"lang": lang, "published": None, "title": title, "summary": summary, "link": link,
            "ambiguous": amb, "labels": labels, "notes": notes or None}
import hashlib
from urllib.parse import urlsplit
def _key(url):
    u = urlsplit(url.strip()); host = u.netloc.lower().removeprefix("www.")
    return hashlib.sha256(f"{host}{u.path.rstrip('/')}".lower().encode()).hexdigest()
HIDDEN = set(open("/work/shared/eval/unseen_links.sha256").read().split())
def _loose(url):
    u = urlsplit(url.strip()); host = u.netloc.lower().removeprefix("www.").removeprefix("m.")
    p = u.path.rstrip("/").lower()
    for ext in (".html", ".htm", ".php"):
        p = p.removesuffix(ext)
    return host + p
REAL = {_loose(json.loads(l)["link"]) for l in open("/work/shared/eval/real.jsonl")}
def write(prefix, items, path):
    seen = set()
    kept = []
    for it in items:
        k = _key(it["link"])
        if k in HIDDEN: print("DROP unseen", it["link"]); continue
        if _loose(it["link"]) in REAL: print("DROP real", it["link"]); continue
        kept.append(it)
    items = kept
    with open(path, "w", encoding="utf-8") as f:
        for n, it in enumerate(items, 1):
            assert it["link"] not in seen, it["link"]; seen.add(it["link"])
            keys = [l["entity"] for l in it["labels"]]
            d = {"id": f"{prefix}-{n:03d}", **it}
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(len(items), "items ->", path)
