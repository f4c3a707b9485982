import json, sys, tomllib, re
STEMS = {
 "russia": ["rosj","rosji","rosję","rosja","rusij","rusijai","rusija","krievij","venemaa","russland","russischen föderation","russische föderation","federacj","föderation"],
 "belarus": ["białoru","białoruś","baltarusij","baltkrievij","valgeven","belarus","weißrussland","weissrussland"],
 "iran": ["iran","irān","iraan","iranu","iranie"],
 "lukashenko": ["łukaszenk","łukaszenc","lukašenk","lukaschenk","lukashenk"],
 "russia_adj_ignore": [],
}
def norm(s): return s.lower()
for b in sys.argv[1:]:
    ents = {e["key"]: e for e in tomllib.load(open(f"/work/main/eval/{b}_entities.toml","rb"))["entity"]}
    for l in open(f"/work/main/eval/{b}.jsonl", encoding="utf-8"):
        d = json.loads(l); t = norm(d["title"]+" "+d["summary"]); lab = {x["entity"] for x in d["labels"]}
        for k, e in ents.items():
            stems = STEMS.get(k) or [w.lower()[:max(4,len(w)-2)] for w in [e["name"]]+[a for a in e["aliases"] if a.isascii()]]
            hit = any(s in t for s in stems)
            if hit and k not in lab: print(b, d["id"], "UNLABELED?", k)
            if not hit and k in lab and k not in STEMS: print(b, d["id"], "labelled-not-found?", k)
